"""One command in a fresh process, measured: wall time, peak memory, and when a watched file shows a change."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

MEMORY_INTERVAL = 0.1  # seconds between samples of the process tree's memory (~1 % of a core)
WATCH_INTERVAL = 0.01  # seconds between looks at a watched file


@dataclass(frozen=True)
class Run:
    """What one run of a command cost."""

    seconds: float
    peak_mb: float  # largest resident set of any one process of the tree (ru_maxrss from wait4), 10^6 bytes
    tree_peak_mb: float  # largest sampled sum over the live process tree (PSS: shared pages counted once)
    stdout: str
    watched_s: float | None = None  # from `since` until the watched file held the marker


class CommandFailed(RuntimeError):
    """The measured command exited with an error; carries its output."""


def _tree(root: int) -> list[int]:
    """`root` and every live process below it, from each process's parent in /proc/<pid>/stat."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stat:
                    parent = int(stat.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # the process ended meanwhile
            children[parent].append(int(entry.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def _memory_kb(pid: int) -> int:
    """Proportional set size of one process (its resident memory, shared pages split among their users)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        return 0


def sample_memory(pid: int, done: threading.Event, peak: list[int]) -> None:
    """Until `done`: the largest summed PSS of `pid` and its descendants, in KiB, into peak[0]."""
    while not done.wait(MEMORY_INTERVAL):
        peak[0] = max(peak[0], sum(_memory_kb(p) for p in _tree(pid)))


def _watch(path: Path, marker: bytes, since: float, done: threading.Event, seen: list[float]) -> None:
    while True:
        finished = done.is_set()  # look once more after the process has ended
        try:
            if marker in path.read_bytes():
                seen.append(time.perf_counter() - since)
                return
        except OSError:
            pass  # not written yet, or being swapped in
        if finished:
            return
        time.sleep(WATCH_INTERVAL)


def run(command: list[str], watch: tuple[Path, bytes] | None = None, since: float | None = None) -> Run:
    """Run `command` to its end and measure it; `watch` = (file, bytes) to time until the file contains them."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        done, peak, seen = threading.Event(), [0], []
        threads = [threading.Thread(target=sample_memory, args=(process.pid, done, peak), daemon=True)]
        if watch:
            threads.append(threading.Thread(target=_watch, args=(*watch, since or start, done, seen), daemon=True))
        for thread in threads:
            thread.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        for thread in threads:
            thread.join()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode != 0:
        raise CommandFailed(f"{' '.join(command)} exited with {process.returncode}:\n{stdout[-3000:]}\n{stderr[-3000:]}")
    peak_mb = usage.ru_maxrss * 1024 / 1e6  # Linux gives ru_maxrss in KiB
    return Run(seconds, peak_mb, peak[0] * 1024 / 1e6, stdout, seen[0] if seen else None)
