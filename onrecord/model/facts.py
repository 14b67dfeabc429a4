"""Dated records: the facts (what was said and what was done) and the stories that explain them.

Every fact cites its sources and may carry verbatim excerpts, amounts of money, a verification status
and an `after` reference that orders it after a fact of the same date. Each kind adds its own fields,
marked with the part its entities play (`Role`) and the particulars its page lists (`Detail`).
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from ..dates import Edtf, Known
from ..translation import N_, _
from ..values import Date, Flag, Id, RecordDate, Slug, Text
from ..yaml_reader import KeyPath
from .base import (
    ENTITY,
    Detail,
    Filed,
    Judges,
    Markdown,
    Money,
    Party,
    Prompted,
    Ref,
    Reply,
    Role,
    Sources,
    Strict,
    Update,
    Verification,
    Votes,
    mentions,
)
from .quotes import Quote, QuoteItem
from .scales import PLEDGE_STATUSES, PledgeStatus, Standing

LawType = Literal[
    "statute",
    "ordinance",
    "regulation",
    "ballot-measure",
    "executive-order",
    "company-policy",
    "other",
]
LawStatus = Literal["proposed", "adopted", "in-force", "amended", "repealed", "struck-down", "rejected", "withdrawn"]
CaseStatus = Literal["filed", "pending", "dismissed", "settled", "decided", "withdrawn", "on-appeal"]
ActionType = Literal["fine", "order", "ban", "warning", "reprimand", "suspension", "other"]
ActionStatus = Literal["announced", "under-appeal", "upheld", "reduced", "overturned", "final", "withdrawn"]
Liability = Literal["admitted", "not-admitted", "denied"]


class Dated(Filed):
    """Fields common to every dated fact and story."""

    title: Text
    """Headline of the fact."""
    date: RecordDate
    """When it happened, only as precisely as is known (XXXX when not known at all)."""
    summary: Text
    """One or two sentences for lists and timelines."""
    body: Annotated[str, Markdown()] = ""
    """Longer explanation, in Markdown."""
    image: Annotated[Id | None, Ref(("images",))] = None
    """Id of an image in images/ shown at the top of the page and on its share card."""
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


class Stage(Strict):
    """A dated step in a fact's standing: a pledge's status, a law's stage."""

    date: Date
    """When it changed."""
    sources: Sources
    """What the change is based on."""
    comparisons: Annotated[list[Id], Ref(("comparisons",))] = []
    """Comparisons the change rests on, with the fact on either side of them."""

    def standing(self) -> Standing:
        """The status it changed to."""
        raise NotImplementedError

    def explanation(self) -> str:
        """Why, or what happened, in a sentence ('' when nothing is said)."""
        return ""


class Fact(Dated):
    """A dated fact: it must cite at least one source."""

    sources: Sources
    """Source ids, or inline sources with the same fields as a file in sources/."""
    excerpts: list[Quote] = []
    """Verbatim passages from the sources that comparisons can quote, each with where it comes from."""
    amounts: list[Money] = []
    """Amounts of money the fact involves, each with what it is (a contract's value, a penalty...)."""
    verification: Verification = "confirmed"
    """confirmed (the default), unverified, alleged or disputed."""
    verification_note: Text | None = None
    """Why it is not confirmed, in a sentence; required unless it is confirmed."""
    after: Annotated[Id | None, Ref(facts=True)] = None
    """A fact of the same or an overlapping date that this one comes after, when the dates cannot tell."""

    def actor_ids(self) -> tuple[str, ...]:
        """The entities cards name for the fact, in field order, without repeats."""
        return tuple(dict.fromkeys(m.target for m in mentions(self) if m.role.entity and m.role.on_cards and m.target))

    def owner(self) -> str | None:
        """The entity the fact belongs to: who said it, bought, ruled or acted."""
        return next((m.target for m in mentions(self) if m.role.owner and m.target), None)

    def quoted(self) -> Quote | None:
        """The fact's own words on record, verbatim, with where they come from, if it has any."""
        return None

    def spoken(self) -> str | None:
        """The fact's own words, if it has any."""
        quote = self.quoted()
        return quote.text if quote else None

    def voices(self) -> tuple[str, ...]:
        """Whose words its quote and passages are when they do not say: the entity the fact belongs to."""
        owner = self.owner()
        return (owner,) if owner else ()

    def words(self) -> list[tuple[KeyPath, Quote]]:
        """Each of its quote and passages, with where it stands in the file."""
        quote = self.quoted()
        found: list[tuple[KeyPath, Quote]] = [(("quote",), quote)] if quote else []
        return found + [(("excerpts", index), excerpt) for index, excerpt in enumerate(self.excerpts)]

    def span(self) -> tuple[Edtf, Known | None]:
        """When the fact starts and, for a period (a contract's term, an event's end), when it ends."""
        return self.date, None

    def standing(self) -> Standing | None:
        """Where the fact stands now, for kinds that keep a status (a pledge's, a law's, a case's)."""
        return None

    stages_field: ClassVar[str] = ""
    """The field that holds `stages()`, for messages that point into it."""

    def stages(self) -> list[Stage]:
        """How it came to stand there, oldest first."""
        return []


