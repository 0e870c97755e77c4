"""Who is responsible, as a section's own sentences say it (laws name their
offices in prose, not in a unit line):

- `X会同Y…`: X leads, Y shares the task;
- `X负责…工作`, `X在各自职责范围内负责/做好…`, `X组织实施…`, `由X负责/组织实施`: X is responsible;
- `X主管…工作`, `X是…的主管部门`, `X作为…牵头部门`, `X要发挥统筹协调作用`, `X对…负总责`: X leads
  (not when each body coordinates its own area: `A、B分别负责本辖区内…的统筹协调`);
- `…办公室设在X`: X runs the office, so it leads;
- `请X…` (a notice asking X to do the task): X is responsible;
- `X牵头，Y配合`, `X要做好牵头工作`, `X为牵头单位`: X leads (Y shares);
- `由A、B、C等9个部门和单位组成`: the bodies a joint body is made of share its work.

A body is a span that ends the way names of bodies end (unit_notes.is_unit_name)
and is followed by what follows a subject or an object (a verb, a clause end),
so its name is kept whole: `县级以上人民政府负责中小企业促进工作综合管理的部门` is
one body, not 县级以上人民政府 doing a duty.
"""

from __future__ import annotations

import re

from assistant.ingest import labels
from assistant.ingest.unit_notes import Units, unit_list

# what a body's name may be followed by when it is the subject of its clause
_AFTER_SUBJECT = re.compile(r"^(?:是|作为|（|\(|根据|按照|依照|依据|依法|结合|在|对|向|为|应|要|可|须|必须|还|也|并|会同|负责|"
                            r"组织|牵头|统筹|承担|具体|主要)|^$")
# what follows the body a sentence works with (`会同X建立…`)
_AFTER_OBJECT = re.compile(r"^(?:，|,|；|。|$|等|建立|制定|开展|组织|实施|推进|推动|加强|完善|设立|提供|支持|负责|"
                           r"落实|做好|研究|编制|发布|确定|规定|对|做|进行|拟订|拟定|定期|依法|按照|根据|共同|"
                           r"联合|制订|出台|健全|构建|采取|统筹|协调|审定|评估|指导|培育|引导|鼓励|安排|设置|通过|利用|以|就|召开|部署|组建)")
_CLOSED_LIST = re.compile(r"等(?:有关)?(?:部门|单位)$")  # `…、国家邮政局等部门`: whatever follows, the list ends
MAX_LIST = 160  # characters a list of bodies may run to (a State Council list names a dozen ministries)
_MODIFIERS = re.compile(r"在各自(?:的)?职责范围内|按照(?:各自)?职责(?:分工)?|依(?:照|据)?职责|依法|"
                        r"(?:应当|应|要|可以|还|也|并|同时|具体|主要|继续|切实|共同)+$")
_LEAD_IN = re.compile(rf"^(?:{labels.IN_SECTION}|由|请|并|同时|另外|此外|其中|以及|组建|成立|设立|建立|明确)+")
# 负责…的部门 names a body by its duty: the 负责 is part of a name, not a verb
_NAMED_BY_DUTY = re.compile(r"负责[^，。；：“”]{2,24}?的(?:部门|机构|单位)")
# 负责人 / 负责同志 is a person (the official in charge), not the verb: `由各成员单位有关司局负责同志担任`
_PERSON = r"(?!人|同志)"
# `X承担…的日常管理工作`: X carries that work, as with 负责 (not `承担…责任`, a liability; nor 承担者 / 承担单位,
# the party carrying a funded project; nor `承担以下职责：`, the lead-in of a body's list of powers, which
# names what it does, not a task it is given among others)
_IN_CHARGE = re.compile(rf"负责{_PERSON}|组织(?:实施|开展)|承担(?![者方人单])(?!以下|下列|如下)(?=[^，。；：“”]{{0,40}}?工作)")
# `X主管全市的失业保险工作`, `X要切实发挥统筹协调作用`: X is the body in charge, so it leads
# `X对…工作负总责`: X answers for the whole of it, so it leads; `X：负责牵头…` (a 职责分工 line) says so
# `X是本级人民政府…工作的主管部门`, `X为…主管机关`, `X作为…牵头部门`: X is named the competent or
# leading body, so it leads
# `X对…实施统一监督管理`, `X统一领导…`: X answers for the field as a whole, so it leads
_IN_COMMAND = re.compile(r"主管(?=[^，。；“”]{0,20}工作)|统筹协调(?!机制)|负总责|负责牵头|牵头负责|统一(?:领导|监督管理|监督|管理)(?![的制体平机])|"
                         r"(?:是|为|作为)(?=[^，。；“”]{0,30}?(?:主管|牵头)(?:部门|机关|单位))")
