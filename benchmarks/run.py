#!/usr/bin/env python3
"""Benchmark the generator on a generated corpus: medians of repeated runs, written as JSON and Markdown.

    python benchmarks/run.py --entries 10000 [--repeat 5] [--scenarios check,build]

Each scenario runs `build.py` in a fresh process, as a contributor or CI would, and records its wall
time and the peak memory (maximum resident set size) of that process and its children.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import generate

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"


def measure(command: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one command; fails loudly if the command fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def scenarios(site: Path, work: Path) -> dict[str, list[str]]:
    python, cli = sys.executable, str(REPO / "build.py")
    return {
        "check": [python, cli, "check", "--root", str(site)],
        "build": [python, cli, "build", "--root", str(site), "--output", str(work / "public")],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scenarios", default="check,build")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="katalog-bench-"))
    try:
        site = generate(args.entries, work / "site", args.seed)
        commands = scenarios(site, work)
        rows = []
        for name in args.scenarios.split(","):
            runs = [measure(commands[name]) for _ in range(args.repeat)]
            times = [seconds for seconds, _ in runs]
            rows.append({
                "scenario": name,
                "median_s": round(statistics.median(times), 2),
                "min_s": round(min(times), 2),
                "max_s": round(max(times), 2),
                "peak_mib": round(max(mib for _, mib in runs)),
                "runs": len(runs),
            })
            print(f"{name:<10} median {rows[-1]['median_s']:>7.2f} s  (min {rows[-1]['min_s']}, max {rows[-1]['max_s']}, peak {rows[-1]['peak_mib']} MiB)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    record = {
        "entries": args.entries, "seed": args.seed, "cpus": os.cpu_count(), "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d"), "results": rows,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"bench-{args.entries}.json").write_text(json.dumps(record, indent=2) + "\n")
    table = ["| scenario | median (s) | min (s) | max (s) | peak memory (MiB) | runs |", "|---|---|---|---|---|---|"]
    table += [f"| {r['scenario']} | {r['median_s']} | {r['min_s']} | {r['max_s']} | {r['peak_mib']} | {r['runs']} |" for r in rows]
    heading = f"{args.entries} entries, {record['cpus']} CPUs, Python {record['python']}, {record['date']}"
    (RESULTS / f"bench-{args.entries}.md").write_text(f"{heading}\n\n" + "\n".join(table) + "\n")
    print("\n".join(table))


if __name__ == "__main__":
    main()
