"""Search, as a visitor runs it: Pagefind's own index and JavaScript in headless Chromium."""

import json
import re
from urllib.parse import quote, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from conftest import SITES, make_site, read_entries, run_cli
from katalog.search import PAGES_AT_ONCE, Shard, index_batches

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


def test_a_title_word_ranks_its_entry_above_entries_that_merely_mention_it(built_mini, serve, page):
    entries = {e["slug"]: e for e in read_entries(SITES / "mini")}
    assert "antrean" in entries["antrean-daring-puskesmas"]["judul"].lower()
    mentions = entries["taman-baca-kelurahan"]["body"].lower().count("antrean")
    assert mentions >= entries["antrean-daring-puskesmas"]["body"].lower().count("antrean") and mentions >= 3
    page.goto(f"{serve(built_mini)}/cari/?q=antrean")
    page.wait_for_selector("#hasil-cari li")
    hrefs = [a.get_attribute("href") for a in page.locator("#hasil-cari li h2 a").all()]
    assert hrefs[:2] == ["/inovasi/antrean-daring-puskesmas/", "/inovasi/taman-baca-kelurahan/"]


def content_counts(entries: list[dict]) -> dict[str, dict[str, int]]:
    """Filter value -> number of published entries, computed from the content files alone."""
    counts: dict[str, dict[str, int]] = {}

    def add(key, value):
        counts.setdefault(key, {}).setdefault(str(value), 0)
        counts[key][str(value)] += 1

    for entry in entries:
        if entry.get("draft"):
            continue
        for key in ("tahun", "tahapan", "jenis", "bentuk"):
            add(key, entry[key])
        add("opd", entry["opd"])
        add("status", entry.get("status", "aktif"))
        for affair in entry["urusan"]:
            add("urusan", affair)
    return counts


def shown_facets(page) -> dict[str, dict[str, int]]:
    """Facet counts as the page shows them: {filter: {value: count}}."""
    shown: dict[str, dict[str, int]] = {}
    for box in page.locator("#saring-cari input[type=checkbox]").all():
        text = page.locator(f"label[for='{box.get_attribute('id')}']").inner_text()
        shown.setdefault(box.get_attribute("name"), {})[box.get_attribute("value")] = int(re.search(r"\((\d+)\)$", text).group(1))
    return shown


def test_facet_counts_equal_the_content_and_each_filter_narrows_the_results(built_demo, serve, page):
    from conftest import REPO

    expected = content_counts(read_entries(REPO))
    base = serve(built_demo)
    page.goto(f"{base}/cari/")
    page.wait_for_selector("#saring-cari fieldset")
    assert shown_facets(page) == expected
    total = sum(expected["tahun"].values())
    for key, values in expected.items():
        value, count = max(values.items(), key=lambda pair: pair[1])
        page.goto(f"{base}/cari/?{urlencode({key: value})}")
        page.wait_for_selector("#hasil-cari li")
        status = page.locator("#status-cari").inner_text()
        assert status.startswith(f"{count} hasil") or (count == 1 and status.startswith("1 hasil")), (key, value, status)
        assert count < total or key == "status"


def test_filters_and_query_live_in_the_url_and_survive_reload_and_back(built_demo, serve, page):
    from conftest import REPO

    expected = content_counts([e for e in read_entries(REPO) if e["tahun"] == 2024 and not e.get("draft")])
    base = serve(built_demo)
    page.goto(f"{base}/cari/?q=warga")
    page.wait_for_selector("#hasil-cari li")
    before = page.locator("#status-cari").inner_text()
    page.check("#saring-tahun-2024")
    page.wait_for_url(re.compile(r"tahun=2024"))
    expect(page.locator("#status-cari")).not_to_have_text(before)  # (wait_for_function would need eval: CSP forbids it)
    expect(page.locator("#status-cari")).to_contain_text("hasil")
    assert page.evaluate("document.activeElement.id") == "saring-tahun-2024"  # focus stays on the checkbox
    after = page.locator("#status-cari").inner_text()
    links = sorted(a.get_attribute("href") for a in page.locator("#hasil-cari li h2 a").all())
    page.reload()
    page.wait_for_selector("#hasil-cari li")
    assert page.input_value("#kata-cari") == "warga" and page.is_checked("#saring-tahun-2024")
    assert page.locator("#status-cari").inner_text() == after
    assert sorted(a.get_attribute("href") for a in page.locator("#hasil-cari li h2 a").all()) == links
    in_2024 = {f"/inovasi/{e['slug']}/" for e in read_entries(REPO) if e["tahun"] == 2024 and not e.get("draft")}
    assert set(links) <= in_2024 and sum(expected["tahun"].values()) == len(in_2024)
    page.go_back()
    expect(page.locator("#status-cari")).to_have_text(before)
    assert not page.is_checked("#saring-tahun-2024")


