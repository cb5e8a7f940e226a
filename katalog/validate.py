"""SourceDocuments -> every Problem: per document (schema, values, body), then across files."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from .complexity import check_body_complexity
from .config import SiteConfig
from .content import SourceDocument, SourceRef
from .model import Innovation, Opd, innovation_from_document, opd_from_document, slugify
from .problems import WARNING, Problem, ProblemFactory, closest
from .schemas import check_against_schema

RESERVED_PREFIXES = (
    "/opd/", "/inovasi/halaman/", "/cari/", "/schema/", "/assets/", "/pagefind/", "/jelajahi/",
    "/tahun/", "/tahapan/", "/jenis/", "/bentuk/", "/urusan/", "/sdgs/", "/tag/",
    "/pemantauan/", "/statistik/", "/data/",
)
MAX_IMAGE_BYTES = 20_000_000
MAX_IMAGE_PIXELS = 50_000_000
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SECTIONS = ("Latar Belakang", "Rancang Bangun", "Tujuan", "Manfaat", "Hasil")
DESIGN_SECTION, DESIGN_MIN_WORDS = "Rancang Bangun", 300  # the IID form asks for at least 300 words
DATE_ORDER = ("tanggal_inisiatif", "tanggal_uji_coba", "tanggal_penerapan")
HAS_WORD = re.compile(r"\w")
HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)  # hidden on the site (nh3 strips comments), so not content
MARKUP_TOKENS = frozenset({"|", "-", "*", "+", ">", "#", "—", "–", "|---|", "---", "***"})


@dataclass(frozen=True)
class CheckedFile:
    """One file after its own checks: what the cross-file rules and the catalogue need from it.

    Worker processes return these, so they carry no parsed YAML: only the record and a few positions.
    """

    kind: str
    rel: str
    slug: str
    folder: str
    problems: tuple[Problem, ...]
    record: Innovation | Opd | None = None  # set when the file passed the schema
    aliases: tuple[tuple[str, int, int], ...] = ()  # (alias, line, column)
    parent: tuple[str, int, int] | None = None  # an OPD's (induk, line, column)


def unreadable(ref: SourceRef, problems: list[Problem]) -> CheckedFile:
    """A file that could not be read at all."""
    folder = ref.path.parent.name if ref.kind == "inovasi" else ""
    return CheckedFile(ref.kind, ref.rel, ref.path.stem, folder, tuple(problems))


def check_document(document: SourceDocument, config: SiteConfig, factory: ProblemFactory, today: dt.date) -> CheckedFile:
    """Problems within one document (schema, values, body) and, when it passed the schema, its record."""
    problems = check_against_schema(document.kind, document.parsed, document.rel, factory)
    valid = not problems
    if not SLUG.match(document.slug):
        problems.append(factory.make("slug-tidak-valid", document.rel, found=document.slug, guess=slugify(document.slug)))
    data, parsed = document.parsed.data, document.parsed
    if document.kind == "opd":
        parent = data.get("induk")
        return CheckedFile(
            "opd", document.rel, document.slug, "", tuple(problems), opd_from_document(document) if valid else None,
            parent=(parent, *parsed.locate(("induk",))) if isinstance(parent, str) and parent else None,
        )
    if not valid:
        return CheckedFile("inovasi", document.rel, document.slug, document.folder, tuple(problems))
    problems.extend(_check_innovation_values(document, config, factory, today))
    aliases = tuple((alias, *parsed.locate(("aliases", index))) for index, alias in enumerate(data.get("aliases", ())))
    return CheckedFile(
        "inovasi", document.rel, document.slug, document.folder, tuple(problems),
        innovation_from_document(document), aliases=aliases,
    )


def check_across(files: list[CheckedFile], factory: ProblemFactory) -> list[Problem]:
    """Rules between files: OPD folders and parents exist, slugs are unique, aliases take no one's URL."""
    opd_slugs = {f.slug for f in files if f.kind == "opd"}
    problems: list[Problem] = []
    for file in files:
        if file.kind == "opd" and file.parent and file.parent[0] not in opd_slugs:
            parent, line, column = file.parent
            problems.append(factory.make(
                "induk-tidak-dikenal", file.rel, line, column, "induk", found=parent, guess=closest(parent, sorted(opd_slugs)),
            ))
        elif file.kind == "inovasi" and file.folder not in opd_slugs:
            problems.append(factory.make(
                "opd-tidak-terdaftar", file.rel, found=file.folder, folder=file.folder,
                guess=closest(file.folder, sorted(opd_slugs)),
            ))
    problems.extend(_check_unique_slugs(files, factory))
    problems.extend(_check_aliases([f for f in files if f.record is not None], factory))
    return problems


