"""A build's progress: shown stage by stage on a terminal, absent from logs (CI) apart from the summary."""

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios

from conftest import REPO, run_cli

STAGE_LINE = re.compile(r"^  \S.*\s\d+[.,]\d\d d$")


def run_on_terminal(*args: str) -> tuple[int, str, str]:
    """build.py with its standard error on a pseudo-terminal of 100 columns: (exit code, stdout, terminal output)."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), *args], stdout=subprocess.PIPE, stderr=terminal, stdin=subprocess.DEVNULL,
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            data = os.read(controller, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not data:
            break
        shown += data
    stdout = process.stdout.read().decode()
    process.wait(timeout=300)
    os.close(controller)
    return process.returncode, stdout, shown.decode(errors="replace")


def test_on_a_terminal_each_stage_shows_its_progress(site):
    root = site()
    entries = len(list((root / "content" / "inovasi").glob("*/*.md")))
    status, stdout, shown = run_on_terminal("build", "--root", str(root))
    assert status == 0, stdout + shown
    for stage in ("baca & periksa", "gambar", "kartu berbagi", "render", "indeks cari"):
        assert stage in shown, f"no progress line for {stage}:\n{shown}"
    # the files read are counted against all of them, the pages against those to render
    assert re.search(rf"baca & periksa:.*\b\d+/{entries + len(list((root / 'content' / 'opd').glob('*.yaml')))}\b", shown), shown
    assert re.search(r"render:.*\b\d+/\d+\b", shown), shown
    images = len(list((root / "content" / "inovasi").glob("*/*.png")))
    assert re.search(rf"gambar:.*\b\d+/{images}\b", shown), shown  # the mini site's one photo
    published = sum("\ndraft: true\n" not in path.read_text(encoding="utf-8") for path in (root / "content" / "inovasi").glob("*/*.md"))
    assert re.search(rf"kartu berbagi:.*\b\d+/{published + 1}\b", shown), shown  # each published entry's and the site's
    assert "\r" in shown, "progress redraws its line in place"


def test_in_a_log_only_the_summary_is_printed(site):
    root = site()
    result = run_cli("build", "--root", str(root))
    assert result.returncode == 0, result.output
    assert result.stderr == "", f"nothing but problems belongs on stderr in a log:\n{result.stderr}"
    lines = result.stdout.splitlines()
    assert "\r" not in result.stdout
    assert lines[0].startswith("Selesai:"), lines
    assert all(STAGE_LINE.match(line) for line in lines[1:]), lines
