"""Live preview: rebuild on every change to the site's sources and reload the open browser page.

The preview server injects one small script (preview.js) into every HTML page it serves; the script
polls /__pratinjau/status and reloads when a new build is published, or shows the build's problems
on top of the page when the content is broken. Published sites never contain it.
"""

from __future__ import annotations

import html
import json
import threading
import traceback
from dataclasses import dataclass, replace
from http import HTTPStatus
from pathlib import Path
from typing import Callable, Mapping

import watchfiles

from .pipeline import CheckResult
from .quickpage import QuickState, prepare, quick_render
from .report import format_problems
from .serve import Handler

SCRIPT_PATH = "/__pratinjau.js"
STATUS_PATH = "/__pratinjau/status"
SCRIPT = (Path(__file__).parent / "preview.js").read_bytes()
WATCHED = ("content", "layouts", "assets", "site_config.yaml")


@dataclass(frozen=True)
class BuildStatus:
    """What the open pages need to know: a number that changes with every update, and problems as text."""

    version: int
    problems: str  # "" when the last build succeeded
    busy: bool = False  # a full build is running


class PreviewState:
    """The latest BuildStatus and the pages the fast path made, shared by the watcher, builder and server threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._status = BuildStatus(0, "")
        self._pages: dict[str, tuple[int, bytes]] = {}  # output path -> (edit number, HTML)
        self._edits = 0

    @property
    def status(self) -> BuildStatus:
        with self._lock:
            return self._status

    def publish(self, problems: str) -> None:
        with self._lock:
            self._status = BuildStatus(self._status.version + 1, problems, self._status.busy)

    def set_busy(self, busy: bool) -> None:
        with self._lock:
            self._status = replace(self._status, busy=busy)

    def show_pages(self, pages: Mapping[str, bytes]) -> None:
        """Serve these pages instead of the files on disk, until a full build that saw them is out."""
        with self._lock:
            self._edits += 1
            self._pages.update((path, (self._edits, page)) for path, page in pages.items())

    def mark(self) -> int:
        """The latest edit number; a build starting now sees every edit up to it."""
        with self._lock:
            return self._edits

    def built(self, mark: int) -> None:
        """A build that started at `mark` is out: the pages of edits up to it are on disk."""
        with self._lock:
            self._pages = {path: entry for path, entry in self._pages.items() if entry[0] > mark}

    def page(self, path: str) -> bytes | None:
        with self._lock:
            entry = self._pages.get(path)
        return entry[1] if entry else None


def preview_handler(state: PreviewState, fallback_title: str) -> type[Handler]:
    """The static handler, plus the status endpoint, the script, and the script tag in every HTML page."""

    class PreviewHandler(Handler):
        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == STATUS_PATH:
                status = state.status
                body = {"versi": status.version, "masalah": status.problems, "sibuk": status.busy}
                self._send(json.dumps(body).encode(), "application/json")
            elif path == SCRIPT_PATH:
                self._send(SCRIPT, "text/javascript; charset=utf-8")
            elif (page := self._html_file(path)) is not None:
                relative = page.relative_to(Path(self.directory)).as_posix() if page.is_relative_to(self.directory) else ""
                self._send(_inject(state.page(relative) or page.read_bytes()), "text/html; charset=utf-8")
            elif not Path(self.directory).is_dir():  # the first build failed: a bare page that shows why
                self._send(_inject(_bare_page(fallback_title)), "text/html; charset=utf-8", HTTPStatus.SERVICE_UNAVAILABLE)
            else:
                super().do_GET()

        def _html_file(self, path: str) -> Path | None:
            local = Path(self.translate_path(path))
            if local.is_dir():
                local = local / "index.html"
            return local if local.suffix == ".html" and local.is_file() else None

        def _send(self, body: bytes, content_type: str, code: HTTPStatus = HTTPStatus.OK) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return PreviewHandler


def _inject(page: bytes) -> bytes:
    tag = f'<script type="module" src="{SCRIPT_PATH}"></script>'.encode()
    position = page.rfind(b"</body>")
    return page[:position] + tag + page[position:] if position >= 0 else page + tag


def _bare_page(title: str) -> bytes:
    return f'<!doctype html><html lang="id"><meta charset="utf-8"><title>{html.escape(title)}</title><body><main><h1>{html.escape(title)}</h1></main></body></html>'.encode()


# A full build: stale_index -> (exit status, problems as text, what the check learnt or None).
FullBuild = Callable[[bool], "tuple[int, str, CheckResult | None]"]


class LivePreview:
    """Watches the sources: edited entries show at once (quickpage), and every change gets a full build.

    Full builds run one at a time on a thread of their own, first publishing pages with the previous
    search index, then bringing the index up to date; changes during a build get one more build after it.
    """

    def __init__(self, root: Path, state: PreviewState, build: FullBuild, first: CheckResult | None) -> None:
        self._root, self._state, self._build = root, state, build
        self._first = first
        self._quick: QuickState | None = None
        self._problems = ""  # of the last full build
        self._wanted = threading.Event()
        if first is not None and first.ok:
            state.set_busy(True)  # until the fast path's state is ready, so `sibuk` never reads idle before it

    def run(self, stop: threading.Event) -> None:
        """Until `stop` is set (or Ctrl-C)."""
        threading.Thread(target=self._builder, args=(stop,), daemon=True).start()
        paths = [self._root / name for name in WATCHED if (self._root / name).exists()]
        for changes in watchfiles.watch(*paths, stop_event=stop, debounce=200, step=50, raise_interrupt=False):
            self._changed({Path(path) for _, path in changes})

    def _changed(self, paths: set[Path]) -> None:
        quick = self._quick
        try:
            result = quick_render(quick, paths) if quick is not None else None
        except Exception:  # a fault in the fast path must not stop the watching: the full build follows anyway
            traceback.print_exc()
            result = None
        if result is not None and result.ok:
            self._state.show_pages(result.pages)
            self._state.publish(self._problems)
        elif result is not None:
            self._state.publish(format_problems(list(result.problems), quick.config.locale, "text"))
        self._state.set_busy(True)
        self._wanted.set()

    def _builder(self, stop: threading.Event) -> None:
        if self._first is not None and self._first.ok:
            self._guarded(lambda: self._built(0, "", self._first, 0))
            self._state.set_busy(self._wanted.is_set())
        while not stop.is_set():
            if not self._wanted.wait(0.5):
                continue
            self._wanted.clear()
            self._guarded(self._full_builds)
            self._state.set_busy(self._wanted.is_set())

    def _guarded(self, work: Callable[[], None]) -> None:
        """A fault in the generator is said on the terminal and in the page; the next change tries again."""
        try:
            work()
        except Exception:
            traceback.print_exc()
            self._state.publish(traceback.format_exc())

    def _full_builds(self) -> None:
        mark = self._state.mark()
        status, problems, check = self._build(True)  # pages first, with the previous search index
        self._built(status, problems, check, mark)
        self._state.publish(problems)
        if status == 0 and not self._wanted.is_set():
            mark = self._state.mark()
            status, problems, check = self._build(False)  # the search index brought up to date
            self._built(status, problems, check, mark)

    def _built(self, status: int, problems: str, check: CheckResult | None, mark: int) -> None:
        self._problems = problems
        if status == 0 and check is not None and check.ok:
            self._state.built(mark)
            self._quick = prepare(check, self._root)
