"""/sitemap.xml with every canonical page URL, and /robots.txt pointing search engines at it."""

from __future__ import annotations

import datetime as dt
from typing import Mapping
from xml.sax.saxutils import escape

from ..config import SiteConfig
from ..history import History
from ..model import Catalog

NOT_LISTED = ("404.html", "cari/index.html")  # the missing-page answer and the search page are no content


def page_dates(catalog: Catalog, history: History) -> dict[str, dt.date]:
    """Output path -> last change, where git knows it: an entry's file; an OPD's record or newest entry."""
    dates: dict[str, dt.date] = {}
    newest: dict[str, dt.date] = {}  # OPD slug -> its newest entry's last change
    for item in catalog.innovations:
        if (known := history.of(item.source)) is not None:
            day = dates[f"inovasi/{item.slug}/index.html"] = known.last.date()
            newest[item.opd] = max(day, newest.get(item.opd, day))
    for opd in catalog.opds:
        record = history.of(f"content/opd/{opd.slug}.yaml")
        days = [day for day in (newest.get(opd.slug), record.last.date() if record else None) if day is not None]
        if days:
            dates[f"opd/{opd.slug}/index.html"] = max(days)
    return dates


def sitemap_files(config: SiteConfig, page_paths: list[str], lastmod: Mapping[str, dt.date] | None = None) -> list[tuple[str, bytes]]:
    """sitemap.xml (sorted, so builds are byte-identical; `lastmod` by output path) and robots.txt."""
    lastmod = lastmod or {}
    pages = sorted((path.removesuffix("index.html"), path) for path in page_paths if path not in NOT_LISTED)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, path in pages:
        date = f"<lastmod>{lastmod[path].isoformat()}</lastmod>" if path in lastmod else ""
        lines.append(f"  <url><loc>{escape(config.base_url + url)}</loc>{date}</url>")
    lines.append("</urlset>")
    robots = f"User-agent: *\nAllow: /\nSitemap: {config.base_url}sitemap.xml\n"
    return [("sitemap.xml", ("\n".join(lines) + "\n").encode("utf-8")), ("robots.txt", robots.encode("utf-8"))]
