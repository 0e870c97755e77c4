"""Plain REST API on the web app's own server (the FastAPI app Gradio runs on).

    POST /api/v1/ask        {"question": "...", "history": ["earlier question", ...]} -> `ask --json`
    POST /api/v1/match      an enterprise profile -> `match --json`
    GET  /api/v1/duties?unit=...                  -> the unit's tasks
    GET  /api/v1/sections                         -> `sections --json`
    GET  /api/v1/health                           -> ready (200) | building / failed (503)
    /docs, /openapi.json                          -> the OpenAPI page

The OpenAI-compatible routes (`openai_compat`) join the same app. Every
error is JSON {"error": message}: 4xx for a UserInputError (422 for a body
that does not fit the schema), 503 for a BackendError, 401 without login.
Login is the UI's: HTTP basic with its user and password, or a bearer token
(`api_token`), required whenever either is configured.
"""

from __future__ import annotations

import base64
import hmac
import logging
import threading
from contextlib import asynccontextmanager
from dataclasses import asdict
from typing import Any, Callable

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from pydantic import BaseModel, Field

from assistant import service
from assistant.errors import BackendError, PolicyAssistantError, ServerBusy, UserInputError
from assistant.models import Section
from assistant.settings import Settings

log = logging.getLogger("assistant.web")

API_PREFIXES = ("/api/v1/", "/v1/", "/docs", "/openapi.json")
UNEXPECTED = "处理请求时出现意外错误，请稍后重试（详细信息已记入服务器日志）"
BAD_BODY = "请求体不是有效的 JSON（须为 UTF-8 编码，且嵌套不可过深）"
MAX_HISTORY = 4  # earlier questions replayed to rebuild a conversation's follow-up context


def error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors():
        where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "请求体"
        parts.append(f"{where}：{e.get('msg', '')}")
    return "请求格式不正确（" + "；".join(parts) + "）"


def status_of(exc: PolicyAssistantError) -> int:
    if isinstance(exc, UserInputError):
        return 400
    return 503  # BackendError: the system cannot answer right now


class JSONErrorRoute(APIRoute):
    """Every failure of a route becomes {"error": message} with its status:
    one place for the conversion, as in cli.main and web.common.friendly."""

    @staticmethod
    def error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
        return error(status, message, headers)

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()
        error = self.error

        async def route(request: Request):
            try:
                return await handler(request)
            except RequestValidationError as exc:
                return error(422, _validation_message(exc))
            except StarletteHTTPException as exc:  # FastAPI's own (a body it cannot parse: 400) and the routes'
                detail = BAD_BODY if exc.__cause__ is not None else str(exc.detail)
                return error(exc.status_code, detail, getattr(exc, "headers", None))
            except ServerBusy as exc:
                return error(503, str(exc), {"Retry-After": "1"})
            except PolicyAssistantError as exc:
                return error(status_of(exc), str(exc))
            except Exception:  # noqa: BLE001 - never a stack trace to a client
                log.exception("REST handler failed")
                return error(500, UNEXPECTED)

        return route


class Gate:
    """At most `limit` answers at once; up to `waiting` more wait for a slot,
    and past that a request is turned away at once with ServerBusy."""

    def __init__(self, limit: int, waiting: int):
        self.limit, self.waiting = limit, waiting
        self._slots = threading.Semaphore(limit)
        self._inside = 0
        self._count = threading.Lock()

    def __enter__(self) -> "Gate":
        with self._count:
            if self._inside >= self.limit + self.waiting:
                raise ServerBusy(f"服务繁忙：已有 {self._inside} 个请求在处理或排队，请稍后再试")
            self._inside += 1
        self._slots.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self._slots.release()
        with self._count:
            self._inside -= 1


LOGIN_NEEDED = "需要登录：请使用 HTTP Basic（网页的用户名和密码）或 Bearer 令牌（api_token）"
LOGIN_HEADERS = {"WWW-Authenticate": 'Basic realm="policy-assistant"'}


def login_required(settings: Settings) -> bool:
    return settings.auth_enabled or bool(settings.api_token)


def credentials_ok(settings: Settings, authorization: str) -> bool:
    """Whether an Authorization header carries the UI's user and password
    (basic) or the API token (bearer); True when no login is configured."""
    if not login_required(settings):
        return True
    scheme, _, value = authorization.partition(" ")
    scheme = scheme.lower()
    if scheme == "bearer" and settings.api_token:
        return hmac.compare_digest(value.strip().encode(), settings.api_token.encode())
    if scheme == "basic" and settings.auth_enabled:
        try:
            given = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return False
        return hmac.compare_digest(given.encode(), f"{settings.auth_user}:{settings.auth_password}".encode())
    return False


