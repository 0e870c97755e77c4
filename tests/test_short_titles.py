"""A document cited by a shortened title (款项支付条例 for 保障中小企业款项支付条例), as people cite laws:
the question is answered from that document. The documents are written for this test."""

from __future__ import annotations

from tests.conftest import assistant_over

PAYMENT = """保障小微商户货款结算条例

第一条 为了保障小微商户及时收到货款，制定本条例。

第二条 大型商场应当自商户交付货物之日起30日内结清货款。

第三条 大型商场不得以内部审核未完成为由拒绝结算货款。
"""

ELDERLY = """青禾县乡镇养老服务站运营办法

第一条 为规范乡镇养老服务站运营，制定本办法。

第二条 养老服务站应当以内部审核结果作为护理等级评定的依据。

第三条 本办法自发布之日起施行。
"""


def test_a_shortened_title_names_its_document(tmp_path):
    county = assistant_over(tmp_path, {"保障小微商户货款结算条例": PAYMENT, "青禾县乡镇养老服务站运营办法": ELDERLY})
    answer = county.ask("货款结算条例里，以内部审核结果作为依据的规定在第几条？")
    assert answer.citations and all(c.doc == "保障小微商户货款结算条例" for c in answer.citations)
    assert "第三条" in answer.text
