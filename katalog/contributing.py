"""The field reference of CONTRIBUTING.md, generated from the JSON Schemas so the guide cannot drift from them."""

from __future__ import annotations

from .locale import Locale
from .schemas import load_schema

CONTRIBUTING_FILE = "CONTRIBUTING.md"
START = "<!-- referensi-kolom:mulai -->"
END = "<!-- referensi-kolom:selesai -->"


class MissingMarkers(Exception):
    """CONTRIBUTING.md lost the markers around its generated region."""


def _cell(text: str) -> str:
    """Text safe inside one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


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
        rows.append(f"| {_code(name)} | {_cell(spec['description'])} | {_cell(allowed_values(spec, ui))} |")
        parts, prefix = spec.get("properties"), f"{name}."
        if parts is None and "properties" in spec.get("items", {}):
            parts, prefix = spec["items"]["properties"], f"{name}[]."
        for part, part_spec in (parts or {}).items():
            rows.append(
                f"| {_code(prefix + part)} | {_cell(part_spec['description'])} | {_cell(allowed_values(part_spec, ui))} |"
            )
    return rows


def field_reference(locale: Locale) -> str:
    """The Markdown between the markers: required and optional fields of innovations, then OPD records."""
    ui = locale.ui
    head = [f"| {ui['referensi_kolom']} | {ui['referensi_isi']} | {ui['referensi_nilai']} |", "|---|---|---|"]
    lines = [START, "", ui["referensi_catatan"], ""]
    for name, sections in (("inovasi", ("referensi_wajib", "referensi_pilihan")), ("opd", ("referensi_opd_wajib", "referensi_opd_pilihan"))):
        schema = load_schema(name)
        required = [field for field in schema["properties"] if field in schema["required"]]
        optional = [field for field in schema["properties"] if field not in schema["required"]]
        for title, names in zip(sections, (required, optional)):
            lines += [f"### {ui[title]}", "", *head, *_rows(schema, ui, names), ""]
    lines.append(END)
    return "\n".join(lines)


def with_field_reference(text: str, locale: Locale) -> str:
    """CONTRIBUTING.md with its marked region replaced by the current reference."""
    start, end = text.find(START), text.find(END)
    if start == -1 or end < start:
        raise MissingMarkers(CONTRIBUTING_FILE)
    return text[:start] + field_reference(locale) + text[end + len(END):]
