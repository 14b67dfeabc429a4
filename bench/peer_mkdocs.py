"""Our corpus as an MkDocs site: Markdown pages under a tiny theme of our own, with no search plugin.

MkDocs has no taxonomies, collections or data-driven pages, so the export writes every page as Markdown,
the entity pages and the timeline included, each listing its facts as relative links to their .md
files, which MkDocs checks and turns into page links. The theme is one main.html in a custom_dir with
`name: null`, not the bundled theme, so MkDocs does the same template work as the others.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from bench.peer_corpus import Corpus, Fact, write

CONFIG = """\
site_name: {title}
docs_dir: docs
theme:
  name: null
  custom_dir: theme
plugins: []
nav:
  - Home: index.md
  - Timeline: timeline.md
  - Entities: entities/index.md
"""
THEME = """\
<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{% if page.title and not page.is_homepage %}{{ page.title }} · {% endif %}\
{{ config.site_name }}</title></head>
<body>
<header><a href="{{ 'index.html' | url }}">{{ config.site_name }}</a>
<nav><a href="{{ 'timeline/' | url }}">Timeline</a> <a href="{{ 'entities/' | url }}">Entities</a></nav>
</header>
<main>{{ page.content }}</main>
<footer><p>{{ config.site_name }}</p></footer>
</body>
</html>
"""


def export(corpus: Corpus, root: Path) -> None:
    """Write mkdocs.yml, the theme and every page's Markdown into `root`."""
    write(root / "mkdocs.yml", CONFIG.format(title=json.dumps(corpus.title)))
    write(root / "theme" / "main.html", THEME)
    docs = root / "docs"
    stories = [f"- [{story.title}](stories/{story.id}.md) {story.summary}" for story in corpus.stories]
    write(docs / "index.md", "\n\n".join([f"# {corpus.title}", "## Stories", "\n".join(stories)]) + "\n")
    for fact in corpus.facts.values():
        write(docs / fact.kind / f"{fact.id}.md", _fact(fact, corpus))
    entities = [f"- [{entity.name}]({entity.id}.md)" for entity in corpus.entities.values()]
    write(docs / "entities" / "index.md", "# Entities\n\n" + "\n".join(entities) + "\n")
    for entity in corpus.entities.values():
        facts = [_item(corpus.facts[fact], "entities") for fact in entity.facts]
        write(docs / "entities" / f"{entity.id}.md", "\n\n".join([f"# {entity.name}", "\n".join(facts)]) + "\n")
    for comparison in corpus.comparisons:
        parts = [f"# {comparison.title}", comparison.summary]
        for side in (corpus.facts[comparison.left], corpus.facts[comparison.right]):
            parts += [f"## [{side.title}]({_link(side, 'comparisons')})", side.summary]
        parts += [f"Verdict: {comparison.verdict}", comparison.rationale]
        write(docs / "comparisons" / f"{comparison.id}.md", "\n\n".join(parts) + "\n")
    for story in corpus.stories:
        byline = f"*{story.day}* by {', '.join(story.authors)}"
        write(docs / "stories" / f"{story.id}.md", "\n\n".join([f"# {story.title}", byline, story.summary, story.body]))
    years = [f"## {year}\n\n" + "\n".join(_item(fact, ".") for fact in facts) for year, facts in corpus.years()]
    write(docs / "timeline.md", "\n\n".join(["# Timeline", *years]) + "\n")


def command(program: str, site: Path, out: Path) -> list[str]:
    """MkDocs's build of `site` into `out`."""
    return [program, "build", "--quiet", "--config-file", str(site / "mkdocs.yml"), "--site-dir", str(out)]


def _fact(fact: Fact, corpus: Corpus) -> str:
    parts = [f"# {fact.title}", f"*{fact.shown}* · {fact.kind}", fact.summary]
    if fact.quote:
        parts.append(f"> {fact.quote}")
    parts.append(fact.body)
    if fact.entities:
        entities = [f"- [{corpus.entities[entity].name}](../entities/{entity}.md)" for entity in fact.entities]
        parts += ["## Who", "\n".join(entities)]
    parts += ["## Sources", "\n".join(f"- [{source.title}]({source.url})" for source in fact.sources)]
    return "\n\n".join(part for part in parts if part) + "\n"


def _item(fact: Fact, folder: str) -> str:
    """A list item linking to `fact` from a page in `folder` of the docs."""
    return f"- [{fact.title}]({_link(fact, folder)}) {fact.shown}"


def _link(fact: Fact, folder: str) -> str:
    return os.path.relpath(f"{fact.kind}/{fact.id}.md", folder)
