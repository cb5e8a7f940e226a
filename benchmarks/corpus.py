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
import json
import os
import random
import shutil
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

from entry import entry
from plan import Plan, load_opds, plan_entries
from prose import REPO, Vocabulary

CHUNK = 250  # entries per worker task
QUERY_TARGETS = {"rare": None, "medium": 0.01, "common": 0.35}


class _Letters(dict):
    """str.translate table keeping a-z and turning everything else into spaces: words are runs of a-z."""

    def __missing__(self, code: int) -> str:
        return " "


LETTERS_ONLY = _Letters({code: (chr(code) if "a" <= chr(code) <= "z" else " ") for code in range(128)})



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

