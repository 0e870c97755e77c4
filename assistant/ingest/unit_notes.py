"""Who is responsible, in the other ways documents say it than a standalone
`（牵头单位：…；责任单位：…）` line:

- a note closing a paragraph or a numbered project:
  `（牵头单位：市科技局，配合单位：市财政局、市人社局）`, `（科技部、财政部负责）`,
  `（商务部、海关总署牵头负责）`, `（生态环境部牵头，…参与）`, `（商务部指导，…参与）`;
- the convention a document declares once, `列第一位者为牵头单位，下同`: in every
  later `（A、B负责）` note the first unit leads (source `下同`);
- in the text (ingest/roles.py): `由市科技主管部门负责`, `X牵头，Y配合`, `X会同Y…`;
- a task table (任务分工表) with 牵头单位 / 配合单位 columns, one row per task.

Unit names are recognised by how names of bodies end (lexicon/unit_suffixes.toml),
not by a list of names, so national, provincial, city and district bodies all count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant import lexicon
from assistant.ingest.units import LEAD_LABEL, SHARED_LABEL, expand_units, role_parts

_SUFFIXES = tuple(sorted({f for e in lexicon.load("unit_suffixes") for f in e.forms}, key=len, reverse=True))
_GENERIC = re.compile(r"^(?:有关|相关|其|本级|上级|同级|该)")
_NOTE = re.compile(r"[（(]((?:[^（）()]|[（(][^（）()]*[）)])+)[）)]")
# words that join a body to what it does: a span holding one is a clause, not a name
_CLAUSE_WORDS = re.compile(r"设在|设于|下设|会同|根据|按照|依照|应当|通过|组织实施|是|作为|或者|承担|组建|成立|建立")
_LIST_TAIL = re.compile(r"(?:等|按职责分工|按职责|分别|共同|依职责)+$")


@dataclass
class Units:
    lead: list[str]
    responsible: list[str]
    source: str  # "line" | "下同" | "table" | "text"
    declares_first_leads: bool = False  # the note says 列第一位者为牵头单位（，下同）
    applies_to: str = ""  # where the measure applies, as the note writes it (适用范围：重庆自贸试验区)
    # where later measures apply unless their own note says otherwise (以下除标注…外，适用范围均为X)
    default_applies_to: str = ""
    # the note as the document writes it, one part a role (`牵头单位：市教育和体育局、科技局`, `责任单位：…`),
    # or the whole note where it names its roles in one phrase (`市商务局会同市财政局负责`)
    written: list[str] = field(default_factory=list)


# `政府办公厅（室）`, `人力资源社会保障局（厅）`: one name written for bodies whose last character differs
# by level; the name is kept whole as written
_ALTERNATIVE_SUFFIX = re.compile(rf"[（(](?:{'|'.join(sorted({f[-1] for f in _SUFFIXES} | set(_SUFFIXES), key=len, reverse=True))})[）)]$")


# `中国残疾人联合会及其地方组织`, `X及其派出机构`: a body together with its own branches, named as one
_AND_ITS = re.compile(r"^(?P<body>.{2,}?)及其(?:地方|基层|分支|派出|下属|所属|各级|工作)?(?:组织|机构|单位|部门)$")


def is_unit_name(name: str) -> bool:
    """A body's name: 2-30 characters ending the way names of bodies end (or a body and its
    branches: `X及其地方组织`)."""
    if (whole := _AND_ITS.match(name)) is not None:
        return len(name) <= 30 and is_unit_name(whole.group("body"))
    m = _ALTERNATIVE_SUFFIX.search(name)
    return 2 <= len(name) <= 30 and (name[:m.start()] if m else name).endswith(_SUFFIXES) \
        and not _GENERIC.match(name) and not re.search(r"[，。；：:\d]", name) and not _CLAUSE_WORDS.search(name)


# A field of work a list item names before a shared suffix (发展改革、财政…等部门), after the governments whose
# department it is (市、县（市、区）人民政府地方金融监管、财政等部门): a short phrase,
# not a clause (对于本市引进的…人才) nor a body of its own kind (研究开发机构、高等院校的主管部门).
_FIELD = re.compile(r"(?:[^的对于在及，。；\s]{0,16}?(?:人民政府|国务院))?[^的对于在及，。；、\s]{1,10}")
_NOT_FIELD = re.compile(r"(?:机构|机关|院校|学校|企业|会|中心|组织|协会)$")


_LEVEL = r"(?:省|市|县|区|乡|镇|自治区|自治州|直辖市|设区的市)(?:（[^）]{1,12}）|\([^)]{1,12}\))?"
_LEVELS_OF = re.compile(rf"^(?:{_LEVEL}[、和])+{_LEVEL}(?!人民政府|政府)(?=[\u4e00-\u9fff]{{2,}}(?:部门|局|厅|委|办))")


def unit_list(raw: str) -> list[str]:
    """`工业和信息化部、发展改革委等和各有关省级人民政府` -> the unit names in it; empty
    when any part is not a unit name (then the words are not a unit list)."""
    raw = re.sub(r"等和(?=各)|和(?=各)|等，", "、", raw.strip())
    # `国务院专利行政部门和省、自治区、直辖市人民政府…的部门`: 和 before a list of levels joins two bodies
    raw = re.sub(r"(?<=[部门局委厅署])和(?=(?:省|市|区|县|自治区|直辖市|设区的市)、)", "、", raw)
    # `市、县（市、区）民政部门`: the levels a department is found at, not bodies of their own (a list of levels
    # before 人民政府 is the governments, as written)
    raw = _LEVELS_OF.sub("", raw)
    # `人力社保、农业农村等有关部门`: the fields listed share the suffix, as in `…等部门`
    raw = re.sub(r"(?<=[^、，])等有关(?=(?:部门|单位)$)", "等", raw) if "、" in raw else raw
    # `…、各有关部门`, `…等有关部门和单位`: no one in particular (`国务院有关部门` is a body as written)
    # (`国务院各有关部门` is the ministries, as written, not 国务院)
    raw = re.sub(r"(?:(?:^|[、，]|等)+各?|^各)有关(?:部门|单位)(?:和单位)?", "", raw)
    raw = re.sub(r"(?<=.)(?:和|及|以及)其他(?:有关|相关)(?:部门|单位)$", "", raw)  # `科技主管部门和其他有关部门`
    # `…、中医药等负责知识产权保护的相关部门`: the list's bodies named by the duty they share
    raw = re.sub(r"等负责[^、，。；]{1,20}的(?:相关|有关)?(?=部门$|单位$)", "等", raw)
    raw = re.sub(r"等(?:相关)?(?=(?:行政管理|行政|主管)?部门|单位)", "", raw)
    raw = _LIST_TAIL.sub("", raw)
    names = [_LIST_TAIL.sub("", n) for n in expand_units(raw)]
    # `市财政局、市人社局等部门`: the 部门 closing the list is no part of a name that already ends like one
    names = [n[:-2] if n.endswith(("部门", "单位")) and is_unit_name(n[:-2]) else n for n in names if n]
    # `国家发展改革委和科技部`, `国家发展改革委及国家粮食局`: two bodies joined by 和 or 及 (工业和信息化部 is
    # one: 工业 names no body)
    names = [part for n in names for part in _two_bodies(n)]
    shared = next((s for s in ("主管部门", "行政管理部门", "行政部门", "部门") if names and names[-1].endswith(s)), "")
    if shared:  # `发展改革、规划和自然资源等部门`: the suffix belongs to every item that names a field of work
        names = [n if is_unit_name(n) or not _FIELD.fullmatch(n) or _NOT_FIELD.search(n) else n + shared for n in names]
    return names if names and all(is_unit_name(n) for n in names) else []


def _two_bodies(name: str) -> list[str]:
    """A name that is two bodies joined by 和 or 及, each a body's name of its own, as the two."""
    for joiner in ("和", "及"):
        parts = name.split(joiner)
        if len(parts) == 2 and all(is_unit_name(p) and len(p) > 2 and not p.startswith("各") for p in parts):
            return parts
    return [name]


