"""Problems as text for people, GitHub workflow commands for pull requests, or JSON for tools."""

from __future__ import annotations

import json
from collections import defaultdict

from .locale import Locale
from .problems import ERROR, Problem, sort_problems

FORMATS = ("text", "github", "json")
WARNINGS_PER_CODE = 10  # past this, repeated warnings of one kind are counted, not listed


def format_problems(problems: list[Problem], locale: Locale, style: str, path_prefix: str = "") -> str:
    """The report in one of FORMATS; `path_prefix` turns site-relative paths into repository paths."""
    if style == "json":
        return format_json(problems, path_prefix)
    if style == "github":
        return format_github(problems, path_prefix)
    return format_text(problems, locale)


def _capped(problems: list[Problem]) -> tuple[list[Problem], dict[str, int]]:
    """Problems to show (every error, the first warnings of each kind) and the hidden count per code."""
    shown, hidden, seen = [], defaultdict(int), defaultdict(int)
    for problem in sort_problems(problems):
        if problem.level != ERROR and seen[problem.code] >= WARNINGS_PER_CODE:
            hidden[problem.code] += 1
            continue
        seen[problem.code] += 1
        shown.append(problem)
    return shown, dict(hidden)


def format_text(problems: list[Problem], locale: Locale) -> str:
    """Problems numbered and grouped by file, for people reading a terminal or CI log."""
    ui = locale.ui
    if not problems:
        return ui["laporan_bersih"] + "\n"
    errors = sum(1 for p in problems if p.level == ERROR)
    files = len({p.file for p in problems})
    lines = [ui["laporan_ringkas"].format(total=len(problems), errors=errors, warnings=len(problems) - errors, files=files), ""]
    shown, hidden = _capped(problems)
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for problem in shown:
        by_file[problem.file].append(problem)
    number = 0
    for file, file_problems in by_file.items():
        lines.append(file)
        for problem in file_problems:
            number += 1
            where = f"{file}:{problem.line}" + (f":{problem.column}" if problem.column else "")
            level = ui["galat"] if problem.level == ERROR else ui["peringatan"]
            field = f" · {problem.field}" if problem.field else ""
            lines.append(f"  {number}. {where}{field} · {level} [{problem.code}]")
            lines.append(f"     {problem.message}")
            for label, value in ((ui["ditemukan"], problem.found), (ui["diperbolehkan"], problem.allowed), (ui["saran"], problem.suggestion)):
                if value:
                    lines.append(f"     {label}: {value}")
        lines.append("")
    for code, count in sorted(hidden.items()):
        lines.append(ui["dan_lainnya"].format(count=count, code=code))
    return "\n".join(lines).rstrip() + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: list[Problem], path_prefix: str = "") -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its file and line."""
    shown, hidden = _capped(problems)
    lines = []
    for problem in shown:
        command = "error" if problem.level == ERROR else "warning"
        properties = [f"file={_escape_property(path_prefix + problem.file)}", f"line={problem.line}"]
        if problem.column:
            properties.append(f"col={problem.column}")
        title = f"{problem.field} [{problem.code}]" if problem.field else f"[{problem.code}]"
        properties.append(f"title={_escape_property(title)}")
        body = "\n".join(part for part in (problem.message, problem.found and f"Ditemukan: {problem.found}",
                                          problem.allowed and f"Yang diperbolehkan: {problem.allowed}",
                                          problem.suggestion and f"Saran: {problem.suggestion}") if part)
        lines.append(f"::{command} {','.join(properties)}::{_escape_data(body)}")
    for code, count in sorted(hidden.items()):
        lines.append(f"::warning title={_escape_property(f'[{code}]')}::{_escape_data(f'{count} peringatan [{code}] lainnya tidak ditampilkan.')}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_json(problems: list[Problem], path_prefix: str = "") -> str:
    """Every problem (none capped) as a JSON list of objects with stable keys."""
    keys = ("line", "column", "field", "level", "code", "message", "found", "allowed", "suggestion")
    records = [{"file": path_prefix + p.file, **{key: getattr(p, key) for key in keys}} for p in sort_problems(problems)]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
