"""Government unit names: parsing the `（牵头单位：…；责任单位：…）` line,
expanding abbreviated lists, and one alias table shared by documents and
questions.

Policy documents write `市发展改革局、科技局` for 市发展改革局 and 市科技局: the
`市` prefix carries across an enumerated list. Collective units (`各镇区`),
party organs (`市委组织部`, `团市委`) and zones (`…开发区`, `…新区`) stay as written.
"""

from __future__ import annotations

import re

from assistant import lexicon
from assistant.lexicon import english

# How notes label the two roles (牵头单位, 牵头责任单位; 责任单位, 配合单位): one grammar for every reader of notes
LEAD_LABEL = r"牵头(?:责任|负责|主办)?(?:单位|部门)"
SHARED_LABEL = r"(?:配合|责任|参与|协办|协同|协助)(?:责任)?(?:单位|部门)"
UNIT_LINE = re.compile(rf"^[ \t　]*[（(]\s*{LEAD_LABEL}[：:](?P<lead>[^；;）)]*)(?:[；;]\s*{SHARED_LABEL}[：:](?P<resp>[^）)]*))?"
                       r"[）)]\s*$")
# a separator outside brackets: `市、县（市、区）人民政府…部门` lists two levels, the bracket's 、 none
_SEPARATORS = re.compile(r"[、，,；;\s]+(?![^（(]*[）)])")

# Aliases users (and some documents) write, mapped to the canonical name (lexicon/units.toml).
ALIASES = {form: entry.name for entry in lexicon.load("units") for form in entry.forms}

_COLLECTIVE = ("各", "团")
_ZONE_SUFFIXES = ("开发区", "新区", "镇区", "园区")


# A zone is written long or short (火炬高技术产业开发区, 火炬开发区, 火炬区) and its
# administrative committee (翠亨新区管委会) is the zone itself as a responsible unit.
_ZONE_LONG = re.compile(r"(?<=[\u4e00-\u9fff]{2})高(?:新)?技术产业(?=开发区$)")
_ZONE_COMMITTEE = re.compile(r"(?<=[开发新园]区)(?:管委会|管理委员会)$")
_ZONE = re.compile(r"^(?P<core>[\u4e00-\u9fff]{2,})(?:开发区|新区|高新区)$")


def canonical(name: str) -> str:
    name = name.strip()
    name = ALIASES.get(name, name)
    return _ZONE_LONG.sub("", _ZONE_COMMITTEE.sub("", name))


def zone_forms(unit: str) -> list[str]:
    """Other ways a question writes a zone: 火炬开发区 -> 火炬区, 火炬高技术产业开发区, 火炬开发区管委会."""
    m = _ZONE.match(unit)
    if not m:
        return []
    core, tail = m.group("core"), unit[len(m.group("core")):]
    longer = [core + "高技术产业开发区", core + "高新技术产业开发区"] if tail == "开发区" else []
    return [core + "区", *longer, unit + "管委会", unit + "管理委员会"]


# levels of government a list may name before the body they share (`市、区…部门`)
_LEVEL = r"(?:省|市|区|县|镇|乡|街道|自治区|直辖市|设区的市|计划单列市|[省市区县]级)"
_LEVELS = re.compile(rf"^{_LEVEL}(?:、{_LEVEL})*、")


def _items(raw: str) -> list[str]:
    """The items of a list; a bare level (`市`) stays with the body after it."""
    items: list[str] = []
    for item in filter(None, _SEPARATORS.split(raw.strip())):
        if items and _LEVELS.fullmatch(items[-1] + "、"):
            items[-1] += "、" + item
        else:
            items.append(item)
    return items


_OWN_CITY = re.compile(r"[\u4e00-\u9fff]{2}市(?![委场])")


def expand_units(raw: str) -> list[str]:
    """`各镇区，市发展改革局、科技局` -> ['各镇区', '市发展改革局', '市科技局']."""
    out: list[str] = []
    prefix = ""
    for item in _items(raw):
        if _LEVELS.match(item):
            pass  # `市、区人力资源社会保障部门`: one body of two levels, kept as written
        elif item.startswith("市") and not item.startswith("市场"):  # 市场监管局 is abbreviated too
            # 市委组织部、宣传部 -> 市委宣传部; 市科技局、商务局 -> 市商务局
            prefix = "市委" if item.startswith("市委") else "市"
        elif _OWN_CITY.search(item):
            prefix = ""  # `中国人民银行南溪市中心支行`: a body of a city it names; the list's 市 stops here
        elif item.startswith(_COLLECTIVE) or item.endswith(_ZONE_SUFFIXES) or "市" in item.removeprefix("市场"):
            pass  # collective units, zones and names like 团市委 stay whole
        elif prefix:
            item = ("市委" if prefix == "市委" and item.endswith("部") else "市") + item
        item = canonical(item)
        if item not in out:
            out.append(item)
    return out


def parse_unit_line(line: str) -> tuple[list[str], list[str]] | None:
    """(lead units, responsible units) of a `（牵头单位：…；责任单位：…）` line."""
    match = UNIT_LINE.match(line)
    if not match:
        return None
    return expand_units(match.group("lead") or ""), expand_units(match.group("resp") or "")


def unit_line_written(line: str) -> list[str]:
    """The roles of a `（牵头单位：…；责任单位：…）` line as written (see role_parts)."""
    match = UNIT_LINE.match(line)
    return role_parts(line, match) if match else []


def role_parts(written: str, m: re.Match) -> list[str]:
    """Each role of a labelled note as written, label included (`牵头单位：市科技局`): from the start of the
    note, or of the label before a role's names, to the end of those names."""
    parts, start = [], 0
    for group in ("lead", "resp", "units"):
        if group in m.re.groupindex and m.group(group):
            parts.append(written[start:m.end(group)].strip("；;，,。（( \t\u3000"))
            start = m.end(group)
    return parts


def gloss(unit: str) -> str:
    """`Municipal Finance Bureau (市财政局)`: English built from the name's parts (lexicon.english)."""
    return english.gloss(unit)


UNIT_MARK = "\x00"  # where a unit was named, in the text `units_marked` returns


def find_units_in(text: str, known_units: list[str]) -> list[str]:
    """Units named in free text (a question), by canonical name, alias or the
    short form without `市` (`商务局`). Longest names first so 市委组织部 wins
    over 组织部."""
    return units_marked(text, known_units)[0]


def units_marked(text: str, known_units: list[str]) -> tuple[list[str], str]:
    """The units named in `text` (as `find_units_in`) and the text with each name
    replaced by `UNIT_MARK`, so what is said of a unit can be read where it stands."""
    found: list[str] = []
    candidates: list[tuple[str, str]] = []
    for unit in known_units:
        candidates.append((unit, unit))
        candidates += [(form, unit) for form in zone_forms(unit)]
        if unit.startswith("市") and len(unit) > 3:
            short = unit[2:] if unit.startswith("市委") else unit[1:]
            candidates.append((short, unit))
    candidates += [(alias, target) for alias, target in ALIASES.items()]
    candidates += [(alias[1:], target) for alias, target in ALIASES.items() if alias.startswith("市")]
    taken = text
    for surface, unit in sorted(candidates, key=lambda c: -len(c[0])):
        if len(surface) >= 2 and surface in taken and unit in known_units:
            if unit not in found:
                found.append(unit)
            taken = taken.replace(surface, UNIT_MARK)
    return found, taken
