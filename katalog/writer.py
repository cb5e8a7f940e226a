"""Output files: written once each, only inside a staging folder, then swapped in whole.

The site is built into a hidden folder beside the output and exchanged with it in one step
only when complete, so a failed, interrupted or killed build leaves the previous site as it was.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
from pathlib import Path

MARKER = ".katalog-build"
_RENAME_EXCHANGE = 2  # linux/fs.h: swap two paths atomically
_AT_FDCWD = -100


class OutputError(Exception):
    """A write the build refuses; `key` names its wording in the locale's `ui` section."""

    def __init__(self, key: str, path: object) -> None:
        super().__init__(f"{key}: {path}")
        self.key = key
        self.path = str(path)


class StagedOutput:
    """Collects the new site in <output>.baru-<pid> and publishes it with `commit()`.

    With a `spare` folder (in the build cache), the site before the current one is kept there after
    each commit and becomes the next build's staging folder: a build then only writes the files that
    differ from it and deletes the ones no longer produced, instead of recreating every folder and
    file. Files are always replaced, never rewritten in place, because unchanged ones are hard links
    shared with the published site.
    """

    def __init__(self, output: Path, spare: Path | None = None) -> None:
        self.output = output.resolve()
        self.staging = self.output.parent / f".{self.output.name}.baru-{os.getpid()}"
        self.spare = spare
        self.reused = False  # the staging folder started as the spare generation
        self._root = str(self.staging)
        self._written: set[Path] = set()
        self._folders: set[str] = set()
        self._kept_trees: set[str] = set()

    def __enter__(self) -> "StagedOutput":
        remove_stale_staging(self.output)
        if self.staging.exists():
            shutil.rmtree(self.staging)
        if self.spare is not None and (self.spare / MARKER).is_file() and not self.spare.is_symlink():
            try:
                os.rename(self.spare, self.staging)  # one step: a killed build leaves a stale .baru-<pid>, cleaned later
                self.reused = True
            except OSError:  # another file system: start from an empty folder
                pass
        if not self.reused:
            self.staging.mkdir(parents=True)
            (self.staging / MARKER).write_text("Dibuat oleh build.py; folder ini diganti utuh pada setiap build.\n")
        return self

    def __exit__(self, *exc_info) -> None:
        if self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)

    def reserve(self, relative: str) -> Path:
        """The absolute path at which `relative` may be written, once; refused outside the new site."""
        # Judged on the path's text (no absolute path, no ".."; "." and empty parts dropped); the staging folder is
        # ours and holds no symbolic links, so the text decides where the file lands.
        parts = [part for part in relative.split("/") if part not in ("", ".")]
        if relative.startswith("/") or "\\" in relative or ".." in parts or not parts:
            raise OutputError("tulis_di_luar_keluaran", relative)
        target = Path(self._root, *parts)
        if target in self._written:
            raise OutputError("tulis_dua_kali", relative)
        self._written.add(target)
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return target

    def has(self, relative: str) -> bool:
        """Whether the staging folder already holds `relative` (from the spare generation)."""
        return self.reused and (self.staging / relative).is_file()

    def keep(self, relative: str) -> None:
        """Keep the spare generation's file at `relative` as it is: it is already what this build produces."""
        self.reserve(relative)

    def keep_tree(self, relative: str) -> None:
        """Keep a whole folder that another program (Pagefind) wrote or that was carried over."""
        self._kept_trees.add(os.path.join(self._root, relative.strip("/")))

    def write(self, relative: str, content: bytes) -> None:
        """Write one file at `relative` inside the new site (unchanged bytes are left alone)."""
        target = self.reserve(relative)
        if self.reused and target.is_file() and target.stat().st_size == len(content) and target.read_bytes() == content:
            return
        replace_file(target, content)

    def copy(self, relative: str, source: Path) -> None:
        """Copy one file (never a symbolic link) into the new site."""
        if source.is_symlink():
            raise OutputError("tulis_tautan_simbolik", source)
        target = self.reserve(relative)
        temporary = _temporary(target)
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)

    def link(self, relative: str, source: Path) -> None:
        """Hard-link a file that is never edited in place (build cache, published site) into the new site."""
        if source.is_symlink():
            raise OutputError("tulis_tautan_simbolik", source)
        target = self.reserve(relative)
        if self.reused and target.exists() and os.path.samefile(source, target):
            return
        link_file(source, target)

    @property
    def count(self) -> int:
        return len(self._written)

    def commit(self) -> None:
        """Replace the output folder with the finished staging folder; keep the old site as the next spare."""
        if self.reused:
            self._remove_unclaimed()
        if not self.output.exists():
            os.replace(self.staging, self.output)
        elif _exchange(self.staging, self.output):
            self._retire(self.staging)  # now holds the previous site
        else:
            # No atomic exchange on this system: two renames, and a killed build between them
            # leaves the previous site in .<name>.lama-<pid>, which the next build puts back.
            previous = self.output.parent / f".{self.output.name}.lama-{os.getpid()}"
            os.replace(self.output, previous)
            os.replace(self.staging, self.output)
            self._retire(previous)

    def _retire(self, previous: Path) -> None:
        """Keep the previous site as the spare generation, or delete it when there is no spare place."""
        if self.spare is not None:
            try:
                if self.spare.exists():
                    _remove_marked(self.spare)
                self.spare.parent.mkdir(parents=True, exist_ok=True)
                os.rename(previous, self.spare)
                return
            except OSError:
                pass
        _remove_marked(previous)

    def _remove_unclaimed(self) -> None:
        """Delete what the spare generation held but this build did not produce."""
        written = {str(path) for path in self._written}
        kept = tuple(self._kept_trees)
        for directory, folders, files in os.walk(self._root, topdown=True):
            folders[:] = [name for name in folders if os.path.join(directory, name) not in kept]
            for name in files:
                path = os.path.join(directory, name)
                if path not in written and not (directory == self._root and name == MARKER):
                    os.unlink(path)
        for directory, folders, files in os.walk(self._root, topdown=False):
            if directory != self._root and directory not in kept and not os.listdir(directory):
                os.rmdir(directory)


