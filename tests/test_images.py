"""A phone photo becomes a few small resized files, offered with srcset, and is not re-encoded next build."""

import random
import re

from PIL import Image, ImageDraw, ImageFilter

from conftest import run_cli
from htmlscan import scan

ENTRY = "content/inovasi/kelurahan-contoh/taman-baca-kelurahan.md"


def phone_photo(path, seed=7):
    """A 4000x3000 JPEG like a phone's: shapes and soft edges under sensor grain, about 6 MB at quality 95."""
    rng = random.Random(seed)
    scene = Image.new("RGB", (4000, 3000), (120, 160, 200))
    draw = ImageDraw.Draw(scene)
    for _ in range(400):
        x, y, w, h = rng.randrange(4000), rng.randrange(3000), rng.randrange(40, 900), rng.randrange(40, 700)
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x, y, x + w, y + h), fill=tuple(rng.randrange(256) for _ in range(3)))
    grain = Image.merge("RGB", [Image.effect_noise((4000, 3000), 60)] * 3)
    Image.blend(scene.filter(ImageFilter.GaussianBlur(2)), grain, 0.22).save(path, "JPEG", quality=95)


def test_a_phone_photo_costs_a_visitor_under_200_kb_and_is_cached(site):
    root = site()
    photo = root / "content/inovasi/kelurahan-contoh/foto-kegiatan.jpg"
    phone_photo(photo)
    assert photo.stat().st_size > 5_000_000
    text = (root / ENTRY).read_text(encoding="utf-8").replace(
        "gambar:\n", "gambar:\n  - file: foto-kegiatan.jpg\n    alt: Anak-anak membaca buku cerita bersama\n"
    )
    (root / ENTRY).write_text(text, encoding="utf-8")
    assert run_cli("build", "--root", str(root)).returncode == 0
    folder = root / "public/inovasi/taman-baca-kelurahan"
    html = (folder / "index.html").read_text(encoding="utf-8")
    picture = re.search(r"<picture>.*?foto-kegiatan.*?</picture>", html, re.S).group(0)
    candidates = re.findall(r"(foto-kegiatan-\d+\.(?:webp|jpg)) (\d+)w", picture)
    assert {int(w) for _, w in candidates} == {480, 960, 1440}
    assert all((folder / name).is_file() for name, _ in candidates)
    assert max((folder / name).stat().st_size for name, _ in candidates) < 200_000
    assert 'width="960" height="720"' in picture and 'loading="lazy"' in picture
    assert not (folder / "foto-kegiatan.jpg").exists()  # the original is never published
    with Image.open(folder / "foto-kegiatan-960.jpg") as served:
        assert not served.getexif()  # no camera or GPS data reaches the public
    cached = {p: p.stat().st_mtime_ns for p in (root / ".cache/katalog/gambar").iterdir()}
    assert run_cli("build", "--root", str(root)).returncode == 0
    assert {p: p.stat().st_mtime_ns for p in (root / ".cache/katalog/gambar").iterdir()} == cached
    for reference in scan(folder / "index.html").references:
        if reference.startswith("foto-kegiatan"):
            assert (folder / reference).is_file()


def test_a_photo_taken_upright_is_served_upright_at_every_width(site):
    """A phone stores a portrait photo sideways with an EXIF orientation; every variant is turned the right way."""
    root = site()
    upright = Image.new("RGB", (1500, 2000), (40, 90, 160))
    ImageDraw.Draw(upright).rectangle((0, 0, 599, 499), fill=(220, 30, 30))  # a red block in the top-left corner
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # as the sensor wrote it; orientation 6 turns it back
    exif = stored.getexif()
    exif[0x0112] = 6
    stored.save(root / "content/inovasi/kelurahan-contoh/foto-tegak.jpg", "JPEG", quality=90, exif=exif)
    text = (root / ENTRY).read_text(encoding="utf-8").replace(
        "gambar:\n", "gambar:\n  - file: foto-tegak.jpg\n    alt: Rak buku taman baca\n"
    )
    (root / ENTRY).write_text(text, encoding="utf-8")
    assert run_cli("build", "--root", str(root)).returncode == 0
    folder = root / "public/inovasi/taman-baca-kelurahan"
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert 'width="960" height="1280"' in html
    for width in (480, 960, 1440):
        for extension in ("jpg", "webp"):
            with Image.open(folder / f"foto-tegak-{width}.{extension}") as served:
                assert served.size == (width, width * 4 // 3), f"foto-tegak-{width}.{extension} is {served.size}"
                red, green, blue = served.convert("RGB").getpixel((width // 10, width // 10))
                assert red > 150 and blue < 100, f"foto-tegak-{width}.{extension} is not upright"
                red, green, blue = served.convert("RGB").getpixel((width - width // 10, width * 4 // 3 - width // 10))
                assert blue > 120 and red < 100, f"foto-tegak-{width}.{extension} is not upright"
