"""Permanent URLs: alias redirect pages, /urls.json and `build --baseline` (issue 6)."""

import json
import re
import shutil
from pathlib import Path

import yaml

from conftest import REPO, read_entries, run_cli

BASE = "https://uji.example.org/"
ANTREAN = "content/inovasi/dinas-contoh/antrean-daring-puskesmas.md"
LOCALE = yaml.safe_load((REPO / "katalog/locales/id.yaml").read_text(encoding="utf-8"))["ui"]


def with_aliases(root: Path, relative: str, aliases: list[str]) -> None:
    """Add an `aliases` list to an entry's front matter, as a contributor would."""
    path = root / relative
    front, body = path.read_text(encoding="utf-8").removeprefix("---\n").split("\n---\n", 1)
    lines = "".join(f"  - {alias}\n" for alias in aliases)
    path.write_text(f"---\n{front}\naliases:\n{lines}---\n{body}", encoding="utf-8")


def rename(root: Path, relative: str, new_slug: str) -> str:
    """Rename an entry's file (its slug), keeping its old address as an alias."""
    source = root / relative
    target = source.with_name(new_slug + ".md")
    source.rename(target)
    new = target.relative_to(root).as_posix()
    with_aliases(root, new, [f"/inovasi/{source.stem}/"])
    return new


def urls_of(output: Path) -> list[dict]:
    return json.loads((output / "urls.json").read_text(encoding="utf-8"))["urls"]


def test_each_alias_is_a_tiny_redirect_page_to_the_permanent_url(site):
    root = site()
    with_aliases(root, ANTREAN, ["/inovasi/antrean-online/", "/layanan/antrean"])
    result = run_cli("build", "--root", str(root))
    assert result.returncode == 0, result.output
    target = "/inovasi/antrean-daring-puskesmas/"
    for old in ("inovasi/antrean-online", "layanan/antrean"):  # an alias without its final / is served as a folder
        html = (root / "public" / old / "index.html").read_text(encoding="utf-8")
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in html, html
        assert f'<link rel="canonical" href="{BASE}{target.lstrip("/")}">' in html
        assert '<meta name="robots" content="noindex">' in html
        assert LOCALE["alihan_teks"] in html and f'<a href="{target}">Antrean Daring Puskesmas</a>' in html
        assert "<script" not in html and "style=" not in html
    sitemap = (root / "public/sitemap.xml").read_text(encoding="utf-8")
    assert "antrean-online" not in sitemap and "layanan/antrean" not in sitemap  # only canonical URLs are listed


def test_a_visitor_following_an_old_link_lands_on_the_entry(site, serve, page):
    root = site()
    with_aliases(root, ANTREAN, ["/inovasi/antrean-online/"])
    assert run_cli("build", "--root", str(root)).returncode == 0
    base = serve(root / "public")
    page.goto(base + "/inovasi/antrean-online/")
    page.wait_for_url(base + "/inovasi/antrean-daring-puskesmas/")
    assert page.locator("h1").inner_text() == "Antrean Daring Puskesmas"


def test_an_alias_cannot_take_the_list_of_all_innovations(site):
    root = site()
    with_aliases(root, ANTREAN, ["/inovasi"])
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 1 and "[alias-bentrok]" in result.stderr, result.output


def test_urls_json_lists_every_page_and_marks_entries_opds_and_redirects(site):
    root = site()
    with_aliases(root, ANTREAN, ["/inovasi/antrean-online/"])
    assert run_cli("build", "--root", str(root)).returncode == 0
    output = root / "public"
    data = json.loads((output / "urls.json").read_text(encoding="utf-8"))
    assert data["base_url"] == BASE
    urls = data["urls"]
    paths = [url["path"] for url in urls]
    assert paths == sorted(paths) and len(paths) == len(set(paths))
    by_path = {url["path"]: url for url in urls}

    pages = {"/" + p.relative_to(output).as_posix().removesuffix("index.html") for p in output.rglob("*.html")}
    assert set(by_path) >= pages - {"/404.html"} and "/404.html" not in by_path
    published = [e for e in read_entries(root) if not e.get("draft")]
    assert {p for p, url in by_path.items() if url["jenis"] == "inovasi"} == {f"/inovasi/{e['slug']}/" for e in published}
    opds = {p.stem for p in (root / "content/opd").glob("*.yaml")}
    assert {p for p, url in by_path.items() if url["jenis"] == "opd"} == {f"/opd/{slug}/" for slug in opds}
    assert by_path["/inovasi/antrean-online/"] == {
        "path": "/inovasi/antrean-online/", "jenis": "alihan", "tujuan": "/inovasi/antrean-daring-puskesmas/",
    }
    assert by_path["/feed.xml"]["jenis"] == "umpan"
    assert by_path["/inovasi/"]["jenis"] == "halaman"
    drafts = [e["slug"] for e in read_entries(root) if e.get("draft")]
    assert drafts and not any(d in p for d in drafts for p in paths)


