"""Validation across files; single mistakes are in tests/broken/ (test_broken.py)."""

from pathlib import Path

from katalog.pipeline import check

ENTRY = "content/inovasi/dinas-contoh/antrean-daring-puskesmas.md"


def entry_text(root_case: Path = Path(__file__).parent / "sites" / "mini") -> str:
    return (root_case / ENTRY).read_text(encoding="utf-8")


def only_problem(root: Path, code: str):
    result = check(root)
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, [(p.code, p.file, p.line, p.message) for p in result.problems]
    return found[0], result


def test_the_mini_site_is_clean(site):
    result = check(site())
    assert result.ok and result.problems == [], result.problems


def test_same_slug_in_two_opd_folders_names_both_files(site):
    other = "content/inovasi/kelurahan-contoh/antrean-daring-puskesmas.md"
    result = check(site({other: entry_text()}))
    found = sorted((p.file, p.message) for p in result.problems if p.code == "slug-ganda")
    assert [file for file, _ in found] == [ENTRY, other]
    assert other in found[0][1] and ENTRY in found[1][1]


def test_folder_without_an_opd_record_suggests_the_near_one(site):
    moved = "content/inovasi/dinas-contohh/antrean-daring-puskesmas.md"
    problem, _ = only_problem(site({moved: entry_text(), ENTRY: None}), "opd-tidak-terdaftar")
    assert problem.file == moved
    assert "dinas-contoh" in problem.suggestion


def test_every_problem_is_reported_at_once(site):
    text = entry_text().replace("tahapan: penerapan", "tahapan: selesai").replace("jenis: digital", "jenis: daring")
    other = "content/inovasi/dinas-contoh/bank-sampah-digital.md"
    other_text = (Path(__file__).parent / "sites" / "mini" / other).read_text(encoding="utf-8")
    result = check(site({ENTRY: text, other: other_text.replace("tahun: 2023", "tahun: dua ribu")}))
    assert sorted((p.file, p.field) for p in result.problems) == [
        (ENTRY, "jenis"), (ENTRY, "tahapan"), (other, "tahun"),
    ]
