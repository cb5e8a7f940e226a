"""`build.py new` writes an explained entry that passes `check` once filled in, and refuses what would collide (issue 8)."""

import datetime as dt
import json
import re
from pathlib import Path

import yaml
from PIL import Image

from conftest import REPO, read_entries, run_cli

SCHEMA = json.loads((REPO / "katalog/schema/inovasi.json").read_text(encoding="utf-8"))
SECTIONS = ["Latar Belakang", "Rancang Bangun", "Tujuan", "Manfaat", "Hasil"]  # the IID form, as CONTRIBUTING.md lists


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in (root / "content").rglob("*") if p.is_file()}


def new(root: Path, opd: str, title: str):
    return run_cli("new", "--root", str(root), "--opd", opd, title)


def fill_required(text: str, root: Path) -> str:
    """Replace each `""` placeholder with a valid value chosen from the schema and the site's urusan list."""
    urusan = yaml.safe_load((root / "site_config.yaml").read_text(encoding="utf-8"))["urusan"]
    for name in SCHEMA["required"]:
        spec = SCHEMA["properties"][name]
        if "enum" in spec:
            text = text.replace(f'\n{name}: ""\n', f"\n{name}: {spec['enum'][0]}\n")
    text = text.replace('\nurusan:\n  - ""\n', f"\nurusan:\n  - {urusan[0]}\n")
    return text.replace('\nringkasan: ""\n', "\nringkasan: Warga mengurus layanan dari rumah tanpa antre di kantor kelurahan.\n")


def fill_sections(text: str) -> str:
    """Write enough words under each section heading (the IID form asks 300 for Rancang Bangun)."""
    for section in SECTIONS:
        words = " ".join(["kata"] * (310 if section == "Rancang Bangun" else 20))
        text = text.replace(f"## {section}\n", f"## {section}\n\n{words}.\n", 1)
    return text


def test_new_entry_is_named_from_the_title_and_passes_check_once_filled(site):
    root = site()
    result = new(root, "kelurahan-contoh", "Layanan Café Straße: Ærø 北京")
    assert result.returncode == 0, result.output
    path = root / "content/inovasi/kelurahan-contoh/layanan-cafe-strasse-aero-beijing.md"
    assert path.is_file(), result.output
    assert path.relative_to(root).as_posix() in result.stdout
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["judul"] == "Layanan Café Straße: Ærø 北京" and front["tahun"] == dt.date.today().year

    # Unfilled, check refuses exactly the required fields left as "".
    unfilled = json.loads(run_cli("check", "--format", "json", "--root", str(root)).stdout)
    fields = {p["field"].split("[")[0] for p in unfilled if p["level"] == "error"}
    assert fields == {name for name in SCHEMA["required"] if name not in ("judul", "tahun")}, unfilled

    path.write_text(fill_sections(fill_required(text, root)), encoding="utf-8")
    result = run_cli("check", "--strict", "--root", str(root))
    assert result.returncode == 0, result.output
    assert "layanan-cafe-strasse-aero-beijing" in {entry["slug"] for entry in read_entries(root)}


def test_comment_guidance_alone_counts_as_an_empty_section(site):
    root = site()
    assert new(root, "dinas-contoh", "Sekolah Siaga Bencana").returncode == 0
    path = root / "content/inovasi/dinas-contoh/sekolah-siaga-bencana.md"
    path.write_text(fill_required(path.read_text(encoding="utf-8"), root), encoding="utf-8")
    problems = json.loads(run_cli("check", "--format", "json", "--root", str(root)).stdout)
    empty = sorted(p["message"] for p in problems if p["code"] == "bagian-kosong" and p["file"].endswith("sekolah-siaga-bencana.md"))
    assert len(empty) == len(SECTIONS), problems


def test_every_field_is_explained_and_every_optional_example_is_valid(site):
    root = site()
    assert new(root, "dinas-contoh", "Pojok Konsultasi Gizi").returncode == 0
    path = root / "content/inovasi/dinas-contoh/pojok-konsultasi-gizi.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    comments = " ".join(" ".join(line[1:].split()) for line in lines if line.startswith("#"))  # wrapped lines joined
    for name, spec in SCHEMA["properties"].items():
        assert " ".join(spec["description"].split()) in comments, f"no explanation for {name}"
        for value in spec.get("enum", []):
            assert f" {value} " in comments.replace("|", " "), (name, value)
    # Uncomment each optional field's example: `# name:` and the `#   ...` lines under it.
    uncommented, inside = [], False
    optional = {name for name in SCHEMA["properties"] if name not in SCHEMA["required"]}
    for line in lines:
        if re.match(r"# ([a-z_]+):", line) and line[2:].split(":")[0] in optional:
            inside = True
            uncommented.append(line[2:])
        elif inside and line.startswith("#   "):
            uncommented.append(line[2:])
        else:
            inside = False
            uncommented.append(line)
    text = fill_sections(fill_required("\n".join(uncommented), root))
    front = yaml.safe_load(text.split("---\n")[1])
    assert optional <= set(front), optional - set(front)
    for image in front["gambar"]:
        Image.new("RGB", (64, 48), "teal").save(path.parent / image["file"])
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", "--strict", "--root", str(root))
    assert result.returncode == 0, result.output


def test_body_has_the_five_sections_in_order(site):
    root = site()
    assert new(root, "dinas-contoh", "Taman Baca Digital").returncode == 0
    body = (root / "content/inovasi/dinas-contoh/taman-baca-digital.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert re.findall(r"^## (.+)$", body, re.M) == SECTIONS


def test_unknown_opd_is_refused_with_the_closest_folder(site):
    root = site()
    before = files_under(root)
    typo = new(root, "dinas-contho", "Layanan Baru")
    assert typo.returncode == 1 and "--opd dinas-contoh" in typo.stderr, typo.output
    abbreviation = yaml.safe_load((root / "content/opd/dinas-contoh.yaml").read_text(encoding="utf-8"))["singkatan"]
    by_abbreviation = new(root, abbreviation.lower(), "Layanan Baru")
    assert by_abbreviation.returncode == 1 and "--opd dinas-contoh" in by_abbreviation.stderr, by_abbreviation.output
    unknown = new(root, "zzz", "Layanan Baru")
    assert unknown.returncode == 1 and "content/opd/" in unknown.stderr and "Traceback" not in unknown.output
    assert files_under(root) == before


def test_a_slug_used_in_any_opd_folder_is_refused(site):
    root = site()
    taken = read_entries(root)[0]
    before = files_under(root)
    other_opd = next(p.stem for p in sorted((root / "content/opd").glob("*.yaml")) if p.stem != taken["opd"])
    result = new(root, other_opd, taken["judul"])
    assert result.returncode == 1, result.output
    assert f"content/inovasi/{taken['opd']}/{taken['slug']}.md" in result.stderr
    assert files_under(root) == before


def test_a_title_without_letters_or_digits_is_refused(site):
    root = site()
    before = files_under(root)
    result = new(root, "dinas-contoh", "¿¡ — !?")
    assert result.returncode == 1 and "Traceback" not in result.output, result.output
    assert files_under(root) == before
