"""The REST API and the OpenAI-compatible endpoint, against a real
`policy-assistant serve` process over the test index: the official `openai`
client (plain, streamed, a follow-up, errors), the REST routes' CLI shapes
and JSON errors, login by bearer token or basic auth, the "building" state
of a server started before its index exists, and answers asked side by side.

Expected answers are the in-process Assistant's over the same index, and
quotes are checked against the document's own text.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import openai
import pytest

from assistant.errors import ServerBusy
from assistant.web.rest import Gate

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "test-token-8Hq2"
LEAD_Q = "新型研发机构由哪个单位牵头？"
FOLLOW_UP = "那责任单位呢？"
QUESTIONS = [line.strip() for line in (ROOT / "bench" / "questions.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch(settings, *extra_env: tuple[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "POLICY_ASSISTANT_API_TOKEN": TOKEN, **dict(extra_env)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port),
         "--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stdout.read()}")
        try:
            httpx.get(f"{url}/api/v1/health", timeout=2, headers=auth())
            return proc, url
        except httpx.TransportError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("server did not start within 120 s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def auth(token: str = TOKEN) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def server(settings):
    proc, url = launch(settings)
    yield url
    stop(proc)


@pytest.fixture(scope="module")
def client(server):
    return openai.OpenAI(base_url=f"{server}/v1", api_key=TOKEN, max_retries=0, timeout=60)


# ---------------------------------------------------------------- OpenAI-compatible


def test_openai_client_gets_a_cited_answer(client, assistant, plan_text):
    expected = assistant.ask(LEAD_Q)
    reply = client.chat.completions.create(model="policy-assistant",
                                           messages=[{"role": "user", "content": LEAD_Q}])
    content = reply.choices[0].message.content
    assert content == expected.render_text()
    assert "[1]" in content and expected.text in content
    citations = reply.model_extra["citations"]
    assert citations == [c.to_dict() for c in expected.citations] and citations
    assert all(c["quote"] in plan_text for c in citations)


def test_openai_client_streams_the_same_answer(client, assistant):
    stream = client.chat.completions.create(model="policy-assistant", stream=True,
                                            messages=[{"role": "user", "content": LEAD_Q}])
    chunks = list(stream)
    assert len(chunks) > 2  # arrives in pieces
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text == assistant.ask(LEAD_Q).render_text()
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"]
    assert "follow_up" not in chunks[-1].model_extra  # a first question follows nothing


def test_openai_follow_up_uses_the_earlier_messages(client, assistant):
    session = assistant.new_session()
    first = assistant.ask(LEAD_Q, session=session)
    expected = assistant.ask(FOLLOW_UP, session=session)
    reply = client.chat.completions.create(model="policy-assistant", messages=[
        {"role": "system", "content": "你是政策助手"},
        {"role": "user", "content": LEAD_Q},
        {"role": "assistant", "content": first.render_text()},
        {"role": "user", "content": [{"type": "text", "text": FOLLOW_UP}]},
    ])
    assert reply.choices[0].message.content == expected.render_text()
    assert reply.model_extra["intent"] == expected.intent
    assert reply.model_extra["follow_up"] is True and expected.follow_up is True  # read as a follow-up
    alone = assistant.ask(FOLLOW_UP)  # without the conversation the follow-up means something else
    assert alone.render_text() != expected.render_text()


def test_openai_errors_are_clear(client, server):
    with pytest.raises(openai.BadRequestError) as bad:
        client.chat.completions.create(model="policy-assistant", messages=[{"role": "user", "content": "   "}])
    assert "问题为空" in str(bad.value)
    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(model="policy-assistant", stream=True,
                                       messages=[{"role": "system", "content": "只有系统消息"}])
    stranger = openai.OpenAI(base_url=f"{server}/v1", api_key="wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError) as denied:
        stranger.chat.completions.create(model="policy-assistant", messages=[{"role": "user", "content": LEAD_Q}])
    assert "需要登录" in str(denied.value)


def test_openai_lists_one_model(client):
    assert [m.id for m in client.models.list()] == ["policy-assistant"]


# ---------------------------------------------------------------- REST


def test_rest_ask_returns_the_cli_json(server, assistant):
    body = httpx.post(f"{server}/api/v1/ask", json={"question": LEAD_Q}, headers=auth(), timeout=60).json()
    expected = assistant.ask(LEAD_Q).to_json()
    body.pop("latency_ms"), expected.pop("latency_ms")
    assert body == expected
    follow = httpx.post(f"{server}/api/v1/ask", json={"question": FOLLOW_UP, "history": [LEAD_Q]},
                        headers=auth(), timeout=60).json()
    session = assistant.new_session()
    assistant.ask(LEAD_Q, session=session)
    assert follow["answer"] == assistant.ask(FOLLOW_UP, session=session).text
    # How the turn was read: absent on a first question, true for a follow-up, false for a new one.
    assert "follow_up" not in body and follow["follow_up"] is True
    new = httpx.post(f"{server}/api/v1/ask", json={"question": "新型研发机构的数量目标是多少？", "history": [LEAD_Q]},
                     headers=auth(), timeout=60).json()
    assert new["answerable"] is True and new["follow_up"] is False


def test_rest_lookups_match_the_facade(server, assistant):
    sections = httpx.get(f"{server}/api/v1/sections", headers=auth()).json()
    assert [(s["doc"], s["section"]) for s in sections] == [(s.doc, s.label) for s in assistant.sections()]
    unit = assistant.units()[0]
    duties = httpx.get(f"{server}/api/v1/duties", params={"unit": unit}, headers=auth()).json()
    assert [(d["section"], d["role"]) for d in duties] == [(d.section, d.role) for d in assistant.duties(unit)]
    profile = {"qualifications": ["高新技术企业"], "needs": ["融资"]}
    matched = httpx.post(f"{server}/api/v1/match", json=profile, headers=auth(), timeout=60).json()
    from assistant.service import parse_profile

    assert matched == assistant.match(parse_profile(profile)).to_json() and matched
    health = httpx.get(f"{server}/api/v1/health", headers=auth())
    assert health.status_code == 200 and health.json()["status"] == "ready"


@pytest.mark.parametrize("method, path, kwargs, status, words", [
    ("post", "/api/v1/ask", {"json": {"question": ""}}, 400, "问题为空"),
    ("post", "/api/v1/ask", {"json": {"text": "缺少 question 字段"}}, 422, "question"),
    ("post", "/api/v1/match", {"json": {"colour": ["红"]}}, 400, "colour"),
    ("get", "/api/v1/duties", {"params": {"unit": "火星开发局"}}, 400, "火星开发局"),
])
def test_rest_errors_are_json_with_4xx(server, method, path, kwargs, status, words):
    response = getattr(httpx, method)(f"{server}{path}", headers=auth(), timeout=60, **kwargs)
    assert response.status_code == status
    assert words in response.json()["error"]


def test_rest_needs_login_when_a_token_is_set(server):
    assert httpx.post(f"{server}/api/v1/ask", json={"question": LEAD_Q}).status_code == 401
    assert httpx.get(f"{server}/api/v1/sections", headers=auth("guess")).status_code == 401
    assert httpx.get(f"{server}/docs").status_code == 200  # the OpenAPI page itself is public
    paths = httpx.get(f"{server}/openapi.json").json()["paths"]
    assert {"/api/v1/ask", "/api/v1/match", "/api/v1/duties", "/api/v1/sections", "/api/v1/health",
            "/v1/chat/completions", "/v1/models"} <= set(paths)


def test_basic_auth_with_the_ui_login_opens_the_api(settings):
    proc, url = launch(settings, ("POLICY_ASSISTANT_AUTH_USER", "admin"),
                       ("POLICY_ASSISTANT_AUTH_PASSWORD", "s3cret-口令"))
    try:
        ok = httpx.get(f"{url}/api/v1/sections", auth=("admin", "s3cret-口令"))
        assert ok.status_code == 200 and ok.json()
        assert httpx.get(f"{url}/api/v1/sections", auth=("admin", "wrong")).status_code == 401
    finally:
        stop(proc)


def test_many_clients_at_once_get_the_answers_one_client_gets(server, assistant):
    questions = QUESTIONS[:16] * 2
    expected = {q: assistant.ask(q).text for q in questions}

    def ask(q: str) -> tuple[int, str, str]:
        r = httpx.post(f"{server}/api/v1/ask", json={"question": q}, headers=auth(), timeout=120)
        return r.status_code, q, r.json().get("answer", r.text)

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(ask, questions))
    assert [status for status, _, _ in results] == [200] * len(questions)
    assert all(answer == expected[q] for _, q, answer in results)


# ---------------------------------------------------------------- first run, busy


def test_a_server_without_an_index_opens_at_once_and_says_it_is_building(second_doc_path, tmp_path):
    import shutil

    from assistant.settings import Settings

    (tmp_path / "corpus").mkdir()
    shutil.copy(second_doc_path, tmp_path / "corpus" / second_doc_path.name)
    fresh = Settings.load(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    proc, url = launch(fresh)
    try:
        assert httpx.get(url + "/").status_code == 200  # the page opens before the index exists
        state = httpx.get(f"{url}/api/v1/health", headers=auth())
        assert state.status_code == 503 and state.json()["status"] == "building"
        early = httpx.post(f"{url}/api/v1/ask", json={"question": LEAD_Q}, headers=auth())
        assert early.status_code == 503 and "正在建立索引" in early.json()["error"]
        deadline = time.monotonic() + 300
        while httpx.get(f"{url}/api/v1/health", headers=auth()).status_code != 200:
            assert time.monotonic() < deadline, "the first build did not finish"
            time.sleep(1)
        sections = httpx.get(f"{url}/api/v1/sections", headers=auth()).json()
        question = f"{sections[-1]['title']}的主要内容是什么？"  # a section title of the document itself
        answer = httpx.post(f"{url}/api/v1/ask", json={"question": question}, headers=auth(), timeout=60)
        assert answer.status_code == 200 and answer.json()["citations"]
    finally:
        stop(proc)


def test_a_file_dropped_into_the_corpus_is_served_without_a_separate_index_step(second_doc_path, tmp_path):
    import shutil

    from assistant.service import build_index
    from assistant.settings import Settings

    (tmp_path / "corpus").mkdir()
    shutil.copy(second_doc_path, tmp_path / "corpus" / second_doc_path.name)
    settings = Settings.load(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    first = build_index(settings).build_id
    dropped = ROOT / "tests" / "data" / "real" / "广州市天河区深化支持港澳青年创新创业高质量发展实施办法.txt"
    shutil.copy(dropped, tmp_path / "corpus" / dropped.name)
    proc, url = launch(settings)
    try:
        state = httpx.get(f"{url}/api/v1/health", headers=auth())
        assert state.status_code == 200 and state.json()["build"] == first  # the existing index serves at once
        deadline = time.monotonic() + 300
        while httpx.get(f"{url}/api/v1/health", headers=auth()).json()["documents"] < 2:
            assert time.monotonic() < deadline, "the dropped file was not indexed"
            time.sleep(1)
        answer = httpx.post(f"{url}/api/v1/ask", json={"question": "港澳青年创业团队可以获得哪些支持？"},
                            headers=auth(), timeout=60).json()
        assert any(c["doc"].startswith("广州市天河区") for c in answer["citations"])
    finally:
        stop(proc)


def test_past_the_waiting_line_requests_are_turned_away_at_once():
    gate = Gate(limit=1, waiting=1)
    inside, release = threading.Event(), threading.Event()

    def hold():
        with gate:
            inside.set()
            release.wait(10)

    holders = [threading.Thread(target=hold) for _ in range(2)]
    for t in holders:
        t.start()
    inside.wait(10)
    time.sleep(0.1)  # the second holder is now waiting for the slot
    try:
        with pytest.raises(ServerBusy, match="服务繁忙"):
            with gate:
                pass
    finally:
        release.set()
        for t in holders:
            t.join()
    with gate:  # free again
        pass