def test_facets_work_by_keyboard(built_demo, serve, page):
    page.goto(f"{serve(built_demo)}/cari/?q=warga")
    page.wait_for_selector("#saring-cari input")
    page.focus("#saring-cari input >> nth=0")
    name = page.evaluate("document.activeElement.id")
    page.keyboard.press("Space")
    expect(page.locator(f"#{name}")).to_be_checked()
    expect(page).to_have_url(re.compile(r"q=warga&"))
    assert page.evaluate("document.activeElement.id") == name


def test_results_sort_by_year_and_by_title(built_demo, serve, page):
    base = serve(built_demo)
    page.goto(f"{base}/cari/?q=warga&urut=tahun")
    page.wait_for_selector("#hasil-cari li")
    years = [int(re.search(r"\b(20\d\d)\b", t).group(1)) for t in page.locator("#hasil-cari .card-meta").all_inner_texts()]
    assert len(years) > 3 and years == sorted(years, reverse=True)
    assert page.input_value("#urutan-cari") == "tahun"
    page.select_option("#urutan-cari", "judul")
    expect(page).to_have_url(re.compile(r"urut=judul"))
    expect(page.locator("#hasil-cari")).not_to_have_attribute("aria-busy", "true")
    titles = page.locator("#hasil-cari li h2 a").all_inner_texts()
    assert titles == sorted(titles)


def test_indonesian_stemming_finds_other_forms_of_a_word(built_demo, serve, page):
    from conftest import REPO

    def text(entry):
        return " ".join((entry["judul"], entry["ringkasan"], entry["body"])).lower()

    only_base = {f"/inovasi/{e['slug']}/" for e in read_entries(REPO)
                 if re.search(r"\blayanan\b", text(e)) and not re.search(r"\bpelayanan\b", text(e))}
    assert only_base, "the demo needs an entry saying 'layanan' but never 'pelayanan'"
    page.goto(f"{serve(built_demo)}/cari/")
    found = page.evaluate(
        """async (word) => { const pagefind = await import('/pagefind/pagefind.js');
           const search = await pagefind.search(word);
           return (await Promise.all(search.results.map((r) => r.data()))).map((d) => d.url); }""",
        "pelayanan",
    )
    assert only_base & set(found), "searching 'pelayanan' should also find pages that only say 'layanan'"


@pytest.fixture(scope="module")
def built_split(tmp_path_factory):
    """The mini site with its search index split per year (search_split_above below its entry count)."""
    root = make_site(tmp_path_factory.mktemp("split") / "site")
    config = root / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "search_split_above: 1\n", encoding="utf-8")
    result = run_cli("build", "--root", str(root))
    assert result.returncode == 0, result.output
    return root / "public"


def published_years(site):
    years = {}
    for entry in read_entries(site):
        if not entry.get("draft"):
            years.setdefault(str(entry["tahun"]), []).append(entry["slug"])
    return years


def test_a_split_index_has_one_pagefind_bundle_per_year_holding_that_year_only(built_split):
    years = published_years(SITES / "mini")
    assert sorted(p.name for p in (built_split / "pagefind").iterdir() if p.is_dir()) == sorted(years)
    assert not (built_split / "pagefind" / "pagefind.js").exists(), "no whole-catalogue index when split"
    for year in years:
        entry = json.loads((built_split / "pagefind" / year / "pagefind-entry.json").read_text())
        assert entry["languages"]["id"]["page_count"] == len(years[year]), year


