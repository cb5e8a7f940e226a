"""check() and build(): the stages of the generator, in order, each timed.

check: config -> find files -> read & check each file (all cores) -> cross-file rules -> catalogue
build: check -> images -> QR codes -> render pages -> write (staging folder) -> search index -> publish
"""

from __future__ import annotations

import datetime as dt
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from .config import SiteConfig, load_config
from .content import SourceRef, discover_sources, read_source
from .locale import load_locale
from .model import Catalog, build_catalog
from .outputs.assets import asset_files
from .outputs.headers import headers_files
from .outputs.images import files_to_copy as image_files
from .outputs.images import process_images
from .outputs.qr import qr_codes
from .outputs.schema import schema_files
from .outputs.sitemap import sitemap_files
from .outputs.theme import THEME_FILE, theme_css
from .problems import ERROR, Problem, ProblemFactory, has_errors
from .render import render_site
from .parallel import map_chunks
from .search import index_site
from .validate import CheckedFile, check_across, check_document, unreadable
from .writer import StagedOutput

CACHE_FOLDER = ".cache/katalog"  # resized images and QR codes, kept between builds


@dataclass
class Timings:
    """Seconds spent in each stage, in the order the stages ran."""

    stages: list[tuple[str, float]] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages.append((name, time.perf_counter() - start))

    @property
    def total(self) -> float:
        return sum(seconds for _, seconds in self.stages)


@dataclass(frozen=True)
class CheckResult:
    """What `check` learnt: the config and catalogue when usable, and every problem."""

    config: SiteConfig | None
    catalog: Catalog | None
    problems: list[Problem]
    timings: Timings
    entries: int = 0  # innovation files read, drafts and broken ones included
    opds: int = 0

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


@dataclass(frozen=True)
class BuildResult:
    check: CheckResult
    files: int  # every file written: pages, images, assets, data
    output: Path
    pages: int = 0  # HTML pages among them


def check(root: Path, base_url: str | None = None, strict: bool = False) -> CheckResult:
    """Load and validate a site without writing anything; `strict` makes every warning an error."""
    timings = Timings()
    with timings.stage("config"):
        config, problems = load_config(root)
    if config is None:
        return CheckResult(None, None, problems, timings)
    if base_url:
        config = config.with_base_url(base_url)
    factory = ProblemFactory(load_locale(config.language))
    with timings.stage("cari berkas"):
        refs, problems = discover_sources(root, factory)
    # Reading and checking one file needs no other file, so it runs on every core.
    with timings.stage("baca & periksa"):
        files = map_chunks(partial(_read_and_check, config, dt.date.today()), refs)
    problems += [problem for file in files for problem in file.problems]
    with timings.stage("periksa antarberkas"):
        problems += check_across(files, factory)
    if strict:
        problems = [replace(problem, level=ERROR) for problem in problems]
    entries = sum(1 for file in files if file.kind == "inovasi")
    opds = len(files) - entries
    if has_errors(problems):
        return CheckResult(config, None, problems, timings, entries, opds)
    with timings.stage("katalog"):
        catalog = build_catalog([file.record for file in files])
    return CheckResult(config, catalog, problems, timings, entries, opds)


def _read_and_check(config: SiteConfig, today: dt.date, refs: list[SourceRef]) -> list[CheckedFile]:
    """Read and check a chunk of files (in a worker process)."""
    factory = ProblemFactory(load_locale(config.language))
    results = []
    for ref in refs:
        document, problems = read_source(ref, factory)
        results.append(unreadable(ref, problems) if document is None else check_document(document, config, factory, today))
    return results


def build(root: Path, output: Path, base_url: str | None = None, strict: bool = False) -> BuildResult:
    """Check, then render and index the whole site into `output`, replacing it only when complete."""
    result = check(root, base_url, strict)
    if not result.ok:
        return BuildResult(result, 0, output)
    config, catalog, timings = result.config, result.catalog, result.timings
    cache = root / CACHE_FOLDER
    with StagedOutput(output) as staged:
        with timings.stage("gambar"):
            images = process_images(catalog, cache / "gambar")
        with timings.stage("kode QR"):
            codes = qr_codes(config, catalog, cache / "qr")
        with timings.stage("render"):
            pages = render_site(config, catalog, images, codes)
        with timings.stage("tulis"):
            for page in pages:
                staged.write(page.path, page.content)
            extra = [*schema_files(config), *sitemap_files(config, [page.path for page in pages]), *headers_files()]
            for relative, content in [*extra, (f"assets/{THEME_FILE}", theme_css(config))]:
                staged.write(relative, content)
            for relative, source in [*asset_files(config), *image_files(images)]:
                staged.copy(relative, source)
        # Pagefind reads the finished HTML, so it runs after every page is written.
        with timings.stage("indeks cari"):
            index_site(staged.staging)
        with timings.stage("terbitkan"):
            staged.commit()
    return BuildResult(result, staged.count, output, len(pages))
