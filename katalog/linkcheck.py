"""Internal link and asset check of a built site: every reference to a page or file of the site must exist.

Each HTML file is read once; every href, src, srcset, og:image / og:url and Pagefind image that points
inside the site (its base_url's path, or its full address) is resolved against the set of written files,
and a #fragment against the ids of the target page. Other sites are not fetched.

Speed: html.parser costs tens of microseconds per tag, and most tags of a generated page (header, menu,
footer, facts) recur on every page. So a page is split into its start tags with html.parser's own
start-tag grammar, and html.parser parses each distinct tag that can carry a reference or an id once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .parallel import map_chunks

URL_ATTRIBUTES = frozenset({"href", "src", "poster", "data", "action"})
META_URLS = frozenset({"og:image", "og:url", "twitter:image"})
# A start tag, quoted attribute values may hold ">" (html.parser's tolerant grammar). Generated pages hold
# no tag-like text elsewhere: text is escaped, comments stripped, and JSON blobs escape "<".
START_TAG = re.compile(r"""<[a-zA-Z][^\s/>]*(?:[\s/]+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?)*[\s/]*>""")
WANTED = ("href", "src", "id=", "name=", "content=", "data-pagefind-meta", "poster", "data=", "action")


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
    """Parse a chunk of pages (in a worker process when the site is large), each distinct tag once."""
    collector = _Collector()
    seen: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    pages = []
    for output, path in jobs:
        references: list[str] = []
        ids: set[str] = set()
        for tag in START_TAG.findall((output / path).read_text(encoding="utf-8", errors="replace")):
            found = seen.get(tag)
            if found is None:
                found = seen[tag] = _parse_tag(collector, tag) if any(word in tag for word in WANTED) else ((), ())
            references.extend(found[0])
            ids.update(found[1])
        pages.append(_Page(path, tuple(references), frozenset(ids)))
    return pages


def _parse_tag(collector: _Collector, tag: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The references and ids of one start tag, read by html.parser."""
    collector.reset()  # a <script> tag would leave the parser waiting for </script>
    collector.references, collector.ids = [], set()
    collector.feed(tag)
    return tuple(collector.references), tuple(collector.ids)


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
