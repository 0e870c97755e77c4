"""The English/中文 switch for the interface's labels.

Labels are written in Chinese where they are built (Chinese first); this
table gives their English, and a small script swaps the text of labels,
buttons, tabs and placeholders in the browser when English is chosen (the
choice is kept in localStorage). Answers are not translated here: an
English question already gets an English answer.
"""

from __future__ import annotations

import json

from assistant.service import CHECK_NOTES

UI_EN = {
    # header and tabs
    "政策助手": "Policy Assistant",
    "政策文件问答 · 职责查询 · 政策匹配。所有回答均来自已索引的政策文件，并注明出处。":
        "Policy questions · responsibilities · policy matching. Every answer comes from the indexed documents, "
        "with its source.",
    "对话": "Chat", "职责查询": "Duties", "政策匹配": "Matching", "目标指标": "Targets",
    "文件": "Documents",
    # chat
    "发送": "Send", "复制回答（含引用）": "Copy answer (with sources)", "清空对话": "Clear conversation",
    "示例问题": "Example questions", "（点击即可提问）": " (click to ask)",
    "查看原文：选择引用编号": "View the source: choose a citation",
    "请输入问题，例如：高新技术企业有哪些扶持政策？（回车发送）":
        "Ask a question, e.g. What support do high-tech enterprises get? (Enter to send)",
    "引用依据（点击编号查看原文）": "Sources (click a number to open the text)", "引用依据": "Sources",
    "未找到依据": "No basis in the documents", "相关章节（仅供参考）": "Related sections (for reference only)",
    "高新技术企业可以享受哪些支持政策？": "What support can high-tech enterprises get?",
    "加快培育高新技术企业由哪个单位牵头？": "Which unit leads the work to grow high-tech enterprises?",
    "市商务局负责哪些任务？": "What tasks is the Municipal Commerce Bureau responsible for?",
    "到2020年新型研发机构要达到多少家？": "How many new R&D institutions are targeted by 2020?",
    "您好，我是政策助手": "Hello, I am the Policy Assistant",
    "高亮部分为回答所引用的原文。": "The highlighted text is what the answer quotes.",
    "未能在原文中定位引用句。": "The quoted sentence could not be found in the text.",
    "该章节与问题相关，但没有找到能回答问题的原文，仅供参考。":
        "This section is related to the question but holds no text that answers it; for reference only.",
    "请输入关于政策文件的问题，每条回答都会注明出处。": "Ask about the policy documents; every answer names its source.",
    # responsibilities
    "选择或输入单位名称（支持简称，如“商务局”），查看其牵头或参与的全部任务；也可反查某一章节的牵头与责任单位。":
        "Choose or type a unit (short names work, e.g. 商务局, or English names such as Finance Bureau) to see "
        "every task it leads or shares; or look up the units of a section.",
    "单位": "Unit", "查询职责": "Look up", "按章节反查": "Units of a section", "章节": "Section",
    "导出 CSV": "Export CSV", "导出 JSON": "Export JSON", "未找到该单位": "Unit not found",
    "角色": "Role", "任务": "Task", "要点（首句）": "First sentence", "其他单位": "Other units",
    "牵头": "Lead", "参与": "Shares", "您是否要找": "Did you mean",
    # matching
    "填写企业情况，查看文件中适用的支持措施（按支持方式分组，并注明出处）。各项均可不填；全部不填则列出全部政策。":
        "Describe the enterprise to see the support measures that fit it, grouped by kind of support, with "
        "sources. Every field is optional; leave all empty for the whole catalogue.",
    "企业资质 / 身份": "Qualification", "企业规模": "Size", "所属行业": "Industry",
    "所在地（可输入镇区名，如 小榄镇）": "Location (a town or district name)", "主要需求": "Needs",
    "匹配政策": "Match", "重置": "Reset", "融资": "Financing", "税收": "Tax", "用地": "Land", "人才": "Talent",
    "研发": "R&D", "技术改造": "Upgrading", "知识产权": "IP", "上市": "Listing",
    "适用对象": "For", "金额/比例": "Amount", "条件": "Conditions", "咨询单位": "Office to ask",
    "匹配原因": "Why it fits", "原文": "Original text",
    "政策文件": "Policy", "申报时间": "Apply by", "申报材料": "Materials", "办理方式": "How to apply",
    "联系方式": "Contact", "隐藏实施期已结束的政策": "Hide measures whose period has ended",
    "条件自测（政策计算器）": "Self-check (policy calculator)", "注册成立年限（年）": "Years since registration",
    "最近一年销售收入（万元）": "Revenue last year (10,000 yuan)", "研发费用（万元）": "R&D spend (10,000 yuan)",
    "职工总数": "Staff", "研发/科技人员数": "R&D staff", "高新技术产品收入占比（%）": "High-tech revenue share (%)",
    "其他情况": "Other facts", "拥有核心知识产权": "Owns core IP",
    "近一年发生重大安全、质量事故或严重环境违法": "A major safety or quality incident or serious environmental offence in "
                                                 "the past year",
    "工业企业": "Industrial enterprise", "其他企业": "Other enterprises", "自测": "Check", "页码": "Page",
    # the self-check's other facts, as its notes name them (eligibility.FACTS_ZH)
    "研究开发费用（万元）": "R&D spend (10,000 yuan)", "研发费用占销售收入比例（%）": "R&D spend as a share of revenue (%)",
    "境内研发费用占比（%）": "Share of R&D spent in China (%)",
    "高新技术产品（服务）收入占比（%）": "High-tech products' and services' revenue share (%)",
    "年度应纳税所得额（万元）": "Taxable income for the year (10,000 yuan)", "资产总额（万元）": "Total assets (10,000 yuan)",
    "填写企业情况后点击“自测”，逐条对照文件中的认定条件（符合 / 不符合 / 待确认）。":
        "Fill in the enterprise's facts and click Check: each condition the documents set is checked (met / not met "
        "/ to confirm).",
    "请至少填写一项企业情况。": "Fill in at least one fact.",
    "填写企业档案后点击“匹配政策”。": "Fill in the profile, then click Match.", "已重置。": "Cleared.", "针对性政策": "Measures for this profile",
    "普遍适用": "For all enterprises", "按适用对象列出的政策": "Measures by beneficiary",
    # targets and documents
    "筛选（指标、年份、章节关键词，空格分隔）": "Filter (metric, year, section words, space-separated)",
    "计量单位": "Unit of measure", "指标": "Metric", "目标值": "Value", "年份": "Year",
    "提问后，这里会显示所引用章节的原文，": "After a question, the text of the section it cites is shown here, ",
    "引用的句子高亮显示。": "the quoted sentence highlighted.",
    "点选对话中的某条回答，或选择引用编号，即可查看对应原文；“复制回答”复制所选回答及其引用。":
        "Click an answer in the chat, or choose a citation number, to see its source; Copy answer copies "
        "the chosen answer with its sources.",
    "图：各章节量化目标数": "Chart: quantified targets per section",
    "（在“计量单位”中选择一种单位，可比较各项目标值）": "(choose a unit of measure to compare the targets' values)",
    "例如：2020 研发": "e.g. 2020 研发",
    "文件标题": "Title", "源文件": "File", "章节数": "Sections", "索引时间": "Indexed", "标题": "Heading",
    "类型": "Kind", "牵头单位": "Lead unit", "责任单位": "Responsible units",
    "上传文件并更新索引": "Upload files and re-index",
    # Gradio's own texts, in the page's zh-CN locale
    "将文件拖放到此处": "Drop files here", "- 或 -": "- or -", "点击上传": "Click to upload",
    "通过 API 使用": "Use via API", "单选框": "Radio",
    "已索引的文件": "Indexed documents", "查看文件的章节": "Sections of a document", "选择文件": "Choose a file",
    "覆盖同名文件": "Replace a file of the same name", "上传并更新索引": "Upload and re-index",
}

