"""How well the retrieved text supports a question: the evidence the
answerer uses to choose sentences, and to refuse when nothing fits.

Token weights are inverse document frequencies over the indexed chunks; a
question word the corpus never uses weighs most, so a question about a
topic the documents do not cover (最低工资) finds little support.
"""

from __future__ import annotations

import math
from collections import Counter



# Everyday words and the words policy documents use for the same thing: a
# question token counts as found when it or one of these occurs.
SYNONYMS = {
    "补贴": ("补助", "奖补", "资助", "补偿", "奖励"), "贷款": ("信贷", "融资", "贷"), "钱": ("资金", "经费"),
    "高企": ("高新技术企业",), "技改": ("技术改造",), "规上": ("规模以上",), "户口": ("落户", "户籍"),
    "比赛": ("大赛", "竞赛"), "园子": ("园区", "产业园"), "办公室": ("办",), "借用": ("共享", "开放"),
    "仪器": ("仪器设备",), "省政府": ("省人民政府",), "市政府": ("市人民政府",), "依据": ("根据", "按照", "贯彻"),
    "担保": ("增信",), "上市": ("挂牌",), "人才": ("团队", "人员"), "研发": ("研究开发", "R&D"),
    "发债": ("债券", "票据"), "孩子": ("子女",), "上学": ("入学", "教育"), "房子": ("住房",),
    "缺钱": ("资金", "融资"), "创业者": ("创业",), "老外": ("外籍",), "专利": ("知识产权",),
    "家电": ("家用电器",), "医药": ("生物医药", "健康医药"), "高校": ("高等学校", "大学"),
}


class Evidence:
    def __init__(self, token_lists: list[list[str]]):
        df = Counter(t for tokens in token_lists for t in set(tokens))
        self.n = max(len(token_lists), 1)
        self.idf = {t: math.log((self.n + 1) / (c + 0.5)) for t, c in df.items()}
        self.unknown_idf = math.log((self.n + 1) / 0.5)

    def weight(self, token: str) -> float:
        return self.idf.get(token, self.unknown_idf)

    def coverage(self, tokens: list[str], text: str) -> float:
        """IDF-weighted share of the tokens that occur in the text (0..1)."""
        tokens = list(dict.fromkeys(tokens))
        total = sum(self.weight(t) for t in tokens)
        if total == 0:
            return 0.0
        text = text.lower()
        return sum(self.weight(t) for t in tokens if self.occurs(t, text)) / total

    @staticmethod
    def occurs(token: str, text: str) -> bool:
        return token in text or any(s.lower() in text for s in SYNONYMS.get(token, ()))

    def sentence_score(self, tokens: list[str], sentence: str) -> float:
        sentence = sentence.lower()
        return sum(self.weight(t) for t in dict.fromkeys(tokens) if self.occurs(t, sentence))

    
