"""Contributor Markdown -> safe HTML that looks the way GitHub's file preview shows it."""

from __future__ import annotations

import html

import markdown
import nh3

# What a contributor sees in GitHub's preview is what the site shows: tables, a list directly
# after a paragraph line (mdx_breakless_lists), bare URLs as links, ~~strikethrough~~.
EXTENSIONS = [
    "tables",
    "fenced_code",
    "sane_lists",
    "mdx_breakless_lists",
    "pymdownx.magiclink",
    "pymdownx.tilde",
    "pymdownx.betterem",
    "toc",
]
EXTENSION_CONFIGS = {
    "tables": {"use_align_attribute": True},
    "pymdownx.tilde": {"subscript": False},
    "toc": {"permalink": False},
}

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "del", "s", "code", "pre",
    "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "img", "sup", "sub", "abbr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    "abbr": {"title"},
    **{f"h{level}": {"id"} for level in range(2, 7)},
}
URL_SCHEMES = {"http", "https", "mailto"}


class MarkdownRenderer:
    """Converts entry bodies; one instance per process (Python-Markdown keeps state per document)."""

    def __init__(self, table_label: str = "Tabel") -> None:
        self._md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        # Wide tables scroll sideways on phones; a focusable, labelled region lets keyboards scroll them too.
        self._table_open = f'<div class="table-scroll" role="region" aria-label="{html.escape(table_label)}" tabindex="0"><table>'

    def render(self, source: str) -> str:
        """Markdown source -> sanitised HTML fragment."""
        self._md.reset()
        clean = sanitise(self._md.convert(source))
        return clean.replace("<table>", self._table_open).replace("</table>", "</table></div>")


def sanitise(html: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes (contributed HTML is untrusted)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    )