def _check_innovation_values(
    document: SourceDocument, config: SiteConfig, factory: ProblemFactory, today: dt.date
) -> list[Problem]:
    """Rules the schema cannot express: config-driven lists, the calendar, files and the body."""
    data, parsed, rel = document.parsed.data, document.parsed, document.rel
    problems = []
    for index, affair in enumerate(data["urusan"]):
        if affair not in config.urusan:
            problems.append(factory.make(
                "urusan-tidak-dikenal", rel, *parsed.locate(("urusan", index)), f"urusan[{index + 1}]",
                found=affair, guess=closest(affair, config.urusan),
            ))
    if data["tahun"] > today.year + 1:
        problems.append(factory.make(
            "tahun-terlalu-jauh", rel, *parsed.locate(("tahun",)), "tahun", found=data["tahun"], limit=today.year + 1,
        ))
    dates = [(key, dt.date.fromisoformat(data[key])) for key in DATE_ORDER if key in data]
    for (earlier_key, earlier), (later_key, later) in zip(dates, dates[1:]):
        if later < earlier:
            problems.append(factory.make(
                "urutan-tanggal", rel, *parsed.locate((later_key,)), later_key,
                found=data[later_key], earlier_field=earlier_key, earlier=data[earlier_key],
            ))
    folder = document.path.parent.resolve()
    for index, image in enumerate(data.get("gambar", ())):
        target = document.path.parent / image["file"]
        where = (rel, *parsed.locate(("gambar", index, "file")), f"gambar[{index + 1}].file")
        if not target.resolve().is_relative_to(folder) or target.is_symlink() or not target.is_file():
            problems.append(factory.make(
                "gambar-tidak-ada", *where, found=image["file"], folder=document.path.parent.relative_to(config.root).as_posix(),
            ))
        elif reason := _unusable_image(target):
            problems.append(factory.make("gambar-rusak", *where, found=image["file"], reason=reason))
    if data["tahapan"] == "penerapan" and "tanggal_penerapan" not in data:
        problems.append(factory.make(
            "penerapan-tanpa-tanggal", rel, *parsed.locate(("tahapan",)), "tanggal_penerapan", level=WARNING,
        ))
    problems.extend(_check_sections(document, factory))
    problems.extend(check_body_complexity(document, factory))
    return problems


def _sections(body: str) -> list[tuple[str, int, int]]:
    """(heading, offset of its text, offset of the next heading) for each `## ` heading of the body."""
    starts = [0] if body.startswith("## ") else []
    position = body.find("\n## ")
    while position != -1:
        starts.append(position + 1)
        position = body.find("\n## ", position + 1)
    sections = []
    for index, start in enumerate(starts):
        line_end = body.find("\n", start)
        line_end = len(body) if line_end == -1 else line_end
        title = body[start + 3 : line_end].strip().rstrip("#").strip()
        end = starts[index + 1] if index + 1 < len(starts) else len(body)
        sections.append((title, line_end, end))
    return sections


def _count_words(text: str) -> int:
    """Whitespace-separated tokens, not counting Markdown punctuation such as table pipes and bullets."""
    tokens = text.split()
    return len(tokens) - sum(map(MARKUP_TOKENS.__contains__, tokens))


def _unusable_image(path: Path) -> str:
    """Why an image file cannot be published ('' when it can): not an image, too big, or too many pixels."""
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return f"lebih dari {MAX_IMAGE_BYTES // 1_000_000} MB"
    try:
        with Image.open(path) as image:
            if image.format not in ("JPEG", "PNG", "WEBP"):
                return f"formatnya {image.format}, bukan JPEG, PNG atau WebP"
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return f"{image.width}×{image.height} piksel, lebih dari {MAX_IMAGE_PIXELS // 1_000_000} megapiksel"
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return "isinya bukan gambar yang utuh"
    return ""


def _check_sections(document: SourceDocument, factory: ProblemFactory) -> list[Problem]:
    """Warn when one of the five IID narrative sections is missing, empty or (Rancang Bangun) too short."""
    # Comments (the guidance `new` writes) become spaces: same offsets and lines, but no words or headings.
    body = HTML_COMMENT.sub(lambda comment: re.sub(r"[^\n]", " ", comment.group()), document.body)
    found: dict[str, tuple[int, int, int]] = {}  # heading -> (file line, text start, text end)
    for title, start, end in _sections(body):
        found.setdefault(title, (document.body_line + body.count("\n", 0, start), start, end))
    problems = []
    for section in SECTIONS:
        if section not in found:
            guess = closest(section, [heading for heading in found if heading not in SECTIONS])
            problems.append(factory.make(
                "bagian-hilang", document.rel, found[guess][0] if guess else document.body_line, 0, "",
                section=section, guess=guess, level=WARNING,
            ))
            continue
        line, start, end = found[section]
        if not HAS_WORD.search(body, start, end):
            problems.append(factory.make("bagian-kosong", document.rel, line, 0, "", section=section, level=WARNING))
        elif section == DESIGN_SECTION and (words := _count_words(body[start:end])) < DESIGN_MIN_WORDS:
            problems.append(factory.make(
                "rancang-bangun-pendek", document.rel, line, 0, "", found=words, limit=DESIGN_MIN_WORDS, level=WARNING,
            ))
    return problems


def _check_unique_slugs(documents: list[CheckedFile], factory: ProblemFactory) -> list[Problem]:
    """The same file name in two OPD folders would give two entries one permanent URL."""
    by_slug: dict[str, list[CheckedFile]] = defaultdict(list)
    for document in documents:
        if document.kind == "inovasi":
            by_slug[document.slug].append(document)
    problems = []
    for slug, same in by_slug.items():
        if len(same) > 1:
            for document in same:
                others = ", ".join(other.rel for other in same if other is not document)
                problems.append(factory.make("slug-ganda", document.rel, found=slug, others=others))
    return problems


def _check_aliases(files: list[CheckedFile], factory: ProblemFactory) -> list[Problem]:
    """An alias must not take the address of another page, another alias, or a section of the site."""
    owners: dict[str, str] = {f"/inovasi/{f.slug}/": f.rel for f in files if f.kind == "inovasi"}
    owners.update({f"/opd/{f.slug}/": f.rel for f in files if f.kind == "opd"})
    problems = []
    for file in files:
        for index, (alias, line, column) in enumerate(file.aliases):
            normal = alias if alias.endswith("/") else alias + "/"
            owner = owners.get(normal)
            reserved = normal in ("/", "/inovasi/") or normal.startswith(RESERVED_PREFIXES)
            if owner is not None or reserved:
                problems.append(factory.make(
                    "alias-bentrok", file.rel, line, column, f"aliases[{index + 1}]",
                    found=alias, owner=owner or "halaman situs",
                ))
            else:
                owners[normal] = file.rel
    return problems