def test_a_split_search_covers_the_newest_year_first_and_widens_on_request(built_split, serve, page):
    years = published_years(SITES / "mini")
    newest = max(years)
    older = {slug: year for year, slugs in years.items() for slug in slugs if year != newest}
    word = "evaluasi"  # in entries of several years (checked below)
    holders = {e["slug"]: str(e["tahun"]) for e in read_entries(SITES / "mini") if word in str(e).lower() and not e.get("draft")}
    assert {year for year in holders.values()} - {newest}, "the word must also occur in an older year"
    base = serve(built_split)
    page.goto(f"{base}/cari/?q={word}")
    expect(page.locator("#status-cari")).to_contain_text(newest)
    hrefs = {a.get_attribute("href") for a in page.locator("#hasil-cari li h2 a").all()}
    assert hrefs == {f"/inovasi/{slug}/" for slug, year in holders.items() if year == newest}
    # Every year is offered; only the searched one has a count.
    labels = page.locator("#saring-cari input[name=tahun] + label").all_inner_texts()
    assert sorted(label.split(" ")[0] for label in labels) == sorted(years)
    page.click("#semua-tahun")
    expect(page.locator("#semua-tahun")).to_be_hidden()
    expect(page.locator("#hasil-cari li")).to_have_count(len(holders))
    hrefs = {a.get_attribute("href") for a in page.locator("#hasil-cari li h2 a").all()}
    assert hrefs == {f"/inovasi/{slug}/" for slug in holders}
    assert all(f"tahun={year}" in page.url for year in years), page.url
    # The widened search survives a reload, from the URL alone.
    page.reload()
    expect(page.locator("#hasil-cari li")).to_have_count(len(holders))
    assert older  # the mini site really has older years


def test_more_results_are_fetched_on_request_and_focus_moves_to_the_first_new_one(built_demo, serve, page):
    page.goto(f"{serve(built_demo)}/cari/?q=warga")
    page.wait_for_selector("#hasil-cari li")
    total = int(re.match(r"\d+", page.locator("#status-cari").inner_text()).group())
    first = page.locator("#hasil-cari li").count()
    assert total > first, "the demo needs more matches than one batch for this test"
    page.click("#lebih-banyak")
    expect(page.locator("#hasil-cari li")).to_have_count(min(total, 2 * first))
    focused = page.evaluate("() => document.activeElement.closest('li') === document.querySelectorAll('#hasil-cari li')[%d]" % first)
    assert focused, "focus should land on the first newly shown result"


def test_a_split_search_with_nothing_in_the_newest_year_looks_in_every_year(built_split, serve, page):
    years = published_years(SITES / "mini")
    holder = next(e for e in read_entries(SITES / "mini") if UNIQUE_BODY_WORD in str(e).lower())
    assert str(holder["tahun"]) != max(years), "the word must live in an older year for this test"
    page.goto(f"{serve(built_split)}/cari/?q={UNIQUE_BODY_WORD}")
    expect(page.locator("#hasil-cari li")).to_have_count(1)
    assert page.locator("#hasil-cari li h2 a").get_attribute("href") == f"/inovasi/{holder['slug']}/"
    expect(page.locator("#status-cari")).to_contain_text(max(years))  # it says where it looked first


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=3 * PAGES_AT_ONCE), max_size=9), st.integers(min_value=1, max_value=4))
def test_shards_are_indexed_side_by_side_only_while_their_pages_fit_the_memory_budget(sizes, cores):
    shards = [Shard(str(2000 + index), tuple(map(str, range(size)))) for index, size in enumerate(sizes)]
    batches = index_batches(shards, cores)
    assert sorted(shard.name for batch in batches for shard in batch) == sorted(shard.name for shard in shards)
    for batch in batches:
        assert 1 <= len(batch) <= cores
        if len(batch) > 1:
            assert sum(len(shard.pages) for shard in batch) <= PAGES_AT_ONCE, [len(s.pages) for s in batch]
