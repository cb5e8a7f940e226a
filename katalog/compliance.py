"""`build.py laporan`: one year's compliance table for Bapperida, as plain text, Markdown or CSV."""

from __future__ import annotations

import csv
import io
from typing import Mapping

from .config import SiteConfig
from .dashboards import compliance_lines
from .monitoring import Monitoring, Scoreboard

REPORT_FORMATS = ("text", "md", "csv")


def compliance_report(config: SiteConfig, monitoring: Monitoring, year: int, style: str) -> str:
    """The same rows as /pemantauan/<year>/ (OPDs by name), with the city's totals except in CSV."""
    ui = config.locale.ui
    board = monitoring.scoreboard(year)
    header = [ui["kolom_no"], ui["kolom_opd"], ui["kolom_jumlah"], ui["kolom_target"], ui["kolom_status"], *board.stages]
    if style == "csv":
        return _csv(board, ui, header)
    rows = [
        [str(line.number), line.result.opd.name, str(line.result.count),
         str(line.result.target) if line.result.target else ui["target_tidak_ada"], line.status,
         *(str(count) for count in line.result.stages)]
        for line in compliance_lines(board.rows, ui)
    ]
    total = ["", ui["total_kota"].format(region=config.region), str(board.total), str(board.target_total),
             ui["total_tercapai"].format(met=board.met, with_target=board.with_target), *map(str, board.stage_totals)]
    title = ui["laporan_pemantauan_judul"].format(target=monitoring.default_target, region=config.region, year=year)
    percent = ui["persen_tidak_ada"] if board.met_percent is None else ui["persen"].format(percent=board.met_percent)
    summary = ui["laporan_pemantauan_ringkas"].format(
        met=board.met, with_target=board.with_target, percent=percent, total=board.total, without=board.without_entries,
    )
    if style == "md":
        return _markdown(title, header, rows, total, summary)
    return _text(title, header, rows, total, summary)


def _csv(board: Scoreboard, ui: Mapping[str, str], header: list[str]) -> str:
    """One row per OPD with its slug and plain numbers (target 0: none; the shortfall in a column of its own)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([header[0], ui["kolom_slug"], *header[1:5], ui["kolom_kurang"], *header[5:]])
    for line in compliance_lines(board.rows, ui):
        row = line.result
        status = ui["status_" + row.status.replace("-", "_")]
        writer.writerow([line.number, row.opd.slug, row.opd.name, row.count, row.target, status, row.shortfall, *row.stages])
    return buffer.getvalue()


def _markdown(title: str, header: list[str], rows: list[list[str]], total: list[str], summary: str) -> str:
    def cells(values: list[str]) -> str:
        return "| " + " | ".join(value.replace("|", "\\|") for value in values) + " |"

    numeric = {0, 2, 3, *range(5, len(header))}
    lines = [f"## {title}", "", cells(header)]
    lines.append("|" + "|".join("---:" if index in numeric else "---" for index in range(len(header))) + "|")
    lines += [cells(row) for row in rows]
    lines.append(cells([f"**{value}**" if value else "" for value in total]))
    return "\n".join([*lines, "", summary, ""])


def _text(title: str, header: list[str], rows: list[list[str]], total: list[str], summary: str) -> str:
    """Columns padded for a terminal; numbers right-aligned."""
    table = [header, *rows, total]
    widths = [max(len(row[index]) for row in table) for index in range(len(header))]
    numeric = {0, 2, 3, *range(5, len(header))}

    def line(values: list[str]) -> str:
        return "  ".join(
            value.rjust(width) if index in numeric else value.ljust(width)
            for index, (value, width) in enumerate(zip(values, widths))
        ).rstrip()

    rule = "-" * len(line(["-" * width for width in widths]))
    return "\n".join([title, "", line(header), rule, *map(line, rows), rule, line(total), "", summary, ""])
