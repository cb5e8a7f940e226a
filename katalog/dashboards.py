"""What the monitoring pages (/pemantauan/), the statistics page (/statistik/) and each OPD's scorecard show.

Counting happens in monitoring.py (and taxonomy.py for the browse counts); this module only orders,
labels and charts those numbers for the layouts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .model import Opd
from .monitoring import ORDERINGS, Monitoring, OpdYear, Scoreboard
from .outputs.charts import Bar, Chart, bar_chart
from .taxonomy import Taxonomy

TOP_AFFAIRS = 10  # /statistik/ charts the most used urusan; /urusan/ lists them all
STATISTICS_FIELDS = ("tahun", "tahapan", "jenis", "bentuk", "urusan")


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str
    current: bool


@dataclass(frozen=True)
class Line:
    """One row of a compliance table: its number in the table, the counts, and the status in words."""

    number: int
    result: OpdYear
    status: str  # "belum tercapai (kurang 2)"


@dataclass(frozen=True)
class BoardView:
    """One ordering of one year's scoreboard: /pemantauan/<tahun>/ (by name) or /pemantauan/<tahun>/urut-<ordering>/."""

    board: Scoreboard
    ordering: str
    ordering_label: str
    year_path: str  # the year's permanent address (ordered by name)
    lines: tuple[Line, ...]
    chart: Chart
    orderings: tuple[NavItem, ...]
    years: tuple[NavItem, ...]


@dataclass(frozen=True)
class Scorecard:
    """An OPD's progress in the monitored year and its count in every year with data."""

    current: Line
    history: tuple[Line, ...]  # oldest first
    chart: Chart
    board_path: str


@dataclass(frozen=True)
class StatRow:
    label: str
    path: str
    count: int


@dataclass(frozen=True)
class StatSection:
    """One breakdown of the catalogue on /statistik/ (per year, tahapan, ...), as a chart and a table."""

    key: str
    heading: str
    column: str  # header of the label column
    chart: Chart
    rows: tuple[StatRow, ...]
    more: int  # values left out of the chart and table (only the top urusan are shown)


def board_path(year: int, ordering: str = ORDERINGS[0]) -> str:
    """The permanent address of a year's scoreboard in one ordering."""
    return f"/pemantauan/{year}/" if ordering == ORDERINGS[0] else f"/pemantauan/{year}/urut-{ordering}/"


def progress_note(row: OpdYear, ui: Mapping[str, str]) -> str:
    """"3 dari 5", or just "3" for an OPD without a target."""
    return ui["capaian_dari"].format(count=row.count, target=row.target) if row.target else str(row.count)


def status_text(row: OpdYear, ui: Mapping[str, str]) -> str:
    """"tercapai", "belum tercapai (kurang 2)" or "tanpa target"."""
    text = ui["status_" + row.status.replace("-", "_")]
    return text + " " + ui["status_kurang"].format(count=row.shortfall) if row.shortfall else text


def compliance_lines(rows: tuple[OpdYear, ...], ui: Mapping[str, str]) -> tuple[Line, ...]:
    """Numbered rows with their status in words, for the pages and `build.py laporan`."""
    return tuple(Line(number, row, status_text(row, ui)) for number, row in enumerate(rows, 1))


def board_views(monitoring: Monitoring, ui: Mapping[str, str]) -> list[tuple[str, BoardView]]:
    """(path, view) for every year with data in every ordering."""
    views = []
    for year in monitoring.years:
        board = monitoring.scoreboard(year)
        for ordering in ORDERINGS:
            views.append((board_path(year, ordering), _board_view(monitoring, board, ordering, ui)))
    return views


def _board_view(monitoring: Monitoring, board: Scoreboard, ordering: str, ui: Mapping[str, str]) -> BoardView:
    rows = board.ordered(ordering)
    chart = bar_chart(
        "grafik-pemantauan",
        ui["grafik_pemantauan_judul"].format(year=board.year),
        ui["grafik_pemantauan_ket"].format(year=board.year, ordering=ui[f"urut_{ordering}"]),
        [Bar(row.opd.slug, row.opd.abbreviation, row.count, row.target, progress_note(row, ui)) for row in rows],
        ui["grafik_target"],
    )
    return BoardView(
        board=board,
        ordering=ordering,
        ordering_label=ui[f"urut_{ordering}"],
        year_path=board_path(board.year),
        lines=compliance_lines(rows, ui),
        chart=chart,
        orderings=tuple(
            NavItem(ui[f"urut_{other}"], board_path(board.year, other), other == ordering) for other in ORDERINGS
        ),
        years=tuple(NavItem(str(year), board_path(year, ordering), year == board.year) for year in monitoring.years),
    )


def scorecard(monitoring: Monitoring, opd: Opd, ui: Mapping[str, str]) -> Scorecard | None:
    """The scorecard of an OPD page; None while the catalogue has no innovation at all."""
    if monitoring.current_year is None:
        return None
    history = monitoring.history(opd)
    chart = bar_chart(
        "grafik-opd",
        ui["grafik_opd_judul"].format(name=opd.name),
        ui["grafik_opd_ket"].format(name=opd.name),
        [Bar(str(row.year), str(row.year), row.count, row.target, progress_note(row, ui)) for row in history],
        ui["grafik_target"],
    )
    current = monitoring.opd_year(opd, monitoring.current_year)
    return Scorecard(
        compliance_lines((current,), ui)[0], compliance_lines(history, ui), chart, board_path(monitoring.current_year)
    )


def statistics_sections(taxonomies: tuple[Taxonomy, ...], ui: Mapping[str, str]) -> list[StatSection]:
    """Innovations per year (oldest first), tahapan, jenis, bentuk and the most used urusan."""
    by_key = {taxonomy.key: taxonomy for taxonomy in taxonomies}
    sections = []
    for key in STATISTICS_FIELDS:
        taxonomy = by_key[key]
        terms = list(reversed(taxonomy.terms)) if key == "tahun" else list(taxonomy.terms)
        shown = terms[:TOP_AFFAIRS] if key == "urusan" else terms
        heading = ui[f"statistik_{key}"].format(count=len(shown))
        rows = tuple(StatRow(term.label, taxonomy.term_path(term), len(term.items)) for term in shown)
        chart = bar_chart(
            f"grafik-{key}", heading, ui["grafik_statistik_ket"].format(what=heading.lower()),
            [Bar(term.slug, term.label, len(term.items)) for term in shown],
        )
        sections.append(StatSection(key, heading, taxonomy.title, chart, rows, len(terms) - len(shown)))
    return sections
