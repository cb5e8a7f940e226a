"""The "1 OPD, 5 inovasi" rule: each OPD's published innovations per year against its yearly target.

The one place where innovations are counted for monitoring; pages, /data/statistik.json and
`build.py laporan` all read these records.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from .config import SiteConfig
from .model import Catalog, Opd
from .schemas import load_schema

MET, NOT_MET, NO_TARGET = "tercapai", "belum-tercapai", "tanpa-target"
ORDERINGS = ("nama", "jumlah", "kekurangan")  # by name, most innovations first, furthest from the target first


@dataclass(frozen=True)
class OpdYear:
    """One OPD's published innovations in one year, against its target."""

    opd: Opd
    year: int
    count: int
    target: int  # 0: no target
    stages: tuple[int, ...]  # counts per tahapan, in Monitoring.stages order
    discontinued: int  # of `count`, entries since marked `status: dihentikan` (they still count)

    @property
    def status(self) -> str:
        if not self.target:
            return NO_TARGET
        return MET if self.count >= self.target else NOT_MET

    @property
    def shortfall(self) -> int:
        """Innovations still missing to reach the target (0 when met or without target)."""
        return max(0, self.target - self.count)


@dataclass(frozen=True)
class Scoreboard:
    """Every OPD's count for one year (OPDs in name order) and the city's totals."""

    year: int
    rows: tuple[OpdYear, ...]
    stages: tuple[str, ...]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def target_total(self) -> int:
        return sum(row.target for row in self.rows)

    @property
    def stage_totals(self) -> tuple[int, ...]:
        return tuple(sum(row.stages[index] for row in self.rows) for index in range(len(self.stages)))

    @property
    def with_target(self) -> int:
        return sum(1 for row in self.rows if row.target)

    @property
    def met(self) -> int:
        return sum(1 for row in self.rows if row.status == MET)

    @property
    def without_entries(self) -> int:
        return sum(1 for row in self.rows if not row.count)

    @property
    def met_percent(self) -> int | None:
        """Share of the OPDs with a target that met it, rounded down so 99.5 % never shows as 100 %."""
        return 100 * self.met // self.with_target if self.with_target else None

    def ordered(self, ordering: str) -> tuple[OpdYear, ...]:
        """The rows in one of ORDERINGS; ties keep name order."""
        if ordering == "jumlah":
            return tuple(sorted(self.rows, key=lambda row: -row.count))
        if ordering == "kekurangan":
            # OPDs without a target have nothing missing, so they come last.
            return tuple(sorted(self.rows, key=lambda row: (-row.shortfall, not row.target)))
        return self.rows


@dataclass(frozen=True)
class Monitoring:
    """Counts of the whole catalogue: per OPD, year and tahapan, with each OPD's target."""

    opds: tuple[Opd, ...]  # name order
    default_target: int
    targets: Mapping[str, int]  # OPD slug -> yearly target (0: none)
    stages: tuple[str, ...]  # tahapan values in contract order
    years: tuple[int, ...]  # every year with a published innovation, oldest first
    counts: Mapping[tuple[str, int, str], int]  # (OPD slug, year, tahapan) -> innovations
    discontinued: Mapping[tuple[str, int], int]  # (OPD slug, year) -> discontinued innovations

    @property
    def current_year(self) -> int | None:
        """The year monitored by default: the latest year with data, so the build never depends on today's date."""
        return self.years[-1] if self.years else None

    def opd_year(self, opd: Opd, year: int) -> OpdYear:
        stages = tuple(self.counts.get((opd.slug, year, stage), 0) for stage in self.stages)
        return OpdYear(opd, year, sum(stages), self.targets[opd.slug], stages, self.discontinued.get((opd.slug, year), 0))

    def scoreboard(self, year: int) -> Scoreboard:
        """Every OPD in `year`, including those without any innovation (any year, with data or not)."""
        return Scoreboard(year, tuple(self.opd_year(opd, year) for opd in self.opds), self.stages)

    def history(self, opd: Opd) -> tuple[OpdYear, ...]:
        """One OPD in every year with data, oldest first."""
        return tuple(self.opd_year(opd, year) for year in self.years)


def build_monitoring(config: SiteConfig, catalog: Catalog) -> Monitoring:
    """Count the published catalogue (drafts are already left out) for every OPD and year."""
    counts: Counter[tuple[str, int, str]] = Counter()
    discontinued: Counter[tuple[str, int]] = Counter()
    for item in catalog.innovations:
        # The folder an entry lives in names the OPD it counts for, in the year its `tahun` says.
        counts[(item.opd, item.year, item.stage)] += 1
        if item.discontinued:
            discontinued[(item.opd, item.year)] += 1
    targets = {
        opd.slug: config.target_per_tahun if opd.target_per_tahun is None else opd.target_per_tahun
        for opd in catalog.opds
    }
    return Monitoring(
        opds=catalog.opds,
        default_target=config.target_per_tahun,
        targets=MappingProxyType(targets),
        stages=tuple(load_schema("inovasi")["properties"]["tahapan"]["enum"]),
        years=tuple(sorted({item.year for item in catalog.innovations})),
        counts=MappingProxyType(dict(counts)),
        discontinued=MappingProxyType(dict(discontinued)),
    )
