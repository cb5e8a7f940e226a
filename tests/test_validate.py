"""Each contributor mistake is caught, located at its line, and explained with a fix."""

from pathlib import Path

import pytest

from katalog.pipeline import check

ENTRY = "content/inovasi/dinas-contoh/antrean-daring-puskesmas.md"


def entry_text(root_case: Path = Path(__file__).parent / "sites" / "mini") -> str:
    return (root_case / ENTRY).read_text(encoding="utf-8")


def replace_in_entry(old: str, new: str) -> dict[str, str]:
    text = entry_text()
    assert old in text, old
    return {ENTRY: text.replace(old, new, 1)}


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if needle in line)


def only_problem(root: Path, code: str):
    result = check(root)
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, [(p.code, p.file, p.line, p.message) for p in result.problems]
    return found[0], result


def test_the_mini_site_is_clean(site):
    result = check(site())
    assert result.ok and result.problems == [], result.problems


@pytest.mark.parametrize(
    "old, new, code, field, needle, suggestion",
    [
        ("tahapan: penerapan", "tahapan: Penerapan", "nilai-tidak-dikenal", "tahapan", "tahapan:", "`penerapan`"),
        ("jenis: digital", "jenis: digtal", "nilai-tidak-dikenal", "jenis", "jenis:", "`digital`"),
        ("inisiator: perangkat daerah", "inisiatr: perangkat daerah", "kolom-tidak-dikenal", "inisiatr", "inisiatr:", "`inisiator`"),
        ("  - kesehatan\n", "  - kesehatn\n", "urusan-tidak-dikenal", "urusan[1]", "- kesehatn", "`kesehatan`"),
        ("tahun: 2024", 'tahun: "2024"', "tipe-integer", "tahun", "tahun:", "angka saja"),
        ("anggaran: 150000000", "anggaran: 150.000.000", "tipe-integer", "anggaran", "anggaran:", "tanpa tanda kutip, titik"),
        ("tanggal_penerapan: 2024-07-29", "tanggal_penerapan: 29/07/2024", "format-salah", "tanggal_penerapan", "tanggal_penerapan:", "TTTT-BB-HH"),
        ("tanggal_uji_coba: 2024-03-04", "tanggal_uji_coba: 2024-09-04", "urutan-tanggal", "tanggal_penerapan", "tanggal_penerapan:", "inisiatif, lalu uji coba"),
        ("email: pelayanan@example.org", "email: pelayanan(at)example.org", "format-salah", "kontak.email", "email:", "surel"),
        ("url: https://example.org/panduan", "url: example.org/panduan", "format-salah", "tautan[1].url", "url:", "https://"),
        ("tahun: 2024", "tahun: 2999", "tahun-terlalu-jauh", "tahun", "tahun:", "empat angka"),
    ],
)
def test_a_wrong_value_is_located_and_explained(site, old, new, code, field, needle, suggestion):
    files = replace_in_entry(old, new)
    problem, result = only_problem(site(files), code)
    assert not result.ok
    assert problem.file == ENTRY
    assert problem.field == field
    assert problem.line == line_of(files[ENTRY], needle)
    assert suggestion in problem.suggestion + problem.message


def test_ringkasan_too_short_says_the_limits(site):
    files = replace_in_entry(
        "ringkasan: Warga mengambil nomor antrean puskesmas dari ponsel sehingga tidak perlu menunggu lama.",
        "ringkasan: Antrean daring.",
    )
    problem, _ = only_problem(site(files), "batas-minLength")
    assert problem.field == "ringkasan"
    assert f"{len('Antrean daring.')} karakter, paling sedikit 30" in problem.message
    assert problem.line == line_of(files[ENTRY], "ringkasan:")


def test_missing_required_field_names_it_and_explains_it(site):
    text = entry_text()
    files = {ENTRY: text.replace("bentuk: pelayanan publik\n", "")}
    problem, _ = only_problem(site(files), "wajib-diisi")
    assert problem.field == "bentuk"
    assert "bentuk: ..." in problem.suggestion


