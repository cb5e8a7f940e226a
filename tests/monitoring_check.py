"""Checks shared by the monitoring tests: counts made straight from the content files with PyYAML
(independently of katalog/), and readers of the built tables, SVG charts, statistik.json and laporan."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml

from conftest import read_entries, run_cli

STAGES = ("inisiatif", "uji coba", "penerapan")
STATUS_WORDS = {"tercapai": "tercapai", "belum-tercapai": "belum tercapai", "tanpa-target": "tanpa target"}
ORDERED_VIEWS = ("", "urut-jumlah/", "urut-kekurangan/")


# ---------------------------------------------------------------- the count, made from the files alone

@dataclass(frozen=True)
class Expected:
    """What the monitoring must show, counted from content/ and site_config.yaml without katalog/."""

    opds: dict[str, dict]  # slug -> OPD record
    targets: dict[str, int]
    years: list[int]
    counts: Counter  # (opd, year, tahapan) -> published entries
    entries: list[dict]  # published entries

    def count(self, opd: str, year: int) -> int:
        return sum(self.counts[(opd, year, stage)] for stage in STAGES)

    def status(self, opd: str, year: int) -> str:
        target = self.targets[opd]
        if target == 0:
            return "tanpa-target"
        return "tercapai" if self.count(opd, year) >= target else "belum-tercapai"

    def status_text(self, opd: str, year: int) -> str:
        status = self.status(opd, year)
        short = self.targets[opd] - self.count(opd, year)
        return STATUS_WORDS[status] + (f" (kurang {short})" if status == "belum-tercapai" else "")


def count_from_files(root: Path) -> Expected:
    config = yaml.safe_load((root / "site_config.yaml").read_text(encoding="utf-8"))
    default = config.get("target_per_tahun", 5)  # the rule: five a year unless configured
    opds = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in (root / "content/opd").glob("*.yaml")}
    targets = {slug: record.get("target_per_tahun", default) for slug, record in opds.items()}
    published = [entry for entry in read_entries(root) if not entry.get("draft", False)]
    counts = Counter((entry["opd"], entry["tahun"], entry["tahapan"]) for entry in published)
    return Expected(opds, targets, sorted({entry["tahun"] for entry in published}), counts, published)


# ---------------------------------------------------------------- reading the built pages

class _Tables(HTMLParser):
    """Every <table>: its attributes, caption and rows (section, row attributes, cell texts)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self._section = ""
        self._cell: list[str] | None = None
        self._caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"attrs": dict(attrs), "caption": "", "rows": []})
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append((self._section, dict(attrs), []))
        elif tag in ("td", "th") and self.tables:
            self._cell = []
        elif tag == "caption":
            self._caption = True

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1][2].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "caption":
            self._caption = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif self._caption:
            self.tables[-1]["caption"] += data


def tables(page: Path) -> list[dict]:
    parser = _Tables()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tables


def table_rows(page: Path, attribute: str) -> dict[str, list[str]]:
    """Body rows keyed by a data-* attribute of their <tr> (data-opd, data-tahun), in page order."""
    rows = {}
    for table in tables(page):
        for section, attrs, cells in table["rows"]:
            if section == "tbody" and attribute in attrs:
                assert attrs[attribute] not in rows, f"{page}: {attrs[attribute]} appears twice"
                rows[attrs[attribute]] = cells
    return rows


CHART_ROW = re.compile(
    r'<g class="chart-row" data-key="([^"]*)" data-value="(\d+)" data-target="(\d+)"[^>]*>'
    r'<text class="chart-label"[^>]*>[^<]*</text><text class="chart-value"[^>]*>([^<]*)</text>'
    r'<rect class="chart-track"[^>]*/><rect class="chart-bar" x="0" y="[\d.]+" width="([\d.]+)"'
)


def chart_rows(page: Path, chart_id: str) -> list[tuple[str, int, int, str, float]]:
    """(key, value, target, number written, bar width) of each row of one SVG chart."""
    html = page.read_text(encoding="utf-8")
    svg = re.search(rf'<svg class="chart" id="{chart_id}".*?</svg>', html, re.S)
    assert svg, f"{page} has no chart {chart_id}"
    assert re.search(rf'<title id="{chart_id}-judul">[^<]+</title><desc id="{chart_id}-ket">[^<]+</desc>', svg.group(0))
    rows = [(key, int(value), int(target), text, float(width)) for key, value, target, text, width in CHART_ROW.findall(svg.group(0))]
    assert len(rows) == svg.group(0).count('class="chart-row"'), "a chart row did not parse"
    widths = {width / value for _, value, _, _, width in rows if value}
    assert all(width == 0 for _, value, _, _, width in rows if not value), rows
    assert max(widths, default=1) - min(widths, default=1) < 0.02, f"bars are not drawn to one scale: {widths}"
    return rows


