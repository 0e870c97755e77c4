"""Keyword tables for the policy calculator (eligibility).

One table per dimension: canonical name -> surface forms as documents and
users write them. Matching is longest-surface-first with masking, so
`科技型中小企业` is not also read as `中小企业`, and `科技企业孵化器` is an
incubator, not a tech company. A surface may map to several canonical names
through MULTI (`中小微企业` is both 中小企业 and 小微企业).
"""

from __future__ import annotations

import re

# Words that make a sentence offer support.
SUPPORT_CUES = (
    "支持", "鼓励", "扶持", "给予", "补助", "资助", "奖励", "奖补", "补贴", "优惠", "减免", "免征", "免税",
    "加计扣除", "税前扣除", "抵扣", "分期缴纳", "贷款", "补偿", "用地", "贴息", "股权激励", "分红", "激励",
    "担保", "融资", "创新券", "准备金", "配套资金", "扶持资金", "落户", "入户", "安家", "倾斜", "居住保障",
    "收益权", "处置权", "免租", "减半", "优先安排", "优先保障", "资金支持",
)

BENEFICIARIES: dict[str, tuple[str, ...]] = {
    "高新技术企业": ("高新技术企业", "高新企业"),
    "科技型中小企业": ("科技型中小企业", "中小科技型企业", "中小科技企业", "科技型中小微企业", "科小"),
    "瞪羚企业": ("瞪羚企业", "瞪羚", "独角兽企业", "雏鹰"),
    "专精特新企业": ("专精特新", "小巨人", "专、特、精、新"),
    "孵化器/众创空间": (
        "孵化器", "众创空间", "孵化载体", "加速器", "创业苗圃", "孵化基地", "科技企业孵化", "孵化育成",
        "创业孵化示范基地", "孵化平台",
    ),
    "初创企业": ("在孵企业", "初创企业", "初创期", "种子期", "创业企业", "创业团队", "创业人员", "创客"),
    "新型研发机构": ("新型研发机构",),
    "高等学校和科研机构": (
        "高等学校", "高等院校", "高校", "科研机构", "科研院所", "科研单位", "高职院校", "大学", "职业技术学院",
    ),
    "科研人员": (
        "科研人员", "科技人员", "技术人员", "研发人员", "研究人员", "人员激励", "个人奖励", "科研骨干",
        "搞科研的", "研究员",
    ),
    "人才/团队": (
        "高层次人才", "领军人才", "创新创业人才", "科技人才", "海外人才", "高端人才", "青年人才", "紧缺人才",
        "技能人才", "专业人才", "顶尖人才", "创新型人才", "实用人才", "创新团队", "科研团队", "人才团队",
        "和团队", "高校毕业生", "青年企业家", "人才和团队", "英才", "博士", "专家",
    ),
    "规模以上工业企业": ("规模以上工业企业", "规上工业企业", "规模以上企业", "规上企业", "规模以上科技型工业企业"),
    "大型企业": ("大型骨干企业", "大型工业企业", "大型企业", "大企业", "龙头企业", "骨干企业", "行业龙头"),
    "中小企业": ("中小企业",),
    "小微企业": ("小微企业", "小型微型企业", "微型企业", "小企业"),
    "科技企业": ("科技企业", "科技型企业", "创新型企业", "科技型工业企业", "研发型企业"),
    "制造业企业": ("制造业企业", "制造企业", "工业企业"),
    "外资企业": ("外资企业", "外商投资企业", "外资研发中心", "外资", "跨国公司", "世界500强"),
    "上市企业": ("上市企业", "上市公司", "已上市", "拟上市", "上市后备企业"),
    "金融机构": (
        "金融机构", "商业银行", "银行机构", "银行", "保险公司", "保险资金", "小额贷款公司", "担保机构", "投资机构",
    ),
    "科技服务机构": ("科技服务机构", "中介服务机构", "高端服务机构", "专业服务机构", "服务机构"),
}

# Surfaces that name more than one beneficiary.
MULTI: dict[str, tuple[str, ...]] = {
    "中小微企业": ("中小企业", "小微企业"),
    "科技型小微企业": ("科技型中小企业", "小微企业"),
    "中小高新技术企业": ("高新技术企业", "中小企业"),
}

# A profile qualification also qualifies (ranked after exact matches) for these.
IMPLIES: dict[str, tuple[str, ...]] = {
    "高新技术企业": ("科技企业",),
    "科技型中小企业": ("科技企业", "中小企业"),
    "瞪羚企业": ("科技企业",),
    "专精特新企业": ("中小企业",),
    "小微企业": ("中小企业",),
    "初创企业": ("小微企业", "中小企业"),
    "科研人员": ("人才/团队", "高等学校和科研机构"),
    "规模以上工业企业": ("制造业企业",),
    "上市企业": ("大型企业",),
}

# Named as the channel of a measure (`鼓励金融机构向科技型中小企业发放信用贷款`):
# when a sentence also names whom it is for, that is the beneficiary.
INTERMEDIARIES = ("金融机构", "科技服务机构")

