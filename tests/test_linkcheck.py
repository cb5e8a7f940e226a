"""`build.py linkcheck`: every internal link and asset of a built site exists (issue 10)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import run_cli
from htmlscan import resolve, scan

BROKEN_LINE = re.compile(r"^(\S+): tautan rusak ke (\S+)$", re.M)


def reported(stderr: str) -> set[tuple[str, str]]:
    return set(BROKEN_LINE.findall(stderr))


@pytest.fixture
def built(site, tmp_path):
    """A fresh build of the mini site that a test may break; returns its output folder."""
    root = site()
    output = tmp_path / "keluaran"
    result = run_cli("build", "--root", str(root), "--output", str(output))
    assert result.returncode == 0, result.output
    return output


def test_the_demo_site_has_no_broken_reference(built_demo):
    result = run_cli("linkcheck", "--output", str(built_demo))
    assert result.returncode == 0, result.output
    pages = len(list(built_demo.rglob("*.html")))
    assert f"{pages} halaman" in result.stdout and ", 0 rusak" in result.stdout, result.stdout


def test_a_deleted_page_is_reported_on_every_page_that_links_to_it(built):
    gone = built / "opd/dinas-contoh/index.html"
    # Which pages point at it, found with the tests' own reader, not the code under test.
    expected = []
    for page in sorted(built.rglob("*.html")):
        for reference in scan(page).references:
            if page != gone and resolve(built, page, reference) == gone:
                expected.append((page.relative_to(built).as_posix(), reference))
    assert expected
    gone.unlink()
    result = run_cli("linkcheck", "--output", str(built))
    assert result.returncode == 1, result.output
    assert sorted(BROKEN_LINE.findall(result.stderr)) == sorted(expected)  # each occurrence once
    assert f", {len(expected)} rusak" in result.stdout


def test_missing_images_sources_fragments_and_meta_images_are_reported(built):
    page = built / "inovasi/taman-baca-kelurahan/index.html"
    variant = next(built.glob("inovasi/taman-baca-kelurahan/*.webp"))
    variant.unlink()
    html = page.read_text(encoding="utf-8").replace(
        "</main>",
        '<a href="#tidak-ada">x</a><a href="/jelajahi/#juga-tidak">y</a><a href="#isi">ok</a>'
        '<img src="hilang.png" alt=""><meta property="og:image" content="https://uji.example.org/assets/hilang.png">'
        '<a href="https://example.org/luar/">luar</a><a href="mailto:a@example.org">surel</a></main>',
    )
    page.write_text(html, encoding="utf-8")
    result = run_cli("linkcheck", "--output", str(built))
    assert result.returncode == 1, result.output
    found = reported(result.stderr)
    where = "inovasi/taman-baca-kelurahan/index.html"
    for url in ("#tidak-ada", "/jelajahi/#juga-tidak", "hilang.png", "https://uji.example.org/assets/hilang.png"):
        assert (where, url) in found, (url, found)
    assert any(page == where and url.endswith(variant.name) for page, url in found), "a srcset entry was not checked"
    assert not {url for _, url in found} & {"#isi", "https://example.org/luar/", "mailto:a@example.org"}


def test_a_site_built_under_a_path_is_checked_against_that_path(site, tmp_path):
    root = site()
    output = tmp_path / "pages"
    assert run_cli("build", "--root", str(root), "--output", str(output), "--base-url", "https://contoh.github.io/katalog/").returncode == 0
    assert run_cli("linkcheck", "--output", str(output)).returncode == 0
    home = output / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</main>", '<a href="/inovasi/">lupa jalur</a></main>'), encoding="utf-8")
    result = run_cli("linkcheck", "--output", str(output))
    assert result.returncode == 1 and reported(result.stderr) == {("index.html", "/inovasi/")}, result.output


def test_an_output_without_a_site_is_explained(tmp_path):
    result = run_cli("linkcheck", "--output", str(tmp_path / "tidak-ada"))
    assert result.returncode == 2 and "jalankan python build.py build dahulu" in result.stderr
    assert "Traceback" not in result.output


def test_the_check_reads_each_page_once_from_a_large_copy(built, tmp_path):
    # Many pages go through worker processes (the parallel path): the result must be the same.
    big = tmp_path / "besar"
    shutil.copytree(built, big)
    source = big / "inovasi/bank-sampah-digital/index.html"
    for number in range(900):
        copy = big / f"salinan/{number}/index.html"
        copy.parent.mkdir(parents=True)
        shutil.copyfile(source, copy)
    (big / "opd/dinas-contoh/index.html").unlink()
    result = run_cli("linkcheck", "--output", str(big))
    assert result.returncode == 1
    pages = {page for page, _ in reported(result.stderr)}
    assert {f"salinan/{n}/index.html" for n in range(900)} <= pages
