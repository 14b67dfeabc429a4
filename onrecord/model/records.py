"""The records that are not dated facts: entities, comparisons, and the site's own settings."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema

from .. import limits
from ..values import Flag, Id, Language, Slug, Text, Url, country
from .base import (
    EntityType,
    Filed,
    Markdown,
    Membership,
    Ref,
    ShownAs,
    Strict,
    Update,
)
from .facts import Fact
from .quotes import Quote
from .scales import Scales, Verdict

Country = Annotated[str, AfterValidator(country), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$"})]
Wikidata = Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")]


class Entity(Filed):
    """An organisation, a person, a public body, a court, an outlet, an NGO, a product or a group of people."""

    name: Text
    """Name as readers know it."""
    type: EntityType
    """What sort of entity this is."""
    member_of: list[Membership] = []
    """For people: the organisations they belong to, with their role."""
    aliases: list[Text] = []
    """Other names it goes by."""
    country: Country | None = None
    """Where it is based or has authority: an ISO 3166 code, e.g. GB or US."""
    wikidata: Wikidata | None = None
    """Its Wikidata item, e.g. Q37156 for IBM: shown as a link for readers to learn more."""
    url: Url | None = None
    """Its official website."""
    description: Annotated[str, Markdown(embeds=False)] = ""
    """A short profile, in Markdown."""
    tags: list[Slug] = []
    """Topics, lowercase-with-hyphens."""
    draft: Flag = False
    """Left out of the published site unless built with --drafts."""

    def label(self) -> str:
        return self.name

    def is_draft(self) -> bool:
        return self.draft


class Image(Filed):
    """A picture kept beside this file under the same name (a .png, .jpg or .webp), with what every
    page that shows it says about it."""

    title: Text
    """What the picture is, in a few words, for lists and its own page."""
    alt: Text
    """What it shows, for readers who cannot see it: the facts a glance would give them."""
    caption: Text | None = None
    """A sentence shown under it wherever it appears."""
    credit: Text
    """Who made it or holds its rights, as shown beside it: "Graphic: On the Record", "Photo: Jane Doe/Agency"."""
    licence: Text | None = None
    """The terms it is shown under, e.g. CC BY 4.0, or "All rights reserved, used with permission"."""
    source_url: Url | None = None
    """Where it was obtained, when it was published elsewhere first."""

    def label(self) -> str:
        return self.title


class Side(Strict):
    """One side of a comparison: a fact's words (its quote, or one of its excerpts), or the fact as a deed."""

    fact: Annotated[Id, Ref(facts=True, quote_bearing=True)]
    """Id of the fact: a pledge, a statement, a contract, a ruling, an enforcement action..."""
    excerpt: Annotated[int, Field(ge=1, le=limits.EXCERPT_NUMBER, strict=True)] | None = None
    """Number of the fact's excerpt to show (1 for the first); leave out to show its quote or the deed."""
    show: ShownAs | None = None
    """quote (its words) or deed (what was done); left out, a quote when it has words, else the deed."""

    def shown(self, fact: Fact) -> ShownAs:
        """What the side shows of `fact`: as chosen; else its words when it has any (never a paraphrase),
        else the deed."""
        if self.show is not None:
            return self.show
        return "quote" if self.excerpt is not None or fact.spoken() else "deed"

    def quote(self, fact: Fact) -> Quote | None:
        """The words the side shows of `fact`, with their provenance: the chosen excerpt, or its quote;
        None for a deed."""
        if self.shown(fact) == "deed":
            return None
        if self.excerpt is not None:
            return fact.excerpts[self.excerpt - 1]
        return fact.quoted()

    def words(self, fact: Fact) -> str | None:
        """The text of `quote`."""
        quote = self.quote(fact)
        return quote.text if quote else None


class Comparison(Filed):
    """Two things said or done, side by side, with a verdict."""

    title: Text
    """Headline of the comparison."""
    summary: Text
    """One sentence for lists."""
    left: Side
    """What came first (usually the promise)."""
    right: Side
    """What it is compared with: words, or what was done."""
    verdict: Verdict
    """The id of one of the site's verdicts (site.yaml's `scales`)."""
    rationale: Annotated[Text, Markdown()]
    """Why the verdict, in Markdown."""
    highlight: Annotated[list[Text], Field(max_length=limits.HIGHLIGHTS)] = []
    """Phrases to highlight in both quotes, beyond the shared terms found automatically."""
    tags: list[Slug] = []
    """Topics."""
    draft: Flag = False
    """Left out of the published site unless built with --drafts."""
    updates: list[Update] = []
    """Public corrections and updates log."""

    def label(self) -> str:
        return self.title

    def is_draft(self) -> bool:
        return self.draft

    def side(self, name: str) -> Side:
        """The `left` or the `right` side."""
        return self.left if name == "left" else self.right


class Site(Strict):
    """site.yaml: settings for the whole site."""

    title: Text
    """Site name."""
    tagline: Text
    """One line under the name."""
    base_url: Url
    """Address the site is published at, may include a sub-path."""
    language: Language
    """BCP 47 language tag, e.g. en-GB."""
    publisher: Text
    """Who publishes the site."""
    licence: Text
    """Licence of the content, e.g. CC BY 4.0."""
    scales: Scales = Scales()
    """The verdicts and pledge statuses the site rates by, in order; left out, the default scales."""
