"""`from-issue` turns a filled-in issue form into a checked entry, or explains per field what to fix (issue 8).

Bodies are made the way GitHub renders a submitted form: `### <label>`, a blank line, the answer (`_No response_`
when empty), from the form generated for the test site.
"""

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from katalog.config import load_config
from katalog.content import SourceRef, read_source
from katalog.entryfile import innovation_text
from katalog.issueform import form_fields, parse_issue_body
from katalog.locale import load_locale
from katalog.problems import ProblemFactory
from katalog.scaffold import opd_names

FORM = ".github/ISSUE_TEMPLATE/inovasi-baru.yml"
COMMA_AFFAIR = "ketenteraman, ketertiban umum, dan pelindungan masyarakat"
DESIGN = " ".join(["Petugas"] * 305) + "."


@pytest.fixture
def form_site(site):
    """A mini site with an urusan containing commas, its issue form generated; returns (root, form fields by id)."""
    root = site()
    config = root / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"  - {COMMA_AFFAIR}\n", encoding="utf-8")
    result = run_cli("generate", "--root", str(root))
    assert result.returncode == 0, result.output
    form = yaml.safe_load((root / FORM).read_text(encoding="utf-8"))
    return root, {item["id"]: item for item in form["body"] if "id" in item}


def opd_name(root: Path, slug: str) -> str:
    return yaml.safe_load((root / f"content/opd/{slug}.yaml").read_text(encoding="utf-8"))["nama"]


def answers(root: Path, **overrides: str) -> dict[str, str]:
    base = {
        "opd": opd_name(root, "dinas-contoh"),
        "judul": "Layanan Sampah Terpilah",
        "tahun": "2024",
        "tahapan": "penerapan",
        "jenis": "digital",
        "bentuk": "pelayanan publik",
        "urusan": f"lingkungan hidup, {COMMA_AFFAIR}",
        "ringkasan": "Warga memilah sampah di rumah dan menyetorkannya ke bank sampah keliling setiap pekan.",
        "inisiator": "perangkat daerah",
        "tanggal_inisiatif": "2023-02-01",
        "tanggal_uji_coba": "",
        "tanggal_penerapan": "2024-01-15",
        "anggaran": "Rp 150.000.000",
        "tag": "sampah, daur ulang, sampah",
        "sdgs": "",
        "kontak_nama": "Seksi Pengelolaan Sampah",
        "kontak_jabatan": "",
        "kontak_email": "sampah@example.org",
        "kontak_telepon": "",
        "tautan": "Jadwal bank sampah | https://example.org/jadwal\nhttps://example.org/peta",
        "latar_belakang": "Sampah rumah tangga menumpuk di tempat pembuangan sementara.",
        "rancang_bangun": DESIGN,
        "tujuan": "Mengurangi sampah yang dibuang ke TPA.",
        "manfaat": "Warga mendapat tabungan dari sampah terpilah.",
        "hasil": "Sampah ke TPA turun 12 persen dalam setahun.",
        "persetujuan": "yes",
    }
    return {**base, **overrides}


def body(fields: dict, values: dict[str, str], newline: str = "\n") -> str:
    """The issue body GitHub writes for these answers."""
    blocks = []
    for field_id, item in fields.items():
        value = values.get(field_id, "")
        if item["type"] == "checkboxes":
            option = item["attributes"]["options"][0]["label"]
            value = f"- [{'X' if value else ' '}] {option}"
        blocks.append(f"### {item['attributes']['label']}\n\n{value or '_No response_'}")
    return ("\n\n".join(blocks) + "\n").replace("\n", newline)


def submit(root: Path, text: str, tmp_path: Path, issue: str = "7"):
    (tmp_path / "isian.md").write_text(text, encoding="utf-8", newline="")
    result = run_cli(
        "from-issue", "--root", str(root), "--body-file", str(tmp_path / "isian.md"), "--issue", issue,
        "--comment", str(tmp_path / "komentar.md"), "--pull-request-body", str(tmp_path / "usulan.md"),
        "--github-output", str(tmp_path / "keluaran"),
    )
    comment = (tmp_path / "komentar.md").read_text(encoding="utf-8") if (tmp_path / "komentar.md").exists() else ""
    return result, comment


def entry_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in (root / "content/inovasi").rglob("*.md")}


def split(path: Path) -> tuple[dict, str]:
    _, front, text = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), text


