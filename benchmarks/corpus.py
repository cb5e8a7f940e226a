#!/usr/bin/env python3
"""Seeded generator of a realistic catalogue of any size, for benchmarks.

    python benchmarks/corpus.py --entries 10000 --out /tmp/korpus-10k [--seed 1] [--jobs 2]

Entries follow the content contract: Kota Bontang's 46 real OPD records (innovations spread by the kind of OPD
and matched to its field of work), years 2019-2026 with recent years heavier, titles in the shapes real ones
take, optional fields in realistic proportions, small seeded JPEG photos on a few entries, and a body of
400-900 words in the five IID sections (Rancang Bangun at least 300). The text comes from prose.py: a
vocabulary of several thousand Indonesian words with Zipf-like frequencies, so most words are in few entries.
The same entries and seed always give byte-identical files. `<out>/kueri.json` names a rare, a medium and a
common word for the search benchmark, with the number of published entries each is in.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import json
import os
import random
import re
import shutil
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from prose import REPO, SECTIONS, Vocabulary, Writer, count_words

YEARS = {2019: 5, 2020: 6, 2021: 8, 2022: 10, 2023: 12, 2024: 15, 2025: 18, 2026: 16}  # relative weights
LAST_DAY = dt.date(2026, 11, 15)  # a fixed "today": the corpus never depends on the clock
OPD_WEIGHTS = {"dinas": 4, "badan": 4, "rsud": 3, "sekretariat": 2, "inspektorat": 2, "satuan": 2, "kecamatan": 2}
LINKING = frozenset({"bagi", "di", "dan", "untuk", "berbasis", "se", "yang"})
SYLLABLES = ("ba", "ka", "ma", "ra", "sa", "ta", "pa", "la", "na", "ga", "da", "ja", "wa", "ya", "ha")
CHUNK = 250  # entries per worker task
QUERY_TARGETS = {"rare": None, "medium": 0.01, "common": 0.35}
class _Letters(dict):
    """str.translate table keeping a-z and turning everything else into spaces: words are runs of a-z."""

    def __missing__(self, code: int) -> str:
        return " "


LETTERS_ONLY = _Letters({code: (chr(code) if "a" <= chr(code) <= "z" else " ") for code in range(128)})


@dataclass(frozen=True)
class Opd:
    slug: str
    agency: str  # how the text names it: Dinkes, Kelurahan Api-Api
    kind: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """What must be decided in order, for every entry at once: unique names and slugs."""

    number: int
    opd: Opd
    topic: str
    year: int
    title: str
    name: str  # the short name the text uses
    slug: str
    introduce: bool  # the title does not show the short name, so the text introduces it


def load_opds(vocabulary: Vocabulary) -> list[Opd]:
    """Kota Bontang's OPD records, each with the fields of work its innovations are about."""
    opds = []
    for path in sorted((REPO / "content" / "opd").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        topics = tuple(name for name, patterns in vocabulary.topic_opds.items()
                       if any(fnmatch.fnmatch(path.stem, pattern) for pattern in patterns))
        assert topics, f"vocabulary.yaml gives no topic to OPD {path.stem}"
        agency = record["nama"] if record["jenis"] in ("kelurahan", "kecamatan") else record["singkatan"]
        opds.append(Opd(path.stem, agency, record["jenis"], topics))
    return opds


def slugify(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def title_case(text: str) -> str:
    return " ".join(w if w.lower() in LINKING or w.isupper() else w[:1].upper() + w[1:] for w in text.split())


def short_name(words: list[str], rng: random.Random, taken: set[str], known: frozenset[str]) -> str:
    """An unused acronym from the first syllables of the name's words (Sistem Informasi Gizi -> SIINGI)."""
    parts = [re.sub(r"[^A-Za-z]", "", w) for w in words if w.lower() not in LINKING][:4]
    parts = [p for p in parts if p]
    for attempt in range(16):
        chunks = []
        for part in parts:
            vowel = next((i for i, c in enumerate(part.lower()) if c in "aeiou"), len(part) - 1)
            chunks.append(part[: vowel + 1 + (rng.random() < 0.3 + attempt * 0.05)])
        word = "".join(chunks).upper()
        if 3 <= len(word) <= 10 and word not in taken and word.lower() not in known:
            taken.add(word)
            return word
    word = "".join(chunks).upper()[:6]
    while word in taken or word.lower() in known:
        word += rng.choice(SYLLABLES).upper()
    taken.add(word)
    return word


def plan_entries(entries: int, rng: random.Random, vocabulary: Vocabulary, opds: list[Opd]) -> list[Plan]:
    """Titles, short names and slugs of every entry, unique across the catalogue."""
    weights = [OPD_WEIGHTS.get(opd.kind, 1) for opd in opds]
    years, year_weights = list(YEARS), list(YEARS.values())
    names: set[str] = set()
    slugs: set[str] = set()
    plans = []
    for number in range(1, entries + 1):
        opd = rng.choices(opds, weights)[0]
        topic = vocabulary.topics[rng.choice(opd.topics)]
        words = [vocabulary.pools["title_heads"].pick(rng)]
        words += [topic.pools["title_words"].pick(rng) for _ in range(rng.choice((1, 1, 2)))]
        if rng.random() < 0.5:
            words.append(vocabulary.pools["title_modifiers"].pick(rng))
        tail = rng.random()
        if tail < 0.1:
            words += ["bagi", title_case(topic.pools["people"].pick(rng))]
        elif tail < 0.2:
            words += ["di", vocabulary.places.pick(rng)]
        expansion = " ".join(words)
        acronym = short_name(expansion.split(), rng, names, vocabulary.words)
        shape = rng.random()
        introduce = False
        if shape < 0.35:
            title = f"{acronym}: {expansion}"
        elif shape < 0.5:
            title = f"{expansion} ({acronym})"
        elif shape < 0.6:
            acronym = acronym.capitalize()
            title = f"{acronym}: {expansion}"
        elif shape < 0.68:
            title = f"{acronym} {vocabulary.places.pick(rng)}" if tail >= 0.2 else f"{acronym} {expansion}"
        elif shape < 0.78:
            title = f"{acronym} ({expansion})"
        else:
            title, introduce = expansion, True
        base = "-".join(slugify(f"{acronym} {expansion}" if not introduce else expansion).split("-")[:8])
        slug, copy = base, 1
        while slug in slugs:
            copy += 1
            slug = f"{base}-{copy}"
        slugs.add(slug)
        year = rng.choices(years, year_weights)[0]
        plans.append(Plan(number, opd, topic.name, year, title, acronym, slug, introduce))
    return plans


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


_vocabulary: Vocabulary | None = None


def _start_worker(seed: int, kelurahan: list[str]) -> None:
    global _vocabulary
    _vocabulary = Vocabulary(seed, kelurahan)


def _write_chunk(task: tuple[Path, int, list[Plan]]) -> tuple[Counter, int, list[int]]:
    """Write a chunk of entries; (in how many published entries each word is, published entries, body word counts)."""
    out, seed, plans = task
    found: Counter = Counter()
    published, lengths = 0, []
    for plan in plans:
        folder = out / "content" / "inovasi" / plan.opd.slug
        text, draft, searchable, words = entry(_vocabulary, plan, seed, folder)
        (folder / f"{plan.slug}.md").write_text(text, encoding="utf-8")
        lengths.append(words)
        if not draft:
            published += 1
            found.update(set(searchable.lower().translate(LETTERS_ONLY).split()))
    return found, published, lengths


def choose_queries(found: Counter, published: int, vocabulary: Vocabulary, rng: random.Random) -> list[dict]:
    """A rare word (in one entry), a medium one (~1 % of entries) and a common one (~35 %), all real words if possible."""
    words = sorted(w for w in found if len(w) >= 5 and w not in vocabulary.function_words)
    real = [w for w in words if w in vocabulary.words]
    queries = []
    for kind, share in QUERY_TARGETS.items():
        if share is None:
            candidates = [w for w in real if found[w] == 1] or [w for w in words if found[w] == 1] or words
        else:
            target = max(1, round(share * published))
            pool = [w for w in real if kind != "common" or found[w] >= 0.3 * published] or real or words
            best = min(abs(found[w] - target) for w in pool)
            candidates = [w for w in pool if abs(found[w] - target) == best]
        word = rng.choice(candidates)
        queries.append({"kind": kind, "word": word, "entries": found[word], "share": round(found[word] / max(1, published), 4)})
    return queries


def generate(entries: int, out: Path, seed: int = 1, jobs: int | None = None) -> Path:
    """Write a complete site with `entries` innovations into `out` (replacing it), and `out/kueri.json`."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in ("layouts", "assets"):
        shutil.copytree(REPO / name, out / name)
    shutil.copytree(REPO / "content" / "opd", out / "content" / "opd")
    shutil.copy2(REPO / "site_config.yaml", out / "site_config.yaml")
    kelurahan = sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["singkatan"]
                       for p in (REPO / "content" / "opd").glob("kelurahan-*.yaml"))
    vocabulary = Vocabulary(seed, kelurahan)
    rng = random.Random(seed)
    plans = plan_entries(entries, rng, vocabulary, load_opds(vocabulary))
    for slug in sorted({plan.opd.slug for plan in plans}):
        (out / "content" / "inovasi" / slug).mkdir(parents=True)
    tasks = [(out, seed, plans[i : i + CHUNK]) for i in range(0, len(plans), CHUNK)]
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(tasks) == 1:
        _start_worker(seed, kelurahan)
        results = list(map(_write_chunk, tasks))
    else:
        with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(seed, kelurahan)) as pool:
            results = list(pool.map(_write_chunk, tasks))
    found: Counter = Counter()
    for counts, _, _ in results:
        found.update(counts)
    published = sum(r[1] for r in results)
    lengths = [n for r in results for n in r[2]]
    spread = Counter(found.values())
    record = {
        "entries": entries, "published": published, "seed": seed,
        "counted_in": "judul, ringkasan and body of every published (non-draft) entry; words are runs of letters, lowercased",
        "queries": choose_queries(found, published, vocabulary, rng),
        "vocabulary": {
            "distinct_words": len(found), "in_one_entry": spread[1],
            "in_at_most_1_percent": sum(n for df, n in spread.items() if df <= max(1, published // 100)),
            "in_at_least_30_percent": sum(n for df, n in spread.items() if df >= 0.3 * published),
        },
        "body_words": {"min": min(lengths), "max": max(lengths), "mean": round(sum(lengths) / len(lengths))} if lengths else {},
    }
    (out / "kueri.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: every core)")
    args = parser.parse_args()
    started = time.perf_counter()
    generate(args.entries, args.out, args.seed, args.jobs)
    seconds = time.perf_counter() - started
    record = json.loads((args.out / "kueri.json").read_text(encoding="utf-8"))
    queries = ", ".join(f"{q['kind']} {q['word']!r} ({q['entries']})" for q in record["queries"])
    print(f"{args.entries} entries in {args.out} ({seconds:.1f} s); queries: {queries}")


if __name__ == "__main__":
    main()
