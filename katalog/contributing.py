"""The generated parts of CONTRIBUTING.md: a blank entry to copy and the field reference, from the schemas."""

from __future__ import annotations

from .config import SiteConfig
from .locale import Locale
from .scaffold import explanation, render_entry
from .schemas import load_schema

CONTRIBUTING_FILE = "CONTRIBUTING.md"
TEMPLATE_REGION, REFERENCE_REGION = "templat-inovasi", "referensi-kolom"


class MissingMarkers(Exception):
    """CONTRIBUTING.md lost the markers around one of its generated regions."""


def markers(region: str) -> tuple[str, str]:
    """The HTML comments (invisible on GitHub) that open and close a generated region."""
    return f"<!-- {region}:mulai -->", f"<!-- {region}:selesai -->"


def _cell(text: str) -> str:
    """Text safe inside one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|").replace("<", "&lt;")


def _code(value: object) -> str:
    return f"`{value}`"


def allowed_values(spec: dict, ui: dict) -> str:
    """What a field accepts, in words: its choices, type and limits."""
    if "enum" in spec:
        return ", ".join(_code(value) for value in spec["enum"])
    kind = spec.get("type")
    if kind == "array":
        item = spec.get("items", {})
        inner = allowed_values(item, ui) if "properties" not in item else ui["referensi_butir"].format(
            fields=", ".join(_code(name) for name in item["properties"]))
        words = ui["referensi_daftar"].format(item=inner)
        if spec.get("minItems"):
            words += ui["referensi_paling_sedikit"].format(count=spec["minItems"])
        return words
    if kind == "object":
        return ui["referensi_isian"].format(fields=", ".join(_code(name) for name in spec.get("properties", {})))
    if spec.get("format") == "date":
        return ui["referensi_tanggal"]
    if kind == "integer":
        words = ui["referensi_bilangan"]
        if "minimum" in spec and "maximum" in spec:
            return words + ui["referensi_rentang"].format(low=spec["minimum"], high=spec["maximum"])
        if "minimum" in spec:
            return words + ui["referensi_minimum"].format(low=spec["minimum"])
        return words
    if kind == "boolean":
        return "`true`, `false`"
    words = ui["referensi_teks"]
    if "minLength" in spec and "maxLength" in spec:
        return words + ui["referensi_panjang"].format(low=spec["minLength"], high=spec["maxLength"])
    if "minLength" in spec:
        return words + ui["referensi_panjang_min"].format(low=spec["minLength"])
    return words


def _rows(schema: dict, ui: dict, names: list[str]) -> list[str]:
    """One table row per field, then one per sub-field of objects and lists of objects."""
    rows = []
    for name in names:
        spec = schema["properties"][name]
        rows.append(f"| {_code(name)} | {_cell(explanation(spec))} | {_cell(allowed_values(spec, ui))} |")
        parts, prefix = spec.get("properties"), f"{name}."
        if parts is None and "properties" in spec.get("items", {}):
            parts, prefix = spec["items"]["properties"], f"{name}[]."
        for part, part_spec in (parts or {}).items():
            rows.append(
                f"| {_code(prefix + part)} | {_cell(explanation(part_spec))} | {_cell(allowed_values(part_spec, ui))} |"
            )
    return rows


def field_reference(locale: Locale) -> str:
    """The Markdown between the markers: required and optional fields of innovations, then OPD records."""
    ui = locale.ui
    head = [f"| {ui['referensi_kolom']} | {ui['referensi_isi']} | {ui['referensi_nilai']} |", "|---|---|---|"]
    lines = [ui["referensi_catatan"], ""]
    for name, sections in (("inovasi", ("referensi_wajib", "referensi_pilihan")), ("opd", ("referensi_opd_wajib", "referensi_opd_pilihan"))):
        schema = load_schema(name)
        required = [field for field in schema["properties"] if field in schema["required"]]
        optional = [field for field in schema["properties"] if field not in schema["required"]]
        for title, names in zip(sections, (required, optional)):
            lines += [f"### {ui[title]}", "", *head, *_rows(schema, ui, names), ""]
    return "\n".join(lines).rstrip()


def blank_entry(config: SiteConfig) -> str:
    """What `new` writes, with neutral names and an empty year, fenced for copying from the web page."""
    text = render_entry(config, "nama-opd", "OPD Anda", "nama-berkas", "", "")
    return f"```markdown\n{text.rstrip()}\n```"


def _replace_region(text: str, region: str, content: str) -> str:
    start, end = markers(region)
    first, last = text.find(start), text.find(end)
    if first == -1 or last < first:
        raise MissingMarkers(region)
    return f"{text[:first]}{start}\n{content}\n{text[last:]}"


def with_generated_regions(text: str, config: SiteConfig, locale: Locale) -> str:
    """CONTRIBUTING.md with both generated regions replaced by their current content."""
    text = _replace_region(text, TEMPLATE_REGION, blank_entry(config))
    return _replace_region(text, REFERENCE_REGION, field_reference(locale))
