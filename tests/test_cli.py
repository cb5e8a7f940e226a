"""The command-line contract: build, check and serve, their exit codes and messages."""

import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import REPO, free_port, run_cli

ENTRY = "content/inovasi/dinas-contoh/antrean-daring-puskesmas.md"
BROKEN = "---\njudul: Rusak\ntahun: 2024\ntahapan: selesai\n---\n\n## Latar Belakang\n"


def test_check_on_a_clean_site_writes_nothing_and_exits_0(site):
    root = site()
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 0, result.output
    assert "0 galat" in result.stdout
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_plain_build_from_the_site_folder_writes_public(site):
    root = site()
    result = run_cli(cwd=root)
    assert result.returncode == 0, result.output
    assert (root / "public" / "index.html").is_file()
    assert "3 inovasi" in result.stdout  # the summary names entries, pages, warnings and seconds
    assert "halaman" in result.stdout and "peringatan" in result.stdout and "detik" in result.stdout


def test_broken_content_fails_check_and_build_naming_file_and_line_and_keeps_old_output(site, tmp_path):
    root = site()
    output = tmp_path / "out"
    assert run_cli("build", "--root", str(root), "--output", str(output)).returncode == 0
    before = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    (root / ENTRY).write_text(BROKEN, encoding="utf-8")
    for args in (("check",), ("build", "--output", str(output))):
        result = run_cli(*args, "--root", str(root))
        assert result.returncode == 1, result.output
        assert f"{ENTRY}:4" in result.stderr  # tahapan: selesai
        assert f"{ENTRY}:2" in result.stderr  # jenis, bentuk, urusan, ringkasan missing from the front matter
        assert "Traceback" not in result.output
    after = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before


def test_undecodable_and_binary_files_never_cause_a_traceback(site):
    root = site({ENTRY: b"\x00\x01\x02binary", "content/opd/dinas-contoh.yaml": b"nama: \xff\xfe\n"})
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert "content/opd/dinas-contoh.yaml:1" in result.stderr
    assert f"{ENTRY}:1" in result.stderr


def test_build_refuses_to_replace_the_site_folder_or_a_foreign_folder(site, tmp_path):
    root = site()
    assert run_cli("build", "--root", str(root), "--output", str(root)).returncode == 2
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "letter.txt").write_text("keep me")
    result = run_cli("build", "--root", str(root), "--output", str(foreign))
    assert result.returncode == 2
    assert (foreign / "letter.txt").read_text() == "keep me"


def test_missing_config_says_how_to_point_at_the_site(tmp_path):
    result = run_cli("check", "--root", str(tmp_path))
    assert result.returncode == 1
    assert "--root" in result.stderr and "Traceback" not in result.output


def test_serve_builds_and_serves_on_loopback_with_the_404_page(site):
    root = site()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/inovasi/bank-sampah-digital/") as response:
                    assert "Bank Sampah Digital" in response.read().decode()
                break
            except urllib.error.URLError:
                assert process.poll() is None, process.stderr.read()
                assert time.monotonic() < deadline, "the preview server did not start"
                time.sleep(0.2)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/tidak-ada/")
            raise AssertionError("a missing page must answer 404")
        except urllib.error.HTTPError as error:
            assert error.code == 404
            assert "Halaman tidak ditemukan" in error.read().decode()
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_an_asset_named_like_a_generated_file_stops_the_build_in_words_and_keeps_the_old_site(site, tmp_path):
    root = site()
    output = tmp_path / "out"
    assert run_cli("build", "--root", str(root), "--output", str(output)).returncode == 0
    before = (output / "index.html").read_bytes()
    (root / "assets" / "tema.css").write_text(":root {}")  # the theme file is generated
    result = run_cli("build", "--root", str(root), "--output", str(output))
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "assets/tema.css" in result.stderr and "Situs lama tidak diubah" in result.stderr
    assert (output / "index.html").read_bytes() == before
    assert not list(tmp_path.glob(".out.baru-*"))  # no half-built staging folder is left behind
