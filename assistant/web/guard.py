"""The web app's outer gate, an ASGI wrapper around the whole Gradio app.

Gradio's own CORS layer grants credentialed cross-origin requests to any
`localhost:*` page (and to any origin when the app is not on localhost), its
/login takes unlimited guesses, and its queue runs any event by index. So,
in front of everything:

- Origins: a request carrying an `Origin` header from anywhere but the app's
  own address (or `settings.allowed_origins`) is refused; browsers send that
  header on every cross-site call, scripts and gradio_client send none.
- Login: failed /login attempts, and API calls refused for wrong basic or
  bearer credentials, are limited per client address (`login_attempts` per
  `login_window_seconds`), then 429 with Retry-After.
- Events: only the named public API endpoints (`/ask`, `/match`, `/duties`)
  may be called without the UI session: every other event (upload, the
  page's private handlers) needs the cookie the page itself sets.
"""

from __future__ import annotations

import hmac
import json
import secrets
import time
from collections import defaultdict, deque
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse

from assistant.settings import Settings

UI_COOKIE = "policy-assistant-ui"
EVENT_ROUTES = ("/queue/join", "/run/", "/api/", "/call/")
REST_ROUTES = ("/api/v1/", "/v1/")  # web.rest and web.openai_compat: they check login themselves


def _refuse(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "detail": message}, status_code=status, headers=headers)


class RateLimit:
    """Events (failed logins, uploads) per client inside a sliding window."""

    def __init__(self, attempts: int, window: float):
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque] = defaultdict(deque)

    def wait_seconds(self, client: str) -> float:
        """0 when the client may try again, else how long to wait."""
        failures = self._failures[client]
        now = time.monotonic()
        while failures and now - failures[0] > self.window:
            failures.popleft()
        if len(failures) < self.attempts:
            return 0.0
        return self.window - (now - failures[0])

    def record(self, client: str) -> None:
        self._failures[client].append(time.monotonic())

    def reset(self, client: str) -> None:
        self._failures.pop(client, None)


class Guard:
    """Wraps the Gradio ASGI app (installed by `install_guard`)."""

    def __init__(self, app, blocks, settings: Settings):
        self.app, self.blocks, self.settings = app, blocks, settings
        self.token = secrets.token_urlsafe(24)
        self.logins = RateLimit(settings.login_attempts, settings.login_window_seconds)
        self.extra_origins = {o.strip().rstrip("/") for o in settings.allowed_origins.split(",") if o.strip()}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is not None and not self._own_origin(origin, headers):
            return await _refuse(403, "不允许跨站访问：请直接打开政策助手的网址")(scope, receive, send)
        path, method = scope["path"], scope["method"]
        if method == "POST" and path.rstrip("/").endswith("/login"):
            return await self._login(scope, receive, send, failed=lambda status: status >= 400)
        if "authorization" in headers:  # REST / OpenAI routes: basic or bearer credentials are guesses too
            counted = self._counting(scope, send, failed=lambda status: status == 401)
            if counted is None:
                return await self._locked(scope, receive, send)
            send = counted
        if method == "POST" and any(r in path for r in EVENT_ROUTES) and not path.startswith(REST_ROUTES):
            body = await _read_body(receive)
            if not self._may_call(path, body, headers):
                return await _refuse(403, "该功能只能在网页界面中使用；接口调用请使用 /ask、/match、/duties")(
                    scope, receive, send)
            return await self.app(scope, _replay(body, receive), send)
        if method == "GET" and path in ("/", ""):
            return await self.app(scope, receive, self._with_cookie(send))
        return await self.app(scope, receive, send)

    # -------------------------------------------------------- origins

    def _own_origin(self, origin: str, headers: Headers) -> bool:
        if origin.rstrip("/") in self.extra_origins:
            return True
        host = headers.get("x-forwarded-host") or headers.get("host", "")
        return urlsplit(origin).netloc.lower() == host.lower() and origin != "null"

    # -------------------------------------------------------- login

    async def _login(self, scope, receive, send, failed):
        counted = self._counting(scope, send, failed)
        if counted is None:
            return await self._locked(scope, receive, send)
        return await self.app(scope, receive, counted)

    def _counting(self, scope, send, failed):
        """A send that records the client's failed logins (None while the
        client is locked out)."""
        client = (scope.get("client") or ("?", 0))[0]
        if self.logins.wait_seconds(client) > 0:
            return None

        async def observe(message):
            if message["type"] == "http.response.start":
                if failed(message["status"]):
                    self.logins.record(client)
                elif message["status"] < 400:
                    self.logins.reset(client)
            await send(message)
        return observe

    async def _locked(self, scope, receive, send):
        wait = int(self.logins.wait_seconds((scope.get("client") or ("?", 0))[0])) + 1
        response = _refuse(429, f"登录失败次数过多，请 {wait} 秒后再试", {"Retry-After": str(wait)})
        return await response(scope, receive, send)

    # -------------------------------------------------------- events

    def _may_call(self, path: str, body: bytes, headers: Headers) -> bool:
        if self._has_ui_cookie(headers):
            return True
        fn = self._function(path, body)
        return fn is not None and getattr(fn, "api_visibility", "public") == "public" and bool(fn.api_name)

    def _function(self, path: str, body: bytes):
        fns = self.blocks.fns
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            data = {}
        index = data.get("fn_index") if isinstance(data, dict) else None
        if isinstance(index, int):
            return fns.get(index)
        name = path.rstrip("/").rsplit("/", 1)[-1]
        if "/queue/join" in path or not name:
            return None
        return next((fn for fn in fns.values() if fn.api_name == name), None)

    def _has_ui_cookie(self, headers: Headers) -> bool:
        for part in headers.get("cookie", "").split(";"):
            key, _, value = part.strip().partition("=")
            if key == UI_COOKIE and hmac.compare_digest(value, self.token):
                return True
        return False

    def _with_cookie(self, send):
        async def wrapped(message):
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append(
                    "set-cookie", f"{UI_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict")
            await send(message)
        return wrapped


async def _read_body(receive) -> bytes:
    chunks, more = [], True
    while more:
        message = await receive()
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes, original):
    """A receive that yields the already-read body, then waits on the real
    one (so a disconnect is still seen)."""
    sent = False

    async def receive():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await original()
    return receive


def guard_lifespan(settings: Settings):
    """A lifespan (for launch's app_kwargs) that puts the Guard in front of
    the built middleware stack before the first request is served."""

    @asynccontextmanager
    async def lifespan(app):
        if app.middleware_stack is None:
            app.middleware_stack = app.build_middleware_stack()
        app.middleware_stack = Guard(app.middleware_stack, app.get_blocks(), settings)
        yield

    return lifespan
