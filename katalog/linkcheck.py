"""Internal link and asset check of a built site: every reference to a page or file of the site must exist.

Each HTML file is parsed once (html.parser); every href, src, srcset, og:image / og:url and Pagefind image
that points inside the site (its base_url's path, or its full address) is resolved against the set of
written files, and a #fragment against the ids of the target page. Other sites are not fetched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .parallel import map_chunks

URL_ATTRIBUTES = frozenset({"href", "src", "poster", "data", "action"})
META_URLS = frozenset({"og:image", "og:url", "twitter:image"})


@dataclass(frozen=True)
class BrokenReference:
    """A reference on `page` (a path inside the output) to `url`, which the site does not have."""

    page: str
    url: str


@dataclass(frozen=True)
class LinkReport:
    pages: int
    references: int  # internal references checked
    broken: tuple[BrokenReference, ...]


@dataclass(frozen=True)
class _Page:
    path: str
    references: tuple[str, ...]
    ids: frozenset[str]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[str] = []
        self.ids: set[str] = set()
        self.canonical = ""

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if not value:
                continue
            if name in URL_ATTRIBUTES:
                self.references.append(value)
            elif name == "srcset":
                self.references.extend(part.split()[0] for part in value.split(",") if part.strip())
            elif name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name == "data-pagefind-meta" and value.startswith("image:"):
                self.references.append(value.removeprefix("image:"))
        if tag == "meta" and values.get("property", values.get("name")) in META_URLS and values.get("content"):
            self.references.append(values["content"])
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href") or ""

    handle_startendtag = handle_starttag


def site_address(output: Path, fallback: str = "/") -> str:
    """The address the site was built for: the home page's canonical URL, else `fallback`."""
    home = output / "index.html"
    if home.is_file():
        collector = _Collector()
        collector.feed(home.read_text(encoding="utf-8", errors="replace"))
        if collector.canonical:
            return collector.canonical
    return fallback


def check_links(output: Path, base_url: str = "") -> LinkReport:
    """Every broken internal reference of the site in `output`, page by page, in path order."""
    base_url = base_url or site_address(output)
    files = _files(output)
    pages = map_chunks(_parse_chunk, [(output, path) for path in sorted(files) if path.endswith(".html")])
    ids = {page.path: page.ids for page in pages}
    site = urlsplit(base_url)
    base_path = site.path if site.path.endswith("/") else site.path + "/"
    origin = f"{site.scheme}://{site.netloc}" if site.netloc else "http://katalog.invalid"
    broken, checked = [], 0
    for page in pages:
        page_url = origin + base_path + page.path
        for reference in page.references:
            target = urlsplit(urljoin(page_url, reference.strip()))
            if target.scheme not in ("http", "https") or f"{target.scheme}://{target.netloc}" != origin:
                continue  # mailto:, tel:, other sites
            checked += 1
            if not _exists(unquote(target.path), target.fragment, base_path, files, ids):
                broken.append(BrokenReference(page.path, reference))
    return LinkReport(len(pages), checked, tuple(broken))


def _files(output: Path) -> set[str]:
    """Every file of the site, as a path relative to `output` with forward slashes."""
    found = set()
    for directory, _, names in os.walk(output):
        prefix = Path(directory).relative_to(output).as_posix()
        found.update(name if prefix == "." else f"{prefix}/{name}" for name in names)
    return found


def _parse_chunk(jobs: list[tuple[Path, str]]) -> list[_Page]:
    """Parse a chunk of pages (in a worker process when the site is large)."""
    pages = []
    for output, path in jobs:
        collector = _Collector()
        collector.feed((output / path).read_text(encoding="utf-8", errors="replace"))
        collector.close()
        pages.append(_Page(path, tuple(collector.references), frozenset(collector.ids)))
    return pages


def _exists(path: str, fragment: str, base_path: str, files: set[str], ids: dict[str, frozenset[str]]) -> bool:
    """Whether a site path (and its #fragment, on a page) is there, as a static host would serve it."""
    if not path.startswith(base_path) and path + "/" != base_path:
        return False
    relative = path[len(base_path):]
    if relative == "" or relative.endswith("/"):
        target = relative + "index.html"
    elif relative in files:
        target = relative
    else:
        target = relative + "/index.html"  # hosts redirect /folder to /folder/
    if target not in files:
        return False
    return not fragment or target not in ids or fragment in ids[target]
