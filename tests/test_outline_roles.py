"""Laws name their offices in sentences, not in a unit line: `X会同Y…`,
`X负责…工作`, `…在各自的职责范围内，负责…`, `办公室设在X`. Each article's
units are every body it names, each name whole as the law writes it.
Real texts from corpus/ and tests/data/real/ (see their SOURCES.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.ingest.outline import parse_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS, REAL = ROOT / "corpus", ROOT / "tests" / "data" / "real"


def article(path: Path, opening: str):
    """The article whose text starts with `opening` (its label and first words)."""
    return next(s for s in parse_file(path).sections if s.kind == "article"
                and re.sub(r"\s+", "", s.text).startswith(opening))


def units(section) -> list[str]:
    return section.lead_units + section.responsible_units


def test_an_article_sharing_out_a_duty_names_every_body_it_gives_it_to():
    """科学技术进步法: the State Council's and the local governments' 科学技术行政部门
    are responsible, and the other departments each within their remit."""
    section = article(CORPUS / "中华人民共和国科学技术进步法.txt", "第十六条")
    bodies = ["国务院科学技术行政部门", "国务院其他有关部门",
              "县级以上地方人民政府科学技术行政部门", "县级以上地方人民政府其他有关部门"]
    assert all(b in section.text for b in bodies)
    assert set(bodies) <= set(units(section))


def test_a_body_that_acts_together_with_others_leads_and_the_others_share():
    section = next(s for s in parse_file(REAL / "北京市促进科技成果转化条例.txt").sections
                   if "市人力资源社会保障部门应当会同" in s.text)
    assert "市人力资源社会保障部门" in section.lead_units
    assert {"市科学技术部门", "市教育部门"} <= set(section.responsible_units)  # 市科学技术、教育等部门


def test_a_list_of_bodies_after_huitong_is_read_to_its_end():
    plan = REAL / "国务院办公厅关于印发“无废城市”建设试点工作方案的通知.txt"
    section = next(s for s in parse_file(plan).sections if "生态环境部会同国家发展改革委" in s.text)
    assert section.lead_units == ["生态环境部"]
    assert {"国家发展改革委", "工业和信息化部", "国家统计局", "国家邮政局"} <= set(section.responsible_units)


def test_the_office_a_group_sets_up_in_a_body_makes_that_body_lead():
    section = article(CORPUS / "高新技术企业认定管理办法.txt", "第七条")
    assert "办公室设在科技部" in section.text and section.lead_units == ["科技部"]


def test_a_body_named_by_its_duty_is_one_name_not_a_government_doing_the_duty():
    """`国务院负责中小企业促进工作综合管理的部门组织实施…`: the body is the department;
    国务院 alone does nothing here."""
    section = article(CORPUS / "中华人民共和国中小企业促进法.txt", "第五条")
    assert "国务院负责中小企业促进工作综合管理的部门" in units(section)
    assert "国务院有关部门" in units(section)  # as written, not cut to 国务院
    assert "国务院" not in units(section)


def test_levels_sharing_one_body_stay_one_name():
    """`省、自治区、直辖市人民政府管理专利工作的部门` is one body at three levels, not
    `省、自治区部门` glued from the list's parts."""
    section = article(REAL / "专利代理条例.txt", "第五条")
    assert "省、自治区、直辖市人民政府管理专利工作的部门" in units(section)
    assert not any(u.startswith("省、自治区") and u != "省、自治区、直辖市人民政府管理专利工作的部门"
                   for u in units(section))


LAWS = [p for p in sorted(CORPUS.glob("*.txt")) + sorted(REAL.glob("*.txt"))
        if len(re.findall(r"(?m)^\s*第[一二三四五六七八九十百零〇]+条", p.read_text(encoding="utf-8", errors="ignore"))) >= 10]


def _written(name: str, text: str) -> bool:
    """A name as the text writes it, or a list item completed by the list's
    shared level (`市`) or shared ending (`部门`)."""
    flat = re.sub(r"\s+", "", text)
    shared_ending = any(name.endswith(end) and name[:-len(end)] in flat for end in ("主管部门", "行政部门", "部门"))
    shared_level = name.startswith("市") and _written(name[1:], text)
    return name in flat or shared_ending or shared_level


@pytest.mark.parametrize("path", LAWS, ids=lambda p: p.stem[:12])
def test_every_body_an_article_names_is_whole_as_written(path):
    named = [(s.label, u) for s in parse_file(path).sections if s.kind == "article" for u in units(s)]
    text = {s.label: s.text for s in parse_file(path).sections}
    assert all(_written(u, text[label]) for label, u in named), [(l, u) for l, u in named if not _written(u, text[l])]
    assert not [u for _, u in named if re.fullmatch(r"[省市区县](?:主管)?部门", u)]  # no 市部门, 市主管部门
