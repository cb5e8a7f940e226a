"""Output files: written once each, only inside a staging folder, then swapped in whole.

The site is built into a hidden folder beside the output and renamed into place only when
complete, so a failed or interrupted build leaves the previous site as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

MARKER = ".katalog-build"


class OutputError(Exception):
    """A write the build refuses; `key` names its wording in the locale's `ui` section."""

    def __init__(self, key: str, path: object) -> None:
        super().__init__(f"{key}: {path}")
        self.key = key
        self.path = str(path)


class StagedOutput:
    """Collects the new site in <output>.baru-<pid> and publishes it with `commit()`."""

    def __init__(self, output: Path) -> None:
        self.output = output.resolve()
        self.staging = self.output.parent / f".{self.output.name}.baru-{os.getpid()}"
        self._written: set[Path] = set()

    def __enter__(self) -> "StagedOutput":
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)
        (self.staging / MARKER).write_text("Dibuat oleh build.py; folder ini diganti utuh pada setiap build.\n")
        return self

    def __exit__(self, *exc_info) -> None:
        if self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)

    def reserve(self, relative: str) -> Path:
        """The absolute path at which `relative` may be written, once; refused outside the new site."""
        target = (self.staging / relative).resolve()
        if not target.is_relative_to(self.staging) or target == self.staging:
            raise OutputError("tulis_di_luar_keluaran", relative)
        if target in self._written:
            raise OutputError("tulis_dua_kali", relative)
        self._written.add(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write(self, relative: str, content: bytes) -> None:
        """Write one file at `relative` inside the new site."""
        self.reserve(relative).write_bytes(content)

    def copy(self, relative: str, source: Path) -> None:
        """Copy one file (never a symbolic link) into the new site."""
        if source.is_symlink():
            raise OutputError("tulis_tautan_simbolik", source)
        shutil.copyfile(source, self.reserve(relative))

    def link(self, relative: str, source: Path) -> None:
        """Hard-link a file the build keeps in its cache (never edited in place) into the new site."""
        if source.is_symlink():
            raise OutputError("tulis_tautan_simbolik", source)
        target = self.reserve(relative)
        try:
            os.link(source, target)
        except OSError:  # another file system, or no hard links: copy
            shutil.copyfile(source, target)

    @property
    def count(self) -> int:
        return len(self._written)

    def commit(self) -> None:
        """Replace the output folder with the finished staging folder."""
        previous = self.output.parent / f".{self.output.name}.lama-{os.getpid()}"
        if self.output.exists():
            os.replace(self.output, previous)
        os.replace(self.staging, self.output)
        if previous.exists():
            shutil.rmtree(previous, ignore_errors=True)


def unsafe_output_reason(output: Path, root: Path) -> str:
    """Why `output` must not be replaced by a build ('' when it is safe), as a locale key."""
    output, root = output.resolve(), root.resolve()
    sources = [root / name for name in ("content", "layouts", "assets")]
    if root.is_relative_to(output) or any(output.is_relative_to(source) for source in sources):
        return "alasan_folder_root"
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        return "alasan_folder_asing"
    return ""
