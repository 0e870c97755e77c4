"""A 政策问答 written as questions with their answers (`三、…怎么办？` then the answer): a question the document
asks states nothing; the answer after it is what a user asking the same thing in other words is given."""

from __future__ import annotations

from tests.conftest import corpus_fixture

_QA = """松原市灵活就业人员参保常见问答

一、灵活就业人员可以参加哪些社会保险？
灵活就业人员可以个人身份参加职工基本养老保险和职工基本医疗保险，工伤保险暂不接受个人参保。
二、个人参保缴费基数怎么确定？
缴费基数在上年度全省全口径城镇单位就业人员平均工资的60%至300%之间自行选择。
三、断缴几个月后想接着交，应该怎么办？
可通过松原智慧人社小程序恢复缴费，中断期间的费用不予补缴，缴费年限相应顺延。
四、外地户籍人员能否在本市以灵活就业身份参保？
持有本市居住证满六个月的外地户籍人员，可在居住地社保经办机构办理参保登记。
五、按月缴费和按年缴费有什么区别？
按月缴费于每月二十五日前完成扣款，按年缴费须在当年十二月二十日前一次性缴清。
六、缴费困难可以申请社保补贴吗？
就业困难人员实现灵活就业的，可按实际缴费额的三分之二申请社会保险补贴，期限最长三年。
七、到哪里咨询参保问题？
可拨打12333服务热线，或到各县区社保经办大厅咨询。
八、已在外省参加城乡居民养老保险，回本市灵活就业后，想改为参加职工养老保险的，应当如何办理？
先在原参保地办理城乡居民养老保险关系转出，再持转移凭证到本市社保经办机构办理职工养老保险参保登记。
"""

_RULES = """松原市社会保险经办服务规程

第一条 为规范社会保险经办服务，制定本规程。
第二条 社保经办机构应当公开办事指南，一次性告知所需材料。
第三条 参保登记实行全城通办，群众可就近选择经办网点。
第四条 经办机构应当在受理之日起五个工作日内办结参保登记。
第五条 个人权益记录应当每年向参保人寄送一次。
第六条 经办机构应当建立首问负责制度。
第七条 参保人对经办结果有异议的，可以申请复核。
第八条 经办机构应当保护参保人的个人信息，不得泄露。
第九条 经办大厅应当设置无障碍通道和老年人服务窗口。
第十条 网上经办业务与窗口经办业务具有同等效力。
第十一条 经办机构应当定期开展业务培训。
第十二条 参保单位变更名称的，应当在三十日内办理变更登记。
第十三条 社保经办机构应当按月核对缴费数据。
第十四条 经办人员违反本规程的，依法给予处分。
第十五条 本规程自发布之日起施行。
"""

qa = corpus_fixture({"松原市灵活就业人员参保常见问答": _QA, "松原市社会保险经办服务规程": _RULES})


def test_a_question_asked_as_the_document_asks_it_is_answered_by_the_answer_after_it(qa):
    answer = qa.ask("社保断缴了三个月，想接着交该怎么办？")
    first = answer.text.splitlines()[0]
    assert "恢复缴费" in first, answer.text
    assert not first.startswith("断缴几个月后想接着交"), answer.text


def test_a_place_whose_name_ends_in_yuan_asks_no_sum(qa):
    """Songyuan is a city, not a sum in yuan: how to switch schemes is asked, and the answer says how."""
    answer = qa.ask("How can someone with a residents' pension from another province switch to the employee "
                    "pension in Songyuan?")
    assert answer.answerable and answer.coverage == "full", answer.text
    assert "转移凭证" in answer.text
