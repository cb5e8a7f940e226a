"""Redirect pages: each `aliases` entry of an innovation serves a tiny page leading to its permanent URL."""

from __future__ import annotations

from ..config import SiteConfig
from ..incremental import PageSpec
from ..model import Catalog
from ..render import PAGE_CONTEXTS
from .urls import alias_path

LAYOUT = "redirect.html"


def redirect_pages(config: SiteConfig, catalog: Catalog) -> list[PageSpec]:
    """One page per alias: an immediate meta refresh, rel=canonical, noindex and a visible link."""
    pages = []
    for item in catalog.innovations:
        context = {"item": item}
        if set(context) != set(PAGE_CONTEXTS[LAYOUT]):  # the documented contract, as render.py enforces it
            raise TypeError(f"{LAYOUT} documents {sorted(PAGE_CONTEXTS[LAYOUT])}, got {sorted(context)}")
        canonical = config.base_url + item.path.lstrip("/")
        for alias in item.aliases:
            path = alias_path(alias).lstrip("/") + "index.html"
            pages.append(PageSpec(path, LAYOUT, {"current": "", "canonical": canonical, **context}))
    return sorted(pages, key=lambda page: page.path)
