"""/data/: the catalogue as open data (inovasi.json, inovasi.csv, opd.json) and a Frictionless datapackage.json.

Field names are the front-matter keys, and field titles and descriptions come from the JSON Schemas in
katalog/schema/, so the data, its description and the contributor contract cannot drift apart.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..config import SiteConfig
from ..model import Catalog, Innovation, Opd, slugify
from ..schemas import load_schema
from .images import ResponsiveImage

FOLDER = "data"
LIST_SEPARATOR = "; "  # between the values of a list in one CSV cell
NOT_PUBLISHED = ("draft",)  # every published entry has draft false, so the key says nothing
TYPES = {"string": "string", "integer": "integer", "array": "array", "object": "object", "boolean": "boolean"}


@dataclass(frozen=True)
class Field:
    """One column of a data file, as Table Schema describes it."""

    name: str
    type: str  # a Table Schema type: string, integer, date, array, object
    title: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    format: str = ""
    source: tuple[str, ...] = ()  # CSV only: where a flattened column comes from, e.g. ("kontak", "nama")

    def descriptor(self) -> dict:
        """The field as a Table Schema field descriptor."""
        descriptor = {"name": self.name, "type": self.type}
        if self.format:
            descriptor["format"] = self.format
        if self.title:
            descriptor["title"] = self.title
        descriptor["description"] = self.description
        constraints = {**({"required": True} if self.required else {}), **({"enum": list(self.enum)} if self.enum else {})}
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor


@dataclass(frozen=True)
class Resource:
    """One published data file: where it is, what it holds and its bytes."""

    name: str
    file: str  # file name inside /data/
    format: str  # csv or json
    title: str
    description: str
    format_label: str
    rows: int
    fields: tuple[Field, ...]
    content: bytes
    size_label: str

    @property
    def path(self) -> str:
        return f"/{FOLDER}/{self.file}"


@dataclass(frozen=True)
class OpenData:
    """Every file under /data/, and what the "Unduh data" page says about them."""

    resources: tuple[Resource, ...]
    package: Resource  # datapackage.json, described like the others (no fields)
    entries: int
    opds: int  # OPDs with at least one published innovation

    @property
    def downloads(self) -> tuple[Resource, ...]:
        """Every file under /data/, datapackage.json last."""
        return (*self.resources, self.package)

    def files(self) -> list[tuple[str, bytes]]:
        """(output path, bytes) of every data file."""
        return [(item.path.lstrip("/"), item.content) for item in self.downloads]


def open_data(config: SiteConfig, catalog: Catalog, images: Mapping[Path, ResponsiveImage]) -> OpenData:
    """The data files of the published catalogue (drafts never appear), sorted by slug so builds are identical."""
    ui = config.locale.ui
    opds = catalog.opd_by_slug
    innovations = sorted(catalog.innovations, key=lambda item: item.slug)
    json_fields, csv_fields = innovation_fields(ui, "json"), innovation_fields(ui, "csv")
    records = [_ordered(innovation_record(config, item, opds[item.opd], images), json_fields) for item in innovations]
    counts = {opd.slug: 0 for opd in catalog.opds}
    for item in catalog.innovations:
        counts[item.opd] += 1
    agency_fields = opd_fields(ui)
    agencies = sorted(catalog.opds, key=lambda opd: opd.slug)
    opd_records = [_ordered(opd_record(config, opd, counts[opd.slug]), agency_fields) for opd in agencies]

    def resource(name: str, file: str, kind: str, fields: tuple[Field, ...], rows: int, content: bytes) -> Resource:
        key = file.replace(".", "_")
        return Resource(name, file, kind, ui[f"data_{key}_judul"], ui[f"data_{key}"], ui[f"data_format_{kind}"],
                        rows, fields, content, _size_label(len(content), ui))

    resources = (  # the spreadsheet first: most visitors of the download page want it
        resource("inovasi-csv", "inovasi.csv", "csv", csv_fields, len(records), _csv(records, csv_fields)),
        resource("inovasi", "inovasi.json", "json", json_fields, len(records), _json_lines(records)),
        resource("opd", "opd.json", "json", agency_fields, len(opd_records), _json_lines(opd_records)),
    )
    package = _package(config, resources)
    return OpenData(resources, resource("datapackage", "datapackage.json", "json", (), len(resources), package),
                    len(records), sum(1 for count in counts.values() if count))


def innovation_record(config: SiteConfig, item: Innovation, opd: Opd, images: Mapping[Path, ResponsiveImage]) -> dict:
    """One entry under its front-matter keys (absent values as null or []), with its slug, OPD, URL and body."""
    contact = item.contact
    return {
        "slug": item.slug,
        "url": config.base_url + item.path.lstrip("/"),
        "opd": item.opd,
        "opd_nama": opd.name,
        "judul": item.title,
        "tahun": item.year,
        "tahapan": item.stage,
        "jenis": item.kind,
        "bentuk": item.form,
        "urusan": list(item.affairs),
        "ringkasan": item.summary,
        "inisiator": item.initiator or None,
        "tanggal_inisiatif": _iso(item.date_initiated),
        "tanggal_uji_coba": _iso(item.date_trial),
        "tanggal_penerapan": _iso(item.date_applied),
        "status": item.status,
        "tag": list(item.tags),
        "sdgs": list(item.sdgs),
        "anggaran": item.budget,
        "kontak": {
            "nama": contact.name or None, "jabatan": contact.position or None,
            "email": contact.email or None, "telepon": contact.phone or None,
        } if contact else None,
        "tautan": [{"label": link.label, "url": link.url} for link in item.links],
        "gambar": [
            {"file": image.file, "alt": image.alt, "url": _largest(config, images[image.source])} for image in item.images
        ],
        "aliases": list(item.aliases),
        "isi": item.body.strip(),
    }


def opd_record(config: SiteConfig, opd: Opd, count: int) -> dict:
    """One OPD under its YAML keys (absent values as null), with its slug, URL and published innovations."""
    return {
        "slug": opd.slug,
        "url": config.base_url + opd.path.lstrip("/"),
        "nama": opd.name,
        "singkatan": opd.abbreviation,
        "jenis": opd.kind,
        "deskripsi": opd.description or None,
        "situs": opd.website or None,
        "alamat": opd.address or None,
        "induk": opd.parent or None,
        "target_per_tahun": opd.target_per_tahun,
        "github_team": opd.github_team or None,
        "jumlah_inovasi": count,
    }


def innovation_fields(ui: Mapping, kind: str) -> tuple[Field, ...]:
    """The columns of inovasi.json (`kind` "json") or inovasi.csv ("csv", nested fields flattened), in order."""
    schema = load_schema("inovasi")
    extra = ui["data_kolom"]
    fields = [
        Field("slug", "string", "", extra["slug"], required=True),
        Field("url", "string", "", extra["url"], required=True, format="uri"),
        Field("opd", "string", "", extra["opd"], required=True),
        Field("opd_nama", "string", "", extra["opd_nama"], required=True),
    ]
    for key, spec in schema["properties"].items():
        if key in NOT_PUBLISHED:
            continue
        required = key in schema["required"]
        if kind == "json":
            fields.append(_field(key, spec, required))
            continue
        nested = spec.get("properties") or spec.get("items", {}).get("properties")
        if nested:  # kontak -> kontak_nama ...; tautan (a list of objects) -> tautan_label, tautan_url
            listed = spec.get("type") == "array"
            for sub, sub_spec in nested.items():
                fields.append(_csv_field(f"{key}_{sub}", sub_spec, listed, ui, source=(key, sub)))
            if key == "gambar":
                fields.append(Field("gambar_url", "string", "", extra["gambar_url"] + ui["data_daftar_csv"],
                                    source=("gambar", "url")))
        else:
            fields.append(_csv_field(key, spec, spec.get("type") == "array", ui, required))
    if kind == "json":
        fields.append(Field("isi", "string", "", extra["isi"], required=True))
    return tuple(fields)


def opd_fields(ui: Mapping) -> tuple[Field, ...]:
    """The fields of opd.json, in order."""
    schema = load_schema("opd")
    extra = ui["data_kolom"]
    return (
        Field("slug", "string", "", extra["slug_opd"], required=True),
        Field("url", "string", "", extra["url_opd"], required=True, format="uri"),
        *(_field(key, spec, key in schema["required"]) for key, spec in schema["properties"].items()),
        Field("jumlah_inovasi", "integer", "", extra["jumlah_inovasi"], required=True),
    )


def _field(name: str, spec: dict, required: bool) -> Field:
    """A Table Schema field from a JSON Schema property: type, title, description and allowed values."""
    if spec.get("format") == "date":
        kind = "date"
    else:
        kind = TYPES[spec.get("type", "string")]  # an enum without a type lists strings
    formats = {"format-url": "uri", "format-surel": "email"}
    return Field(name, kind, spec.get("title", ""), spec["description"], required,
                 tuple(spec.get("enum", ())), formats.get(spec.get("x-kode", ""), ""))


def _csv_field(name: str, spec: dict, listed: bool, ui: Mapping, required: bool = False, source: tuple = ()) -> Field:
    """A CSV column: lists become text with their values separated by LIST_SEPARATOR."""
    field = _field(name, spec, required)
    if listed:
        return Field(name, "string", field.title, field.description + ui["data_daftar_csv"], required, source=source)
    return Field(field.name, field.type, field.title, field.description, required, field.enum, field.format, source)


def _ordered(record: dict, fields: tuple[Field, ...]) -> dict:
    """`record` restricted to and ordered as `fields` (a field the record lacks fails the build loudly)."""
    return {field.name: record[field.name] for field in fields}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _largest(config: SiteConfig, image: ResponsiveImage) -> str:
    variant = image.fallback[-1]
    return f"{config.base_url}{variant.folder}/{variant.file}"


def _json_lines(records: list[dict]) -> bytes:
    """A JSON array with one record per line: compact, yet readable and diffable line by line."""
    lines = ",\n".join(json.dumps(record, ensure_ascii=False, separators=(",", ":")) for record in records)
    return f"[\n{lines}\n]\n".encode("utf-8") if records else b"[]\n"


def _csv(records: list[dict], fields: tuple[Field, ...]) -> bytes:
    """CSV with CRLF line ends and a byte-order mark, so spreadsheet programs read it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # the csv module's defaults: comma, double quotes when needed, CRLF
    writer.writerow(field.name for field in fields)
    for record in records:
        writer.writerow(_cell(record, field) for field in fields)
    return buffer.getvalue().encode("utf-8-sig")