# Messages the server writes with values in them (the labels above are fixed texts): zh, en.
MESSAGES = {
    "unit_not_found": ("未找到该单位", "Unit not found"),
    "duties_summary": ("**{unit}** 共承担 {total} 项任务：牵头 {lead} 项，参与（责任单位）{shared} 项。"
                       "点击表格中的一行，可在下方查看该章节的牵头与责任单位。",
                       "**{unit}** has {total} tasks: leads {lead}, shares {shared} (as a responsible unit). "
                       "Click a row to see the section's lead and responsible units below."),
    # an English table's task: the heading as written, the things it names glossed (lexicon.english.things_named)
    "duty_task_terms": ("{title}", "{title} (key terms: {terms})"),
    "duties_none": ("文件中没有列出 **{unit}** 作为牵头或责任单位的任务。",
                    "The documents list no task with **{unit}** as lead or responsible unit."),
    "check_met": ("符合", "Met"), "check_unmet": ("不符合", "Not met"), "check_unknown": ("待确认", "To confirm"),
    "check_na": ("不适用", "Does not apply"),
    "check_heading": ("{subject}：{status}", "{subject}: {status}"),
    "check_value_是": ("是", "yes"), "check_value_否": ("否", "no"),
    "check_unit_万元": ("{n}万元", "{n} (10,000 yuan)"), "check_unit_年": ("{n}年", "{n} years"),
    "check_unit_人": ("{n}人", "{n} people"),
    "check_threshold": ("门槛 {value}", "threshold {value}"), "check_yours": ("贵单位 {value}", "yours {value}"),
    "check_detail": ("（{detail}）", " ({detail})"), "check_sep": ("；", "; "),
    "match_more": ("显示其余 {n} 条", "Show {n} more"),
    "level_国家": ("国家", "national"), "level_省": ("省", "provincial"), "level_市": ("市", "municipal"),
    "level_县": ("县", "county"),
    "match_profile": ("企业档案：{profile}", "Profile: {profile}"),
    "checklist": ("申请条件（{n} 项）", "Conditions to qualify ({n})"),
    "match_count": ("共 <b>{n}</b> 项政策（按可获得的金额/比例、是否点名贵单位排序）",
                    "<b>{n}</b> measures (ranked by the amount or rate one gets and whether they name the applicant)"),
    "match_page": ("；第 {page}/{pages} 页，每页 {per_page} 项", "; page {page} of {pages}, {per_page} per page"),
    # chat: while an answer is sought, and while the first index is built (minutes from the build's progress)
    "searching": ("正在查找文件依据……", "Searching the documents…"),
    "building_starting": ("正在建立索引（正在读取文件），完成后即可提问，请稍候再试",
                          "Building the index (reading the files); questions can be asked once it is done. "
                          "Please try again shortly."),
    "building_eta": ("正在建立索引，约{minutes}分钟（已完成 {percent}%），完成后即可提问",
                     "Building the index: about {minutes} min left ({percent}% done); questions can be asked once "
                     "it is done."),
    "building_soon": ("正在建立索引，即将完成（已完成 {percent}%），请稍候再试",
                      "Building the index: almost done ({percent}% done). Please try again shortly."),
    "building_note": ("**{message}**。构建完成后，本页各栏会自动更新，无需刷新。",
                      "**{message}**. Every tab updates itself once the build is done: no need to reload."),
    "index_failed": ("**索引不可用**：{error}", "**Index unavailable**: {error}"),
    "new_topic": ("（已按新问题理解，没有沿用上一轮的话题。）",
                  "(Read as a new question, not as a follow-up to the previous one.)"),
    # 目标指标
    "targets_count": ("共 {n} 项量化目标。", "{n} quantified targets."),
    "targets_none": ("没有符合筛选条件的目标，请调整关键词。", "No target matches the filter; try other words."),
    "targets_chart_all": ("**图：各章节量化目标数**（在“计量单位”中选择一种单位，可比较各项目标值）",
                          "**Chart: quantified targets per section** (choose a unit of measure to compare the "
                          "targets' values)"),
    "targets_chart_unit": ("**图：各项目标值对比（单位：{unit}，最多 20 项）**",
                           "**Chart: the targets' values compared (unit: {unit}; at most 20)**"),
    # 文件: the upload's limits
    "upload_limits": ("支持 {suffixes}，单个文件不超过 {mb} MB；{who}。上传后自动增量更新索引，只处理变化的文件。",
                      "Accepts {suffixes}, at most {mb} MB a file; {who}. The index is then updated incrementally: "
                      "only changed files are processed."),
    "upload_who_admin": ("需以管理员账号登录", "sign in as the administrator to upload"),
    "upload_who_local": ("仅限在本机访问时使用", "only from a browser on the server's own machine"),
    # marks on units and sections (职责查询, policy cards)
    "lead_mark": ("{unit}（牵头）", "{unit} (lead)"),
    "unit_list_sep": ("、", "; "),
    "section_label": ("{label}", "Section {label}"),
    "section_lead": ("牵头单位", "Lead unit"), "section_responsible": ("责任单位", "Responsible units"),
    "section_none": ("（未列明）", "(not listed)"), "section_source": ("原文", "Source text"),
    # 政策匹配
    "match_empty": ("没有找到符合条件的政策措施。可以减少限定条件（行业、地点、需求）后再试。",
                    "No measure fits this profile. Try fewer constraints (industry, location, needs)."),
    "match_found": ("共找到 <b>{specific}</b> 条针对性政策、<b>{general}</b> 条普遍适用政策。",
                    "<b>{specific}</b> measures for this profile and <b>{general}</b> for all enterprises."),
}

