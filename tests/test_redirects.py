"""Stable links: a renamed file lists its previous ids, and its old address keeps leading readers to its page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SITE_YAML

from onrecord import pipeline
from onrecord.errors import ContentErrors
from onrecord.incremental import Builder

BASE = re.search(r"base_url: (\S+)", SITE_YAML)[1]  # type: ignore[index]


def renamed(files: dict[str, str]) -> dict[str, str]:
    """The small site with its pledge renamed from acme-pledge to acme-promise, every reference following."""
    files = {name: text.replace("acme-pledge", "acme-promise") for name, text in files.items()}
    files["pledges/acme-promise.yaml"] = files.pop("pledges/acme-pledge.yaml") + "previous_ids: [acme-pledge]\n"
    return files


def test_a_renamed_file_keeps_its_old_address_leading_to_its_page(make_site, valid_files, tmp_path: Path) -> None:
    out = tmp_path / "site"
    pipeline.build(make_site(tmp_path, renamed(valid_files)), out)
    old = out / "pledges/acme-pledge/index.html"
    html = old.read_text(encoding="utf-8")
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
    assert refresh, html
    links = re.findall(r'<a href="([^"]+)">', html)
    assert links == [refresh[1]] == ["../../pledges/acme-promise/"]
    assert (old.parent / refresh[1] / "index.html").resolve() == (out / "pledges/acme-promise/index.html").resolve()
    assert f'<link rel="canonical" href="{BASE}pledges/acme-promise/">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Acme promises to stop selling face scanners" in html
    assert "pledges/acme-pledge/" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_the_preview_writes_the_old_address_of_a_file_renamed_while_it_runs(
    make_site, valid_files, tmp_path: Path
) -> None:
    content = make_site(tmp_path, valid_files)
    builder = Builder(content, tmp_path / ".serve")
    assert not builder.rebuild().problems
    for path in content.rglob("*.*"):
        path.unlink()
    make_site(tmp_path, renamed(valid_files))
    assert not builder.rebuild().problems
    pipeline.build(content, tmp_path / "full", drafts=True)
    for made in ("pledges/acme-pledge/index.html", "pledges/acme-promise/index.html", "feed.xml"):
        assert (tmp_path / ".serve" / made).read_bytes() == (tmp_path / "full" / made).read_bytes(), made


def test_a_previous_id_that_is_another_records_id_is_an_error(make_site, valid_files, tmp_path: Path) -> None:
    valid_files["pledges/acme-pledge.yaml"] += "previous_ids:\n  - acme-reply\n"
    with pytest.raises(ContentErrors) as raised:
        pipeline.check(make_site(tmp_path, valid_files))
    [problem] = raised.value.problems
    assert (problem.location.path, problem.location.line, problem.location.column) == (
        str(tmp_path / "content/pledges/acme-pledge.yaml"),
        10,
        5,
    )
    assert problem.message.startswith("'acme-reply' is the id of ")
