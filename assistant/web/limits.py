"""Rate limits and request-body caps for the web app's gate.

    Limiter(count, seconds).hit(key) -> 0.0 | seconds to wait
    body_limit(path, settings) -> bytes a route's request body may have
    read_capped(receive, limit) -> body bytes, or None when over the limit

The limiter is the `limits` package's moving window: `hit` counts the
attempt and checks it in one locked step, so parallel guesses cannot all
pass before the first is recorded, and nothing resets a count but time.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from assistant.settings import Settings

UPLOAD_ROUTE = "/gradio_api/upload"


class Limiter:
    """`count` events per key within `seconds` (a moving window)."""

    def __init__(self, count: int, seconds: float):
        self.item = RateLimitItemPerSecond(count, max(1, math.ceil(seconds)))
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def hit(self, key: str) -> float:
        """Count one event for `key`: 0.0 when it is allowed, else the
        seconds until the key may try again (the event is not counted)."""
        if self._limiter.hit(self.item, key):
            return 0.0
        reset = self._limiter.get_window_stats(self.item, key).reset_time
        return max(1.0, reset - time.time())


def body_limit(path: str, settings: Settings) -> int:
    """The largest body the route at `path` accepts, in bytes."""
    if path.rstrip("/") == UPLOAD_ROUTE:
        return settings.max_upload_mb * 1024 * 1024 + 64 * 1024  # the file plus its multipart framing
    if is_login(path):
        return settings.max_login_kb * 1024
    return settings.max_request_kb * 1024


def is_login(path: str) -> bool:
    return path.rstrip("/").endswith("/login")


def declared_length(headers) -> int | None:
    try:
        return int(headers.get("content-length", ""))
    except ValueError:
        return None


async def read_capped(receive, limit: int) -> bytes | None:
    """The whole body, reading at most `limit` + one chunk; None when it is
    longer than `limit` (the rest is never buffered)."""
    chunks, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def replay(body: bytes, original):
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
