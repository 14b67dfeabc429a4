"""A seeded generator of valid synthetic content folders, so build speed is measured on realistic sites.

The mix follows a newsroom's files: a few entities that most facts refer to, many sources, pledges,
statements, contracts with reported conversions, rulings with excerpts and appeals, fines, settlements,
lawsuits, laws with their stages, reports, events and periods, comparisons of quotes and of deeds, and
a few stories that embed and cite the rest. Dates come at honest, mixed precision. Quotes name their
source, and some sources keep a stored text of their document (beyond the N files) holding the words
quoted from it, so checking quotes is measured too. A few images, each a drawn picture beside its
file (also beyond the N files), lead some facts and stand as figures in stories, so sizing pictures is
measured. The same size and seed always give byte-identical files.

    python -m bench.generate OUT N [--seed S]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from .prose import COMPANY_SUFFIXES, COMPANY_WORDS, NOUNS, PLACES, SURNAMES, TAILS, USES, Writer

STORED_SHARE = 0.3
"""Of the sources some fact quotes, those that keep their document's text for the quotes to be checked."""
SHARES = {
    "entities": 0.08,
    "sources": 0.25,
    "pledges": 0.12,
    "statements": 0.14,
    "contracts": 0.10,
    "rulings": 0.06,
    "enforcement-actions": 0.02,
    "settlements": 0.01,
    "lawsuits": 0.02,
    "laws": 0.02,
    "reports": 0.02,
    "comparisons": 0.05,
    "images": 0.01,
}
IMAGE_SHARE = 0.05
"""Of the facts, those led by an image; every story shows one as a figure."""
PICTURE_SIZES = ((1600, 1000), (1200, 900), (2000, 1333), (900, 1200), (640, 480))
"""Width and height of the drawn pictures: photographs' shapes, most wider than the widest size written."""
FACT_KINDS = (
    "pledges",
    "statements",
    "contracts",
    "rulings",
    "enforcement-actions",
    "settlements",
    "lawsuits",
    "laws",
    "reports",
    "events",
)
FILES_PER_STORY = 300
FILES_PER_CASE = 100
MIN_FILES = 100
DRAFT_SHARE = 0.01
DEPARTMENTS = (
    "Home Affairs",
    "Justice",
    "Transport",
    "Health",
    "Digital Services",
    "Borders",
    "the Interior",
    "Public Safety",
)
ROLES = (
    "Chief executive",
    "General counsel",
    "Minister",
    "Chief constable",
    "Head of policy",
    "Spokesperson",
    "Chair",
    "Director of technology",
)
TAGS = (
    "facial-recognition",
    "policing",
    "procurement",
    "biometrics",
    "privacy",
    "human-rights",
    "surveillance",
    "contracts",
    "courts",
    "moratoria",
    "immigration",
    "transparency",
    "ai",
    "data-protection",
    "oversight",
    "lobbying",
    "elections",
    "health-data",
    "borders",
    "retail",
    "cctv",
    "algorithms",
    "public-money",
    "accountability",
    "regulation",
    "export-controls",
    "workers",
    "schools",
    "transport",
    "housing",
)
SOURCE_TYPES = (
    "news",
    "news",
    "news",
    "primary-document",
    "court-record",
    "letter",
    "press-release",
    "contract-notice",
    "report",
)
VERDICTS = ("contradicts", "in-tension", "consistent", "unclear")
STATUSES = ("not-yet-rated", "in-the-works", "stalled", "kept", "compromise", "broken")
CURRENCIES = ("GBP", "GBP", "USD", "USD", "EUR", "CAD", "AUD", "JPY", "CHF")
COURTS = ("EWCA Civ", "EWHC", "UKSC", "CSIH", "NICA")
PARTY_ROLES = ("claimant", "appellant", "respondent", "intervener", "interested party")
ACTIONS = ("fine", "fine", "order", "ban", "warning", "reprimand")
ACTION_STATUSES = ("announced", "under-appeal", "upheld", "reduced", "final")
CASE_STATUSES = ("filed", "pending", "dismissed", "settled", "decided")
LAW_TYPES = ("statute", "ordinance", "regulation", "ballot-measure", "company-policy")
LAW_STAGES = ("proposed", "adopted", "in-force", "amended", "repealed")
VERIFICATIONS = ("unverified", "alleged", "disputed")


