"""Screenshots of the reader pages at phone and desktop widths, for looking at the design.

Builds the example (or --content) into a temporary folder, serves it on 127.0.0.1 and saves
full-page PNGs of the home page, a story, the timeline, an entity, a comparison and the methodology into
screenshots/, at 390 px and 1280 px, in the light scheme (and the dark one with --dark).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from onrecord import pipeline  # noqa: E402

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
WIDTHS = (390, 1280)


def pick(site: Path, kind: str) -> str:
    """The richest page of a kind (the largest file), so the screenshot shows the most features."""
    pages = sorted(site.glob(f"{kind}/*/index.html"), key=lambda p: (-p.stat().st_size, p.as_posix()))
    if not pages:
        raise SystemExit(f"the example has no {kind}; nothing to photograph")
    return pages[0].parent.relative_to(site).as_posix() + "/"


def targets(site: Path) -> dict[str, str]:
    return {
        "home": "",
        "story": pick(site, "stories"),
        "timeline": "timeline/",
        "entity": pick(site, "entities"),
        "comparison": pick(site, "comparisons"),
        "contract": pick(site, "contracts"),
        "image": pick(site, "images"),
        "methodology": "methodology/",
    }


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def shoot(base: str, pages: dict[str, str], out: Path, schemes: tuple[str, ...]) -> list[Path]:
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in schemes:
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(base + path)
                    suffix = "" if scheme == "light" else f"-{scheme}"
                    target = out / f"{name}-{width}{suffix}.png"
                    page.screenshot(path=str(target), full_page=True)
                    saved.append(target)
                context.close()
        browser.close()
    return saved


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--content", type=Path, default=ROOT / "content")
    cli.add_argument("--out", type=Path, default=ROOT / "screenshots")
    cli.add_argument("--dark", action="store_true", help="also photograph the dark scheme")
    args = cli.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        pipeline.build(args.content, site)
        server = serve(site)
        try:
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            schemes = ("light", "dark") if args.dark else ("light",)
            for path in shoot(base, targets(site), args.out, schemes):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
