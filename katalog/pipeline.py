"""check(), build() and monitor(): the stages of the generator, in order, each timed.

check: config -> find files -> git history -> read & check changed files (all cores) -> cross-file rules
       (and staleness from git dates) -> catalogue
build: check -> earlier URLs kept (--baseline) -> images -> share cards -> open data -> monitoring counts
       -> render changed pages and redirect pages -> feeds -> write (staging folder, with urls.json and sitemap)
       -> search index -> publish
monitor: check -> monitoring counts (for `build.py laporan`)
"""

from __future__ import annotations

import datetime as dt
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Mapping

from .baseline import load_baseline, vanished_urls
from .buildcache import Store, code_digest, digest_of, file_signature
from .config import SiteConfig, load_config
from .content import IMAGE_SUFFIXES, SourceRef, discover_sources, read_source
from .history import History, read_history, stale_problems
from .locale import load_locale
from .model import Catalog, build_catalog
from .monitoring import Monitoring, build_monitoring
from .outputs.assets import asset_files
from .outputs.cards import share_cards
from .outputs.feeds import feed_files
from .outputs.headers import headers_files
from .outputs.images import files_to_copy as image_files
from .outputs.images import ResponsiveImage, process_images
from .outputs.opendata import OpenData, open_data
from .outputs.schema import schema_files
from .outputs.sitemap import sitemap_files
from .outputs.statistics import statistics_files
from .outputs.redirects import redirect_pages
from .outputs.sitemap import page_dates, sitemap_files
from .outputs.theme import THEME_FILE, theme_css
from .outputs.urls import urls_file
from .progress import Progress, Ticker
from .problems import ERROR, Problem, ProblemFactory, has_errors
from .incremental import RenderReport, folder_digest, render_pages
from .render import create_environment, plan_site
from .parallel import map_chunks
from .search import SearchPlan, index_site, plan_search
from .validate import CheckedFile, check_across, check_document, unreadable
from .writer import MARKER, StagedOutput

CACHE_FOLDER = ".cache/katalog"  # resized images, QR codes and share cards, kept between builds


@dataclass
class Timings:
    """Seconds spent in each stage, in the order the stages ran; on a terminal each stage shows its progress."""

    stages: list[tuple[str, float]] = field(default_factory=list)
    progress: Progress = field(default_factory=lambda: Progress(enabled=False))

    @contextmanager
    def stage(self, name: str):
        """Times the stage; yields a Ticker the stage may count its items with."""
        start = time.perf_counter()
        ticker = self.progress.start(name)
        try:
            yield ticker
        finally:
            self.progress.finish(ticker)
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
    history: History = History()  # git dates of the content files (empty outside a full git checkout)
    inputs: str = ""  # a digest of everything read: the generator, config, date, files' signatures, git dates

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


@dataclass(frozen=True)
class BuildResult:
    check: CheckResult
    files: int  # every file written: pages, images, assets, data
    output: Path
    pages: int = 0  # HTML pages among them
    rendered: int = 0  # pages rendered anew; the others were unchanged since the previous build


def check(
    root: Path, base_url: str | None = None, strict: bool = False, keep_cache: bool = False, progress: Progress | None = None,
) -> CheckResult:
    """Load and validate a site without writing anything; `strict` makes every warning an error.

    Results of unchanged files come from the cache a build keeps; `keep_cache` (builds) updates it.
    `progress` shows each stage's progress (on a terminal).
    """
    timings = Timings(progress=progress or Progress(enabled=False))
    with timings.stage("config"):
        config, problems = load_config(root)
    if config is None:
        return CheckResult(None, None, problems, timings)
    factory = ProblemFactory(load_locale(config.language))
    with timings.stage("cari berkas"):
        refs, problems = discover_sources(root, factory)
    with timings.stage("riwayat git"):
        history = read_history(root)
    # Reading and checking one file needs no other file, so it runs on every core, and only for
    # files changed since the last run: the others' results come from the cache. No check depends on
    # the site's address, so `serve` (which builds for 127.0.0.1) and `check` share those results.
    with timings.stage("baca & periksa") as ticker:
        files, signatures = _check_files(root, config, refs, dt.date.today(), keep_cache, ticker)
    if base_url:
        config = config.with_base_url(base_url)
    problems += [problem for file in files for problem in file.problems]
    with timings.stage("periksa antarberkas"):
        problems += check_across(files, factory)
        problems += stale_problems(files, history, config.batas_kedaluwarsa_bulan, dt.date.today(), factory)
    if strict:
        problems = [replace(problem, level=ERROR) for problem in problems]
    entries = sum(1 for file in files if file.kind == "inovasi")
    opds = len(files) - entries
    if has_errors(problems):
        return CheckResult(config, None, problems, timings, entries, opds, history)
    inputs = digest_of(code_digest(), config, dt.date.today(), signatures, sorted(history.dates.items()), history.prefix, strict)
    with timings.stage("katalog"):
        catalog = build_catalog([file.record for file in files])
    return CheckResult(config, catalog, problems, timings, entries, opds, history, inputs)


