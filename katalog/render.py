"""Catalog -> HTML pages through the site's Jinja layouts.

Each page's context is listed in PAGE_CONTEXTS; tests check every page renders with exactly
those keys. Templates only loop and branch: everything they show is prepared here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Mapping

import jinja2

from .config import SiteConfig
from .dashboards import board_views, scorecard, statistics_sections
from .history import FileDates, History, is_stale
from .incremental import Lazy, PageSpec
from .markup import Body, MarkdownRenderer
from .model import Catalog, Innovation, Opd
from .monitoring import Monitoring
from .outputs.headers import page_policy
from .outputs.images import ResponsiveImage
from .outputs.qr import qr_svg
from .outputs.opendata import OpenData
from .outputs.theme import THEME_FILE, theme_css
from .search import SearchPlan
from .taxonomy import build_taxonomies, related_innovations, term_slug

LATEST_ON_HOME = 12
OPD_KIND_ORDER = ("sekretariat", "inspektorat", "badan", "dinas", "satuan", "rsud", "kecamatan", "kelurahan", "lainnya")

# Every layout and the context keys it receives besides the COMMON ones (tests check both directions).
COMMON_CONTEXT = ("site", "t", "assets", "opds", "current", "canonical", "security")
PAGE_CONTEXTS = {
    "home.html": ("latest", "totals", "taxonomies", "years"),
    "innovation.html": ("item", "opd", "body", "related", "images", "links", "qr_svg", "permalink", "json_ld",
                        "dates", "stale", "repo_links", "citation"),
    "list.html": ("title", "items", "pagination", "trail"),
    "taxonomy.html": ("taxonomy", "paths"),
    "browse.html": ("taxonomies",),
    "opd_index.html": ("groups",),
    "opd.html": ("opd", "parent", "children", "by_year", "count", "scorecard"),
    "search.html": ("search_data",),
    "404.html": (),
    "monitoring.html": ("view", "default_target", "latest"),
    "statistics.html": ("sections", "total"),
    "data.html": ("open_data",),
    "redirect.html": ("item",),  # rendered by outputs/redirects.py, canonical = the permanent URL
}


@dataclass(frozen=True)
class SitePlan:
    """Every page to produce, and the context all of them share."""

    pages: tuple[PageSpec, ...]
    common: Mapping[str, Any]
    entry_page: "EntryPages"


@dataclass(frozen=True)
class Pagination:
    number: int
    total: int  # pages
    count: int  # items on all pages
    previous_url: str
    next_url: str


@dataclass(frozen=True)
class OpdSummary:
    opd: Opd
    count: int


@dataclass(frozen=True)
class Crumb:
    label: str
    path: str


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
    env.filters["number"] = lambda value: format_number(value, ui["pemisah_ribuan"])
    env.filters["rupiah"] = lambda value: "Rp " + format_number(value, ui["pemisah_ribuan"])
    return env


def format_date(value: dt.date, months: list[str]) -> str:
    """29 Juli 2025."""
    return f"{value.day} {months[value.month - 1]} {value.year}"


def format_number(value: int, separator: str = ".") -> str:
    """150.000.000 with Indonesian thousands separators (the locale's `pemisah_ribuan`)."""
    return f"{value:,}".replace(",", separator)


def asset_urls(config: SiteConfig) -> dict[str, str]:
    """Each asset by name (style_css, tema_css, ...) -> its URL with a content hash, so caches never go stale."""
    contents = {path.name: path.read_bytes() for path in sorted((config.root / "assets").glob("*")) if path.is_file()}
    contents[THEME_FILE] = theme_css(config)
    return {
        name.replace(".", "_").replace("-", "_"): f"{config.base_path}assets/{name}?v={hashlib.sha256(data).hexdigest()[:10]}"
        for name, data in contents.items()
    }


def plan_site(
    config: SiteConfig, catalog: Catalog, images: Mapping[Path, ResponsiveImage], qr_cache: Path, search: SearchPlan,
    monitoring: Monitoring, open_data: OpenData, history: History = History(),
) -> SitePlan:
    """Every HTML page of the site, planned: its path, layout and context (Markdown and QR codes left lazy).

    `images` come from the image stage, `qr_cache` is where QR codes are kept, `search` says how the site is indexed,
    `monitoring` holds the yearly counts per OPD, `open_data` the data files,
    `history` the git dates of the content files.
    """
    ui = config.locale.ui
    opds = catalog.opd_by_slug
    common = common_context(config, catalog)

    page = partial(_page, config)

    taxonomies = build_taxonomies(catalog, ui)
    by_key = {taxonomy.key: taxonomy for taxonomy in taxonomies}
    related = related_innovations(catalog)
    pages = [page(
        "index.html", "home.html", "home", latest=catalog.innovations[:LATEST_ON_HOME], totals=_totals(catalog),
        taxonomies=taxonomies, years=by_key["tahun"].terms,
    )]
    entry_page = EntryPages(config, opds, related, images, qr_cache, history, dt.date.today())
    pages.extend(entry_page(item) for item in catalog.innovations)
    everything = Crumb(ui["semua_inovasi"], "/inovasi/")
    pages.extend(
        page(path, "list.html", "inovasi", title=ui["semua_judul"], items=items, pagination=pagination, trail=())
        for path, items, pagination in _paginate(catalog.innovations, config.page_size, everything.path)
    )
    browse = Crumb(ui["jelajahi"], "/jelajahi/")
    pages.append(page("jelajahi/index.html", "browse.html", "jelajahi", taxonomies=taxonomies))
    for taxonomy in taxonomies:
        paths = {term.slug: taxonomy.term_path(term) for term in taxonomy.terms}
        pages.append(page(f"{taxonomy.key}/index.html", "taxonomy.html", "jelajahi", taxonomy=taxonomy, paths=paths))
        trail = (browse, Crumb(taxonomy.title, taxonomy.path))
        for term in taxonomy.terms:
            title = f"{taxonomy.title}: {term.label}"
            pages.extend(
                page(path, "list.html", "jelajahi", title=title, items=items, pagination=pagination, trail=trail)
                for path, items, pagination in _paginate(term.items, config.page_size, taxonomy.term_path(term))
            )
    pages.append(page("opd/index.html", "opd_index.html", "opd", groups=_opd_groups(catalog, ui)))
    children: dict[str, list[Opd]] = defaultdict(list)
    for opd in catalog.opds:
        if opd.parent:
            children[opd.parent].append(opd)
    by_opd: dict[str, list[Innovation]] = defaultdict(list)
    for item in catalog.innovations:
        by_opd[item.opd].append(item)
    for opd in catalog.opds:
        items = by_opd[opd.slug]
        pages.append(page(
            f"opd/{opd.slug}/index.html", "opd.html", "opd",
            opd=opd, parent=opds.get(opd.parent), children=children[opd.slug], by_year=_by_year(items), count=len(items),
            scorecard=scorecard(monitoring, opd, ui),
        ))
    views = board_views(monitoring, ui)
    latest = next((view for path, view in views if view.board.year == monitoring.current_year), None)  # by name
    pages.append(page(
        "pemantauan/index.html", "monitoring.html", "pemantauan", view=latest, default_target=config.target_per_tahun, latest=True,
    ))
    pages.extend(
        page(path.lstrip("/") + "index.html", "monitoring.html", "pemantauan", view=view,
             default_target=config.target_per_tahun, latest=False)
        for path, view in views
    )
    pages.append(page(
        "statistik/index.html", "statistics.html", "statistik",
        sections=statistics_sections(taxonomies, ui), total=len(catalog.innovations),
    ))
    pages.append(page("cari/index.html", "search.html", "cari", search_data=_search_data(config, catalog, search)))
    pages.append(page("data/index.html", "data.html", "data", open_data=open_data))
    pages.append(page("404.html", "404.html", ""))
    return SitePlan(tuple(pages), common, entry_page)


def common_context(config: SiteConfig, catalog: Catalog) -> dict[str, Any]:
    """The context every page shares (COMMON_CONTEXT less the per-page `current` and `canonical`)."""
    return {
        "site": config, "t": config.locale.ui, "assets": asset_urls(config), "opds": catalog.opd_by_slug, "security": page_policy(),
    }


def _page(config: SiteConfig, path: str, template: str, current: str, **context) -> PageSpec:
    """One page's spec, its context checked against the layout's documented contract."""
    if set(context) != set(PAGE_CONTEXTS[template]):
        raise TypeError(f"{template} documents {sorted(PAGE_CONTEXTS[template])}, got {sorted(context)}")
    canonical = "" if template == "404.html" else config.base_url + path.removesuffix("index.html")
    return PageSpec(path, template, {"current": current, "canonical": canonical, **context})


@dataclass(frozen=True)
class EntryPages:
    """Makes an innovation's page spec; the live preview keeps one to remake an edited entry's page at once."""

    config: SiteConfig
    opds: Mapping[str, Opd]
    related: Mapping[str, tuple[Innovation, ...]]
    images: Mapping[Path, ResponsiveImage]
    qr_cache: Path
    history: History
    today: dt.date  # only for the "not updated for N months" note, which is about today by nature

    def __call__(self, item: Innovation) -> PageSpec:
        config, opd = self.config, self.opds[item.opd]
        permalink = config.base_url + item.path.lstrip("/")
        dates = self.history.of(item.source)
        return _page(
            config, f"inovasi/{item.slug}/index.html", "innovation.html", "inovasi",
            item=item, opd=opd, body=Lazy(render_body, (item.body, config.locale.ui["tabel_geser"])),
            related=self.related[item.slug], images=[self.images[image.source] for image in item.images],
            links=_fact_links(item), qr_svg=Lazy(qr_svg, (permalink, self.qr_cache)), permalink=permalink,
            json_ld={**_json_ld(config, item, opd), **_json_ld_dates(dates)},
            dates=dates, stale=is_stale(dates, config.batas_kedaluwarsa_bulan, self.today) and not item.discontinued,
            repo_links=_repo_links(config, self.history.repository_path(item.source)),
            citation=_citation(config, item, opd, permalink),
        )


@lru_cache(maxsize=4)
def _markdown(table_label: str) -> MarkdownRenderer:
    return MarkdownRenderer(table_label)


def render_body(source: str, table_label: str) -> Body:
    """An entry's Markdown body as sanitised HTML sections (one renderer per process)."""
    return _markdown(table_label).render_sections(source)


def _json_ld(config: SiteConfig, item: Innovation, opd: Opd) -> dict:
    """schema.org description of an innovation, published by its OPD as a government organisation."""
    government = {"@type": "GovernmentOrganization", "name": f"Pemerintah {config.region}"}
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": config.base_url + item.path.lstrip("/"),
        "url": config.base_url + item.path.lstrip("/"),
        "name": item.title,
        "description": item.summary,
        "inLanguage": config.language,
        "dateCreated": str(item.year),
        "keywords": [*item.affairs, *item.tags],
        "creativeWorkStatus": item.status,
        "publisher": {
            "@type": "GovernmentOrganization", "name": opd.name, "alternateName": opd.abbreviation,
            "url": config.base_url + opd.path.lstrip("/"), "parentOrganization": government,
        },
        "isPartOf": {"@type": "WebSite", "name": config.site_name, "url": config.base_url},
    }
    return data


