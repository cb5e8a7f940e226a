"""Innovation images resized with Pillow into a few widths, as WebP and as JPEG/PNG, cached between builds.

A 6 MB phone photo becomes files of tens of kilobytes; the page offers them through <picture>/srcset so
each phone downloads only the width it shows. Re-encoding also drops EXIF data (GPS positions).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PIL import ExifTags, Image, ImageOps

from ..model import Catalog
from ..parallel import map_chunks
from ..progress import Ticker

WIDTHS = (480, 960, 1440)
SIZES = "(min-width: 46rem) 44rem, 100vw"  # images fill the text column, at most 44rem wide
JPEG_QUALITY, WEBP_QUALITY = 75, 70
VERSION = "2"  # bump when encoding settings change, so cached files are remade


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


def process_images(catalog: Catalog, cache: Path, ticker: Ticker = Ticker()) -> dict[Path, ResponsiveImage]:
    """Source image path -> its resized variants (made, or reused from the cache); `ticker` counts the photos."""
    jobs = [
        (image.source, image.alt, f"inovasi/{item.slug}", Path(image.file).stem)
        for item in catalog.innovations
        for image in item.images
    ]
    cache.mkdir(parents=True, exist_ok=True)
    # Resizing one photo takes tens of milliseconds (up to six encodes), so a few dozen already pay for worker processes.
    ticker.total(len(jobs))
    results = map_chunks(partial(_process_chunk, cache), jobs, threshold=24, chunk_size=8, done=ticker.advance)
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
        # The size as the camera held it, read from the header: a build finding every variant cached decodes nothing.
        width, height = reversed(opened.size) if _turned(opened) else opened.size
        widths = sorted({w for w in WIDTHS if w < width} | {min(width, WIDTHS[-1])})
        sizes = [(w, max(1, round(height * w / width))) for w in widths]

        def variants(extension: str) -> list[Variant]:
            return [Variant(f"{stem}-{w}.{extension}", folder, w, h, cache / f"{key}-{w}.{extension}") for w, h in sizes]

        fallback, webp = variants(fallback_format), variants("webp")
        if not all(variant.cached.exists() for variant in (*fallback, *webp)):
            _make_variants(opened, sizes, list(zip(fallback, webp)))
    return ResponsiveImage(alt, tuple(fallback), tuple(webp))


def _turned(image: Image.Image) -> bool:
    """Whether ImageOps.exif_transpose swaps the image's width and height."""
    return image.getexif().get(ExifTags.Base.Orientation, 1) in (5, 6, 7, 8)


def _make_variants(opened: Image.Image, sizes: list[tuple[int, int]], pairs: list[tuple[Variant, Variant]]) -> None:
    """Decode once, resize once per width (each from the next larger one), encode both formats."""
    largest = sizes[-1]
    # A JPEG is decoded at 1/2, 1/4 or 1/8 scale where that stays at least the largest variant's size (other
    # formats ignore this): a 12-megapixel photo decodes faster and the resizes start from a quarter of the pixels.
    opened.draft(None, tuple(reversed(largest)) if _turned(opened) else largest)
    source = ImageOps.exif_transpose(opened)
    for size, (fallback, webp) in reversed(list(zip(sizes, pairs))):
        if size != source.size:
            source = source.resize(size, Image.Resampling.LANCZOS)
        for variant in (fallback, webp):
            if not variant.cached.exists():
                _encode(source, variant.cached)


def _encode(image: Image.Image, target: Path) -> None:
    """Encode one variant; written under a temporary name so a crash leaves no half file."""
    extension = target.suffix[1:]
    if extension == "jpg" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    temporary = target.with_suffix(target.suffix + ".tmp")
    if extension == "jpg":
        image.save(temporary, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif extension == "png":
        image.save(temporary, "PNG", optimize=True)
    else:
        # Method 2 of 0-6: about 2.5x faster than the default 4, files ~5% larger at the same quality setting.
        image.save(temporary, "WEBP", quality=WEBP_QUALITY, method=2)
    temporary.replace(target)