class Said(Fact):
    """Something said on the record: word for word, or, when no wording survives, in paraphrase."""

    alternatives = (("quote", "paraphrase", "the words, verbatim; or, when no wording survives, a 'paraphrase'"),)

    by: Annotated[Id, ENTITY, Role(N_("author"), N_("By"), owner=True)]
    """Who made it (an entity id)."""
    speakers: Annotated[list[Id], ENTITY, Role(N_("speaker"), N_("Said by"))] = []
    """The people who said or signed it on the entity's behalf, if known: one or several."""
    co_signers: Annotated[list[Id], ENTITY, Role(N_("co-signer"), N_("Co-signed by"))] = []
    """Others who signed it, for a joint letter or statement."""
    quote: Annotated[QuoteItem | None, Prompted()] = None
    """The words, verbatim; with `text:` and `source:` when the fact cites several sources. Write
    `paraphrase` instead when no wording survives."""
    paraphrase: Text | None = None
    """What was said, in other words, when the verbatim wording is not on record; never shown as a quote."""
    context: Text
    """Where and how it was said: a letter, an event, an interview."""
    covers: Annotated[list[Text], Detail(N_("Covers"))] = []
    """What it is about: technologies, customers, uses."""

    def quoted(self) -> Quote | None:
        return self.quote

    def voices(self) -> tuple[str, ...]:
        return tuple(self.speakers) or (self.by,)


class StatusChange(Stage):
    """A dated, sourced change of a pledge's status."""

    status: PledgeStatus
    """The new status: the id of a status on the site's scale."""
    reason: Text
    """Why, in a sentence."""

    def standing(self) -> Standing:
        return Standing(self.status, PLEDGE_STATUSES.scale)

    def explanation(self) -> str:
        return self.reason


class Pledge(Said):
    """A public commitment."""

    status: Annotated[Slug | None, PLEDGE_STATUSES] = None
    """Current status: the id of a status on the site's scale (site.yaml's `scales`); left out, the scale's
    default (not-yet-rated unless site.yaml says otherwise)."""
    status_history: list[StatusChange] = []
    """Every change of status, oldest first."""
    stages_field = "status_history"

    def standing(self) -> Standing | None:
        return Standing(self.status, PLEDGE_STATUSES.scale)

    def stages(self) -> list[Stage]:
        return list(self.status_history)


class Statement(Said):
    """Anything else said on the record."""


