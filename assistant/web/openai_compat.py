"""OpenAI-compatible chat completions, so chat front ends that speak the
OpenAI API (Open WebUI, LobeChat, Dify, bots) can use the assistant.

    POST /v1/chat/completions   last user message = the question, earlier user
                                messages = the conversation (follow-ups work);
                                reply = the cited answer text with [n] sources,
                                plus `citations` (structured), `answerable`,
                                `intent` and `follow_up`; stream or not
    GET  /v1/models             the one model, `policy-assistant`

Errors have the REST API's statuses in OpenAI's shape,
{"error": {"message": …, "type": …}}, which OpenAI clients show. The answer is
computed before a stream starts, so a streamed request fails the same way as
a plain one instead of midway.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any, Iterator, Literal

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.errors import QuestionError
from assistant.models import Answer
from assistant.settings import Settings
from assistant.web.rest import Gate, JSONErrorRoute, ask_in_conversation, require_login

MODEL = "policy-assistant"
ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 422: "invalid_request_error",
               503: "server_error", 500: "server_error"}
CREATED = 1764288000  # fixed: the model does not change between requests
STREAM_PIECE = 24  # characters per streamed delta: a visible, cheap stream


class OpenAIErrorRoute(JSONErrorRoute):
    """Errors in the OpenAI shape, {"error": {"message", "type"}}: what OpenAI
    clients read the message from (a bare string shows as "Error code: 400")."""

    @staticmethod
    def error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
        kind = ERROR_TYPES.get(status, "invalid_request_error")
        return JSONResponse({"error": {"message": message, "type": kind, "code": status}}, status_code=status,
                            headers=headers)


class ContentPart(BaseModel):
    """One part of a message's content list; only text parts are read."""
    model_config = ConfigDict(extra="allow")
    type: str
    text: str | None = None


class Message(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "user", "assistant", "tool", "developer", "function"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):  # content parts: keep the text ones
            return "".join(p.text or "" for p in self.content if p.type == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # temperature, top_p, … are accepted and ignored
    model: str = Field(MODEL, description=f"只有一个模型：{MODEL}（其他名称会被拒绝）")
    messages: list[Message] = Field(..., min_length=1)
    stream: bool = False

    @field_validator("model")
    @classmethod
    def known_model(cls, value: str) -> str:
        if value != MODEL:
            raise ValueError(f"未知模型 {value[:60]!r}，本服务只提供 {MODEL}")
        return value


def _question_and_history(messages: list[Message]) -> tuple[str, list[str]]:
    users = [m.text() for m in messages if m.role == "user"]
    if not users:
        raise QuestionError("消息中没有用户问题（role 为 user 的消息）")
    return users[-1], users[:-1]


def _completion(answer: Answer, model: str, completion_id: str) -> dict[str, Any]:
    content = answer.render_text()
    return {
        "id": completion_id, "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        # Characters, not tokens: there is no tokenizer of a generating model to count with.
        "usage": {"prompt_tokens": len(answer.question), "completion_tokens": len(content),
                  "total_tokens": len(answer.question) + len(content)},
        "citations": [c.to_dict() for c in answer.citations],
        "answerable": answer.answerable, "intent": answer.intent, **_follow_up(answer),
    }


def _follow_up(answer: Answer) -> dict[str, bool]:
    """`follow_up` beside the other extras, as in the REST answer: absent on a
    conversation's first question."""
    return {} if answer.follow_up is None else {"follow_up": answer.follow_up}


def _chunks(answer: Answer, model: str, completion_id: str) -> Iterator[str]:
    base = {"id": completion_id, "object": "chat.completion.chunk", "created": int(time.time()), "model": model}

    def event(delta: dict, finish: str | None = None, **extra) -> str:
        payload = base | {"choices": [{"index": 0, "delta": delta, "finish_reason": finish}]} | extra
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    content = answer.render_text()
    yield event({"role": "assistant", "content": ""})
    for i in range(0, len(content), STREAM_PIECE):
        yield event({"content": content[i:i + STREAM_PIECE]})
    yield event({}, "stop", citations=[c.to_dict() for c in answer.citations],
                answerable=answer.answerable, intent=answer.intent, **_follow_up(answer))
    yield "data: [DONE]\n\n"


def add_openai_routes(app: FastAPI, assistant, settings: Settings, gate: Gate) -> None:
    router = APIRouter(prefix="/v1", route_class=OpenAIErrorRoute, dependencies=[Depends(require_login(settings))],
                       tags=["OpenAI 兼容"])

    @router.post("/chat/completions", summary="OpenAI 兼容的对话接口（stream 或非 stream）")
    def chat_completions(body: ChatRequest):
        question, history = _question_and_history(body.messages)
        with gate:
            answer = ask_in_conversation(assistant, question, history)
        completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
        model = body.model
        if body.stream:
            return StreamingResponse(_chunks(answer, model, completion_id), media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache"})
        return _completion(answer, model, completion_id)

    @router.get("/models", summary="可用模型（一个）")
    def models() -> dict:
        return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": CREATED,
                                            "owned_by": "policy-assistant"}]}

    app.include_router(router)
