"""`pr-summary` writes the pull-request comment from a real git history: results, problems, changed fields (issue 8)."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml

from conftest import run_cli

MARKER = "<!-- katalog-inovasi-ringkasan -->"
GIT_ENV = {
    **os.environ, "GIT_AUTHOR_NAME": "Uji", "GIT_AUTHOR_EMAIL": "uji@example.org",
    "GIT_COMMITTER_NAME": "Uji", "GIT_COMMITTER_EMAIL": "uji@example.org", "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=GIT_ENV, check=True)
    return done.stdout.strip()


def repository(site) -> tuple[Path, str]:
    """A mini site committed as the base of a pull request; returns (root, base commit)."""
    root = site()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "dasar")
    return root, git(root, "rev-parse", "HEAD")


def commit(root: Path) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "usulan")


def summary(root: Path, base: str, *results: str):
    args = ["pr-summary", "--root", str(root), "--base", base]
    for result in results:
        args += ["--result", result]
    return run_cli(*args)


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_a_changed_field_is_shown_before_and_after(site):
    root, base = repository(site)
    path = root / "content/inovasi/dinas-contoh/bank-sampah-digital.md"
    before = front(path)
    stages = ["inisiatif", "uji coba", "penerapan"]
    new_stage = next(stage for stage in stages if stage != before["tahapan"])
    path.write_text(path.read_text(encoding="utf-8").replace(f"tahapan: {before['tahapan']}", f"tahapan: {new_stage}"), encoding="utf-8")
    commit(root)
    result = summary(root, base, "build=success", "html=success", "links=failure")
    assert result.returncode == 0, result.output
    text = result.stdout
    assert text.splitlines()[0] == MARKER
    assert f"| `tahapan` | `\"{before['tahapan']}\"` | `\"{new_stage}\"` |" in text, text
    assert before["judul"] in text and "/inovasi/bank-sampah-digital/" in text
    assert "content/inovasi/dinas-contoh/bank-sampah-digital.md" in text  # escaped, shown literally
    assert "❌ gagal" in text and "✅ lolos" in text  # links failed, the rest passed


def test_added_removed_and_renamed_entries_are_listed_with_their_warnings(site):
    root, base = repository(site)
    folder = root / "content/inovasi/dinas-contoh"
    shutil.copyfile(folder / "bank-sampah-digital.md", folder / "bank-sampah-kelurahan.md")
    (folder / "bank-sampah-digital.md").unlink()  # with an identical copy added, git may see this as a rename
    moved = root / "content/inovasi/kelurahan-contoh"
    (moved / "taman-baca-kelurahan.md").rename(moved / "taman-baca-warga.md")
    draft = moved / "draf-rahasia.md"
    draft.unlink()
    commit(root)
    text = summary(root, base).stdout
    assert "taman-baca-kelurahan.md → content/inovasi/kelurahan-contoh/taman-baca-warga.md" in text, text
    assert "/inovasi/taman-baca-kelurahan/" in text and "`aliases`" in text  # the old address needs an alias
    assert "draf-rahasia.md" in text and "`status: dihentikan`" in text  # removing breaks a permanent address
    assert "bank-sampah-kelurahan.md" in text


def test_body_section_changes_are_named(site):
    root, base = repository(site)
    path = root / "content/inovasi/dinas-contoh/antrean-daring-puskesmas.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Hasil\n", "## Hasil\n\nKalimat baru tentang hasil.\n", 1), encoding="utf-8")
    commit(root)
    out = summary(root, base).stdout
    assert "Bagian tulisan yang berubah: Hasil." in out, out
    assert "| `" not in out.split("antrean")[-1], "no front-matter field changed, so no field table"


def test_problems_are_listed_and_the_summary_says_to_fix_them(site):
    root, base = repository(site)
    path = root / "content/inovasi/dinas-contoh/bank-sampah-digital.md"
    stage = front(path)["tahapan"]
    path.write_text(path.read_text(encoding="utf-8").replace(f"tahapan: {stage}", "tahapan: Selesai"), encoding="utf-8")
    commit(root)
    text = summary(root, base, "build=failure", "html=skipped", "links=skipped").stdout
    assert "nilai-tidak-dikenal" in text and "❌ gagal" in text and "⏭️ dilewati" in text, text
    assert "Ada pemeriksaan yang gagal" in text


def test_contributor_text_cannot_mention_people_or_inject_markup(site):
    root, base = repository(site)
    path = root / "content/inovasi/dinas-contoh/bank-sampah-digital.md"
    old = front(path)["judul"]
    evil = '"Bank @pengelola <img src=x onerror=alert(1)> [klik](https://contoh.invalid) | ` **"'
    path.write_text(path.read_text(encoding="utf-8").replace(f"judul: {old}", f"judul: {evil}"), encoding="utf-8")
    commit(root)
    text = summary(root, base).stdout
    outside_code = re.sub(r"`[^`\n]*`", "", text)  # GitHub renders code spans literally: no mentions, no HTML there
    assert "@pengelola" not in outside_code, "a mention would notify that account"
    assert "<img" not in outside_code and "](https://contoh.invalid)" not in outside_code
    row = next(line for line in text.splitlines() if line.startswith("| `judul` |"))
    assert row.count(" | ") == 2, f"the value must stay inside its cell: {row}"


def test_no_content_change_and_a_bad_base_are_reported(site):
    root, base = repository(site)
    (root / "README.txt").write_text("bukan isi katalog\n", encoding="utf-8")
    commit(root)
    assert "tidak mengubah berkas inovasi atau OPD" in summary(root, base).stdout
    bad = summary(root, "0" * 40)
    assert bad.returncode == 1 and "git" in bad.stderr and "Traceback" not in bad.output


def test_the_summary_is_written_to_a_file_for_the_comment_workflow(site, tmp_path):
    root, base = repository(site)
    output = tmp_path / "ringkasan" / "komentar.md"
    result = run_cli("pr-summary", "--root", str(root), "--base", base, "--output", str(output),
                     "--run-url", "https://github.com/contoh/katalog/actions/runs/1")
    assert result.returncode == 0, result.output
    text = output.read_text(encoding="utf-8")
    assert text.startswith(MARKER + "\n") and "actions/runs/1" in text and len(text) < 65_000