class Contract(Fact):
    """A contract awarded; `date` is the award date."""

    buyer: Annotated[Id, ENTITY, Role(N_("buyer"), N_("Buyer"), owner=True)]
    """Entity that awarded the contract."""
    suppliers: Annotated[list[Id], Field(min_length=1), ENTITY, Role(N_("supplier"), N_("Suppliers"))]
    """Entities that won it."""
    start: Annotated[Date | None, Detail(N_("Starts"))] = None
    """When the work starts."""
    end: Annotated[Date | None, Detail(N_("Ends"))] = None
    """When the contract ends."""
    term: Annotated[str | None, Detail(N_("Term"), key=True)] = None
    """Length and options as written, e.g. "five years, with an option to extend by three"."""
    covers: Annotated[list[Text], Detail(N_("Covers"))] = []
    """What the contract covers."""
    reference: Annotated[str | None, Detail(N_("Reference"), document=True)] = None
    """Official reference or notice number."""

    def span(self) -> tuple[Edtf, Known | None]:
        return self.start or self.date, self.end


class Ruling(Fact):
    """A court ruling; `excerpts` hold key passages with paragraph numbers in `at`."""

    court: Annotated[Id, ENTITY, Role(N_("court"), N_("Court"), owner=True)]
    """The court (an entity of type court or tribunal)."""
    case_name: Annotated[Text, Detail(N_("Case"), key=True)]
    """Case name, e.g. "R (Bridges) v Chief Constable of South Wales Police"."""
    citation: Annotated[Text, Detail(N_("Citation"), key=True, document=True)]
    """Neutral citation, e.g. "[2020] EWCA Civ 1058"."""
    outcome: Annotated[Text, Detail(N_("Outcome"), key=True)]
    """What the court decided, in a sentence."""
    parties: Annotated[list[Party], Role(N_("party"), N_("Parties"))] = []
    """Parties and their roles."""
    judges: Annotated[Judges, Role(N_("judge"), N_("Judges"), on_cards=False)] = []
    """Judges who sat: names (`- Singh LJ`), or entities with a page (`- entity: id`)."""
    appeal_of: Annotated[
        Id | None, Ref(("rulings",)), Role(N_("appeal"), N_("Appeal from"), on_cards=False, entity=False)
    ] = None
    """The ruling this one decided an appeal from."""


class EnforcementAction(Fact):
    """What a regulator did: a fine, an order, a ban, a warning; penalties go in `amounts`."""

    regulator: Annotated[Id, ENTITY, Role(N_("regulator"), N_("Regulator"), owner=True)]
    """The regulator or authority that acted."""
    targets: Annotated[list[Id], Field(min_length=1), ENTITY, Role(N_("target"), N_("Against"))]
    """Who it acted against."""
    action: Annotated[ActionType, Detail(N_("Action"), key=True)]
    """fine, order, ban, warning, reprimand, suspension or other."""
    grounds: Annotated[list[Text], Detail(N_("Grounds"))] = []
    """What it acted on: the breaches found, the law relied on."""
    reference: Annotated[str | None, Detail(N_("Reference"), key=True, document=True)] = None
    """The regulator's reference or notice number."""
    status: ActionStatus = "announced"
    """announced, under-appeal, upheld, reduced, overturned, final or withdrawn."""

    def standing(self) -> Standing | None:
        return Standing(self.status)


class Settlement(Fact):
    """A dispute settled; `date` is when it was agreed, the money in `amounts`."""

    parties: Annotated[list[Party], Field(min_length=2), Role(N_("party"), N_("Parties"))]
    """Who settled, and their part (plaintiff, defendant, class)."""
    court: Annotated[Id | None, ENTITY, Role(N_("court"), N_("Approved by"))] = None
    """The court that approved it, if one did."""
    approved: Annotated[Date | None, Detail(N_("Approved"), key=True)] = None
    """When a court approved it."""
    docket: Annotated[str | None, Detail(N_("Docket"), key=True, document=True)] = None
    """The case number."""
    claims: Annotated[list[Text], Detail(N_("Claims settled"))] = []
    """The claims it covers."""
    liability: Annotated[Liability | None, Detail(N_("Liability"), key=True)] = None
    """admitted, not-admitted or denied, as the settlement says."""