_LABELLED = re.compile(rf"^{LEAD_LABEL}[：:](?P<lead>.*?)(?:[；;，,。]\s*{SHARED_LABEL}[：:](?P<resp>.*?))?[。；;]?$")
_RESPONSIBLE = re.compile(r"^(?P<units>[^：:。；;]+?)(?P<lead>牵头)?负责(?P<rest>[。，,；;].*)?$")
_LEAD_AND = re.compile(r"^(?P<lead>[^：:，,。；;]+?)(?:牵头|指导|会同)[，,、]?(?P<resp>[^：:。；;]+?)"
                       r"(?:参与|配合|协同|协助|负责落实|负责|落实)(?P<rest>[。，,；;].*)?$")


_GENERIC_OTHERS = re.compile(r"(?:各|其他)?(?:有关|相关)?(?:部门|单位)(?:和单位)?")  # who else: no one named
_GUIDES = re.compile(r"^(?P<units>[^：:。；;，,]+?)(?:指导|牵头)$")  # (生态环境部、交通运输部指导): they are in charge


# `（负责部门：商务部、海关总署；适用范围：所有自贸试验区）`: the bodies that carry the measure out,
# none said to lead; what follows them (where it applies, by when) is no unit.
_DUTY_LABELLED = re.compile(r"^(?:负责|责任|承办|实施|主责)(?:部门|单位)[：:](?P<units>[^；;。：:]*?)"
                            r"(?:[；;，,。]\s*(?:(?:适用范围|适用区域|实施范围)[：:](?P<scope>[^，,；;。]*)|"
                            r"(?:完成时限|完成时间|时间)[：:]).*)?[。；;]?$")


