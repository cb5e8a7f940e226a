"""Ways to browse the catalogue: innovations grouped by year, stage, type, form, urusan, SDG and tag,
and the related innovations shown under each entry."""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from .model import Catalog, Innovation, slugify
from .schemas import load_schema

RELATED_COUNT = 4
RELATED_CANDIDATES = 30  # newest entries considered per shared OPD or urusan; keeps large catalogues linear


@dataclass(frozen=True)
class Term:
    """One value of a taxonomy (the year 2024, the stage "uji coba", the tag "puskesmas") and its entries."""

    slug: str
    label: str
    items: tuple[Innovation, ...]


@dataclass(frozen=True)
class Taxonomy:
    """A front-matter field visitors can browse by; its pages live under /<key>/."""

    key: str
    title: str  # "Tahapan", as in "Tahapan: uji coba"
    browse_title: str  # "Menurut tahapan"
    terms: tuple[Term, ...]

    @property
    def path(self) -> str:
        return f"/{self.key}/"

    def term_path(self, term: Term) -> str:
        return f"/{self.key}/{term.slug}/"


def term_slug(value: object) -> str:
    """The URL segment of a browse value; pages linking to a term must use this too."""
    return slugify(value, fallback="lainnya")


def build_taxonomies(catalog: Catalog, ui: Mapping[str, object]) -> tuple[Taxonomy, ...]:
    """Every browsable field, terms in a natural order (years newest first, enums in contract order)."""
    sdg_names = ui["sdgs_nama"]
    properties = load_schema("inovasi")["properties"]

    def contract_order(field: str) -> Callable[[Term], object]:
        order = {value: index for index, value in enumerate(properties[field]["enum"])}
        return lambda term: order.get(term.label, len(order))

    specs = (
        ("tahun", lambda item: [item.year], lambda term: -int(term.slug), str),
        ("tahapan", lambda item: [item.stage], contract_order("tahapan"), str),
        ("jenis", lambda item: [item.kind], contract_order("jenis"), str),
        ("bentuk", lambda item: [item.form], contract_order("bentuk"), str),
        ("urusan", lambda item: item.affairs, None, str),
        ("sdgs", lambda item: item.sdgs, lambda term: int(term.slug),
         lambda goal: ui["sdgs_tujuan_nama"].format(number=goal, name=sdg_names[goal - 1])),
        ("tag", lambda item: item.tags, None, str),
    )
    return tuple(
        Taxonomy(key, ui[f"taksonomi_{key}"], ui[f"menurut_{key}"], _terms(catalog.innovations, values, order, label, key))
        for key, values, order, label in specs
    )


def _terms(items: Iterable[Innovation], values, order, label, key: str) -> tuple[Term, ...]:
    grouped: dict[str, list[Innovation]] = defaultdict(list)
    labels: dict[str, str] = {}
    for item in items:
        for value in values(item):
            slug = str(value) if key in ("tahun", "sdgs") else term_slug(value)
            labels.setdefault(slug, label(value))
            grouped[slug].append(item)  # items arrive newest first, so every term lists newest first
    terms = [Term(slug, labels[slug], tuple(members)) for slug, members in grouped.items()]
    # Open-ended lists (urusan, tag) put the most used first; the others keep their natural order.
    terms.sort(key=order or (lambda term: (-len(term.items), term.label.lower())))
    return tuple(terms)


def related_innovations(catalog: Catalog) -> dict[str, tuple[Innovation, ...]]:
    """slug -> up to RELATED_COUNT entries sharing the most urusan (and the OPD), newest first on ties."""
    by_opd: dict[str, list[Innovation]] = defaultdict(list)
    by_affair: dict[str, list[Innovation]] = defaultdict(list)
    for item in catalog.innovations:
        by_opd[item.opd].append(item)
        for affair in item.affairs:
            by_affair[affair].append(item)
    rank = {item.slug: index for index, item in enumerate(catalog.innovations)}
    affair_sets = {item.slug: frozenset(item.affairs) for item in catalog.innovations}
    related = {}
    for item in catalog.innovations:
        affairs = affair_sets[item.slug]
        candidates = {other.slug: other for other in by_opd[item.opd][:RELATED_CANDIDATES]}
        for affair in item.affairs:
            candidates.update((other.slug, other) for other in by_affair[affair][:RELATED_CANDIDATES])
        candidates.pop(item.slug, None)
        related[item.slug] = tuple(heapq.nsmallest(
            RELATED_COUNT, candidates.values(),
            key=lambda other: (-(2 * len(affairs & affair_sets[other.slug]) + (other.opd == item.opd)), rank[other.slug]),
        ))
    return related
