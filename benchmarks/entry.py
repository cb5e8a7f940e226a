"""One generated innovation file: front matter in the real field mix, photos, and the five IID sections."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

from PIL import Image, ImageDraw

from plan import Plan, slugify, title_case
from prose import SECTIONS, Vocabulary, Writer, count_words

LAST_DAY = dt.date(2026, 11, 15)  # a fixed "today": the corpus never depends on the clock

# Front matter is written by hand rather than with yaml.dump: PyYAML's C dumper alone would take ~25 s at
# 100,000 entries. Values that are not safe as plain YAML are written as JSON strings (valid YAML).
PLAIN = re.compile(r"[A-Za-z(][^\n#\"']*")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})


def scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if DATE.fullmatch(text):
        return text  # as contributors write dates; katalog reads them as text
    if PLAIN.fullmatch(text) and ": " not in text and not text.endswith((" ", ":")) and text.lower() not in RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def front_matter(data: dict) -> str:
    lines = ["---"]
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {scalar(v)}" for k, v in value.items()]
        elif isinstance(value, list):
            lines.append(f"{key}:")
            for item in value:
                if isinstance(item, dict):
                    pairs = [f"{k}: {scalar(v)}" for k, v in item.items()]
                    lines += ["  - " + pairs[0]] + ["    " + pair for pair in pairs[1:]]
                else:
                    lines.append(f"  - {scalar(item)}")
        else:
            lines.append(f"{key}: {scalar(value)}")
    return "\n".join(lines) + "\n---\n"


def dates(rng: random.Random, year: int, stage: str) -> dict[str, str]:
    """Stage dates in order, none after LAST_DAY; penerapan always has its date (or check warns)."""
    start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    found = {"tanggal_inisiatif": start} if rng.random() < 0.9 or stage == "inisiatif" else {}
    later = start
    if stage in ("uji coba", "penerapan") and (stage == "penerapan" or rng.random() < 0.9):
        later += dt.timedelta(days=rng.randint(30, 240))
        found["tanggal_uji_coba"] = later
    if stage == "penerapan":
        found["tanggal_penerapan"] = later + dt.timedelta(days=rng.randint(30, 300))
    return {key: min(day, LAST_DAY).isoformat() for key, day in found.items()}


def photo(rng: random.Random, path: Path) -> None:
    """A small seeded JPEG: a few coloured shapes on a plain ground (a stand-in for a phone photo)."""
    image = Image.new("RGB", (800, 533), tuple(rng.randint(60, 220) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(4, 10)):
        x, y = rng.randint(-100, 760), rng.randint(-100, 500)
        box = (x, y, x + rng.randint(40, 400), y + rng.randint(40, 300))
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    image.save(path, "JPEG", quality=80)


def entry(vocabulary: Vocabulary, plan: Plan, seed: int, folder: Path) -> tuple[str, bool, str, int]:
    """(file text, is draft, searchable text, body words) of one entry; writes its photos beside it."""
    rng = random.Random(f"{seed}/{plan.number}")
    topic = vocabulary.topics[plan.topic]
    writer = Writer(vocabulary, rng, topic, plan.name, plan.opd.agency, plan.year)
    age = 2026 - plan.year
    roll = rng.random()
    stage = "penerapan" if roll < min(0.8, 0.15 + 0.11 * age) else "uji coba" if roll < min(0.95, 0.5 + 0.08 * age) else "inisiatif"
    others = sorted(set(topic.urusan[1:] + writer.other.urusan) - {topic.urusan[0]})
    urusan = [topic.urusan[0]] + rng.sample(others, min(len(others), rng.choices((0, 1, 2), (55, 35, 10))[0]))
    summary = writer.summary()
    data: dict = {
        "judul": plan.title, "tahun": plan.year, "tahapan": stage,
        "jenis": "digital" if rng.random() < 0.55 else "non digital",
        "bentuk": rng.choices(("pelayanan publik", "tata kelola pemerintahan daerah", "inovasi daerah lainnya"), (55, 30, 15))[0],
        "urusan": urusan, "ringkasan": summary,
    }
    if rng.random() < 0.85:
        data["inisiator"] = rng.choices(("perangkat daerah", "asn", "kepala daerah", "masyarakat", "anggota dprd"), (45, 20, 15, 15, 5))[0]
    data.update(dates(rng, plan.year, stage))
    if rng.random() < 0.02 + 0.015 * age:
        data["status"] = "dihentikan"
    elif rng.random() < 0.4:
        data["status"] = "aktif"
    if rng.random() < 0.65:
        tags = {rng.choice(topic.tags) for _ in range(rng.randint(1, 3))} | {vocabulary.pools["tags_general"].pick(rng) for _ in range(rng.randint(0, 2))}
        data["tag"] = sorted(tags)
    if rng.random() < 0.5:
        data["sdgs"] = sorted({rng.choice(topic.sdgs) for _ in range(rng.randint(1, 3))})
    if rng.random() < 0.55:
        data["anggaran"] = 0 if rng.random() < 0.04 else int(10 ** rng.uniform(7, 9.7)) // 100_000 * 100_000
    if rng.random() < 0.6:
        contact = {"nama": f"{rng.choice(('Bidang', 'Seksi', 'Subbagian', 'UPT', 'Tim'))} {title_case(writer.theme_objects[0])}"}
        if rng.random() < 0.5:
            contact["jabatan"] = rng.choice(("Kepala Bidang", "Kepala Seksi", "Kepala Subbagian", "Koordinator", "Pelaksana"))
        if rng.random() < 0.75:
            contact["email"] = f"{plan.name.lower()}.{slugify(plan.opd.agency)}@example.org"
        if rng.random() < 0.3:
            contact["telepon"] = f"0548 {rng.randint(20, 29)}{rng.randint(1000, 9999)}" if rng.random() < 0.5 else \
                f"+62 8{rng.randint(11, 59)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        data["kontak"] = contact
    if rng.random() < 0.25:
        labels = (f"Panduan {plan.name}", "Formulir daring", f"Laporan tahunan {plan.year}", "Berita peluncuran", "Video tutorial")
        data["tautan"] = [{"label": label, "url": f"https://example.org/{plan.opd.slug}/{plan.slug}/{slugify(label)}"}
                          for label in rng.sample(labels, rng.randint(1, 3))]
    if rng.random() < 0.04:
        data["gambar"] = []
        for index in range(1, rng.choice((1, 1, 1, 2)) + 1):
            file = f"{plan.slug[:40].rstrip('-')}-{index}.jpg"
            photo(rng, folder / file)
            data["gambar"].append({"file": file, "alt": writer.alt()})
    if rng.random() < 0.02:
        data["aliases"] = [f"/arsip/{plan.year}/{plan.name.lower()}/"]
    draft = rng.random() < 0.01
    if draft:
        data["draft"] = True
    for attempt in range(10):  # rarely, long sentences overshoot 900 words: write it again, shorter
        body = _body(writer, rng, plan, 430, 780 - 60 * attempt)
        words = count_words(body)
        if words <= 900:
            break
    return front_matter(data) + body, draft, f"{plan.title} {summary} {body}", words


def _body(writer: Writer, rng: random.Random, plan: Plan, low: int, high: int) -> str:
    """The five IID sections: Rancang Bangun has at least 300 words; the whole body about `low`-`high` words."""
    total = int(rng.triangular(low, max(low, high), (low + high) / 2))
    design = max(315, int(total * rng.uniform(0.4, 0.5)))
    rest = total - design
    targets = {"Latar Belakang": 0.3, "Rancang Bangun": 0, "Tujuan": 0.15, "Manfaat": 0.25, "Hasil": 0.3}
    parts = []
    for section in SECTIONS:
        words = design if section == "Rancang Bangun" else max(25, int(rest * targets[section]))
        text = writer.section(section, words)
        if section == "Latar Belakang" and plan.introduce:
            text = f"Inovasi ini dikenal dengan sebutan {plan.name}. " + text
        parts.append(f"\n## {section}\n\n{text}\n")
    return "".join(parts)

