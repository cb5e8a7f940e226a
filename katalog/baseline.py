"""`build --baseline`: an earlier build's urls.json, and each permanent URL of it this build would lose."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

from .locale import Locale
from .model import Catalog
from .outputs.urls import PERMANENT_KINDS, permanent_urls
from .problems import Problem, ProblemFactory

FETCH_TIMEOUT = 30  # seconds for the live site's urls.json
MAX_BYTES = 50_000_000  # a 10,000-entry urls.json is about 1 MB


def load_baseline(source: str, locale: Locale) -> tuple[list[tuple[str, str]] | None, list[Problem]]:
    """(path, jenis) of every URL listed in `source` (a file or an http(s) URL), or None and the reason."""
    ui, factory = locale.ui, ProblemFactory(locale)

    def unreadable(reason: str) -> tuple[None, list[Problem]]:
        return None, [factory.make("alamat-dasar-tidak-terbaca", source, found=source, source=source, reason=reason)]

    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": "katalog-inovasi-daerah (build --baseline)"})
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
                raw = response.read(MAX_BYTES)
        except urllib.error.HTTPError as error:
            return unreadable(ui["alasan_dasar_http"].format(status=error.code))
        except (urllib.error.URLError, OSError, ValueError) as error:
            return unreadable(ui["alasan_dasar_jaringan"].format(error=getattr(error, "reason", error)))
    else:
        try:
            raw = Path(source).read_bytes()
        except FileNotFoundError:
            return unreadable(ui["alasan_dasar_tidak_ada"])
        except OSError as error:
            return unreadable(error.strerror or str(error))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return unreadable(ui["alasan_dasar_bukan_json"])
    urls = data.get("urls") if isinstance(data, dict) else None
    if not isinstance(urls, list) or not all(
        isinstance(url, dict) and isinstance(url.get("path"), str) and url["path"].startswith("/")
        and isinstance(url.get("jenis"), str) for url in urls
    ):
        return unreadable(ui["alasan_dasar_bentuk"])
    return [(url["path"], url["jenis"]) for url in urls], []


def vanished_urls(earlier: list[tuple[str, str]], catalog: Catalog, source: str, locale: Locale) -> list[Problem]:
    """An error for each earlier entry, OPD or redirect URL that this catalogue no longer serves."""
    factory = ProblemFactory(locale)
    served = {url.path for url in permanent_urls(catalog)}
    problems = []
    for path, kind in sorted(set(earlier)):
        if kind not in PERMANENT_KINDS or path in served:
            continue
        if kind == "opd":
            slug = path.strip("/").split("/")[-1]
            problems.append(factory.make("alamat-opd-hilang", source, found=path, path=path, slug=slug))
        else:
            problems.append(factory.make("alamat-hilang", source, found=path, path=path))
    return problems
