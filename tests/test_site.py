"""The built site, read as files: every page, every list and every link."""

import json
import re
from pathlib import Path

import pytest

from conftest import SITES, read_entries, run_cli
from htmlscan import resolve, scan

MINI = SITES / "mini"


def published(root: Path) -> list[dict]:
    return [entry for entry in read_entries(root) if not entry.get("draft")]


def test_each_innovation_page_exists_with_its_title(built_mini):
    for entry in published(MINI):
        page = built_mini / "inovasi" / entry["slug"] / "index.html"
        assert page.is_file(), entry["slug"]
        assert scan(page).h1 == entry["judul"]


def test_drafts_are_not_published_anywhere(built_mini):
    assert not (built_mini / "inovasi" / "draf-rahasia").exists()
    for page in built_mini.rglob("*.html"):
        assert "Draf Rahasia" not in page.read_text(encoding="utf-8"), page


def test_each_opd_page_lists_exactly_its_own_innovations(built_mini):
    opds = sorted(path.stem for path in (MINI / "content" / "opd").glob("*.yaml"))
    for opd in opds:
        expected = sorted(f"/inovasi/{e['slug']}/" for e in published(MINI) if e["opd"] == opd)
        links = scan(built_mini / "opd" / opd / "index.html").main_links
        listed = sorted(link for link in links if link.startswith("/inovasi/") and link.count("/") == 3)
        assert listed == expected, opd


def test_every_internal_link_and_asset_resolves(built_mini):
    checked = 0
    for page in built_mini.rglob("*.html"):
        for reference in scan(page).references:
            target = resolve(built_mini, page, reference)
            if target is not None:
                assert target.is_file(), f"{page.relative_to(built_mini)} -> {reference}"
                checked += 1
    assert checked > 0


def test_innovation_page_shows_facts_in_indonesian_formats(built_mini):
    html = (built_mini / "inovasi" / "antrean-daring-puskesmas" / "index.html").read_text(encoding="utf-8")
    assert "Rp 150.000.000" in html
    assert "29 Juli 2024" in html
    assert 'href="/opd/dinas-contoh/"' in html
    assert '<h2 id="rancang-bangun">Rancang Bangun</h2>' in html


def test_discontinued_innovation_stays_online_and_says_so(built_mini):
    html = (built_mini / "inovasi" / "bank-sampah-digital" / "index.html").read_text(encoding="utf-8")
    assert "Inovasi ini sudah dihentikan" in html


def test_images_are_published_beside_their_entry_with_alt_text(built_mini):
    folder = built_mini / "inovasi" / "taman-baca-kelurahan"
    html = (folder / "index.html").read_text(encoding="utf-8")
    # The 4x4 test picture is never enlarged: one width, as PNG (its own format) and WebP.
    assert (folder / "pojok-baca-4.png").is_file() and (folder / "pojok-baca-4.webp").is_file()
    assert '<source type="image/webp" srcset="pojok-baca-4.webp 4w"' in html
    assert 'alt="Anak-anak membaca di pojok baca kelurahan" loading="lazy"' in html
    assert 'width="4" height="4"' in html


def test_every_page_is_indonesian_and_carries_the_demo_notice(built_mini):
    for page in built_mini.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="id">' in html, page
        assert "Data contoh" in html, page
        assert 'href="#isi"' in html and 'id="isi"' in html, page


def test_schema_is_published_with_the_sites_urusan(built_mini):
    schema = json.loads((built_mini / "schema" / "inovasi.json").read_text(encoding="utf-8"))
    assert schema["properties"]["urusan"]["items"]["enum"] == ["kesehatan", "lingkungan hidup", "pendidikan"]
    assert "judul" in schema["required"]