def _json_ld_dates(dates: FileDates | None) -> dict[str, str]:
    """schema.org publication and modification dates, from git when it knows them."""
    if dates is None:
        return {}
    return {"datePublished": dates.first.date().isoformat(), "dateModified": dates.last.date().isoformat()}


def _repo_links(config: SiteConfig, repository_path: str) -> dict[str, str]:
    """The entry file's history and editor on GitHub, when the site names its repository."""
    if not config.repo_url:
        return {}
    repo = config.repo_url.rstrip("/")
    return {"riwayat": f"{repo}/commits/main/{repository_path}", "sunting": f"{repo}/edit/main/{repository_path}"}


@dataclass(frozen=True)
class Citation:
    """The ready citation as plain text around the access date, which assets/kutip.js fills in."""

    before: str
    after: str


def _citation(config: SiteConfig, item: Innovation, opd: Opd, permalink: str) -> Citation:
    """The ready citation of an entry, split where the access date goes (the layout escapes both parts)."""
    text = config.locale.ui["kutip_format"].format(
        opd=opd.name, tahun=item.year, judul=item.title, katalog=config.site_name, url=permalink, tanggal="\0",
    )
    before, _, after = text.partition("\0")
    return Citation(before, after)


SEARCH_FILTERS = ("opd", "tahun", "tahapan", "jenis", "bentuk", "urusan", "status")