# A self-check verdict's notes: the Chinese as the self-check writes them (eligibility NOTES), the English here.
CHECK_NOTES_EN = {
    "say_if_industrial": "applies to {kind}: say whether the enterprise is an industrial one",
    "applies_to": "applies to {kind}", "fill_in": "fill in {fact}", "no_tier": "no tier of this condition fits",
    "by_tier": "by tier: {tier}", "check_by_hand": "to be checked by hand", "no_threshold": "its threshold could not be read",
}
MESSAGES |= {f"check_note_{key}": (zh, CHECK_NOTES_EN[key]) for key, zh in CHECK_NOTES.items()}


def label(zh: str, english: bool = False) -> str:
    """A fixed label in the chosen language, from UI_EN (the table the browser's switch uses too)."""
    return UI_EN.get(zh, zh) if english else zh


def say(key: str, english: bool = False, **values) -> str:
    """A message of the table in the chosen language, values filled in."""
    return MESSAGES[key][1 if english else 0].format(**values)


LANG_KEY = "policy-assistant-lang"

# Swap label texts and placeholders; keep the Chinese to swap back; watch for
# re-rendered components (Gradio re-renders on updates).
LANG_JS = """
(lang) => {
  const EN = %s;
  const KEY = %s;
  const ZH = {};  // back to Chinese even for nodes Gradio re-created while English was shown
  for (const [zh, en] of Object.entries(EN)) { if (!(en.trim() in ZH)) ZH[en.trim()] = zh; }
  lang = lang || localStorage.getItem(KEY) || '中文';
  localStorage.setItem(KEY, lang);
  const english = lang === 'English';
  const root = document.querySelector('gradio-app') || document.body;
  const apply = () => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement && node.parentElement.closest('#chatbot .message, #source-panel .source-text')) continue;
      const text = node.nodeValue.trim();
      if (english && EN[text]) { node.nodeValue = node.nodeValue.replace(text, EN[text]); }
      else if (!english && ZH[text]) { node.nodeValue = node.nodeValue.replace(text, ZH[text]); }
    }
    root.querySelectorAll('textarea[placeholder], input[placeholder]').forEach((el) => {
      const zh = el.dataset.zh || el.placeholder;
      if (english && EN[zh]) { el.dataset.zh = zh; el.placeholder = EN[zh]; }
      else if (!english && el.dataset.zh) { el.placeholder = el.dataset.zh; }
    });
    document.documentElement.lang = english ? 'en' : 'zh-CN';
  };
  // A switch supersedes every earlier one: a re-apply the previous language had scheduled
  // must not run after this one (it would turn some labels back).
  const generation = window.__paLangGeneration = (window.__paLangGeneration || 0) + 1;
  apply();
  if (window.__paLangObserver) window.__paLangObserver.disconnect();
  let pending = false;
  window.__paLangObserver = new MutationObserver(() => {
    if (pending) return; pending = true;
    setTimeout(() => { pending = false; if (generation === window.__paLangGeneration) apply(); }, 50);
  });
  if (english) window.__paLangObserver.observe(root, {childList: true, subtree: true, characterData: true});
  return lang;
}
""" % (json.dumps(UI_EN, ensure_ascii=False), json.dumps(LANG_KEY))
