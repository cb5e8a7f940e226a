"""Atom feeds of new and updated innovations: /feed.xml for the site and /opd/<opd>/feed.xml per OPD.

Deterministic: entries are ordered by their last change, and a feed's `updated` is its newest entry's,
never the time of the build.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from typing import Mapping

from ..config import SiteConfig
from ..history import History
from ..model import Catalog, Innovation, Opd

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_SIZE = 50
SITE_FEED = "feed.xml"
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)  # the schema's first allowed year, for an empty catalogue


@dataclass(frozen=True)
class Dates:
    """Each entry's `updated` and (when git knows it) `published`, by slug; `fallback` for an empty feed."""

    updated: Mapping[str, dt.datetime]
    published: Mapping[str, dt.datetime]
    fallback: dt.datetime


def entry_updated(item: Innovation, history: History) -> dt.datetime:
    """The entry's last change: its file's last commit, else its latest stage date, else 1 January of its year."""
    dates = history.of(item.source)
    if dates is not None:
        return dates.last
    days = [day for day in (item.date_initiated, item.date_trial, item.date_applied) if day is not None]
    day = max(days) if days else dt.date(item.year, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def opd_feed_path(opd: Opd) -> str:
    return f"opd/{opd.slug}/{SITE_FEED}"


def feed_files(config: SiteConfig, catalog: Catalog, history: History) -> list[tuple[str, bytes]]:
    """The site feed and one feed per OPD (empty ones too: their pages link to them)."""
    ui = config.locale.ui
    updated = {item.slug: entry_updated(item, history) for item in catalog.innovations}
    newest_first = sorted(catalog.innovations, key=lambda item: (-updated[item.slug].timestamp(), item.slug))
    fallback = max(updated.values(), default=EARLIEST)
    by_opd: dict[str, list[Innovation]] = defaultdict(list)
    for item in newest_first:
        by_opd[item.opd].append(item)
    published = {item.slug: dates.first for item in catalog.innovations if (dates := history.of(item.source))}
    dated = Dates(updated, published, fallback)
    site_title = ui["umpan_judul"].format(site=config.site_name)
    files = [(SITE_FEED, _feed(config, catalog, SITE_FEED, site_title, "/", newest_first[:FEED_SIZE], dated))]
    for opd in catalog.opds:
        title = ui["umpan_opd_judul"].format(opd=opd.name)
        files.append((opd_feed_path(opd), _feed(config, catalog, opd_feed_path(opd), title, opd.path, by_opd[opd.slug][:FEED_SIZE], dated)))
    return files


def _feed(
    config: SiteConfig, catalog: Catalog, path: str, title: str, page: str,
    items: list[Innovation], dates: Dates,
) -> bytes:
    """One Atom document (RFC 4287): id and self link are the feed's own URL, alternate its HTML page."""
    opds = catalog.opd_by_slug
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: config.language})
    _text(feed, "id", config.base_url + path)
    _text(feed, "title", title)
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": config.base_url + path})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": config.base_url + page.lstrip("/")})
    _text(feed, "updated", max((dates.updated[item.slug] for item in items), default=dates.fallback).isoformat())
    author = ET.SubElement(feed, "author")
    _text(author, "name", config.locale.ui["pemerintah_daerah"].format(region=config.region))
    _text(author, "uri", config.base_url)
    for item in items:
        opd, url = opds[item.opd], config.base_url + item.path.lstrip("/")
        entry = ET.SubElement(feed, "entry")
        _text(entry, "id", url)
        _text(entry, "title", item.title)
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": url})
        _text(entry, "updated", dates.updated[item.slug].isoformat())
        if item.slug in dates.published:
            _text(entry, "published", dates.published[item.slug].isoformat())
        entry_author = ET.SubElement(entry, "author")
        _text(entry_author, "name", opd.name)
        _text(entry_author, "uri", config.base_url + opd.path.lstrip("/"))
        for affair in item.affairs:
            ET.SubElement(entry, "category", {"term": affair})
        _text(entry, "summary", item.summary)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element
