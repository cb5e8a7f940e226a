"""Monitoring "1 OPD, 5 inovasi" (issue 7): every number on the pages, in the charts, in /data/statistik.json
and in `build.py laporan` equals a count made straight from the content files with PyYAML."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from monitoring_check import (
    ORDERED_VIEWS, STAGES, assert_everything_matches, assert_scoreboards, assert_statistics_json, count_from_files,
)


# ---------------------------------------------------------------- the tests

def demo_copy(destination: Path) -> Path:
    """The repository's demo site (config, content, layouts, assets) copied into a temporary folder."""
    destination.mkdir()
    shutil.copyfile(REPO / "site_config.yaml", destination / "site_config.yaml")
    for folder in ("content", "layouts", "assets"):
        shutil.copytree(REPO / folder, destination / folder)
    return destination


def with_front_matter(source: Path, **changes) -> str:
    """An entry's text with some front-matter lines replaced (or added before the closing ---)."""
    text = source.read_text(encoding="utf-8")
    front, body = text[4:].split("\n---\n", 1)
    for key, value in changes.items():
        line = f"{key}: {value}"
        front, found = re.subn(rf"^{key}:.*$", line, front, flags=re.M)
        if not found:
            front += "\n" + line
    return f"---\n{front}\n---\n{body}"


def test_the_demo_site_shows_the_counts_of_its_files(built_demo):
    assert_everything_matches(REPO, built_demo)


def test_entries_added_and_removed_in_a_copy_of_the_demo_change_every_number(tmp_path):
    root = demo_copy(tmp_path / "demo")
    latest = count_from_files(root).years[-1]
    # Two entries of the latest year removed.
    for entry in [entry for entry in count_from_files(root).entries if entry["tahun"] == latest][:2]:
        entry["path"].unlink()
    before = count_from_files(root)
    template = next(
        path for path in sorted((root / "content/inovasi").glob("*/*.md"))
        if not re.search(r"^(gambar|aliases):", path.read_text(encoding="utf-8"), re.M)  # no files to carry along
    )
    # An OPD without any entry in the latest year reaches its target with five new ones, one discontinued later.
    idle = next(slug for slug in sorted(before.opds) if before.count(slug, latest) == 0 and before.targets[slug])
    for number in range(before.targets[idle]):
        folder = root / "content/inovasi" / idle
        folder.mkdir(exist_ok=True)
        changes = {"tahun": latest, "tahapan": STAGES[number % 3]}
        if number == 0:
            changes["status"] = "dihentikan"
        (folder / f"inovasi-baru-{number}.md").write_text(with_front_matter(template, **changes), encoding="utf-8")
    # A draft never counts; an entry in a year without data adds that year.
    (root / "content/inovasi" / idle / "draf-baru.md").write_text(with_front_matter(template, tahun=latest, draft="true"), encoding="utf-8")
    (root / "content/inovasi" / idle / "inovasi-lama.md").write_text(with_front_matter(template, tahun=before.years[0] - 2), encoding="utf-8")
    # A kelurahan without target, and an OPD whose own target of 1 it has met.
    kelurahan = next(slug for slug, record in sorted(before.opds.items()) if record["jenis"] == "kelurahan")
    one = next(slug for slug in sorted(before.opds) if before.count(slug, latest) == 1 and slug != idle)
    for slug, target in ((kelurahan, 0), (one, 1)):
        path = root / f"content/opd/{slug}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"target_per_tahun: {target}\n", encoding="utf-8")

    result = run_cli("build", "--root", str(root))
    assert result.returncode == 0, result.output
    after = count_from_files(root)
    assert after.years[0] == before.years[0] - 2 and after.count(idle, latest) == before.targets[idle]
    assert after.status(idle, latest) == "tercapai" and after.status(one, latest) == "tercapai"
    assert after.status(kelurahan, latest) == "tanpa-target"
    assert_everything_matches(root, root / "public")


