"""Reading built pages in tests: links, titles and the text of chosen elements (stdlib parser)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[str] = []
        self.title = ""
        self.h1 = ""
        self.main_links: list[str] = []
        self._stack: list[str] = []
        self._in_main = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.references.append(values[name])
        for value in values.values():
            if value and value.startswith("/pagefind/"):
                self.references.append(value)
        if tag == "main":
            self._in_main += 1
        if tag == "a" and self._in_main and values.get("href"):
            self.main_links.append(values["href"])
        if tag not in ("meta", "link", "img", "br", "input", "hr"):
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main -= 1
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_data(self, data):
        if self._stack and self._stack[-1] == "title":
            self.title += data
        if self._stack and self._stack[-1] == "h1":
            self.h1 += data


def scan(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def resolve(output: Path, page: Path, reference: str, base_path: str = "/") -> Path | None:
    """The output file an internal href/src points at, or None for external links."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or reference.startswith("#"):
        return None
    if parts.path.startswith("/"):
        assert parts.path.startswith(base_path), reference
        target = output / parts.path[len(base_path):]
    else:
        target = page.parent / parts.path
    return target / "index.html" if parts.path.endswith("/") else target
