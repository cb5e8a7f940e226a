"""The live preview, as a contributor uses it: edit a file, and the open page updates or shows what is wrong."""

import pytest
from playwright.sync_api import expect

from conftest import run_cli, start_serve

ENTRY = "content/inovasi/dinas-contoh/bank-sampah-digital.md"


@pytest.fixture
def preview(site):
    """A running `build.py serve` on a fresh test site: (root, base URL)."""
    root = site()
    process, base = start_serve(root)
    yield root, base
    process.terminate()
    process.wait(timeout=30)


def test_an_edit_reloads_the_open_page_and_broken_content_shows_its_problem_in_the_page(preview, page):
    root, base = preview
    page.goto(f"{base}/inovasi/bank-sampah-digital/")
    expect(page.locator("h1")).to_have_text("Bank Sampah Digital")
    entry = root / ENTRY
    original = entry.read_text(encoding="utf-8")
    entry.write_text(original.replace("judul: Bank Sampah Digital", "judul: Bank Sampah Pintar"), encoding="utf-8")
    expect(page.locator("h1")).to_have_text("Bank Sampah Pintar", timeout=30_000)  # reloaded by itself

    entry.write_text(original.replace("tahapan: uji coba", "tahapan: ujicoba"), encoding="utf-8")
    problem = page.locator("#pratinjau-masalah")
    expect(problem).to_contain_text("bank-sampah-digital.md", timeout=30_000)
    expect(problem).to_contain_text("ujicoba")
    assert problem.get_attribute("role") == "alert"

    entry.write_text(original, encoding="utf-8")
    expect(page.locator("h1")).to_have_text("Bank Sampah Digital", timeout=30_000)
    expect(problem).to_have_count(0)


def test_the_preview_script_is_never_published(built_mini):
    pages = list(built_mini.rglob("*.html"))
    assert pages and not any("__pratinjau" in p.read_text(encoding="utf-8") for p in pages)


def test_a_preview_whose_first_build_fails_still_starts_and_says_why(site, page):
    root = site()
    entry = root / ENTRY
    entry.write_text(entry.read_text(encoding="utf-8").replace("tahapan: uji coba", "tahapan: ujicoba"), encoding="utf-8")
    assert run_cli("check", "--root", str(root)).returncode == 1
    process, base = start_serve(root)
    try:
        page.goto(f"{base}/")
        expect(page.locator("#pratinjau-masalah")).to_contain_text("ujicoba", timeout=30_000)
    finally:
        process.terminate()
        process.wait(timeout=30)
