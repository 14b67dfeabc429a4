"""`site.py serve` end to end: a real server over a copy of the project, in headless Chromium while files change."""

from __future__ import annotations

import base64
import gc
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import tracemalloc
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from onrecord import pipeline, serve
from onrecord.incremental import Builder

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


@dataclass
class Preview:
    """A running `site.py serve` in its own copy of the project."""

    project: Path
    process: subprocess.Popen[str]
    log: Path
    url: str

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def copy_project(target: Path) -> Path:
    """site.py, the engine, templates, assets and the example content: everything `serve` reads."""
    target.mkdir()
    shutil.copy(ROOT / "site.py", target)
    for folder in ("onrecord", "templates", "assets", "content"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def wait_until_up(url: str, process: subprocess.Popen[str], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"serve exited early:\n{log.read_text()}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"serve did not answer at {url}:\n{log.read_text()}")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            [sys.executable, "site.py", "serve", "--port", str(port)],
            cwd=project,
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
        )
    running = Preview(project, process, log, f"http://{HOST}:{port}/")
    try:
        wait_until_up(running.url, process, log)
        yield running
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def open_live(browser: Browser, url: str) -> Page:
    """Open a page and wait until its reload script has introduced itself to the server."""
    page = browser.new_page()
    greetings: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: greetings.append(str(payload))))
    page.goto(url)
    deadline = time.monotonic() + 10
    while not any('"info"' in frame for frame in greetings):
        assert time.monotonic() < deadline, "the page never connected to the reload server"
        page.wait_for_timeout(50)
    return page


def replace_line(path: Path, start: str, new: str) -> tuple[str, int]:
    """Replace the first line starting with `start`; returns the old line and its number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    old, lines[index] = lines[index], new + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return old.rstrip("\n"), index + 1


def test_the_browser_follows_edits_errors_fixes_and_styles(preview: Preview, browser: Browser) -> None:
    fact = sorted((preview.project / "content" / "pledges").glob("*.yaml"))[0]
    page = open_live(browser, f"{preview.url}pledges/{fact.stem}/")
    body = page.locator("body")

    original, line = replace_line(fact, "title:", "title: Edited while the preview watched")
    expect(body).to_contain_text("Edited while the preview watched", timeout=2000)

    replace_line(fact, "title:", "title: Broken: on purpose")
    expect(body).to_contain_text(f"content/pledges/{fact.name}:{line}:", timeout=5000)

    replace_line(fact, "title:", original)
    expect(body).to_contain_text(original.removeprefix("title:").strip(), timeout=5000)
    expect(body).not_to_contain_text("problem")

    page.evaluate("window.stillTheSamePage = true")
    with (preview.project / "assets" / "site.css").open("a", encoding="utf-8") as css:
        css.write("\nbody { outline: 3px solid rgb(1, 2, 3); }\n")
    page.wait_for_function("getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'", timeout=2000)
    assert page.evaluate("window.stillTheSamePage") is True, "a stylesheet change reloaded the whole page"

    preview.process.send_signal(signal.SIGINT)
    assert preview.process.wait(timeout=10) == 0
    log = preview.output()
    assert f"Previewing content/ with drafts at {preview.url}" in log
    assert f"content/pledges/{fact.name} changed: " in log and " re-rendered, " in log
    assert "assets/site.css changed: 0 pages re-rendered" in log
    assert log.rstrip().endswith("Stopped.") and "Traceback" not in log


def test_a_port_in_use_is_a_clear_usage_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, str(ROOT / "site.py"), "serve", "--content", str(ROOT / "content"), "--port", str(port)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert f"port {port} is already in use" in done.stderr and "--port" in done.stderr
    assert not (tmp_path / ".serve").exists()


def test_listening_beyond_this_computer_is_announced_with_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    serve.announce(Path("content"), "127.0.0.1", 8000)
    private = capsys.readouterr()
    assert "http://127.0.0.1:8000/" in private.out and "only this computer" in private.out
    assert private.err == ""
    serve.announce(Path("content"), "0.0.0.0", 8000)
    assert "Warning" in capsys.readouterr().err


def _get(url: str, host: str, path: str = "/", headers: dict[str, str] | None = None) -> tuple[int, str]:
    """A request to the preview with the Host header (and others) a browser elsewhere might send."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def test_the_preview_answers_only_requests_addressed_to_it(preview: Preview) -> None:
    port = urllib.parse.urlsplit(preview.url).port
    title = "On the Record"
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"app.localhost:{port}"):
        status, body = _get(preview.url, host)
        assert status == 200 and "<html" in body, host
    for host in (
        "attacker.example",
        f"attacker.example:{port}",
        f"127.0.0.1.nip.example:{port}",
        f"127.0.0.1:{port + 1}",
    ):
        status, body = _get(preview.url, host)
        assert status == 403, host
        assert title not in body and "<html" not in body, host
        assert _get(preview.url, host, "/livereload.js")[0] == 403, host


def _websocket(url: str, origin: str) -> int:
    status, _ = _get(
        url,
        urllib.parse.urlsplit(url).netloc,
        "/livereload",
        {
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
            "Origin": origin,
        },
    )
    return status


def test_the_reload_channel_refuses_pages_of_other_origins(preview: Preview) -> None:
    assert _websocket(preview.url, preview.url.rstrip("/")) == 101
    for origin in (
        "http://attacker.example",
        "null",
        f"http://attacker.example:{urllib.parse.urlsplit(preview.url).port}",
    ):
        assert _websocket(preview.url, origin) == 403, origin


def test_the_preview_has_no_control_address_a_page_could_call(preview: Preview) -> None:
    status, _ = _get(preview.url, urllib.parse.urlsplit(preview.url).netloc, "/forcereload?path=*")
    assert status == 404


def test_the_preview_keeps_its_memory_flat_over_many_saves(make_site, valid_files, tmp_path: Path) -> None:
    content = make_site(tmp_path, valid_files)
    builder = Builder(content, tmp_path / ".serve", pipeline.TEMPLATES, pipeline.ASSETS)
    pledge = content / "pledges" / "acme-pledge.yaml"
    original = pledge.read_text(encoding="utf-8")

    def saves(first: int, last: int) -> None:
        for number in range(first, last):
            pledge.write_text(original.replace("Acme promises", f"Acme promises ({number})"), encoding="utf-8")
            assert builder.rebuild().problems == ()

    saves(0, 100)
    tracemalloc.start()
    try:
        saves(100, 200)
        gc.collect()
        settled = tracemalloc.get_traced_memory()[0]
        saves(200, 400)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - settled
    finally:
        tracemalloc.stop()
    assert grown < 300_000, f"{grown:,} bytes more after 200 saves"
