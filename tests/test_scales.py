"""Scales the newsroom owns: the verdicts and pledge statuses declared in site.yaml, or the defaults, drawn from
one declaration everywhere (badges, notes, the home page's order, scorecards, the methodology page, the
stylesheet) and checked where they are written."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SITE_YAML

from onrecord import palette, pipeline
from onrecord.errors import ContentErrors
from onrecord.incremental import Builder
from onrecord.model import Scales
from onrecord.views import pages
from onrecord.views.scales import SCALES

MakeSite = Callable[[Path, dict[str, str]], Path]
VERDICTS = """\
  verdicts:
    - id: contradicts
      label: Contradicts
      definition: The two cannot both hold.
      colour: "#a4231a"
      colour_dark: "#ff9a8c"
      sign: "✕"
    - id: in-tension
      label: In tension
      definition: They pull against each other.
      colour: "#8a4d00"
      colour_dark: "#f2b45e"
      sign: "≠"
    - id: partly-consistent
      label: Partly consistent
      definition: They agree in part, and only in part.
      colour: "#5c5a0e"
      colour_dark: "#d9d27a"
      sign: "≈"
    - id: consistent
      label: Consistent
      definition: The two agree.
      colour: "#2f6a34"
      colour_dark: "#93d49a"
      sign: "="
    - id: unclear
      label: Unclear
      definition: The record does not settle it.
      colour: "#555249"
      colour_dark: "#c4bcad"
"""
PROMISES = [
    ("not-yet-rated", "Not Yet Rated", "No one has rated it yet."),
    ("in-the-works", "In the Works", "It has been acted on."),
    ("stalled", "Stalled", "No progress, for lack of money or because of opposition."),
    ("compromise", "Compromise", "Less than promised was done."),
    ("kept", "Promise Kept", "It was done, or mostly done."),
    ("broken", "Promise Broken", "It was not done, or can no longer be."),
]
STATUSES = "  pledge_statuses:\n" + "".join(
    f'    - id: {id}\n      label: {label}\n      definition: {definition}\n      colour: "#1b4f8f"\n'
    f'      colour_dark: "#9fc3ff"\n'
    for id, label, definition in PROMISES
)
CUSTOM = SITE_YAML + "scales:\n" + VERDICTS + STATUSES
EVENT = """\
title: Acme {what}
date: {date}
summary: Acme {what}.
actors: [acme]
sources: [acme-letter]
"""
COMPARED = """\
title: The promise and {what}
summary: What Acme said, and what it did.
left:
  fact: acme-pledge
right:
  fact: {fact}
verdict: {verdict}
rationale: Set side by side.
"""
KEPT = """\
status: kept
status_history:
  - date: 2024-01-10
    status: kept
    reason: Acme stopped selling the scanners.
    sources: [acme-letter]
