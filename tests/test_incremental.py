"""Rebuilds from the cache: only what changed is redone, and the result equals a cold build byte for byte."""

import gzip
import hashlib
import os
import shutil
from pathlib import Path

from conftest import run_cli

ENTRY = "content/inovasi/dinas-contoh/bank-sampah-digital.md"
EDIT = "Kalimat baru yang ditambahkan kontributor: timbangan digital kini tersedia di posko."


def snapshot(output: Path) -> dict[str, str]:
    """Every file of a built site by its SHA-256, Pagefind's own index aside (its file order varies between runs)."""
    return {
        path.relative_to(output).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(output.rglob("*"))
        if path.is_file() and path.relative_to(output).parts[0] != "pagefind"
    }


def inodes(output: Path) -> dict[str, int]:
    return {p.relative_to(output).as_posix(): p.stat().st_ino for p in output.rglob("*.html")}


def build(root: Path, output: Path):
    result = run_cli("build", "--root", str(root), "--output", str(output))
    assert result.returncode == 0, result.output
    return result


def cold_build(root: Path, output: Path) -> dict[str, str]:
    """A build of the same content with no cache at all."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    build(root, output)
    return snapshot(output)


def test_nothing_changed_renders_nothing_and_rewrites_no_page(site, tmp_path):
    root = site()
    output = tmp_path / "public"
    first = build(root, output)
    assert "0 dibuat ulang" not in first.stdout
    before = inodes(output)
    again = build(root, output)
    assert "0 dibuat ulang" in again.stdout, again.stdout
    assert inodes(output) == before, "unchanged pages must be carried over, not rewritten"


def test_editing_one_entry_rerenders_only_pages_that_show_it_and_equals_a_cold_build(site, tmp_path):
    root = site()
    output = tmp_path / "public"
    build(root, output)
    before = snapshot(output)
    entry = root / ENTRY
    entry.write_text(entry.read_text(encoding="utf-8").replace("## Tujuan", f"{EDIT}\n\n## Tujuan"), encoding="utf-8")
    build(root, output)
    after = snapshot(output)
    changed = {path for path in after if before.get(path) != after[path]}
    assert "inovasi/bank-sampah-digital/index.html" in changed
    assert EDIT in (output / "inovasi/bank-sampah-digital/index.html").read_text(encoding="utf-8")
    assert "opd/dinas-contoh/index.html" not in changed, "the OPD page shows no body text, so it is unchanged"
    assert "inovasi/antrean-daring-puskesmas/index.html" in before and "inovasi/antrean-daring-puskesmas/index.html" not in changed
    assert cold_build(root, tmp_path / "cold") == after


def test_a_changed_title_reaches_every_page_that_lists_the_entry(site, tmp_path):
    root = site()
    output = tmp_path / "public"
    build(root, output)
    entry = root / ENTRY
    entry.write_text(entry.read_text(encoding="utf-8").replace("judul: Bank Sampah Digital", "judul: Bank Sampah Pintar"), encoding="utf-8")
    build(root, output)
    listing_pages = [p for p in output.rglob("*.html") if "Bank Sampah" in p.read_text(encoding="utf-8")]
    assert listing_pages and all("Bank Sampah Pintar" in p.read_text(encoding="utf-8") for p in listing_pages)
    assert cold_build(root, tmp_path / "cold") == snapshot(output)


def test_editing_a_layout_rerenders_every_page(site, tmp_path):
    root = site()
    output = tmp_path / "public"
    build(root, output)
    layout = root / "layouts" / "base.html"
    layout.write_text(layout.read_text(encoding="utf-8") + "{# catatan tata letak #}\n<!-- versi 2 -->\n", encoding="utf-8")
    build(root, output)
    pages = list(output.rglob("*.html"))
    assert pages and all("<!-- versi 2 -->" in p.read_text(encoding="utf-8") for p in pages)
    assert cold_build(root, tmp_path / "cold") == snapshot(output)


def test_check_sees_a_new_problem_and_its_fix_in_a_built_site(site):
    root = site()
    assert run_cli("check", "--root", str(root)).returncode == 0
    entry = root / ENTRY
    entry.write_text(entry.read_text(encoding="utf-8").replace("tahapan: uji coba", "tahapan: ujicoba"), encoding="utf-8")
    broken = run_cli("check", "--root", str(root))
    assert broken.returncode == 1 and "ujicoba" in broken.stderr, broken.output
    entry.write_text(entry.read_text(encoding="utf-8").replace("tahapan: ujicoba", "tahapan: uji coba"), encoding="utf-8")
    assert run_cli("check", "--root", str(root)).returncode == 0


def test_the_search_index_is_reused_when_no_indexed_page_changed_and_redone_when_one_did(site, tmp_path):
    root = site()
    output = tmp_path / "public"
    build(root, output)
    index_files = {p: p.stat().st_ino for p in (output / "pagefind").rglob("*") if p.is_file()}
    opd = root / "content/opd/dinas-contoh.yaml"
    opd.write_text(opd.read_text(encoding="utf-8").replace("nama:", "# catatan\nnama:", 1), encoding="utf-8")
    build(root, output)
    assert {p: p.stat().st_ino for p in (output / "pagefind").rglob("*") if p.is_file()} == index_files
    entry = root / ENTRY
    entry.write_text(entry.read_text(encoding="utf-8").replace("## Tujuan", "Kata zamrudkhatulistiwa.\n\n## Tujuan"), encoding="utf-8")
    build(root, output)
    fragments = [gzip.decompress(p.read_bytes()) for p in (output / "pagefind" / "fragment").iterdir()]
    assert any(b"zamrudkhatulistiwa" in fragment for fragment in fragments), "the edited entry must be indexed again"


def test_the_spare_generation_is_brought_exactly_to_the_new_site(site, tmp_path):
    """Builds alternate between two folders; whatever the older one held, the result equals a cold build."""
    root = site()
    output = tmp_path / "public"
    build(root, output)
    build(root, output)  # the first site is now the spare generation
    (root / ENTRY).unlink()  # its page, card and feed entry must disappear from the reused folder
    entry = root / "content/inovasi/dinas-contoh/antrean-daring-puskesmas.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("## Tujuan", f"{EDIT}\n\n## Tujuan"), encoding="utf-8")
    build(root, output)
    assert not (output / "inovasi/bank-sampah-digital").exists()
    after = snapshot(output)
    assert cold_build(root, tmp_path / "cold") == after
    assert build(root, output).stdout and snapshot(output) == after  # and once more from the other folder


def test_check_reuses_what_the_live_preview_checked(site):
    """The preview builds for 127.0.0.1, a contributor's `check` for the configured address: checking a file does
    not depend on it, so `check` takes the preview's results. Shown with a file changed behind the cache's back
    (same size, time and inode): the reused result still says it is fine, a real re-read would not."""
    root = site()
    assert run_cli("build", "--root", str(root), "--base-url", "http://127.0.0.1:8000/").returncode == 0
    entry = root / ENTRY
    before = entry.stat()
    text = entry.read_text(encoding="utf-8")
    broken = text.replace("tahapan: uji coba", "tahapan: uji cobx")
    assert len(broken) == len(text) and broken != text
    with entry.open("r+", encoding="utf-8") as same_inode:
        same_inode.write(broken)
    os.utime(entry, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert run_cli("check", "--root", str(root)).returncode == 0, "check read the file again instead of reusing the preview's result"
    entry.touch()
    assert "uji cobx" in run_cli("check", "--root", str(root)).stderr
