"""README screenshots (issues 21 and 23): the chat, 职责查询 and the phone view, and
the 政策匹配 tab with the self-check filled in: a 高新技术企业's profile matched,
its facts checked against every condition list, each condition's verdict on
screen, at 1366 px and on a 390×844 phone.

    PYTHONPATH=. .venv/bin/python docs/screenshots.py [--index DIR] [--corpus DIR] [--out docs]

The app is served over the given index (build it over the shipped corpus/: the
self-check reads the condition lists of the laws there) on a free loopback
port, and driven in Debian's chromium through playwright, as the browser
tests do. Writes screenshot.png (the chat at 1366×900: a support question's answer
shown from its start, the source panel beside it), duties-1366.png (职责查询 for
中山市财政局 at 1366×900, every column on screen), phone-390.png (a lead question
asked on a 390×844 phone), match-selfcheck-1366.png, match-selfcheck-390.png and
policy-cards.png (the cards of the same profile, at 1360×1000, before the check) and
english-view.png (the English interface, an English support question's cards with their
English summaries), english-duties.png (an English question on a unit's tasks: each task
summarised in English, its Chinese wording beneath), duties-390.png (职责查询 on a phone: the
columns readable, the table scrolling sideways in its box) and match-selfcheck-en.png (the
self-check's verdicts in the English interface). `--only NAME` (repeatable) makes just those:
chat, duties, phone, duties-phone, english, english-duties, cards, 1366, 390, check-en.
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser driver the browser tests use: one way to drive the app
from browser import CHROMIUM_ARGS, chromium_path, match_profile  # noqa: E402

TIMEOUT_MS = 60_000  # a shared 2-core machine: generous waits
# A high-tech firm's facts (written for the screenshot, not taken from an evaluation set).
FACTS = {"#check-years": 3, "#check-revenue": 8000, "#check-rd": 320, "#check-staff": 200, "#check-rd-staff": 25,
         "#check-ht-share": 65}
SIZES = {"1366": (1366, 900), "390": (390, 844)}
VIEWS = {"chat": (1366, 900), "duties": (1366, 900), "phone": (390, 844), "duties-phone": (390, 844),
         "english": (1360, 1000), "english-duties": (1366, 900), "cards": (1360, 1000), **SIZES,
         "check-en": (1366, 900)}
# Questions written for the screenshots (not taken from an evaluation set).
CHAT_QUESTION = "高新技术企业可以享受哪些支持政策？"  # the chat's own first example
PHONE_QUESTION = "科技企业孵化器建设谁牵头？"
DUTIES_UNIT = "中山市财政局"  # the full official name: the one resolver finds 市财政局
ENGLISH_DUTIES = "What tasks does the Finance Bureau have to do?"


def ask(page, question: str) -> None:
    """A question typed and sent as a user does; the answer waited for and shown from its start."""
    page.locator("#question-box textarea").fill(question)
    page.locator("#send-btn").click()
    page.locator("#chatbot .cite-head, #chatbot .nobasis-badge").first.wait_for()
    page.wait_for_timeout(1500)  # the last streamed piece settles; the chat shows the answer from its start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(index: Path, corpus: Path):
    from assistant.service import Assistant
    from assistant.settings import Settings
    from assistant.web.app import build_app, launch_options

    settings = Settings.load(index_dir=index, corpus_dir=corpus).with_overrides(host="127.0.0.1", port=free_port())
    demo = build_app(Assistant.open(settings), settings)
    demo.queue(default_concurrency_limit=2)
    demo.launch(**launch_options(settings, prevent_thread_lock=True, quiet=True))
    return demo, f"http://127.0.0.1:{settings.port}/"


def fill(page, english: bool = False) -> None:
    """The profile matched, then the self-check filled in and run (in the English interface, by its English
    labels)."""
    match_profile(page, tab="Matching" if english else "政策匹配")
    page.locator("#self-check").get_by_text("Self-check (policy calculator)" if english else "条件自测（政策计算器）").click()
    for selector, value in FACTS.items():
        page.locator(f"{selector} input").fill(str(value))
    page.locator("#check-flags").get_by_text("Owns core IP" if english else "拥有核心知识产权").click()
    page.locator("#check-btn").click()
    page.locator("#check-result .check-list").first.wait_for()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, default=ROOT / "index")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--only", action="append", choices=list(VIEWS), help="make only these screenshots")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = chromium_path()
    demo, url = serve(args.index, args.corpus)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            for name, (width, height) in VIEWS.items():
                if args.only and name not in args.only:
                    continue
                context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                              device_scale_factor=1)
                context.set_default_timeout(TIMEOUT_MS)
                page = context.new_page()
                page.goto(url)
                page.evaluate("localStorage.clear()")
                page.reload()
                page.locator("#question-box textarea").wait_for()
                if name in ("chat", "phone", "duties", "duties-phone"):
                    if name.startswith("duties"):
                        page.get_by_role("tab", name="职责查询").click()
                        box = page.locator("#unit-picker input")
                        box.fill(DUTIES_UNIT)
                        box.press("Enter")
                        page.locator("#duties-btn").click()
                        page.locator("#duties-summary").get_by_text("共承担").wait_for()
                        page.wait_for_timeout(800)
                        if name == "duties-phone":  # the table, its columns readable, the rest a swipe away
                            page.evaluate("document.querySelector('#duties-summary').scrollIntoView({block: 'start'})")
                            page.wait_for_timeout(300)
                    else:
                        ask(page, CHAT_QUESTION if name == "chat" else PHONE_QUESTION)
                    path = args.out / {"chat": "screenshot.png", "duties": "duties-1366.png",
                                       "phone": "phone-390.png", "duties-phone": "duties-390.png"}[name]
                    page.screenshot(path=str(path))
                    print(f"screenshot: {path}")
                    context.close()
                    continue
                if name == "english":
                    page.locator("#lang-switch").get_by_text("English").click()
                    page.get_by_role("button", name="What support can high-tech enterprises get?").click()
                    page.locator("#chatbot .cite-head").first.wait_for()
                    page.wait_for_timeout(1500)  # the chat shows the new answer from its start
                    page.screenshot(path=str(args.out / "english-view.png"))
                    print(f"screenshot: {args.out / 'english-view.png'}")
                    context.close()
                    continue
                if name == "english-duties":  # a unit's tasks asked in English: each summarised, its Chinese beneath
                    page.locator("#lang-switch").get_by_text("English").click()
                    ask(page, ENGLISH_DUTIES)
                    page.screenshot(path=str(args.out / "english-duties.png"))
                    print(f"screenshot: {args.out / 'english-duties.png'}")
                    context.close()
                    continue
                if name == "cards":
                    match_profile(page)
                    page.wait_for_timeout(500)
                    page.screenshot(path=str(args.out / "policy-cards.png"))
                    print(f"screenshot: {args.out / 'policy-cards.png'}")
                    context.close()
                    continue
                if name == "check-en":  # the self-check in the English interface: its verdicts' window
                    page.locator("#lang-switch").get_by_text("English").click()
                    fill(page, english=True)
                    page.wait_for_timeout(500)
                    page.evaluate("document.querySelector('#check-result').scrollIntoView({block: 'start'})")
                    page.wait_for_timeout(300)
                    page.screenshot(path=str(args.out / "match-selfcheck-en.png"))
                    print(f"screenshot: {args.out / 'match-selfcheck-en.png'}")
                    context.close()
                    continue
                fill(page)
                page.wait_for_timeout(500)
                # On a phone the verdicts from their heading down (the facts are just above); the
                # desktop shot is the whole tab: profile, cards, facts and verdicts.
                target = "#self-check" if width > 640 else "#check-result"
                page.evaluate(f"document.querySelector('{target}').scrollIntoView({{block: 'start'}})")
                page.wait_for_timeout(300)
                path = args.out / f"match-selfcheck-{name}.png"
                page.screenshot(path=str(path), full_page=width > 640)  # the desktop: the whole tab
                print(f"screenshot: {path}")
                context.close()
            browser.close()
    finally:
        demo.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
