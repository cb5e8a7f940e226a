#!/usr/bin/env python3
"""Benchmark the generator's CLI on a generated corpus: medians of repeated runs, written as JSON and Markdown.

    python benchmarks/run.py --entries 1000 [--repeat 3] [--scenarios cold,check] [--work DIR]

Scenarios (each run is a fresh process; builds run in rounds of cold -> nothing-changed -> edit-entry ->
edit-template, so each starts from the state the one before left):
  cold             `build.py build` with the cache folder (<site>/.cache/katalog) and the output deleted first
  nothing-changed  the same build again, nothing changed
  edit-entry       a sentence appended to one entry, then a build; also the time from the edit until that
                   entry's page on disk holds the sentence
  edit-template    a comment added to layouts/innovation.html, then a build
  preview-edit     `build.py serve` running (its own output folder, started once and not measured): a sentence
                   appended to one entry, until the page the preview serves has it; then waits for the
                   preview's full rebuild to finish, so the next run starts idle
  check            `build.py check` alone
  pagefind         `python -m pagefind_bin --site` alone, on a copy of the built output without its index
Each run records its wall time, the peak memory of its process tree and, for builds, the seconds per stage
the CLI prints. Results go to benchmarks/results/bench-<N>.json and .md (see results.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import re
import shutil
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import yaml

import measure
import results
from corpus import generate

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
BUILDS = ("cold", "nothing-changed", "edit-entry", "edit-template")


def stage_pattern(site: Path) -> re.Pattern:
    """A regex for the CLI's per-stage lines, made from the `tahap` string of the site's language."""
    language = yaml.safe_load((site / "site_config.yaml").read_text(encoding="utf-8")).get("language") or "id"
    locale = yaml.safe_load((REPO / "katalog" / "locales" / f"{language}.yaml").read_text(encoding="utf-8"))
    template = locale.get("ui", {}).get("tahap", "  {name} {seconds} d")
    pattern = ""
    for literal, field, _, _ in string.Formatter().parse(template):
        pattern += "".join(r"\s+" if piece.isspace() else re.escape(piece) for piece in re.split(r"(\s+)", literal) if piece)
        if field == "name":
            pattern += r"(?P<name>\S.*?)"
        elif field == "seconds":
            pattern += r"(?P<seconds>\d+(?:[.,]\d+)?)"
    return re.compile(f"^{pattern}$", re.M)


class Bench:
    """A generated site, its output folder, and the scenarios run against them."""

    def __init__(self, site: Path, work: Path) -> None:
        self.site, self.work, self.output = site, work, work / "public"
        self.stages = stage_pattern(site)
        self.built = False
        self.entry = next(p for p in sorted((site / "content" / "inovasi").glob("*/*.md"))
                          if "\ndraft: true\n" not in p.read_text(encoding="utf-8").split("\n---\n", 1)[0])
        self.page = self.output / "inovasi" / self.entry.stem / "index.html"
        self.pagefind_site = work / "pagefind-site"
        self.preview: subprocess.Popen | None = None
        self.preview_base = ""

    def build_command(self) -> list[str]:
        return [sys.executable, str(REPO / "build.py"), "build", "--root", str(self.site), "--output", str(self.output)]

    def build(self, watch: tuple[Path, bytes] | None = None, since: float | None = None) -> dict:
        """One measured build, with its per-stage seconds from the CLI's output."""
        run = measure.run(self.build_command(), watch, since)
        self.built = True
        stages = {m["name"].strip(): float(m["seconds"].replace(",", ".")) for m in self.stages.finditer(run.stdout)}
        record = {"seconds": round(run.seconds, 3), "peak_mb": round(max(run.peak_mb, run.tree_peak_mb), 1),
                  "process_peak_mb": round(run.peak_mb, 1), "tree_peak_mb": round(run.tree_peak_mb, 1), "stages": stages}
        search = [seconds for name, seconds in stages.items() if name.startswith(results.SEARCH_STAGE)]
        if search:
            record["without_search_s"] = round(run.seconds - sum(search), 3)
        if watch:
            record["page_s"] = None if run.watched_s is None else round(run.watched_s, 3)
        return record

    def ensure_built(self) -> None:
        if not self.built:
            self.build()  # not measured: only brings the site to a built state

    def cold(self, _: int) -> dict:
        shutil.rmtree(self.site / ".cache" / "katalog", ignore_errors=True)
        shutil.rmtree(self.output, ignore_errors=True)
        return self.build()

    def nothing_changed(self, _: int) -> dict:
        self.ensure_built()
        return self.build()

    def edit_entry(self, round_: int) -> dict:
        self.ensure_built()
        marker = f"tolokukur{os.getpid()}x{round_}"  # a word no page holds yet
        since = time.perf_counter()
        with self.entry.open("a", encoding="utf-8") as entry:
            entry.write(f"\nCatatan uji kecepatan: {marker}.\n")
        record = self.build((self.page, marker.encode()), since)
        if record["page_s"] is None:
            raise measure.CommandFailed(f"{self.page} never showed the sentence added to {self.entry}")
        return record

    def edit_template(self, round_: int) -> dict:
        self.ensure_built()
        with (self.site / "layouts" / "innovation.html").open("a", encoding="utf-8") as template:
            template.write(f"{{# uji kecepatan {round_} #}}\n")
        return self.build()

    def preview_edit(self, round_: int) -> dict:
        base = self.preview_server()
        marker = f"pratinjaucepat{os.getpid()}x{round_}"
        page = f"{base}inovasi/{self.entry.stem}/"
        done, peak = threading.Event(), [0]
        sampler = threading.Thread(target=measure.sample_memory, args=(self.preview.pid, done, peak), daemon=True)
        sampler.start()
        since = time.perf_counter()
        with self.entry.open("a", encoding="utf-8") as entry:
            entry.write(f"\nCatatan uji pratinjau: {marker}.\n")
        while marker not in fetch(page):
            if time.perf_counter() - since > 600:
                raise measure.CommandFailed(f"the preview never served {page} with the sentence added to {self.entry}")
            time.sleep(0.01)
        seconds = time.perf_counter() - since
        self.wait_idle(base)  # the memory sampled includes the full rebuild that follows the edit
        done.set()
        sampler.join()
        return {"seconds": round(seconds, 3), "peak_mb": round(peak[0] * 1024 / 1e6, 1)}

    def preview_server(self) -> str:
        """The running `build.py serve` (started on first use), idle: its base URL."""
        if self.preview is None:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            command = [sys.executable, str(REPO / "build.py"), "serve", "--root", str(self.site),
                       "--output", str(self.work / "pratinjau"), "--port", str(port)]
            self.preview = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for line in self.preview.stdout:
                if f"127.0.0.1:{port}" in line:
                    break
            else:
                raise measure.CommandFailed("`build.py serve` stopped before serving")
            threading.Thread(target=self.preview.stdout.read, daemon=True).start()  # keep its pipe drained
            self.preview_base = f"http://127.0.0.1:{port}/"
        self.wait_idle(self.preview_base)
        return self.preview_base

    @staticmethod
    def wait_idle(base: str) -> None:
        """Until the preview has no build running (its status says `sibuk` while it builds or prepares)."""
        time.sleep(0.3)
        while json.loads(fetch(base + "__pratinjau/status"))["sibuk"]:
            time.sleep(0.1)

    def close(self) -> None:
        if self.preview is not None:
            self.preview.terminate()
            self.preview.wait(timeout=60)

    def check(self, _: int) -> dict:
        run = measure.run([sys.executable, str(REPO / "build.py"), "check", "--root", str(self.site)])
        return {"seconds": round(run.seconds, 3), "peak_mb": round(max(run.peak_mb, run.tree_peak_mb), 1),
                "process_peak_mb": round(run.peak_mb, 1), "tree_peak_mb": round(run.tree_peak_mb, 1)}

    def pagefind(self, _: int) -> dict:
        self.ensure_built()
        if not self.pagefind_site.exists():
            shutil.copytree(self.output, self.pagefind_site, ignore=shutil.ignore_patterns("pagefind"))
        shutil.rmtree(self.pagefind_site / "pagefind", ignore_errors=True)
        run = measure.run([sys.executable, "-m", "pagefind_bin", "--site", str(self.pagefind_site)])
        return {"seconds": round(run.seconds, 3), "peak_mb": round(max(run.peak_mb, run.tree_peak_mb), 1),
                "process_peak_mb": round(run.peak_mb, 1), "tree_peak_mb": round(run.tree_peak_mb, 1)}


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


