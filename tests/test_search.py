"""Search, as a visitor runs it: Pagefind's own index and JavaScript in headless Chromium."""

from urllib.parse import quote

from conftest import SITES, read_entries

UNIQUE_BODY_WORD = "gurindam"  # appears only in the body of antrean-daring-puskesmas (checked below)


def test_the_unique_word_really_is_unique_to_one_body():
    holders = [e["slug"] for e in read_entries(SITES / "mini") if UNIQUE_BODY_WORD in str(e).lower()]
    assert holders == ["antrean-daring-puskesmas"]
    entry = next(e for e in read_entries(SITES / "mini") if e["slug"] == holders[0])
    assert UNIQUE_BODY_WORD not in (entry["judul"] + entry["ringkasan"]).lower()


def test_pagefind_index_exists_for_innovation_pages_only(built_mini):
    assert (built_mini / "pagefind" / "pagefind.js").is_file()
    assert (built_mini / "pagefind" / "pagefind-entry.json").is_file()


def test_pagefind_javascript_finds_an_entry_by_a_word_only_in_its_body(built_mini, serve, page):
    base = serve(built_mini)
    page.goto(f"{base}/cari/")
    urls = page.evaluate(
        """async (word) => {
            const pagefind = await import('/pagefind/pagefind.js');
            const search = await pagefind.search(word);
            const data = await Promise.all(search.results.map((r) => r.data()));
            return data.map((d) => d.url);
        }""",
        UNIQUE_BODY_WORD,
    )
    assert urls == ["/inovasi/antrean-daring-puskesmas/"]


def test_only_innovation_pages_are_indexed(built_mini, serve, page):
    # "kelurahan" is on OPD pages, listings and home cards too, but only innovation pages may match.
    base = serve(built_mini)
    page.goto(f"{base}/cari/")
    urls = page.evaluate(
        """async () => {
            const pagefind = await import('/pagefind/pagefind.js');
            const all = await pagefind.search('kelurahan');
            const data = await Promise.all(all.results.map((r) => r.data()));
            return data.map((d) => d.url);
        }"""
    )
    assert urls and all(url.startswith("/inovasi/") and url.count("/") == 3 for url in urls), urls


def test_search_page_shows_results_from_the_url_query(built_mini, serve, page):
    base = serve(built_mini)
    page.goto(f"{base}/cari/?q={UNIQUE_BODY_WORD}")
    page.wait_for_selector("#hasil-cari li")
    links = page.locator("#hasil-cari li h2 a")
    assert links.count() == 1
    assert links.first.inner_text() == "Antrean Daring Puskesmas"
    assert links.first.get_attribute("href") == "/inovasi/antrean-daring-puskesmas/"
    assert "1 hasil" in page.locator("#status-cari").inner_text()
    assert page.locator("#hasil-cari mark").first.inner_text().lower() == UNIQUE_BODY_WORD


def test_header_search_box_leads_to_results_and_no_result_says_so(built_mini, serve, page):
    base = serve(built_mini)
    page.goto(f"{base}/opd/")
    page.fill("#cari-kepala", "zzzxqj")
    page.press("#cari-kepala", "Enter")
    page.wait_for_url(f"{base}/cari/?q=zzzxqj")
    status = page.locator("#status-cari")
    status.filter(has_text="Tidak ada inovasi").wait_for()
    assert page.locator("#hasil-cari li").count() == 0


def test_search_on_the_demo_catalogue_finds_each_entry_by_its_title(built_demo, serve, page):
    from conftest import REPO

    base = serve(built_demo)
    entry = sorted(read_entries(REPO), key=lambda e: e["slug"])[0]
    page.goto(f"{base}/cari/?q={quote(entry['judul'])}")
    page.wait_for_selector("#hasil-cari li")
    assert page.locator("#hasil-cari li h2 a").first.get_attribute("href") == f"/inovasi/{entry['slug']}/"
