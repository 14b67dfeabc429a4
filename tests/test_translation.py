"""The interface in other languages: every catalogue the project ships is complete and well formed, and
the example built in each of them shows readers no English word of the interface."""

from __future__ import annotations

import functools
import html
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from onrecord import pipeline, translation

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = tuple(sorted(path.stem for path in translation.LOCALES.glob("*.po")))
"""Every catalogue the project ships: each must hold every string."""
METHODS = [("onrecord/**.py", "python"), ("templates/**.html", "jinja2")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
PLACEHOLDER = re.compile(r"%\(\w+\)s|%%")
TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
SHOWN_ATTRIBUTE = re.compile(r'\b(?:alt|aria-label|title|placeholder|content)="([^"]*)"')


@functools.cache
def marked() -> frozenset[str | tuple[str, str]]:
    """Every string the code and templates mark: a text, or (singular, plural)."""
    keywords = {**DEFAULT_KEYWORDS, "n_": (1, 2)}
    found = extract_from_dir(ROOT, METHODS, OPTIONS, keywords)
    return frozenset(message for _, _, message, _, _ in found if message)


def catalogue(language: str) -> Catalog:
    with (translation.LOCALES / f"{language}.po").open("rb") as source:
        return read_po(source, locale=language)


def key(message: str | tuple[str, ...]) -> str:
    return message if isinstance(message, str) else message[0]


@pytest.mark.parametrize("language", SHIPPED)
def test_every_string_marked_is_translated(language: str) -> None:
    held = {message.id if isinstance(message.id, str) else message.id[0]: message for message in catalogue(language)}
    missing = sorted(key(m) for m in marked() if key(m) not in held or not _translated(held[key(m)].string))
    assert not missing, f"{len(missing)} strings have no {language} translation: {missing[:20]}"


@pytest.mark.parametrize("language", SHIPPED)
def test_a_catalogue_holds_only_strings_still_marked_and_keeps_their_placeholders(language: str) -> None:
    shipped = catalogue(language)
    wanted = {key(m) for m in marked()}
    stale = sorted(key(m.id) for m in shipped if m.id and key(m.id) not in wanted)
    assert not stale, f"{language}.po holds strings no longer marked (run make catalogues): {stale[:20]}"
    errors = [(message.id, str(error)) for message, errors in shipped.check() for error in errors]
    assert not errors, errors[:10]


def _translated(string: object) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


def english_fragments(language: str) -> set[str]:
    """Runs of words from the English strings that the language's translation does not also use."""
    held = {key(m.id): m.string for m in catalogue(language) if m.id}
    fragments: set[str] = set()
    for message in marked():
        english = [message] if isinstance(message, str) else list(message)
        translated = held.get(key(message), "")
        shown = " ".join(translated) if isinstance(translated, tuple) else translated
        for text in english:
            for part in PLACEHOLDER.split(text):
                part = " ".join(part.split()).strip(" .,;:()“”")
                if re.search(r"[A-Za-z]{3}", part) and part not in shown:
                    fragments.add(part)
    return fragments


def visible_text(page: str) -> list[str]:
    """What a reader reads or hears of a page: its text between tags, and the attributes read aloud."""
    texts = [html.unescape(" ".join(t.split())) for t in TAG.sub("\n", page).split("\n")]
    texts += [html.unescape(value) for value in SHOWN_ATTRIBUTE.findall(page)]
    return [text for text in texts if text]


@pytest.mark.parametrize("language", SHIPPED)
def test_the_example_in_another_language_shows_no_english_interface_string(tmp_path: Path, language: str) -> None:
    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    site = content / "site.yaml"
    site.write_text(re.sub(r"(?m)^language: .*$", f"language: {language}", site.read_text(encoding="utf-8")), "utf-8")
    out = tmp_path / "build"
    pipeline.build(content, out)
    authored = " ".join(
        " ".join(path.read_text(encoding="utf-8").split())
        for path in content.rglob("*")
        if path.suffix in (".yaml", ".md", ".txt")
    )
    fragments = [f for f in english_fragments(language) if f not in authored]
    # Whole words only, and not inside an address or a file name (comparisons/, comparisons.csv).
    longest_first = sorted(fragments, key=len, reverse=True)
    pattern = re.compile("|".join(rf"(?<![\w/-]){re.escape(f)}(?![\w/-]|\.\w)" for f in longest_first))
    found: dict[str, set[str]] = {}
    for path in sorted(out.rglob("*.html")):
        for text in visible_text(path.read_text(encoding="utf-8")):
            for match in pattern.finditer(text):
                found.setdefault(match.group(), set()).add(path.relative_to(out).as_posix())
    assert not found, {english: sorted(pages)[:3] for english, pages in sorted(found.items())[:30]}


def test_check_warns_at_the_language_when_the_interface_has_no_catalogue_for_it(
    tmp_path: Path, make_site, valid_files: dict[str, str]
) -> None:
    content = make_site(tmp_path, valid_files)
    site = content / "site.yaml"
    site.write_text(re.sub(r"(?m)^language: .*$", "language: de-DE", site.read_text(encoding="utf-8")), "utf-8")
    [warning] = pipeline.check(content).warnings
    assert warning.warning and warning.location.path == str(site) and warning.location.line == 4
    assert "no 'de-DE' catalogue" in warning.message and "de.po" in warning.hint
    site.write_text(site.read_text(encoding="utf-8").replace("de-DE", "fr-CA"), "utf-8")
    assert pipeline.check(content).warnings == ()
