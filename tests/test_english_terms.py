"""English terms of Chinese law and administration (tax registration, business licence) read as the words a
regulation writes for them (税务登记, 营业执照), not word by word through the dictionary. The rules are written
for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over

DOC = "示例市税收征收管理办法"
TEXT = """示例市税收征收管理办法

第一条 为了加强税收征收管理，规范税收征收和缴纳行为，制定本办法。
第二条 纳税人应当自领取营业执照之日起三十日内，向税务机关申报办理税务登记。
第三条 纳税人必须依照法律、行政法规规定的申报期限、申报内容如实办理纳税申报。
第四条 纳税人未按照规定期限缴纳税款的，税务机关除责令限期缴纳外，从滞纳税款之日起，按日加收滞纳税款万分之五的滞纳金。
第五条 纳税人自结算缴纳税款之日起三年内发现多缴税款的，可以向税务机关要求退还多缴的税款。
第六条 本办法自2026年1月1日起施行。
"""


@pytest.fixture(scope="module")
def taxes(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("english_terms"), {DOC: TEXT})


def test_a_term_of_tax_administration_asked_in_english_finds_its_article(taxes):
    answer = taxes.ask("Within how many days after getting a business licence must we complete tax registration?")
    assert answer.answerable and answer.citations[0].section == "第二条", answer.text
    assert "30 days" in answer.text