def test_yaml_syntax_error_is_reported_at_its_line_with_a_hint(site):
    files = replace_in_entry("judul: Antrean Daring Puskesmas", "judul: Antrean: Daring Puskesmas")
    problem, _ = only_problem(site(files), "yaml-sintaks")
    assert problem.line == 2
    assert "tanda kutip" in problem.suggestion


@pytest.mark.parametrize(
    "content, code, line",
    [
        ("judul: Tanpa pembuka\n", "front-matter-hilang", 1),
        ("\n---\njudul: A\n---\n", "front-matter-bukan-awal", 2),
        ("---\njudul: A\ntahun: 2024\n", "front-matter-tidak-ditutup", 1),
        ("---\n---\nisi\n", "bukan-peta", 2),
    ],
)
def test_front_matter_shape_problems(site, content, code, line):
    problem, _ = only_problem(site({ENTRY: content}), code)
    assert (problem.file, problem.line) == (ENTRY, line)


def test_file_that_is_not_utf8_is_named(site):
    problem, _ = only_problem(site({ENTRY: entry_text().encode("cp1252", "replace").replace(b"Warga", b"W\xe9rga")}), "bukan-utf8")
    assert problem.line == line_of(entry_text(), "ringkasan:")


def test_bom_and_windows_line_endings_are_accepted(site):
    data = ("\ufeff" + entry_text()).replace("\n", "\r\n").encode("utf-8")
    assert check(site({ENTRY: data})).problems == []


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


def test_bad_slug_suggests_a_good_one(site):
    renamed = "content/inovasi/dinas-contoh/Antrean Daring_Puskesmas.md"
    problem, _ = only_problem(site({renamed: entry_text(), ENTRY: None}), "slug-tidak-valid")
    assert "antrean-daring-puskesmas" in problem.suggestion


def test_missing_image_is_located_at_its_file_line(site):
    path = "content/inovasi/kelurahan-contoh/taman-baca-kelurahan.md"
    root = site({"content/inovasi/kelurahan-contoh/pojok-baca.png": None})
    problem, _ = only_problem(root, "gambar-tidak-ada")
    text = (root / path).read_text(encoding="utf-8")
    assert (problem.file, problem.line) == (path, line_of(text, "file: pojok-baca.png"))


def test_alias_may_not_take_another_entrys_address(site):
    files = replace_in_entry("tahun: 2024\n", "tahun: 2024\naliases:\n  - /inovasi/bank-sampah-digital/\n")
    problem, _ = only_problem(site(files), "alias-bentrok")
    assert "bank-sampah-digital.md" in problem.message


def test_missing_section_is_a_warning_not_an_error(site):
    files = replace_in_entry("## Manfaat", "## Manfat")
    problem, result = only_problem(site(files), "bagian-hilang")
    assert problem.level == "warning" and result.ok
    assert "## Manfat" in problem.suggestion


def test_every_problem_is_reported_at_once(site):
    text = entry_text().replace("tahapan: penerapan", "tahapan: selesai").replace("jenis: digital", "jenis: daring")
    other = "content/inovasi/dinas-contoh/bank-sampah-digital.md"
    other_text = (Path(__file__).parent / "sites" / "mini" / other).read_text(encoding="utf-8")
    result = check(site({ENTRY: text, other: other_text.replace("tahun: 2023", "tahun: dua ribu")}))
    assert sorted((p.file, p.field) for p in result.problems) == [
        (ENTRY, "jenis"), (ENTRY, "tahapan"), (other, "tahun"),
    ]


def test_unknown_config_key_suggests_the_right_one(site):
    root = site()
    config = (root / "site_config.yaml").read_text(encoding="utf-8").replace("page_size:", "page_sise:")
    (root / "site_config.yaml").write_text(config, encoding="utf-8")
    problem, result = only_problem(root, "kolom-tidak-dikenal")
    assert result.config is None
    assert (problem.file, problem.field) == ("site_config.yaml", "page_sise")
    assert "page_size" in problem.suggestion
