"""The web app's outer gate, an ASGI wrapper around the whole Gradio app.

Gradio's own CORS layer grants credentialed cross-origin requests to any
`localhost:*` page (and to any origin when the app is not on localhost), its
/login takes unlimited guesses, its queue runs any event by index and it
reads whole bodies before it checks a login. So, in front of everything,
in this order:

- Hosts: the Host header must name the app (its bind address, localhost,
  127.0.0.1, [::1], or `settings.allowed_hosts`): a page on a foreign name
  that resolves to this machine (DNS rebinding) is refused.
- Origins: a request carrying an `Origin` header must come from the app's
  own address (or `settings.allowed_origins`); browsers send that header on
  every cross-site call, scripts and gradio_client send none.
- Bodies: a body over its route's limit (`limits.body_limit`) is refused
  with 413 before it is read.
- Login: every /login attempt, and every API call with wrong credentials, is
  counted per client address before it is answered (`login_attempts` per
  `login_window_seconds`), then 429 with Retry-After; API credentials are
  checked here, before the body is read.
- Events: only the named public API endpoints (`/ask`, `/match`, `/duties`)
  may be called without the UI session; the event is found the way Gradio
  finds it (its PredictBody, fn_index before the path's name). Every other
  event (upload, the page's private handlers) and Gradio's temporary upload
  route need the cookie the page itself sets; temporary uploads are also
  capped per client.
"""

from __future__ import annotations

import hmac
import json
import secrets
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from gradio.data_classes import PredictBody
from pydantic import ValidationError
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.responses import JSONResponse

from assistant.settings import Settings
from assistant.web.limits import (UPLOAD_ROUTE, Limiter, body_limit, declared_length, is_login, read_capped,
                                  replay)
from assistant.web.rest import LOGIN_HEADERS, LOGIN_NEEDED, credentials_ok, login_required

UI_COOKIE = "policy-assistant-ui"
EVENT_ROUTES = ("/queue/join", "/run/", "/api/", "/call/")
REST_ROUTES = ("/api/v1/", "/v1/")  # web.rest and web.openai_compat
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
WITH_BODY = ("POST", "PUT", "PATCH")
PAGE_ONLY = "该功能只能在网页界面中使用；接口调用请使用 /ask、/match、/duties"


def _refuse(status: int, message: str, headers: dict | None = None, path: str = "") -> JSONResponse:
    """The refusal in the shape the route's clients read: OpenAI's under /v1/."""
    if path.startswith("/v1/"):
        body = {"error": {"message": message, "type": "invalid_request_error", "code": status}}
    else:
        body = {"error": message, "detail": message}
    return JSONResponse(body, status_code=status, headers=headers)


def _hostname(netloc: str) -> str:
    """`name` of `name:port` or `[v6]:port`, lower-cased."""
    try:
        return (urlsplit(f"//{netloc}").hostname or "").lower()
    except ValueError:
        return ""


def _peer(scope) -> str:
    """The client address: the real peer, or what a configured proxy
    (`forwarded_allow_ips`, applied by uvicorn) says it is."""
    return (scope.get("client") or ("?", 0))[0]


