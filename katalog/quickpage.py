"""The live preview's fast path: an edited entry's page made again at once, before the full rebuild.

A full rebuild of a large catalogue takes seconds to minutes (listings, data, search index), while a
contributor editing one entry wants to see that entry now. When every change is an edit of a
published entry's file (not a new, moved or deleted file, an image, a layout or a setting), the
preview reads and checks those files alone and renders their pages with what the last full build
knew (related entries, images, git dates); it serves them from memory until a full build that saw
the edit is out, and shows problems in the edited file at once. The full build always follows and
is what gets published: this path never writes to the output folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import jinja2

from .config import SiteConfig
from .content import SourceRef, read_source
from .incremental import render_page
from .model import Innovation
from .outputs.images import process_images
from .pipeline import CACHE_FOLDER, CheckResult
from .problems import Problem, ProblemFactory, has_errors
from .render import EntryPages, common_context, create_environment
from .taxonomy import related_innovations
from .validate import check_document, unreadable


@dataclass(frozen=True)
class QuickState:
    """What the last successful full build knew, to render one entry's page without the others."""

    root: Path
    config: SiteConfig
    entries: Mapping[str, Innovation]  # site-relative file path -> published entry
    entry_page: EntryPages
    common: Mapping[str, Any]
    environment: jinja2.Environment


@dataclass(frozen=True)
class QuickResult:
    """Pages made again (output path -> HTML) and the problems found in the edited files."""

    pages: Mapping[str, bytes]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


def prepare(check: CheckResult, root: Path) -> QuickState:
    """The fast path's state after a successful check; images come from the build cache the build filled."""
    config, catalog = check.config, check.catalog
    images = process_images(catalog, root / CACHE_FOLDER / "gambar")
    entry_page = EntryPages(
        config, catalog.opd_by_slug, related_innovations(catalog), images, root / CACHE_FOLDER / "qr", check.history, dt.date.today(),
    )
    environment = create_environment(config)
    environment.get_template("innovation.html")  # compiled now rather than on the first edit
    return QuickState(
        root, config, {item.source: item for item in catalog.innovations}, entry_page, common_context(config, catalog), environment,
    )


def quick_render(state: QuickState, changed: Iterable[Path]) -> QuickResult | None:
    """The edited entries' pages, or None when the changes are more than edits of published entries.

    Files that came and went (an editor's temporary files) are ignored; anything else unknown, a
    deleted entry, a moved one (new slug or OPD), a new draft or changed images needs the full build.
    """
    refs = []
    for path in sorted(set(changed)):
        try:
            rel = path.relative_to(state.root).as_posix()
        except ValueError:
            return None
        if rel in state.entries and path.is_file():
            refs.append(SourceRef("inovasi", path, rel))
        elif rel in state.entries or path.exists():
            return None
    if not refs:
        return None
    factory = ProblemFactory(state.config.locale)
    pages: dict[str, bytes] = {}
    problems: list[Problem] = []
    for ref in refs:
        document, read_problems = read_source(ref, factory)
        checked = unreadable(ref, read_problems) if document is None else check_document(document, state.config, factory, dt.date.today())
        problems += checked.problems
        if has_errors(checked.problems):
            continue
        item, before = checked.record, state.entries[ref.rel]
        if item.draft or (item.slug, item.opd, item.images) != (before.slug, before.opd, before.images):
            return None
        spec = state.entry_page(item)
        pages[spec.path] = render_page(spec, state.common, state.environment)
    return QuickResult(pages, tuple(problems))