def test_contributed_text_is_escaped(site, tmp_path):
    entry = "content/inovasi/dinas-contoh/antrean-daring-puskesmas.md"
    text = (MINI / entry).read_text(encoding="utf-8").replace(
        "judul: Antrean Daring Puskesmas", 'judul: "Antrean <script>alert(1)</script> & Co"'
    ) + "\n<script>alert(2)</script>\n"
    root = site({entry: text})
    assert run_cli("build", "--root", str(root)).returncode == 0
    html = (root / "public" / "inovasi" / "antrean-daring-puskesmas" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "Antrean &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html


def test_listing_is_paginated_and_every_entry_appears_once(site):
    entries = "content/inovasi/dinas-contoh"
    template = (MINI / entries / "bank-sampah-digital.md").read_text(encoding="utf-8")
    files = {f"{entries}/uji-{n:02d}.md": template.replace("Bank Sampah Digital", f"Uji Nomor {n:02d}") for n in range(25)}
    root = site(files)
    assert run_cli("build", "--root", str(root)).returncode == 0
    output = root / "public"
    pages = [output / "inovasi" / "index.html", *sorted((output / "inovasi" / "halaman").glob("*/index.html"))]
    assert len(pages) == -(-len(published(root)) // 10)  # page_size is 10 in the mini site
    listed = []
    for page in pages:
        listed += [link for link in scan(page).main_links if link.startswith("/inovasi/") and link.count("/") == 3]
    assert sorted(listed) == sorted(f"/inovasi/{e['slug']}/" for e in published(root))


@pytest.mark.parametrize("base_url", ["https://contoh.github.io/katalog/"])
def test_a_site_published_under_a_path_links_within_it(site, base_url):
    root = site()
    assert run_cli("build", "--root", str(root), "--base-url", base_url).returncode == 0
    output = root / "public"
    for page in output.rglob("*.html"):
        for reference in scan(page).references:
            target = resolve(output, page, reference, base_path="/katalog/")
            if target is not None:
                assert target.is_file(), f"{page.relative_to(output)} -> {reference}"


def test_colours_and_logo_come_from_the_site_config(site):
    root = site({"assets/logo-uji.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'})
    config = root / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + 'color_primary: "#7a1f5c"\ncolor_accent: "#ffcc00"\nlogo: logo-uji.svg\n', encoding="utf-8")
    assert run_cli("build", "--root", str(root)).returncode == 0
    output = root / "public"
    theme = (output / "assets" / "tema.css").read_text(encoding="utf-8")
    assert "--brand: #7a1f5c" in theme and "--brand-accent: #ffcc00" in theme
    home = (output / "index.html").read_text(encoding="utf-8")
    assert '<img class="logo" src="/assets/logo-uji.svg"' in home and (output / "assets" / "logo-uji.svg").is_file()
    assert re.search(r'href="/assets/tema.css\?v=[0-9a-f]{10}"', home)


def test_every_page_has_canonical_url_and_share_metadata(built_mini):
    base = "https://uji.example.org/"
    for page in built_mini.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        relative = page.relative_to(built_mini).as_posix()
        assert '<meta property="og:title" content="' in html and '<meta name="twitter:card" content="summary_large_image">' in html
        assert re.search(r'<meta property="og:description" content="[^"]{10,}">', html), relative
        if relative != "404.html":
            expected = base + relative.removesuffix("index.html")
            assert f'<link rel="canonical" href="{expected}">' in html, relative


def test_innovation_pages_carry_schema_org_json_ld(built_mini):
    html = (built_mini / "inovasi/antrean-daring-puskesmas/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "CreativeWork" and data["name"] == "Antrean Daring Puskesmas"
    assert data["url"] == "https://uji.example.org/inovasi/antrean-daring-puskesmas/"
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["publisher"]["name"] == "Dinas Contoh Kota Uji"
    assert '<meta property="og:type" content="article">' in html


def test_sitemap_lists_every_content_page_and_robots_points_to_it(built_mini):
    import xml.etree.ElementTree as ET

    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [loc.text for loc in ET.parse(built_mini / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)]
    pages = sorted(p.relative_to(built_mini).as_posix() for p in built_mini.rglob("*.html"))
    expected = sorted("https://uji.example.org/" + p.removesuffix("index.html") for p in pages if p not in ("404.html", "cari/index.html"))
    assert sorted(urls) == expected
    assert "Sitemap: https://uji.example.org/sitemap.xml" in (built_mini / "robots.txt").read_text(encoding="utf-8")
