"""The content model: one declared, documented field per line for every kind of file an author writes.

The docstring under each field is its documentation: it appears in the JSON Schemas that editors use.
References to other files are bare ids marked with `Ref(kinds)`; the link stage resolves them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from . import limits
from .dates import Edtf
from .values import Amount, Currency, Date, Flag, Id, Slug, Text, Url


@dataclass(frozen=True)
class Ref:
    """Marks a field as holding ids of other files, of one of `kinds`."""

    kinds: tuple[str, ...]
    quote_bearing: bool = False


@dataclass(frozen=True)
class Markdown:
    """Marks a text field as Markdown; `embeds`: it may also hold embed lines and `[@id]` citations."""

    embeds: bool = True


EntityType = Literal["company", "person", "government", "police", "court", "media", "ngo", "organisation"]
SourceType = Literal["news", "primary-document", "court-record", "letter", "press-release", "contract-notice", "report"]
PledgeStatus = Literal["not-yet-rated", "in-the-works", "stalled", "kept", "compromise", "broken"]
Verdict = Literal["contradicts", "in-tension", "consistent", "unclear"]
FACT_KINDS = ("pledges", "statements", "contracts", "rulings", "events")


class Strict(BaseModel):
    """Unknown fields are errors; models never change after validation."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Filed(Strict):
    """A file of the content folder: what every stage may ask of any record, whatever its kind."""

    def label(self) -> str:
        """What the record is called in links and lists."""
        raise NotImplementedError

    def when(self) -> Edtf | None:
        """The date the record is placed at in reading order, if it has one."""
        return None

    def is_draft(self) -> bool:
        """Whether the record stays out of the published site (kinds that cannot be drafts never do)."""
        return False


class Source(Filed):
    """A cited document."""

    title: Text
    """Headline or title of the document, as published."""
    publisher: Text
    """Who published it (a newspaper, a court, a government department)."""
    url: Url
    """Where readers can find it; http or https only."""
    type: SourceType
    """What kind of document it is."""
    published: Date | None = None
    """When it was published, at the precision known."""
    archived_url: Url | None = None
    """A permanent archived copy, for when the original moves or disappears."""
    accessed: Date | None = None
    """When the author last checked the original."""
    author: str | None = None
    """Byline, when there is one."""

    def label(self) -> str:
        return self.title

    def when(self) -> Edtf | None:
        return self.published


def _cite_tag(value: object) -> str:
    return "|id" if isinstance(value, str) else "|inline"


Cite = Annotated[
    Annotated[Id, Tag("|id")] | Annotated[Source, Tag("|inline")],
    Discriminator(_cite_tag),
]
Sources = Annotated[list[Cite], Field(min_length=1), Ref(("sources",))]
OptionalSource = Annotated[Id | None, Ref(("sources",))]


class Update(Strict):
    """One entry of a public corrections log."""

    date: Date
    """When the change was made."""
    note: Text
    """What changed and why, for readers."""


class Reply(Strict):
    """A right of reply: who was asked for comment, when, and what they said, verbatim."""

    party: Annotated[Id, Ref(("entities",))]
    """Entity that was asked."""
    asked: Date
    """When they were asked."""
    asked_by: Annotated[list[Id], Ref(("entities",))] = []
    """Who asked, when it was other reporters (e.g. the outlets that broke the story); empty means this site."""
    replied: Flag
    """False records that they did not respond."""
    reply: str | None = None
    """Their reply, word for word; required when replied is true."""
    source: OptionalSource = None
    """Where the reply was published, if elsewhere."""


class Excerpt(Strict):
    """A verbatim passage from a document, with where in it the passage stands."""

    text: Text
    """The passage, word for word."""
    at: str | None = None
    """Locator in the document: "[91]" for a paragraph, "stage five", "p. 12"."""
    source: OptionalSource = None
    """The source the passage is taken from, when the fact cites several."""


class Membership(Strict):
    """A person's place in an organisation."""

    entity: Annotated[Id, Ref(("entities",))]
    """The organisation."""
    role: Text
    """Their role there, e.g. "Chief executive"."""


