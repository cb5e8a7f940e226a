"""`from-issue`: a filled-in issue form -> a checked innovation file, and the Indonesian comment that answers it."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .config import SiteConfig
from .content import SourceRef, read_source
from .entryfile import innovation_text
from .issueform import (
    CONTACT_FIELDS, SCHEMA_FIELDS, FormField, checked_boxes, form_fields, opd_options, parse_issue_body, sdg_options,
    section_id, split_options,
)
from .locale import Locale
from .markdowntext import escape_markdown
from .model import slugify
from .problems import ERROR, Problem, ProblemFactory
from .scaffold import existing_entry, one_line, opd_names
from .validate import SECTIONS, check_document

MAX_TEXT_CHARS = 20_000  # per answer: far above any real section, far below GitHub's 65,536-character body


@dataclass(frozen=True)
class FormEntry:
    """What a form answer becomes: the target file and its content, or the reasons it cannot."""

    opd: str
    slug: str
    title: str
    front_matter: dict
    body: str
    problems: tuple[str, ...]  # form-level problems, already worded


def _integer(text: str, money: bool = False) -> int | str:
    """`2024` -> 2024; `Rp 150.000.000` -> 150000000 for money; anything else stays text for `check` to explain."""
    cleaned = re.sub(r"^Rp\.?\s*", "", text.strip(), flags=re.I) if money else text.strip()
    if money and re.fullmatch(r"\d{1,3}([.\s]\d{3})+", cleaned):
        cleaned = re.sub(r"[.\s]", "", cleaned)
    return int(cleaned) if re.fullmatch(r"[1-9][0-9]{0,17}|0", cleaned) else text.strip()


def _links(text: str) -> list[dict]:
    """One link per line: `Label | https://...`, `[Label](https://...)` or a bare address (its own label)."""
    links = []
    for line in text.splitlines():
        line = one_line(line)
        if not line:
            continue
        markdown_link = re.fullmatch(r"\[(.+)\]\((\S+)\)", line)
        if markdown_link:
            label, url = markdown_link.groups()
        elif "|" in line:
            label, url = (one_line(part) for part in line.split("|", 1))
        else:
            label, url = line, line
        links.append({"label": label, "url": url})
    return links


def entry_from_answers(answers: dict[str, str], fields: tuple[FormField, ...], opds: dict[str, str], locale: Locale) -> FormEntry:
    """Typed front matter and a body from the answers; values are only ever data for the YAML dumper."""
    ui, by_id = locale.ui, {field.id: field for field in fields}
    problems = []
    answers = {key: value[:MAX_TEXT_CHARS] for key, value in answers.items()}
    opd = opd_options(opds).get(one_line(answers["opd"]), "")
    if not opd:
        problems.append(ui["formulir_opd_tidak_dikenal"].format(found=escape_markdown(one_line(answers["opd"]) or "-")))
    data: dict[str, object] = {}
    for name in SCHEMA_FIELDS:
        answer = one_line(answers.get(name, ""))
        if not answer:
            continue  # left empty: `check` names the required ones
        if name == "tahun":
            data[name] = _integer(answer)
        elif name == "anggaran":
            data[name] = _integer(answer, money=True)
        elif name == "urusan":
            data[name] = split_options(answer, by_id["urusan"].options)
        elif name == "sdgs":
            numbers = sdg_options(locale)
            data[name] = [numbers.get(option, option) for option in split_options(answer, by_id["sdgs"].options)]
        elif name == "tag":
            data[name] = list(dict.fromkeys(one_line(tag) for tag in answer.split(",") if one_line(tag)))
        else:
            data[name] = answer
    contact = {part: one_line(answers.get(f"kontak_{part}", "")) for part in CONTACT_FIELDS}
    if any(contact.values()):
        data["kontak"] = {part: value for part, value in contact.items() if value}
    if links := _links(answers.get("tautan", "")):
        data["tautan"] = links
    if not checked_boxes(answers.get("persetujuan", "")):
        problems.append(ui["formulir_belum_setuju"].format(label=by_id["persetujuan"].label))
    title = str(data.get("judul", ""))
    slug = slugify(title)
    if title and not slug:
        problems.append(ui["formulir_judul_tanpa_huruf"])
    body = "\n\n".join(f"## {section}\n\n{answers.get(section_id(section), '').strip()}" for section in SECTIONS)
    return FormEntry(opd, slug, title, data, body, tuple(problems))


def _label_of(problem: Problem, fields: tuple[FormField, ...]) -> str:
    """The form label a problem's field came from (`kontak.email` -> the e-mail box), or ''."""
    parts = re.split(r"[.\[]", problem.field)
    key = f"kontak_{parts[1]}" if parts[0] == "kontak" and len(parts) > 1 else parts[0]
    return next((field.label for field in fields if field.id == key), "")