def require_login(settings: Settings) -> Callable:
    """A dependency checking basic auth (the UI's user and password) or the
    bearer token, when either is configured (the guard has already refused
    bad credentials before the body was read; this is the routes' own check)."""

    def check(request: Request) -> None:
        if not credentials_ok(settings, request.headers.get("authorization", "")):
            raise HTTPException(401, LOGIN_NEEDED, headers=LOGIN_HEADERS)

    return check


class AskBody(BaseModel):
    question: str = Field(..., description="问题（中文或英文）", examples=["新型研发机构由哪个单位牵头？"])
    history: list[str] = Field(default_factory=list, description="同一对话中此前的问题（按顺序），用于追问")
    k: int | None = Field(None, ge=1, le=100, description="检索的章节数（默认由配置决定）")


def section_json(s: Section) -> dict[str, Any]:
    """One section as `policy-assistant sections --json` prints it."""
    return {"doc": s.doc, "section": s.label, "title": s.title, "chapter": s.chapter, "kind": s.kind,
            "lead_units": s.lead_units, "responsible_units": s.responsible_units,
            "targets": [t.to_dict() for t in s.targets], "references": s.references,
            "start": s.start, "end": s.end}


def ask_in_conversation(assistant, question: str, history: list[str], k: int | None = None):
    """Answer `question` after replaying the conversation's latest earlier
    questions into a fresh session, so a follow-up (`那责任单位呢？`) works
    without the server keeping sessions (any worker can take any request)."""
    session = assistant.new_session()
    for earlier in history[-MAX_HISTORY:]:
        try:
            assistant.ask(earlier, session=session)
        except UserInputError:
            continue  # an unusable earlier turn adds no context
    return assistant.ask(question, session=session, k=k)


def build_rest(assistant, settings: Settings, health: Callable[[], dict]) -> tuple[FastAPI, Gate]:
    """The REST app; its routes are moved onto Gradio's app by `with_routes`.
    `assistant` is the Assistant (or the Warmup standing in for it)."""
    app = FastAPI(title="政策助手 API", version="1", docs_url="/docs", redoc_url=None,
                  description="政策文件问答、政策匹配、职责查询；错误均为 {\"error\": 消息}。"
                              "另有 OpenAI 兼容接口 /v1/chat/completions。")
    gate = Gate(settings.concurrency_limit, settings.queue_max_size)
    api = APIRouter(prefix="/api/v1", route_class=JSONErrorRoute, dependencies=[Depends(require_login(settings))])

    @api.post("/ask", summary="提问（与 ask --json 相同）")
    def ask(body: AskBody) -> dict:
        with gate:
            return ask_in_conversation(assistant, body.question, body.history, body.k).to_json()

    @api.post("/match", summary="政策匹配（与 match --json 相同）")
    def match(profile: dict[str, Any]) -> list[dict]:
        with gate:
            return assistant.match(service.parse_profile(profile)).to_json()

    @api.post("/self-check", summary="条件自测（政策计算器）：企业情况 → 各条件清单逐条判断")
    def self_check(facts: dict[str, Any]) -> list[dict]:
        with gate:
            return [r.to_dict() for r in assistant.self_check(facts)]

    @api.get("/duties", summary="职责查询：单位牵头或参与的任务")
    def duties(unit: str = Query(..., description="单位名称，如 市科技局")) -> list[dict]:
        return [asdict(d) for d in assistant.duties(assistant.resolve_unit(unit))]

    @api.get("/sections", summary="解析出的章节（与 sections --json 相同）")
    def sections() -> list[dict]:
        return [section_json(s) for s in assistant.sections()]

    @api.get("/health", summary="状态：ready（200）或 building / failed / unavailable（503）")
    def health_check() -> JSONResponse:
        state = health()
        if state.get("status") == "ready":
            problem = vector_store_problem(assistant)
            if problem:
                state = {**state, "status": "unavailable", "error": problem}
        return JSONResponse(state, status_code=200 if state.get("status") == "ready" else 503)

    app.include_router(api)
    return app, gate


def vector_store_problem(assistant) -> str:
    """Why the serving build's vector store cannot answer ('' when it can):
    a Chroma server that went down after start-up makes every answer fail."""
    try:
        assistant.index.vectors.count()
    except Exception as exc:  # noqa: BLE001 - any failure of the store is the answer
        return f"向量库不可用：{exc}"
    return ""


def with_routes(app_kwargs: dict[str, Any], extra: FastAPI) -> dict[str, Any]:
    """launch() app_kwargs whose lifespan first puts `extra`'s routes in
    front of Gradio's own (then runs the lifespan already there)."""
    inner = app_kwargs.get("lifespan")

    @asynccontextmanager
    async def lifespan(app):
        app.router.routes[0:0] = list(extra.routes)
        if inner is None:
            yield
        else:
            async with inner(app):
                yield

    return {**app_kwargs, "lifespan": lifespan}


__all__ = ["API_PREFIXES", "BackendError", "Gate", "build_rest", "error", "with_routes"]
