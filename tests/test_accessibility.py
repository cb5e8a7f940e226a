"""Every page type passes axe-core (WCAG 2.2 AA rules) at phone and desktop widths, light and dark."""

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_TYPES = {
    "home": "/",
    "innovation": "/inovasi/perahu-sehat-posyandu-terapung-kampung-pesisir/",
    "discontinued innovation": "/inovasi/parkir-tanpa-tunai-retribusi-parkir-tepi-jalan/",
    "all innovations": "/inovasi/",
    "opd index": "/opd/",
    "opd": "/opd/dinas-kesehatan/",
    "kecamatan with kelurahan": "/opd/kecamatan-bontang-utara/",
    "browse": "/jelajahi/",
    "taxonomy index": "/urusan/",
    "year": "/tahun/2024/",
    "stage": "/tahapan/uji-coba/",
    "sdg": "/sdgs/3/",
    "search with results": "/cari/?q=sampah",
    "monitoring, latest year": "/pemantauan/",
    "monitoring, a year by count": "/pemantauan/2024/urut-jumlah/",
    "statistics": "/statistik/",
    "open data": "/data/",
    "404": "/halaman-yang-tidak-ada/",
    "redirect from an old address": "/inovasi/perahu-sehat/",
}
REDIRECT_TARGET = "/inovasi/perahu-sehat-posyandu-terapung-kampung-pesisir/"
AXE = Axe()


def open_page_type(page, base: str, name: str) -> None:
    """Open a page type; a redirect page is held in place (its target answers 204) so it can be examined itself."""
    if name.startswith("redirect"):
        page.route(base + REDIRECT_TARGET, lambda route: route.fulfill(status=204))  # 204: the browser stays
    page.goto(base + PAGE_TYPES[name])
    if "cari" in PAGE_TYPES[name]:
        page.wait_for_selector("#hasil-cari li")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_type_has_no_axe_violations(built_demo, serve, page, name, width, scheme):
    base = serve(built_demo)
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    open_page_type(page, base, name)
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3]) for v in results.response["violations"]
    ]
    assert violations == [], violations


def test_page_types_cover_every_layout():
    from katalog.render import PAGE_CONTEXTS

    covered = {"home.html", "innovation.html", "list.html", "opd_index.html", "opd.html", "browse.html",
               "taxonomy.html", "search.html", "404.html", "monitoring.html", "statistics.html", "data.html", "redirect.html"}
    assert covered == set(PAGE_CONTEXTS)


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_type_fits_a_320_px_phone_without_sideways_scrolling(built_demo, serve, page, name):
    base = serve(built_demo)
    page.set_viewport_size({"width": 320, "height": 640})
    open_page_type(page, base, name)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than a 320px screen"
