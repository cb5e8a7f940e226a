"""The demo catalogue models a good entry: complete, varied, and clean under check."""

import re

from conftest import REPO, read_entries, run_cli
from htmlscan import resolve, scan

ENTRIES = read_entries(REPO)


def sections(body: str) -> dict[str, str]:
    parts = re.split(r"^## +(.+)$", body, flags=re.M)
    return {title.strip(): text for title, text in zip(parts[1::2], parts[2::2])}


def test_demo_content_passes_check_with_no_errors_and_no_warnings():
    result = run_cli("check")
    assert result.returncode == 0, result.output
    assert "0 galat, 0 peringatan" in result.stdout, result.output


def test_demo_has_enough_varied_entries():
    assert len(ENTRIES) >= 30
    assert len({e["opd"] for e in ENTRIES}) >= 12
    assert {2021, 2022, 2023, 2024, 2025} <= {e["tahun"] for e in ENTRIES}
    assert {e["tahapan"] for e in ENTRIES} == {"inisiatif", "uji coba", "penerapan"}
    assert {e["jenis"] for e in ENTRIES} == {"digital", "non digital"}
    assert {e["bentuk"] for e in ENTRIES} == {"tata kelola pemerintahan daerah", "pelayanan publik", "inovasi daerah lainnya"}


def test_every_demo_entry_has_the_five_iid_sections_and_a_full_design():
    for entry in ENTRIES:
        found = sections(entry["body"])
        assert list(found) == ["Latar Belakang", "Rancang Bangun", "Tujuan", "Manfaat", "Hasil"], entry["slug"]
        assert len(found["Rancang Bangun"].split()) >= 300, entry["slug"]


def test_demo_site_is_marked_as_sample_data(built_demo):
    assert "Data contoh" in (built_demo / "index.html").read_text(encoding="utf-8")


def test_every_internal_link_of_the_demo_site_resolves(built_demo):
    for page in built_demo.rglob("*.html"):
        for reference in scan(page).references:
            target = resolve(built_demo, page, reference)
            if target is not None:
                assert target.is_file(), f"{page.relative_to(built_demo)} -> {reference}"
