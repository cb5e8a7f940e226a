"""Every mistake in tests/broken/cases.yaml is caught, located at its line and explained (issue 3)."""

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import git_commit, run_cli
from katalog.pipeline import check

BROKEN = Path(__file__).parent / "broken"
CASES = yaml.safe_load((BROKEN / "cases.yaml").read_text(encoding="utf-8"))


def target_of(case: dict) -> str:
    return case.get("ke", f"content/inovasi/dinas-contoh/{case['file']}")


def expected_line(case: dict) -> int:
    if "baris" in case:
        return case["baris"]
    text = (BROKEN / "files" / case["file"]).read_text(encoding="utf-8")
    return next(number for number, line in enumerate(text.split("\n"), 1) if "SALAH" in line)


def place(root: Path, case: dict) -> None:
    """Copy a case's broken file (and the files it refers to, `juga`) into a site."""
    target = root / target_of(case)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BROKEN / "files" / case["file"], target)
    for extra in case.get("juga", ()):
        shutil.copyfile(BROKEN / "files" / extra, target.parent / extra)


def broken_site(site, case: dict) -> Path:
    root = site()
    place(root, case)
    if "riwayat" in case:
        git_commit(root, case["riwayat"])
    return root


@pytest.mark.parametrize("case", CASES, ids=[f"{c['kode']}:{c['file']}" for c in CASES])
def test_case_is_reported_with_code_line_field_and_words(site, case):
    result = check(broken_site(site, case))
    found = [p for p in result.problems if p.code == case["kode"] and p.file == target_of(case)]
    assert found, [(p.code, p.file, p.line, p.message) for p in result.problems]
    problem = found[0]
    assert problem.line == expected_line(case), (problem.line, problem.message)
    if "kolom" in case:
        assert problem.field == case["kolom"]
    text = " ".join((problem.message, problem.found, problem.allowed, problem.suggestion))
    for words in case["kata"]:
        assert words in text, (words, text)
    is_warning = case.get("tingkat") == "peringatan"
    assert problem.level == ("warning" if is_warning else "error")
    assert result.ok == is_warning


def test_the_cases_cover_every_problem_code_a_file_can_trigger():
    from katalog.locale import load_locale

    covered = {case["kode"] for case in CASES}
    never_from_a_file = {"yaml-sintaks-petunjuk", "config-tidak-ada", "tautan-simbolik", "berkas-terlalu-besar",
                         "folder-situs-hilang", "berkas-tidak-terbaca",
                         "opd-bukan-yaml", "config-bukan-peta", "bukan-peta", "yaml-nilai", "tidak-sesuai",
                         "format-salah", "format-alias", "format-slug", "batas-minItems", "batas-maxItems",
                         "batas-uniqueItems", "tipe-object"}
    # Reported by `build --baseline` against an earlier urls.json (tests/test_permanent_urls.py), not by a file.
    never_from_a_file |= {"alamat-hilang", "alamat-opd-hilang", "alamat-dasar-tidak-terbaca"}
    missing = set(load_locale().problems) - covered - never_from_a_file
    assert not missing, f"add a broken file for: {sorted(missing)}"


def test_bom_and_windows_line_endings_are_accepted(site):
    root = site()
    shutil.copyfile(BROKEN / "files" / "bom-crlf.md", root / "content/inovasi/dinas-contoh/bom-crlf.md")
    result = check(root)
    assert result.ok, result.problems
    assert [p.code for p in result.problems if p.file.endswith("bom-crlf.md")] == ["rancang-bangun-pendek"]


def test_file_over_one_megabyte_is_refused_by_size(site):
    root = site({"content/inovasi/dinas-contoh/besar.md": "---\njudul: x\n---\n" + "a" * 1_100_000})
    problems = [p for p in check(root).problems if p.file.endswith("besar.md")]
    assert [p.code for p in problems] == ["berkas-terlalu-besar"]


def test_symbolic_link_is_refused(site, tmp_path):
    root = site()
    outside = tmp_path / "rahasia.md"
    outside.write_text((BROKEN / "files" / "rancang-bangun-pendek.md").read_text(encoding="utf-8"))
    (root / "content/inovasi/dinas-contoh/tautan.md").symlink_to(outside)
    assert "tautan-simbolik" in [p.code for p in check(root).problems]


