"""Start and stop a real `chroma run` server for tests and benchmarks.

The server is the `chroma` executable installed with chromadb in the same
environment as the running Python. It listens on 127.0.0.1 only, stores its
data under the given path, and is stopped by its PID (never by name).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def chroma_executable() -> str:
    """The `chroma` CLI next to this interpreter (the venv), else on PATH."""
    local = Path(sys.executable).parent / "chroma"
    if local.exists():
        return str(local)
    found = shutil.which("chroma")
    if not found:
        raise RuntimeError("chroma CLI not found (it ships with the chromadb package)")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ChromaServer:
    """A `chroma run --path PATH --host 127.0.0.1 --port PORT` child process."""

    def __init__(self, path: Path, port: int | None = None, log: Path | None = None):
        self.path = Path(path)
        self.port = port or free_port()
        self.log = log or self.path.parent / f"chroma-{self.port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self, timeout: float = 30.0) -> "ChromaServer":
        self.path.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [chroma_executable(), "run", "--path", str(self.path), "--host", "127.0.0.1",
                 "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
            )
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chroma exited with {self.process.returncode}; see {self.log}")
            if self.healthy():
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"chroma did not answer on {self.url} within {timeout:.0f}s; see {self.log}")

    def healthy(self) -> bool:
        for route in ("/api/v2/heartbeat", "/api/v1/heartbeat"):
            try:
                with urllib.request.urlopen(self.url + route, timeout=1) as response:
                    if response.status == 200:
                        return True
            except OSError:
                continue
        return False

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate by PID, kill if it lingers, wait for the port to close."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)
        self._wait_port_closed(timeout)

    def _wait_port_closed(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) != 0:
                    return
            time.sleep(0.1)

    def __enter__(self) -> "ChromaServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
