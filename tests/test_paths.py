"""Paths: nothing outside an entry's folder, no symbolic links, and no write outside the output (issue 10).

Refusals already covered by tests/broken/cases.yaml (an image path with / or .., a wrong image type, a
broken image, a symbolic link as an entry, a logo missing from assets/) are not repeated here.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import SITES, run_cli
from katalog.pipeline import check
from katalog.writer import OutputError, StagedOutput

IMAGE = SITES / "mini/content/inovasi/kelurahan-contoh/pojok-baca.png"
ENTRY = "content/inovasi/kelurahan-contoh/taman-baca-kelurahan.md"  # lists pojok-baca.png in `gambar`


def codes_for(root: Path, file: str) -> set[str]:
    return {problem.code for problem in check(root).problems if problem.file == file}


def test_an_image_that_is_a_symbolic_link_is_refused(site, tmp_path):
    root = site()
    outside = tmp_path / "rahasia.png"
    shutil.copyfile(IMAGE, outside)
    image = root / "content/inovasi/kelurahan-contoh/pojok-baca.png"
    image.unlink()
    image.symlink_to(outside)
    assert "gambar-tidak-ada" in codes_for(root, ENTRY)


def test_an_image_that_is_a_folder_is_refused(site):
    root = site()
    image = root / "content/inovasi/kelurahan-contoh/pojok-baca.png"
    image.unlink()
    image.mkdir()
    assert "gambar-tidak-ada" in codes_for(root, ENTRY)


def test_an_opd_record_that_is_a_symbolic_link_is_refused(site, tmp_path):
    root = site()
    outside = tmp_path / "opd-luar.yaml"
    outside.write_text("nama: Dinas Luar\nsingkatan: DL\njenis: dinas\n", encoding="utf-8")
    (root / "content/opd/dinas-luar.yaml").symlink_to(outside)
    assert "tautan-simbolik" in codes_for(root, "content/opd/dinas-luar.yaml")


def test_a_folder_reached_through_a_symbolic_link_is_not_read(site, tmp_path):
    root = site()
    outside = tmp_path / "luar"
    outside.mkdir()
    shutil.copyfile(root / ENTRY, outside / "salinan-luar.md")
    (root / "content/inovasi/dinas-contoh/tautan-folder").symlink_to(outside, target_is_directory=True)
    result = check(root)
    assert not any("salinan-luar" in problem.file for problem in result.problems)
    assert "salinan-luar" not in {item.slug for item in result.catalog.innovations}


@pytest.mark.parametrize("relative", ["../luar.html", "a/../../luar.html", "/tmp/luar.html", "."])
def test_the_writer_refuses_every_path_outside_the_output(tmp_path, relative):
    before = sorted(tmp_path.rglob("*"))
    with StagedOutput(tmp_path / "public") as staged:
        with pytest.raises(OutputError) as refused:
            staged.write(relative, b"x")
    assert refused.value.key == "tulis_di_luar_keluaran"
    assert sorted(tmp_path.rglob("*")) == before and not Path("/tmp/luar.html").exists()


def test_the_writer_refuses_a_second_write_of_one_path_and_symbolic_links(tmp_path):
    link = tmp_path / "tautan.png"
    link.symlink_to(IMAGE)
    with StagedOutput(tmp_path / "public") as staged:
        staged.write("inovasi/x/index.html", b"pertama")
        with pytest.raises(OutputError) as twice:
            staged.write("inovasi/./x/index.html", b"kedua")
        with pytest.raises(OutputError) as linked:
            staged.copy("assets/tautan.png", link)
        assert (staged.staging / "inovasi/x/index.html").read_bytes() == b"pertama"
    assert (twice.value.key, linked.value.key) == ("tulis_dua_kali", "tulis_tautan_simbolik")


def test_a_logo_that_is_a_symbolic_link_stops_the_build_in_words_and_keeps_the_old_site(site, tmp_path):
    root = site()
    output = tmp_path / "keluaran"
    assert run_cli("build", "--root", str(root), "--output", str(output)).returncode == 0
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in output.rglob("*") if p.is_file()}
    (root / "assets/logo.png").symlink_to(IMAGE)
    config = root / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "logo: logo.png\n", encoding="utf-8")
    result = run_cli("build", "--root", str(root), "--output", str(output))
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "tautan simbolik" in result.stderr and "Situs lama tidak diubah" in result.stderr
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in output.rglob("*") if p.is_file()} == before