def progress_text(expected: Expected, opd: str, year: int) -> str:
    target = expected.targets[opd]
    return f"{expected.count(opd, year)} dari {target}" if target else str(expected.count(opd, year))


# ---------------------------------------------------------------- one comparison of everything

def assert_everything_matches(root: Path, output: Path) -> None:
    expected = count_from_files(root)
    assert_statistics_json(expected, output)
    assert_scoreboards(expected, output)
    assert_scorecards(expected, output)
    assert_statistics_page(expected, output)
    assert_laporan(expected, root)


def assert_statistics_json(expected: Expected, output: Path) -> None:
    data = json.loads((output / "data/statistik.json").read_text(encoding="utf-8"))
    assert data["tahun"] == expected.years
    assert data["tahun_pantau"] == expected.years[-1]
    assert set(data["opd"]) == set(expected.opds), "every OPD record, with or without entries"
    for slug, record in expected.opds.items():
        published = data["opd"][slug]
        assert published["nama"] == record["nama"] and published["target_per_tahun"] == expected.targets[slug]
        assert [int(year) for year in published["tahun"]] == expected.years
        for year in expected.years:
            cell = published["tahun"][str(year)]
            assert cell["jumlah"] == expected.count(slug, year), (slug, year)
            assert cell["tahapan"] == {stage: expected.counts[(slug, year, stage)] for stage in STAGES}, (slug, year)
            assert cell["target"] == expected.targets[slug] and cell["status"] == expected.status(slug, year), (slug, year)
            discontinued = sum(1 for e in expected.entries if (e["opd"], e["tahun"]) == (slug, year) and e.get("status") == "dihentikan")
            assert cell["dihentikan"] == discontinued, (slug, year)
    for year in expected.years:
        city = data["kota"][str(year)]
        assert city["jumlah"] == sum(1 for entry in expected.entries if entry["tahun"] == year)
        assert city["target"] == sum(expected.targets.values())
        assert city["opd_tercapai"] == sum(expected.status(slug, year) == "tercapai" for slug in expected.opds)
        assert city["opd_bertarget"] == sum(1 for target in expected.targets.values() if target)
        assert city["opd_tanpa_inovasi"] == sum(1 for slug in expected.opds if not expected.count(slug, year))


def assert_scoreboards(expected: Expected, output: Path) -> None:
    latest = expected.years[-1]
    assert table_rows(output / "pemantauan/index.html", "data-opd") == table_rows(output / f"pemantauan/{latest}/index.html", "data-opd")
    published_years = sorted(int(path.name) for path in (output / "pemantauan").iterdir() if path.is_dir())
    assert published_years == expected.years, "one scoreboard per year with data"
    for year in expected.years:
        for view in ORDERED_VIEWS:
            page = output / f"pemantauan/{year}/{view}index.html"
            rows = table_rows(page, "data-opd")
            assert set(rows) == set(expected.opds), f"{page}: every OPD, those without entries too"
            for slug, cells in rows.items():
                number, name, count, target, status, *stages = cells
                assert name == expected.opds[slug]["nama"]
                assert int(count) == expected.count(slug, year), (page, slug)
                assert target == (str(expected.targets[slug]) if expected.targets[slug] else "tidak ada"), (page, slug)
                assert status == expected.status_text(slug, year), (page, slug)
                assert [int(cell) for cell in stages] == [expected.counts[(slug, year, stage)] for stage in STAGES], (page, slug)
            assert [int(cells[0]) for cells in rows.values()] == list(range(1, len(rows) + 1))
            counts = [expected.count(slug, year) for slug in rows]
            short = [max(0, expected.targets[slug] - expected.count(slug, year)) for slug in rows]
            if view == "":
                names = [expected.opds[slug]["nama"] for slug in rows]
                assert names == sorted(names), page
            if view == "urut-jumlah/":
                assert counts == sorted(counts, reverse=True), page
            if view == "urut-kekurangan/":
                assert short == sorted(short, reverse=True), page
            total = next(cells for table in tables(page) for section, _, cells in table["rows"] if section == "tfoot")
            published = sum(1 for entry in expected.entries if entry["tahun"] == year)
            met = sum(expected.status(slug, year) == "tercapai" for slug in expected.opds)
            with_target = sum(1 for target in expected.targets.values() if target)
            assert total[2:] == [
                str(published), str(sum(expected.targets.values())), f"{met} dari {with_target} tercapai",
                *(str(sum(expected.counts[(slug, year, stage)] for slug in expected.opds)) for stage in STAGES),
            ], page
            chart = chart_rows(page, "grafik-pemantauan")
            assert [key for key, *_ in chart] == list(rows), "the chart follows the table's order"
            for key, value, target, text, _ in chart:
                assert (value, target) == (expected.count(key, year), expected.targets[key]), (page, key)
                assert text == progress_text(expected, key, year), (page, key)
            html = page.read_text(encoding="utf-8")
            percent = f"{100 * met // with_target}%" if with_target else "–"
            assert f"<dd>{percent}</dd>" in html and f"({met} dari {with_target})" in html, page


