"""Share cards: a 1200x630 PNG per innovation (and one for the site) that link previews show, cached between builds."""

import json
import re

from PIL import Image

from conftest import REPO, SITES, read_entries, run_cli
from katalog.outputs.cards import CardStyle, CardText, drawable, draw_card, shorten, wrap_words

BASE = "https://uji.example.org/"
MINI_ENTRY = "content/inovasi/dinas-contoh/antrean-daring-puskesmas.md"


def meta(html: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    assert found, f"no {key} meta tag"
    return found.group(1)


def published() -> list[dict]:
    return [entry for entry in read_entries(SITES / "mini") if not entry.get("draft")]


def test_every_innovation_page_shares_its_own_card(built_mini):
    opds = {path.stem: path for path in (SITES / "mini/content/opd").glob("*.yaml")}
    assert published()
    for entry in published():
        html = (built_mini / "inovasi" / entry["slug"] / "index.html").read_text(encoding="utf-8")
        card = built_mini / "inovasi" / entry["slug"] / "kartu.png"
        assert meta(html, "og:image") == f"{BASE}inovasi/{entry['slug']}/kartu.png"
        assert meta(html, "twitter:image") == meta(html, "og:image")
        assert meta(html, "twitter:card") == "summary_large_image"
        assert entry["judul"] in meta(html, "og:image:alt") and str(entry["tahun"]) in meta(html, "og:image:alt")
        assert entry["opd"] in opds
        with Image.open(card) as image:
            assert image.format == "PNG" and image.size == (1200, 630), card
            assert (int(meta(html, "og:image:width")), int(meta(html, "og:image:height"))) == image.size
        assert card.stat().st_size < 60_000, f"{card} weighs {card.stat().st_size} bytes"


def test_every_other_page_shares_the_site_card_which_exists(built_mini):
    for page in built_mini.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        url = meta(html, "og:image")
        assert url.startswith(BASE) and (built_mini / url.removeprefix(BASE)).is_file(), (page, url)
        if "/inovasi/" not in url:
            assert url == BASE + "kartu.png", page
    with Image.open(built_mini / "kartu.png") as image:
        assert image.size == (1200, 630)


def test_cards_use_the_site_colours(built_mini):
    schema = json.loads((REPO / "katalog/schema/site_config.json").read_text(encoding="utf-8"))["properties"]
    primary, accent = (schema[key]["default"] for key in ("color_primary", "color_accent"))  # the mini site sets neither
    with Image.open(built_mini / "inovasi/antrean-daring-puskesmas/kartu.png") as image:
        rgb = image.convert("RGB")
    assert "#%02x%02x%02x" % rgb.getpixel((600, 5)) == accent  # the stripe along the top
    assert "#%02x%02x%02x" % rgb.getpixel((5, 300)) == primary  # the background
    assert any(rgb.getpixel((x, y)) == (255, 255, 255) for x in range(80, 1120) for y in range(140, 200, 3)), "no white title"


def test_cards_are_cached_and_redrawn_only_when_what_they_show_changes(site):
    root = site()
    assert run_cli("build", "--root", str(root)).returncode == 0
    cache = root / ".cache/katalog/kartu"
    drawn = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    assert len(drawn) == len(published()) + 1  # every innovation and the site
    first = (root / "public/inovasi/antrean-daring-puskesmas/kartu.png").read_bytes()
    assert run_cli("build", "--root", str(root)).returncode == 0
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()} == drawn, "a second build redrew cards"
    assert (root / "public/inovasi/antrean-daring-puskesmas/kartu.png").read_bytes() == first
    entry = root / MINI_ENTRY
    renamed = entry.read_text(encoding="utf-8").replace("judul: Antrean Daring Puskesmas", "judul: Antrean Daring Puskesmas Kota")
    entry.write_text(renamed, encoding="utf-8")
    assert run_cli("build", "--root", str(root)).returncode == 0
    now = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    assert len(set(now) - set(drawn)) == 1 and all(now[name] == mtime for name, mtime in drawn.items())
    assert (root / "public/inovasi/antrean-daring-puskesmas/kartu.png").read_bytes() != first


def test_drawing_is_deterministic():
    text = CardText("Katalog Uji", "Antrean Daring Puskesmas", "Dinas Contoh", "Kota Uji · 2024")
    style = CardStyle("#0b5d8c", "#f2b705")
    assert draw_card(text, style) == draw_card(text, style)


def test_the_bundled_font_draws_indonesian_text():
    # Every character an Indonesian title or OPD name normally uses has a glyph, so nothing is replaced.
    sample = ("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 "
              "“SIGAP”: Layanan Cepat (Tahap 2) & Rp150.000.000, 100% - Kel. Tanjung Laut/Bontang Kuala; ‘e-KTP’ …")
    assert drawable(sample) == sample
    # What it lacks is drawn as the nearest look-alike rather than as empty boxes.
    assert drawable("Kafé Literasi – Pojok Baca") == "Kafe Literasi - Pojok Baca"


def test_wrapping_never_cuts_a_word_and_shortens_with_an_ellipsis():
    words = "Sistem Informasi Pemantauan Jentik Nyamuk oleh Juru Pemantau".split()
    lines = wrap_words(words, 20, len)
    assert " ".join(lines).split() == words
    assert all(len(line) <= 20 for line in lines)
    assert shorten("Sistem Informasi Pemantauan", 20, len) == "Sistem Informasi…"
    assert shorten("Layanan: Cepat", 12, len) == "Layanan…"  # no dangling colon before the ellipsis


def test_a_title_too_long_for_three_lines_ends_in_an_ellipsis_on_a_whole_word():
    from katalog.outputs.cards import TITLE_LINES, _fit_title

    title = " ".join(["Gerakan Bersama Warga Pesisir Menjaga Kebersihan Lingkungan"] * 4)
    size, lines = _fit_title(title)
    assert len(lines) == TITLE_LINES and lines[-1].endswith("…")
    shown = " ".join(lines).removesuffix("…").split()
    assert shown == title.split()[: len(shown)]
    short_size, short_lines = _fit_title("Antrean Daring Puskesmas")
    assert short_lines == ["Antrean Daring Puskesmas"] and short_size > size  # short titles are drawn bigger