# everyone, named as a group (`各地区、各部门要…`, `各有关地区和部门要…`): no one in particular
_EVERYONE = re.compile(r"^各(?:有关)?(?:地区|方面)?[和、]?各?(?:有关)?(?:部门|单位|地区)$")
# `各区人民政府、各功能区管理机构分别负责本辖区内…的统筹协调`: each coordinates its own area, none leads
_EACH_ITS_OWN = re.compile(r"分别|各自|本辖区|辖区内")
# `发展改革、财政等部门按照各自职责，做好相关工作`, `…等行政管理部门，在各自职责范围内做好…工作`,
# `…等部门在各自职责范围内加强…`: the bodies sharing a task, each in its own field, are responsible for it
_EACH_IN_ITS_FIELD = re.compile(r"在各自(?:的)?职责范围内|按照?各自(?:的)?职责(?:分工)?")
_TOGETHER = re.compile(r"会同")
# `请财政部落实…`, `请科技部、工业和信息化部…在…前完成`: a notice asks the bodies it names to do the task
_REQUEST = re.compile(r"(?:^|[，。；：])请(?=[^，。；])")
_OFFICE_IN = re.compile(r"办公室设在(?P<at>[^，。；：“”（(]{2,30})")
# `设立X办公室，承担…工作`: the body a sentence sets up carries the duty it goes on to name
_SET_UP_TO = re.compile(r"(?:设立|成立|组建|设置)(?P<body>[^，。；：“”（(]{2,30}?)[，,](?:负责|承担)")
_BY = re.compile(rf"由(?P<units>[^，。；：“”]{{2,30}}?)(?:牵头)?(?:负责{_PERSON}|组织(?:实施|开展))")
_LEADS_WITH = re.compile(r"(?:^|[，。；])(?P<lead>[^，。；：“”（(]{2,20}?)牵头[，,](?P<resp>[^，。；：“”]{2,60}?)(?:配合|参与)")
# `海关总署要继续做好牵头工作。`, `由市科技局牵头，…`: a body said to lead, with no one named beside it.
_LEADS = re.compile(r"(?:^|[，。；\s])(?P<lead>[^，。；：“”（(\s]{2,24}?)(?:要|应当|应|继续|做好|切实|负责)*牵头"
                    r"(?:工作|抓总|推进|实施)?(?=[，。；])")
_BY_WORD = re.compile(r"^[由请]")  # 由X牵头: the body is X
_LEAD_NAMED = re.compile(r"(?:^|[，。；\s])(?P<lead>[^，。；：“”（(\s]{2,24}?)为牵头(?:单位|部门)")
# `联席会议由教育部、发展改革委…扶贫办9个部门和单位组成`: its members, counted or not
_MADE_OF = re.compile(rf"由(?P<units>[^，。；：“”]{{2,{MAX_LIST}}}?)(?:等)?(?:(?:\d+|[一二三四五六七八九十]+)个)?"
                      r"(?:成员)?(?:部门和单位|部门|单位)?组成")


def bodies_at_start(span: str, followed_by: re.Pattern = _AFTER_SUBJECT) -> list[str]:
    """The bodies a span opens with: its longest head that is a list of unit
    names and is followed by what may follow it (a verb, a clause end)."""
    return _head(span, followed_by)[0]


def _opening_bodies(span: str) -> list[str]:
    """The bodies a span opens with, followed by what follows a subject or by a verb (`财政部落实…`)."""
    return bodies_at_start(span) or bodies_at_start(span, _AFTER_OBJECT)


def _someone(units: list[str]) -> list[str]:
    """The units, everyone (各地区、各部门) left out: no one in particular."""
    return [u for u in units if not _EVERYONE.match(u)]


def sentence_subject(sentence: str) -> list[str]:
    """The bodies a sentence opens with as its subject (`国务院财政部门依法对…进行管理`, `请财政部落实…`):
    who does what it says, where no role word (负责, 会同, 牵头) names them; everyone (各地区、各部门) is no one."""
    return _someone(_opening_bodies(sentence))


def _head(span: str, followed_by: re.Pattern = _AFTER_SUBJECT) -> tuple[list[str], str]:
    """(the bodies a span opens with, the rest of the span after them)."""
    span = _LEAD_IN.sub("", span.strip())
    for end in range(min(len(span), MAX_LIST), 1, -1):
        if followed_by.match(span[end:]) or _CLOSED_LIST.search(span[:end]):
            names = unit_list(span[:end])
            if names:
                return names, span[end:]
    return [], span


def _subject(sentence: str, verb_at: int) -> list[str]:
    """The bodies that are the subject of the verb at `verb_at`: the head of its
    clause, or of the sentence when the clause holds only modifiers
    (`国务院有关部门根据…政策，在各自职责范围内负责…`)."""
    clauses = re.split(r"[，,：:]", sentence[:verb_at])
    own = _MODIFIERS.sub("", clauses[-1]).strip()
    span = own if own else clauses[0]
    if not span:
        return []
    # `由X负责`: the body follows 由 (not the 由 of 自由: 国务院自由贸易试验区…办公室 is one name)
    return bodies_at_start(re.split(r"(?<!自)由", span)[-1])


