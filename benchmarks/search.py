#!/usr/bin/env python3
"""Benchmark the site search on a generated corpus: Pagefind index size, bytes fetched and query latency.

    python benchmarks/search.py --entries 10000 [--queries "sampah,layanan kesehatan,pesisir"] [--work DIR]

Builds the corpus once, serves it on 127.0.0.1 and, for each query, opens /cari/ in a fresh headless
Chromium profile (empty cache). Bytes are Chromium's `encodedDataLength` (headers included; the preview
server does not compress) of requests started during the page load (those under /pagefind/ counted
apart) and of requests started after the query is submitted. They come from Playwright's request
events, not a page CDP session: Pagefind 1.5 fetches its wasm, index and fragments in a Web Worker,
whose traffic a page session never sees, while Playwright also listens on the worker's target.
Latency runs in the page, from the form's submit event to the first result or the "Tidak ada" status.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from corpus import generate

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
sys.path.insert(0, str(REPO))
from katalog.serve import make_server  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Marks the submit time and the moment results (or the empty-result status) are rendered.
WATCH = """() => {
  const list = document.getElementById("hasil-cari"), status = document.getElementById("status-cari");
  let start;
  document.getElementById("form-cari").addEventListener("submit", () => { start = performance.now(); }, true);
  window.__benchDone = new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error("no result after 120 s")), 120000);
    new MutationObserver((_, observer) => {
      if (start !== undefined && (list.querySelector("li") || status.textContent.includes("Tidak ada"))) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    }).observe(list.parentNode, { childList: true, subtree: true, characterData: true });
  });
}"""


def build(site: Path, out: Path, base_url: str) -> tuple[float, float]:
    """(wall seconds, "indeks cari" stage seconds) of one `build.py build`."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(site), "--output", str(out),
                           "--base-url", base_url], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout}\n{done.stderr}")
    stage = re.search(r"indeks cari\s+([\d.]+)", done.stdout)
    return seconds, float(stage.group(1)) if stage else float("nan")


def index_size(folder: Path) -> dict:
    """Total bytes and file count of the Pagefind output, per top-level part, and its biggest files."""
    files = [(p, p.stat().st_size) for p in folder.rglob("*") if p.is_file()]
    parts: dict[str, list[int]] = {}
    for path, size in files:
        relative = path.relative_to(folder).parts
        part = parts.setdefault(relative[0] if len(relative) > 1 else "(top files)", [0, 0])
        part[0] += 1
        part[1] += size
    biggest = sorted(files, key=lambda f: -f[1])[:10]
    return {
        "bytes": sum(s for _, s in files), "files": len(files),
        "parts": {name: {"files": n, "bytes": b} for name, (n, b) in sorted(parts.items(), key=lambda p: -p[1][1])},
        "biggest": [{"file": str(p.relative_to(folder)), "bytes": s} for p, s in biggest],
    }


