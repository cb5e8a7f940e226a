"""Social-card images (1200x630 PNG) for link previews: one per innovation and one for the whole site.

Drawn with Pillow's bundled font (no font files to fetch), cached by a hash of everything drawn, in parallel.
The card is drawn as a greyscale image whose grey levels index a palette: level 0 is the primary colour, levels up
to 254 blend it towards white (so anti-aliased white text stays smooth), 255 is the accent colour. A palette PNG
has a third of an RGB image's bytes to compress and comes out about half as large.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, partial
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import PIL
from PIL import Image, ImageDraw, ImageFont

from ..config import SiteConfig
from ..model import Catalog
from ..parallel import map_chunks
from ..progress import Ticker

WIDTH, HEIGHT = 1200, 630  # Open Graph's recommended size; base.html states it in og:image:width/height
CARD_FILE = "kartu.png"  # inovasi/<slug>/kartu.png, and the site's card at the root
VERSION = "2"  # bump when the layout changes, so cached cards are redrawn

MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
TITLE_SIZES = (76, 70, 64, 58, 52, 48)  # the largest size at which the title fits on TITLE_LINES wins
TITLE_LINES = 3
TITLE_TOP = 132
TOP_SIZE, SUBTITLE_SIZE, BOTTOM_SIZE = 30, 34, 32
SUBTITLE_LINES = 2
BOTTOM_Y = 540
WHITE, MUTED, ACCENT = 254, 205, 255  # grey levels, i.e. palette indexes
ELLIPSIS = "…"
COVERAGE_STEPS = 16  # anti-aliasing levels kept per glyph: looks the same, and the PNG is about a fifth smaller
# Characters the bundled font lacks, drawn as their nearest look-alike (accented letters fall back to the base letter).
LOOKALIKES = {
    "–": "-", "—": "-", "‒": "-", "−": "-", "‐": "-", "•": "·", "×": "x", "„": "“", "‚": "‘", "\u00a0": " ",
}


@dataclass(frozen=True)
class CardText:
    """What one card says: a small top line, the big title, a subtitle and a bottom line."""

    top: str
    title: str
    subtitle: str
    bottom: str


@dataclass(frozen=True)
class CardStyle:
    """The site's colours (#rrggbb), the same on every card."""

    primary: str
    accent: str


def share_cards(config: SiteConfig, catalog: Catalog, cache: Path, ticker: Ticker = Ticker()) -> list[tuple[str, Path]]:
    """(output path, cached PNG) of the site's card and every innovation's card, drawn or reused from the cache;
    `ticker` counts them."""
    cache.mkdir(parents=True, exist_ok=True)
    opds = catalog.opd_by_slug
    jobs = [(CARD_FILE, site_card_text(config))] + [
        (f"inovasi/{item.slug}/{CARD_FILE}", CardText(
            config.site_name, item.title, opds[item.opd].name, f"{config.region} · {item.year}"
        ))
        for item in catalog.innovations
    ]
    style = CardStyle(config.color_primary, config.color_accent)
    ticker.total(len(jobs))
    return map_chunks(partial(_card_chunk, style, cache), jobs, done=ticker.advance)


def site_card_text(config: SiteConfig) -> CardText:
    """The card shared with every page that is not an innovation: the site, its region and its address."""
    address = urlsplit(config.base_url)
    region = ", ".join(part for part in (config.region, config.province) if part)
    return CardText(region, config.site_name, config.locale.ui["kartu_situs"].format(region=config.region),
                    (address.netloc + address.path).rstrip("/"))


def _card_chunk(style: CardStyle, cache: Path, jobs: list[tuple[str, CardText]]) -> list[tuple[str, Path]]:
    """Cards of a chunk of jobs (in a worker process)."""
    return [(relative, _cached_card(text, style, cache)) for relative, text in jobs]


def _cached_card(text: CardText, style: CardStyle, cache: Path) -> Path:
    """The cached card showing `text`, drawn first if no build drew it before."""
    drawn = [VERSION, PIL.__version__, style.primary, style.accent, text.top, text.title, text.subtitle, text.bottom]
    cached = cache / (hashlib.sha256(json.dumps(drawn).encode()).hexdigest()[:24] + ".png")
    if not cached.exists():
        # Unique per process: two entries with identical cards may be drawn at once in two workers.
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(draw_card(text, style))
        temporary.replace(cached)
    return cached


