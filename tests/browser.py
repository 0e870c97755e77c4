"""Drive Debian's chromium (never a playwright-downloaded browser) for the
web app's browser tests and docs/screenshots.py, fill the app's forms as a
user does, and save screenshots to a folder the tests print."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
TIMEOUT_MS = 45_000  # bounded waits that hold on a small machine shared by several sessions


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@contextmanager
def browser_page(width: int = 1360, height: int = 900, clipboard: bool = False):
    """One headless chromium page (zh-CN); closed after."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("chromium is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                          device_scale_factor=1)
            context.set_default_timeout(TIMEOUT_MS)
            if clipboard:
                context.grant_permissions(["clipboard-read", "clipboard-write"])
            page = context.new_page()
            try:
                yield page
            except BaseException:
                _failure_shot(page)
                raise
            context.close()
        finally:
            browser.close()


def _failure_shot(page) -> None:
    """What the page looked like when a browser test failed."""
    import os

    name = os.environ.get("PYTEST_CURRENT_TEST", "browser").split(" ")[0].rsplit("::", 1)[-1]
    try:
        shot(page, f"FAILED-{name}", full_page=True)
    except Exception:  # noqa: BLE001 - the original failure matters more
        pass


def shot(page, name: str, full_page: bool = False) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    print(f"screenshot: {path}")
    return path


def match_profile(page, qualification: str = "高新技术企业", tab: str = "政策匹配",
                  wait_for: str = "#match-result .match-summary") -> None:
    """The 政策匹配 form as a user fills it: the tab opened (by its name in the language shown), a
    qualification chosen from the list, matched, and the result waited for."""
    page.get_by_role("tab", name=tab).click()
    page.locator("#match-quals input").fill(qualification)
    page.locator("#match-quals").get_by_role("option", name=qualification, exact=True).click()
    page.keyboard.press("Escape")
    page.locator("#match-btn").click()
    page.locator(wait_for).first.wait_for()