def measure_query(playwright, url: str, query: str) -> dict:
    """Bytes of the page load (search files apart) and of the query, and the in-page latency, in a fresh profile."""
    profile = tempfile.mkdtemp(prefix="katalog-chromium-")
    context = playwright.chromium.launch_persistent_context(profile, executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
    try:
        page = context.new_page()
        phase, pending = ["load"], set()
        totals = {"load": 0, "load_search": 0, "query": 0}

        def sent(request):
            pending.add(request)
            request.phase = phase[0]  # the phase a request belongs to is the one it started in

        def finished(request):
            pending.discard(request)
            sizes = request.sizes()  # headers + body = the target's Network.loadingFinished encodedDataLength
            size = sizes["responseHeadersSize"] + sizes["responseBodySize"]
            totals[request.phase] += size
            if request.phase == "load" and "/pagefind/" in request.url:
                totals["load_search"] += size

        page.on("request", sent)
        page.on("requestfinished", finished)
        page.on("requestfailed", lambda request: pending.discard(request))
        page.goto(url, wait_until="networkidle")
        page.evaluate(WATCH)
        phase[0] = "query"
        page.fill("#kata-cari", query)
        page.press("#kata-cari", "Enter")
        latency = page.evaluate("() => window.__benchDone")  # evaluate, not wait_for_function: the page's CSP forbids eval
        for _ in range(200):  # wait up to 10 s for requests still in flight
            if not pending:
                break
            page.wait_for_timeout(50)
        page.wait_for_timeout(300)  # let late loadingFinished events arrive
        status = page.locator("#status-cari").inner_text()
        return {
            "query": query, "status": status,
            "matches": int(re.match(r"\d+", status).group()) if re.match(r"\d+", status) else 0,
            "shown": page.locator("#hasil-cari li").count(),
            "load_bytes": totals["load"], "load_search_bytes": totals["load_search"],
            "query_bytes": totals["query"], "first_query_bytes": totals["load_search"] + totals["query"],
            "latency_ms": round(latency, 1),
        }
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


def kib(n: float) -> str:
    return f"{n / 1024:,.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", default="", help="comma-separated; default: the corpus's rare, medium and common words, then 'layanan kesehatan'")
    parser.add_argument("--work", type=Path, default=None,
                        help="a `benchmarks/run.py --work` folder: its corpus (site/) and built output (public/) are "
                             "searched as they are, and kept; default: a temporary folder, built here and deleted")
    args = parser.parse_args()
    work = args.work.resolve() if args.work else Path(tempfile.mkdtemp(prefix="katalog-search-bench-"))
    server = None
    try:
        made = work / "site" / "kueri.json"
        reuse = made.is_file() and json.loads(made.read_text(encoding="utf-8")).get("entries") == args.entries
        site = work / "site" if reuse else generate(args.entries, work / "site", args.seed)
        corpus_words = json.loads((site / "kueri.json").read_text(encoding="utf-8"))["queries"]
        queries = args.queries.split(",") if args.queries else [q["word"] for q in corpus_words] + ["layanan kesehatan"]
        out = work / "public"
        server = make_server(out, 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base_url = f"http://127.0.0.1:{server.server_address[1]}/"
        built = args.work is not None and (out / "cari" / "index.html").is_file()
        build_s, index_s = (None, None) if built else build(site, out, base_url)  # root-relative links: any host serves it
        size = index_size(out / "pagefind")
        print(("built before; " if built else f"build {build_s:.1f} s (indeks cari {index_s:.2f} s); ")
              + f"pagefind/ {size['bytes']:,} bytes in {size['files']:,} files, "
              f"{size['bytes'] * 1000 / args.entries:,.0f} bytes per 1,000 entries", flush=True)
        for name, part in size["parts"].items():
            print(f"  {name:<12} {part['files']:>6,} files {kib(part['bytes']):>12} KiB")
        for item in size["biggest"]:
            print(f"  {item['file']:<60} {kib(item['bytes']):>10} KiB")
        rows = []
        with sync_playwright() as playwright:
            for query in queries:
                rows.append(measure_query(playwright, base_url + "cari/", query))
                print(f"{query!r:<22} {rows[-1]['latency_ms']:>8.1f} ms  first {kib(rows[-1]['first_query_bytes'])} KiB  "
                      f"query {kib(rows[-1]['query_bytes'])} KiB  ({rows[-1]['status']})", flush=True)
    finally:
        if server:
            server.shutdown()
            server.server_close()
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    median = {key: round(statistics.median(r[key] for r in rows), 1)
              for key in ("load_bytes", "load_search_bytes", "first_query_bytes", "query_bytes", "latency_ms")}
    record = {
        "entries": args.entries, "seed": args.seed, "cpus": os.cpu_count(), "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d"), "build_s": build_s and round(build_s, 2), "index_s": index_s,
        "index": {**size, "bytes_per_1000_entries": round(size["bytes"] * 1000 / args.entries)},
        "median": median, "queries": rows,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"search-{args.entries}.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    table = ["| query | matches | shown | latency (ms) | first query (KiB) | query only (KiB) | page load, search files (KiB) | page load, all (KiB) |",
             "|---|---|---|---|---|---|---|---|"]
    table += [f"| {r['query']} | {r['matches']} | {r['shown']} | {r['latency_ms']} | {kib(r['first_query_bytes'])} | {kib(r['query_bytes'])} | "
              f"{kib(r['load_search_bytes'])} | {kib(r['load_bytes'])} |" for r in rows]
    table.append(f"| **median** | | | {median['latency_ms']} | {kib(median['first_query_bytes'])} | {kib(median['query_bytes'])} | "
                 f"{kib(median['load_search_bytes'])} | {kib(median['load_bytes'])} |")
    heading = (f"{args.entries} entries, {record['cpus']} CPUs, Python {record['python']}, {record['date']}\n\n"
               + (f"Built by `benchmarks/run.py` (bench-{args.entries}.md). " if build_s is None else
                  f"Build {build_s:.1f} s (indeks cari {index_s:.2f} s). ")
               + f"Pagefind index: {size['bytes']:,} bytes in "
               f"{size['files']:,} files, {record['index']['bytes_per_1000_entries']:,} bytes per 1,000 entries.")
    (RESULTS / f"search-{args.entries}.md").write_text(f"{heading}\n\n" + "\n".join(table) + "\n")
    print("\n".join(table))


if __name__ == "__main__":
    main()
