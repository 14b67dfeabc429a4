"""The words readers see for the values of the model's fixed vocabularies: a source's type, a status,
an entity's type. Each is declared here with `N_()` so the catalogue holds it, and shown with `_()`.
"""

from __future__ import annotations

from ..translation import N_, _

SOURCE_TYPES = {
    "news": N_("News report"),
    "primary-document": N_("Primary document"),
    "court-record": N_("Court record"),
    "letter": N_("Letter"),
    "press-release": N_("Press release"),
    "contract-notice": N_("Contract notice"),
    "report": N_("Report"),
}
"""What each type of source is called (`_()` where shown)."""
VOCABULARY_WORDS = (
    # Verification
    N_("Confirmed"),
    N_("Unverified"),
    N_("Alleged"),
    N_("Disputed"),
    # EntityType ("ngo" is written NGO)
    N_("Company"),
    N_("Person"),
    N_("Government"),
    N_("Local government"),
    N_("Legislature"),
    N_("Regulator"),
    N_("Police"),
    N_("Court"),
    N_("Tribunal"),
    N_("Media"),
    N_("NGO"),
    N_("Organisation"),
    N_("Product"),
    N_("Group"),
    # LawType
    N_("Statute"),
    N_("Ordinance"),
    N_("Regulation"),
    N_("Ballot measure"),
    N_("Executive order"),
    N_("Company policy"),
    N_("Other"),
    # LawStatus
    N_("Proposed"),
    N_("Adopted"),
    N_("In force"),
    N_("Amended"),
    N_("Repealed"),
    N_("Struck down"),
    N_("Rejected"),
    N_("Withdrawn"),
    # CaseStatus
    N_("Filed"),
    N_("Pending"),
    N_("Dismissed"),
    N_("Settled"),
    N_("Decided"),
    N_("On appeal"),
    # ActionType
    N_("Fine"),
    N_("Order"),
    N_("Ban"),
    N_("Warning"),
    N_("Reprimand"),
    N_("Suspension"),
    # ActionStatus
    N_("Announced"),
    N_("Under appeal"),
    N_("Upheld"),
    N_("Reduced"),
    N_("Overturned"),
    N_("Final"),
    # Liability
    N_("Admitted"),
    N_("Not admitted"),
    N_("Denied"),
)
"""The words of every value of the model's fixed vocabularies that `words_label` shows ("in-force" is
"In force"), declared so the catalogue holds them: a value added to a vocabulary adds its words here."""


def words_label(value: str) -> str:
    """A word of a fixed vocabulary as words, in the language spoken: 'in-force' -> 'In force' (its words
    are declared in VOCABULARY_WORDS)."""
    return _(value.replace("-", " ").capitalize())