def replace_file(target: Path, content: bytes) -> None:
    """Write `content` at `target` by replacing the file, never by rewriting it (it may be a shared hard link)."""
    temporary = _temporary(target)
    temporary.write_bytes(content)
    os.replace(temporary, target)


def link_file(source: Path, target: Path) -> None:
    """Hard-link `source` at `target` (replacing what is there); copy where links are impossible."""
    temporary = _temporary(target)
    try:
        os.link(source, temporary)
    except OSError:  # another file system, or no hard links
        shutil.copyfile(source, temporary)
    os.replace(temporary, target)


def _temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def remove_stale_staging(output: Path) -> list[Path]:
    """Delete what killed builds left beside `output` (only our own marked folders of dead processes)."""
    pattern = re.compile(rf"\.{re.escape(output.name)}\.(baru|lama)-(\d+)")
    removed = []
    for folder in sorted(output.parent.glob(f".{output.name}.*")):
        found = pattern.fullmatch(folder.name)
        if not found or folder.is_symlink() or not (folder / MARKER).is_file() or _is_running(int(found.group(2))):
            continue
        if found.group(1) == "lama" and not output.exists():
            os.replace(folder, output)  # killed between the two renames of commit(): put the old site back
            continue
        _remove_marked(folder)
        removed.append(folder)
    return removed


def _is_running(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_marked(folder: Path) -> None:
    """Delete a build folder, its marker last, so a folder half-deleted by a kill is still recognised as ours."""
    for child in folder.iterdir():
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step with Linux renameat2(RENAME_EXCHANGE); False where unsupported."""
    try:
        renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    except (OSError, TypeError):  # no C library to ask (Windows)
        return False
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False  # an old kernel or a file system without exchange
    raise OSError(code, os.strerror(code), str(second))


def unsafe_output_reason(output: Path, root: Path) -> str:
    """Why `output` must not be replaced by a build ('' when it is safe), as a locale key."""
    output, root = output.resolve(), root.resolve()
    sources = [root / name for name in ("content", "layouts", "assets")]
    if root.is_relative_to(output) or any(output.is_relative_to(source) for source in sources):
        return "alasan_folder_root"
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        return "alasan_folder_asing"
    return ""
