"""`pr-summary`: the one pull-request comment, in the site's language: check results and the changed entries."""

from __future__ import annotations

from .changes import ADDED, REMOVED, RENAMED, EntryChange
from .locale import Locale
from .markdowntext import code_span, escape_markdown
from .pipeline import CheckResult
from .problems import ERROR, show_value, sort_problems

MARKER = "<!-- katalog-inovasi-ringkasan -->"  # how the commenting workflow finds its comment again
STEPS = ("build", "html", "links")  # workflow steps whose outcome is passed in, after `check` (run here)
OUTCOMES = ("success", "failure", "cancelled", "skipped")
MAX_PROBLEMS = 30
MAX_CHARS = 60_000  # GitHub refuses comments over 65,536 characters
ICONS = {"success": "✅", "failure": "❌", "cancelled": "⚪", "skipped": "⏭️", "": "➖"}
STATUS_ICONS = {ADDED: "➕", "diubah": "✏️", RENAMED: "↪️", REMOVED: "🗑️"}


def _outcome(ui, outcome: str) -> str:
    return f"{ICONS.get(outcome, ICONS[''])} {ui['ringkasan_hasil_' + (outcome if outcome in OUTCOMES else 'tidak_ada')]}"


def _results_table(ui, check: CheckResult, outcomes: dict[str, str]) -> list[str]:
    errors = sum(1 for p in check.problems if p.level == ERROR)
    counts = ui["ringkasan_jumlah_masalah"].format(errors=errors, warnings=len(check.problems) - errors)
    rows = [
        f"| {ui['ringkasan_kolom_pemeriksaan']} | {ui['ringkasan_kolom_hasil']} |", "|---|---|",
        f"| {ui['ringkasan_langkah_check']} | {_outcome(ui, 'success' if check.ok else 'failure')} ({counts}) |",
    ]
    rows += [f"| {ui['ringkasan_langkah_' + step]} | {_outcome(ui, outcomes.get(step, ''))} |" for step in STEPS]
    return rows


def _problem_list(ui, check: CheckResult, changed: set[str]) -> list[str]:
    """Every error (each blocks publishing), and the warnings of the files this pull request touches."""
    ordered = sort_problems([p for p in check.problems if p.level == ERROR or p.file in changed])
    if not ordered:
        return []
    lines = [f"### {ui['ringkasan_masalah_judul'].format(count=len(ordered))}", ""]
    for number, problem in enumerate(ordered[:MAX_PROBLEMS], 1):
        level = ui["galat"] if problem.level == ERROR else ui["peringatan"]
        field = f" · {escape_markdown(problem.field)}" if problem.field else ""
        lines.append(f"{number}. **{level}** {escape_markdown(problem.file)}:{problem.line}{field} "
                     f"[{escape_markdown(problem.code)}]: {escape_markdown(problem.message)}")
        if problem.suggestion:
            lines.append(f"   {ui['saran']}: {escape_markdown(problem.suggestion)}")
    if len(ordered) > MAX_PROBLEMS:
        lines.append(ui["ringkasan_masalah_lainnya"].format(count=len(ordered) - MAX_PROBLEMS))
    return lines + [""]


def _value(value: object) -> str:
    return "—" if value is None else code_span(show_value(value))


def _entry(ui, change: EntryChange) -> list[str]:
    """One changed file: heading, address, field table, changed sections and what to watch for."""
    status = ui[f"ringkasan_status_{change.status}"]
    title = escape_markdown(change.title or change.slug)
    lines = [f"#### {STATUS_ICONS[change.status]} {status}: {title}", ""]
    where = escape_markdown(change.path)
    if change.old_path:
        where = f"{escape_markdown(change.old_path)} → {where}"
    lines.append(f"{ui['ringkasan_berkas']}: {where}")
    if change.kind == "inovasi":
        lines.append(f"{ui['ringkasan_alamat']}: /inovasi/{escape_markdown(change.slug)}/")
    lines.append("")
    if not change.readable:
        lines += [ui["ringkasan_tidak_terbaca"], ""]
    if change.fields and change.status != REMOVED:
        lines += [f"| {ui['ringkasan_kolom']} | {ui['ringkasan_sebelum']} | {ui['ringkasan_sesudah']} |", "|---|---|---|"]
        lines += [f"| {code_span(f.name)} | {_value(f.before)} | {_value(f.after)} |" for f in change.fields]
        lines.append("")
    if change.sections and change.status != REMOVED:
        lines += [ui["ringkasan_bagian_berubah"].format(sections=", ".join(escape_markdown(s) for s in change.sections)), ""]
    if change.kind == "inovasi" and change.status == REMOVED:
        lines += [ui["ringkasan_peringatan_hapus"].format(url=f"/inovasi/{escape_markdown(change.slug)}/"), ""]
    old_slug = change.old_path.rsplit("/", 1)[-1].removesuffix(".md") if change.old_path else ""
    aliases = next((f.after for f in change.fields if f.name == "aliases"), None) or []
    if change.kind == "inovasi" and change.status == RENAMED and old_slug != change.slug:
        old_url = f"/inovasi/{old_slug}/"
        if old_url not in aliases and old_url.rstrip("/") not in aliases:
            lines += [ui["ringkasan_peringatan_pindah"].format(old=escape_markdown(old_url), new=f"/inovasi/{escape_markdown(change.slug)}/"), ""]
    return lines


def summary_markdown(
    locale: Locale, check: CheckResult, changes: tuple[EntryChange, ...], outcomes: dict[str, str], run_url: str = "",
) -> str:
    """The whole comment, starting with MARKER; user-written values are escaped or shown as code."""
    ui = locale.ui
    failed = not check.ok or any(outcomes.get(step) == "failure" for step in STEPS)
    lines = [MARKER, f"## {ui['ringkasan_judul']}", "", ui["ringkasan_gagal" if failed else "ringkasan_lolos"], ""]
    lines += [*_results_table(ui, check, outcomes), ""]
    lines += _problem_list(ui, check, {change.path for change in changes})
    innovations = [c for c in changes if c.kind == "inovasi"]
    opds = [c for c in changes if c.kind == "opd"]
    for heading, group in (("ringkasan_inovasi_berubah", innovations), ("ringkasan_opd_berubah", opds)):
        if group:
            lines += [f"### {ui[heading].format(count=len(group))}", ""]
            for change in group:
                lines += _entry(ui, change)
    if not changes:
        lines += [ui["ringkasan_tanpa_perubahan_isi"], ""]
    if run_url:
        lines += [ui["ringkasan_artefak"].format(url=run_url), ""]
    text = "\n".join(lines).rstrip() + "\n"
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n", 0, MAX_CHARS)
        text = text[:cut] + "\n\n" + ui["ringkasan_terpotong"] + "\n"
    return text
