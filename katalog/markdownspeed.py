"""Python-Markdown's stock processing at a fraction of the cost, with byte-identical output (tests compare them)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Callable

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension, TocTreeprocessor, remove_fnrefs, render_inner_html, strip_tags, unique
from markdown.inlinepatterns import Pattern
from markdown.treeprocessors import InlineProcessor


def _needs(needle: str) -> Callable[[str], bool]:
    return lambda text: needle in text


def _needs_both(first: str, second: str) -> Callable[[str], bool]:
    return lambda text: first in text and second in text


_URL_START = re.compile(r"(?i)://|www\.")  # magiclink's own case folding, where only "W" folds to "w"

# Text each registered inline pattern's regular expression cannot match without, by the pattern's registered name.
# Most text nodes of an entry are plain prose: skipping a pattern there saves its scan and ~1 µs of bookkeeping.
# A pattern not named here is always tried.
TRIGGERS: dict[str, Callable[[str], bool]] = {
    "backtick": _needs("`"),
    "escape": _needs("\\"),
    "reference": _needs("["),
    "link": _needs("["),
    "short_reference": _needs("["),
    "image_link": _needs("!["),
    "image_reference": _needs("!["),
    "short_image_ref": _needs("!["),
    "autolink": _needs_both("<", "://"),  # magiclink's <http://...>
    "automail": _needs_both("<", "@"),
    "linebreak": _needs("  \n"),
    "html": _needs("<"),
    "magic-link": lambda text: "://" in text or "www." in text or ("W" in text and _URL_START.search(text) is not None),
    "magic-mail": _needs("@"),
    "entity": _needs("&"),
    "delimiter": lambda text: "*" in text or "_" in text or "~" in text,  # pymdownx.betterem and tilde
}


class PrefilteredInlineProcessor(InlineProcessor):
    """The stock 'inline' treeprocessor, passing over a pattern on text that lacks what the pattern needs."""

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        triggers = {self.inlinePatterns[name]: test for name, test in TRIGGERS.items() if name in self.inlinePatterns}
        self._patterns: list[tuple[Pattern, Callable[[str], bool] | None]] = [
            (pattern, triggers.get(pattern)) for pattern in self.inlinePatterns
        ]
        return super().run(tree, ancestors)

    # Overrides the stock private method (name-mangled) that the stock run() and nested matches call.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """The stock loop: each pattern from patternIndex on, repeated while it matches; a skip counts as no match."""
        if isinstance(data, util.AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        patterns = self._patterns
        start = 0
        while patternIndex < len(patterns):
            pattern, needs = patterns[patternIndex]
            if needs is not None and not needs(data):
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class HeadingIdTreeprocessor(TocTreeprocessor):
    """The toc extension's heading ids (same slugs, same `_1` de-duplication) without the table of contents
    nobody reads; a document that asks for the table with the `[TOC]` marker gets the stock treatment."""

    def run(self, doc: etree.Element) -> None:
        if self.use_anchors or self.use_permalinks or self._has_marker(doc):
            return super().run(doc)
        used_ids = {element.attrib["id"] for element in doc.iter() if "id" in element.attrib}
        counters: dict[str, int] = {}
        for element in doc.iter():
            if isinstance(element.tag, str) and self.header_rgx.match(element.tag):
                self.set_level(element)
                if "id" not in element.attrib:
                    slug = self.slugify(html.unescape(self._name(element)), self.sep)
                    element.attrib["id"] = unique(slug, used_ids, counters)
                element.attrib.pop("data-toc-label", None)
        return None

    def _has_marker(self, doc: etree.Element) -> bool:
        # A superset of where the stock processor looks for the marker: any element's own text.
        return bool(self.marker) and any(
            element.text and element.text.strip() == self.marker for element in doc.iter()
        )

    def _name(self, heading: etree.Element) -> str:
        """The heading's plain text, as the stock processor derives it."""
        text = heading.text or ""
        # Plain text serialises to itself: no child elements, nothing to escape, no stash placeholders.
        if len(heading) == 0 and not any(char in text for char in "&<>\x02\x03"):
            return " ".join(text.split())
        return strip_tags(render_inner_html(remove_fnrefs(heading), self.md))


class HeadingIds(TocExtension):
    """Drop-in for the `toc` extension when only the heading ids are used (same configuration)."""

    TreeProcessorClass = HeadingIdTreeprocessor


class PrefilteredInline(Extension):
    """Replaces the stock inline treeprocessor by the prefiltered one (same name and priority)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(PrefilteredInlineProcessor(md), "inline", 20)


def fast_markdown(extensions: list[str], configs: dict[str, dict]) -> Markdown:
    """A Markdown converter equivalent to Markdown(extensions=extensions, extension_configs=configs), only faster."""
    chosen: list[str | Extension] = [
        HeadingIds(**configs.get("toc", {})) if name == "toc" else name for name in extensions
    ]
    return Markdown(extensions=[*chosen, PrefilteredInline()], extension_configs=configs)
