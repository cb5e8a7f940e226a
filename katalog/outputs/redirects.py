"""Redirect pages: each `aliases` entry of an innovation serves a tiny page leading to its permanent URL."""

from __future__ import annotations

from ..config import SiteConfig
from ..model import Catalog
from ..render import PAGE_CONTEXTS, Page, asset_urls, create_environment
from .urls import alias_path

LAYOUT = "redirect.html"


def redirect_pages(config: SiteConfig, catalog: Catalog) -> list[Page]:
    """One page per alias: an immediate meta refresh, rel=canonical, noindex and a visible link."""
    template = create_environment(config).get_template(LAYOUT)
    common = {"site": config, "t": config.locale.ui, "assets": asset_urls(config), "opds": catalog.opd_by_slug, "current": ""}
    pages = []
    for item in catalog.innovations:
        canonical = config.base_url + item.path.lstrip("/")
        context = {"item": item}
        if set(context) != set(PAGE_CONTEXTS[LAYOUT]):  # the documented contract, as render.py enforces it
            raise TypeError(f"{LAYOUT} documents {sorted(PAGE_CONTEXTS[LAYOUT])}, got {sorted(context)}")
        for alias in item.aliases:
            html = template.render(**common, canonical=canonical, **context)
            pages.append(Page(alias_path(alias).lstrip("/") + "index.html", html.encode("utf-8")))
    return sorted(pages, key=lambda page: page.path)