class Lawsuit(Fact):
    """A case filed in court, or a complaint filed with a regulator; `date` is when it was filed."""

    court: Annotated[Id, ENTITY, Role(N_("court or body"), N_("Filed with"), owner=True)]
    """The court, tribunal or regulator it was filed with."""
    parties: Annotated[list[Party], Field(min_length=1), Role(N_("party"), N_("Parties"))]
    """Who brought it and against whom, with their parts (claimant, defendant, complainant)."""
    docket: Annotated[str | None, Detail(N_("Docket"), key=True, document=True)] = None
    """The case or complaint number."""
    claims: Annotated[list[Text], Detail(N_("Claims"))] = []
    """What it claims."""
    status: CaseStatus = "filed"
    """filed, pending, dismissed, settled, decided, withdrawn or on-appeal."""

    def standing(self) -> Standing | None:
        return Standing(self.status)


class LawStage(Stage):
    """A dated step of a law or policy: proposed, adopted, in force, amended, repealed."""

    status: LawStatus
    """Where it stood from that date."""
    votes: Votes | None = None
    """The vote, where there was one."""
    note: Text | None = None
    """What happened, in a sentence."""

    def standing(self) -> Standing:
        return Standing(self.status)

    def explanation(self) -> str:
        said = self.note or ""
        return _("%(note)s Vote: %(votes)s.", note=said, votes=str(self.votes)).strip() if self.votes else said


class Law(Fact):
    """A law or policy: a statute, an ordinance, a ballot measure, a company policy; `date` is its first stage."""

    type: Annotated[LawType, Detail(N_("Type"), key=True)]
    """statute, ordinance, regulation, ballot-measure, executive-order, company-policy or other."""
    adopted_by: Annotated[Id, ENTITY, Role(N_("adopter"), N_("Adopted by"), owner=True)]
    """The legislature, council, electorate or company that adopted (or proposed) it."""
    jurisdiction: Annotated[Text | None, Detail(N_("Applies to"), key=True)] = None
    """Where or to whom it applies, e.g. "San Francisco" or "IBM's products worldwide"."""
    reference: Annotated[str | None, Detail(N_("Reference"), document=True)] = None
    """Its number or title in the statute book."""
    status: LawStatus = "adopted"
    """Where it stands now: proposed, adopted, in-force, amended, repealed, struck-down, rejected, withdrawn."""
    history: list[LawStage] = []
    """Every stage, oldest first, with votes where there were any."""
    stages_field = "history"

    def standing(self) -> Standing | None:
        return Standing(self.status)

    def stages(self) -> list[Stage]:
        return list(self.history)


class Report(Fact):
    """An investigation or report, and what it found; `date` is when it was published."""

    publishers: Annotated[list[Id], Field(min_length=1), ENTITY, Role(N_("publisher"), N_("Published by"), owner=True)]
    """Who published it: a newspaper, an NGO, a regulator, a committee; several for a joint investigation."""
    authors: Annotated[list[Id], ENTITY, Role(N_("author"), N_("Authors"))] = []
    """Its authors, where they are entities."""
    findings: Annotated[list[Text], Detail(N_("Findings"), key=True)] = []
    """What it found, one finding an item."""


class Event(Fact):
    """Something that happened: a moratorium announced, a product launched, a raid."""

    actors: Annotated[list[Id], Field(min_length=1), ENTITY, Role(N_("actor"), N_("Actors"), owner=True)]
    """Who acted."""
    end: Annotated[Date | None, Detail(N_("Ends"))] = None
    """End of a period, e.g. when a moratorium lapsed."""
    quote: QuoteItem | None = None
    """A verbatim announcement, if there is one, with `speakers`: whose words they are."""

    def quoted(self) -> Quote | None:
        return self.quote

    def voices(self) -> tuple[str, ...]:
        """An event has no one voice: its quote names its speakers, and a passage without them is the
        document's."""
        return ()

    def span(self) -> tuple[Edtf, Known | None]:
        return self.date, self.end


class Story(Dated):
    """An explainer article: front matter fields; the Markdown after it is the body."""

    summary: Text
    """Standfirst shown under the title."""
    authors: Annotated[list[Text], Field(min_length=1)]
    """Byline names."""
    updated: Date | None = None
    """When the story was last substantially updated."""
    toc: bool = False
    """Whether the page lists the story's headings above the text, each linking to its section."""
