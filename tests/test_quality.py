"""The built demo site is valid HTML, light, self-contained and readable without JavaScript."""

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

from conftest import REPO, read_entries
from htmlscan import resolve, scan

VNU = REPO / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
MAX_PAGE_BYTES = 50 * 1024  # HTML + CSS, gzip-compressed, images aside


def test_every_page_is_valid_html(built_demo):
    assert VNU.is_file(), "the W3C checker is missing: run the README's test command (npm install ... vnu-jar)"
    assert shutil.which("java"), "Java is missing: install openjdk-17-jre-headless (see README)"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(built_demo)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    # vnu checks files through file: URLs, where no CSP source can match; that one "info" is not about our HTML.
    problems = [m for m in messages if m.get("type") == "error" or (m.get("subType") == "warning" and "Content Security Policy" not in m["message"])]
    assert problems == [], problems[:5]


def test_every_page_with_its_css_weighs_at_most_50_kb_compressed(built_demo):
    css = sum(len(gzip.compress(p.read_bytes())) for p in (built_demo / "assets").glob("*.css"))
    heaviest = max((len(gzip.compress(p.read_bytes())) + css, p) for p in built_demo.rglob("*.html"))
    assert heaviest[0] <= MAX_PAGE_BYTES, heaviest


def test_pages_load_no_external_resources(built_demo):
    for page in built_demo.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:link|script|img|source|iframe)\b[^>]*>", html):
            if re.search(r'rel="(?:canonical|alternate)"', tag):
                continue  # addresses of this page, not resources the browser loads
            assert not re.search(r'(?:src|href|srcset)="(?:https?:)?//', tag), (page, tag)


def test_reading_and_browsing_need_no_javascript(built_demo, serve, chromium):
    base = serve(built_demo)
    tab = chromium(java_script_enabled=False).new_page()
    assert tab.evaluate("1 + 1") == 2  # evaluate still works: it is the page's own scripts that are off
    tab.goto(base + "/")
    tab.click("text=Menurut tahapan")
    tab.click("text=uji coba")
    tab.locator("main h2 a").first.click()
    assert "/inovasi/" in tab.url
    assert tab.locator("h1").count() == 1
    assert tab.locator("#latar-belakang").is_visible()
    tab.goto(base + "/")
    tab.click("header >> text=Pemantauan")
    tab.click("text=Inovasi terbanyak")
    assert tab.url.endswith("/urut-jumlah/") and tab.locator("table.scoreboard tbody tr").count() > 0
    tab.click("text=Statistik")
    assert tab.locator("svg.chart").count() > 0 and tab.locator("table.data-table").count() > 0
    tab.goto(base + "/cari/?q=sampah")
    assert tab.locator("noscript").count() == 1 and tab.locator("#hasil-cari li").count() == 0


def test_search_page_without_javascript_points_to_browsing(built_demo):
    html = (built_demo / "cari/index.html").read_text(encoding="utf-8")
    noscript = re.search(r"<noscript>(.*?)</noscript>", html, re.S).group(1)
    assert 'href="/opd/"' in noscript and 'href="/inovasi/"' in noscript


def test_every_page_has_one_h1_and_no_skipped_heading_levels(built_demo):
    for page in built_demo.rglob("*.html"):
        levels = [int(level) for level in re.findall(r"<h([1-6])\b", page.read_text(encoding="utf-8"))]
        assert levels.count(1) == 1, page
        for previous, current in zip(levels, levels[1:]):
            assert current <= previous + 1, (page, levels)


def test_every_demo_innovation_prints_on_one_a4_page_with_its_qr_code(built_demo, serve, browser):
    base = serve(built_demo)
    tab = browser.new_page()
    tab.emulate_media(media="print")
    entries = sorted(entry["slug"] for entry in read_entries(REPO) if not entry.get("draft"))  # not alias pages
    assert entries
    for slug in entries:
        tab.goto(f"{base}/inovasi/{slug}/")
        assert tab.locator(".permalink-box .qr svg").is_visible()
        assert tab.locator(".permalink").inner_text().endswith(f"/inovasi/{slug}/")
        assert not tab.locator(".site-header").is_visible()
        pdf = tab.pdf(format="A4")
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, slug
    tab.close()