class Entity(Filed):
    """An organisation, person, government body, court, media outlet or NGO."""

    name: Text
    """Name as readers know it."""
    type: EntityType
    """What sort of entity this is."""
    member_of: list[Membership] = []
    """For people: the organisations they belong to, with their role."""
    aliases: list[Text] = []
    """Other names it goes by."""
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


class Dated(Filed):
    """Fields common to every dated fact and story."""

    title: Text
    """Headline of the fact."""
    date: Date
    """When it happened, only as precisely as is known."""
    summary: Text
    """One or two sentences for lists and timelines."""
    body: Annotated[str, Markdown()] = ""
    """Longer explanation, in Markdown."""
    tags: list[Slug] = []
    """Topics, lowercase-with-hyphens; each gets a timeline page."""
    draft: Flag = False
    """Left out of the published site unless built with --drafts."""
    updates: list[Update] = []
    """Public corrections and updates log."""
    replies: list[Reply] = []
    """Right of reply records."""

    def label(self) -> str:
        return self.title

    def when(self) -> Edtf | None:
        return self.date

    def is_draft(self) -> bool:
        return self.draft


class Fact(Dated):
    """A dated fact: it must cite at least one source."""

    sources: Sources
    """Source ids, or inline sources with the same fields as a file in sources/."""
    excerpts: list[Excerpt] = []
    """Verbatim passages from the sources that comparisons can quote."""

    def actor_ids(self) -> tuple[str, ...]:
        """The entities the fact names as acting in it, in field order, without repeats."""
        return ()

    def spoken(self) -> str | None:
        """The fact's own words on record, verbatim, if it has any."""
        return None

    def span(self) -> tuple[Edtf, Edtf | None]:
        """When the fact starts and, for a period (a contract's term, an event's end), when it ends."""
        return self.date, None


class Said(Fact):
    """Something said on the record, word for word."""

    by: Annotated[Id, Ref(("entities",))]
    """Who made it (an entity id)."""
    speaker: Annotated[Id | None, Ref(("entities",))] = None
    """The person who said it on the entity's behalf, if known."""
    quote: Text
    """The words, verbatim."""
    context: Text
    """Where and how it was said: a letter, an event, an interview."""
    covers: list[Text] = []
    """What it is about: technologies, customers, uses."""

    def actor_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i for i in (self.by, self.speaker) if i))

    def spoken(self) -> str | None:
        return self.quote


class StatusChange(Strict):
    """A dated, sourced change of a pledge's status."""

    date: Date
    """When the status changed."""
    status: PledgeStatus
    """The new status."""
    reason: Text
    """Why, in a sentence."""
    sources: Sources
    """What the change is based on."""


class Pledge(Said):
    """A public commitment."""

    status: PledgeStatus = "not-yet-rated"
    """Current status on the fixed scale."""
    status_history: list[StatusChange] = []
    """Every change of status, oldest first."""


class Statement(Said):
    """Anything else said on the record."""


class Conversion(Strict):
    """An amount in another currency, exactly as a source reported it (never computed)."""

    amount: Amount
    """The reported amount."""
    currency: Currency
    """ISO 4217 code."""
    source: OptionalSource = None
    """Source that reported the conversion."""


class Money(Strict):
    """An amount of money in its own currency."""

    amount: Amount
    """The amount, in full (54700000, not 54.7)."""
    currency: Currency
    """ISO 4217 code, e.g. GBP."""
    reported_as: list[Conversion] = []
    """Conversions as reported by sources."""


class Contract(Fact):
    """A contract awarded; `date` is the award date."""

    buyer: Annotated[Id, Ref(("entities",))]
    """Entity that awarded the contract."""
    suppliers: Annotated[list[Id], Field(min_length=1), Ref(("entities",))]
    """Entities that won it."""
    start: Date | None = None
    """When the work starts."""
    end: Date | None = None
    """When the contract ends."""
    term: str | None = None
    """Length and options as written, e.g. "five years, with an option to extend by three"."""
    value: Money | None = None
    """Total value."""
    covers: list[Text] = []
    """What the contract covers."""
    reference: str | None = None
    """Official reference or notice number."""

    def actor_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.buyer, *self.suppliers)))

    def span(self) -> tuple[Edtf, Edtf | None]:
        return self.start or self.date, self.end