# `以下除标注适用于特定自贸试验区的措施外，适用范围均为所有自贸试验区`: a scope for the notes that follow
_DEFAULT_SCOPE = re.compile(r"以下[^。；;]*?(?:适用范围|适用于)[^。；;]*?(?:均为|均适用于)(?P<scope>[^，,；;。]+)")


def parse_note(content: str, guides: bool = False) -> Units | None:
    """The units of one parenthesised note, or None when it names none.
    `guides`: also `（X、Y指导）`, the units in charge of the one measure the
    note closes (a section's own units come from its 牵头/负责 notes)."""
    content = content.strip()
    if m := _LABELLED.match(content):
        lead, resp = expand_units(m.group("lead") or ""), expand_units(m.group("resp") or "")
        return Units(lead, resp, "line", written=role_parts(content, m)) if lead else None
    if m := _DUTY_LABELLED.match(content):
        names = expand_units(re.sub(r"等(?:有关|相关)?(?:部门|单位)$", "", m.group("units").strip()))
        default = _DEFAULT_SCOPE.search(content)
        return Units([], names, "line", applies_to=(m.group("scope") or "").strip(), written=role_parts(content, m),
                     default_applies_to=default.group("scope").strip() if default else "") if names else None
    if (m := _RESPONSIBLE.match(content)) and (names := unit_list(m.group("units"))):
        rest = m.group("rest") or ""
        declares = "第一位" in rest and "牵头" in rest
        if m.group("lead") or declares:
            return Units(names[:1] if declares else names, names[1:] if declares else [], "line", declares,
                         written=[content])
        return Units([], names, "line", written=[content])
    if m := _LEAD_AND.match(content):
        # `X会同Y负责`, `X牵头，Y参与`; `X会同有关部门负责`: X leads, the others named by no one in particular
        lead, resp = unit_list(m.group("lead")), unit_list(m.group("resp"))
        if lead and (resp or _GENERIC_OTHERS.fullmatch(m.group("resp").strip("，,、 "))):
            return Units(lead, resp, "line", written=[content])
    if guides and (m := _GUIDES.match(content)):
        names = unit_list(m.group("units"))
        return Units(names, [], "line", written=[content]) if names else None
    return None



def notes_in(line: str) -> list[Units]:
    """Every unit note in a line (a paragraph may close several projects)."""
    return [u for u in (parse_note(m.group(1)) for m in _NOTE.finditer(line)) if u is not None]


def noted_measures(lines: list[str]) -> list[TableRow]:
    """Measures that close with their own unit note (`…大幅提升风险防控水平。（生态环境部、
    交通运输部指导）`), several to a paragraph: each with its own units, as a task-table
    row has them. Only where a section holds two or more, else its note is the section's."""
    rows: list[TableRow] = []
    for number, line in enumerate(lines):
        start = 0
        for m in _NOTE.finditer(line):
            units = parse_note(m.group(1), guides=True)
            text = line[start:m.start()].strip()
            if units is not None and len(text) >= 10:
                rows.append(TableRow(task=text, detail="", units=units, line=number,
                                     quote=line[start:m.end()].strip()))
            start = m.end()
    return rows if len(rows) >= 2 else []


def merge(found: list[Units]) -> Units | None:
    """The units of several notes of one section: leads first, in order."""
    if not found:
        return None
    lead = list(dict.fromkeys(u for f in found for u in f.lead))
    resp = [u for u in dict.fromkeys(u for f in found for u in f.responsible) if u not in lead]
    return Units(lead, resp, found[0].source, applies_to=next((f.applies_to for f in found if f.applies_to), ""),
                 written=[part for f in found for part in f.written])


