"""/sitemap.xml with every canonical page URL, and /robots.txt pointing search engines at it."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..config import SiteConfig

NOT_LISTED = ("404.html", "cari/index.html")  # the missing-page answer and the search page are no content


def sitemap_files(config: SiteConfig, page_paths: list[str]) -> list[tuple[str, bytes]]:
    """sitemap.xml (sorted, so builds are byte-identical) and robots.txt."""
    urls = sorted(config.base_url + path.removesuffix("index.html") for path in page_paths if path not in NOT_LISTED)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(url)}</loc></url>" for url in urls]
    lines.append("</urlset>")
    robots = f"User-agent: *\nAllow: /\nSitemap: {config.base_url}sitemap.xml\n"
    return [("sitemap.xml", ("\n".join(lines) + "\n").encode("utf-8")), ("robots.txt", robots.encode("utf-8"))]
