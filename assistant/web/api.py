"""Named API endpoints of the web app (`/ask`, `/match`, `/duties`) that
return the CLI's JSON shapes to gradio_client callers.

No `from __future__ import annotations` here: gr.api reads the real type
hints of these functions to describe the endpoints.
"""

import json
from dataclasses import asdict
from typing import Any

import gradio as gr

from assistant import service
from assistant.errors import ProfileError
from assistant.service import Assistant
from assistant.web.common import friendly


def _profile(profile: Any) -> service.Profile:
    if profile is None or profile == "":
        return service.Profile()
    if isinstance(profile, str):
        try:
            profile = json.loads(profile)
        except json.JSONDecodeError as exc:
            raise ProfileError(f"企业档案不是有效的 JSON：{exc}") from None
    return service.parse_profile(profile)


def register_api(assistant: Assistant) -> None:
    """Call inside the Blocks context."""

    def ask(question: str) -> dict:
        """提问：返回与命令行 `ask --json` 相同的 JSON（question, answer, answerable, intent, citations, latency_ms）。"""
        return assistant.ask(question).to_json()

    def match(profile: dict | str) -> list[dict]:
        """政策匹配：企业档案（JSON 对象或字符串，字段 qualifications/size/industry/location/needs）→ 适用措施列表，
        与命令行 `match --json` 相同。"""
        return assistant.match(_profile(profile)).to_json()

    def duties(unit: str) -> list[dict]:
        """职责查询：单位名称 → 该单位牵头或参与的任务列表（doc, section, title, role, other_units）。"""
        return [asdict(d) for d in assistant.duties(assistant.resolve_unit(unit))]

    for fn, name in ((ask, "ask"), (match, "match"), (duties, "duties")):
        gr.api(friendly(fn), api_name=name, api_description=fn.__doc__)