def assert_scorecards(expected: Expected, output: Path) -> None:
    latest = expected.years[-1]
    for slug in expected.opds:
        page = output / f"opd/{slug}/index.html"
        rows = table_rows(page, "data-tahun")
        assert [int(year) for year in rows] == expected.years, page
        for year, (_, count, target, status) in rows.items():
            year = int(year)
            assert int(count) == expected.count(slug, year), (page, year)
            assert target == (str(expected.targets[slug]) if expected.targets[slug] else "tidak ada"), (page, year)
            assert status == expected.status_text(slug, year), (page, year)
        chart = chart_rows(page, "grafik-opd")
        assert [(int(key), value, target) for key, value, target, _, _ in chart] == [
            (year, expected.count(slug, year), expected.targets[slug]) for year in expected.years
        ], page
        html = page.read_text(encoding="utf-8")
        if expected.targets[slug]:
            progress = f"Tahun {latest}: {expected.count(slug, latest)} dari {expected.targets[slug]} inovasi"
        else:
            progress = f"Tahun {latest}: {expected.count(slug, latest)} inovasi (tanpa target)"
        assert progress in html, (page, progress)


def assert_statistics_page(expected: Expected, output: Path) -> None:
    page = output / "statistik/index.html"
    by_key = {table["attrs"]["data-statistik"]: table for table in tables(page)}
    fields = {"tahun": lambda e: [str(e["tahun"])], "tahapan": lambda e: [e["tahapan"]], "jenis": lambda e: [e["jenis"]],
              "bentuk": lambda e: [e["bentuk"]], "urusan": lambda e: e["urusan"]}
    for key, values in fields.items():
        counted = Counter(value for entry in expected.entries for value in values(entry))
        shown = {cells[0]: int(cells[1]) for section, _, cells in by_key[key]["rows"] if section == "tbody"}
        assert [value for _, value, *_ in chart_rows(page, f"grafik-{key}")] == list(shown.values()), key
        for label, count in shown.items():
            assert counted[label] == count, (key, label)
        if key == "urusan":
            assert len(shown) == min(10, len(counted))
            assert all(count <= min(shown.values()) for label, count in counted.items() if label not in shown)
        else:
            assert set(shown) == set(counted), key


def assert_laporan(expected: Expected, root: Path) -> None:
    for year in (expected.years[-1], expected.years[0]):
        arguments = ["laporan", "--root", str(root), "--format", "csv"] + (["--tahun", str(year)] if year != expected.years[-1] else [])
        result = run_cli(*arguments)
        assert result.returncode == 0, result.output
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert sorted(row["Slug OPD"] for row in rows) == sorted(expected.opds)
        for row in rows:
            slug = row["Slug OPD"]
            assert int(row["Inovasi"]) == expected.count(slug, year), (year, slug)
            assert int(row["Target"]) == expected.targets[slug]
            assert row["Status"] == STATUS_WORDS[expected.status(slug, year)]
            assert int(row["Kurang"]) == max(0, expected.targets[slug] - expected.count(slug, year))
            assert [int(row[stage]) for stage in STAGES] == [expected.counts[(slug, year, stage)] for stage in STAGES]
