"""The GitHub issue form for a new innovation: its fields from the schema and OPD records, and reading a filled-in body."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .config import SiteConfig
from .entryfile import dump_yaml
from .locale import Locale
from .model import slugify
from .schemas import load_schema
from .validate import SECTIONS

FORM_FILE = ".github/ISSUE_TEMPLATE/inovasi-baru.yml"
FORM_LABEL = "inovasi-baru"  # the issue label the form sets and the workflow listens for
NO_RESPONSE = "_No response_"  # what GitHub writes for a field left empty
SCHEMA_FIELDS = (
    "judul", "tahun", "tahapan", "jenis", "bentuk", "urusan", "ringkasan", "inisiator",
    "tanggal_inisiatif", "tanggal_uji_coba", "tanggal_penerapan", "anggaran", "tag", "sdgs",
)
CONTACT_FIELDS = ("nama", "jabatan", "email", "telepon")


@dataclass(frozen=True)
class FormField:
    """One field of the issue form; `id` is also the key of the parsed value."""

    id: str
    kind: str  # input, textarea, dropdown or checkboxes
    label: str
    description: str
    required: bool
    options: tuple[str, ...] = ()
    multiple: bool = False
    placeholder: str = ""


def section_id(section: str) -> str:
    """`Latar Belakang` -> `latar_belakang`."""
    return slugify(section).replace("-", "_")


def opd_options(opds: dict[str, str]) -> dict[str, str]:
    """Dropdown text -> OPD slug, from slug -> name: the name, with the slug added only where two names are the same."""
    names = list(opds.values())
    return {
        name if names.count(name) == 1 else f"{name} ({slug})": slug
        for slug, name in sorted(opds.items(), key=lambda item: (item[1], item[0]))
    }


def sdg_options(locale: Locale) -> dict[str, int]:
    """Dropdown text -> SDG number."""
    return {f"{number}. {name}": number for number, name in enumerate(locale.ui["sdgs_nama"], 1)}


def form_fields(config: SiteConfig, opds: dict[str, str], locale: Locale) -> tuple[FormField, ...]:
    """Every field of the form, in order: OPD, the schema's fields, contact, links, the five sections, consent."""
    ui, properties = locale.ui, load_schema("inovasi")["properties"]
    required = set(load_schema("inovasi")["required"])
    fields = [FormField("opd", "dropdown", ui["formulir_opd"], ui["formulir_opd_keterangan"], True, tuple(opd_options(opds)))]
    for name in SCHEMA_FIELDS:
        spec = properties[name]
        options: tuple[str, ...] = tuple(spec.get("enum", ()))
        if name == "urusan":
            options = config.urusan
        elif name == "sdgs":
            options = tuple(sdg_options(locale))
        kind = "dropdown" if options else "input"
        # The schema speaks of the file (quotes, site_config.yaml); the form may say it in its own words.
        description = ui.get(f"formulir_keterangan_{name}", spec["description"])
        placeholder = str(spec["examples"][0]) if kind == "input" and spec.get("type") != "array" and "examples" in spec else ""
        fields.append(FormField(
            name, kind, spec["title"], description, name in required, options,
            multiple=spec.get("type") == "array" and bool(options), placeholder=placeholder,
        ))
    contact = properties["kontak"]["properties"]
    for part in CONTACT_FIELDS:
        fields.append(FormField(f"kontak_{part}", "input", contact[part]["title"], contact[part]["description"], False))
    fields.append(FormField("tautan", "textarea", properties["tautan"]["title"], ui["formulir_petunjuk_tautan"], False))
    for section in SECTIONS:
        fields.append(FormField(section_id(section), "textarea", section, ui[f"formulir_bagian_{section_id(section)}"], True))
    fields.append(FormField("persetujuan", "checkboxes", ui["formulir_persetujuan"], "", True, (ui["formulir_persetujuan_isi"],)))
    return tuple(fields)


def _form_item(field: FormField) -> dict:
    """One `body` item in GitHub's issue-forms syntax."""
    attributes: dict[str, object] = {"label": field.label}
    if field.description:
        attributes["description"] = field.description
    if field.kind == "dropdown":
        attributes["multiple"] = field.multiple
        attributes["options"] = list(field.options)
    elif field.kind == "checkboxes":
        attributes = {"label": field.label, "options": [{"label": option, "required": True} for option in field.options]}
    elif field.placeholder:
        attributes["placeholder"] = field.placeholder
    item: dict[str, object] = {"type": field.kind, "id": field.id, "attributes": attributes}
    if field.kind != "checkboxes":
        item["validations"] = {"required": field.required}
    return item


def form_yaml(config: SiteConfig, opds: dict[str, str], locale: Locale) -> str:
    """The whole `.github/ISSUE_TEMPLATE/inovasi-baru.yml`."""
    ui = locale.ui
    form = {
        "name": ui["formulir_nama"],
        "description": ui["formulir_deskripsi"],
        "title": ui["formulir_judul_issue"],
        "labels": [FORM_LABEL],
        "body": [
            {"type": "markdown", "attributes": {"value": ui["formulir_pengantar"]}},
            *(_form_item(field) for field in form_fields(config, opds, locale)),
        ],
    }
    header = "".join(f"# {line}\n" for line in ui["formulir_kepala"].format(command="python build.py generate").splitlines())
    return header + dump_yaml(form)


def split_options(text: str, options: tuple[str, ...]) -> list[str]:
    """A multi-select answer (`a, b`) back into its options, even when options themselves contain commas."""
    chosen, rest = [], text.strip()
    by_length = sorted(options, key=len, reverse=True)
    while rest:
        match = next((o for o in by_length if rest == o or rest.startswith(o + ", ")), None)
        piece = match if match is not None else rest.split(", ", 1)[0]  # unknown: keep it, check will explain
        chosen.append(piece.strip())
        rest = rest[len(piece):].removeprefix(",").strip()
    return [item for item in chosen if item]


def parse_issue_body(body: str, fields: tuple[FormField, ...]) -> dict[str, str]:
    """Field id -> the answer as GitHub wrote it under `### <label>` ("" when empty or missing)."""
    text = "\n" + body.replace("\r\n", "\n").replace("\r", "\n") + "\n"
    found: list[tuple[FormField, int, int]] = []  # (field, heading start, answer start), last field first
    limit = len(text)
    # From the last field back, each heading is the last one before the next field's: a `### Label` line typed
    # inside an answer then stays part of that answer instead of cutting it short.
    for field in reversed(fields):
        heading = re.compile(rf"\n### {re.escape(field.label)}[ \t]*\n")
        matches = [m for m in heading.finditer(text, 0, limit)]
        if matches:
            found.append((field, matches[-1].start(), matches[-1].end()))
            limit = matches[-1].start() + 1  # the next search may still use this heading's leading newline
    found.reverse()
    values = {field.id: "" for field in fields}
    for index, (field, _, start) in enumerate(found):
        end = found[index + 1][1] if index + 1 < len(found) else len(text)
        answer = text[start:end].strip()
        values[field.id] = "" if answer == NO_RESPONSE else answer
    return values


def checked_boxes(answer: str) -> list[str]:
    """The options ticked in a checkboxes answer (`- [X] option`)."""
    return [match.group(1).strip() for match in re.finditer(r"^- \[[xX]\] (.+)$", answer, re.M)]
