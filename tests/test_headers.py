"""Browser-side protection: one Content-Security-Policy for meta tags, `_headers` and the preview (issue 10)."""

from __future__ import annotations

import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO

# Checked against the policy's text, not imported from the code under test.
EXPECTED_HEADERS = {"Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "Permissions-Policy", "X-Frame-Options"}
PAGE_TYPES = ["/", "/inovasi/", "/jelajahi/", "/tahapan/", "/tahapan/uji-coba/", "/opd/", "/cari/?q=sampah", "/tidak-ada/"]


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.csp: list[str] = []
        self.referrer: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(values["content"])
        if tag == "meta" and values.get("name") == "referrer":
            self.referrer.append(values["content"])


def meta_of(page: Path) -> _Meta:
    parser = _Meta()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def directives(policy: str) -> dict[str, str]:
    """CSP text -> {directive: sources}."""
    parts = [part.strip().split(None, 1) for part in policy.split(";") if part.strip()]
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def headers_file(output: Path) -> dict[str, str]:
    """The `/*` block of a Netlify/Cloudflare `_headers` file."""
    lines = (output / "_headers").read_text(encoding="utf-8").splitlines()
    rules = [line for line in lines if line and not line.startswith("#")]
    assert rules[0] == "/*", rules
    assert all(line.startswith("  ") for line in rules[1:]), rules
    return dict(line.strip().split(": ", 1) for line in rules[1:])


def test_headers_file_carries_every_protection(built_mini):
    headers = headers_file(built_mini)
    assert set(headers) == EXPECTED_HEADERS
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    policy = directives(headers["Content-Security-Policy"])
    assert policy["frame-ancestors"] == "'none'"
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    for name, sources in policy.items():
        # Only the site itself (plus WebAssembly compilation for Pagefind): no host, scheme or inline source.
        assert set(sources.split()) <= {"'self'", "'none'", "'wasm-unsafe-eval'"}, (name, sources)


@pytest.mark.parametrize(("site_fixture", "has_redirect"), [("built_mini", False), ("built_demo", True)])
def test_every_page_has_the_same_policy_as_the_headers_file_minus_header_only_directives(site_fixture, has_redirect, request):
    built = request.getfixturevalue(site_fixture)
    header_policy = directives(headers_file(built)["Content-Security-Policy"])
    pages = sorted(built.rglob("*.html"))
    assert pages
    if has_redirect:  # an alias's redirect page is its own small layout: it must carry the same policy
        assert any('http-equiv="refresh"' in page.read_text(encoding="utf-8") for page in pages)
    for page in pages:
        meta = meta_of(page)
        assert len(meta.csp) == 1 and meta.referrer == ["strict-origin-when-cross-origin"], page
        meta_policy = directives(meta.csp[0])
        # frame-ancestors only works as a header (browsers warn when a meta tag carries it).
        assert "frame-ancestors" not in meta_policy, page
        assert meta_policy == {k: v for k, v in header_policy.items() if k != "frame-ancestors"}, page


def test_csp_meta_comes_before_anything_content_could_inject(built_mini):
    html = (built_mini / "inovasi/antrean-daring-puskesmas/index.html").read_text(encoding="utf-8")
    assert html.index('http-equiv="Content-Security-Policy"') < html.index("<title>")


def test_the_preview_server_sends_the_headers_of_the_headers_file(built_mini, serve):
    base = serve(built_mini)
    expected = headers_file(built_mini)
    for path in ("/", "/assets/style.css", "/inovasi/antrean-daring-puskesmas/"):
        with urllib.request.urlopen(base + path) as response:
            assert {name: response.headers[name] for name in expected} == expected, path
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(base + "/tidak-ada/")
    assert missing.value.code == 404
    assert missing.value.headers["Content-Security-Policy"] == expected["Content-Security-Policy"]


VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def test_every_page_type_loads_with_zero_csp_violations_under_header_and_meta(built_demo, serve, page):
    base = serve(built_demo)
    page.add_init_script(VIOLATIONS)
    innovation = sorted(p.parent.name for p in (built_demo / "inovasi").glob("*/index.html") if p.parent.name != "halaman")[0]
    opd = sorted(p.parent.name for p in (built_demo / "opd").glob("*/index.html"))[0]
    for path in [*PAGE_TYPES, f"/inovasi/{innovation}/", f"/opd/{opd}/"]:
        response = page.goto(base + path)
        assert response.headers["content-security-policy"].endswith("frame-ancestors 'none'"), path
        if path.startswith("/cari/"):
            page.wait_for_selector("#hasil-cari li")  # Pagefind's WebAssembly ran under the policy
        page.wait_for_load_state("load")
        assert page.evaluate("window.__csp") == [], path
    # the page fixture also fails the test on any console error, which is how Chromium reports violations


def test_the_policy_has_one_source_in_python():
    base = (REPO / "layouts" / "base.html").read_text(encoding="utf-8")
    assert "'self'" not in base and "strict-origin" not in base, "write policies in katalog/outputs/headers.py only"
