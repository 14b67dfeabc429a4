"""What every kind's model is made of: the markers fields declare themselves with, the base classes, the
vocabularies, and the parts many kinds share (sources, corrections, replies, excerpts, parties, money).

A field says what it holds by its markers, and every stage reads the markers rather than knowing the
kinds: `Ref` (ids of other files), `Role` (the part an entity plays in a fact), `Detail` (a particular
a fact's page lists), `Markdown` (text rendered as Markdown) and `Prompted` (written into new files).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, WithJsonSchema

from .. import translation
from ..dates import Edtf
from ..translation import _
from ..values import Amount, Currency, Date, Flag, Id, Text, Url
from .fieldhelp import add_field_help


@dataclass(frozen=True)
class Ref:
    """Marks a field as holding ids of other files: of the kinds named, and (`facts`) of any fact kind."""

    kinds: tuple[str, ...] = ()
    facts: bool = False
    """Any kind whose model is a fact, those added later included."""
    quote_bearing: bool = False
    """A comparison side: the fact must have words to show when the side shows them."""


@dataclass(frozen=True)
class Role:
    """Marks a field naming entities (or facts) as a part they play in the fact, shown in a row of its page."""

    role: str
    """The part, in words readers see on scorecards: "author", "buyer", "regulator"."""
    label: str
    """The heading of the row of links on the fact's page: "By", "Buyer", "Regulator"."""
    owner: bool = False
    """Who the fact belongs to (who said it, bought, ruled, acted): at most one field a kind."""
    on_cards: bool = True
    """Whether cards, timeline entries and deeds name them too (a ruling's judges are not)."""
    entity: bool = True
    """False for a fact named in a role (the ruling a ruling decided an appeal from)."""
    own: bool = True
    """Whether the fact is the entity's own words or deed, which its scorecard counts; an outlet that
    reported someone's words has only passed them on."""


@dataclass(frozen=True)
class Detail:
    """Marks a field as a particular the fact's page lists under `label`; `key`: a deed side shows it too."""

    label: str
    key: bool = False
    document: bool = False
    """How the fact's document is cited (a neutral citation, a notice or docket number): an excerpt's
    place reads "[2020] EWCA Civ 1058, [91]"."""


@dataclass(frozen=True)
class Markdown:
    """Marks a text field as Markdown; `embeds`: it may also hold embed lines and `[@id]` citations."""

    embeds: bool = True


@dataclass(frozen=True)
class Prompted:
    """Marks an optional field that `site.py new` writes anyway: the file needs it or the one it stands
    instead of (a statement's `quote`, unless the author writes a `paraphrase`)."""


ENTITY = Ref(("entities",))
"""The marker of a field holding ids of entities."""


EntityType = Literal[
    "company",
    "person",
    "government",
    "local-government",
    "legislature",
    "regulator",
    "police",
    "court",
    "tribunal",
    "media",
    "ngo",
    "organisation",
    "product",
    "group",
]
SourceType = Literal["news", "primary-document", "court-record", "letter", "press-release", "contract-notice", "report"]
Verification = Literal["confirmed", "unverified", "alleged", "disputed"]
MoneyRole = Literal[
    "contract-value",
    "penalty",
    "settlement",
    "damages",
    "award",
    "grant",
    "budget",
    "spending",
    "other",
]
ShownAs = Literal["quote", "deed"]


def _schema_extra(schema: dict[str, Any], model: type[Strict]) -> None:
    """What a model's JSON Schema says beyond pydantic's: each field's help, and which fields are alternatives."""
    add_field_help(schema, model)
    choices = [{"oneOf": [{"required": [field]}, {"required": [other]}]} for field, other, _ in model.alternatives]
    if choices:
        schema["allOf"] = choices


class Strict(BaseModel):
    """Unknown fields are errors; models never change after validation."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_schema_extra)
    alternatives: ClassVar[tuple[tuple[str, str, str], ...]] = ()
    """(field, other field, what they hold): pairs of which a file gives exactly one."""


class Filed(Strict):
    """A file of the content folder: what every stage may ask of any record, whatever its kind."""

    previous_ids: tuple[Id, ...] = ()
    """Ids the file had before it was renamed: each old address sends readers on to its page."""

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
    title_supplied: Flag = False
    """True when the title is a description written for this site, not the one published: shown in
    [square brackets]."""
    publisher: Text
    """Who published it (a newspaper, a court, a government department)."""
    original_publisher: Text | None = None
    """Who first published it, when this is a syndicated or reproduced copy (a wire story, a reprint)."""
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
        return f"[{self.title}]" if self.title_supplied else self.title

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


class Membership(Strict):
    """A person's place in an organisation."""

    entity: Annotated[Id, Ref(("entities",))]
    """The organisation."""
    role: Text
    """Their role there, e.g. "Chief executive"."""


class Mentioned(Strict):
    """An item of a list that names an entity, perhaps with words about its part (a party, a judge)."""

    def mention(self) -> tuple[str | None, str]:
        """(the entity's id, or None when only a name is known; the words shown with it, or instead of it)."""
        raise NotImplementedError


class Party(Mentioned):
    """A party to a case, a settlement or a complaint."""

    entity: Annotated[Id, Ref(("entities",))]
    """The party."""
    role: Text
    """Their part: claimant, appellant, respondent, defendant, intervener, complainant."""

    def mention(self) -> tuple[str | None, str]:
        return self.entity, self.role


def _name_alone(value: object) -> object:
    return {"name": value} if isinstance(value, str) else value


