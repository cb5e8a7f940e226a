"""Each content file's first and last commit dates, read from git history in one `git log` pass.

Outside a git checkout, without git, or in a shallow clone (whose oldest commit seems to add every
file), the history is empty: pages then omit the dates and `check` skips the staleness warning.
"""

from __future__ import annotations

import calendar
import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .problems import WARNING, Problem, ProblemFactory
from .validate import CheckedFile

CONTENT_FOLDER = "content"
GIT_TIMEOUT = 120  # seconds; a 10,000-file history takes well under one


@dataclass(frozen=True)
class FileDates:
    """When a file was first committed (followed through renames) and last changed; committer dates."""

    first: dt.datetime
    last: dt.datetime


@dataclass(frozen=True)
class History:
    """Dates by site-relative path (content/inovasi/<opd>/<slug>.md), and where the site sits in its repository."""

    dates: Mapping[str, FileDates] = field(default_factory=lambda: MappingProxyType({}))
    prefix: str = ""  # the site folder inside the repository ("" at its root, "sites/bontang/" below it)
    shallow: bool = False  # a shallow clone: dates left out because they would be wrong

    def of(self, rel: str) -> FileDates | None:
        return self.dates.get(rel)

    def repository_path(self, rel: str) -> str:
        """The file's path in the repository, for links to its history and editor on GitHub."""
        return self.prefix + rel


def read_history(root: Path) -> History:
    """The dates of every committed file under <root>/content, or an empty History without usable git."""
    state = _git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-prefix")
    if state is None:
        return History()
    lines = state.split("\n") + ["", "", ""]
    if lines[0] != "true":
        return History()
    prefix = lines[2].strip()
    if lines[1] == "true":
        return History(prefix=prefix, shallow=True)
    log = _git(root, "log", "--format=%x00%cI", "--name-status", "-M", "--relative", "--", CONTENT_FOLDER)
    if log is None:
        return History(prefix=prefix)
    return History(MappingProxyType(parse_log(log)), prefix)


def _git(root: Path, *args: str) -> str | None:
    """Output of one git command in `root`, or None when git is missing or refuses (not a repository)."""
    try:
        completed = subprocess.run(
            ["git", "-c", "core.quotePath=false", "-C", str(root), *args],
            capture_output=True, text=True, encoding="utf-8", timeout=GIT_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return completed.stdout if completed.returncode == 0 else None


def parse_log(text: str) -> dict[str, FileDates]:
    """Dates per current path from `git log --format=%x00%cI --name-status -M` output (newest commit first)."""
    first: dict[str, dt.datetime] = {}
    last: dict[str, dt.datetime] = {}
    successor: dict[str, str] = {}  # an older path -> where that content lives now (renames seen so far)
    ended: set[str] = set()  # deleted at some point: older commits of that path belong to an earlier file

    def record(path: str, when: dt.datetime) -> None:
        if path in ended:
            return
        first[path] = min(when, first.get(path, when))
        last[path] = max(when, last.get(path, when))

    for commit in text.split("\x00")[1:]:
        lines = commit.strip("\n").split("\n")
        when = dt.datetime.fromisoformat(lines[0].strip())
        for line in lines[1:]:
            status, _, paths = line.partition("\t")
            if not paths:
                continue
            names = paths.split("\t")
            current = successor.get(names[-1], names[-1])
            if status.startswith("R") and len(names) == 2:
                record(current, when)
                successor[names[0]] = current  # before this commit the entry lived at its old name
            elif status == "D":
                ended.add(current)
            else:
                record(current, when)
    return {path: FileDates(first[path], last[path]) for path in sorted(first)}


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (31 March minus one month is 28/29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def is_stale(dates: FileDates | None, months: int, today: dt.date) -> bool:
    """True when the file's last commit is more than `months` months before `today`."""
    return dates is not None and dates.last.date() < months_before(today, months)


def stale_problems(
    files: list[CheckedFile], history: History, months: int, today: dt.date, factory: ProblemFactory
) -> list[Problem]:
    """A warning for each published, active innovation whose file has not changed for `months` months."""
    problems = []
    for file in files:
        record = file.record
        if file.kind != "inovasi" or record is None or record.draft or record.discontinued:
            continue
        dates = history.of(file.rel)
        if is_stale(dates, months, today):
            problems.append(factory.make(
                "belum-diperbarui", file.rel, found=dates.last.date().isoformat(), since=dates.last.date().isoformat(),
                limit=months, level=WARNING,
            ))
    return problems
