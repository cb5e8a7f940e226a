"""/urls.json: every URL the site serves, so a later build can prove it loses none of the permanent ones.

Shape: {"base_url": ..., "urls": [{"path": "/inovasi/x/", "jenis": "inovasi"}, {"path": "/inovasi/lama/",
"jenis": "alihan", "tujuan": "/inovasi/x/"}, ...]}, sorted by path. Paths start at the site's base URL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..config import SiteConfig
from ..model import Catalog

URLS_FILE = "urls.json"
# Kinds whose URLs must never vanish: entries, OPD pages and the old addresses that redirect to entries.
# Listings, browse pages and feeds follow from the content, so they may come and go with it.
PERMANENT_KINDS = ("inovasi", "opd", "alihan")
NOT_LISTED = ("404.html",)


@dataclass(frozen=True)
class SiteUrl:
    """One served address: its path, its kind and, for a redirect, where it leads."""

    path: str
    kind: str  # inovasi | opd | alihan | halaman | umpan
    target: str = ""


def alias_path(alias: str) -> str:
    """The folder-style path an `aliases` entry is served at (/inovasi/lama -> /inovasi/lama/)."""
    return alias if alias.endswith("/") else alias + "/"


def permanent_urls(catalog: Catalog) -> list[SiteUrl]:
    """Entry pages, OPD pages and redirects: the addresses the URL policy promises to keep."""
    urls = [SiteUrl(item.path, "inovasi") for item in catalog.innovations]
    urls += [SiteUrl(opd.path, "opd") for opd in catalog.opds]
    urls += [SiteUrl(alias_path(alias), "alihan", item.path) for item in catalog.innovations for alias in item.aliases]
    return urls


def urls_file(config: SiteConfig, catalog: Catalog, page_paths: list[str], feed_paths: list[str]) -> tuple[str, bytes]:
    """urls.json from the catalogue, the rendered pages (output paths) and the feeds."""
    urls = {url.path: url for url in permanent_urls(catalog)}
    for page in page_paths:
        if page not in NOT_LISTED:
            path = "/" + page.removesuffix("index.html")
            urls.setdefault(path, SiteUrl(path, "halaman"))
    for feed in feed_paths:
        urls.setdefault("/" + feed, SiteUrl("/" + feed, "umpan"))
    records = [
        {"path": url.path, "jenis": url.kind, **({"tujuan": url.target} if url.target else {})}
        for url in sorted(urls.values(), key=lambda url: url.path)
    ]
    # One address per line: small, and a diff between two builds reads as the URLs added and removed.
    lines = ",\n".join("  " + json.dumps(record, ensure_ascii=False) for record in records)
    text = f'{{\n "base_url": {json.dumps(config.base_url)},\n "urls": [\n{lines}\n ]\n}}\n'
    return URLS_FILE, text.encode("utf-8")