class Guard:
    """Wraps the Gradio ASGI app (installed by `guard_lifespan`)."""

    def __init__(self, app, blocks, settings: Settings, server=None):
        self.app, self.blocks, self.settings = app, blocks, settings
        self.server = server  # Gradio's App: its login tokens
        self.token = secrets.token_urlsafe(24)
        self.logins = Limiter(settings.login_attempts, settings.login_window_seconds)
        self.temp_uploads = Limiter(settings.max_temp_uploads_per_client, settings.upload_window_seconds)
        self.extra_origins = {o.strip().rstrip("/") for o in settings.allowed_origins.split(",") if o.strip()}
        self.hosts = {h.strip().strip("[]").lower() for h in (settings.host, *LOCAL_HOSTS,
                                                              *settings.allowed_hosts.split(",")) if h.strip()}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        path, method = scope["path"], scope["method"]
        limit = body_limit(path, self.settings)
        refusal = self._refusal(scope, headers, path, method, limit)
        if refusal is not None:
            return await refusal(scope, receive, send)
        if method not in WITH_BODY:
            return await self._app(scope, receive, send, path, method)
        body = await read_capped(receive, limit)
        if body is None:
            return await self._too_large(limit, path)(scope, receive, send)
        if method == "POST" and self._is_event(path) and not self._may_call(path, body, headers):
            return await _refuse(403, PAGE_ONLY)(scope, receive, send)
        return await self._app(scope, replay(body, receive), send, path, method)

    def _refusal(self, scope, headers: Headers, path: str, method: str, limit: int) -> JSONResponse | None:
        """What is refused before a byte of the body is read (None: go on)."""
        host = _hostname(headers.get("host", ""))
        if host not in self.hosts:
            return _refuse(403, f"不接受主机名“{host[:80]}”的访问：请使用政策助手自己的地址"
                                "（如需其他域名，请在 POLICY_ASSISTANT_ALLOWED_HOSTS 中加入）", path=path)
        origin = headers.get("origin")
        if origin is not None and not self._own_origin(origin, headers):
            return _refuse(403, "不允许跨站访问：请直接打开政策助手的网址", path=path)
        declared = declared_length(headers)
        if method in WITH_BODY and declared is not None and declared > limit:
            return self._too_large(limit, path)
        if path.startswith(REST_ROUTES) and login_required(self.settings):
            return self._rest_login(scope, headers, path)
        if method == "POST" and (self._is_event(path) or path.rstrip("/") == UPLOAD_ROUTE) \
                and not self._logged_in(headers):
            return _refuse(401, "需要登录：请先在网页上登录")
        if method == "POST" and is_login(path):
            wait = self.logins.hit(_peer(scope))
            return self._locked(wait) if wait else None
        if method == "POST" and path.rstrip("/") == UPLOAD_ROUTE:
            if not self._has_ui_cookie(headers):
                return _refuse(403, PAGE_ONLY)
            wait = self.temp_uploads.hit(_peer(scope))
            if wait:
                return _refuse(429, f"上传过于频繁，请 {max(1, round(wait / 60))} 分钟后再试",
                               {"Retry-After": str(int(wait) + 1)})
        return None

    async def _app(self, scope, receive, send, path, method):
        if method == "GET" and path in ("/", ""):
            send = self._with_cookie(send)
        return await self.app(scope, receive, send)

    # -------------------------------------------------------- origins

    def _own_origin(self, origin: str, headers: Headers) -> bool:
        if origin.rstrip("/") in self.extra_origins:
            return True
        netloc = urlsplit(origin).netloc.lower() if origin != "null" else ""
        return bool(netloc) and netloc == headers.get("host", "").lower() and _hostname(netloc) in self.hosts

    # -------------------------------------------------------- login

    def _rest_login(self, scope, headers: Headers, path: str) -> JSONResponse | None:
        """REST and OpenAI routes with login on: credentials are checked
        before the body is read; a wrong one counts as a guess."""
        authorization = headers.get("authorization")
        if authorization is not None and credentials_ok(self.settings, authorization):
            return None
        if authorization is not None:
            wait = self.logins.hit(_peer(scope))
            if wait:
                return self._locked(wait, path)
        return _refuse(401, LOGIN_NEEDED, LOGIN_HEADERS, path)

    @staticmethod
    def _locked(wait: float, path: str = "") -> JSONResponse:
        seconds = int(wait) + 1
        return _refuse(429, f"登录失败次数过多，请 {seconds} 秒后再试", {"Retry-After": str(seconds)}, path)

    @staticmethod
    def _too_large(limit: int, path: str) -> JSONResponse:
        return _refuse(413, f"请求内容过大（上限 {limit / 1024:,.0f} KB）", path=path)

    # -------------------------------------------------------- events

    @staticmethod
    def _is_event(path: str) -> bool:
        return any(r in path for r in EVENT_ROUTES) and not path.startswith(REST_ROUTES)

    def _may_call(self, path: str, body: bytes, headers: Headers) -> bool:
        if self._has_ui_cookie(headers):
            return True
        fn = self._function(path, body)
        return fn is not None and getattr(fn, "api_visibility", "public") == "public" and bool(fn.api_name)

    def _function(self, path: str, body: bytes):
        """The event Gradio would run for this request, or None. /call/<name>
        takes its event from the path only; /run, /api and /queue/join read the
        body as Gradio's PredictBody (so fn_index "34" is 34) and prefer its
        fn_index to the path's name."""
        fns = self.blocks.fns
        name = path.rstrip("/").rsplit("/", 1)[-1]
        if "/call/" not in path:
            try:
                predict = PredictBody.model_validate(json.loads(body or b"{}"))
            except (ValueError, ValidationError, RecursionError):
                return None  # Gradio refuses it too
            if predict.fn_index is not None:
                return fns.get(predict.fn_index)
            if "/queue/join" in path:
                return None
        return next((fn for fn in fns.values() if fn.api_name == name), None) if name else None

    def _has_ui_cookie(self, headers: Headers) -> bool:
        return hmac.compare_digest(cookie_parser(headers.get("cookie", "")).get(UI_COOKIE, ""), self.token)

    def _logged_in(self, headers: Headers) -> bool:
        """With login on, whether the request carries a Gradio login token
        (checked here so a body is never read for a stranger)."""
        if not self.settings.auth_enabled or self.server is None:
            return True
        cookies = cookie_parser(headers.get("cookie", ""))
        suffix = self.server.cookie_id
        token = cookies.get(f"access-token-{suffix}") or cookies.get(f"access-token-unsecure-{suffix}")
        return token is not None and token in self.server.tokens

    def _with_cookie(self, send):
        async def wrapped(message):
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append(
                    "set-cookie", f"{UI_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict")
            await send(message)
        return wrapped


def guard_lifespan(settings: Settings):
    """A lifespan (for launch's app_kwargs) that puts the Guard in front of
    the built middleware stack before the first request is served."""

    @asynccontextmanager
    async def lifespan(app):
        if app.middleware_stack is None:
            app.middleware_stack = app.build_middleware_stack()
        app.middleware_stack = Guard(app.middleware_stack, app.get_blocks(), settings, server=app)
        yield

    return lifespan
