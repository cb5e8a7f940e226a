#!/usr/bin/env python3
"""Seeded generator of a realistic catalogue of any size, for benchmarks.

    python benchmarks/corpus.py --entries 10000 --out /tmp/korpus-10k [--seed 1]

Entries follow the content contract: Kota Bontang's real OPD records, years 2019-2026, every value
of tahapan/jenis/bentuk, 1-3 urusan, optional fields in realistic proportions, and a body of
400-900 words in the five IID sections whose sentences are drawn from the demo content.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SECTIONS = ("Latar Belakang", "Rancang Bangun", "Tujuan", "Manfaat", "Hasil")
STAGES = ("inisiatif", "uji coba", "penerapan")
KINDS = ("digital", "non digital")
FORMS = ("tata kelola pemerintahan daerah", "pelayanan publik", "inovasi daerah lainnya")
INITIATORS = ("kepala daerah", "anggota dprd", "perangkat daerah", "asn", "masyarakat")
WORDS_OF_TITLE = (
    "Layanan", "Sistem", "Gerakan", "Program", "Aplikasi", "Klinik", "Pojok", "Kampung", "Sekolah", "Posyandu",
    "Antrean", "Data", "Peta", "Jemput", "Bola", "Terpadu", "Daring", "Keliling", "Warga", "Pesisir", "Sehat",
    "Bersih", "Cepat", "Ramah", "Tanggap", "Pintar", "Mandiri", "Bersama", "Informasi", "Pengaduan", "Pangan",
)


def sentence_pool() -> list[str]:
    """Sentences of the demo entries' bodies, the raw material of generated text."""
    sentences = []
    for path in sorted((REPO / "content" / "inovasi").glob("*/*.md")):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        for line in body.split("\n"):
            if line and not line.startswith(("#", "|", "-", "1.", "2.", "3.", "4.", "5.")):
                sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s.split()) >= 6]
    return sentences


def paragraph_text(rng: random.Random, pool: list[str], words: int) -> str:
    paragraphs, current, count = [], [], 0
    while count < words:
        sentence = rng.choice(pool)
        current.append(sentence)
        count += len(sentence.split())
        if len(current) >= rng.randint(3, 6):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def entry(rng: random.Random, pool: list[str], urusan: list[str], number: int) -> tuple[str, str]:
    """(slug, file text) of one generated innovation."""
    words = rng.sample(WORDS_OF_TITLE, 3)
    acronym = "".join(w[:2] for w in words).upper()
    title = f"{acronym}: {' '.join(words)} {number}"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    year = rng.randint(2019, 2026)
    stage = rng.choice(STAGES)
    front: dict = {
        "judul": title,
        "tahun": year,
        "tahapan": stage,
        "jenis": rng.choice(KINDS),
        "bentuk": rng.choice(FORMS),
        "urusan": rng.sample(urusan, rng.randint(1, 3)),
        "ringkasan": rng.choice([s for s in pool if 30 <= len(s) <= 200] or ["Warga mendapat layanan yang lebih cepat dan mudah."]),
    }
    if rng.random() < 0.8:
        front["inisiator"] = rng.choice(INITIATORS)
    start = f"{year}-{rng.randint(1, 4):02d}-{rng.randint(1, 28):02d}"
    front["tanggal_inisiatif"] = start
    if stage in ("uji coba", "penerapan"):
        front["tanggal_uji_coba"] = f"{year}-{rng.randint(5, 8):02d}-{rng.randint(1, 28):02d}"
    if stage == "penerapan":
        front["tanggal_penerapan"] = f"{year}-{rng.randint(9, 12):02d}-{rng.randint(1, 28):02d}"
    if rng.random() < 0.1:
        front["status"] = "dihentikan"
    if rng.random() < 0.6:
        front["tag"] = rng.sample(["layanan", "digital", "pesisir", "kesehatan", "anak", "umkm", "data", "lingkungan"], 2)
    if rng.random() < 0.5:
        front["sdgs"] = sorted(rng.sample(range(1, 18), rng.randint(1, 3)))
    if rng.random() < 0.6:
        front["anggaran"] = rng.randint(0, 2_000) * 1_000_000
    if rng.random() < 0.5:
        front["kontak"] = {"nama": "Seksi Pelayanan", "email": f"layanan{number}@example.org"}
    if rng.random() < 0.3:
        front["tautan"] = [{"label": "Panduan layanan", "url": f"https://example.org/panduan/{number}"}]
    total = rng.randint(400, 900)
    design = max(320, total // 2)
    rest = max(60, (total - design) // 4)
    body = "".join(
        f"\n## {section}\n\n{paragraph_text(rng, pool, design if section == 'Rancang Bangun' else rest)}\n"
        for section in SECTIONS
    )
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000) + "---\n" + body
    return slug, text


def generate(entries: int, out: Path, seed: int = 1) -> Path:
    """Write a complete site with `entries` innovations into `out` (replacing it)."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in ("layouts", "assets"):
        shutil.copytree(REPO / name, out / name)
    shutil.copytree(REPO / "content" / "opd", out / "content" / "opd")
    config = yaml.safe_load((REPO / "site_config.yaml").read_text(encoding="utf-8"))
    (out / "site_config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    opds = sorted(path.stem for path in (REPO / "content" / "opd").glob("*.yaml"))
    pool = sentence_pool()
    for number in range(1, entries + 1):
        slug, text = entry(rng, pool, config["urusan"], number)
        folder = out / "content" / "inovasi" / rng.choice(opds)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.entries, args.out, args.seed)
    print(f"{args.entries} entries in {args.out}")


if __name__ == "__main__":
    main()