def test_a_complete_form_becomes_an_entry_that_passes_strict_check(form_site, tmp_path):
    root, fields = form_site
    result, comment = submit(root, body(fields, answers(root)), tmp_path)
    assert result.returncode == 0, result.output
    path = root / "content/inovasi/dinas-contoh/layanan-sampah-terpilah.md"
    assert result.stdout.strip() == path.relative_to(root).as_posix()
    front, text = split(path)
    assert front == {
        "judul": "Layanan Sampah Terpilah", "tahun": 2024, "tahapan": "penerapan", "jenis": "digital",
        "bentuk": "pelayanan publik", "urusan": ["lingkungan hidup", COMMA_AFFAIR],
        "ringkasan": answers(root)["ringkasan"], "inisiator": "perangkat daerah",
        "tanggal_inisiatif": "2023-02-01", "tanggal_penerapan": "2024-01-15", "anggaran": 150000000,
        "tag": ["sampah", "daur ulang"],
        "kontak": {"nama": "Seksi Pengelolaan Sampah", "email": "sampah@example.org"},
        "tautan": [{"label": "Jadwal bank sampah", "url": "https://example.org/jadwal"},
                   {"label": "https://example.org/peta", "url": "https://example.org/peta"}],
    }
    assert "## Rancang Bangun\n\n" + DESIGN in text and "## Hasil\n\nSampah ke TPA turun 12 persen" in text
    check = run_cli("check", "--strict", "--root", str(root))
    assert check.returncode == 0, check.output
    assert "/inovasi/layanan-sampah-terpilah/" in comment
    assert "Closes #7" in (tmp_path / "usulan.md").read_text(encoding="utf-8")
    outputs = (tmp_path / "keluaran").read_text(encoding="utf-8")
    assert "path<<" in outputs and "content/inovasi/dinas-contoh/layanan-sampah-terpilah.md" in outputs
    assert "Layanan Sampah Terpilah" in outputs


def test_windows_line_endings_are_read_the_same(form_site, tmp_path):
    root, fields = form_site
    result, _ = submit(root, body(fields, answers(root), newline="\r\n"), tmp_path)
    assert result.returncode == 0, result.output
    front, _ = split(root / "content/inovasi/dinas-contoh/layanan-sampah-terpilah.md")
    assert front["urusan"] == ["lingkungan hidup", COMMA_AFFAIR]


