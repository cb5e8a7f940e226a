"""Pagefind over the written site: the static search index under /pagefind/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(Exception):
    """Pagefind did not produce an index; carries its own output."""


def index_site(site: Path) -> None:
    """Run the pinned Pagefind binary (pagefind-bin) over `site`, writing `site/pagefind/`."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind_bin", "--site", str(site), "--silent"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        raise SearchIndexError((result.stdout + result.stderr).strip())
