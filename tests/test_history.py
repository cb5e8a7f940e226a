"""Git dates on innovation pages, history and edit links, staleness, and sitemap dates (issues 6 and 8)."""

import datetime as dt
import json
import re
import subprocess
import xml.etree.ElementTree as ET

import yaml

from conftest import git_commit, run_cli
from katalog.history import FileDates, months_before, parse_log

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
ANTREAN = "content/inovasi/dinas-contoh/antrean-daring-puskesmas.md"
BANK = "content/inovasi/dinas-contoh/bank-sampah-digital.md"
TAMAN = "content/inovasi/kelurahan-contoh/taman-baca-kelurahan.md"


def indonesian(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def page_of(root, slug: str) -> str:
    return (root / "public" / "inovasi" / slug / "index.html").read_text(encoding="utf-8")


def history_footer(html: str) -> str:
    found = re.search(r'<footer class="riwayat".*?</footer>', html, re.S)
    return found.group(0) if found else ""


def edit(root, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# git log parsing, on inline text


def test_parse_log_follows_renames_and_forgets_deleted_lives():
    log = (
        "\x002024-06-05T10:00:00+08:00\n\nM\tcontent/b.md\n"
        "\x002024-03-01T09:00:00+08:00\n\nR100\tcontent/a.md\tcontent/b.md\nA\tcontent/c.md\n"
        "\x002023-05-01T09:00:00+08:00\n\nA\tcontent/c.md\nD\tcontent/gone.md\n"
        "\x002022-01-01T09:00:00+08:00\n\nD\tcontent/c.md\n"
        "\x002021-01-01T09:00:00+08:00\n\nA\tcontent/a.md\nA\tcontent/c.md\nA\tcontent/gone.md\n"
    )
    dates = parse_log(log)
    wita = dt.timezone(dt.timedelta(hours=8))
    # b.md was a.md before the rename, so it was first published with a.md.
    assert dates["content/b.md"] == FileDates(dt.datetime(2021, 1, 1, 9, tzinfo=wita), dt.datetime(2024, 6, 5, 10, tzinfo=wita))
    # c.md was deleted in 2022 and added again in 2023: the earlier file is another life.
    assert dates["content/c.md"].first == dt.datetime(2023, 5, 1, 9, tzinfo=wita)
    assert "content/a.md" not in dates and "content/gone.md" not in dates


def test_months_before_keeps_the_day_or_the_end_of_a_shorter_month():
    assert months_before(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)
    assert months_before(dt.date(2025, 1, 15), 12) == dt.date(2024, 1, 15)
    assert months_before(dt.date(2024, 5, 31), 3) == dt.date(2024, 2, 29)


# Real repositories with commits at chosen dates


def test_pages_show_first_and_last_commit_dates_and_link_to_github(site):
    root = site()
    (root / "site_config.yaml").write_text(
        (root / "site_config.yaml").read_text(encoding="utf-8") + "repo_url: https://github.com/contoh/katalog\n",
        encoding="utf-8",
    )
    git_commit(root, "2023-02-10T09:00:00+08:00", "isi awal")
    edit(root, ANTREAN, "## Hasil\n", "## Hasil\n\nAntrean rata-rata turun menjadi 20 menit.\n")
    git_commit(root, "2024-06-05T14:30:00+08:00", "perbarui hasil")
    new = "content/inovasi/dinas-contoh/belum-dikomit.md"
    (root / new).write_text((root / BANK).read_text(encoding="utf-8").replace("Bank Sampah", "Bank Kompos"), encoding="utf-8")

    result = run_cli("build", "--root", str(root))
    assert result.returncode == 0, result.output

    html = page_of(root, "antrean-daring-puskesmas")
    json_ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert (json_ld["datePublished"], json_ld["dateModified"]) == ("2023-02-10", "2024-06-05")
    footer = history_footer(html)
    assert "Pertama terbit" in footer and '<time datetime="2023-02-10">10 Februari 2023</time>' in footer, footer
    assert "Terakhir diperbarui" in footer and '<time datetime="2024-06-05">5 Juni 2024</time>' in footer, footer
    assert f'href="https://github.com/contoh/katalog/commits/main/{ANTREAN}"' in footer
    assert f'href="https://github.com/contoh/katalog/edit/main/{ANTREAN}"' in footer and "Laporkan koreksi / sunting" in footer
    unchanged = history_footer(page_of(root, "bank-sampah-digital"))
    assert unchanged.count('<time datetime="2023-02-10">') == 2, unchanged
    # A file not committed yet has no honest date: none is shown, but it can still be edited on GitHub.
    uncommitted = history_footer(page_of(root, "belum-dikomit"))
    assert "Pertama terbit" not in uncommitted and f"/edit/main/{new}" in uncommitted

    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = ET.parse(root / "public/sitemap.xml").getroot()
    lastmod = {url.findtext("s:loc", namespaces=namespace): url.findtext("s:lastmod", namespaces=namespace)
               for url in sitemap.findall("s:url", namespace)}
    base = "https://uji.example.org/"
    assert lastmod[base + "inovasi/antrean-daring-puskesmas/"] == "2024-06-05"
    assert lastmod[base + "inovasi/bank-sampah-digital/"] == "2023-02-10"
    assert lastmod[base + "inovasi/belum-dikomit/"] is None
    assert lastmod[base + "opd/dinas-contoh/"] == "2024-06-05"  # its newest entry
    assert lastmod[base + "opd/kelurahan-contoh/"] == "2023-02-10"
    assert lastmod[base + "jelajahi/"] is None


def test_a_site_in_a_repository_subfolder_links_to_its_repository_path(site, tmp_path):
    root = site()
    (root / "site_config.yaml").write_text(
        (root / "site_config.yaml").read_text(encoding="utf-8") + "repo_url: https://github.com/contoh/katalog/\n",
        encoding="utf-8",
    )
    repository = root.parent
    git_commit(repository, "2024-01-02T08:00:00+07:00", "situs di subfolder", paths=(root.name,))
    assert run_cli("build", "--root", str(root)).returncode == 0
    footer = history_footer(page_of(root, "antrean-daring-puskesmas"))
    assert f"https://github.com/contoh/katalog/edit/main/{root.name}/{ANTREAN}" in footer, footer
    assert '<time datetime="2024-01-02">2 Januari 2024</time>' in footer


def test_outside_git_the_build_works_and_shows_no_dates(built_mini):
    html = (built_mini / "inovasi/antrean-daring-puskesmas/index.html").read_text(encoding="utf-8")
    assert "Pertama terbit" not in html and "Terakhir diperbarui" not in html
    assert "/edit/main/" not in html  # the mini site names no repository


def test_a_shallow_clone_omits_dates_and_says_why(site, tmp_path):
    source = site()
    git_commit(source, "2023-02-10T09:00:00+08:00", "isi awal")
    edit(source, ANTREAN, "## Hasil\n", "## Hasil\n\nDiperbarui.\n")
    git_commit(source, "2024-06-05T09:00:00+08:00", "perbarui")
    clone = tmp_path / "klon"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{source}", str(clone)], check=True)
    result = run_cli("build", "--root", str(clone))
    assert result.returncode == 0, result.output
    assert "shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr
    assert "Pertama terbit" not in page_of(clone, "bank-sampah-digital")


def test_entries_unchanged_for_longer_than_the_limit_are_warned_and_noted(site):
    root = site()
    today = dt.date.today()
    old = today - dt.timedelta(days=400)
    git_commit(root, f"{old.isoformat()}T10:00:00+08:00", "isi lama")
    edit(root, TAMAN, "## Hasil\n", "## Hasil\n\nPengunjung bertambah.\n")
    recent = today - dt.timedelta(days=40)
    git_commit(root, f"{recent.isoformat()}T10:00:00+08:00", "perbarui taman baca")

    result = run_cli("check", "--format", "json", "--root", str(root))
    assert result.returncode == 0, result.output  # a warning, not an error

    stale = [(p["file"], p["line"], p["level"]) for p in json.loads(result.stdout) if p["code"] == "belum-diperbarui"]
    entries = {path.relative_to(root).as_posix(): yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
               for path in (root / "content/inovasi").glob("*/*.md")}
    expected = sorted(
        (rel, 1, "warning") for rel, data in entries.items()
        if rel != TAMAN and not data.get("draft") and data.get("status", "aktif") != "dihentikan"
    )
    assert sorted(stale) == expected, result.stdout
    text = run_cli("check", "--root", str(root)).output
    assert "lebih dari 12 bulan lalu" in text and old.isoformat() in text

    assert run_cli("build", "--root", str(root)).returncode == 0
    note = "belum diperbarui lebih dari 12 bulan"
    assert note in page_of(root, "antrean-daring-puskesmas")
    assert note not in page_of(root, "taman-baca-kelurahan")

    # The limit comes from site_config.yaml: at one month, the entry changed 40 days ago is out of date too.
    (root / "site_config.yaml").write_text(
        (root / "site_config.yaml").read_text(encoding="utf-8") + "batas_kedaluwarsa_bulan: 1\n", encoding="utf-8"
    )
    tight = json.loads(run_cli("check", "--format", "json", "--root", str(root)).stdout)
    assert TAMAN in {p["file"] for p in tight if p["code"] == "belum-diperbarui"}