# Company size -> the beneficiaries it makes the profile part of.
SIZES: dict[str, tuple[str, ...]] = {
    "小微企业": ("小微企业", "中小企业"),
    "中型企业": ("中小企业",),
    "大型企业": ("大型企业",),
}
SIZE_ALIASES = {"小微": "小微企业", "小型企业": "小微企业", "微型企业": "小微企业", "小企业": "小微企业",
                "中型": "中型企业", "中企业": "中型企业", "大型": "大型企业", "大企业": "大型企业"}

SUPPORT_TYPES: dict[str, tuple[str, ...]] = {
    "资金补助": (
        "补助", "资助", "奖励", "奖补", "补贴", "财政", "资金支持", "专项资金", "扶持资金", "配套资金",
        "创新券", "准备金", "后补助", "资金池", "经费",
    ),
    "税收优惠": ("税", "减免", "加计扣除", "免征", "抵扣"),
    "金融/融资": (
        "贷款", "融资", "贴息", "担保", "风险补偿", "基金", "保险", "信贷", "创业投资", "天使投资", "股权投资",
        "风险投资", "上市", "质押", "债券",
        "票据", "股权众筹", "金融",
    ),
    "土地/用地": ("用地", "土地", "厂房", "场地", "租金", "房租", "免租", "用房", "楼宇"),
    "人才/落户": (
        "人才", "人才落户", "先落户", "选择落户", "落户政策", "入户", "安家", "住房", "子女入学", "职称",
        "居住保障", "人才公寓", "购房", "签注",
    ),
    "平台/服务": ("平台", "公共服务", "技术服务", "辅导", "一站式", "孵化服务", "检验检测", "共享", "预审"),
    "知识产权": ("知识产权", "专利"),
    "股权/收益激励": (
        "股权激励", "分红", "股权奖励", "收益权", "收益", "人员激励", "个人奖励", "作价入股", "处置权", "所有权",
        "股权和分红",
    ),
}

# Needs a profile can state -> support types that serve them, and words in
# the measure that show it serves them.
NEEDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "融资": (("金融/融资",), ("贷款", "融资", "贴息", "担保", "基金", "投资", "信贷", "风险补偿", "质押")),
    "税收": (("税收优惠",), ("税",)),
    "用地": (("土地/用地",), ("用地", "土地", "厂房", "场地", "租金")),
    "人才": (("人才/落户",), ("人才", "团队", "落户", "安家")),
    "研发": ((), ("研发", "研究开发", "创新券", "准备金", "加计扣除", "攻关", "技术创新", "科研", "研究院")),
    "技术改造": ((), ("技术改造", "技改", "机器换人", "设备", "智能化改造", "数字化改造", "改造升级", "智能工厂")),
    "知识产权": (("知识产权",), ("知识产权", "专利")),
    "上市": ((), ("上市", "挂牌", "股份制改造", "再融资")),
}

# Colloquial words in questions -> a need.
NEED_WORDS: dict[str, tuple[str, ...]] = {
    "融资": ("融资", "贷款", "借钱", "缺钱", "没钱", "资金紧张", "资金周转", "找投资", "投资", "贴息", "担保", "拉投资"),
    "税收": ("税", "减免", "加计扣除"),
    "用地": ("用地", "土地", "拿地", "找地", "厂房", "场地", "租金", "房租", "办公室"),
    "人才": ("招人", "缺人", "招聘", "引才", "人才", "落户", "入户", "安家", "住房"),
    "研发": ("研发", "搞研发", "新产品", "攻关", "科研", "研究开发", "创新券"),
    "技术改造": ("技术改造", "技改", "换设备", "机器换人", "设备更新", "买设备", "自动化", "智能化改造"),
    "知识产权": ("知识产权", "专利", "商标"),
    "上市": ("上市", "挂牌", "IPO", "ipo", "新三板", "科创板"),
}

# Colloquial words in questions -> a qualification (beyond BENEFICIARIES' own surfaces).
QUALIFICATION_WORDS: dict[str, tuple[str, ...]] = {
    "高新技术企业": ("高企",),
    "科研人员": ("科研人员", "搞科研", "研究人员", "研发人员", "科学家", "教授", "工程师"),
    "初创企业": ("初创", "刚创业", "创业公司", "刚成立", "新成立"),
    "孵化器/众创空间": ("孵化器", "众创空间", "孵化"),
    "外资企业": ("外企", "外资"),
    "上市企业": ("上市公司", "已上市"),
}

