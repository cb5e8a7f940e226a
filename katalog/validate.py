"""SourceDocuments -> every Problem: the schema first, then the rules that span fields and files."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict

from .config import SiteConfig
from .content import SourceDocument
from .problems import WARNING, Problem, ProblemFactory, closest
from .schemas import check_against_schema

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SECTIONS = ("Latar Belakang", "Rancang Bangun", "Tujuan", "Manfaat", "Hasil")
DESIGN_SECTION, DESIGN_MIN_WORDS = "Rancang Bangun", 300  # the IID form asks for at least 300 words
DATE_ORDER = ("tanggal_inisiatif", "tanggal_uji_coba", "tanggal_penerapan")
HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")


def validate(
    documents: list[SourceDocument], config: SiteConfig, factory: ProblemFactory, today: dt.date | None = None
) -> list[Problem]:
    """All problems in the documents, errors and warnings alike."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    valid: list[SourceDocument] = []
    for document in documents:
        found = check_against_schema(document.kind, document.parsed, document.rel, factory)
        problems.extend(found)
        if not found:
            valid.append(document)
    opd_slugs = {d.slug for d in documents if d.kind == "opd"}
    for document in documents:
        if document.kind == "opd":
            problems.extend(_check_opd(document, opd_slugs, factory))
        else:
            problems.extend(_check_innovation_file(document, opd_slugs, factory))
    for document in valid:
        if document.kind == "inovasi":
            problems.extend(_check_innovation_values(document, config, factory, today))
    problems.extend(_check_unique_slugs(documents, factory))
    problems.extend(_check_aliases(valid, factory))
    return problems


def _check_opd(document: SourceDocument, opd_slugs: set[str], factory: ProblemFactory) -> list[Problem]:
    problems = []
    if not SLUG.match(document.slug):
        problems.append(factory.make("slug-tidak-valid", document.rel, found=document.slug, guess=_slugify(document.slug)))
    parent = document.parsed.data.get("induk")
    if isinstance(parent, str) and parent not in opd_slugs | {""}:
        problems.append(factory.make(
            "induk-tidak-dikenal", document.rel, *document.parsed.locate(("induk",)), "induk",
            found=parent, guess=closest(parent, sorted(opd_slugs)),
        ))
    return problems


def _check_innovation_file(document: SourceDocument, opd_slugs: set[str], factory: ProblemFactory) -> list[Problem]:
    problems = []
    if not SLUG.match(document.slug):
        problems.append(factory.make("slug-tidak-valid", document.rel, found=document.slug, guess=_slugify(document.slug)))
    if document.folder not in opd_slugs:
        problems.append(factory.make(
            "opd-tidak-terdaftar", document.rel, found=document.folder, folder=document.folder,
            guess=closest(document.folder, sorted(opd_slugs)),
        ))
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
        if not target.resolve().is_relative_to(folder) or target.is_symlink() or not target.is_file():
            problems.append(factory.make(
                "gambar-tidak-ada", rel, *parsed.locate(("gambar", index, "file")), f"gambar[{index + 1}].file",
                found=image["file"], folder=document.path.parent.relative_to(config.root).as_posix(),
            ))
    if data["tahapan"] == "penerapan" and "tanggal_penerapan" not in data:
        problems.append(factory.make(
            "penerapan-tanpa-tanggal", rel, *parsed.locate(("tahapan",)), "tanggal_penerapan", level=WARNING,
        ))
    problems.extend(_check_sections(document, factory))
    return problems


def _check_sections(document: SourceDocument, factory: ProblemFactory) -> list[Problem]:
    """Warn when one of the five IID narrative sections is missing or empty."""
    found: dict[str, tuple[int, int]] = {}
    current, words = None, 0
    for offset, line in enumerate(document.body.split("\n")):
        match = HEADING.match(line)
        if match:
            if current:
                found[current] = (found[current][0], words)
            current, words = match.group(1), 0
            found.setdefault(current, (document.body_line + offset, 0))
        elif current:
            words += sum(1 for word in line.split() if any(char.isalnum() for char in word))
    if current:
        found[current] = (found[current][0], words)
    problems = []
    for section in SECTIONS:
        if section not in found:
            guess = closest(section, [heading for heading in found if heading not in SECTIONS])
            problems.append(factory.make(
                "bagian-hilang", document.rel, found[guess][0] if guess else document.body_line, 0, "",
                section=section, guess=guess, level=WARNING,
            ))
        elif found[section][1] == 0:
            problems.append(factory.make(
                "bagian-kosong", document.rel, found[section][0], 0, "", section=section, level=WARNING,
            ))
        elif section == DESIGN_SECTION and found[section][1] < DESIGN_MIN_WORDS:
            problems.append(factory.make(
                "rancang-bangun-pendek", document.rel, found[section][0], 0, "", found=found[section][1],
                limit=DESIGN_MIN_WORDS, level=WARNING,
            ))
    return problems


def _check_unique_slugs(documents: list[SourceDocument], factory: ProblemFactory) -> list[Problem]:
    """The same file name in two OPD folders would give two entries one permanent URL."""
    by_slug: dict[str, list[SourceDocument]] = defaultdict(list)
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


def _check_aliases(documents: list[SourceDocument], factory: ProblemFactory) -> list[Problem]:
    """An alias must not take the address of another page or another alias."""
    owners: dict[str, str] = {f"/inovasi/{d.slug}/": d.rel for d in documents if d.kind == "inovasi"}
    owners.update({f"/opd/{d.slug}/": d.rel for d in documents if d.kind == "opd"})
    problems = []
    for document in documents:
        if document.kind != "inovasi":
            continue
        for index, alias in enumerate(document.parsed.data.get("aliases", ())):
            normal = alias if alias.endswith("/") else alias + "/"
            owner = owners.get(normal)
            if owner is not None or normal in ("/", "/opd/", "/inovasi/", "/cari/", "/schema/"):
                problems.append(factory.make(
                    "alias-bentrok", document.rel, *document.parsed.locate(("aliases", index)), f"aliases[{index + 1}]",
                    found=alias, owner=owner or "halaman situs",
                ))
            else:
                owners[normal] = document.rel
    return problems


def _slugify(text: str) -> str:
    """A suggested slug: lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))
