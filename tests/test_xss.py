"""Hostile content cannot deface the site: known XSS payloads in every field and in the body (issue 10).

The payloads live in tests/xss/payloads.yaml. A site is built with the real CLI from the mini site plus one
OPD and one entry per payload; every page is then parsed (html.parser) for anything executable, and a few
pages are opened in headless Chromium to prove nothing runs.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SITES, run_cli

HERE = Path(__file__).parent
PAYLOADS = yaml.safe_load((HERE / "xss" / "payloads.yaml").read_text(encoding="utf-8"))
TEXT, MARKDOWN, BAD_URLS = PAYLOADS["teks"], PAYLOADS["markdown"], PAYLOADS["url_ditolak"]
SHORT = [payload for payload in TEXT if len(payload) <= 40]  # for `tag` and `singkatan` (40 characters at most)
TEMPLATE_RESULT = str(7 * 7777)  # what a template engine would print for {{ 7*7777 }}
IMAGE = SITES / "mini/content/inovasi/kelurahan-contoh/pojok-baca.png"
SECTIONS = ("Latar Belakang", "Rancang Bangun", "Tujuan", "Manfaat", "Hasil")

# What the Markdown sanitiser must keep: the hostile entries carry it too, so it is checked among hostile markup.
RICH = """| Kolom | Nilai |
|---|---|
| a | **tebal** |

- satu
- dua

1. pertama
2. kedua

### Subjudul

