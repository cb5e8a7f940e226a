"""The benchmark's corpus generator and runner, run as their users run them, on tiny catalogues."""

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import REPO, run_cli

BENCHMARKS = REPO / "benchmarks"
SECTIONS = ["Latar Belakang", "Rancang Bangun", "Tujuan", "Manfaat", "Hasil"]
SCENARIOS = ["cold", "nothing-changed", "edit-entry", "edit-template", "preview-edit", "check", "pagefind"]
OPTIONAL = ["inisiator", "tanggal_inisiatif", "status", "tag", "sdgs", "anggaran", "kontak", "tautan", "gambar"]


def script(name: str, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, str(BENCHMARKS / name), *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{name} {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done


def corpus(out: Path, entries: int, seed: int = 1) -> Path:
    script("corpus.py", "--entries", str(entries), "--out", str(out), "--seed", str(seed))
    return out


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def entries_of(root: Path) -> list[tuple[Path, dict, str]]:
    found = []
    for path in sorted((root / "content" / "inovasi").glob("*/*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        found.append((path, yaml.safe_load(front), body))
    return found


def words_in(text: str) -> int:
    """Words as a reader counts them: tokens with a letter or digit (list bullets and table bars are not words)."""
    return sum(1 for token in text.split() if re.search(r"\w", token))


def test_same_seed_gives_identical_files_and_the_site_passes_check_without_a_warning(tmp_path):
    first, again, other = corpus(tmp_path / "a", 40), corpus(tmp_path / "b", 40), corpus(tmp_path / "c", 40, seed=2)
    assert files_of(first) == files_of(again), "the same seed must write byte-identical files"
    assert files_of(first) != files_of(other), "another seed must give another catalogue"
    result = run_cli("check", "--root", str(first), "--format", "json")
    assert result.returncode == 0, result.output
    assert json.loads(result.stdout) == [], f"a generated catalogue must have no errors and no warnings:\n{result.stdout[:3000]}"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A 300-entry catalogue, generated once for the tests that only read it."""
    return corpus(tmp_path_factory.mktemp("corpus") / "site", 300)


def test_generated_entries_look_like_real_ones(generated):
    root = generated
    entries = entries_of(root)
    assert len(entries) == 300
    real_opds = sorted(p.name for p in (REPO / "content" / "opd").glob("*.yaml"))
    assert sorted(p.name for p in (root / "content" / "opd").glob("*.yaml")) == real_opds
    assert len({path.parent.name for path, _, _ in entries}) >= 40, "entries should spread over 40+ of the real OPDs"
    for path, front, body in entries:
        assert [h for h in re.findall(r"^## (.+)$", body, re.M)] == SECTIONS, path
        assert 400 <= words_in(body) <= 900, f"{path.name}: {words_in(body)} words"
        design = body.split("## Rancang Bangun", 1)[1].split("## Tujuan", 1)[0]
        assert words_in(design) >= 300, f"{path.name}: Rancang Bangun has {words_in(design)} words"
    years = Counter(front["tahun"] for _, front, _ in entries)
    assert set(years) <= set(range(2019, 2027)) and len(years) >= 6, years
    assert sum(years[y] for y in (2024, 2025, 2026)) > 2 * sum(years[y] for y in (2019, 2020, 2021)), years
    for field in OPTIONAL:
        holders = sum(1 for _, front, _ in entries if field in front)
        assert 0 < holders < len(entries), f"optional field {field} is in {holders} of {len(entries)} entries"
    titles = [front["judul"] for _, front, _ in entries]
    assert len(set(titles)) == len(titles)
    shapes = {"colon": sum(":" in t for t in titles), "brackets": sum("(" in t for t in titles),
              "plain": sum(":" not in t and "(" not in t for t in titles)}
    assert all(count >= 10 for count in shapes.values()), f"titles should take several shapes: {shapes}"
    images = [path.parent / image["file"] for path, front, _ in entries for image in front.get("gambar", [])]
    assert images, "a few entries should have photos"
    for image in images:
        with Image.open(image) as opened:
            assert opened.format == "JPEG"


def test_query_words_are_as_rare_or_common_as_kueri_json_says(generated):
    root = generated
    record = json.loads((root / "kueri.json").read_text(encoding="utf-8"))
    published = [(front, body) for _, front, body in entries_of(root) if not front.get("draft")]
    holders = Counter()
    for front, body in published:
        holders.update(set(re.findall(r"[a-z]+", f"{front['judul']} {front['ringkasan']} {body}".lower())))
    assert record["published"] == len(published)
    queries = {q["kind"]: q for q in record["queries"]}
    assert sorted(queries) == ["common", "medium", "rare"]
    for query in queries.values():
        assert query["entries"] == holders[query["word"]], query
    assert queries["rare"]["entries"] == 1
    assert 1 <= queries["medium"]["entries"] <= 0.03 * len(published)
    assert queries["common"]["entries"] >= 0.3 * len(published)
    assert record["vocabulary"]["distinct_words"] == len(holders)
    # Zipf-like: thousands of distinct words, most of them in few entries, a few in very many
    assert len(holders) >= 2500
    assert sum(1 for n in holders.values() if n <= 0.02 * len(published)) > 0.4 * len(holders)
    assert 0 < sum(1 for n in holders.values() if n >= 0.3 * len(published)) < 0.2 * len(holders)


def test_runner_runs_every_scenario_and_writes_json_and_markdown(tmp_path):
    work, out = tmp_path / "work", tmp_path / "results"
    script("run.py", "--entries", "30", "--repeat", "1", "--work", str(work), "--results", str(out))
    record = json.loads((out / "bench-30.json").read_text(encoding="utf-8"))
    assert record["entries"] == 30 and record["repeat"] == 1
    assert {"cpus", "python", "pagefind", "commit", "memory_gb"} <= set(record["machine"])
    assert list(record["scenarios"]) == SCENARIOS
    for name, summary in record["scenarios"].items():
        assert summary["runs"] == 1, name
        assert summary["seconds"]["min"] <= summary["seconds"]["median"] <= summary["seconds"]["max"], name
        assert summary["seconds"]["median"] > 0 and summary["peak_mb"]["max"] > 0, name
        if name not in ("check", "pagefind", "preview-edit"):  # builds: the per-stage lines the CLI prints were read
            run = summary["each_run"][0]
            assert run["stages"], f"{name}: no stage timings parsed"
            assert sum(run["stages"].values()) <= run["seconds"], f"{name}: stages add up to more than the wall time: {run}"
    # results.SEARCH_STAGE must name the build's Pagefind stage, or the cold target cannot be judged
    assert record["scenarios"]["cold"]["without_search_s"]["median"] < record["scenarios"]["cold"]["seconds"]["median"]
    assert record["scenarios"]["edit-entry"]["page_s"]["median"] > 0
    assert [t["scenario"] for t in record["targets"]] == ["cold", "nothing-changed", "preview-edit", "check", "all"]
    assert all(t["met"] in (True, False) for t in record["targets"]), record["targets"]
    assert [q["kind"] for q in record["corpus"]["queries"]] == ["rare", "medium", "common"]
    # the edits really happened, on the kept corpus
    pages = "".join(p.read_text(encoding="utf-8") for p in (work / "public" / "inovasi").glob("*/index.html"))
    assert "tolokukur" in pages
    previewed = "".join(p.read_text(encoding="utf-8") for p in (work / "pratinjau" / "inovasi").glob("*/index.html"))
    assert "pratinjaucepat" in previewed, "the preview's full rebuild after the edit was waited for"
    assert "uji kecepatan" in (work / "site" / "layouts" / "innovation.html").read_text(encoding="utf-8")
    table = (out / "bench-30.md").read_text(encoding="utf-8")
    assert "# Benchmark: 30 entries" in table
    for name in SCENARIOS:
        assert re.search(rf"^\| {re.escape(name)} \| .+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \|", table, re.M), f"no row for {name}:\n{table}"
    assert re.search(r"^\| peak memory \|.*\| [✓✗] \|$", table, re.M), table
    assert re.search(r"^\| render \| [\d.]+ \|", table, re.M), "the per-stage table is missing"