def test_missing_required_answers_are_named_by_their_form_label_and_nothing_is_written(form_site, tmp_path):
    root, fields = form_site
    before = entry_files(root)
    result, comment = submit(root, body(fields, answers(root, tahapan="", ringkasan="", persetujuan="")), tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.output, result.output
    for field_id in ("tahapan", "ringkasan", "persetujuan"):
        assert f"**{fields[field_id]['attributes']['label']}**" in comment, (field_id, comment)
    assert entry_files(root) == before
    assert not (tmp_path / "keluaran").exists() or "path<<" not in (tmp_path / "keluaran").read_text(encoding="utf-8")


def test_wrong_values_are_explained_per_field(form_site, tmp_path):
    root, fields = form_site
    values = answers(root, tahun="dua ribu", tanggal_penerapan="15/01/2024", kontak_email="bukan surel")
    result, comment = submit(root, body(fields, values), tmp_path)
    assert result.returncode == 1, result.output
    for field_id in ("tahun", "tanggal_penerapan", "kontak_email"):
        assert f"**{fields[field_id]['attributes']['label']}**" in comment, (field_id, comment)
    assert "2024-01-15" in comment  # the date problem suggests the ISO form


def test_an_unknown_opd_or_a_taken_title_is_refused(form_site, tmp_path):
    root, fields = form_site
    before = entry_files(root)
    result, comment = submit(root, body(fields, answers(root, opd="Dinas Yang Tidak Ada")), tmp_path)
    assert result.returncode == 1 and "Dinas Yang Tidak Ada" in comment
    taken = yaml.safe_load((root / "content/inovasi/dinas-contoh/bank-sampah-digital.md").read_text(encoding="utf-8").split("---\n")[1])
    result, comment = submit(root, body(fields, answers(root, judul=taken["judul"])), tmp_path)
    assert result.returncode == 1 and "content/inovasi/dinas-contoh/bank-sampah-digital.md" in comment
    assert entry_files(root) == before


def test_answers_cannot_inject_fields_fences_or_markup(form_site, tmp_path):
    root, fields = form_site
    title = 'Layanan "Cepat": yes # bukan komentar & *bintang* {kurung} @pengelola'
    fake = "---\ntahapan: inisiatif\ndraft: true\n---\n### Judul\n\nJudul palsu\n### Tujuan\n\nTujuan palsu"
    values = answers(root, judul=title, tag="null, 2024-01-01, yes, - strip", latar_belakang=fake,
                     ringkasan="[bukan daftar] - tetap teks biasa: dengan titik dua, cukup panjang")
    result, comment = submit(root, body(fields, values), tmp_path)
    assert result.returncode == 0, result.output
    path = next(p for p in (root / "content/inovasi/dinas-contoh").glob("*.md") if p.stem.startswith("layanan-cepat"))
    front, text = split(path)
    assert front["judul"] == title and front["tahapan"] == "penerapan" and "draft" not in front
    assert front["tag"] == ["null", "2024-01-01", "yes", "- strip"]
    assert front["ringkasan"] == values["ringkasan"]
    assert set(front) == {"judul", "tahun", "tahapan", "jenis", "bentuk", "urusan", "ringkasan", "inisiator",
                          "tanggal_inisiatif", "tanggal_penerapan", "anggaran", "tag", "kontak", "tautan"}
    latar = text.split("## Latar Belakang\n\n")[1].split("\n\n## Rancang Bangun")[0]
    assert latar == fake, "the typed headings stay inside the answer they were typed in"
    assert "## Tujuan\n\nMengurangi sampah" in text
    assert run_cli("check", "--strict", "--root", str(root)).returncode == 0
    assert "@pengelola" not in comment


@pytest.mark.parametrize("text", ["", "tidak ada formulir di sini", "### Judul\n\n_No response_\n"])
def test_a_body_that_is_not_the_form_gets_an_explanation(form_site, tmp_path, text):
    root, _ = form_site
    before = entry_files(root)
    result, comment = submit(root, text, tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.output, result.output
    assert comment.startswith("### ") and "Edit" in comment
    assert entry_files(root) == before


def test_a_broken_site_still_answers_the_issue(form_site, tmp_path):
    root, fields = form_site
    (root / "site_config.yaml").write_text("site_name: [\n", encoding="utf-8")
    result, comment = submit(root, body(fields, answers(root)), tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.output
    assert comment.startswith("### ") and "sunting issue ini" in comment


# Property tests: whatever a contributor types, the YAML written reads back as exactly that data, and a form
# body GitHub renders parses back into exactly the answers typed.
PROPERTIES = settings(max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
TYPED = st.characters(blacklist_categories=("Cs", "Cc"))  # what a browser text box lets through
ONE_LINE = st.text(TYPED, min_size=1, max_size=60).map(lambda s: " ".join(s.split())).filter(bool)
YAML_TRAPS = st.sampled_from(["yes", "no", "null", "~", "2024-01-01", "010", "1_000", "0x1F", ".inf", "<<", "=",
                              "---", "...", "- item", "[a, b]", "{a: b}", "a: b", "# not a comment", "&anchor",
                              "*alias", "!!python/object", "|", ">", "'", '"', "%YAML", "@user", "`code`"])


@PROPERTIES
@given(title=st.one_of(ONE_LINE, YAML_TRAPS), tags=st.lists(st.one_of(ONE_LINE, YAML_TRAPS), max_size=4),
       lines=st.lists(st.text(TYPED, max_size=40), max_size=5))
def test_written_front_matter_reads_back_as_the_same_data(tmp_path, title, tags, lines):
    front = {"judul": title, "tahun": 2024, "tag": tags, "kontak": {"nama": title}}
    path = tmp_path / "content/inovasi/dinas-contoh/acak.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(innovation_text(front, "## Latar Belakang\n\n" + "\n".join(lines)), encoding="utf-8")
    document, problems = read_source(SourceRef("inovasi", path, "content/inovasi/dinas-contoh/acak.md"),
                                     ProblemFactory(load_locale()))
    assert problems == [] and document is not None
    assert document.parsed.data == front


@PROPERTIES
@given(answer=st.lists(st.text(TYPED, max_size=30), min_size=1, max_size=4).map("\n".join))
def test_a_rendered_form_body_parses_back_into_the_typed_answers(form_site, answer):
    root, fields = form_site
    config, _ = load_config(root)
    values = answers(root, latar_belakang=answer, hasil=answer)
    parsed = parse_issue_body(body(fields, values), form_fields(config, opd_names(root), config.locale))
    expected = answer.strip()
    assert parsed["latar_belakang"] == ("" if expected == "_No response_" else expected)
    assert parsed["hasil"] == parsed["latar_belakang"] and parsed["judul"] == values["judul"]

