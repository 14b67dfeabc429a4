"""`site.py serve`: a real server on 127.0.0.1 over a copy of the project, its addresses and its memory."""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from preview import Preview, copy_project, free_port, wait_until_up
from tornado import httpclient, websocket

from onrecord import serve

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


@pytest.mark.process
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


@pytest.mark.server
def test_sigint_stops_the_preview_even_when_it_was_started_with_sigint_ignored(tmp_path: Path) -> None:
    """A script that starts the preview in the background, where the shell ignores SIGINT, can still stop it so."""
    project, port, log = copy_project(tmp_path / "project"), free_port(), tmp_path / "serve.log"
    script = 'trap "" INT; exec "$0" site.py serve --port "$1"'
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            ["/bin/sh", "-c", script, sys.executable, str(port)], cwd=project, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        wait_until_up(f"http://{HOST}:{port}/", process, log)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Stopped." in log.read_text(encoding="utf-8")


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


@pytest.mark.server
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


@pytest.mark.server
def test_the_reload_channel_refuses_pages_of_other_origins(preview: Preview) -> None:
    assert _websocket(preview.url, preview.url.rstrip("/")) == 101
    for origin in (
        "http://attacker.example",
        "null",
        f"http://attacker.example:{urllib.parse.urlsplit(preview.url).port}",
    ):
        assert _websocket(preview.url, origin) == 403, origin


@pytest.mark.server
def test_the_preview_has_no_control_address_a_page_could_call(preview: Preview) -> None:
    status, _ = _get(preview.url, urllib.parse.urlsplit(preview.url).netloc, "/forcereload?path=*")
    assert status == 404


async def _greeting_answers(url: str, page: str) -> list[dict[str, object]]:
    """What the reload channel says to a page at `page` that introduces itself as livereload.js does."""
    socket_url = url.replace("http://", "ws://") + "livereload"
    channel = await websocket.websocket_connect(
        httpclient.HTTPRequest(socket_url, headers={"Origin": url.rstrip("/")}, connect_timeout=30)
    )
    channel.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    answers = [json.loads(str(await channel.read_message()))]
    channel.write_message(json.dumps({"command": "info", "url": url + page.lstrip("/"), "plugins": {}}))
    answers.append(json.loads(str(await asyncio.wait_for(channel.read_message(), 30))))
    channel.close()
    return answers


@pytest.mark.server
def test_a_page_that_loaded_while_a_save_was_rebuilt_is_reloaded_when_it_connects(preview: Preview) -> None:
    fact = sorted((preview.project / "content" / "pledges").glob("*.yaml"))[0]
    page = f"/pledges/{fact.stem}/"
    host = urllib.parse.urlsplit(preview.url).netloc
    assert _get(preview.url, host, page)[0] == 200
    fact.write_text(fact.read_text(encoding="utf-8").replace("title:", "title: Saved again", 1), encoding="utf-8")
    deadline = time.monotonic() + 60
    while f"{fact.name} changed: " not in preview.output():
        assert time.monotonic() < deadline, preview.output()
        time.sleep(0.05)
    # A loop of its own in a thread of its own: the browser tests may hold a loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        hello, reload = thread.submit(asyncio.run, _greeting_answers(preview.url, page)).result()
    assert hello["command"] == "hello"
    assert reload == {"command": "reload", "path": "*", "liveCSS": True, "liveImg": True}


SAVES = """
import gc, sys, tracemalloc
from pathlib import Path
from onrecord import pipeline
from onrecord.incremental import Builder
content = Path(sys.argv[1])
builder = Builder(content, content.parent / ".serve", pipeline.TEMPLATES, pipeline.ASSETS)
pledge = content / "pledges" / "acme-pledge.yaml"
original = pledge.read_text(encoding="utf-8")
def saves(first, last):
    for number in range(first, last):
        pledge.write_text(original.replace("Acme promises", f"Acme promises ({number})"), encoding="utf-8")
        assert builder.rebuild().problems == ()
saves(0, 100)
tracemalloc.start()
saves(100, 200)
gc.collect()
settled = tracemalloc.get_traced_memory()[0]
saves(200, 400)
gc.collect()
print(tracemalloc.get_traced_memory()[0] - settled)
"""


@pytest.mark.process
def test_the_preview_keeps_its_memory_flat_over_many_saves(make_site, valid_files, tmp_path: Path) -> None:
    # In a process of its own, so only the preview's allocations are counted, not other tests' threads.
    content = make_site(tmp_path, valid_files)
    done = subprocess.run(
        [sys.executable, "-c", SAVES, str(content)], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True
    )
    grown = int(done.stdout)
    assert grown < 300_000, f"{grown:,} bytes more after 200 saves"
