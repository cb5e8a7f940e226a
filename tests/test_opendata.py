"""Open data under /data/: the files read back equal the content files, read independently with PyYAML."""

import csv
import datetime as dt
import io
import json
import re

import yaml
from PIL import Image

from conftest import REPO, SITES, read_entries, run_cli
from htmlscan import scan

MINI = SITES / "mini"
BASE = "https://uji.example.org/"
# The documented, fixed column order of inovasi.csv (README "Open data"); changing it breaks people's spreadsheets.
CSV_COLUMNS = [
    "slug", "url", "opd", "opd_nama", "judul", "tahun", "tahapan", "jenis", "bentuk", "urusan", "ringkasan",
    "inisiator", "tanggal_inisiatif", "tanggal_uji_coba", "tanggal_penerapan", "status", "tag", "sdgs", "anggaran",
    "kontak_nama", "kontak_jabatan", "kontak_email", "kontak_telepon", "tautan_label", "tautan_url",
    "gambar_file", "gambar_alt", "gambar_url", "aliases",
]


def published() -> list[dict]:
    return sorted((e for e in read_entries(MINI) if not e.get("draft")), key=lambda e: e["slug"])


def opd_files() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((MINI / "content/opd").glob("*.yaml"))}


def largest_image_url(entry: dict, image: dict) -> str:
    """Where the largest resized copy of a listed image is published (widths 480/960/1440, never upscaled)."""
    with Image.open(entry["path"].parent / image["file"]) as source:
        width = min(source.width, 1440)
    stem, extension = image["file"].rsplit(".", 1)
    extension = "png" if extension.lower() == "png" else "jpg"
    return f"{BASE}inovasi/{entry['slug']}/{stem}-{width}.{extension}"


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def expected_row(entry: dict) -> dict:
    """One CSV row computed straight from the content files."""
    contact = entry.get("kontak") or {}
    links = entry.get("tautan", [])
    images = entry.get("gambar", [])
    row = {
        "slug": entry["slug"], "url": f"{BASE}inovasi/{entry['slug']}/", "opd": entry["opd"],
        "opd_nama": opd_files()[entry["opd"]]["nama"], "status": entry.get("status", "aktif"),
        "kontak_nama": contact.get("nama", ""), "kontak_jabatan": contact.get("jabatan", ""),
        "kontak_email": contact.get("email", ""), "kontak_telepon": contact.get("telepon", ""),
        "tautan_label": "; ".join(link["label"] for link in links), "tautan_url": "; ".join(link["url"] for link in links),
        "gambar_file": "; ".join(image["file"] for image in images), "gambar_alt": "; ".join(image["alt"] for image in images),
        "gambar_url": "; ".join(largest_image_url(entry, image) for image in images),
    }
    for key in ("judul", "tahun", "tahapan", "jenis", "bentuk", "ringkasan", "inisiator", "tanggal_inisiatif",
                "tanggal_uji_coba", "tanggal_penerapan", "anggaran"):
        row[key] = text(entry.get(key))
    for key in ("urusan", "tag", "sdgs", "aliases"):
        row[key] = "; ".join(str(value) for value in entry.get(key, []))
    return row