def test_site_target_comes_from_site_config_and_monitoring_output_is_deterministic(tmp_path):
    root = demo_copy(tmp_path / "demo")
    config = root / "site_config.yaml"
    config.write_text(re.sub(r"^target_per_tahun: .*$", "target_per_tahun: 1", config.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    outputs = [tmp_path / "a", tmp_path / "b"]
    for output in outputs:
        result = run_cli("build", "--root", str(root), "--output", str(output))
        assert result.returncode == 0, result.output
    expected = count_from_files(root)
    assert set(expected.targets.values()) == {1}
    assert_statistics_json(expected, outputs[0])
    assert_scoreboards(expected, outputs[0])
    for folder in ("pemantauan", "statistik", "data", "opd"):
        first = {p.relative_to(outputs[0]): p.read_bytes() for p in (outputs[0] / folder).rglob("*") if p.is_file()}
        second = {p.relative_to(outputs[1]): p.read_bytes() for p in (outputs[1] / folder).rglob("*") if p.is_file()}
        assert first == second, f"{folder}/ differs between two builds of the same content"


def test_the_rule_is_written_on_the_page_and_the_pages_are_linked(built_demo):
    html = (built_demo / "pemantauan/index.html").read_text(encoding="utf-8")
    for words in ("foldernya memuat berkas inovasi", "Draf", "dihentikan tetap dihitung", "target 0", "tahun terakhir"):
        assert words in html, words
    years = count_from_files(REPO).years
    assert all(f'href="/pemantauan/{year}/"' in html for year in years)
    assert all(f'href="/pemantauan/{years[-1]}/{view}"' in html for view in ORDERED_VIEWS)
    assert 'href="/data/statistik.json"' in html and 'href="/statistik/"' in html
    home = (built_demo / "index.html").read_text(encoding="utf-8")
    assert 'href="/pemantauan/"' in home and 'href="/statistik/"' in home


def test_an_empty_catalogue_says_there_is_nothing_to_monitor(site):
    root = site()
    for path in (root / "content/inovasi").rglob("*.md"):
        path.unlink()
    result = run_cli("build", "--root", str(root))
    assert result.returncode == 0, result.output
    assert "belum ada capaian yang dapat dipantau" in (root / "public/pemantauan/index.html").read_text(encoding="utf-8")
    data = json.loads((root / "public/data/statistik.json").read_text(encoding="utf-8"))
    assert data["tahun"] == [] and data["tahun_pantau"] is None
    result = run_cli("laporan", "--root", str(root))
    assert result.returncode == 1 and "--tahun" in result.stderr, result.output
    result = run_cli("laporan", "--root", str(root), "--tahun", "2025", "--format", "csv")
    assert result.returncode == 0 and len(list(csv.DictReader(io.StringIO(result.stdout)))) == 3, result.output


@pytest.mark.parametrize("style", ["text", "md"])
def test_laporan_prints_the_compliance_table_for_reports(style):
    expected = count_from_files(REPO)
    latest = expected.years[-1]
    result = run_cli("laporan", "--format", style)
    assert result.returncode == 0, result.output
    lines = result.stdout.splitlines()
    assert f"tahun {latest}" in lines[0]
    for slug, record in expected.opds.items():
        name = re.escape(record["nama"])
        row = rf"^\| \d+ \| {name} \| (\d+) \| (\d+) \| ([^|]+) \|" if style == "md" else rf"^ *\d+  {name}  +(\d+) +(\d+)  (.+?)  "
        found = [match for line in lines if (match := re.match(row, line))]
        assert len(found) == 1, (slug, row)
        count, target, status = found[0].groups()
        assert (int(count), int(target)) == (expected.count(slug, latest), expected.targets[slug]), found[0].group(0)
        assert status.strip() == expected.status_text(slug, latest), found[0].group(0)
    if style == "md":
        assert lines[2].startswith("| No. | Perangkat daerah |") and lines[3].startswith("|---:|---|")


def test_laporan_reports_problems_like_check_and_stops_on_errors(site):
    root = site()
    entry = root / "content/inovasi/dinas-contoh/bank-sampah-digital.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("tahapan: uji coba", "tahapan: Uji Coba"), encoding="utf-8")
    result = run_cli("laporan", "--root", str(root))
    assert result.returncode == 1, result.output
    assert "bank-sampah-digital.md" in result.stderr and "nilai-tidak-dikenal" in result.stderr
    assert result.stdout == ""


def test_charts_are_readable_on_a_320_px_phone_and_in_dark_mode(built_demo, serve, page):
    base = serve(built_demo)

    def contrast(first: str, second: str) -> float:
        def luminance(colour: str) -> float:
            channels = [int(value) / 255 for value in re.findall(r"\d+", colour)[:3]]
            linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

        lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
        return (lighter + 0.05) / (darker + 0.05)

    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size({"width": 320, "height": 640})
        for path in ("/pemantauan/", "/statistik/", "/opd/dinas-kesehatan/"):
            page.goto(base + path)
            colours = page.evaluate("""() => {
                const svg = document.querySelector('svg.chart');
                const style = selector => getComputedStyle(svg.querySelector(selector) || svg);
                return {
                    background: getComputedStyle(document.body).backgroundColor,
                    bar: style('.chart-bar').fill, target: style('.chart-row .chart-target').stroke,
                    text: style('.chart-label').fill, size: svg.querySelector('.chart-label').getBoundingClientRect().height,
                    right: svg.getBoundingClientRect().right,
                };
            }""")
            parts = ("bar", "target", "text") if path != "/statistik/" else ("bar", "text")  # statistics have no target
            for part in parts:
                assert contrast(colours[part], colours["background"]) >= 3, (scheme, path, part, colours)
            assert colours["right"] <= 320 and colours["size"] >= 12, (scheme, path, colours)
