"""Catalog -> HTML pages through the site's Jinja layouts.

Each page's context is listed in PAGE_CONTEXTS; tests check every page renders with exactly
those keys. Templates only loop and branch: everything they show is prepared here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .config import SiteConfig
from .markup import MarkdownRenderer
from .model import Catalog, Innovation

LATEST_ON_HOME = 12
OPD_KIND_ORDER = ("sekretariat", "inspektorat", "badan", "dinas", "satuan", "rsud", "kecamatan", "kelurahan", "lainnya")

# Every layout and the context keys it receives besides the COMMON ones.
COMMON_CONTEXT = ("site", "t", "assets", "opds", "current")
PAGE_CONTEXTS = {
    "home.html": ("latest", "totals"),
    "innovation.html": ("item", "opd", "body_html"),
    "list.html": ("items", "pagination"),
    "opd_index.html": ("groups",),
    "opd.html": ("opd", "parent", "children", "by_year", "count"),
    "search.html": (),
    "404.html": (),
}


@dataclass(frozen=True)
class Page:
    """One rendered file: its path inside the output folder and its bytes."""

    path: str
    content: bytes


@dataclass(frozen=True)
class Pagination:
    number: int
    total: int
    previous_url: str
    next_url: str


@dataclass(frozen=True)
class OpdSummary:
    opd: object
    count: int


def create_environment(config: SiteConfig) -> jinja2.Environment:
    """Jinja with autoescaping, StrictUndefined and the site's formatting filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(config.root / "layouts"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    ui = config.locale.ui
    env.filters["url"] = lambda path: config.base_path + str(path).lstrip("/")
    env.filters["date"] = lambda value: format_date(value, ui["bulan"])
    env.filters["number"] = format_number
    env.filters["rupiah"] = lambda value: "Rp " + format_number(value)
    return env


def format_date(value: dt.date, months: list[str]) -> str:
    """29 Juli 2025."""
    return f"{value.day} {months[value.month - 1]} {value.year}"


def format_number(value: int) -> str:
    """150.000.000: Indonesian thousands separators."""
    return f"{value:,}".replace(",", ".")


def asset_urls(config: SiteConfig) -> dict[str, str]:
    """Each file in assets/ by name -> its URL with a content hash, so caches never serve stale CSS."""
    urls = {}
    for path in sorted((config.root / "assets").glob("*")):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            urls[path.name.replace(".", "_").replace("-", "_")] = f"{config.base_path}assets/{path.name}?v={digest}"
    return urls


def render_site(config: SiteConfig, catalog: Catalog) -> list[Page]:
    """Every HTML page of the site."""
    env = create_environment(config)
    opds = catalog.opd_by_slug
    common = {"site": config, "t": config.locale.ui, "assets": asset_urls(config), "opds": opds}

    def page(path: str, template: str, current: str, **context) -> Page:
        html = env.get_template(template).render(**common, current=current, **context)
        return Page(path, html.encode("utf-8"))

    pages = [page("index.html", "home.html", "home", latest=catalog.innovations[:LATEST_ON_HOME], totals=_totals(catalog))]
    markdown = MarkdownRenderer()
    for item in catalog.innovations:
        pages.append(page(
            f"inovasi/{item.slug}/index.html", "innovation.html", "inovasi",
            item=item, opd=opds[item.opd], body_html=markdown.render(item.body),
        ))
    pages.extend(
        page(path, "list.html", "inovasi", items=items, pagination=pagination)
        for path, items, pagination in _paginate(catalog.innovations, config.page_size, "inovasi")
    )
    pages.append(page("opd/index.html", "opd_index.html", "opd", groups=_opd_groups(catalog, config.locale.ui)))
    children = defaultdict(list)
    for opd in catalog.opds:
        if opd.parent:
            children[opd.parent].append(opd)
    for opd in catalog.opds:
        items = catalog.innovations_of(opd.slug)
        pages.append(page(
            f"opd/{opd.slug}/index.html", "opd.html", "opd",
            opd=opd, parent=opds.get(opd.parent), children=children[opd.slug], by_year=_by_year(items), count=len(items),
        ))
    pages.append(page("cari/index.html", "search.html", "cari"))
    pages.append(page("404.html", "404.html", ""))
    return pages


def _totals(catalog: Catalog) -> dict[str, int]:
    return {
        "innovations": len(catalog.innovations),
        "opds": len({item.opd for item in catalog.innovations}),
        "years": len({item.year for item in catalog.innovations}),
    }


def _paginate(items: tuple[Innovation, ...], size: int, section: str):
    """(output path, items, Pagination) for /<section>/ and /<section>/halaman/<n>/."""
    total = max(1, -(-len(items) // size))

    def url(number: int) -> str:
        return f"/{section}/" if number == 1 else f"/{section}/halaman/{number}/"

    for number in range(1, total + 1):
        path = url(number).lstrip("/") + "index.html"
        pagination = Pagination(
            number, total, url(number - 1) if number > 1 else "", url(number + 1) if number < total else ""
        )
        yield path, items[(number - 1) * size : number * size], pagination


def _opd_groups(catalog: Catalog, ui) -> list[tuple[str, list[OpdSummary]]]:
    """(kind label, OPDs) in the order of the city's organisation chart."""
    counts: dict[str, int] = defaultdict(int)
    for item in catalog.innovations:
        counts[item.opd] += 1
    groups = []
    for kind in OPD_KIND_ORDER:
        members = [OpdSummary(opd, counts[opd.slug]) for opd in catalog.opds if opd.kind == kind]
        if members:
            groups.append((ui[f"jenis_opd_{kind}"], members))
    return groups


def _by_year(items: tuple[Innovation, ...]) -> list[tuple[int, list[Innovation]]]:
    years: dict[int, list[Innovation]] = defaultdict(list)
    for item in items:
        years[item.year].append(item)
    return sorted(years.items(), reverse=True)
