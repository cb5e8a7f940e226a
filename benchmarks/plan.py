"""Catalogue-wide choices made in order before any text is written: OPD, topic, year, title, short name, slug."""

from __future__ import annotations

import fnmatch
import random
import re
from dataclasses import dataclass

import yaml

from prose import REPO, Vocabulary

YEARS = {2019: 5, 2020: 6, 2021: 8, 2022: 10, 2023: 12, 2024: 15, 2025: 18, 2026: 16}  # relative weights
OPD_WEIGHTS = {"dinas": 4, "badan": 4, "rsud": 3, "sekretariat": 2, "inspektorat": 2, "satuan": 2, "kecamatan": 2}
LINKING = frozenset({"bagi", "di", "dan", "untuk", "berbasis", "se", "yang"})
SYLLABLES = ("ba", "ka", "ma", "ra", "sa", "ta", "pa", "la", "na", "ga", "da", "ja", "wa", "ya", "ha")


@dataclass(frozen=True)
class Opd:
    """An OPD as the corpus uses it: where its entries go and what they are about."""

    slug: str
    agency: str  # how the text names it: Dinkes, Kelurahan Api-Api
    kind: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """What must be decided in order, for every entry at once: unique names and slugs."""

    number: int
    opd: Opd
    topic: str
    year: int
    title: str
    name: str  # the short name the text uses
    slug: str
    introduce: bool  # the title does not show the short name, so the text introduces it


def load_opds(vocabulary: Vocabulary) -> list[Opd]:
    """Kota Bontang's OPD records, each with the fields of work its innovations are about."""
    opds = []
    for path in sorted((REPO / "content" / "opd").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        topics = tuple(name for name, patterns in vocabulary.topic_opds.items()
                       if any(fnmatch.fnmatch(path.stem, pattern) for pattern in patterns))
        assert topics, f"vocabulary.yaml gives no topic to OPD {path.stem}"
        agency = record["nama"] if record["jenis"] in ("kelurahan", "kecamatan") else record["singkatan"]
        opds.append(Opd(path.stem, agency, record["jenis"], topics))
    return opds


def slugify(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def title_case(text: str) -> str:
    return " ".join(w if w.lower() in LINKING or w.isupper() else w[:1].upper() + w[1:] for w in text.split())


def short_name(words: list[str], rng: random.Random, taken: set[str], known: frozenset[str]) -> str:
    """An unused acronym from the first syllables of the name's words (Sistem Informasi Gizi -> SIINGI)."""
    parts = [re.sub(r"[^A-Za-z]", "", w) for w in words if w.lower() not in LINKING][:4]
    parts = [p for p in parts if p]
    for attempt in range(16):
        chunks = []
        for part in parts:
            vowel = next((i for i, c in enumerate(part.lower()) if c in "aeiou"), len(part) - 1)
            chunks.append(part[: vowel + 1 + (rng.random() < 0.3 + attempt * 0.05)])
        word = "".join(chunks).upper()
        if 3 <= len(word) <= 10 and word not in taken and word.lower() not in known:
            taken.add(word)
            return word
    word = "".join(chunks).upper()[:6]
    while word in taken or word.lower() in known:
        word += rng.choice(SYLLABLES).upper()
    taken.add(word)
    return word


def plan_entries(entries: int, rng: random.Random, vocabulary: Vocabulary, opds: list[Opd]) -> list[Plan]:
    """Titles, short names and slugs of every entry, unique across the catalogue."""
    weights = [OPD_WEIGHTS.get(opd.kind, 1) for opd in opds]
    years, year_weights = list(YEARS), list(YEARS.values())
    names: set[str] = set()
    slugs: set[str] = set()
    plans = []
    for number in range(1, entries + 1):
        opd = rng.choices(opds, weights)[0]
        topic = vocabulary.topics[rng.choice(opd.topics)]
        words = [vocabulary.pools["title_heads"].pick(rng)]
        words += [topic.pools["title_words"].pick(rng) for _ in range(rng.choice((1, 1, 2)))]
        if rng.random() < 0.5:
            words.append(vocabulary.pools["title_modifiers"].pick(rng))
        tail = rng.random()
        if tail < 0.1:
            words += ["bagi", title_case(topic.pools["people"].pick(rng))]
        elif tail < 0.2:
            words += ["di", vocabulary.places.pick(rng)]
        expansion = " ".join(dict.fromkeys(words))  # no word twice (Gerai Cerdas Cerdas)
        acronym = short_name(expansion.split(), rng, names, vocabulary.words)
        shape = rng.random()
        introduce = False
        if shape < 0.35:
            title = f"{acronym}: {expansion}"
        elif shape < 0.5:
            title = f"{expansion} ({acronym})"
        elif shape < 0.6:
            acronym = acronym.capitalize()
            title = f"{acronym}: {expansion}"
        elif shape < 0.68:
            title = f"{acronym} {vocabulary.places.pick(rng)}" if tail >= 0.2 else f"{acronym} {expansion}"
        elif shape < 0.78:
            title = f"{acronym} ({expansion})"
        else:
            title, introduce = expansion, True
        base = "-".join(slugify(f"{acronym} {expansion}" if not introduce else expansion).split("-")[:8])
        slug, copy = base, 1
        while slug in slugs:
            copy += 1
            slug = f"{base}-{copy}"
        slugs.add(slug)
        year = rng.choices(years, year_weights)[0]
        plans.append(Plan(number, opd, topic.name, year, title, acronym, slug, introduce))
    return plans

