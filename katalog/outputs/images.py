"""Innovation images resized with Pillow into a few widths, as WebP and as JPEG/PNG, cached between builds.

A 6 MB phone photo becomes files of tens of kilobytes; the page offers them through <picture>/srcset so
each phone downloads only the width it shows. Re-encoding also drops EXIF data (GPS positions).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PIL import Image, ImageOps

from ..model import Catalog
from ..parallel import map_chunks

WIDTHS = (480, 960, 1440)
SIZES = "(min-width: 46rem) 44rem, 100vw"  # images fill the text column, at most 44rem wide
JPEG_QUALITY, WEBP_QUALITY = 75, 70
VERSION = "1"  # bump when encoding settings change, so cached files are remade


@dataclass(frozen=True)
class Variant:
    file: str  # <name>-<width>.<ext>, beside the entry's page, so links are relative and base-path free
    folder: str  # output folder: inovasi/<slug>
    width: int
    height: int
    cached: Path


@dataclass(frozen=True)
class ResponsiveImage:
    """What a page needs to show one image: alt text, fallback and WebP candidates, intrinsic size."""

    alt: str
    fallback: tuple[Variant, ...]
    webp: tuple[Variant, ...]

    @property
    def default(self) -> Variant:
        return self.fallback[min(1, len(self.fallback) - 1)]

    @property
    def srcset(self) -> str:
        return ", ".join(f"{v.file} {v.width}w" for v in self.fallback)

    @property
    def webp_srcset(self) -> str:
        return ", ".join(f"{v.file} {v.width}w" for v in self.webp)

    @property
    def sizes(self) -> str:
        return SIZES


def process_images(catalog: Catalog, cache: Path) -> dict[Path, ResponsiveImage]:
    """Source image path -> its resized variants (made, or reused from the cache)."""
    jobs = [
        (image.source, image.alt, f"inovasi/{item.slug}", Path(image.file).stem)
        for item in catalog.innovations
        for image in item.images
    ]
    cache.mkdir(parents=True, exist_ok=True)
    # Resizing one photo takes ~0.1 s (six encodes), so a few dozen already pay for worker processes.
    results = map_chunks(partial(_process_chunk, cache), jobs, threshold=24, chunk_size=8)
    return {source: image for source, image in results}


def files_to_copy(images: dict[Path, ResponsiveImage]) -> list[tuple[str, Path]]:
    """(output path, cached file) of every variant."""
    return [
        (f"{variant.folder}/{variant.file}", variant.cached)
        for image in images.values()
        for variant in (*image.fallback, *image.webp)
    ]


def _process_chunk(cache: Path, jobs: list[tuple[Path, str, str, str]]) -> list[tuple[Path, ResponsiveImage]]:
    return [(source, _process(source, alt, folder, stem, cache)) for source, alt, folder, stem in jobs]


def _process(source: Path, alt: str, folder: str, stem: str, cache: Path) -> ResponsiveImage:
    data = source.read_bytes()
    key = hashlib.sha256(data + VERSION.encode()).hexdigest()[:20]
    fallback_format = "png" if source.suffix.lower() == ".png" else "jpg"
    with Image.open(source) as opened:
        original = ImageOps.exif_transpose(opened)
        widths = [w for w in WIDTHS if w < original.width] + [min(original.width, WIDTHS[-1])]
        fallback, webp = [], []
        for width in sorted(set(widths)):
            height = max(1, round(original.height * width / original.width))
            for extension, bucket in ((fallback_format, fallback), ("webp", webp)):
                cached = cache / f"{key}-{width}.{extension}"
                if not cached.exists():
                    _encode(original, width, height, extension, cached)
                bucket.append(Variant(f"{stem}-{width}.{extension}", folder, width, height, cached))
    return ResponsiveImage(alt, tuple(fallback), tuple(webp))


def _encode(image: Image.Image, width: int, height: int, extension: str, target: Path) -> None:
    """Resize and encode one variant; written under a temporary name so a crash leaves no half file."""
    resized = image.resize((width, height), Image.Resampling.LANCZOS) if width != image.width else image.copy()
    if extension == "jpg" and resized.mode not in ("RGB", "L"):
        resized = resized.convert("RGB")
    temporary = target.with_suffix(target.suffix + ".tmp")
    if extension == "jpg":
        resized.save(temporary, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif extension == "png":
        resized.save(temporary, "PNG", optimize=True)
    else:
        resized.save(temporary, "WEBP", quality=WEBP_QUALITY, method=4)
    temporary.replace(target)
