"""content/ -> SourceDocuments: each file read, decoded and its YAML parsed with positions.

Nothing here judges the values; validate.py does. Reading problems (not UTF-8, no front
matter, broken YAML) are reported here, because no later stage can see past them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, ProblemFactory
from .yamlsource import Parsed, YamlProblem, parse_yaml

MAX_FILE_BYTES = 1_000_000
FENCE = "---"
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})


@dataclass(frozen=True)
class SourceDocument:
    """One content file as written: its parsed YAML and, for innovations, its Markdown body."""

    kind: str  # "inovasi" or "opd"
    path: Path
    rel: str  # path relative to the site root, with forward slashes
    slug: str  # the file name without its suffix
    folder: str  # the OPD folder of an innovation; "" for OPD records
    parsed: Parsed
    body: str = ""
    body_line: int = 1  # the file line on which the body starts


def load_sources(root: Path, factory: ProblemFactory) -> tuple[list[SourceDocument], list[Problem]]:
    """Every OPD record and innovation under <root>/content, with the problems met reading them."""
    documents: list[SourceDocument] = []
    problems: list[Problem] = []
    content = root / "content"
    for path in sorted((content / "opd").glob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix != ".yaml":
            problems.append(factory.make("opd-bukan-yaml", rel))
            continue
        document, found = _read_opd(path, rel, factory)
        problems.extend(found)
        if document:
            documents.append(document)
    inovasi = content / "inovasi"
    for path in sorted(inovasi.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        rel = path.relative_to(root).as_posix()
        depth = len(path.relative_to(inovasi).parts)
        if path.suffix.lower() in IMAGE_SUFFIXES and depth == 2:
            continue  # images sit beside their entry; validate.py checks they are referenced correctly
        if path.suffix != ".md":
            problems.append(factory.make("bukan-markdown", rel, level="warning"))
            continue
        if depth != 2:
            problems.append(factory.make("di-luar-folder-opd", rel))
            continue
        document, found = _read_innovation(path, rel, factory)
        problems.extend(found)
        if document:
            documents.append(document)
    return documents, problems


def _read_text(path: Path, rel: str, factory: ProblemFactory) -> tuple[str | None, list[Problem]]:
    """The file's text with BOM and Windows line endings removed, or the reason it has none."""
    if path.is_symlink():
        return None, [factory.make("tautan-simbolik", rel)]
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return None, [factory.make("berkas-terlalu-besar", rel, size=len(raw), limit=MAX_FILE_BYTES)]
    if b"\x00" in raw:
        return None, [factory.make("berkas-biner", rel)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [factory.make("bukan-utf8", rel, line)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _parse(text: str, rel: str, first_line: int, factory: ProblemFactory) -> tuple[Parsed | None, list[Problem]]:
    try:
        parsed = parse_yaml(text, first_line=first_line)
    except YamlProblem as problem:
        return None, [factory.from_yaml(problem, rel)]
    if not isinstance(parsed.data, dict):
        return None, [factory.make("bukan-peta", rel, first_line, 1)]
    return parsed, []


def _read_opd(path: Path, rel: str, factory: ProblemFactory) -> tuple[SourceDocument | None, list[Problem]]:
    text, problems = _read_text(path, rel, factory)
    if text is None:
        return None, problems
    parsed, problems = _parse(text, rel, 1, factory)
    if parsed is None:
        return None, problems
    return SourceDocument("opd", path, rel, path.stem, "", parsed), []


def _read_innovation(path: Path, rel: str, factory: ProblemFactory) -> tuple[SourceDocument | None, list[Problem]]:
    text, problems = _read_text(path, rel, factory)
    if text is None:
        return None, problems
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        found_at = next((i for i, line in enumerate(lines) if line.rstrip() == FENCE), None)
        if found_at is not None:
            return None, [factory.make("front-matter-bukan-awal", rel, found_at + 1)]
        return None, [factory.make("front-matter-hilang", rel, 1)]
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), None)
    if close is None:
        return None, [factory.make("front-matter-tidak-ditutup", rel, 1)]
    parsed, problems = _parse("\n".join(lines[1:close]), rel, 2, factory)
    if parsed is None:
        return None, problems
    body = "\n".join(lines[close + 1 :])
    folder = path.parent.name
    return SourceDocument("inovasi", path, rel, path.stem, folder, parsed, body, close + 2), []
