"""A live preview (`python -m generator serve`) of a small archive, for the preview's tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ERROR_TITLE = "内容に誤りがあります（プレビュー）"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 10) -> str:
    """The page at `url`, whatever its status (the preview answers a 404 with the error page)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.read().decode("utf-8")


def wait_for(url: str, predicate, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(last):
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url}: not as expected after {seconds} s:\n{last[:2000]}")


@contextlib.contextmanager
def preview(config: Path) -> Iterator[str]:
    """Start the preview on a free port; yields its address; stops it (only that process)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "-f", str(config), "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=config.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "ARCHIVE_AS_OF": "2026-11-30"})
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
