"""The preview in a real browser: edits, errors, fixes and styles reach the page by themselves."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from preview import Preview

EVENT_TIMEOUT = 60_000
"""How long, in ms, a page may take to show what a save changed before the test gives up: a bound for a
machine busy with other tests, not a speed the preview must meet (bench/ measures that)."""


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
    expect(body).to_contain_text("Edited while the preview watched", timeout=EVENT_TIMEOUT)

    replace_line(fact, "title:", "title: Broken: on purpose")
    expect(body).to_contain_text(f"content/pledges/{fact.name}:{line}:", timeout=EVENT_TIMEOUT)

    replace_line(fact, "title:", original)
    expect(body).to_contain_text(original.removeprefix("title:").strip(), timeout=EVENT_TIMEOUT)
    expect(body).not_to_contain_text("problem")

    page.evaluate("window.stillTheSamePage = true")
    with (preview.project / "assets" / "site.css").open("a", encoding="utf-8") as css:
        css.write("\nbody { outline: 3px solid rgb(1, 2, 3); }\n")
    page.wait_for_function("getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'", timeout=EVENT_TIMEOUT)
    assert page.evaluate("window.stillTheSamePage") is True, "a stylesheet change reloaded the whole page"

    preview.process.send_signal(signal.SIGINT)
    assert preview.process.wait(timeout=10) == 0
    log = preview.output()
    assert f"Previewing content/ with drafts at {preview.url}" in log
    assert f"content/pledges/{fact.name} changed: " in log and " re-rendered, " in log
    assert "assets/site.css changed: 0 pages re-rendered" in log
    assert log.rstrip().endswith("Stopped.") and "Traceback" not in log