def _problem_lines(problems: list[Problem], fields: tuple[FormField, ...], locale: Locale) -> list[str]:
    """Each problem as a Markdown list item: the form field, what is wrong, how to fix it."""
    ui, lines = locale.ui, []
    order = {field.label: index for index, field in enumerate(fields)}
    for problem in sorted(problems, key=lambda p: (order.get(_label_of(p, fields), len(order)), p.line)):  # form order
        label = _label_of(problem, fields)
        level = ui["galat"] if problem.level == ERROR else ui["peringatan"]
        head = f"**{escape_markdown(label)}** · " if label else ""
        if problem.code == "wajib-diisi":  # its wording speaks of front-matter lines, which form users never see
            lines.append(f"- {head}{level}: {ui['formulir_wajib']}")
            continue
        lines.append(f"- {head}{level}: {escape_markdown(problem.message)}")
        if problem.suggestion:
            lines.append(f"  {ui['saran']}: {escape_markdown(problem.suggestion)}")
    return lines


@dataclass(frozen=True)
class FormResult:
    """The outcome of one form: the file written (or None), the comment for the issue and the PR's title and body."""

    path: Path | None
    comment: str
    title: str = ""
    pull_request_body: str = ""


def check_entry(config: SiteConfig, entry: FormEntry, text: str, today: dt.date) -> list[Problem]:
    """The file's own problems, found in a scratch copy so nothing is written to the site before it passes."""
    factory = ProblemFactory(config.locale)
    folder, slug = entry.opd or "opd", entry.slug or "inovasi"
    rel = f"content/inovasi/{folder}/{slug}.md"
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / rel
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
        document, problems = read_source(SourceRef("inovasi", path, rel), factory)
        if document is None:
            return problems
        return list(check_document(document, config, factory, today).problems)


def entry_from_issue(config: SiteConfig, body: str, issue: int, today: dt.date) -> FormResult:
    """Read the form, check the entry, and only when it has no error write content/inovasi/<opd>/<slug>.md."""
    root, locale = config.root, config.locale
    ui = locale.ui
    fields = form_fields(config, opd_names(root), locale)
    entry = entry_from_answers(parse_issue_body(body, fields), fields, opd_names(root), locale)
    text = innovation_text(entry.front_matter, entry.body)
    messages = list(entry.problems)
    taken = existing_entry(root, entry.slug) if entry.slug else None
    if taken is not None:
        messages.append(ui["formulir_slug_dipakai"].format(slug=entry.slug, path=taken.relative_to(root).as_posix()))
    problems = check_entry(config, entry, text, today)
    errors = [p for p in problems if p.level == ERROR]
    if messages or errors:
        listed = [f"- {message}" for message in messages] + _problem_lines(errors, fields, locale)
        comment = "\n\n".join((ui["formulir_gagal_judul"], ui["formulir_gagal_pengantar"], "\n".join(listed)))
        return FormResult(None, comment + "\n")
    target = root / "content" / "inovasi" / entry.opd / f"{entry.slug}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as file:  # never overwrite an entry
        file.write(text)
    rel = target.relative_to(root).as_posix()
    notes = [ui["formulir_berhasil_judul"], ui["formulir_berhasil_pengantar"].format(path=rel, url=f"/inovasi/{entry.slug}/")]
    if problems:
        notes += [ui["formulir_peringatan"], "\n".join(_problem_lines(problems, fields, locale))]
    pull_request = [ui["formulir_pr_pengantar"].format(issue=issue, path=rel), *notes[2:], f"Closes #{issue}"]
    return FormResult(
        target, "\n\n".join(notes) + "\n", one_line(ui["formulir_pr_judul"].format(title=entry.title)),
        "\n\n".join(pull_request) + "\n",
    )