def machine() -> dict:
    """The machine and software the figures were measured on."""
    info = {"cpus": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)), "cpu_model": platform.processor() or "?",
            "memory_gb": None, "python": platform.python_version(), "system": platform.platform(),
            "pagefind": importlib.metadata.version("pagefind_bin"), "commit": "?"}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        info["cpu_model"] = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M).group(1).strip()
        total_kb = int(re.search(r"^MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text(), re.M).group(1))
        info["memory_gb"] = round(total_kb * 1024 / 1e9, 1)
    except (OSError, AttributeError):
        pass
    git = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"], capture_output=True, text=True)
    if git.returncode == 0:
        info["commit"] = git.stdout.strip()
    return info


def corpus_site(work: Path, entries: int, seed: int) -> tuple[Path, float | None]:
    """The generated site in `work`, reused when it was generated with the same size and seed."""
    site = work / "site"
    kueri = site / "kueri.json"
    if kueri.is_file():
        made = json.loads(kueri.read_text(encoding="utf-8"))
        if made.get("entries") == entries and made.get("seed") == seed:
            return site, None
    start = time.perf_counter()
    generate(entries, site, seed)
    return site, round(time.perf_counter() - start, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scenarios", default=",".join(results.SCENARIOS), help="comma-separated; default: all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None,
                        help="folder for the corpus and outputs, kept afterwards (a corpus of the same size and seed "
                             "there is reused); default: a temporary folder, deleted")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where bench-<N>.json and .md go")
    args = parser.parse_args()
    chosen = args.scenarios.split(",")
    unknown = [name for name in chosen if name not in results.SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario {', '.join(unknown)}; choose from {', '.join(results.SCENARIOS)}")
    work = (args.work or Path(tempfile.mkdtemp(prefix="katalog-bench-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    runs: dict[str, list[dict]] = {name: [] for name in results.SCENARIOS if name in chosen}
    try:
        site, generate_s = corpus_site(work, args.entries, args.seed)
        kueri = json.loads((site / "kueri.json").read_text(encoding="utf-8"))
        print(f"corpus: {args.entries} entries in {site}" + (f", generated in {generate_s} s" if generate_s else ", reused"), flush=True)
        bench = Bench(site, work)
        plan = [(name, r) for r in range(args.repeat) for name in BUILDS if name in runs]
        plan += [(name, r) for name in ("preview-edit", "check", "pagefind") if name in runs for r in range(args.repeat)]
        try:
            for name, round_ in plan:
                record = getattr(bench, name.replace("-", "_"))(round_)
                runs[name].append(record)
                extra = "".join(f", {key} {record[key]:.2f} s" for key in ("without_search_s", "page_s") if record.get(key) is not None)
                print(f"{name:<16} run {round_ + 1}: {record['seconds']:7.2f} s{extra}, peak {record['peak_mb']:,.0f} MB", flush=True)
        finally:
            bench.close()
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    scenarios = {name: results.summarise(records) for name, records in runs.items()}
    record = {
        "entries": args.entries, "seed": args.seed, "repeat": args.repeat, "date": dt.date.today().isoformat(),
        "machine": {**machine(), "load_before": " ".join(f"{x:.1f}" for x in load_before),
                    "load_after": " ".join(f"{x:.1f}" for x in os.getloadavg())},
        "corpus": {"seed": args.seed, "published": kueri["published"], "generate_s": generate_s,
                   "body_words": kueri["body_words"], "distinct_words": kueri["vocabulary"]["distinct_words"],
                   "queries": kueri["queries"]},
        "targets": results.judge(scenarios, args.entries),
        "scenarios": scenarios,
    }
    json_path, md_path = results.write(record, args.results)
    print(md_path.read_text(encoding="utf-8"))
    print(f"written: {json_path} and {md_path}")


if __name__ == "__main__":
    main()
