"""/data/statistik.json: every OPD's innovations per year (total and by tahapan) against its target, as open data."""

from __future__ import annotations

import json

from ..config import SiteConfig
from ..monitoring import Monitoring, OpdYear

STATISTICS_FILE = "data/statistik.json"


def statistics_files(config: SiteConfig, monitoring: Monitoring) -> list[tuple[str, bytes]]:
    """The monitoring counts with sorted keys and no build date, so the same content gives the same bytes."""
    boards = [monitoring.scoreboard(year) for year in monitoring.years]
    data = {
        "wilayah": config.region,
        "target_per_tahun": monitoring.default_target,
        "tahun_pantau": monitoring.current_year,
        "tahun": list(monitoring.years),
        "tahapan": list(monitoring.stages),
        "kota": {
            str(board.year): {
                "jumlah": board.total,
                "tahapan": dict(zip(board.stages, board.stage_totals)),
                "target": board.target_total,
                "opd": len(board.rows),
                "opd_bertarget": board.with_target,
                "opd_tercapai": board.met,
                "opd_tanpa_inovasi": board.without_entries,
            }
            for board in boards
        },
        "opd": {
            opd.slug: {
                "nama": opd.name,
                "singkatan": opd.abbreviation,
                "jenis": opd.kind,
                "induk": opd.parent,
                "url": config.base_url + opd.path.lstrip("/"),
                "target_per_tahun": monitoring.targets[opd.slug],
                "tahun": {str(row.year): _opd_year(row, monitoring.stages) for row in monitoring.history(opd)},
            }
            for opd in monitoring.opds
        },
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return [(STATISTICS_FILE, text.encode("utf-8"))]


def _opd_year(row: OpdYear, stages: tuple[str, ...]) -> dict:
    return {
        "jumlah": row.count,
        "tahapan": dict(zip(stages, row.stages)),
        "dihentikan": row.discontinued,
        "target": row.target,
        "status": row.status,
    }

