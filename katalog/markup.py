"""Contributor Markdown -> safe HTML that looks the way GitHub's file preview shows it."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3

from .markdownspeed import fast_markdown

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


SECTION_HEADING = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>')
# In nh3's output every attribute is double-quoted and escaped, so these read it reliably.
IMAGE_TAG = re.compile(r"<img\b[^>]*>")
IMAGE_SRC = re.compile(r'\ssrc="([^"]*)"')
IMAGE_ALT = re.compile(r'\salt="([^"]*)"')


@dataclass(frozen=True)
class Section:
    """One `##` section of an entry: its anchor id, heading (HTML) and content (HTML)."""

    anchor: str
    heading: str
    html: str


@dataclass(frozen=True)
class Body:
    """An entry's rendered body: what precedes the first `##` heading, then its sections."""

    lead: str
    sections: tuple[Section, ...]


class MarkdownRenderer:
    """Converts entry bodies; one instance per process (Python-Markdown keeps state per document)."""

    def __init__(self, table_label: str = "Tabel") -> None:
        self._md = fast_markdown(EXTENSIONS, EXTENSION_CONFIGS)
        # Wide tables scroll sideways on phones; a focusable, labelled region lets keyboards scroll them too.
        self._table_open = f'<div class="table-scroll" role="region" aria-label="{html.escape(table_label)}" tabindex="0"><table>'

    def render(self, source: str) -> str:
        """Markdown source -> sanitised HTML fragment."""
        self._md.reset()
        clean = link_external_images(sanitise(self._md.convert(source)))
        return clean.replace("<table>", self._table_open).replace("</table>", "</table></div>")

    def render_sections(self, source: str) -> Body:
        """The body split at its `##` headings, so layouts can wrap each IID section."""
        html_text = self.render(source)
        parts = SECTION_HEADING.split(html_text)
        sections = tuple(
            Section(anchor, heading, content.strip())
            for anchor, heading, content in zip(parts[1::3], parts[2::3], parts[3::3])
        )
        return Body(parts[0].strip(), sections)


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


def link_external_images(clean: str) -> str:
    """An image from another site becomes a link to it (pages load nothing from outside); one left without
    a source by the sanitiser becomes its alt text."""

    def replace(match: re.Match) -> str:
        tag = match.group(0)
        src, alt = IMAGE_SRC.search(tag), IMAGE_ALT.search(tag)
        if src is not None and not _is_external(html.unescape(src.group(1))):
            return tag
        text = alt.group(1) if alt and alt.group(1) else (src.group(1) if src else "")
        inside_link = clean.rfind("<a ", 0, match.start()) > clean.rfind("</a>", 0, match.start())
        if src is None or inside_link:  # a link cannot hold another link
            return text
        return f'<a href="{src.group(1)}" rel="noopener">{text}</a>'

    return IMAGE_TAG.sub(replace, clean)


def _is_external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.scheme or parts.netloc)
