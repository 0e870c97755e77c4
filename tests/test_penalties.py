"""A question about what befalls a breach of a duty (没去登记会罚吗？) is answered with the penalty the rule
book's 法律责任 articles name for that duty by its article number (违反本办法第四条规定的，…处…罚款), however
few of the question's words the penalty itself repeats. The rule book is written for these tests."""

from __future__ import annotations

import pytest

from assistant.ingest.sanctions import enforced_articles
from tests.conftest import assistant_over

RULES = """青禾县农家乐经营管理办法

第一条 为规范农家乐经营，保障游客安全，制定本办法。
第二条 本办法适用于本县行政区域内的农家乐经营者。
第三条 县文化和旅游局负责农家乐的指导和监督管理。
第四条 农家乐经营者应当自开业之日起30日内向所在地乡镇人民政府登记。
第五条 农家乐经营者应当为游客购买公众责任保险。
第六条 农家乐提供餐饮服务的，应当符合食品安全标准。
第七条 县财政每年安排专项资金，对评定为星级的农家乐给予一次性奖励。
第八条 违反本办法第四条规定的，由乡镇人民政府责令限期改正；逾期不改正的，处500元以上2000元以下的罚款。
第九条 违反本办法第5条规定的，由县文化和旅游局责令改正，处1000元以上5000元以下的罚款。
第十条 农家乐销售不符合食品安全标准的自制食品，货值金额不足五千元的，处五千元以上二万元以下罚款；货值金额五千元以上的，处货值金额五倍以上十倍以下罚款。
第十一条 本办法自发布之日起施行。
"""


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("penalties"), {"青禾县农家乐经营管理办法": RULES})


def test_the_penalty_for_a_duty_is_found_through_its_article(county):
    answer = county.ask("我家的农家乐开张两个多月了，一直没去乡镇那边登记，会被罚多少钱？")
    assert "500元以上2000元以下" in answer.text, answer.text
    assert "第八条" in {c.section for c in answer.citations}


def test_a_duty_named_with_an_arabic_article_number_finds_its_penalty_too(county):
    answer = county.ask("游客来我们农家乐玩，我们没给他们买公众责任保险，会有什么处罚？")
    assert "1000元以上5000元以下" in answer.text, answer.text


def test_asked_how_a_breach_is_dealt_with_the_penalty_answers(county):
    """会怎么处理 after a duty not done asks what befalls the breach, as 会罚吗 does: not how a procedure goes."""
    answer = county.ask("农家乐开业后没按规定去乡镇登记，会怎么处理？")
    assert answer.text.split("〔")[0].endswith("500元以上2000元以下的罚款。"), answer.text


def test_asked_in_english_what_happens_to_a_breach_the_penalty_answers(county):
    """`What happens to someone who…` asks what befalls the breach, as 会怎么样 does."""
    plan = county.answerer.parser.parse("What happens to a farm-stay operator that never registers with the township?")
    assert plan.penalty_asked
    assert not county.answerer.parser.parse("When must a farm-stay operator register with the township?").penalty_asked


def test_a_question_on_the_duty_itself_is_answered_by_the_duty(county):
    answer = county.ask("农家乐开业以后多少天内要去登记？")
    assert "30日内" in answer.text and "罚款" not in answer.text.split("〔")[0], answer.text


def test_a_penalty_names_every_article_whose_breach_it_punishes():
    sentence = ("违反本规定第六条第二款、第7条规定，或者违反本规定第十条规定逾期未报告的，由主管部门责令改正，"
                "处二千元罚款。")
    assert enforced_articles(sentence) == ["第六条", "第7条", "第十条"]
    assert enforced_articles("依照本规定第六条办理登记。") == []  # no breach, no penalty
    assert enforced_articles("违反有关法律规定的，依法处理。") == []  # no article of its own


def test_a_fines_range_asked_of_a_value_below_the_tier_line_is_that_tiers_amount(county):
    """罚款幅度 asks the range of the fine, an amount; the asker's 不到三千元 is below the 五千元 line."""
    answer = county.ask("我们农家乐卖的自制食品被查出不符合食品安全标准，货值不到三千元，罚款幅度是多少？")
    assert "五千元以上二万元以下" in answer.text.split("〔")[0], answer.text  # the first provision quoted