class Judge(Mentioned):
    """A judge who sat: a name, or an entity (a page of their own) with the name the case gives."""

    name: Text | None = None
    """The judge's name as the case gives it, e.g. "Singh LJ"."""
    entity: Annotated[Id | None, Ref(("entities",))] = None
    """The judge as an entity, so their page lists the rulings they sat on."""

    def mention(self) -> tuple[str | None, str]:
        return self.entity, self.name or ""


JudgeItem = Annotated[
    Judge,
    BeforeValidator(_name_alone),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1, "description": "The judge's name as the case gives it."},
                {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "entity": {"type": "string"}},
                    "additionalProperties": False,
                },
            ]
        }
    ),
]
"""A judge written as a name alone (`- Singh LJ`) or as `{name: ..., entity: ...}`."""
Judges = list[JudgeItem]


class Conversion(Strict):
    """An amount in another currency, exactly as a source reported it (never computed)."""

    amount: Amount
    """The reported amount."""
    currency: Currency
    """ISO 4217 code."""
    source: OptionalSource = None
    """Source that reported the conversion."""


class Money(Strict):
    """An amount of money in its own currency, with what it is: a contract's value, a penalty, a settlement."""

    role: MoneyRole
    """What the amount is: contract-value, penalty, settlement, damages, award, grant, budget, spending, other."""
    amount: Amount
    """The amount, in full (54700000, not 54.7)."""
    currency: Currency
    """ISO 4217 code, e.g. GBP; historic codes (DEM, HRK) too."""
    reported_as: list[Conversion] = []
    """Conversions as reported by sources."""
    source: OptionalSource = None
    """The source that gives the amount, when the fact cites several."""


class Votes(Strict):
    """How a vote went, as recorded."""

    in_favour: Annotated[int, Field(ge=0, strict=True)]
    """Votes for."""
    against: Annotated[int, Field(ge=0, strict=True)]
    """Votes against."""
    abstaining: Annotated[int, Field(ge=0, strict=True)] = 0
    """Abstentions, where recorded."""

    def __str__(self) -> str:
        """The tally in the language spoken: "12 for, 3 against, 1 abstaining"."""
        tally = {"in_favour": _count(self.in_favour), "against": _count(self.against)}
        if not self.abstaining:
            return _("%(in_favour)s for, %(against)s against", **tally)
        return translation.ngettext(
            "%(in_favour)s for, %(against)s against, %(count)s abstaining",
            "%(in_favour)s for, %(against)s against, %(count)s abstaining",
            self.abstaining,
        ) % {**tally, "count": _count(self.abstaining)}


def _count(votes: int) -> str:
    """A number of votes as the language spoken writes it; English as written (12000)."""
    return translation.number(votes) if translation.catalogue_language(translation.speaking()) else str(votes)


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


@dataclass(frozen=True)
class Mention:
    """An entity (or fact) a record names in a role, or a name alone, with the words about its part."""

    field: str
    role: Role
    target: str | None
    note: str


@functools.cache
def _role_fields(cls: type[BaseModel]) -> tuple[tuple[str, Role | None], ...]:
    """The fields declared with a Role, and (with None) those holding parts that name entities in roles
    of their own (a quote's speakers), in declaration order."""
    found: list[tuple[str, Role | None]] = []
    for name, info in cls.model_fields.items():
        role = next((marker for marker in info.metadata if isinstance(marker, Role)), None)
        if role is not None or any(_role_fields(inner) for inner in _parts_in(info.annotation)):
            found.append((name, role))
    return tuple(found)


def _parts_in(annotation: object) -> Iterator[type[BaseModel]]:
    """Model classes an annotation may hold, in lists, unions and Annotated; a Mentioned item is named by
    the role of the field that holds it."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and not issubclass(annotation, Mentioned):
        yield annotation
    for inner in get_args(annotation):
        yield from _parts_in(inner)


def mentions(model: BaseModel) -> Iterator[Mention]:
    """Everyone a record names in a role, in the order its fields are declared, its parts' included."""
    for name, role in _role_fields(type(model)):
        value = getattr(model, name)  # ids, items that name entities, or parts with roles of their own
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel) and not isinstance(item, Mentioned):
                yield from mentions(item)
            elif role is None:
                continue
            elif isinstance(item, str):
                yield Mention(name, role, item, "")
            elif isinstance(item, Mentioned):
                yield Mention(name, role, *item.mention())


@dataclass(frozen=True)
class Particular:
    """A particular of a fact as its page lists it: its label, its value, and whether a deed side shows it."""

    label: str
    value: object
    key: bool
    choice: bool
    """A value from a fixed vocabulary (shown as words: "in-force" as "In force")."""
    document: bool


@functools.cache
def _detail_fields(cls: type[BaseModel]) -> tuple[tuple[str, Detail, bool], ...]:
    return tuple(
        (name, marker, _is_choice(info.annotation))
        for name, info in cls.model_fields.items()
        for marker in info.metadata
        if isinstance(marker, Detail)
    )


def _is_choice(annotation: object) -> bool:
    if get_origin(annotation) is Literal:
        return True
    return any(_is_choice(inner) for inner in get_args(annotation))


def particulars(model: BaseModel) -> Iterator[Particular]:
    """The particulars a record declares, in field order, those without a value left out."""
    for name, detail, choice in _detail_fields(type(model)):
        value = getattr(model, name)  # a field declared with a Detail
        if value not in (None, "", []):
            yield Particular(detail.label, value, detail.key, choice, detail.document)
