"""Our corpus as an Eleventy 3 site, built the way Eleventy sites are: Eleventy does the grouping itself.

Facts, comparisons and stories are Markdown files with front matter, given their Nunjucks layout and
collection tag by a directory data file; the config's collections index the facts by entity, by year
(newest first) and by id; one paginated template makes every entity's page from a global data file of
names. Markdown is not run through a template engine first, as Hugo's and MkDocs's is not.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from bench.peer_corpus import Corpus, page, write

CONFIG = """\
export default function (eleventyConfig) {
  const newestFirst = (api) => api.getFilteredByTag("facts").slice().reverse();
  eleventyConfig.addCollection("byEntity", (api) => {
    const facts = {};
    for (const fact of newestFirst(api)) {
      for (const id of fact.data.entities ?? []) (facts[id] ??= []).push(fact);
    }
    return facts;
  });
  eleventyConfig.addCollection("byYear", (api) => {
    const years = new Map();
    for (const fact of newestFirst(api)) {
      const year = fact.date.getUTCFullYear();
      if (!years.has(year)) years.set(year, []);
      years.get(year).push(fact);
    }
    return [...years].map(([year, facts]) => ({ year, facts }));
  });
  eleventyConfig.addCollection("factsById", (api) =>
    Object.fromEntries(api.getFilteredByTag("facts").map((fact) => [fact.fileSlug, fact])),
  );
  return { markdownTemplateEngine: false };
}
"""
BASE = """\
<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{% if title %}{{ title }} · {% endif %}{{ site.title }}</title></head>
<body>
<header><a href="/">{{ site.title }}</a>
<nav><a href="/timeline/">Timeline</a> <a href="/entities/">Entities</a></nav>
</header>
<main>{{ content | safe }}</main>
<footer><p>{{ site.title }}</p></footer>
</body>
</html>
"""
FACT = """\
---
layout: base.njk
---
<article>
<h1>{{ title }}</h1>
<p><time datetime="{{ page.date.toISOString().slice(0, 10) }}">{{ shown_date }}</time> · {{ kind }}</p>
<p>{{ summary }}</p>
{% if quote %}<blockquote><p>{{ quote }}</p></blockquote>{% endif %}
{{ content | safe }}
{% if entities %}<h2>Who</h2>
<ul>{% for id in entities %}<li><a href="/entities/{{ id }}/">{{ names[id] }}</a></li>{% endfor %}</ul>{% endif %}
<h2>Sources</h2>
<ul>{% for source in sources %}<li><a href="{{ source.url }}">{{ source.title }}</a></li>{% endfor %}</ul>
</article>
"""
COMPARISON = """\
---
layout: base.njk
---
<article>
<h1>{{ title }}</h1>
<p>{{ summary }}</p>
{% for id in [left, right] %}{% set fact = collections.factsById[id] %}<section>
<h2><a href="{{ fact.url }}">{{ fact.data.title }}</a></h2>
<p>{{ fact.data.summary }}</p>
</section>{% endfor %}
<p>Verdict: {{ verdict }}</p>
{{ content | safe }}
</article>
"""
STORY = """\
---
layout: base.njk
---
<article>
<h1>{{ title }}</h1>
<p><time datetime="{{ page.date.toISOString().slice(0, 10) }}">{{ page.date.toISOString().slice(0, 10) }}</time>
by {{ authors | join(", ") }}</p>
<p>{{ summary }}</p>
{{ content | safe }}
</article>
"""
ENTITY = """\
---
layout: base.njk
pagination:
  data: names
  size: 1
  alias: id
permalink: "entities/{{ id }}/"
eleventyComputed:
  title: "{{ names[id] }}"
---
<h1>{{ names[id] }}</h1>
<ul>{% for fact in collections.byEntity[id] %}
<li><a href="{{ fact.url }}">{{ fact.data.title }}</a> {{ fact.data.shown_date }}</li>{% endfor %}
</ul>
"""
ENTITIES = """\
---
layout: base.njk
title: Entities
permalink: "entities/"
---
<h1>Entities</h1>
<ul>{% for id, name in names %}
<li><a href="/entities/{{ id }}/">{{ name }}</a></li>{% endfor %}
</ul>
"""
TIMELINE = """\
---
layout: base.njk
title: Timeline
permalink: "timeline/"
---
<h1>Timeline</h1>
{% for year in collections.byYear %}<h2>{{ year.year }}</h2>
<ul>{% for fact in year.facts %}
<li><a href="{{ fact.url }}">{{ fact.data.title }}</a> {{ fact.data.shown_date }}</li>{% endfor %}
</ul>{% endfor %}
"""
HOME = """\
---
layout: base.njk
permalink: "/"
---
<h1>{{ site.title }}</h1>
<h2>Stories</h2>
<ul>{% for story in collections.stories | reverse %}
<li><a href="{{ story.url }}">{{ story.data.title }}</a> {{ story.data.summary }}</li>{% endfor %}
</ul>
"""
TEMPLATES = {
    "eleventy.config.mjs": CONFIG,
    "_includes/base.njk": BASE,
    "_includes/fact.njk": FACT,
    "_includes/comparison.njk": COMPARISON,
    "_includes/story.njk": STORY,
    "entity.njk": ENTITY,
    "entities.njk": ENTITIES,
    "timeline.njk": TIMELINE,
    "index.njk": HOME,
}


def export(corpus: Corpus, root: Path) -> None:
    """Write the site's config, templates, data and Markdown into `root`."""
    for name, text in TEMPLATES.items():
        write(root / name, text)
    _data(root / "_data" / "site.json", {"title": corpus.title})
    _data(root / "_data" / "names.json", {entity.id: entity.name for entity in corpus.entities.values()})
    for kind in sorted({fact.kind for fact in corpus.facts.values()}):
        _data(root / kind / f"{kind}.json", {"layout": "fact.njk", "tags": "facts", "kind": kind})
    for fact in corpus.facts.values():
        page(root / fact.kind / f"{fact.id}.md", fact.front_matter(), fact.body)
    _data(root / "comparisons" / "comparisons.json", {"layout": "comparison.njk"})
    for comparison in corpus.comparisons:
        front = {
            "title": comparison.title,
            "summary": comparison.summary,
            "left": comparison.left,
            "right": comparison.right,
            "verdict": comparison.verdict,
        }
        page(root / "comparisons" / f"{comparison.id}.md", front, comparison.rationale)
    _data(root / "stories" / "stories.json", {"layout": "story.njk", "tags": "stories"})
    for story in corpus.stories:
        front = {"title": story.title, "date": story.day, "summary": story.summary, "authors": list(story.authors)}
        page(root / "stories" / f"{story.id}.md", front, story.body)


def command(program: str, site: Path, out: Path) -> list[str]:
    """Eleventy's build of `site` into `out`, with the config the export wrote. The input is given relative to
    the working folder: from an absolute one, Eleventy finds no directory data files (its issue #1100)."""
    config, relative = site / "eleventy.config.mjs", os.path.relpath(site)
    return [program, f"--config={config}", f"--input={relative}", f"--output={out}", "--quiet"]


def _data(path: Path, data: object) -> None:
    write(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
