"""Issue #24, the serving findings: each test attacks the app served on a
free loopback port (Gradio, REST and OpenAI routes, the guard) over raw HTTP
the way a rebinding page or a script would.

The index is the hashing-embedding one (answers are not what is tested here).
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from test_security import PASSWORD, ROOT, _upload_fn_index, free_port, start

ADMIN = ("admin", PASSWORD)


@pytest.fixture
def served(fake_assistant, fake_settings):
    """Start the app with setting overrides; closed at the end."""
    demos = []

    def serve(**overrides):
        demo, url = start(fake_assistant, fake_settings, **overrides)
        demos.append(demo)
        return demo, url
    yield serve
    for demo in demos:
        demo.close()


# ---------------------------------------------------------------- finding 1: DNS rebinding


def test_a_foreign_host_name_is_refused_even_when_origin_matches_it(served, fake_settings):
    demo, url = served()
    port = url.rsplit(":", 1)[1]
    before = sorted(p.name for p in fake_settings.corpus_dir.iterdir())
    foreign = {"Host": f"evil.test:{port}", "Origin": f"http://evil.test:{port}"}
    page = httpx.get(f"{url}/", headers={"Host": f"evil.test:{port}"})
    assert page.status_code == 403 and "policy-assistant-ui" not in page.headers.get("set-cookie", "")
    assert "主机名" in page.json()["error"]
    body = {"fn_index": _upload_fn_index(demo), "data": [None, True], "session_hash": "rebind"}
    assert httpx.post(f"{url}/gradio_api/queue/join", json=body, headers=foreign).status_code == 403
    assert httpx.post(f"{url}/api/v1/ask", json={"question": "补贴"}, headers=foreign).status_code == 403
    assert sorted(p.name for p in fake_settings.corpus_dir.iterdir()) == before
    for own in (f"127.0.0.1:{port}", f"localhost:{port}"):  # the app's own names still work
        assert httpx.get(f"{url}/", headers={"Host": own}).status_code == 200


def test_configured_host_names_are_accepted(served):
    _, url = served(allowed_hosts="policy.example.org")
    port = url.rsplit(":", 1)[1]
    assert httpx.get(f"{url}/", headers={"Host": f"policy.example.org:{port}"}).status_code == 200
    assert httpx.get(f"{url}/", headers={"Host": f"other.example.org:{port}"}).status_code == 403


# ---------------------------------------------------------------- finding 3: fn_index as Gradio reads it


@pytest.mark.parametrize("route", ["run/ask", "api/ask", "queue/join"])
@pytest.mark.parametrize("as_sent", [str, float], ids=["string", "float"])
def test_a_private_event_by_index_needs_the_page_whatever_type_the_index_has(served, route, as_sent):
    demo, url = served()
    body = {"fn_index": as_sent(_upload_fn_index(demo)), "data": [None, True], "session_hash": "s1"}
    refused = httpx.post(f"{url}/gradio_api/{route}", json=body)
    assert refused.status_code == 403 and "网页界面" in refused.json()["error"]


def test_the_named_api_is_still_open(served):
    _, url = served()
    ok = httpx.post(f"{url}/gradio_api/run/ask", json={"data": ["高新技术企业有哪些支持政策？"]}, timeout=60)
    assert ok.status_code == 200 and "answerable" in ok.json()["data"][0]


# ---------------------------------------------------------------- finding 4: the login limiter


def _basic(user: str, password: str) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def test_an_unrelated_success_does_not_reset_the_count(served):
    _, url = served(auth_user="admin", auth_password=PASSWORD, login_attempts=3)
    codes = []
    for i in range(8):
        codes.append(httpx.post(f"{url}/api/v1/ask", json={"question": "补贴"}, headers=_basic("admin", f"g{i}"))
                     .status_code)
        httpx.get(f"{url}/", headers=_basic("admin", f"g{i}"))  # a page answered 200 to a bad credential
    assert codes[:3] == [401] * 3 and set(codes[3:]) == {429}, codes


def test_parallel_guesses_are_counted_before_they_are_answered(served):
    _, url = served(auth_user="admin", auth_password=PASSWORD, login_attempts=3)

    def guess(i):
        return httpx.post(f"{url}/login", data={"username": "admin", "password": f"p{i}"}, timeout=60).status_code
    with ThreadPoolExecutor(12) as pool:
        codes = list(pool.map(guess, range(24)))
    assert sum(c != 429 for c in codes) == 3, codes


def test_a_spoofed_forwarded_address_is_not_a_new_client(served):
    _, url = served(auth_user="admin", auth_password=PASSWORD, login_attempts=3)
    codes = [httpx.post(f"{url}/login", data={"username": "admin", "password": f"x{i}"},
                        headers={"X-Forwarded-For": f"10.0.{i}.1"}).status_code for i in range(8)]
    assert set(codes[3:]) == {429}, codes


def test_the_right_credentials_pass_and_are_not_counted(served):
    _, url = served(auth_user="admin", auth_password=PASSWORD, login_attempts=2)
    for _ in range(4):
        assert httpx.get(f"{url}/api/v1/sections", auth=ADMIN).status_code == 200


# ---------------------------------------------------------------- finding 5: bodies capped before they are read


def _declared_only(url: str, path: str, length: int, headers: str = "") -> tuple[int, float]:
    """Send only the headers of a request that declares `length` bytes; the
    status line and how long it took (a server that waits for the body times out)."""
    host, port = url.removeprefix("http://").split(":")
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        sock.sendall((f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
                      f"Content-Length: {length}\r\n{headers}\r\n").encode())
        reply = sock.recv(4096).decode("latin1")
    return int(reply.split(" ", 2)[1]), time.monotonic() - started


@pytest.mark.parametrize("path", ["/gradio_api/queue/join", "/gradio_api/run/ask", "/api/v1/ask",
                                  "/v1/chat/completions", "/login", "/gradio_api/upload"])
def test_a_huge_declared_body_is_refused_before_it_is_read(served, path):
    _, url = served()
    status, seconds = _declared_only(url, path, 600 * 1024 * 1024)
    assert status == 413 and seconds < 15


def test_the_login_is_checked_before_the_body(served):
    _, url = served(auth_user="admin", auth_password=PASSWORD)
    for path in ("/api/v1/ask", "/gradio_api/queue/join", "/gradio_api/upload"):
        status, seconds = _declared_only(url, path, 512 * 1024)  # within the size cap, no credentials
        assert status == 401 and seconds < 15, path


def test_a_streamed_body_over_the_cap_is_refused(served):
    _, url = served(max_request_kb=64)

    def chunks():
        for _ in range(200):
            yield b"[" * 1024
    refused = httpx.post(f"{url}/gradio_api/queue/join", content=chunks(), timeout=60)
    assert refused.status_code == 413


# ---------------------------------------------------------------- finding 6: the OpenAI route's bad bodies

BAD_BODIES = {
    "text-number": json.dumps({"messages": [{"role": "user", "content": [{"type": "text", "text": 5}]}]}).encode(),
    "text-null": json.dumps({"messages": [{"role": "user", "content": [{"type": "text", "text": None}]}]}).encode(),
    "content-number": json.dumps({"messages": [{"role": "user", "content": 12}]}).encode(),
    "nested": b'{"messages": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "invalid-utf8": b'{"messages": [{"role": "user", "content": "\xff\xfe\xe9"}]}',
    "not-json": b"{messages",
}


@pytest.mark.parametrize("name", list(BAD_BODIES))
def test_a_malformed_openai_body_is_a_client_error(served, name):
    _, url = served()
    reply = httpx.post(f"{url}/v1/chat/completions", content=BAD_BODIES[name],
                       headers={"Content-Type": "application/json"}, timeout=60)
    assert reply.status_code in (400, 422), (reply.status_code, reply.text[:300])
    message = reply.json()["error"]["message"]
    assert message and "意外错误" not in message


def test_an_unknown_model_is_refused_not_echoed(served):
    _, url = served()
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": "高新技术企业有哪些支持政策？"}]}
    reply = httpx.post(f"{url}/v1/chat/completions", json=body, timeout=60)
    assert reply.status_code in (400, 422) and "policy-assistant" in reply.json()["error"]["message"]
    ok = httpx.post(f"{url}/v1/chat/completions", json={**body, "model": "policy-assistant"}, timeout=60)
    assert ok.status_code == 200 and ok.json()["model"] == "policy-assistant"


# ---------------------------------------------------------------- finding 10: Gradio's temporary uploads


def test_temporary_uploads_need_the_page_and_are_capped_per_client(served, tmp_path):
    _, url = served(max_temp_uploads_per_client=3)
    sample = ("a.txt", b"x" * 100, "text/plain")
    assert httpx.post(f"{url}/gradio_api/upload", files={"files": sample}).status_code == 403
    with httpx.Client() as page:
        assert page.get(f"{url}/").status_code == 200
        codes = [page.post(f"{url}/gradio_api/upload", files={"files": sample}).status_code for _ in range(6)]
    assert codes[:3] == [200] * 3 and set(codes[3:]) == {429}, codes


# ---------------------------------------------------------------- finding 12: operator traps


def test_a_blank_user_name_is_a_start_up_error(fake_settings):
    proc = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(free_port()),
         "--corpus", str(fake_settings.corpus_dir), "--index", str(fake_settings.index_dir)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "POLICY_ASSISTANT_AUTH_USER": "   ", "POLICY_ASSISTANT_AUTH_PASSWORD": PASSWORD,
             "POLICY_ASSISTANT_EMBEDDING_BACKEND": "hashing"})
    assert proc.returncode == 2 and "AUTH_USER" in proc.stderr and "空白" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
