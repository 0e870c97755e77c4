"""Who does what, as a regulation's clauses say it, read the way the question asks it: a body that
`承担…工作` carries that work; one article giving each of several departments its own field
answers with the department whose field is asked; a party's duties asked with a kind of duty
(配合义务, 保密义务) are the provisions requiring them, not a list of bodies; whether any provision
backs a measure (有没有…的依据) is that provision, not the laws the regulation names as its basis.
The regulation is written for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over

DOC = "东岭市社区养老服务条例"
DOCUMENT = """东岭市社区养老服务条例

第一条 为了规范社区养老服务，根据《中华人民共和国老年人权益保障法》等法律、法规，结合本市实际，制定本条例。

第二条 本条例适用于本市行政区域内的社区养老服务及其监督管理活动。

第三条 市民政部门负责全市社区养老服务的统筹管理工作；市卫生健康部门负责社区养老服务机构医疗服务的监督工作；市市场监督管理部门负责社区养老服务机构食品安全的监督工作；市消防救援机构负责社区养老服务设施消防安全的检查工作。

第四条 东岭市养老服务指导中心承担对社区养老服务站点的日常运营评估和服务人员培训工作。

第五条 社区养老服务机构和服务人员应当配合民政部门依法开展的监督检查，如实提供有关资料，不得隐瞒或者拒绝。社区养老服务机构应当对老年人的个人信息予以保密。

第六条 市人民政府对连锁运营的社区养老服务机构给予运营补贴，具体办法由市民政部门会同市财政部门制定。

第七条 市民政部门负责社区养老服务站点的设置规划、日常运营监督和服务人员培训的指导工作。

第八条 本条例自2025年3月1日起施行。
"""


@pytest.fixture(scope="module")
def elder_care(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("role_clauses"), {DOC: DOCUMENT})


def test_a_body_carrying_the_work_is_the_one_that_does_it(elder_care):
    answer = elder_care.ask("社区养老服务站点的日常运营评估和服务人员培训，是哪个单位承担的？")
    assert "养老服务指导中心" in answer.text.splitlines()[0]
    assert [c.section for c in answer.citations][:1] == ["第四条"]


def test_the_department_whose_field_is_asked_is_picked_out_of_the_list(elder_care):
    first = elder_care.ask("东岭的养老机构里老人吃饭的安全由哪个部门监督？").text.splitlines()[0]
    assert "市场监督管理部门" in first
    assert "消防救援" not in first and "卫生健康" not in first


def test_asked_of_the_whole_field_the_article_answers_with_all_its_bodies(elder_care):
    first = elder_care.ask("东岭的社区养老服务由哪些部门分别管哪一块？").text.splitlines()[0]
    assert all(body in first for body in ("市民政部门", "市卫生健康部门", "市市场监督管理部门")), first


def test_a_kind_of_duty_asked_is_answered_by_the_duty_not_by_bodies(elder_care):
    answer = elder_care.ask("民政部门来检查的时候，养老机构和服务人员要尽哪些配合义务？")
    assert "如实提供有关资料" in answer.text
    assert "责任单位" not in answer.text


def test_whether_a_provision_backs_a_measure_is_that_provision(elder_care):
    answer = elder_care.ask("给连锁经营的养老机构发运营补贴，有没有法规上的依据？")
    assert "第六条" in [c.section for c in answer.citations]
    assert not answer.text.startswith("依据的文件")