def test_csv_opens_as_excel_reads_it_and_equals_the_content_files(built_mini):
    raw = (built_mini / "data/inovasi.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark: Excel would read the file as ANSI"
    assert raw.count(b"\r\n") >= len(published()) + 1 and b"\n" not in raw.replace(b"\r\n", b""), "lines must end in CRLF"
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    assert reader.fieldnames == CSV_COLUMNS
    rows = list(reader)
    assert rows == [expected_row(entry) for entry in published()]


def test_json_carries_every_front_matter_key_of_every_published_entry(built_mini):
    records = json.loads((built_mini / "data/inovasi.json").read_text(encoding="utf-8"))
    entries = published()
    assert [record["slug"] for record in records] == [entry["slug"] for entry in entries]
    assert len({tuple(record) for record in records}) == 1, "every record has the same keys, in the same order"
    schema = json.loads((REPO / "katalog/schema/inovasi.json").read_text(encoding="utf-8"))
    assert set(records[0]) == set(schema["properties"]) - {"draft"} | {"slug", "url", "opd", "opd_nama", "isi"}
    for record, entry in zip(records, entries):
        front_matter = {key: value for key, value in entry.items() if key not in ("slug", "opd", "body", "path", "draft")}
        for key, value in front_matter.items():
            published_value = record[key]
            if key == "kontak":
                published_value = {k: v for k, v in published_value.items() if v is not None}
            if key == "gambar":
                published_value = [{k: v for k, v in image.items() if k != "url"} for image in published_value]
            expected = value.isoformat() if isinstance(value, dt.date) else value
            assert published_value == expected, (entry["slug"], key)
        assert record["url"] == f"{BASE}inovasi/{entry['slug']}/"
        assert record["opd"] == entry["opd"] and record["opd_nama"] == opd_files()[entry["opd"]]["nama"]
        assert record["isi"] == entry["body"].strip()
        for image, listed in zip(record["gambar"], entry.get("gambar", [])):
            assert image["url"] == largest_image_url(entry, listed)
            assert (built_mini / image["url"].removeprefix(BASE)).is_file()


def test_drafts_never_reach_the_data(built_mini):
    drafts = [entry for entry in read_entries(MINI) if entry.get("draft")]
    assert drafts
    for path in (built_mini / "data").iterdir():
        content = path.read_text(encoding="utf-8-sig")
        for draft in drafts:
            assert draft["slug"] not in content and draft["judul"] not in content, (path.name, draft["slug"])


def test_opd_json_lists_every_opd_with_its_published_count(built_mini):
    records = json.loads((built_mini / "data/opd.json").read_text(encoding="utf-8"))
    files = opd_files()
    assert [record["slug"] for record in records] == sorted(files)
    for record in records:
        for key, value in files[record["slug"]].items():
            assert record[key] == value, (record["slug"], key)
        assert record["url"] == f"{BASE}opd/{record['slug']}/"
        assert record["jumlah_inovasi"] == sum(1 for entry in published() if entry["opd"] == record["slug"])


def test_datapackage_is_a_valid_frictionless_package_described_by_the_schema(built_mini):
    from frictionless import validate

    report = validate(str(built_mini / "data/datapackage.json"))
    errors = [(task.name, error.type, error.message) for task in report.tasks for error in task.errors]
    assert report.valid, errors[:5]
    assert {task.name: task.stats["rows"] for task in report.tasks} == {
        "inovasi": len(published()), "inovasi-csv": len(published()), "opd": len(opd_files()),
    }
    package = json.loads((built_mini / "data/datapackage.json").read_text(encoding="utf-8"))
    defaults = json.loads((REPO / "katalog/schema/site_config.json").read_text(encoding="utf-8"))["properties"]
    assert package["licenses"] == [defaults["data_license"]["default"]]
    schema = json.loads((REPO / "katalog/schema/inovasi.json").read_text(encoding="utf-8"))["properties"]
    resources = {resource["name"]: resource for resource in package["resources"]}
    csv_fields = {field["name"]: field for field in resources["inovasi-csv"]["schema"]["fields"]}
    assert list(csv_fields) == CSV_COLUMNS
    assert csv_fields["judul"]["description"] == schema["judul"]["description"]
    assert csv_fields["kontak_email"]["description"] == schema["kontak"]["properties"]["email"]["description"]
    assert csv_fields["tahapan"]["constraints"]["enum"] == schema["tahapan"]["enum"]


def test_data_page_explains_every_file_and_every_page_links_to_it(built_mini):
    page = built_mini / "data/index.html"
    html = page.read_text(encoding="utf-8")
    rows = {"inovasi.csv": len(published()), "inovasi.json": len(published()), "opd.json": len(opd_files()), "datapackage.json": None}
    for name, count in rows.items():
        block = re.search(rf'<a href="/data/{re.escape(name)}" download>.*?</li>', html, re.S)
        assert block, f"{name} is not offered for download"
        size = (built_mini / "data" / name).stat().st_size
        assert f"{max(1, round(size / 1024))} KB" in block.group(0), name
        assert count is None or f"<dt>Jumlah baris</dt><dd>{count}</dd>" in block.group(0), name
    assert f"{len(published())} inovasi dari {len({e['opd'] for e in published()})} perangkat daerah" in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license noopener"' in html
    schema = json.loads((REPO / "katalog/schema/inovasi.json").read_text(encoding="utf-8"))["properties"]
    assert schema["ringkasan"]["description"] in html  # the column table is drawn from the schema
    assert "Excel" in html and "LibreOffice" in html
    for other in built_mini.rglob("*.html"):
        if other != page:
            assert "/data/" in scan(other).references, other
    assert "/data/" in scan(built_mini / "index.html").main_links


def test_the_data_licence_comes_from_the_site_config(site):
    root = site()
    config = root / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + (
        "data_license:\n  name: ODbL-1.0\n  title: Open Data Commons Open Database License 1.0\n"
        "  path: https://opendatacommons.org/licenses/odbl/1-0/\n"
    ), encoding="utf-8")
    assert run_cli("build", "--root", str(root)).returncode == 0
    package = json.loads((root / "public/data/datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "ODbL-1.0"
    assert "Open Data Commons Open Database License 1.0 (ODbL-1.0)" in (root / "public/data/index.html").read_text(encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace("  name: ODbL-1.0\n", "  nama: ODbL-1.0\n"), encoding="utf-8")
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 1 and re.search(r"data_license\.nama", result.output), result.output