def test_baseline_passes_a_rename_with_alias_and_fails_a_deletion_naming_it(site, tmp_path):
    root = site()
    assert run_cli("build", "--root", str(root)).returncode == 0
    baseline = tmp_path / "urls-sebelumnya.json"
    shutil.copyfile(root / "public/urls.json", baseline)

    rename(root, ANTREAN, "antrean-puskesmas-daring")
    renamed = run_cli("build", "--root", str(root), "--baseline", str(baseline))
    assert renamed.returncode == 0, renamed.output
    assert (root / "public/inovasi/antrean-daring-puskesmas/index.html").is_file()  # now the redirect

    shutil.copyfile(root / "public/urls.json", baseline)
    before = (root / "public/urls.json").read_bytes()
    (root / "content/inovasi/kelurahan-contoh/taman-baca-kelurahan.md").unlink()
    deleted = run_cli("build", "--root", str(root), "--baseline", str(baseline))
    assert deleted.returncode == 1, deleted.output
    assert "/inovasi/taman-baca-kelurahan/" in deleted.stderr and "[alamat-hilang]" in deleted.stderr
    assert "`aliases`" in deleted.stderr and "status: dihentikan" in deleted.stderr
    assert deleted.stderr.count("[alamat-hilang]") == 1, deleted.stderr  # the renamed entry's old URL is kept
    assert "TIDAK dibangun" in deleted.stderr
    # Nothing was published: the previous site is untouched.
    assert (root / "public/urls.json").read_bytes() == before
    assert (root / "public/inovasi/taman-baca-kelurahan/index.html").is_file()


def test_baseline_names_a_deleted_opd_page(site, tmp_path):
    root = site()
    assert run_cli("build", "--root", str(root)).returncode == 0
    baseline = tmp_path / "urls.json"
    shutil.copyfile(root / "public/urls.json", baseline)
    (root / "content/opd/kecamatan-contoh.yaml").unlink()
    for path in (root / "content/opd").glob("*.yaml"):  # its kelurahan no longer has a parent
        path.write_text(re.sub(r"^induk: kecamatan-contoh\n", "", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    result = run_cli("build", "--root", str(root), "--baseline", str(baseline), "--format", "json")
    assert result.returncode == 1, result.output
    problems = [p for p in json.loads(result.stdout) if p["code"] == "alamat-opd-hilang"]
    assert [p["found"] for p in problems] == ['"/opd/kecamatan-contoh/"'], result.stdout
    assert "content/opd/kecamatan-contoh.yaml" in problems[0]["suggestion"]


def test_baseline_from_the_live_site_over_http(site, serve):
    root = site()
    assert run_cli("build", "--root", str(root)).returncode == 0
    live = serve(root / "public")
    assert run_cli("build", "--root", str(root), "--baseline", f"{live}/urls.json").returncode == 0

    missing = run_cli("build", "--root", str(root), "--baseline", f"{live}/tidak-ada/urls.json")
    assert missing.returncode == 1 and "HTTP 404" in missing.stderr and "[alamat-dasar-tidak-terbaca]" in missing.stderr
    not_json = run_cli("build", "--root", str(root), "--baseline", f"{live}/index.html")
    assert not_json.returncode == 1 and "bukan JSON" in not_json.stderr, not_json.output
    unreachable = run_cli("build", "--root", str(root), "--baseline", "http://127.0.0.1:9/urls.json")
    assert unreachable.returncode == 1 and "tidak dapat dihubungi" in unreachable.stderr, unreachable.output
    assert "Traceback" not in missing.output + not_json.output + unreachable.output


def test_a_baseline_that_is_not_a_url_list_is_refused_in_words(site, tmp_path):
    root = site()
    wrong = tmp_path / "urls.json"
    wrong.write_text(json.dumps({"urls": ["/inovasi/x/"]}), encoding="utf-8")
    result = run_cli("build", "--root", str(root), "--baseline", str(wrong))
    assert result.returncode == 1 and "`urls`" in result.stderr and "Traceback" not in result.output
    absent = run_cli("build", "--root", str(root), "--baseline", str(tmp_path / "tidak-ada.json"))
    assert absent.returncode == 1 and "berkasnya tidak ada" in absent.stderr
    assert not (root / "public").exists()
