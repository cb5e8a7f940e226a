"""Live preview: rebuild on every change to the site's sources and reload the open browser page.

The preview server injects one small script (preview.js) into every HTML page it serves; the script
polls /__pratinjau/status and reloads when a new build is published, or shows the build's problems
on top of the page when the content is broken. Published sites never contain it.
"""

from __future__ import annotations

import html
import json
import threading
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Callable

import watchfiles

from .serve import Handler

SCRIPT_PATH = "/__pratinjau.js"
STATUS_PATH = "/__pratinjau/status"
SCRIPT = (Path(__file__).parent / "preview.js").read_bytes()
WATCHED = ("content", "layouts", "assets", "site_config.yaml")


@dataclass(frozen=True)
class BuildStatus:
    """What the open pages need to know: a number that changes with every build, and its problems as text."""

    version: int
    problems: str  # "" when the last build succeeded


class PreviewState:
    """The latest BuildStatus, shared between the watcher and the server threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._status = BuildStatus(0, "")

    @property
    def status(self) -> BuildStatus:
        with self._lock:
            return self._status

    def publish(self, problems: str) -> None:
        with self._lock:
            self._status = BuildStatus(self._status.version + 1, problems)


def preview_handler(state: PreviewState, fallback_title: str) -> type[Handler]:
    """The static handler, plus the status endpoint, the script, and the script tag in every HTML page."""

    class PreviewHandler(Handler):
        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == STATUS_PATH:
                status = state.status
                self._send(json.dumps({"versi": status.version, "masalah": status.problems}).encode(), "application/json")
            elif path == SCRIPT_PATH:
                self._send(SCRIPT, "text/javascript; charset=utf-8")
            elif (page := self._html_file(path)) is not None:
                self._send(_inject(page.read_bytes()), "text/html; charset=utf-8")
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


def watch(root: Path, rebuild: Callable[[], None], stop: threading.Event) -> None:
    """Call `rebuild` after every batch of changes to the site's sources, until `stop` is set."""
    paths = [root / name for name in WATCHED if (root / name).exists()]
    for _ in watchfiles.watch(*paths, stop_event=stop, debounce=200, step=50, raise_interrupt=False):
        rebuild()
