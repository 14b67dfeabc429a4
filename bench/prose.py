"""Synthetic newsroom text and dates for the benchmark corpus, drawn from one seeded random source.

Text varies the way real files do: one-line summaries, verbatim quotes with typographic marks,
Markdown bodies from a sentence to many paragraphs, and dates at honest, mixed precision.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

FIRST_DAY, DAYS = date(2012, 1, 1), 13 * 365
PLACES = (
    "Northmoor",
    "Ashford",
    "Kellan",
    "Brightwater",
    "Castlereagh",
    "Dunmore",
    "Eastleigh",
    "Fenwick",
    "Glenrock",
    "Harrowgate",
    "Inverlay",
    "Larchmont",
    "Marlow",
    "Penhallow",
)
COMPANY_WORDS = (
    "Meridian",
    "Halcyon",
    "Corvid",
    "Kestrel",
    "Lumen",
    "Tessellate",
    "Granite",
    "Osprey",
    "Vantage",
    "Quillon",
    "Sablecrest",
    "Orrery",
    "Nimbus",
    "Aldergate",
)
COMPANY_SUFFIXES = ("Systems", "Analytics", "Group", "Technologies", "Holdings", "Labs", "Solutions")
FIRST_NAMES = (
    "Amara",
    "Ben",
    "Chloé",
    "Dev",
    "Eilidh",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonah",
    "Kemi",
    "Luis",
    "Maeve",
    "Noor",
    "Owen",
    "Priya",
    "Rafael",
    "Siobhán",
    "Tomasz",
    "Yara",
)
SURNAMES = (
    "Adeyemi",
    "Brennan",
    "Castillo",
    "Dubois",
    "Evans",
    "Fitzgerald",
    "Gallagher",
    "Haddad",
    "Iyer",
    "Jansen",
    "Kowalski",
    "Lindqvist",
    "MacLeod",
    "Nakamura",
    "O’Connor",
    "Petrov",
)
SUBJECTS = (
    "The company",
    "Ministers",
    "The regulator",
    "A spokesperson",
    "The council",
    "Campaigners",
    "The force",
    "Officials",
    "The supplier",
    "Auditors",
    "The committee",
    "Its chief executive",
)
VERBS = (
    "announced",
    "confirmed",
    "denied",
    "extended",
    "reviewed",
    "suspended",
    "expanded",
    "questioned",
    "published",
    "withdrew",
    "renewed",
    "signed",
    "defended",
    "paused",
    "disclosed",
)
ADJECTIVES = (
    "general-purpose",
    "independent",
    "national",
    "existing",
    "controversial",
    "limited",
    "interim",
    "one-to-many",
    "live",
    "retrospective",
    "biometric",
    "automated",
)
NOUNS = (
    "facial recognition programme",
    "contract",
    "pledge",
    "matching service",
    "camera network",
    "procurement",
    "audit",
    "moratorium",
    "database",
    "policy",
    "framework agreement",
    "pilot",
    "licence",
    "watch list",
    "oversight board",
    "data-sharing agreement",
)
TAILS = (
    "after months of pressure",
    "in a letter to the committee",
    "without public consultation",
    "for another year",
    "across three regions",
    "despite earlier assurances",
    "following the ruling",
    "at the annual conference",
    "in its quarterly filing",
    "under the new framework",
    "with immediate effect",
    "pending a review",
    "worth £4.5 million",
    "in a 40-page report",
)
QUOTE_OPENERS = (
    "We will not",
    "We remain committed to",
    "We do not",
    "We have always sought to",
    "Our customers expect us to",
    "We will continue to",
    "We firmly oppose plans to",
    "We’re proud to",
    "Nobody should",
    "The department will",
)
QUOTE_VERBS = ("offer", "sell", "deploy", "support", "develop", "fund", "operate", "license")
USES = (
    "mass surveillance",
    "racial profiling",
    "border control",
    "policing protests",
    "identity checks",
    "“watch list” matching",
    "retail security",
    "public transport",
)
HOSTS = (
    "news.example.org",
    "www.example.com",
    "records.example.net",
    "courts.example.org",
    "archive.example.org",
    "press.example.com",
)


class Writer:
    """Draws text and dates; every draw comes from `rng`, so a seed fixes every word."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self) -> str:
        rng = self.rng
        return (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} the {rng.choice(ADJECTIVES)} "
            f"{rng.choice(NOUNS)} {rng.choice(TAILS)}."
        )

    def headline(self) -> str:
        rng = self.rng
        return f"{rng.choice(COMPANY_WORDS)} {rng.choice(VERBS)} {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"

    def quote(self) -> str:
        """One to four sentences said on the record, with curly quotes and apostrophes."""
        rng = self.rng
        said = [
            f"{rng.choice(QUOTE_OPENERS)} {rng.choice(QUOTE_VERBS)} {rng.choice(ADJECTIVES)} "
            f"{rng.choice(NOUNS)} for {rng.choice(USES)}."
            for _ in range(rng.choice((1, 1, 2, 4)))
        ]
        return " ".join(said)

    def passage(self) -> str:
        """Plain sentences, as in a verbatim excerpt or a short profile."""
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 5)))

    def prose(self, paragraphs: int, cite: Callable[[], str] | None = None) -> str:
        """Markdown paragraphs of varied shape; `cite` gives a source id to cite at each paragraph's end."""
        return "\n\n".join(self._paragraph(cite) for _ in range(paragraphs))

    def _paragraph(self, cite: Callable[[], str] | None) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.12:
            return "\n".join(f"- {self.sentence()}" for _ in range(rng.randint(2, 5)))
        if roll < 0.2:
            return f"> {self.quote()}"
        sentences = [self.sentence() for _ in range(rng.randint(1, 6))]
        if roll < 0.4:
            sentences[0] = f"**{sentences[0][:-1]}**."
        if roll > 0.85:
            sentences.append(f"The [full text]({self.url()}) runs to *{rng.randint(3, 90)} pages*.")
        if cite:
            sentences.append(f"[@{cite()}]")
        return " ".join(sentences)

    def url(self) -> str:
        words = "-".join(self.rng.choice(NOUNS).split())
        return f"https://{self.rng.choice(HOSTS)}/{self.rng.randint(2012, 2025)}/{words}-{self.rng.randrange(10**6)}"

    def day(self) -> date:
        return FIRST_DAY + timedelta(days=self.rng.randrange(DAYS))

    def later(self, when: date) -> str:
        """An exact day some weeks to years after `when`."""
        return (when + timedelta(days=self.rng.randint(20, 900))).isoformat()

    def date(self, when: date | None = None, ranges: bool = True) -> str | int:
        """Mostly exact days; some months, years, approximate, uncertain and (when allowed) ranges."""
        when = when or self.day()
        roll = self.rng.random() if ranges else self.rng.random() * 0.9
        forms: tuple[tuple[float, Callable[[], Any]], ...] = (
            (0.60, lambda: when.isoformat()),
            (0.74, lambda: f"{when:%Y-%m}"),
            (0.78, lambda: str(when.year)),
            (0.80, lambda: when.year),
            (0.85, lambda: f"{when:%Y-%m}~"),
            (0.90, lambda: f"{when.year}?"),
            (0.96, lambda: f"{when.isoformat()}/{when + timedelta(days=self.rng.randint(40, 700)):%Y-%m}"),
            (1.01, lambda: f"{when:%Y-%m}/.."),
        )
        return next(make() for limit, make in forms if roll < limit)
