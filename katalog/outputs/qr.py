"""QR codes of each innovation's permanent URL, for the printed sheet; cached, since the URL never changes."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import segno

# The exact shape segno writes: pages inline this SVG unescaped, so a cached file (which a pull
# request could plant) is used only when it is nothing but a QR code's paths.
SEGNO_SVG = re.compile(
    r'<svg width="\d+" height="\d+" class="segno"><g transform="scale\(\d+\)">'
    r'<path fill="#fff" d="[MmHhVvZz0-9 .-]+"/><path class="qrline" stroke="#000" d="[MmHhVvZz0-9 .-]+"/></g></svg>\s*'
)


def qr_svg(url: str, cache: Path) -> str:
    """Inline SVG of a QR code for `url`, from the cache when it was made before (and is really one)."""
    cache.mkdir(parents=True, exist_ok=True)
    cached = cache / (hashlib.sha256(url.encode()).hexdigest()[:24] + ".svg")
    if cached.is_file() and not cached.is_symlink():
        svg = cached.read_text(encoding="utf-8", errors="replace")
        if SEGNO_SVG.fullmatch(svg):
            return svg
    # A fixed mask skips segno's eight-way mask search: about 3x faster, still readable by any scanner.
    code = segno.make_qr(url, error="m", mask=0, boost_error=False)
    svg = code.svg_inline(scale=3, border=2, dark="#000", light="#fff", omitsize=False)
    temporary = cached.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(svg, encoding="utf-8")
    temporary.replace(cached)
    return svg