def _sentences(text: str) -> list[str]:
    """Sentences, a line that a page width cut mid-sentence read with the next."""
    text = re.sub(r"(?<=[^。；;：:！？!?\n])\n(?=\S)", "", text)
    return [s for s in re.split(r"[。；;\n]", text) if s.strip()]


def _masked(sentence: str) -> str:
    """The sentence with 负责 inside a body's name (负责…的部门) hidden from the verbs."""
    return _NAMED_BY_DUTY.sub(lambda m: "＊" * 2 + m.group(0)[2:], sentence)


def prose_roles(text: str) -> tuple[list[str], list[str]]:
    """(leads, responsible) the sentences name: 会同, 负责, 组织实施, 办公室设在, 主管, 统筹协调, 设立X，承担….
    A body a sentence lays a duty on with 应当/要 is not counted: laws lay duties on many
    bodies in passing, and a lead question was then answered with the body of another article."""
    lead: list[str] = []
    resp: list[str] = []
    for sentence in _sentences(text):
        verbs = _masked(sentence)
        for m in _TOGETHER.finditer(verbs):
            subject = _subject(sentence, m.start())
            if subject:
                lead += subject
                resp += bodies_at_start(sentence[m.end():], _AFTER_OBJECT)
        for m in _IN_CHARGE.finditer(verbs):
            resp += _subject(sentence, m.start())
        for m in _EACH_IN_ITS_FIELD.finditer(verbs):
            resp += _subject(sentence, m.start())
        for m in _IN_COMMAND.finditer(verbs):
            if not _EACH_ITS_OWN.search(re.split(r"[，,：:]", sentence[:m.start()])[-1]):
                lead += _subject(sentence, m.start())
        for m in _REQUEST.finditer(sentence):
            resp += _opening_bodies(sentence[m.end():])
        for m in _OFFICE_IN.finditer(sentence):
            lead += bodies_at_start(m.group("at"), _AFTER_OBJECT)
        for m in _SET_UP_TO.finditer(sentence):
            resp += unit_list(m.group("body"))
        for m in _BY.finditer(verbs):
            resp += unit_list(m.group("units"))
        for m in _MADE_OF.finditer(sentence):
            resp += unit_list(m.group("units"))
        for m in _LEAD_NAMED.finditer(sentence):
            lead += unit_list(m.group("lead"))
    # (one body named by two role words, 按照各自职责负责…, is named once)
    return list(dict.fromkeys(lead)), list(dict.fromkeys(resp))


def sentence_naming(text: str, unit: str) -> str:
    """The first sentence of a text that makes `unit` lead or responsible (what
    a duty list quotes for an article naming several bodies in several sentences)."""
    for sentence in _sentences(text):
        lead, resp = prose_roles(sentence)
        if unit in lead or unit in resp:
            return sentence.strip()
    return ""


def clause_naming(text: str, unit: str, leads: bool) -> str:
    """The clause of a text that gives `unit` its role, its lead role first when it leads (`…办公室设在
    国家医保局` before the sentence listing it among the members): what an answer quotes as the
    document's own words for who does the task, without the bodies the rest of the sentence names."""
    named = [(s, prose_roles(s)) for s in _sentences(text)]
    sentence = next((s for s, (lead, _) in named if leads and unit in lead), "") \
        or next((s for s, (lead, resp) in named if unit in lead + resp), "")
    clauses = re.split(r"[，,]", sentence)
    own = [c for c in clauses if leads and unit in prose_roles(c)[0]] \
        or [c for c in clauses if unit in sum(prose_roles(c), [])] or [c for c in clauses if unit in c]
    return (own[0] if own else sentence).strip()


def sentence_roles(sentence: str) -> tuple[list[str], list[str]]:
    """(leads, responsible) one sentence names with its role words, everyone (各地区、各部门) left out."""
    lead, resp = prose_roles(sentence)
    return _someone(lead), _someone(resp)


def units_in_text(text: str) -> Units | None:
    """Units a section's own sentences make responsible (`由X负责`, `X牵头，Y配合`,
    `X会同Y`, `X负责…工作`, `办公室设在X`, `X主管…工作`), for sections without a unit line or note."""
    lead, resp = prose_roles(text)
    for m in _LEADS_WITH.finditer(text):
        lead += unit_list(_BY_WORD.sub("", m.group("lead")))
        resp += unit_list(m.group("resp"))
    for m in _LEADS.finditer(text):
        lead += unit_list(_BY_WORD.sub("", m.group("lead")))
    lead = _someone(list(dict.fromkeys(lead)))
    resp = [u for u in _someone(list(dict.fromkeys(resp))) if u not in lead]
    return Units(lead, resp, "text") if lead or resp else None
