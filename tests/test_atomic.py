"""A build that is interrupted or killed midway leaves the previous site intact and complete (issue 10)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from katalog.writer import MARKER, remove_stale_staging

ENTRY = "content/inovasi/dinas-contoh/bank-sampah-digital.md"


def manifest(folder: Path) -> dict[str, str]:
    """Every file of a built site by relative path -> SHA-256 of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def bigger_site(site) -> Path:
    """The mini site with 30 more entries, so a build spends a while between staging and publishing."""
    source = (REPO / "tests/sites/mini" / ENTRY).read_text(encoding="utf-8")
    extra = {
        f"content/inovasi/dinas-contoh/salinan-{number:02d}.md": source.replace("Bank Sampah Digital", f"Salinan {number}")
        for number in range(30)
    }
    return site(extra)


def start_build(root: Path, output: Path) -> subprocess.Popen:
    # Its own process group, so a signal reaches build.py and Pagefind together, as Ctrl+C in a terminal does.
    # Ctrl+C restored to its default: a test run started in the background (`cmd &`) inherits it ignored,
    # and Python then never turns it into KeyboardInterrupt.
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "build", "--root", str(root), "--output", str(output)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def wait_for(process: subprocess.Popen, path: Path) -> None:
    """Poll until `path` exists while the build still runs (no fixed sleeps: the test follows the build)."""
    deadline = time.monotonic() + 120
    while not path.exists():
        assert process.poll() is None, f"the build ended before {path.name} appeared: {process.communicate()}"
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.005)


@pytest.fixture
def built_twice(site, tmp_path):
    """A site with a good output, and its content then changed, so a new build would change the output."""
    root = bigger_site(site)
    output = tmp_path / "public"
    first = run_cli("build", "--root", str(root), "--output", str(output))
    assert first.returncode == 0, first.output
    entry = root / ENTRY
    entry.write_text(entry.read_text(encoding="utf-8").replace("Bank Sampah Digital", "Bank Sampah Baru"), encoding="utf-8")
    # Without its cache the next build redoes every page, card and index: long enough to be caught midway.
    shutil.rmtree(root / ".cache", ignore_errors=True)
    return root, output, manifest(output)


def test_ctrl_c_midway_keeps_the_old_site_and_removes_the_staging_folder(built_twice, tmp_path):
    root, output, before = built_twice
    process = start_build(root, output)
    staging = tmp_path / f".public.baru-{process.pid}"
    wait_for(process, staging / MARKER)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, (stdout, stderr)
    assert "Build dihentikan sebelum selesai" in stderr and "Traceback" not in stderr, stderr
    assert manifest(output) == before, "the old site changed although the build was interrupted"
    assert not staging.exists(), "the interrupted build left its staging folder behind"


def test_a_killed_build_keeps_the_old_site_and_the_next_build_removes_its_leftovers(built_twice, tmp_path):
    root, output, before = built_twice
    process = start_build(root, output)
    staging = tmp_path / f".public.baru-{process.pid}"
    wait_for(process, staging / "index.html")  # pages are being written: well into the build
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    assert manifest(output) == before, "the old site changed although the build was killed"
    assert (staging / MARKER).is_file(), "expected the killed build's staging folder to be left behind"

    result = run_cli("build", "--root", str(root), "--output", str(output))
    assert result.returncode == 0, result.output
    assert not list(tmp_path.glob(".public.*")), "stale staging folders were not cleaned up"
    assert "Bank Sampah Baru" in (output / "inovasi/bank-sampah-digital/index.html").read_text(encoding="utf-8")


def test_clean_up_touches_only_marked_folders_of_finished_builds(tmp_path):
    output = tmp_path / "public"
    output.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)  # a process that has exited
    folders = {
        "dead_marked": tmp_path / f".public.baru-{dead_pid}",
        "dead_unmarked": tmp_path / f".public.baru-{dead_pid + 1}",
        "alive_marked": tmp_path / f".public.baru-{os.getppid()}",  # our parent process is running
        "other_name": tmp_path / f".publik.baru-{dead_pid}",
    }
    for name, folder in folders.items():
        (folder / "inovasi").mkdir(parents=True)
        (folder / "inovasi" / "index.html").write_text("x")
        if name != "dead_unmarked":
            (folder / MARKER).write_text("")
    assert remove_stale_staging(output) == [folders["dead_marked"]]
    assert [name for name, folder in folders.items() if folder.exists()] == ["dead_unmarked", "alive_marked", "other_name"]


def test_a_previous_site_left_aside_by_a_kill_between_renames_is_put_back(tmp_path):
    output = tmp_path / "public"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    aside = tmp_path / f".public.lama-{int(dead.stdout)}"
    aside.mkdir()
    (aside / MARKER).write_text("")
    (aside / "index.html").write_text("situs lama")
    remove_stale_staging(output)
    assert (output / "index.html").read_text() == "situs lama" and not aside.exists()