*miring*, `kode`, [panduan](https://example.org/panduan) dan ![denah lokasi](denah.png)

```
<script>alert("kode")</script>
```
"""
KEPT = [
    "<table>", "<ul>\n<li>satu</li>", "<ol>\n<li>pertama</li>", '<h3 id="subjudul">Subjudul</h3>', "<em>miring</em>",
    "<strong>tebal</strong>", "<code>kode</code>", '<a href="https://example.org/panduan" rel="noopener">panduan</a>',
    '<img alt="denah lokasi" src="denah.png">', "<pre><code>&lt;script&gt;alert(\"kode\")&lt;/script&gt;",
]

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "ping"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
FORBIDDEN_TAGS = {"iframe", "object", "embed", "style", "base", "frame", "frameset", "applet", "template", "math",
                  "foreignobject", "textarea", "video", "audio", "details", "dialog", "noembed", "portal"}
OUR_LINK_RELS = {"stylesheet", "icon", "canonical", "alternate"}
OUR_ELEMENTS = {("details", "data-fields")}  # the column list of the "Unduh data" page (layouts/data.html)


def ascii_slug(number: int) -> str:
    return f"uji-xss-{number:02d}"


def front_matter(number: int, payload: str) -> dict:
    """An entry with `payload` in every free-text field (the schema's length limits kept)."""
    no_space = re.sub(r"[\s@]", "", payload)
    summary = f"Ringkasan uji keamanan nomor {number}: {payload}"
    return {
        "judul": payload if len(payload) >= 3 else f"Uji {payload}",
        "tahun": 2024, "tahapan": "uji coba", "jenis": "digital", "bentuk": "pelayanan publik",
        "urusan": ["kesehatan", TEXT[0]],
        "ringkasan": summary[:200],
        "tag": [SHORT[number % len(SHORT)], f"uji {number}"],
        "kontak": {"nama": payload, "jabatan": payload, "email": f"{no_space or 'x'}@contoh.go.id", "telepon": "0548 123456"},
        "tautan": [{"label": payload, "url": f"https://example.org/?q={no_space}"}],
        "gambar": [{"file": "pojok-baca.png", "alt": payload if len(payload) >= 3 else f"alt {payload}"}],
    }


def body(payload: str, number: int = 0) -> str:
    """The markup that must stay, then five sections carrying the entry's text payload and a quarter of the
    Markdown payloads (every one lands in several entries; each body stays within katalog/complexity.py's limits)."""
    share = MARKDOWN[number % 4::4]
    parts = []
    for index, section in enumerate(SECTIONS):
        chunk = share[index::len(SECTIONS)]
        parts.append(f"## {section}\n\n{payload}\n\n" + "\n\n".join(chunk) + "\n")
    # The markup that must stay comes first: an unclosed raw HTML payload turns the rest of its section into HTML.
    return RICH + "\n" + "\n".join(parts)


def write_entry(root: Path, opd: str, number: int, payload: str) -> None:
    folder = root / "content/inovasi" / opd
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(IMAGE, folder / "pojok-baca.png")
    data = yaml.safe_dump(front_matter(number, payload), allow_unicode=True, sort_keys=False, width=10_000)
    (folder / f"{ascii_slug(number)}.md").write_text(f"---\n{data}---\n\n{body(payload, number)}", encoding="utf-8")


def hostile_site(make) -> Path:
    """The mini site with one OPD and one entry per payload, and payloads in the site settings."""
    root = make()
    config = yaml.safe_load((root / "site_config.yaml").read_text(encoding="utf-8"))
    config.update(site_name=f"Katalog {TEXT[1]}", region=f"Kota {TEXT[6]}", province=TEXT[15])
    config["urusan"].append(TEXT[0])
    (root / "site_config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for number, payload in enumerate(TEXT):
        opd = f"opd-xss-{number:02d}"
        record = {
            "nama": f"Dinas {payload}", "singkatan": SHORT[number % len(SHORT)], "jenis": "dinas",
            "deskripsi": payload, "alamat": payload, "situs": "https://example.org/" + re.sub(r"\s", "", payload),
        }
        (root / f"content/opd/{opd}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
        write_entry(root, opd, number, payload)
    return root


class Audit(HTMLParser):
    """Everything on a page that could run script, load another site or change the page's behaviour."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self.h1 = ""
        self._script: dict | None = None
        self._in_h1 = False
        self._forms = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"event handler <{tag} {name}={value!r}>")
            if name == "style":
                self.findings.append(f"inline style <{tag} style={value!r}>")
            if name in URL_ATTRIBUTES and value and self._dangerous(name, value):
                self.findings.append(f"dangerous URL <{tag} {name}={value!r}>")
        if tag in FORBIDDEN_TAGS and (tag, values.get("class")) not in OUR_ELEMENTS:
            self.findings.append(f"forbidden element <{tag}>")
        if tag == "script":
            self._script = values
            self.scripts.append((values, ""))
        if tag == "meta" and values.get("http-equiv") and values["http-equiv"].lower() != "content-security-policy":
            self.findings.append(f"meta http-equiv={values['http-equiv']!r}")
        if tag == "link" and not set((values.get("rel") or "").split()) <= OUR_LINK_RELS:
            self.findings.append(f"link rel={values.get('rel')!r}")
        if tag == "form":
            self._forms += 1
            if values.get("action") != "/cari/" or values.get("method") != "get":
                self.findings.append(f"foreign form {values}")
        if tag in ("input", "button", "select", "option", "label") and not self._forms and not _our_button(tag, values):
            self.findings.append(f"<{tag}> outside the site's search forms")
        if tag == "svg" and values.get("class") not in ("segno", "chart"):
            self.findings.append("an <svg> that is neither the QR code nor a build-time chart")
        if tag == "h1":
            self._in_h1 = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def close(self):
        super().close()
        if self._script is not None:  # a script element never closed swallowed the rest of the page
            self.findings.append("unclosed <script>")

    def _check_script(self, values: dict, text: str) -> None:
        """Only our own script file, and our JSON data blobs that cannot close their element or start markup."""
        if "src" in values:
            if not re.fullmatch(r"/assets/(?:search|kutip)\.js\?v=[0-9a-f]+", values["src"]) or text:
                self.findings.append(f"foreign script {values}")
            return
        if values.get("type") not in ("application/ld+json", "application/json") or "<" in text:
            self.findings.append(f"inline script {values} {text[:60]!r}")
            return
        try:
            json.loads(text)
        except ValueError:
            self.findings.append(f"data blob that is not JSON: {text[:60]!r}")

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self._check_script(*self.scripts[-1])
            self._script = None
        if tag == "form":
            self._forms -= 1
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._script is not None:
            values, text = self.scripts[-1]
            self.scripts[-1] = (values, text + data)
        if self._in_h1:
            self.h1 += data

    @staticmethod
    def _dangerous(name: str, value: str) -> bool:
        urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
        # Browsers ignore control characters and whitespace inside a scheme ("jav\tascript:").
        return any(re.sub(r"[\x00-\x20]", "", url).lower().startswith(DANGEROUS_SCHEMES) for url in urls)


# Buttons of our own scripts outside forms: the citation's copy button, the search's "more" and "all years".
OUR_BUTTONS = {("class", "kutip-salin"), ("id", "lebih-banyak"), ("id", "semua-tahun")}


def _our_button(tag: str, values: dict) -> bool:
    return tag == "button" and values.get("type") == "button" and bool(
        {("class", values.get("class")), ("id", values.get("id"))} & OUR_BUTTONS
    )


def audit(page: Path) -> Audit:
    parser = Audit()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile site, built once with the real CLI; returns its output folder."""
    from conftest import make_site

    base = tmp_path_factory.mktemp("xss")
    counter = iter(range(100))
    root = hostile_site(lambda: make_site(base / f"site-{next(counter)}"))
    result = run_cli("build", "--root", str(root))
    assert result.returncode == 0, result.output
    return root / "public"


def test_the_corpus_reaches_every_text_field_of_the_contract():
    fields = {"judul", "ringkasan", "tag", "kontak", "tautan", "gambar", "urusan"}
    assert fields <= set(front_matter(0, TEXT[0])), "a payload field is missing from the hostile entries"
    schema = json.loads((REPO / "katalog/schema/inovasi.json").read_text(encoding="utf-8"))

    def holds_text(spec: dict) -> bool:
        if "enum" in spec or "format" in spec:
            return False
        if spec.get("type") == "array":
            return holds_text(spec["items"])
        if spec.get("type") == "object":
            return any(holds_text(child) for child in spec["properties"].values())
        return spec.get("type") == "string"

    free_text = {name for name, spec in schema["properties"].items() if holds_text(spec)}
    # aliases are refused by pattern (tested below); every other free-text field carries payloads.
    assert free_text - fields == {"aliases"}, free_text - fields


def test_no_page_contains_anything_executable_from_content(hostile):
    pages = sorted(hostile.rglob("*.html"))
    assert len(pages) > len(TEXT)
    for page in pages:
        found = audit(page)
        assert found.findings == [], f"{page.relative_to(hostile)}: {found.findings[:5]}"
    innovation = audit(hostile / "inovasi" / ascii_slug(TEXT.index("</script><script>alert(7)</script>")) / "index.html")
    # Only the JSON-LD blob and our citation script (assets/kutip.js, checked by the audit above).
    assert [values.get("type") for values, _ in innovation.scripts] == ["application/ld+json", "module"]
    assert "\\u003c/script\\u003e" in innovation.scripts[0][1], "JSON-LD must carry </script> escaped"


def test_the_payloads_are_shown_as_text_not_run_and_not_mangled(hostile):
    for number, payload in enumerate(TEXT):
        page = hostile / "inovasi" / ascii_slug(number) / "index.html"
        shown = audit(page).h1
        expected = payload if len(payload) >= 3 else f"Uji {payload}"
        assert shown == expected, (page, shown)


def test_no_template_or_format_string_in_content_is_evaluated(hostile):
    for page in hostile.rglob("*"):
        if page.is_file() and page.suffix in (".html", ".json", ".xml", ".txt", ""):
            text = page.read_text(encoding="utf-8", errors="replace")
            assert TEMPLATE_RESULT not in text, f"{page}: {{{{ 7*7777 }}}} was evaluated"
    first = (hostile / "inovasi" / ascii_slug(TEXT.index("{0} {region} %s %(region)s")) / "index.html").read_text(encoding="utf-8")
    assert "{0} {region} %s %(region)s" in html.unescape(first)


def test_markdown_formatting_survives_among_the_hostile_markup(hostile):
    page = (hostile / "inovasi" / ascii_slug(0) / "index.html").read_text(encoding="utf-8")
    for fragment in KEPT:
        assert fragment in page, fragment


def test_links_to_other_sites_carry_rel_noopener(hostile):
    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.missing = []

        def handle_starttag(self, tag, attrs):
            values = dict(attrs)
            href = values.get("href") or ""
            if tag == "a" and re.match(r"(?:https?:)?//", href) and "noopener" not in (values.get("rel") or "").split():
                self.missing.append(href)

    for page in hostile.rglob("*.html"):
        links = Links()
        links.feed(page.read_text(encoding="utf-8"))
        assert links.missing == [], (page, links.missing[:3])


def test_images_from_other_sites_become_links(site):
    entry = SITES / "mini/content/inovasi/dinas-contoh/bank-sampah-digital.md"
    text = entry.read_text(encoding="utf-8").replace(
        "Pencatatan bank sampah", "![foto luar](https://example.org/foto.jpg) Pencatatan bank sampah"
    )
    root = site({"content/inovasi/dinas-contoh/bank-sampah-digital.md": text})
    assert run_cli("build", "--root", str(root)).returncode == 0
    page = (root / "public/inovasi/bank-sampah-digital/index.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/foto.jpg" rel="noopener">foto luar</a>' in page
    assert 'src="https://example.org' not in page


def problems_of(root: Path) -> list[dict]:
    result = run_cli("check", "--format", "json", "--root", str(root))
    assert result.returncode == 1, result.output
    return json.loads(result.stdout)


def test_link_addresses_that_are_not_web_pages_are_refused(site):
    root = site()
    entry = yaml.safe_dump({**front_matter(0, "Uji tautan"), "tautan": [{"label": "x", "url": url} for url in BAD_URLS]},
                           allow_unicode=True, sort_keys=False)
    (root / "content/inovasi/dinas-contoh/uji-tautan.md").write_text(f"---\n{entry}---\n\n{body('aman')}", encoding="utf-8")
    opd = yaml.safe_load((root / "content/opd/dinas-contoh.yaml").read_text(encoding="utf-8"))
    hostile_opd = {**opd, "situs": BAD_URLS[0], "induk": TEXT[0]}
    (root / "content/opd/dinas-contoh.yaml").write_text(yaml.safe_dump(hostile_opd), encoding="utf-8")
    problems = problems_of(root)
    refused = {p["field"] for p in problems if p["code"] == "format-url" and p["file"].endswith("uji-tautan.md")}
    assert refused == {f"tautan[{n}].url" for n in range(1, len(BAD_URLS) + 1)}, refused
    assert any(p["code"] == "format-url" and p["field"] == "situs" for p in problems)
    assert any(p["code"] == "format-slug" and p["field"] == "induk" for p in problems)


CONSTRAINED = [  # (field, hostile value, the problem code that refuses it)
    ("inisiator", TEXT[0], "nilai-tidak-dikenal"),
    ("kontak", {"telepon": TEXT[1]}, "format-telepon"),
    ("kontak", {"email": TEXT[4]}, "format-surel"),
    ("gambar", [{"file": "../../../site_config.yaml", "alt": "keluar folder"}], "gambar-di-luar-folder"),
    ("gambar", [{"file": "x.svg", "alt": "bukan gambar foto"}], "gambar-jenis-salah"),
    ("gambar", [{"file": 'a" onerror="alert(1).png', "alt": "tanda kutip"}], "gambar-jenis-salah"),
    ("aliases", ["javascript:alert(1)"], "format-alias"),
    ("aliases", ["/../../keluar/"], "format-alias"),
    ("aliases", ["//example.org/"], "format-alias"),
]


def test_hostile_values_in_constrained_fields_are_refused(site):
    root = site()
    for number, (field, value, _) in enumerate(CONSTRAINED):
        entry = yaml.safe_dump({**front_matter(0, "Uji kolom"), field: value}, allow_unicode=True, sort_keys=False)
        (root / f"content/inovasi/dinas-contoh/uji-kolom-{number}.md").write_text(f"---\n{entry}---\n\n{body('aman')}", encoding="utf-8")
    problems = problems_of(root)
    for number, (field, value, code) in enumerate(CONSTRAINED):
        codes = {p["code"] for p in problems if p["file"].endswith(f"/uji-kolom-{number}.md")}
        assert code in codes, (field, value, codes)


def test_the_audit_itself_recognises_each_kind_of_hostile_markup():
    hostile = ['<script>alert(1)</script>', '<script type="application/ld+json">{"a": "</b>"}</script>', '<script src="/x.js"></script>',
               '<img src=x onerror=alert(1)>', '<a href="jav&#x09;ascript:alert(1)">x</a>',
               '<a href="DATA:text/html,x">x</a>', '<iframe></iframe>', '<meta http-equiv="refresh" content="0">',
               '<form action="https://example.org/"></form>', '<svg onload=alert(1)>', '<link rel="import" href="x">',
               '<p style="color:red">x</p>', '<img srcset="a.png 1x, javascript:alert(1) 2x">', '<input autofocus>']
    for markup in hostile:
        parser = Audit()
        parser.feed(markup)
        assert parser.findings, markup


def test_nothing_runs_in_the_browser(hostile, serve, browser):
    base = serve(hostile)
    tab = browser.new_page()
    events: list[str] = []
    tab.on("dialog", lambda dialog: (events.append(f"dialog {dialog.message}"), dialog.dismiss()))
    tab.on("pageerror", lambda error: events.append(f"page error {error}"))
    tab.on("console", lambda m: events.append(m.text) if "Content Security Policy" in m.text else None)
    tab.on("request", lambda r: None if r.url.startswith(base) else events.append(f"external request {r.url}"))
    # Catches calls the CSP would not stop, and any violation the CSP did have to stop.
    tab.add_init_script("""
        window.__ran = [];
        for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
            window[name] = (...args) => window.__ran.push(name + ' ' + args.join(' '));
        }
        document.addEventListener('securitypolicyviolation', (e) => window.__ran.push('csp ' + e.violatedDirective));
    """)
    paths = [f"/inovasi/{ascii_slug(n)}/" for n in range(len(TEXT))] + [
        "/", "/opd/", "/opd/opd-xss-01/", "/tag/", "/urusan/", "/inovasi/", "/cari/?q=keamanan",
    ]
    for path in paths:
        tab.goto(base + path)
        if path.startswith("/cari/"):
            tab.wait_for_selector("#hasil-cari li")
        for element in tab.locator("main a, main img, main td, main h2").all()[:15]:
            element.dispatch_event("mouseover")
            element.dispatch_event("focus")
        assert tab.evaluate("window.__ran") == [], (path, tab.evaluate("window.__ran"))
        assert tab.url.startswith(base + path.split("?")[0]), f"{path} navigated away to {tab.url}"
    tab.close()
    assert events == [], events


# Every `|safe` in the layouts, and why it is safe. A new one fails this test until it is listed with its reason.
ALLOWED_SAFE = {
    ("innovation.html", "body.lead"): "Markdown rendered by markup.MarkdownRenderer, sanitised by nh3",
    ("innovation.html", "section.heading"): "a heading of that sanitised HTML",
    ("innovation.html", "section.html"): "a section of that sanitised HTML",
    ("innovation.html", "qr_svg"): "SVG written by segno; a cached copy is used only if it has segno's exact shape",
    ("opd.html", "scorecard.chart.svg"): "SVG drawn by outputs/charts.py, every text escaped",
    ("monitoring.html", "view.chart.svg"): "SVG drawn by outputs/charts.py, every text escaped",
    ("statistics.html", "section.chart.svg"): "SVG drawn by outputs/charts.py, every text escaped",
}


def test_every_safe_filter_in_the_layouts_is_on_sanitised_or_serialised_content():
    found = set()
    for layout in sorted((REPO / "layouts").rglob("*.html")):
        source = layout.read_text(encoding="utf-8")
        assert "autoescape" not in source, f"{layout.name} switches autoescaping"
        for expression in re.findall(r"\{\{-?\s*(.*?)\s*-?\}\}", source, re.S):
            if re.search(r"\|\s*safe\b", expression):
                found.add((layout.relative_to(REPO / "layouts").as_posix(), re.sub(r"\s*\|\s*safe\b.*", "", expression)))
    assert found == set(ALLOWED_SAFE), f"unlisted or gone |safe uses: {found ^ set(ALLOWED_SAFE)}"
    # scaffold.py renders a new entry's YAML and Markdown (no HTML), so it alone may turn autoescaping off.
    python = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "katalog").rglob("*.py"))
    assert "Markup(" not in python, "mark strings safe only in the layouts"
    assert python.count("autoescape=False") == (REPO / "katalog/scaffold.py").read_text(encoding="utf-8").count("autoescape=False") == 1


def test_a_planted_qr_cache_file_is_not_inlined(site):
    import hashlib

    root = site()
    url = "https://uji.example.org/inovasi/bank-sampah-digital/"
    cache = root / ".cache/katalog/qr"
    cache.mkdir(parents=True)
    planted = '<svg width="9" height="9" class="segno"><script>alert(1)</script></svg>'
    (cache / (hashlib.sha256(url.encode()).hexdigest()[:24] + ".svg")).write_text(planted, encoding="utf-8")
    assert run_cli("build", "--root", str(root)).returncode == 0
    page = root / "public/inovasi/bank-sampah-digital/index.html"
    assert audit(page).findings == [] and "alert(1)" not in page.read_text(encoding="utf-8")


def test_any_mix_of_payloads_and_markup_characters_renders_to_inert_html():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from katalog.markup import MarkdownRenderer

    render = MarkdownRenderer().render
    fragments = st.one_of(st.sampled_from(TEXT + MARKDOWN), st.text(alphabet="<>\"'=/ :&#;*_[]()!`\n-ajvscriptonerol", max_size=40))

    @settings(max_examples=300, deadline=None, database=None)
    @given(st.lists(fragments, max_size=8), st.sampled_from(["", " ", "\n", "\n\n"]))
    def inert(parts, separator):
        found = Audit()
        found.feed(render(separator.join(parts)))
        found.close()
        assert found.findings == [] and found.scripts == [], found.findings

    inert()