def _cell(record: dict, field: Field):
    """The CSV text of one column: kontak_nama from kontak.nama, tautan_url from every tautan's url, and so on."""
    if field.source:
        key, sub = field.source
        parent = record[key]
        value = [item[sub] for item in parent] if isinstance(parent, list) else (parent or {}).get(sub)
    else:
        value = record[field.name]
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return "" if value is None else value


def _package(config: SiteConfig, resources: tuple[Resource, ...]) -> bytes:
    """datapackage.json (Frictionless Data Package v1) describing the resources, their fields and the licence."""
    ui = config.locale.ui
    license = config.data_license
    descriptors = []
    for resource in resources:
        schema = {"fields": [field.descriptor() for field in resource.fields], "primaryKey": ["slug"]}
        reference = {"fields": ["opd"], "reference": {"resource": "opd", "fields": ["slug"]}}
        if resource.name == "opd":
            reference = {"fields": ["induk"], "reference": {"resource": "", "fields": ["slug"]}}
        schema["foreignKeys"] = [reference]
        descriptor = {
            "name": resource.name,
            "path": resource.file,
            "profile": "tabular-data-resource",
            "title": resource.title,
            "description": resource.description,
            "format": resource.format,
            "mediatype": "text/csv" if resource.format == "csv" else "application/json",
            "encoding": "utf-8",
        }
        if resource.format == "csv":
            descriptor["dialect"] = {
                "delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True,
            }
        descriptor["schema"] = schema
        descriptors.append(descriptor)
    package = {
        "profile": "tabular-data-package",
        "name": slugify(config.site_name, fallback="katalog-inovasi"),
        "title": config.site_name,
        "description": ui["data_paket_keterangan"].format(region=config.region),
        "homepage": f"{config.base_url}{FOLDER}/",
        "licenses": [{"name": license.name, "title": license.title, "path": license.path}],
        "sources": [{"title": config.site_name, "path": config.base_url}],
        "resources": descriptors,
    }
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _size_label(size: int, ui: Mapping) -> str:
    """1.234 bytes -> "2 KB"; 3.456.789 -> "3,3 MB" (with the locale's decimal separator)."""
    if size < 1024 * 1024:
        return ui["data_ukuran_kb"].format(size=max(1, round(size / 1024)))
    return ui["data_ukuran_mb"].format(size=f"{size / 1024 / 1024:.1f}".replace(".", ui["pemisah_desimal"]))