def draw_card(text: CardText, style: CardStyle) -> bytes:
    """The PNG bytes of one card."""
    image = _background(style).copy()
    for line in _fit_shared(text.top, TOP_SIZE, 1):
        _paste_line(image, MARGIN, 58, line, TOP_SIZE, MUTED)
    size, lines = _fit_title(text.title)
    y = TITLE_TOP
    for line in lines:
        _draw_line(image, MARGIN, y, line, size, WHITE)
        y += round(size * 1.2)
    y += 18
    for line in _fit_shared(text.subtitle, SUBTITLE_SIZE, SUBTITLE_LINES):
        _paste_line(image, MARGIN, y, line, SUBTITLE_SIZE, MUTED)
        y += round(SUBTITLE_SIZE * 1.3)
    ImageDraw.Draw(image).rectangle((MARGIN, BOTTOM_Y + 8, MARGIN + 21, BOTTOM_Y + 29), fill=ACCENT)
    for line in _fit_shared(text.bottom, BOTTOM_SIZE, 1):
        _paste_line(image, MARGIN + 40, BOTTOM_Y, line, BOTTOM_SIZE, WHITE)
    image.putpalette(_palette(style))
    # Level 1 with the run-length strategy: the flat background costs almost nothing to encode or download.
    buffer = BytesIO()
    image.save(buffer, "PNG", compress_level=1, compress_type=3)
    return buffer.getvalue()


@lru_cache(maxsize=4)
def _background(style: CardStyle) -> Image.Image:
    """The parts every card of a site shares: background and the accent stripe along the top."""
    image = Image.new("L", (WIDTH, HEIGHT), 0)
    ImageDraw.Draw(image).rectangle((0, 0, WIDTH - 1, 15), fill=ACCENT)
    return image


@lru_cache(maxsize=4)
def _palette(style: CardStyle) -> tuple[int, ...]:
    primary, accent = _rgb(style.primary), _rgb(style.accent)
    blend = [round(p + (255 - p) * level / WHITE) for level in range(WHITE + 1) for p in primary]
    return tuple(blend + list(accent))


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@lru_cache(maxsize=None)
def _font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's bundled Aileron at `size`, laid out without Raqm so every machine draws the same pixels."""
    return ImageFont.load_default(size=size).font_variant(layout_engine=ImageFont.Layout.BASIC)


def _draw_line(image: Image.Image, x: int, y: int, line: str, size: int, level: int) -> None:
    """Draw `line` glyph by glyph from a per-process cache: a few times faster than rasterising every card's text."""
    draw = ImageDraw.Draw(image)
    for mask, left, top in _glyphs_placed(x, line, size):
        draw.bitmap((left, y + top), mask, fill=level)


def _paste_line(image: Image.Image, x: int, y: int, line: str, size: int, level: int) -> None:
    """Draw a line that many cards share (site name, OPD, region and year) from a per-process cache of whole lines.

    Lines never share a pixel of ink, so pasting the line's ink where its mask is set gives the same pixels as
    drawing it glyph by glyph on the card."""
    strip = _line_strip(x, line, size, level)
    if strip is not None:
        ink, mask, left, top = strip
        image.paste(ink, (left, y + top), mask)


@lru_cache(maxsize=256)
def _line_strip(x: int, line: str, size: int, level: int) -> tuple[Image.Image, Image.Image, int, int] | None:
    """`line` drawn on the background within its ink's bounding box, that box's mask of ink, and its position."""
    placed = _glyphs_placed(x, line, size)
    if not placed:
        return None
    left, top = min(left for _, left, _ in placed), min(top for _, _, top in placed)
    right = max(left + mask.width for mask, left, _ in placed)
    bottom = max(top + mask.height for mask, _, top in placed)
    ink = Image.new("L", (right - left, bottom - top), 0)
    draw = ImageDraw.Draw(ink)
    for mask, glyph_left, glyph_top in placed:
        draw.bitmap((glyph_left - left, glyph_top - top), mask, fill=level)
    return ink, ink.point([0] + [255] * 255), left, top


def _glyphs_placed(x: float, line: str, size: int) -> list[tuple[Image.Image, int, int]]:
    """Each visible glyph of `line` with its left edge on the card and its top relative to the line's top."""
    placed = []
    for char in line:
        glyph = _glyph_mask(size, char)
        if glyph is not None:
            mask, left, top = glyph
            placed.append((mask, round(x) + left, top))
        x += _advance(size, char)
    return placed


