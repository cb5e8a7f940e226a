"""The site's assets/ folder, copied as it is."""

from __future__ import annotations

from pathlib import Path

from ..config import SiteConfig


def asset_files(config: SiteConfig) -> list[tuple[str, Path]]:
    """(output path, source file) for every file in assets/."""
    return [
        (f"assets/{path.name}", path)
        for path in sorted((config.root / "assets").glob("*"))
        if path.is_file() and not path.name.startswith(".")
    ]