def _check_files(
    root: Path, config: SiteConfig, refs: list[SourceRef], today: dt.date, keep: bool, ticker: Ticker,
) -> tuple[list[CheckedFile], dict[str, tuple]]:
    """Each file's CheckedFile, re-checked only when it (or an image beside it) changed since the cached run.

    Also returns each file's signature (its own and its folder's images'), which say whether it changed.
    """
    # Results depend on the generator, the config and today's date (e.g. "tahun" may not lie in the future).
    store = Store(root / CACHE_FOLDER, "periksa", digest_of(code_digest(), config, today))
    cached = store.load()
    images: dict[Path, tuple] = {}
    signatures = {}
    for ref in refs:
        folder = ref.path.parent
        if ref.kind == "inovasi" and folder not in images:
            images[folder] = tuple(
                (path.name, file_signature(path)) for path in sorted(folder.iterdir()) if path.suffix.lower() in IMAGE_SUFFIXES
            )
        signatures[ref.rel] = (file_signature(ref.path), images.get(folder, ()) if ref.kind == "inovasi" else ())
    stale = [ref for ref in refs if cached.get(ref.rel, (None,))[0] != signatures[ref.rel]]
    ticker.total(len(stale))
    fresh = {file.rel: file for file in map_chunks(partial(_read_and_check, config, today), stale, done=ticker.advance)}
    files = [fresh[ref.rel] if ref.rel in fresh else cached[ref.rel][1] for ref in refs]
    if keep and (fresh or len(cached) != len(refs)):
        store.save({file.rel: (signatures[file.rel], file) for file in files})
    return files, signatures


def _read_and_check(config: SiteConfig, today: dt.date, refs: list[SourceRef]) -> list[CheckedFile]:
    """Read and check a chunk of files (in a worker process)."""
    factory = ProblemFactory(load_locale(config.language))
    results = []
    for ref in refs:
        document, problems = read_source(ref, factory)
        results.append(unreadable(ref, problems) if document is None else check_document(document, config, factory, today))
    return results


def monitor(root: Path) -> tuple[CheckResult, Monitoring | None]:
    """Check, then count every OPD's innovations per year (for `build.py laporan`); no counts when check failed."""
    result = check(root)
    if not result.ok:
        return result, None
    with result.timings.stage("pemantauan"):
        monitoring = build_monitoring(result.config, result.catalog)
    return result, monitoring