# --------------------------------------------------------------- task tables

_CELL_SPLIT = re.compile(r"\t| \| |｜")
_LEAD_COLUMN = re.compile(rf"^(?:{LEAD_LABEL}|指导部门|主责(?:单位|部门)|责任主体)$")
_RESP_COLUMN = re.compile(rf"^(?:{SHARED_LABEL}|负责(?:考核|实施|落实)?(?:单位|部门))$")
_TASK_COLUMN = re.compile(r"^(?:重点任务|工作任务|任务|工作事项|改革举措|任务内容|具体任务|具体措施|主要措施|事项|考核项目|考核内容|工作内容)$")


@dataclass
class TableRow:
    task: str
    detail: str
    units: Units
    line: int = 0  # index of the row's line in the lines given
    quote: str = ""  # what to cite, when not the whole line (a measure and its note)


def cells(line: str) -> list[str]:
    return [re.sub(r"\s+", "", c) for c in _CELL_SPLIT.split(line.strip())]


def table_rows(lines: list[str]) -> list[TableRow]:
    """Rows of every task table in the lines: a header row naming a 牵头 or a
    responsible (责任, 配合, 负责考核) column, then the rows with as many cells. A row
    is read by the last header of its own width: a table nested in a cell (a
    measure's own small table, its rows after the row holding it) leaves the
    header of the table around it in force for the rows after it."""
    rows: list[TableRow] = []
    headers: dict[int, list[str]] = {}
    for n, line in enumerate(lines):
        row = cells(line)
        if len(row) < 3:
            continue
        if any(_LEAD_COLUMN.match(c) or _RESP_COLUMN.match(c) for c in row):
            headers[len(row)] = row  # (a table may name only the bodies responsible: 负责考核部门)
            continue
        header = headers.get(len(row))
        if header is None:
            continue
        lead_i = next((i for i, c in enumerate(header) if _LEAD_COLUMN.match(c)), None)
        resp_i = next((i for i, c in enumerate(header) if _RESP_COLUMN.match(c)), None)
        task_i = next((i for i, c in enumerate(header) if _TASK_COLUMN.match(c)), None)
        lead = expand_units(row[lead_i].strip("/／")) if lead_i is not None and row[lead_i].strip("/／") else []
        resp = expand_units(row[resp_i].strip("/／")) if resp_i is not None and row[resp_i].strip("/／") else []
        if lead or resp:
            task = row[task_i] if task_i is not None else ""
            detail = next((c for i, c in enumerate(row) if i not in (lead_i, resp_i, task_i) and len(c) > 10), "")
            rows.append(TableRow(task.rstrip("。；;"), detail, Units(lead, resp, "table"), n))
    return rows


def rows_by_section(texts: list[str]) -> list[tuple[int, TableRow]]:
    """The task-table rows of a document whose sections' texts are given in reading
    order, each with the index of the section holding it and its line counted within
    that section: a table's header row may stand in an earlier section than its rows
    (a 考核细则 whose rows fall under chapter rows, its header before the first)."""
    lines, owner = [], []
    for i, text in enumerate(texts):
        for j, line in enumerate(text.split("\n")):
            lines.append(line)
            owner.append((i, j))
    out = []
    for row in table_rows(lines):
        i, j = owner[row.line]
        row.line = j
        out.append((i, row))
    return out


def labelled_row(piece: str, text: str) -> tuple[str, str] | None:
    """The table row of `text` that `piece` comes from, each cell named by its
    column (`改革举措：…；指导部门：证监会；推广范围：8个改革试验区域`), with the row as
    written; None when the piece is not from a table with a header row."""
    key = re.sub(r"\s+", "", piece)[:40].strip("|｜")
    lines = text.split("\n")
    at = next((i for i, line in enumerate(lines)
               if key and key in re.sub(r"\s+", "", line) and len(cells(line)) >= 3), -1)
    if at < 0:
        return None
    row = cells(lines[at])
    header = next((cells(line) for line in reversed(lines[:at])
                   if len(cells(line)) == len(row) and not any("。" in c for c in cells(line))
                   and not cells(line)[0].isdigit()), None)
    if header is None:
        return None
    named = [f"{h}：{c}" for h, c in zip(header, row) if c and c not in ("/", "／") and h not in ("序号", "")]
    read = "；".join(named)
    return read if read.endswith("。") else read + "。", lines[at].strip()