INDUSTRIES: dict[str, tuple[str, ...]] = {
    "新能源汽车": ("新能源汽车", "新能源车", "动力电池", "整车", "汽车零部件", "智能网联", "电驱", "固态电池", "造车"),
    "集成电路": ("集成电路", "芯片", "半导体", "流片", "封装测试", "EDA"),
    "装备制造": (
        "装备制造", "先进装备", "智能装备", "智能制造", "船舶", "海洋工程", "数控", "机器人", "工作母机",
        "3D打印", "增材制造", "电梯", "装备产业", "汽车制造", "汽车配件",
    ),
    "新能源": ("新能源", "光伏", "风电", "风力发电", "太阳能", "储能"),
    "电子信息": ("电子信息", "光电", "电子元器件", "消费电子", "显示", "电子产业"),
    "新一代信息技术": ("人工智能", "大数据", "云计算", "物联网", "互联网", "软件", "信息技术", "北斗"),
    "健康医药": (
        "健康医药", "生物医药", "医药", "医疗器械", "创新药", "药物", "药品", "健康科技", "大健康", "中医药",
        "生物技术", "疫苗", "体外诊断", "临床试验", "GMP",
    ),
    "家电": ("家电", "家用电器"),
    "灯饰照明": ("灯饰", "照明", "LED"),
    "新材料": ("新材料", "材料产业", "功能材料"),
    "现代服务业": ("现代服务业", "生产性服务业", "服务业", "电子商务", "现代物流"),
    "文化创意": ("文化创意", "游戏游艺", "动漫", "创意设计"),
    "纺织服装": ("纺织", "服装"),
    "家具": ("家具", "红木"),
    "节能环保": ("节能环保", "环保"),
    "现代农业": ("现代农业", "农业"),
}

# A profile industry also matches measures for its parent industries.
INDUSTRY_PARENTS: dict[str, tuple[str, ...]] = {
    "新能源汽车": ("装备制造", "新能源"),
    "集成电路": ("电子信息",),
    "新一代信息技术": ("电子信息",),
}

PLACES: dict[str, tuple[str, ...]] = {
    "火炬开发区": ("火炬开发区", "火炬区", "火炬高技术产业开发区", "中山高新区"),
    "翠亨新区": ("翠亨新区",),
    "高新区": ("高新区", "高新技术产业开发区"),
    "滨江科技城": ("滨江科技城",),
    "临港经济区": ("临港经济区",),
    "专业镇": ("专业镇",),
    "园区": ("产业园", "工业园", "科技园", "园区", "分园", "创业园"),
}

# Characters and words before a town name (`、小榄镇`, `巩固南头镇`).
TOWN_BEFORE = r"(?:^|(?<=[、，,。；：（“\s和与及在对于])|(?<=巩固|支持|推进|依托|鼓励|位于))"
TOWN_STOP = ("专业", "城镇", "乡镇", "各镇", "全镇", "市镇", "一镇", "多镇", "每镇", "本镇", "该镇", "小城")


# --- finding terms in text ---------------------------------------------------

MASK = "\x00"
_NEGATED = ("非上市", "提高企业")  # `非上市股份转让` is not about listing; 提高企业 is not 高企


def _surfaces(table: dict[str, tuple[str, ...]], multi: dict[str, tuple[str, ...]] | None = None):
    pairs = [(s, (name,)) for name, forms in table.items() for s in forms]
    pairs += list((multi or {}).items())
    return sorted(pairs, key=lambda p: -len(p[0]))


_BENEFICIARY = _surfaces(BENEFICIARIES, MULTI)
QUALIFICATION_SURFACES = _surfaces(
    {k: BENEFICIARIES.get(k, ()) + QUALIFICATION_WORDS.get(k, ()) for k in BENEFICIARIES}, MULTI
)
_SUPPORT = _surfaces(SUPPORT_TYPES)
_INDUSTRY = _surfaces(INDUSTRIES)
_PLACE = _surfaces(PLACES)
NEED_SURFACES = _surfaces(NEED_WORDS)
_TOWN = re.compile(TOWN_BEFORE + r"(?P<name>[\u4e00-\u9fa5]{2})镇(?![区街])")


def find(text: str, surfaces, order) -> tuple[list[str], str]:
    """Canonical names found in text (in table order), and the text with the
    matched surfaces masked so shorter surfaces inside them do not match."""
    found: set[str] = set()
    for negated in _NEGATED:
        text = text.replace(negated, MASK)
    for surface, names in surfaces:
        if surface in text:
            found.update(names)
            text = text.replace(surface, MASK)
    return [name for name in order if name in found], text


def find_beneficiaries(text: str) -> list[str]:
    return find(text, _BENEFICIARY, BENEFICIARIES)[0]


def find_support_types(text: str) -> list[str]:
    return find(text, _SUPPORT, SUPPORT_TYPES)[0]


def find_industries(text: str) -> list[str]:
    return find(text, _INDUSTRY, INDUSTRIES)[0]


def find_places(text: str) -> list[str]:
    """Named zones from the table, then towns written as `小榄镇`."""
    found, masked = find(text, _PLACE, PLACES)
    for match in _TOWN.finditer(masked):
        name = match.group("name")
        if name not in TOWN_STOP and name[-1] not in "乡城各全市每本该一多两" and name + "镇" not in found:
            found.append(name + "镇")
    return found