def build(
    root: Path, output: Path, base_url: str | None = None, strict: bool = False, stale_index: bool = False,
    baseline: str | None = None, progress: Progress | None = None,
) -> BuildResult:
    """Check, then render and index the whole site into `output`, replacing it only when complete.

    `stale_index` (the live preview) keeps the previous search index for changed pages, so an edit
    shows at once; a full build afterwards brings the index up to date. `baseline` (an earlier build's
    urls.json, a file or an http(s) URL) fails the build before anything is written when one of its
    entry, OPD or redirect URLs would vanish. `progress` shows each stage's progress (on a terminal).
    """
    result = check(root, base_url, strict, keep_cache=True, progress=progress)
    if result.ok and baseline:
        with result.timings.stage("alamat lama tetap"):
            earlier, problems = load_baseline(baseline, result.config.locale)
            if earlier is not None:
                problems = vanished_urls(earlier, result.catalog, baseline, result.config.locale)
        result = replace(result, problems=[*result.problems, *problems])
    if not result.ok:
        return BuildResult(result, 0, output)
    config, catalog, timings, history = result.config, result.catalog, result.timings, result.history
    cache = root / CACHE_FOLDER
    # What the published site and the spare generation (the site before it, kept to be updated in
    # place) were built from: page fingerprints and search index digests.
    key = digest_of(str(output))
    published, spare_record = Store(cache, f"terbitan-{key}", "1"), Store(cache, f"cadangan-{key}", "1")
    live = published.load()
    # Nothing read differs from what the published site was built from: it is already this build's result.
    layouts = folder_digest(root / "layouts")
    inputs = digest_of(result.inputs, layouts, folder_digest(root / "assets"))
    if live.get("masukan") == inputs and live.get("indeks_lengkap") and (output / MARKER).is_file():
        return BuildResult(result, live["jumlah_berkas"], output, live["jumlah_halaman"], 0)
    with StagedOutput(output, spare=cache / "cadangan" / key) as staged:
        spare = spare_record.load() if staged.reused else {}
        spare_record.remove()  # the spare folder is being changed: its record no longer holds
        with timings.stage("gambar") as ticker:
            images = process_images(catalog, cache / "gambar", ticker)
        with timings.stage("kartu berbagi") as ticker:
            cards = share_cards(config, catalog, cache / "kartu", ticker)
        # The "Unduh data" page states each data file's size, so the data is made before the pages.
        with timings.stage("data terbuka"):
            data = open_data(config, catalog, images)
        with timings.stage("pemantauan"):
            monitoring = build_monitoring(config, catalog)
        search_plan = plan_search(catalog, config.search_split_above)
        with timings.stage("render") as ticker:
            # The plan (every page's context) is the build's largest data: it lives only in this call.
            rendered, paths = _render(
                config, catalog, images, cache, search_plan, monitoring, data, history, staged, output, live, spare, layouts, ticker,
            )
        with timings.stage("umpan atom"):
            feeds = feed_files(config, catalog, history)
        with timings.stage("tulis"):
            extra = [
                *schema_files(config), *sitemap_files(config, paths, page_dates(catalog, history)), *feeds,
                urls_file(config, catalog, paths, [path for path, _ in feeds]), *data.files(), *headers_files(),
            ]
            extra += statistics_files(config, monitoring)
            for relative, content in [*extra, (f"assets/{THEME_FILE}", theme_css(config))]:
                staged.write(relative, content)
            for relative, source in asset_files(config):
                staged.copy(relative, source)
            for relative, source in [*image_files(images), *cards]:  # files kept in the build cache
                staged.link(relative, source)
            del extra, data  # written: not kept in memory while Pagefind runs
        # Pagefind reads the finished HTML, so it runs after every page is written.
        with timings.stage("indeks cari") as ticker:
            indexed = index_site(
                staged, search_plan, rendered.fingerprints, output, live.get("indeks", {}), spare.get("indeks", {}), stale_index,
                ticker,
            )
        with timings.stage("terbitkan"):
            staged.commit()
            spare_record.save(live)  # the site just replaced is now the spare generation
            published.save({
                "halaman": dict(rendered.fingerprints), "indeks": dict(indexed.digests), "masukan": inputs,
                "indeks_lengkap": not indexed.outdated, "jumlah_berkas": staged.count, "jumlah_halaman": len(paths),
            })
    return BuildResult(result, staged.count, output, len(paths), rendered.rendered)


def _render(
    config: SiteConfig, catalog: Catalog, images: Mapping[Path, ResponsiveImage], cache: Path, search_plan: SearchPlan,
    monitoring: Monitoring, data: OpenData, history: History, staged: StagedOutput, output: Path,
    live: Mapping[str, Any], spare: Mapping[str, Any], layouts: str, ticker: Ticker,
) -> tuple[RenderReport, list[str]]:
    """Plan every page and render those that changed: the render report and every page's output path."""
    plan = plan_site(config, catalog, images, cache / "qr", search_plan, monitoring, data, history)
    redirects = redirect_pages(config, catalog)
    rendered = render_pages(
        [*plan.pages, *redirects], plan.common, partial(create_environment, config), staged, output,
        live.get("halaman", {}), spare.get("halaman", {}), layouts, ticker,
    )
    return rendered, [spec.path for spec in plan.pages]
