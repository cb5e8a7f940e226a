"""Files copied as they are: the site's assets/ and each innovation's images."""

from __future__ import annotations

from pathlib import Path

from ..config import SiteConfig
from ..model import Catalog


def files_to_copy(config: SiteConfig, catalog: Catalog) -> list[tuple[str, Path]]:
    """(output path, source file) for every asset and every image of a published innovation."""
    copies = [
        (f"assets/{path.name}", path)
        for path in sorted((config.root / "assets").glob("*"))
        if path.is_file() and not path.name.startswith(".")
    ]
    for item in catalog.innovations:
        copies.extend((f"inovasi/{item.slug}/{image.file}", image.source) for image in item.images)
    return copies