class Party(Strict):
    """A party to a case."""

    entity: Annotated[Id, Ref(("entities",))]
    """The party."""
    role: Text
    """Their role: claimant, appellant, respondent, intervener."""


class Ruling(Fact):
    """A court ruling; `excerpts` hold key passages with paragraph numbers in `at`."""

    court: Annotated[Id, Ref(("entities",))]
    """The court (an entity of type court)."""
    case_name: Text
    """Case name, e.g. "R (Bridges) v Chief Constable of South Wales Police"."""
    citation: Text
    """Neutral citation, e.g. "[2020] EWCA Civ 1058"."""
    outcome: Text
    """What the court decided, in a sentence."""
    parties: list[Party] = []
    """Parties and their roles."""
    judges: list[Text] = []
    """Judges who sat."""
    appeal_of: Annotated[Id | None, Ref(("rulings",))] = None
    """The ruling this one decided an appeal from."""

    def actor_ids(self) -> tuple[str, ...]:
        return (self.court,)


class Event(Fact):
    """Something that happened: a moratorium announced, a policy changed."""

    actors: Annotated[list[Id], Field(min_length=1), Ref(("entities",))]
    """Who acted."""
    end: Date | None = None
    """End of a period, e.g. when a moratorium lapsed."""
    quote: str | None = None
    """A verbatim announcement, if there is one."""

    def actor_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.actors))

    def spoken(self) -> str | None:
        return self.quote

    def span(self) -> tuple[Edtf, Edtf | None]:
        return self.date, self.end


class Side(Strict):
    """One side of a comparison: a fact's quote, or one of its excerpts."""

    fact: Annotated[Id, Ref(FACT_KINDS, quote_bearing=True)]
    """Id of a pledge, statement, contract, ruling or event."""
    excerpt: Annotated[int, Field(ge=1, le=limits.EXCERPT_NUMBER, strict=True)] | None = None
    """Number of the fact's excerpt to show (1 for the first); leave out to show its quote."""


class Comparison(Filed):
    """Two things said or done, side by side, with a verdict."""

    title: Text
    """Headline of the comparison."""
    summary: Text
    """One sentence for lists."""
    left: Side
    """What was said first (usually the promise)."""
    right: Side
    """What it is compared with."""
    verdict: Verdict
    """contradicts, in-tension, consistent or unclear."""
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


class Story(Dated):
    """An explainer article: front matter fields; the Markdown after it is the body."""

    summary: Text
    """Standfirst shown under the title."""
    authors: Annotated[list[Text], Field(min_length=1)]
    """Byline names."""
    updated: Date | None = None
    """When the story was last substantially updated."""


class Site(Strict):
    """site.yaml: settings for the whole site."""

    title: Text
    """Site name."""
    tagline: Text
    """One line under the name."""
    base_url: Url
    """Address the site is published at, may include a sub-path."""
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]
    """BCP 47 language tag, e.g. en-GB."""
    publisher: Text
    """Who publishes the site."""
    licence: Text
    """Licence of the content, e.g. CC BY 4.0."""


@functools.cache
def markdown_fields(cls: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """(name, may it hold embeds and citations) of each field of a model declared `Markdown`."""
    return tuple(
        (name, marker.embeds)
        for name, info in cls.model_fields.items()
        for marker in info.metadata
        if isinstance(marker, Markdown)
    )


def markdown_texts(model: BaseModel) -> Iterator[tuple[str, str, bool]]:
    """(field, text, may it hold embeds and citations) of each Markdown field of a record."""
    for name, embeds in markdown_fields(type(model)):
        text = getattr(model, name)  # a field declared Markdown: always text
        yield name, str(text), embeds


MODELS: dict[str, type[Strict]] = {
    "entities": Entity,
    "sources": Source,
    "pledges": Pledge,
    "statements": Statement,
    "contracts": Contract,
    "rulings": Ruling,
    "events": Event,
    "comparisons": Comparison,
    "stories": Story,
    "site": Site,
}
