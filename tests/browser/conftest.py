"""Browser fixtures: the example build (and copies of it in other languages) served on 127.0.0.1, read through
the session's one Chromium.

Every page opens in its own context whose requests to any other host are refused and recorded,
so a test can assert that reading the site never contacts a third party.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal

import pytest
from conftest import EXAMPLE
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from onrecord import pipeline

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOST = "127.0.0.1"
# Matched inside the browser, so loads from the site itself never wait on Python.
OFFSITE = re.compile(rf"^(?![a-z]+://{re.escape(HOST)}[:/])")
Scheme = Literal["light", "dark"]
OpenPage = Callable[..., Page]


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site without logging every request into the test output."""

    def log_message(self, format: str, *args: object) -> None:
        return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives Chromium."""
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, launched once: Playwright's sync API allows one instance per thread."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def base_url(example_build: Path) -> Iterator[str]:
    """The example build served over real HTTP on a free local port."""
    server = ThreadingHTTPServer((HOST, 0), partial(QuietHandler, directory=str(example_build)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{HOST}:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def offsite() -> list[str]:
    """Addresses on other hosts that pages of this test tried to load (each was refused)."""
    return []


@pytest.fixture
def open_page(browser: Browser, base_url: str, offsite: list[str]) -> Iterator[OpenPage]:
    """`open_page("timeline/", width=390, scheme="dark", javascript=False)`: a page in a fresh context."""
    contexts: list[BrowserContext] = []

    def refuse(route: Route) -> None:
        offsite.append(route.request.url)
        route.abort("blockedbyclient")

    def open_(path: str, width: int = 1280, scheme: Scheme = "light", javascript: bool = True) -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme, java_script_enabled=javascript
        )
        contexts.append(context)
        context.route(OFFSITE, refuse)
        page = context.new_page()
        response = page.goto(base_url + path)
        status = response.status if response else None
        assert status == 200, f"/{path} did not load"
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def translated_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], str]]:
    """`translated_site("fr")`: the address on 127.0.0.1 of the example built with that `language`, each
    language built once a session."""
    served: dict[str, tuple[ThreadingHTTPServer, str]] = {}

    def site(language: str) -> str:
        if language not in served:
            root = tmp_path_factory.mktemp(language)
            shutil.copytree(EXAMPLE, root / "content")
            site_file = root / "content" / "site.yaml"
            text = re.sub(r"(?m)^language: .*$", f"language: {language}", site_file.read_text(encoding="utf-8"))
            site_file.write_text(text, encoding="utf-8")
            pipeline.build(root / "content", root / "site")
            server = ThreadingHTTPServer((HOST, 0), partial(QuietHandler, directory=str(root / "site")))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            served[language] = server, f"http://{HOST}:{server.server_port}/"
        return served[language][1]

    yield site
    for server, _ in served.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def arabic_site(translated_site: Callable[[str], str]) -> str:
    """The example built with `language: ar`: a right-to-left site."""
    return translated_site("ar")
