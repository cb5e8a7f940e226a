"""The "Kutip" block: a ready citation, a copy button that needs JavaScript, and deep links to sections (issue 6)."""

import datetime as dt
import re

import yaml

from conftest import REPO

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
SLUG = "antrean-daring-puskesmas"
SECTIONS = {"latar-belakang": "Latar Belakang", "rancang-bangun": "Rancang Bangun", "tujuan": "Tujuan",
            "manfaat": "Manfaat", "hasil": "Hasil"}


def expected_citation(accessed: str) -> str:
    """The citation written out from the mini site's own files."""
    site = yaml.safe_load((REPO / "tests/sites/mini/site_config.yaml").read_text(encoding="utf-8"))
    opd = yaml.safe_load((REPO / "tests/sites/mini/content/opd/dinas-contoh.yaml").read_text(encoding="utf-8"))
    text = (REPO / f"tests/sites/mini/content/inovasi/dinas-contoh/{SLUG}.md").read_text(encoding="utf-8")
    entry = yaml.safe_load(text.split("---\n")[1])
    url = f"{site['base_url']}inovasi/{SLUG}/"
    return f"{opd['nama']}. {entry['tahun']}. {entry['judul']}. {site['site_name']}. {url} (diakses {accessed})."


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def test_citation_is_ready_without_javascript_and_the_copy_button_waits_for_it(built_mini):
    html = (built_mini / "inovasi" / SLUG / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<section class="kutip".*?</section>', html, re.S).group(0)
    citation = re.search(r'<p class="kutip-teks" id="teks-kutip">(.*?)</p>', block, re.S).group(1)
    assert text_of(citation) == expected_citation("[tanggal akses]")
    assert re.search(r'<button type="button" class="kutip-salin" hidden>Salin kutipan</button>', block)
    assert '<span class="kutip-status" role="status"></span>' in block
    assert re.search(r'<script type="module" src="/assets/kutip\.js\?v=[0-9a-f]{10}"></script>', html)


def test_every_section_heading_has_a_self_link(built_mini):
    html = (built_mini / "inovasi" / SLUG / "index.html").read_text(encoding="utf-8")
    for anchor, heading in {**SECTIONS, "judul-kutip": "Kutip"}.items():
        assert re.search(
            rf'<h2 id="{anchor}">{heading}</h2> <a class="tautan-bagian" href="#{anchor}"[^>]*>'
            rf'<span aria-hidden="true">#</span><span class="visually-hidden">Tautan langsung ke bagian {heading}</span></a>',
            html,
        ), anchor


def test_copy_button_copies_the_citation_with_todays_date_and_says_so(built_mini, serve, chromium):
    base = serve(built_mini)
    context = chromium(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{base}/inovasi/{SLUG}/")
    today = dt.date.today()
    accessed = f"{today.day} {MONTHS[today.month - 1]} {today.year}"
    button = tab.get_by_role("button", name="Salin kutipan")
    button.wait_for(state="visible")
    assert tab.locator(".kutip-tanggal").inner_text() == accessed
    button.click()
    status = tab.get_by_role("status").filter(has_text="Tersalin")
    status.wait_for()
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied == expected_citation(accessed)
    assert errors == []

    tab.get_by_role("link", name="Tautan langsung ke bagian Hasil").click()
    assert tab.url.endswith("#hasil")
    assert tab.locator("#hasil").is_visible()
    tab.close()
