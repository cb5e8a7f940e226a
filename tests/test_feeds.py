"""Atom feeds for the site and each OPD, linked from the pages and deterministic (issue 6)."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import yaml

from conftest import git_commit, read_entries, run_cli

ATOM = {"a": "http://www.w3.org/2005/Atom"}
BASE = "https://uji.example.org/"


def parse(path):
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2005/Atom}feed", root.tag
    return root


def opd_names(root) -> dict[str, str]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))["nama"] for p in (root / "content/opd").glob("*.yaml")}


def check_atom_structure(feed: ET.Element, url: str) -> None:
    """What RFC 4287 requires of a feed and its entries, plus the self link."""
    assert feed.findtext("a:id", namespaces=ATOM) == url
    assert feed.findtext("a:title", namespaces=ATOM)
    assert feed.find("a:author/a:name", ATOM) is not None
    assert feed.find("a:link[@rel='self']", ATOM).get("href") == url
    updated = dt.datetime.fromisoformat(feed.findtext("a:updated", namespaces=ATOM))
    for entry in feed.findall("a:entry", ATOM):
        for child in ("id", "title", "updated", "summary", "author/a:name"):
            assert entry.findtext(f"a:{child}", namespaces=ATOM), (child, ET.tostring(entry))
        assert entry.find("a:link[@rel='alternate']", ATOM).get("href") == entry.findtext("a:id", namespaces=ATOM)
        assert dt.datetime.fromisoformat(entry.findtext("a:updated", namespaces=ATOM)) <= updated


def test_site_feed_lists_the_published_entries_with_their_opd(site):
    root = site()
    assert run_cli("build", "--root", str(root)).returncode == 0
    feed = parse(root / "public/feed.xml")
    check_atom_structure(feed, BASE + "feed.xml")
    names = opd_names(root)
    published = {e["slug"]: e for e in read_entries(root) if not e.get("draft")}
    entries = feed.findall("a:entry", ATOM)
    assert len(entries) == len(published)
    for entry in entries:
        slug = entry.findtext("a:id", namespaces=ATOM).removeprefix(BASE + "inovasi/").strip("/")
        content = published[slug]
        assert entry.findtext("a:title", namespaces=ATOM) == content["judul"]
        assert entry.findtext("a:summary", namespaces=ATOM) == content["ringkasan"]
        assert entry.findtext("a:author/a:name", namespaces=ATOM) == names[content["opd"]]
        assert [c.get("term") for c in entry.findall("a:category", ATOM)] == content["urusan"]
    # Outside git an entry's date is its latest stage date, else 1 January of its year; newest first.
    updated = [entry.findtext("a:updated", namespaces=ATOM) for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext("a:updated", namespaces=ATOM) == updated[0]


def test_a_feed_reader_reads_the_feeds_without_complaint(site):
    import feedparser

    root = site()
    assert run_cli("build", "--root", str(root)).returncode == 0
    for path in [root / "public/feed.xml", *sorted((root / "public/opd").glob("*/feed.xml"))]:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10" and parsed.feed.language == "id"
        for entry in parsed.entries:
            assert entry.link.startswith(BASE + "inovasi/") and entry.author and entry.summary and entry.updated_parsed


def test_each_opd_has_a_feed_of_its_own_entries_linked_from_its_page(site):
    root = site()
    assert run_cli("build", "--root", str(root)).returncode == 0
    output = root / "public"
    entries = [e for e in read_entries(root) if not e.get("draft")]
    for opd in opd_names(root):
        url = f"{BASE}opd/{opd}/feed.xml"
        feed = parse(output / "opd" / opd / "feed.xml")
        check_atom_structure(feed, url)
        ids = sorted(entry.findtext("a:id", namespaces=ATOM) for entry in feed.findall("a:entry", ATOM))
        assert ids == sorted(f"{BASE}inovasi/{e['slug']}/" for e in entries if e["opd"] == opd), opd
        html = (output / "opd" / opd / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="/opd/{opd}/feed.xml">', html)
    home = (output / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="/feed.xml">', home)


def test_feeds_take_git_dates_and_stay_byte_identical_between_builds(site):
    root = site()
    git_commit(root, "2023-02-10T09:00:00+08:00", "isi awal")
    path = root / "content/inovasi/kelurahan-contoh/taman-baca-kelurahan.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## Hasil\n", "## Hasil\n\nRamai.\n"), encoding="utf-8")
    git_commit(root, "2024-06-05T14:30:00+08:00", "perbarui")
    assert run_cli("build", "--root", str(root)).returncode == 0
    first = {name: (root / "public" / name).read_bytes() for name in ("feed.xml", "urls.json", "sitemap.xml")}
    feed = parse(root / "public/feed.xml")
    newest = feed.find("a:entry", ATOM)
    assert newest.findtext("a:id", namespaces=ATOM) == BASE + "inovasi/taman-baca-kelurahan/"
    assert newest.findtext("a:updated", namespaces=ATOM) == "2024-06-05T14:30:00+08:00"
    assert newest.findtext("a:published", namespaces=ATOM) == "2023-02-10T09:00:00+08:00"
    assert feed.findtext("a:updated", namespaces=ATOM) == "2024-06-05T14:30:00+08:00"  # the newest entry, not the build time

    assert run_cli("build", "--root", str(root)).returncode == 0
    assert {name: (root / "public" / name).read_bytes() for name in first} == first
