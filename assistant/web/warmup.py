"""The server's assistant while the first index is still being built.

`make run` on a fresh checkout used to wait for the whole build before the
page opened. `Warmup.start(settings)` opens the index when there is one (and
re-indexes what changed in corpus/ in the background, the open build serving
meanwhile); otherwise it builds it in a background thread and stands in for the
Assistant meanwhile: lists (units, sections, documents, targets) are empty,
questions and look-ups raise IndexBuilding ("索引构建中……"), and `state()`
says building / ready / failed for the health endpoint and the page.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from typing import Any, Callable

from assistant.errors import IndexBuilding, IndexUnavailable, PolicyAssistantError
from assistant.service import Assistant, build_index, current_build
from assistant.settings import Settings
from assistant.web.i18n import say

log = logging.getLogger("assistant.web")

def building_message(progress: tuple[int, int] | None, embedding_seconds: float, english: bool = False) -> str:
    """"正在建立索引，约N分钟": N from the share of texts embedded so far and the
    time they took (embedding is nearly all of a first build's time), never a
    promise made up front."""
    if not progress or not progress[0] or not progress[1]:
        return say("building_starting", english)
    done, total = progress
    percent = min(99, int(100 * done / total))
    left = embedding_seconds * (total - done) / done
    if left < 45:
        return say("building_soon", english, percent=percent)
    return say("building_eta", english, minutes=max(1, round(left / 60)), percent=percent)


def empty_result(method) -> tuple[bool, Any]:
    """(True, value) for a look-up that can honestly answer "nothing" while
    there is no index (it returns a list, or may return None); the page is
    built from these. Questions and everything else raise IndexBuilding."""
    returns = str(inspect.get_annotations(method).get("return", ""))
    if returns.startswith("list"):
        return True, []
    if returns.endswith("| None"):
        return True, None
    return False, None


class Warmup:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._assistant: Assistant | None = None
        self._error: PolicyAssistantError | None = None
        self._started = time.monotonic()
        self._ready = threading.Event()
        self._progress: tuple[int, int] | None = None  # (texts embedded, texts to embed) of the first build
        self._embedding_started: float | None = None

    @classmethod
    def start(cls, settings: Settings, say: Callable[[str], None] = lambda _: None) -> "Warmup":
        """Open the index at once when it exists (its errors are raised, as
        before); otherwise start building it in the background."""
        warm = cls(settings)
        if current_build(settings) is not None:
            warm._assistant = Assistant.open(settings)
            warm._ready.set()
            if settings.refresh_on_start:  # files dropped into corpus/ since the last build
                threading.Thread(target=warm._refresh, args=(say,), name="index-refresh", daemon=True).start()
            return warm
        say(f"未找到索引，正在后台为 {settings.corpus_dir} 建立索引；网页已可打开，构建完成后即可提问")
        threading.Thread(target=warm._build, args=(say,), name="first-index-build", daemon=True).start()
        return warm

    def _build(self, say: Callable[[str], None]) -> None:
        try:
            say(build_index(self.settings, progress=self._note_progress).summary_zh())
            self._assistant = Assistant.open(self.settings)
        except PolicyAssistantError as exc:
            self._error = exc
            say(f"错误：{exc}")
        except Exception as exc:  # noqa: BLE001 - shown as a failed state, logged in full
            log.exception("first index build failed")
            self._error = IndexUnavailable(f"索引构建失败：{exc}。请运行 policy-assistant index 查看详情")
        finally:
            self._ready.set()

    def _note_progress(self, done: int, total: int) -> None:
        if self._embedding_started is None:  # the first batch: time runs from here
            self._embedding_started = time.monotonic()
            self._progress = (0, total)
            return
        self._progress = (done, total)

    def message(self, english: bool = False) -> str:
        """What a question asked now is told (building, or why it failed)."""
        if self._error is not None:
            return str(self._error)
        started = self._embedding_started
        return building_message(self._progress, time.monotonic() - started if started else 0.0, english)

    def _refresh(self, say: Callable[[str], None]) -> None:
        """Re-index what changed in the corpus; the open build serves until the
        new one is complete, and questions follow CURRENT to it."""
        try:
            report = build_index(self.settings)
            if not report.unchanged:
                say(report.summary_zh())
        except PolicyAssistantError as exc:  # busy (another build) or unreadable: the open build keeps serving
            say(f"索引未更新（仍使用现有索引）：{exc}")
        except Exception:  # noqa: BLE001 - logged; the open build keeps serving
            log.exception("index refresh on start failed")

    def wait(self, timeout: float | None = None) -> bool:
        return self._ready.wait(timeout)

    def state(self) -> dict[str, Any]:
        """{"status": "building" | "ready" | "failed", ...} for health checks."""
        if self._assistant is not None:
            self._assistant.follow()  # another process may have re-indexed: report what is served now
            index = self._assistant.index
            return {"status": "ready", "build": index.build_id, "sections": len(index.sections),
                    "documents": len(index.manifest.get("documents", {}))}
        if self._error is not None:
            return {"status": "failed", "error": str(self._error)}
        done, total = self._progress or (0, 0)
        return {"status": "building", "message": self.message(),
                "seconds": round(time.monotonic() - self._started, 1), "embedded": done, "to_embed": total}

    @property
    def ready(self) -> Assistant:
        """The real assistant, or the reason there is none yet."""
        if self._assistant is not None:
            return self._assistant
        raise self._error or IndexBuilding(self.message())

    def __getattr__(self, name: str) -> Any:
        # Only reached for what Warmup itself lacks: the Assistant's API.
        if self._assistant is not None:
            return getattr(self._assistant, name)
        method = getattr(Assistant, name, None)
        if name == "new_session":
            return method.__get__(self)
        if callable(method):
            empty, value = empty_result(method)
            if empty and self._error is None:
                return lambda *args, **kwargs: value

            def unavailable(*args, **kwargs):
                raise self._error or IndexBuilding(self.message())
            return unavailable
        raise AttributeError(name)
