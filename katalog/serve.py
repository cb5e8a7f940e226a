"""Local preview: the built output served on 127.0.0.1, with the site's own 404 page."""

from __future__ import annotations

import functools
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .outputs.headers import security_headers


class Handler(SimpleHTTPRequestHandler):
    """Static files as a static host serves them; missing paths get /404.html."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".wasm": "application/wasm"}

    def end_headers(self):
        # The headers a production host sends from _headers, so the preview behaves the same.
        for name, value in security_headers():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def make_server(site: Path, port: int, handler_class: type[Handler] | None = None) -> ThreadingHTTPServer:
    """A server for `site` bound to loopback only (port 0 picks a free port)."""
    handler = functools.partial(handler_class or Handler, directory=str(site))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)
