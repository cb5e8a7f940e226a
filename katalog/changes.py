"""What a pull request changes in the content: entries added, changed, renamed or removed, field by field (git)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .content import FENCE_LINE
from .schemas import load_schema
from .yamlsource import YamlProblem, parse_yaml

ADDED, CHANGED, RENAMED, REMOVED = "baru", "diubah", "dipindah", "dihapus"
GIT_STATUS = {"A": ADDED, "C": ADDED, "M": CHANGED, "T": CHANGED, "R": RENAMED, "D": REMOVED}
CONTENT = "content/"
SECTION_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t#]*$", re.M)


class GitError(Exception):
    """git could not answer (not a repository, unknown commit)."""


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: object  # None when the field was added
    after: object  # None when the field was removed


@dataclass(frozen=True)
class EntryChange:
    """One changed content file and what changed in it."""

    status: str  # ADDED, CHANGED, RENAMED or REMOVED
    kind: str  # "inovasi" or "opd"
    path: str  # relative to the site root (the old path for REMOVED)
    old_path: str  # the path before a rename, else ""
    title: str  # judul (inovasi) or nama (opd), from whichever side has it
    fields: tuple[FieldChange, ...]
    sections: tuple[str, ...]  # body sections (## headings) added, changed or removed
    readable: bool = True  # False when one side's front matter could not be read

    @property
    def slug(self) -> str:
        return Path(self.path).stem


def _git(root: Path, *args: str) -> str:
    completed = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8")
    if completed.returncode != 0:
        raise GitError(completed.stderr.strip() or f"git {' '.join(args)}")
    return completed.stdout


def _file_at(root: Path, commit: str, path: str) -> str | None:
    """The text of `path` (relative to the site root) at `commit`, or None when it is not there."""
    try:
        return _git(root, "show", f"{commit}:./{path}")
    except GitError:
        return None


def split_entry(text: str | None) -> tuple[dict | None, str]:
    """(front matter, body) of an innovation file; (None, body) when the front matter cannot be read."""
    if text is None:
        return {}, ""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    opening = FENCE_LINE.match(text)
    closing = FENCE_LINE.search(text, opening.end()) if opening else None
    if opening is None or closing is None:
        return None, text
    try:
        data = parse_yaml(text[opening.end() + 1 : closing.start()]).data
    except YamlProblem:
        return None, text[closing.end() + 1 :]
    return (data if isinstance(data, dict) else None), text[closing.end() + 1 :]


def _record(text: str | None, kind: str) -> tuple[dict | None, str]:
    if kind == "inovasi":
        return split_entry(text)
    if text is None:
        return {}, ""
    try:
        data = parse_yaml(text).data
    except YamlProblem:
        return None, ""
    return (data if isinstance(data, dict) else None), ""


def _section_texts(body: str) -> dict[str, str]:
    """Section heading -> its text, for every `## ` heading of a body."""
    parts = SECTION_HEADING.split(body)
    return {title.strip(): text.strip() for title, text in zip(parts[1::2], parts[2::2])}


def _field_order(kind: str, names: set[str]) -> list[str]:
    """Schema order first (the order of the guide), then any unknown keys alphabetically."""
    known = list(load_schema(kind)["properties"])
    return [name for name in known if name in names] + sorted(names - set(known))


def compare(kind: str, before: str | None, after: str | None) -> tuple[tuple[FieldChange, ...], tuple[str, ...], bool]:
    """Field changes, changed section headings, and whether both sides could be read."""
    old, old_body = _record(before, kind)
    new, new_body = _record(after, kind)
    if old is None or new is None:
        return (), (), False
    fields = tuple(
        FieldChange(name, old.get(name), new.get(name))
        for name in _field_order(kind, set(old) | set(new)) if old.get(name) != new.get(name)
    )
    old_sections, new_sections = _section_texts(old_body), _section_texts(new_body)
    headings = list(dict.fromkeys([*old_sections, *new_sections]))
    sections = tuple(title for title in headings if old_sections.get(title) != new_sections.get(title))
    return fields, sections, True


def _kind(path: str) -> str:
    return "opd" if path.startswith(CONTENT + "opd/") else "inovasi"


def _is_record(path: str) -> bool:
    return (path.startswith(CONTENT + "inovasi/") and path.endswith(".md")) or (
        path.startswith(CONTENT + "opd/") and path.endswith(".yaml")
    )


def changed_entries(root: Path, base: str, head: str = "HEAD") -> tuple[EntryChange, ...]:
    """Every innovation and OPD file that differs between `base` and `head`, in path order."""
    # -z keeps unusual file names intact; --relative makes paths relative to the site root inside the repository.
    output = _git(root, "diff", "--name-status", "-z", "-M", "--relative", base, head, "--", CONTENT)
    tokens = output.split("\0")
    changes = []
    index = 0
    while index < len(tokens) and tokens[index]:
        code = tokens[index][0]
        if code in "RC":
            old_path, path = tokens[index + 1], tokens[index + 2]
            index += 3
        else:
            old_path, path = "", tokens[index + 1]
            index += 2
        if not _is_record(path):
            continue
        status = GIT_STATUS.get(code, CHANGED)
        kind = _kind(path)
        before = None if status == ADDED else _file_at(root, base, old_path or path)
        after = None if status == REMOVED else _file_at(root, head, path)
        fields, sections, readable = compare(kind, before, after)
        title_key = "judul" if kind == "inovasi" else "nama"
        title = next((str(d[title_key]) for d in (_record(after, kind)[0], _record(before, kind)[0])
                      if isinstance(d, dict) and d.get(title_key)), "")
        changes.append(EntryChange(status, kind, path, old_path if code in "RC" else "", title, fields, sections, readable))
    return tuple(sorted(changes, key=lambda change: change.path))