def _search_data(config: SiteConfig, catalog: Catalog, search: SearchPlan) -> dict:
    """What assets/search.js needs: where the Pagefind indexes are, filter labels, OPD names and its UI texts."""
    ui = config.locale.ui
    texts = {"memuat": "cari_memuat", "hasil": "cari_hasil", "satu": "cari_satu_hasil", "nihil": "cari_nihil",
             "gagal": "cari_gagal", "saringan": "cari_saringan", "ditampilkan": "cari_ditampilkan",
             "cakupan": "cari_cakupan", "semua_tahun": "cari_semua_tahun", "diperluas": "cari_diperluas"}
    return {
        "bundle": config.base_path + search.shards[0].folder + "pagefind.js" if search.shards else "",
        "base": config.base_path,
        # Year -> index folder when the index is split per year (a first search covers `scope`), else empty.
        "shards": {shard.name: config.base_path + shard.folder for shard in search.shards} if search.split else {},
        "scope": list(search.default_scope) if search.split else [],
        "filters": [[key, ui[f"saring_{key}"]] for key in SEARCH_FILTERS],  # a list keeps the order
        "opd_names": {opd.slug: opd.name for opd in catalog.opds},
        "texts": {key: ui[name] for key, name in texts.items()},
    }


def _fact_links(item: Innovation) -> dict[str, str]:
    """Browse-page paths of the innovation's facts, so the facts panel links to similar entries."""
    return {
        "tahun": f"/tahun/{item.year}/",
        "tahapan": f"/tahapan/{term_slug(item.stage)}/",
        "jenis": f"/jenis/{term_slug(item.kind)}/",
        "bentuk": f"/bentuk/{term_slug(item.form)}/",
        **{f"urusan:{affair}": f"/urusan/{term_slug(affair)}/" for affair in item.affairs},
        **{f"tag:{tag}": f"/tag/{term_slug(tag)}/" for tag in item.tags},
        **{f"sdgs:{goal}": f"/sdgs/{goal}/" for goal in item.sdgs},
    }


def _totals(catalog: Catalog) -> dict[str, int]:
    return {
        "innovations": len(catalog.innovations),
        "opds": len({item.opd for item in catalog.innovations}),
        "years": len({item.year for item in catalog.innovations}),
    }


def _paginate(items: tuple[Innovation, ...], size: int, first: str):
    """(output path, items, Pagination) for <first> and <first>halaman/<n>/, e.g. /tahun/2024/halaman/2/."""
    total = max(1, -(-len(items) // size))

    def url(number: int) -> str:
        return first if number == 1 else f"{first}halaman/{number}/"

    for number in range(1, total + 1):
        path = url(number).lstrip("/") + "index.html"
        pagination = Pagination(
            number, total, len(items), url(number - 1) if number > 1 else "", url(number + 1) if number < total else ""
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