class Pool:
    """Ids to refer to, most popular first: picks are skewed as real coverage is (a few names everywhere)."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.cumulative = list(accumulate(1 / (rank + 1) for rank in range(len(ids))))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.ids, cum_weights=self.cumulative)[0]

    def several(self, rng: random.Random, most: int) -> list[str]:
        """One to `most` distinct ids."""
        wanted = min(rng.randint(1, most), len(self.ids))
        chosen: list[str] = []
        while len(chosen) < wanted:
            if (pick := self.pick(rng)) not in chosen:
                chosen.append(pick)
        return chosen


def slug(text: str, index: int) -> str:
    """A readable id; the index keeps it unique across the whole site."""
    words = re.findall(r"[a-z0-9]+", text.lower())[:5]
    return "-".join([*words, str(index)])


def to_yaml(data: dict[str, Any]) -> str:
    """Block-style YAML as authors write it; strings are JSON-quoted, which YAML reads verbatim."""
    return "\n".join(_mapping(data, 0)) + "\n"


def _mapping(data: dict[str, Any], indent: int) -> list[str]:
    pad, lines = " " * indent, []
    for key, value in data.items():
        if isinstance(value, dict):
            lines += [f"{pad}{key}:", *_mapping(value, indent + 2)]
        elif isinstance(value, list):
            lines += [f"{pad}{key}:", *_sequence(value, indent + 2)]
        elif isinstance(value, str) and "\n" in value:
            lines += [f"{pad}{key}: |"] + [pad + "  " + line if line else "" for line in value.split("\n")]
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")
    return lines


def _sequence(items: list[Any], indent: int) -> list[str]:
    lines = []
    for item in items:
        inner = _mapping(item, indent + 2) if isinstance(item, dict) else [" " * (indent + 2) + _scalar(item)]
        lines += [" " * indent + "- " + inner[0][indent + 2 :], *inner[1:]]
    return lines


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)


class Corpus:
    """Draws one site's files in dependency order, so every reference points at a file that exists."""

    def __init__(self, n: int, seed: int) -> None:
        if n < MIN_FILES:
            raise ValueError(f"a benchmark corpus needs at least {MIN_FILES} files, not {n}")
        self.rng = random.Random(seed)
        self.text = Writer(self.rng)
        self.counts = _counts(n)
        self.files: dict[str, str | bytes] = {}
        self.serial = 0
        self.tags = Pool(list(TAGS))
        # Narrow tags, one per running case, as a story's timeline follows: tens of facts each, not thousands.
        self.cases = [
            slug(f"{self.rng.choice(PLACES)} {self.rng.choice(NOUNS)}", i) for i in range(1, n // FILES_PER_CASE + 2)
        ]
        self.quoted: list[str] = []
        self.carried: dict[str, list[str]] = {}
        """The words quoted from each source, in the order they were written."""
        self.excerpted: list[tuple[str, int]] = []
        self.facts: list[str] = []
        self.rulings: list[str] = []

    def build(self) -> dict[str, str | bytes]:
        """Every file of the site, relative path -> text, or bytes for a picture."""
        self.files["site.yaml"] = to_yaml(SITE)
        self._entities(self.counts["entities"])
        self.images = Pool([self._image() for _ in range(self.counts["images"])])
        self.sources = Pool([self._add("sources", self._source()) for _ in range(self.counts["sources"])])
        for kind in FACT_KINDS:
            for _ in range(self.counts[kind]):
                self._fact(kind)
        self._stored_texts()
        self.comparisons = [self._add("comparisons", self._comparison()) for _ in range(self.counts["comparisons"])]
        for _ in range(self.counts["stories"]):
            self._add("stories", *self._story())
        return self.files

    def _stored_texts(self) -> None:
        """A share of the quoted sources keep their document's text: passages around the words quoted."""
        for source, quoted in self.carried.items():
            if self.rng.random() < STORED_SHARE:
                paragraphs = [p for words in quoted for p in (self.text.passage(), words)] + [self.text.passage()]
                self.files[f"sources/{source}.txt"] = "\n\n".join(paragraphs) + "\n"

    def _add(self, kind: str, data: dict[str, Any], body: str | None = None) -> str:
        self.serial += 1
        doc_id = slug(data.get("title") or data["name"], self.serial)
        if body is None:
            self.files[f"{kind}/{doc_id}.yaml"] = to_yaml(data)
        else:
            self.files[f"{kind}/{doc_id}.md"] = f"---\n{to_yaml(data)}---\n{body}\n"
        return doc_id

    # Entities and sources: what facts refer to.

    def _entities(self, count: int) -> None:
        plan = {
            "court": max(1, count // 15),
            "government": max(1, count // 12),
            "police": max(1, count // 16),
            "media": max(1, count // 20),
            "ngo": max(1, count // 20),
            "person": int(count * 0.35),
        }
        plan["company"] = count - sum(plan.values())
        made: dict[str, list[str]] = {}
        for kind in ("court", "government", "police", "media", "ngo", "company"):
            made[kind] = [self._add("entities", self._organisation(kind)) for _ in range(plan[kind])]
        self.companies, self.courts = Pool(made["company"]), Pool(made["court"])
        self.buyers = Pool(made["government"] + made["police"])
        self.organisations = Pool(made["company"] + made["government"] + made["police"] + made["ngo"] + made["media"])
        self.people = Pool([self._add("entities", self._person()) for _ in range(plan["person"])])
        self.entities = Pool(self.organisations.ids + self.people.ids + made["court"])

    def _organisation(self, kind: str) -> dict[str, Any]:
        rng = self.rng
        name = {
            "court": lambda: f"{rng.choice(('High Court', 'Court of Appeal', 'Tribunal'))} of {rng.choice(PLACES)}",
            "government": lambda: f"Department for {rng.choice(DEPARTMENTS)}, {rng.choice(PLACES)}",
            "police": lambda: f"{rng.choice(PLACES)} Police",
            "media": lambda: f"The {rng.choice(PLACES)} {rng.choice(('Herald', 'Courier', 'Ledger'))}",
            "ngo": lambda: f"{rng.choice(PLACES)} {rng.choice(('Privacy Trust', 'Rights Watch'))}",
            "company": lambda: f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_SUFFIXES)}",
        }[kind]()
        data: dict[str, Any] = {"name": name, "type": kind, "url": self.text.url()}
        if rng.random() < 0.3:
            data["aliases"] = [name.split()[0] + " " + rng.choice(COMPANY_SUFFIXES)]
        return self._profile(data)

    def _person(self) -> dict[str, Any]:
        rng = self.rng
        data: dict[str, Any] = {"name": self.text.person(), "type": "person"}
        data["member_of"] = [{"entity": org, "role": rng.choice(ROLES)} for org in self.organisations.several(rng, 2)]
        return self._profile(data)

    def _profile(self, data: dict[str, Any]) -> dict[str, Any]:
        if self.rng.random() < 0.7:
            data["description"] = "\n\n".join(self.text.passage() for _ in range(self.rng.choice((1, 1, 2, 3))))
        if self.rng.random() < 0.5:
            data["tags"] = self.tags.several(self.rng, 3)
        return data

    def _source(self) -> dict[str, Any]:
        rng = self.rng
        data: dict[str, Any] = {
            "title": self.text.sentence().rstrip("."),
            "publisher": self._publisher(),
            "url": self.text.url(),
            "type": rng.choice(SOURCE_TYPES),
            "published": self.text.date(ranges=False),
        }
        if rng.random() < 0.3:
            data["archived_url"] = "https://archive.example.org/web/" + data["url"].split("//", 1)[1]
        if rng.random() < 0.3:
            data["accessed"] = self.text.day().isoformat()
        if rng.random() < 0.5:
            data["author"] = self.text.person()
        return data

    def _cite(self) -> str:
        return self.sources.pick(self.rng)

    def _publisher(self) -> str:
        return f"The {self.rng.choice(PLACES)} {self.rng.choice(('Herald', 'Courier', 'Ledger', 'Gazette'))}"

    def _image(self) -> str:
        """An image's file, and its picture: a few coloured shapes, as a chart or a photograph's blocks."""
        rng = self.rng
        title = self.text.headline()
        data: dict[str, Any] = {
            "title": title,
            "alt": self.text.sentence(),
            "credit": f"Photo: {self.text.person()}",
        }
        if rng.random() < 0.5:
            data["caption"] = self.text.sentence()
        data["licence"] = rng.choice(("CC BY 4.0", "All rights reserved, used with permission"))
        image_id = self._add("images", data)
        width, height = rng.choice(PICTURE_SIZES)
        picture = Image.new("RGB", (width, height), _colour(rng))
        draw = ImageDraw.Draw(picture)
        for _ in range(rng.randint(3, 12)):
            left, top = rng.randrange(width), rng.randrange(height)
            box = (left, top, left + rng.randint(20, width // 2), top + rng.randint(20, height // 2))
            draw.rectangle(box, fill=_colour(rng))
        encoded = io.BytesIO()
        picture.save(encoded, "JPEG", quality=85)
        self.files[f"images/{image_id}.jpg"] = encoded.getvalue()
        return image_id

    # Facts: the common fields, then what each kind adds.

    def _fact(self, kind: str) -> None:
        rng = self.rng
        when = self.text.day()
        data: dict[str, Any] = {
            "title": self.text.headline(),
            "date": self.text.date(when=when),
            "summary": self.text.sentence(),
        }
        data.update(getattr(self, "_" + kind.replace("-", "_"))(when))
        if self.images.ids and rng.random() < IMAGE_SHARE:
            data["image"] = self.images.pick(rng)
        if rng.random() < 0.75:
            data["body"] = self.text.prose(
                rng.choice((1, 1, 1, 2, 3, 4, 6, 9)), self._cite if rng.random() < 0.15 else None
            )
        tags = self.tags.several(rng, 3) if rng.random() < 0.7 else []
        if rng.random() < 0.5:
            tags.append(rng.choice(self.cases))
        if tags:
            data["tags"] = tags
        data["sources"] = self._citations()
        self._extras(data, when)
        if "quote" in data:
            data["quote"] = self._provenance(data["quote"], data["sources"])
        data["excerpts"] = [self._provenance(excerpt, data["sources"]) for excerpt in data.get("excerpts", [])]
        if not data["excerpts"]:
            del data["excerpts"]
        draft = rng.random() < DRAFT_SHARE
        if draft:
            data["draft"] = True
        self._remember(kind, self._add(kind, data), data, draft)

    def _remember(self, kind: str, fact_id: str, data: dict[str, Any], draft: bool) -> None:
        """Only published facts may be referred to: a reference to a draft is an error in a public build."""
        if draft:
            return
        self.facts.append(fact_id)
        if "quote" in data:
            self.quoted.append(fact_id)
        if "excerpts" in data:
            self.excerpted.append((fact_id, len(data["excerpts"])))
        if kind == "rulings":
            self.rulings.append(fact_id)

    def _provenance(self, quote: Any, sources: list[Any]) -> Any:
        """A quote names the source it is copied from whenever the fact cites several; the words are
        remembered for that source's stored text."""
        words = quote if isinstance(quote, dict) else {"text": quote}
        source = words.get("source", sources[0])
        if isinstance(source, str):
            self.carried.setdefault(source, []).append(words["text"])
        if len(sources) == 1:
            return quote
        return words | {"source": source}

    def _citations(self) -> list[Any]:
        cites: list[Any] = self.sources.several(self.rng, 4)
        if self.rng.random() < 0.05:
            cites.append(self._source())
        return cites

    def _extras(self, data: dict[str, Any], when: date) -> None:
        """Corrections logs, rights of reply and excerpts: present on a minority of facts, as in practice."""
        rng = self.rng
        if rng.random() < 0.1:
            data["updates"] = [
                {"date": self.text.later(when), "note": self.text.sentence()} for _ in range(rng.randint(1, 3))
            ]
        if rng.random() < 0.08:
            replied = rng.random() < 0.6
            reply = {"party": self.organisations.pick(rng), "asked": self.text.later(when), "replied": replied}
            data["replies"] = [reply | ({"reply": self.text.quote()} if replied else {})]
        if "excerpts" not in data and rng.random() < 0.1:
            data["excerpts"] = [{"text": self.text.passage(), "source": data["sources"][0]}]
        if rng.random() < 0.03:
            data["verification"] = rng.choice(VERIFICATIONS)
            data["verification_note"] = self.text.sentence()

    def _said(self, when: date) -> dict[str, Any]:
        rng = self.rng
        data: dict[str, Any] = {"by": self.organisations.pick(rng)}
        if rng.random() < 0.5:
            data["speakers"] = [self.people.pick(rng)]
        data["quote"] = self.text.quote()
        data["context"] = f"{rng.choice(('Letter', 'Speech', 'Interview', 'Blog post', 'Hearing'))} {rng.choice(TAILS)}"
        data["covers"] = rng.sample(USES, rng.randint(1, 3))
        return data

    def _pledges(self, when: date) -> dict[str, Any]:
        data = self._said(when)
        history = [
            {
                "date": self.text.later(when),
                "status": self.rng.choice(STATUSES[1:]),
                "reason": self.text.sentence(),
                "sources": self.sources.several(self.rng, 2),
            }
            for _ in range(self.rng.choice((0, 0, 1, 2, 3)))
        ]
        data["status"] = history[-1]["status"] if history else "not-yet-rated"
        if history:
            data["status_history"] = history
        return data

    def _statements(self, when: date) -> dict[str, Any]:
        return self._said(when)

    def _contracts(self, when: date) -> dict[str, Any]:
        rng = self.rng
        data: dict[str, Any] = {"buyer": self.buyers.pick(rng), "suppliers": self.companies.several(rng, 3)}
        if rng.random() < 0.6:
            start = when + timedelta(days=rng.randint(0, 120))
            data["start"] = start.isoformat()
            data["end"] = f"{start + timedelta(days=rng.randint(365, 2000)):%Y-%m}"
        else:
            years, option = rng.choice(("two", "three", "five")), rng.choice(("one", "two"))
            data["term"] = f"{years} years, with an option to extend by {option}"
        if rng.random() < 0.85:
            data["amounts"] = [self._money("contract-value")]
        data["covers"] = rng.sample(NOUNS, rng.randint(1, 3))
        if rng.random() < 0.7:
            data["reference"] = f"CN-{rng.randint(2012, 2025)}-{rng.randrange(10**5):05d}"
        return data

    def _money(self, role: str) -> dict[str, Any]:
        rng = self.rng
        currency = rng.choice(CURRENCIES)
        money: dict[str, Any] = {"role": role, "amount": rng.randrange(50, 900_000) * 1000, "currency": currency}
        if rng.random() < 0.4:
            other = rng.choice([c for c in ("USD", "EUR", "GBP") if c != currency])
            reported = {"amount": money["amount"] // 1000 * rng.randint(800, 1400), "currency": other}
            money["reported_as"] = [reported | ({"source": self.sources.pick(rng)} if rng.random() < 0.5 else {})]
        return money

    def _rulings(self, when: date) -> dict[str, Any]:
        rng = self.rng
        data: dict[str, Any] = {
            "court": self.courts.pick(rng),
            "case_name": f"R ({rng.choice(SURNAMES)}) v {rng.choice(PLACES)} Police",
            "citation": f"[{when.year}] {rng.choice(COURTS)} {rng.randint(1, 3000)}",
            "outcome": self.text.sentence(),
            "parties": [{"entity": e, "role": rng.choice(PARTY_ROLES)} for e in self.entities.several(rng, 4)],
            "judges": [
                f"{rng.choice(('Lord', 'Lady', 'Mr Justice', 'Mrs Justice'))} {rng.choice(SURNAMES)}"
                for _ in range(rng.choice((1, 3)))
            ],
            "excerpts": [
                {"text": self.text.passage(), "at": f"[{rng.randint(1, 200)}]"} for _ in range(rng.randint(1, 4))
            ],
        }
        if self.rulings and rng.random() < 0.25:
            data["appeal_of"] = rng.choice(self.rulings)
        return data

    def _enforcement_actions(self, when: date) -> dict[str, Any]:
        rng = self.rng
        data: dict[str, Any] = {
            "regulator": self.buyers.pick(rng),
            "targets": self.companies.several(rng, 2),
            "action": rng.choice(ACTIONS),
            "grounds": rng.sample(USES, rng.randint(1, 2)),
            "reference": f"ENF-{rng.randrange(10**5):05d}",
            "status": rng.choice(ACTION_STATUSES),
        }
        if data["action"] == "fine":
            data["amounts"] = [self._money("penalty")]
        return data

    def _settlements(self, when: date) -> dict[str, Any]:
        rng = self.rng
        return {
            "parties": [
                {"entity": self.people.pick(rng), "role": "claimant"},
                {"entity": self.companies.pick(rng), "role": "defendant"},
            ],
            "court": self.courts.pick(rng),
            "docket": f"{when.year}-cv-{rng.randrange(10**5):05d}",
            "claims": rng.sample(USES, 1),
            "liability": rng.choice(("admitted", "not-admitted", "denied")),
            "amounts": [self._money("settlement")],
        }

    def _lawsuits(self, when: date) -> dict[str, Any]:
        rng = self.rng
        return {
            "court": self.courts.pick(rng),
            "parties": [{"entity": e, "role": rng.choice(PARTY_ROLES)} for e in self.entities.several(rng, 3)],
            "docket": f"{when.year}-cv-{rng.randrange(10**5):05d}",
            "claims": rng.sample(USES, rng.randint(1, 2)),
            "status": rng.choice(CASE_STATUSES),
        }

    def _laws(self, when: date) -> dict[str, Any]:
        rng = self.rng
        stages = rng.sample(LAW_STAGES[:3], rng.randint(1, 3))
        history = [
            {"date": self.text.later(when), "status": stage, "sources": self.sources.several(rng, 1)}
            | (
                {"votes": {"in_favour": rng.randint(5, 300), "against": rng.randint(0, 200)}}
                if stage == "adopted"
                else {}
            )
            for stage in stages
        ]
        return {
            "type": rng.choice(LAW_TYPES),
            "adopted_by": self.buyers.pick(rng),
            "jurisdiction": rng.choice(PLACES),
            "status": stages[-1],
            "history": history,
        }

    def _reports(self, when: date) -> dict[str, Any]:
        rng = self.rng
        return {
            "publishers": self.organisations.several(rng, 2),
            "authors": self.people.several(rng, 2),
            "findings": [self.text.sentence() for _ in range(rng.randint(1, 3))],
        }

    def _events(self, when: date) -> dict[str, Any]:
        rng = self.rng
        data: dict[str, Any] = {"actors": self.entities.several(rng, 3)}
        if rng.random() < 0.25:
            data["end"] = self.text.later(when)
        if rng.random() < 0.35:
            data["quote"] = {"text": self.text.quote(), "speakers": [rng.choice(data["actors"])]}
        return data

    # Comparisons and stories: what refers to facts.

    def _comparison(self) -> dict[str, Any]:
        rng = self.rng
        left, right = self._side(), self._side()
        while (right["fact"], right.get("excerpt")) == (left["fact"], left.get("excerpt")):
            right = self._side()  # the same words or deed on both sides is refused (validate.py)
        data = {
            "title": self.text.headline(),
            "summary": self.text.sentence(),
            "left": left,
            "right": right,
            "verdict": rng.choice(VERDICTS),
            "rationale": self.text.prose(rng.randint(1, 3)),
        }
        if rng.random() < 0.7:
            data["tags"] = self.tags.several(rng, 3)
        return data

    def _side(self) -> dict[str, Any]:
        if self.rng.random() < 0.2:
            return {"fact": self.rng.choice(self.facts), "show": "deed"}
        if self.excerpted and self.rng.random() < 0.3:
            fact, excerpts = self.rng.choice(self.excerpted)
            return {"fact": fact, "excerpt": self.rng.randint(1, excerpts)}
        return {"fact": self.rng.choice(self.quoted)}

    def _story(self) -> tuple[dict[str, Any], str]:
        rng = self.rng
        when = self.text.day()
        front = {
            "title": self.text.headline(),
            "date": when.isoformat(),
            "updated": self.text.later(when),
            "summary": self.text.sentence(),
            "authors": [self.text.person() for _ in range(rng.randint(1, 2))],
            "tags": [rng.choice(self.cases), *self.tags.several(rng, 2)],
        }
        return front, self._story_body(front["tags"][0])

    def _story_body(self, case: str) -> str:
        rng = self.rng
        embeds = [f"::fact {fact}" for fact in rng.sample(self.facts, 4)]
        embeds += [f"::comparison {c}" for c in rng.sample(self.comparisons, min(2, len(self.comparisons)))]
        embeds += [f"::figure {self.images.pick(rng)}"] if self.images.ids else []
        embeds += [
            f"::timeline tag={case}",
            f"::timeline entity={rng.choice(self.entities.ids)}",
            f"::timeline ids={','.join(rng.sample(self.facts, 3))}",
        ]
        rng.shuffle(embeds)
        parts = [self.text.prose(2, self._cite)]
        for embed in embeds:
            parts += [f"## {self.text.headline()}", self.text.prose(rng.randint(1, 3), self._cite), embed]
        return "\n\n".join(parts)


SITE = {
    "title": "Synthetic Record",
    "tagline": "A generated site for measuring build speed",
    "base_url": "https://example.org/record/",
    "language": "en-GB",
    "publisher": "Benchmark Desk",
    "licence": "CC BY 4.0",
}


def _colour(rng: random.Random) -> tuple[int, int, int]:
    return (rng.randrange(256), rng.randrange(256), rng.randrange(256))


def _counts(n: int) -> dict[str, int]:
    """Files per kind, summing to exactly n; events take what the fixed shares leave."""
    counts = {kind: round(n * share) for kind, share in SHARES.items()}
    counts["stories"] = max(1, n // FILES_PER_STORY)
    counts["events"] = n - sum(counts.values())
    return counts


def generate(root: Path, n: int, seed: int = 1) -> None:
    """Write a valid content folder of `n` files (site.yaml aside) into `root`, which must be empty or absent."""
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty")
    for relative, text in Corpus(n, seed).build().items():
        path = root / relative
        path.parent.mkdir(exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> None:
    cli = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    cli.add_argument("out", type=Path, help="folder to create (must be empty or absent)")
    cli.add_argument("n", type=int, help=f"number of content files, at least {MIN_FILES}")
    cli.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    args = cli.parse_args(argv)
    generate(args.out, args.n, args.seed)


if __name__ == "__main__":
    main()