def test_all_problems_of_many_files_are_reported_at_once(site):
    root = site()
    cases = [c for c in CASES if "ke" not in c and c.get("tingkat") != "peringatan" and c["file"].endswith(".md")]
    for case in cases:
        place(root, case)
    codes = {(p.file, p.code) for p in check(root).problems}
    assert all((target_of(c), c["kode"]) in codes for c in cases)


@pytest.mark.parametrize("style", ["text", "json", "github"])
def test_every_format_names_file_line_and_code_without_a_traceback(site, style):
    root = site()
    picked = [c for c in CASES if c["file"] in ("tahapan-huruf-besar.md", "kunci-ganda.md", "bagian-hilang.md")]
    for case in picked:
        shutil.copyfile(BROKEN / "files" / case["file"], root / target_of(case))
    result = run_cli("check", "--format", style, "--root", str(root), cwd=root)
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    for case in picked:
        file, line, code = target_of(case), expected_line(case), case["kode"]
        if style == "text":
            assert re.search(rf"{re.escape(file)}:{line}(:\d+)? .*\[{code}\]", result.stderr), result.stderr
        elif style == "json":
            records = json.loads(result.stdout)
            assert any(r["file"] == file and r["line"] == line and r["code"] == code for r in records)
            assert set(records[0]) >= {"file", "line", "column", "field", "level", "code", "message", "suggestion"}
        else:
            command = "warning" if case.get("tingkat") == "peringatan" else "error"
            assert re.search(rf"^::{command} file={re.escape(file)},line={line}(,col=\d+)?,title=[^:]*\[{code}\]::", result.stderr, re.M), result.stderr


def test_github_format_is_chosen_inside_github_actions(site, monkeypatch):
    root = site()
    shutil.copyfile(BROKEN / "files" / "tahapan-huruf-besar.md", root / "content/inovasi/dinas-contoh/x.md")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli("check", "--root", str(root), cwd=root)
    assert "::error file=content/inovasi/dinas-contoh/x.md,line=" in result.stderr


def test_github_paths_are_relative_to_the_repository_when_the_site_is_in_a_subfolder(site):
    root = site()
    shutil.copyfile(BROKEN / "files" / "tahapan-huruf-besar.md", root / "content/inovasi/dinas-contoh/x.md")
    result = run_cli("check", "--format", "github", "--root", root.name, cwd=root.parent)
    assert f"::error file={root.name}/content/inovasi/dinas-contoh/x.md," in result.stderr


def test_warnings_pass_but_strict_makes_them_errors(site):
    root = site()
    shutil.copyfile(BROKEN / "files" / "bagian-hilang.md", root / "content/inovasi/dinas-contoh/x.md")
    assert run_cli("check", "--root", str(root)).returncode == 0
    strict = run_cli("check", "--strict", "--root", str(root))
    assert strict.returncode == 1 and "GALAT [bagian-hilang]" in strict.stderr
    assert run_cli("build", "--strict", "--root", str(root)).returncode == 1


def test_repeated_warnings_are_capped_per_kind(site):
    source = (BROKEN / "files" / "bagian-hilang.md").read_text(encoding="utf-8")
    root = site({f"content/inovasi/dinas-contoh/uji-{n:02d}.md": source for n in range(25)})
    result = run_cli("check", "--root", str(root))
    listed = result.stderr.count("[bagian-hilang]\n") + result.stderr.count("PERINGATAN [bagian-hilang]")
    assert result.stderr.count("PERINGATAN [bagian-hilang]") == 10
    assert "…dan 15 masalah [bagian-hilang] lainnya" in result.stderr, listed


def test_demo_content_passes_strict_check():
    result = run_cli("check", "--strict")
    assert result.returncode == 0, result.output


def test_a_site_folder_without_layouts_is_explained_not_a_traceback(site):
    root = site()
    shutil.rmtree(root / "layouts")
    for command in ("check", "build"):
        result = run_cli(command, "--root", str(root))
        assert result.returncode == 1 and "Traceback" not in result.output
        assert "layouts/" in result.stderr and "folder-situs-hilang" in result.stderr