@lru_cache(maxsize=None)
def _glyph_mask(size: int, char: str) -> tuple[Image.Image, int, int] | None:
    """The anti-aliased coverage of one character and its offset from the pen position (None for blanks)."""
    left, top, right, bottom = _font(size).getbbox(char)
    if right <= left or bottom <= top:
        return None
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), char, font=_font(size), fill=255)
    step = 255 / (COVERAGE_STEPS - 1)
    return mask.point([round(round(value / step) * step) for value in range(256)]), left, top


@lru_cache(maxsize=None)
def _advance(size: int, char: str) -> float:
    # Basic layout applies no kerning, so a line's width is the sum of its characters' advances.
    return _font(size).getlength(char)


def _width(text: str, size: int) -> float:
    return sum(_advance(size, char) for char in text)


@lru_cache(maxsize=None)
def _has_glyph(char: str) -> bool:
    """Whether the bundled font draws `char` (it covers ASCII and a few marks), not its empty-box glyph."""
    return _glyph(char) != _glyph("\U000f0000")  # a private-use character: surely the empty box


def _glyph(char: str) -> tuple[bytes, float]:
    image = Image.new("L", (48, 48))
    ImageDraw.Draw(image).text((8, 8), char, font=_font(24), fill=255)
    return image.tobytes(), _font(24).getlength(char)


def drawable(text: str) -> str:
    """`text` in characters the font has: "Kafé – Sehat" -> "Kafe - Sehat"; unknown characters are left out."""
    result = []
    for char in unicodedata.normalize("NFC", text):
        if _has_glyph(char):
            result.append(char)
        elif char in LOOKALIKES:
            result.append(LOOKALIKES[char])
        elif char.isspace():
            result.append(" ")
        else:
            result.extend(part for part in unicodedata.normalize("NFKD", char) if _has_glyph(part))
    return "".join(result)


def wrap_words(words: list[str], width: float, measure) -> list[str]:
    """Greedy word wrap: lines of whole words, each at most `width` wide unless a single word is wider."""
    lines: list[str] = []
    for word in words:
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and measure(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def shorten(line: str, width: float, measure) -> str:
    """`line` with whole words dropped from its end until it fits with an ellipsis: "Layanan Warga…"."""
    words = line.split(" ")
    while len(words) > 1 and measure(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    text = " ".join(words).rstrip(" ,.;:-·")
    if measure(text + ELLIPSIS) > width:  # one word wider than the card: the only case cut inside a word
        while text and measure(text + ELLIPSIS) > width:
            text = text[:-1]
    return text + ELLIPSIS


def _fit(text: str, size: int, max_lines: int) -> list[str]:
    """`text` wrapped at `size` into at most `max_lines` lines, the last one ellipsised when text is left over."""
    measure = partial(_width, size=size)
    lines = wrap_words(drawable(text).split(), TEXT_WIDTH, measure)
    if len(lines) <= max_lines and all(measure(line) <= TEXT_WIDTH for line in lines):
        return lines
    kept = [line if measure(line) <= TEXT_WIDTH else shorten(line, TEXT_WIDTH, measure) for line in lines[:max_lines]]
    return kept[:-1] + [shorten(lines[max_lines - 1], TEXT_WIDTH, measure)] if len(lines) > max_lines else kept


@lru_cache(maxsize=256)
def _fit_shared(text: str, size: int, max_lines: int) -> tuple[str, ...]:
    """_fit, once per process, for the lines many cards share (site name, OPD, region and year)."""
    return tuple(_fit(text, size, max_lines))


def _fit_title(title: str) -> tuple[int, list[str]]:
    """The largest title size at which the whole title fits in TITLE_LINES lines; else the smallest, ellipsised."""
    words = drawable(title).split()
    for size in TITLE_SIZES:
        measure = partial(_width, size=size)
        lines = wrap_words(words, TEXT_WIDTH, measure)
        if len(lines) <= TITLE_LINES and all(measure(line) <= TEXT_WIDTH for line in lines):
            return size, lines
    return TITLE_SIZES[-1], _fit(title, TITLE_SIZES[-1], TITLE_LINES)
