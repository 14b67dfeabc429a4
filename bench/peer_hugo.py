"""Our corpus as a Hugo site, built the way Hugo sites are: Hugo does the grouping and listing itself.

Each fact kind is a content section whose facts take the `fact` layout by cascade; the entities facts
refer to are terms of an `entities` taxonomy, named by their term pages' _index.md; comparisons find
their two sides with site.GetPage; the timeline is `.GroupByDate "2006"` over every fact. Feeds and
the sitemap are turned off, as the other peers make none.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.peer_corpus import Corpus, page, write

CONFIG = """\
baseURL = "/"
languageCode = "en-GB"
title = {title}
disableKinds = ["RSS", "sitemap", "robotsTXT"]

[taxonomies]
entity = "entities"
"""
BASE = """\
<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head><meta charset="utf-8"><title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/timeline/" | relURL }}">Timeline</a> <a href="{{ "/entities/" | relURL }}">Entities</a></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
"""
LIST = """\
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages.ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.shown_date }}</li>{{ end }}
</ul>{{ end }}
"""
HOME = """\
{{ define "main" }}<h1>{{ site.Title }}</h1>
<h2>Stories</h2>
<ul>{{ range (where site.RegularPages "Section" "stories").ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}
</ul>{{ end }}
"""
STORY = """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
by {{ delimit .Params.authors ", " }}</p>
<p>{{ .Params.summary }}</p>
{{ .Content }}
</article>{{ end }}
"""
FACT = """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Params.shown_date }}</time> · {{ .Section }}</p>
<p>{{ .Params.summary }}</p>
{{ with .Params.quote }}<blockquote><p>{{ . }}</p></blockquote>{{ end }}
{{ .Content }}
{{ with .GetTerms "entities" }}<h2>Who</h2>
<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
<h2>Sources</h2>
<ul>{{ range .Params.sources }}<li><a href="{{ .url }}">{{ .title }}</a></li>{{ end }}</ul>
</article>{{ end }}
"""
COMPARISON = """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p>{{ .Params.summary }}</p>
{{ range slice .Params.left .Params.right }}{{ with site.GetPage . }}<section>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Params.summary }}</p>
</section>{{ end }}{{ end }}
<p>Verdict: {{ .Params.verdict }}</p>
{{ .Content }}
</article>{{ end }}
"""
TIMELINE = """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range (where site.RegularPages "Type" "fact").GroupByDate "2006" }}<h2>{{ .Key }}</h2>
<ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.shown_date }}</li>{{ end }}
</ul>{{ end }}{{ end }}
"""
LAYOUTS = {
    "_default/baseof.html": BASE,
    "_default/list.html": LIST,
    "_default/single.html": STORY,
    "_default/timeline.html": TIMELINE,
    "index.html": HOME,
    "fact/single.html": FACT,
    "comparisons/single.html": COMPARISON,
}


def export(corpus: Corpus, root: Path) -> None:
    """Write the site's config, layouts and content into `root`."""
    write(root / "hugo.toml", CONFIG.format(title=json.dumps(corpus.title)))
    for name, text in LAYOUTS.items():
        write(root / "layouts" / name, text)
    content = root / "content"
    for kind in sorted({fact.kind for fact in corpus.facts.values()}):
        page(
            content / kind / "_index.md",
            {"title": kind.replace("-", " ").capitalize(), "cascade": {"type": "fact"}},
            "",
        )
    for fact in corpus.facts.values():
        page(content / fact.kind / f"{fact.id}.md", fact.front_matter(), fact.body)
    page(content / "entities" / "_index.md", {"title": "Entities"}, "")
    for entity in corpus.entities.values():
        page(content / "entities" / entity.id / "_index.md", {"title": entity.name}, "")
    page(content / "comparisons" / "_index.md", {"title": "Comparisons"}, "")
    for comparison in corpus.comparisons:
        sides = [corpus.facts[side] for side in (comparison.left, comparison.right)]
        front = {
            "title": comparison.title,
            "summary": comparison.summary,
            "left": f"/{sides[0].kind}/{sides[0].id}",
            "right": f"/{sides[1].kind}/{sides[1].id}",
            "verdict": comparison.verdict,
        }
        page(content / "comparisons" / f"{comparison.id}.md", front, comparison.rationale)
    page(content / "stories" / "_index.md", {"title": "Stories"}, "")
    for story in corpus.stories:
        front = {"title": story.title, "date": story.day, "summary": story.summary, "authors": list(story.authors)}
        page(content / "stories" / f"{story.id}.md", front, story.body)
    page(content / "timeline.md", {"title": "Timeline", "layout": "timeline"}, "")


def command(program: str, site: Path, out: Path) -> list[str]:
    """Hugo's build of `site` into `out`."""
    return [program, "--quiet", "--source", str(site), "--destination", str(out)]