"""


def html(out: Path, url: str) -> str:
    return (out / url / "index.html").read_text(encoding="utf-8")


def rated(valid_files: dict[str, str], site: str = CUSTOM) -> dict[str, str]:
    """The small site with three more comparisons, a kept pledge with its history and an unrated one."""
    files = {**valid_files, "site.yaml": site}
    for n, (what, verdict) in enumerate((("closes a lab", "unclear"), ("sells scanners again", "contradicts"))):
        files[f"events/e{n}.yaml"] = EVENT.format(what=what, date=f"202{n + 1}-03-01")
        files[f"comparisons/c{n}.yaml"] = COMPARED.format(what=what, fact=f"e{n}", verdict=verdict)
    files["events/e2.yaml"] = EVENT.format(what="narrows its promise", date="2023-05-01")
    files["comparisons/c2.yaml"] = COMPARED.format(what="the narrowing", fact="e2", verdict="partly-consistent")
    files["comparisons/pledge-vs-reply.yaml"] = files["comparisons/pledge-vs-reply.yaml"].replace(
        "verdict: in-tension", "verdict: partly-consistent"
    )
    files["pledges/acme-pledge.yaml"] += KEPT
    files["pledges/acme-later.yaml"] = (
        files["pledges/acme-pledge.yaml"].split("status:")[0].replace("Acme promises", "Acme promises again")
    )
    return files


def built(content: Path, out: Path) -> Path:
    pipeline.build(content, out)
    return out


def levels_listed(page: str) -> list[tuple[str, str, str]]:
    """(anchor, label, definition) of each level on the methodology page, in page order."""
    return re.findall(
        r'<li id="([^"]+)" class="[^"]+">\n<h3><span class="[^"]+">([^<]+)</span></h3>\n'
        r'<p class="level-definition">([^<]+)</p>',
        page,
    )


def test_a_site_rates_by_its_own_scales_everywhere(tmp_path: Path, make_site: MakeSite, valid_files) -> None:
    out = built(make_site(tmp_path, rated(valid_files)), tmp_path / "out")
    method = html(out, "methodology/")
    assert levels_listed(method) == [
        ("verdict-contradicts", "Contradicts", "The two cannot both hold."),
        ("verdict-in-tension", "In tension", "They pull against each other."),
        ("verdict-partly-consistent", "Partly consistent", "They agree in part, and only in part."),
        ("verdict-consistent", "Consistent", "The two agree."),
        ("verdict-unclear", "Unclear", "The record does not settle it."),
        *((f"pledge-status-{id}", label, definition) for id, label, definition in PROMISES),
    ]
    assert "Sign: <span" in method and "#5c5a0e on light pages" in method and "#d9d27a on dark pages" in method

    badge = (
        '<a class="verdict level verdict--partly-consistent" href="../../methodology/#verdict-partly-consistent">'
        "Partly consistent</a>"
    )
    comparison = html(out, "comparisons/c2/")
    assert f"Verdict:</span> {badge}" in comparison
    assert "They agree in part, and only in part." in comparison, "the definition stands beside the verdict"
    assert "Why “Partly consistent”" in comparison, "a label keeps its own capitals"
    assert badge.replace("../../", "../") in html(out, "comparisons/")

    pledge = html(out, "pledges/acme-pledge/")
    kept = '<a class="badge level pledge-status--kept" href="../../methodology/#pledge-status-kept">Promise Kept</a>'
    assert f"Now: {kept}" in pledge and f"2024</time>: {kept} Acme stopped" in pledge
    unrated = html(out, "pledges/acme-later/")
    assert 'methodology/#pledge-status-not-yet-rated">Not Yet Rated</a>' in unrated, "the first level is the default"

    home = html(out, "")
    shown = re.findall(r'<h3 class="card-title"><a href="comparisons/([^/]+)/">', home)
    assert shown == ["c1", "pledge-vs-reply", "c2"], "sharpest first in the scale's order, newest first among equals"

    graph = pipeline.load_graph(make_site(tmp_path / "again", rated(valid_files)))
    card = {page.url: page for page in pages(graph)}["entities/acme/"].view.scorecard
    assert [(v, n) for v, _, n in card.verdicts] == [
        ("contradicts", 1),
        ("in-tension", 0),
        ("partly-consistent", 2),
        ("consistent", 0),
        ("unclear", 1),
    ]
    assert [(badge.label, n) for _, badge, n in card.statuses] == [
        ("Not Yet Rated", 1),
        ("In the Works", 0),
        ("Stalled", 0),
        ("Compromise", 0),
        ("Promise Kept", 1),
        ("Promise Broken", 0),
    ]
    entity = html(out, "entities/acme/")
    assert 'href="../../methodology/#verdict-unclear">Unclear</a> <strong class="count">1</strong>' in entity

    stylesheet = (out / "assets" / "scales.css").read_text(encoding="utf-8")
    assert ".verdict--partly-consistent { --level-light: #5c5a0e; --level-dark: #d9d27a; }" in stylesheet
    assert '.level.verdict--partly-consistent::before { content: "\\002248"' in stylesheet
    assert ".level.verdict--unclear::before" not in stylesheet, "a level without a sign has none"


def test_renaming_a_label_changes_the_pages_and_no_content_file(
    tmp_path: Path, make_site: MakeSite, valid_files
) -> None:
    content = make_site(tmp_path, rated(valid_files))
    records = {p: p.read_bytes() for p in content.rglob("*") if p.is_file() and p.name != "site.yaml"}
    before = built(content, tmp_path / "before")
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("Partly consistent", "Half true"), encoding="utf-8")
    after = built(content, tmp_path / "after")
    assert {p: p.read_bytes() for p in records} == records
    for url in ("comparisons/c2/", "comparisons/", "entities/acme/", "", "methodology/"):
        assert ">Partly consistent<" in html(before, url), url
        assert ">Half true<" in html(after, url) and "Partly consistent" not in html(after, url), url


def test_the_default_scales_rate_as_the_site_always_has(tmp_path: Path, make_site: MakeSite, valid_files) -> None:
    files = rated(valid_files, site=SITE_YAML)
    files["comparisons/c2.yaml"] = files["comparisons/c2.yaml"].replace("partly-consistent", "consistent")
    files["comparisons/pledge-vs-reply.yaml"] = files["comparisons/pledge-vs-reply.yaml"].replace(
        "partly-consistent", "in-tension"
    )
    assert "scales" not in (Path(__file__).parent.parent / "content" / "site.yaml").read_text(encoding="utf-8")
    out = built(make_site(tmp_path, files), tmp_path / "out")
    assert levels_listed(html(out, "methodology/")) == [
        ("verdict-contradicts", "Contradicts", "The two cannot both hold."),
        ("verdict-in-tension", "In tension", "They pull against each other, though both can be argued to hold."),
        ("verdict-unclear", "Unclear", "The record does not settle it."),
        ("verdict-consistent", "Consistent", "The two agree."),
        ("pledge-status-not-yet-rated", "Not yet rated", "No sourced assessment has been made yet."),
        ("pledge-status-in-the-works", "In the works", "Steps to keep the pledge are under way."),
        ("pledge-status-stalled", "Stalled", "Progress has stopped, or the steps under way were halted."),
        ("pledge-status-kept", "Kept", "The pledge was kept as made."),
        (
            "pledge-status-compromise",
            "Compromise",
            "It was kept only in part, or in a narrower sense than its words suggested.",
        ),
        ("pledge-status-broken", "Broken", "The pledge was not kept."),
    ]
    home = html(out, "")
    assert re.findall(r'<h3 class="card-title"><a href="comparisons/([^/]+)/">', home) == [
        "c1",
        "pledge-vs-reply",
        "c0",
    ]
    assert "They pull against each other, though both can be argued to hold." in html(
        out, "comparisons/pledge-vs-reply/"
    )
    assert ">Not yet rated</a>" in html(out, "pledges/acme-later/") and ">Kept</a>" in html(out, "pledges/acme-pledge/")
    stylesheet = (out / "assets" / "scales.css").read_text(encoding="utf-8")
    looks = re.findall(
        r"\.(verdict|pledge-status)--([a-z-]+) \{ --level-light: (#\w+); --level-dark: (#\w+); \}", stylesheet
    )
    assert looks == [
        ("verdict", "contradicts", "#a4231a", "#ff9a8c"),
        ("verdict", "in-tension", "#8a4d00", "#f2b45e"),
        ("verdict", "unclear", "#555249", "#c4bcad"),
        ("verdict", "consistent", "#2f6a34", "#93d49a"),
        ("pledge-status", "not-yet-rated", "#595549", "#b7ae9d"),
        ("pledge-status", "in-the-works", "#1b4f8f", "#9fc3ff"),
        ("pledge-status", "stalled", "#8a4d00", "#f2b45e"),
        ("pledge-status", "kept", "#2f6a34", "#93d49a"),
        ("pledge-status", "compromise", "#8a4d00", "#f2b45e"),
        ("pledge-status", "broken", "#a4231a", "#ff9a8c"),
    ]
    signs = re.findall(r'\.level\.verdict--([a-z-]+)::before \{ content: "([^"]+)"', stylesheet)
    assert [(v, chr(int(code[1:], 16))) for v, code in signs] == [
        ("contradicts", "✕"),
        ("in-tension", "≠"),
        ("unclear", "?"),
        ("consistent", "="),
    ]


def test_a_level_a_site_does_not_have_fails_check_where_it_is_written(
    tmp_path: Path, make_site: MakeSite, valid_files, cli
) -> None:
    files = rated(valid_files)
    files["comparisons/c2.yaml"] = files["comparisons/c2.yaml"].replace("partly-consistent", "partly-consistant")
    files["pledges/acme-pledge.yaml"] = files["pledges/acme-pledge.yaml"].replace("    status: kept", "    status: kep")
    content = make_site(tmp_path, files)
    run = cli("check", "--content", str(content))
    assert run.code == 1
    assert re.findall(r"^/.*$", run.err, re.M) == [
        f"{content}/comparisons/c2.yaml:7:10: verdict: 'partly-consistant' is not one of the site's verdicts: "
        "'contradicts', 'in-tension', 'partly-consistent', 'consistent' or 'unclear' "
        "(did you mean 'partly-consistent'?)",
        f"{content}/pledges/acme-pledge.yaml:12:13: status: 'kep' is not one of the site's pledge statuses: "
        "'not-yet-rated', 'in-the-works', 'stalled', 'compromise', 'kept' or 'broken' (did you mean 'kept'?)",
    ]
    assert "    verdict: partly-consistant\n             ^" in run.err


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "    - id: consistent\n",
            "    - id: in-tension\n",
            "27:11: 'in-tension' is already the id of level 2 of verdicts "
            "(records name a level by its id, so each needs one of its own)",
        ),
        (
            'colour: "#5c5a0e"',
            'colour: "#c9c49a"',
            "24:15: scales.verdicts[3].colour: #c9c49a is too faint to read on light pages: 1.56:1 against their "
            "panel (#f3f0e7); text needs at least 4.5:1, so choose a darker colour",
        ),
        (
            'colour_dark: "#d9d27a"',
            'colour_dark: "#5c5a0e"',
            "25:20: scales.verdicts[3].colour_dark: #5c5a0e is too faint to read on dark pages: 2.34:1 against their "
            "panel (#1f1d1a); text needs at least 4.5:1, so choose a lighter colour",
        ),
        (
            'colour: "#5c5a0e"',
            "colour: #5c5a0e",
            "24:14: scales.verdicts[3].colour: no colour: in YAML # starts a comment, so write a colour in quotes, "
            'e.g. "#a4231a"',
        ),
        (
            "label: Consistent\n",
            "label: partly CONSISTENT\n",
            "28:14: 'partly CONSISTENT' is already the label of level 3 of verdicts "
            "(readers tell levels apart by their labels, so each needs one of its own)",
        ),
    ],
)
def test_a_scale_that_cannot_be_rated_by_fails_at_its_line_and_column(
    tmp_path: Path, make_site: MakeSite, valid_files, old: str, new: str, expected: str
) -> None:
    assert CUSTOM.count(old) == 1
    content = make_site(tmp_path, rated(valid_files, CUSTOM.replace(old, new)))
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(content)
    assert [str(p) for p in caught.value.problems] == [f"{content}/site.yaml:{expected}"]


def test_a_declared_default_status_is_the_status_of_a_pledge_that_gives_none(
    tmp_path: Path, make_site: MakeSite, valid_files
) -> None:
    site = CUSTOM.replace(
        "      definition: It has been acted on.\n", "      definition: It has been acted on.\n      default: true\n"
    )
    out = built(make_site(tmp_path, rated(valid_files, site)), tmp_path / "out")
    assert ">In the Works</a>" in html(out, "pledges/acme-later/")
    assert "A pledge not given a status is counted as “In the Works”." in html(out, "methodology/")
    twice = site.replace("      definition: No progress", "      default: true\n      definition: No progress")
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(make_site(tmp_path / "twice", rated(valid_files, twice)))
    [problem] = caught.value.problems
    assert (problem.location.line, problem.message) == (52, "level 2 of pledge_statuses is the default already")
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(make_site(tmp_path / "verdict", rated(valid_files, site.replace('sign: "≠"', "default: true"))))
    [problem] = caught.value.problems
    assert (problem.location.line, problem.location.column) == (20, 7) and "default" in problem.message


def test_any_id_makes_a_safe_class_and_any_sign_a_safe_stylesheet(
    tmp_path: Path, make_site: MakeSite, valid_files
) -> None:
    site = CUSTOM.replace("partly-consistent", "box").replace('sign: "≈"', "sign: '\"}*'")
    files = rated(valid_files, site)
    for name in ("comparisons/c2.yaml", "comparisons/pledge-vs-reply.yaml"):
        files[name] = files[name].replace("partly-consistent", "box")
    out = built(make_site(tmp_path, files), tmp_path / "out")
    stylesheet = (out / "assets" / "scales.css").read_text(encoding="utf-8")
    assert (
        '.level.verdict--box::before { content: "\\000022\\00007d\\00002a"; content: "\\000022\\00007d\\00002a" / ""; }'
        in stylesheet
    )
    assert '"}' not in stylesheet.replace('""', "")
    page = html(out, "comparisons/c2/")
    assert '<div class="verdict-box">' in page and 'class="verdict level verdict--box"' in page
    assert 'id="verdict-box"' in html(out, "methodology/") and 'Sign: <span class="level-sign">&#34;}*</span>' in html(
        out, "methodology/"
    )


def test_the_preview_restyles_and_relabels_when_site_yaml_changes(
    tmp_path: Path, make_site: MakeSite, valid_files
) -> None:
    content = make_site(tmp_path, rated(valid_files))
    builder = Builder(content, tmp_path / ".serve")
    assert not builder.rebuild().problems
    site = content / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("Partly consistent", "Half true").replace("#5c5a0e", "#3d3b09"),
        encoding="utf-8",
    )
    rebuilt = builder.rebuild()
    assert not rebuilt.problems
    assert "assets/scales.css" in rebuilt.touched and "comparisons/c2/index.html" in rebuilt.touched
    served = tmp_path / ".serve"
    assert "--level-light: #3d3b09" in (served / "assets" / "scales.css").read_text(encoding="utf-8")
    assert ">Half true</a>" in html(served, "comparisons/c2/")
    full = built(content, tmp_path / "full")
    assert (served / "assets" / "scales.css").read_bytes() == (full / "assets" / "scales.css").read_bytes()


def test_every_scale_is_drawn_and_every_default_colour_reads_on_its_pages() -> None:
    assert set(SCALES) == set(Scales.model_fields)
    for scale in Scales.model_fields:
        for level in Scales().levels(scale):
            for colour, scheme in ((level.colour, "light"), (level.colour_dark, "dark")):
                assert palette.faintest(colour, scheme)[0] >= palette.READABLE, (scale, level.id, scheme)


def test_the_backgrounds_colours_are_read_against_are_declared_once_for_the_pages(
    tmp_path: Path, make_site: MakeSite, valid_files
) -> None:
    out = built(make_site(tmp_path, valid_files), tmp_path / "out")
    stylesheet = (out / "assets" / "scales.css").read_text(encoding="utf-8")
    for scheme, backgrounds in palette.BACKGROUNDS.items():
        declared = " ".join(f"--{name}: {value};" for name, value in backgrounds.items())
        assert f":root {{ {declared} }}" in stylesheet, scheme
    screen = (out / "assets" / "site.css").read_text(encoding="utf-8").split("@media print", 1)[0]
    assert "--paper:" not in screen and "--panel:" not in screen
    page = html(out, "")
    assert page.index("assets/scales.css") < page.index("assets/site.css"), "site.css's print style overrides them"
