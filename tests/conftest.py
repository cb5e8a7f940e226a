"""Shared fixtures: one site factory, the real CLI, a local server and headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
sys.path.insert(0, str(REPO))

from katalog.serve import make_server  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str, cwd: Path | None = None) -> CliResult:
    """Run build.py as a contributor would, in a fresh process."""
    completed = subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args], capture_output=True, text=True, cwd=cwd or REPO, timeout=300
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_serve(root: Path) -> tuple[subprocess.Popen, str]:
    """`build.py serve` on a free port, running once it says where: (process, base URL)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    for line in process.stdout:
        if f"127.0.0.1:{port}" in line:
            break
    assert process.poll() is None, "the preview server stopped"
    return process, f"http://127.0.0.1:{port}"


def make_site(destination: Path, case: str = "mini", files: dict[str, str | bytes | None] | None = None) -> Path:
    """A copy of tests/sites/<case> with the repo's layouts and assets, plus `files` written over it.

    A value of None deletes that file; str values are written as UTF-8.
    """
    shutil.copytree(SITES / case, destination)
    for folder in ("layouts", "assets"):
        if not (destination / folder).exists():
            shutil.copytree(REPO / folder, destination / folder)
    for relative, content in (files or {}).items():
        target = destination / relative
        if content is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return destination


@pytest.fixture
def site(tmp_path: Path):
    """Factory: site(files={...}, case="mini") -> root of a fresh test site under tmp_path."""
    counter = iter(range(1000))

    def factory(files: dict[str, str | bytes | None] | None = None, case: str = "mini") -> Path:
        return make_site(tmp_path / f"site-{next(counter)}", case, files)

    return factory


@pytest.fixture(scope="session")
def built_mini(tmp_path_factory) -> Path:
    """The mini test site, built once with the real CLI; returns its output folder."""
    root = make_site(tmp_path_factory.mktemp("mini") / "site")
    result = run_cli("build", "--root", str(root))
    assert result.returncode == 0, result.output
    return root / "public"


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory) -> Path:
    """The real demo catalogue in this repository, built once into a temporary folder."""
    output = tmp_path_factory.mktemp("demo") / "public"
    result = run_cli("build", "--output", str(output))
    assert result.returncode == 0, result.output
    return output


@pytest.fixture(scope="session")
def serve():
    """Factory: serve(folder) -> base URL of the preview server for that folder on 127.0.0.1."""
    servers = []

    def start(folder: Path) -> str:
        server = make_server(folder, 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium():
    """Factory: chromium(**context_options) -> a Debian Chromium context with a fresh profile (closed at the end)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: install Debian's chromium package (see README)"
    profiles, contexts = [], []
    with sync_playwright() as playwright:

        def open_context(**options):
            profiles.append(tempfile.mkdtemp(prefix="katalog-chromium-"))
            contexts.append(playwright.chromium.launch_persistent_context(
                profiles[-1], executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, **options
            ))
            return contexts[-1]

        yield open_context
        for context in contexts:
            context.close()
    for profile in profiles:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def browser(chromium):
    """The shared Chromium context most browser tests use."""
    return chromium()


@pytest.fixture
def page(browser):
    """A new tab that fails the test on a JavaScript error, a console error, a failed or external subresource.

    (A page's own 404 status is not an error: the 404 page is a page too.)
    """
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" and "Failed to load resource" not in m.text else None)

    def check_response(response):
        if response.request.resource_type != "document" and response.status >= 400:
            errors.append(f"{response.status} {response.url}")

    def check_request(request):
        if not request.url.startswith(("http://127.0.0.1", "data:", "about:")):
            errors.append(f"external request: {request.url}")

    tab.on("response", check_response)
    tab.on("request", check_request)
    yield tab
    tab.close()
    assert not errors, f"the browser reported errors: {errors}"


def read_entries(root: Path) -> list[dict]:
    """Innovation entries read straight from the files with PyYAML, independently of katalog/."""
    import yaml

    entries = []
    for path in sorted((root / "content" / "inovasi").glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        data = yaml.safe_load(front)
        entries.append({**data, "slug": path.stem, "opd": path.parent.name, "body": body, "path": path})
    return entries


def git_commit(root: Path, when: str, message: str = "isi", paths: tuple[str, ...] = (".",)) -> None:
    """Commit `paths` of `root` (made a git repository if needed) with author and committer date `when` (ISO 8601)."""
    import os

    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_CONFIG_NOSYSTEM": "1"}
    identity = ["-c", "user.name=Penguji", "-c", "user.email=penguji@example.org", "-c", "commit.gpgsign=false"]
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "add", "-A", "--", *paths], check=True, env=env)
    subprocess.run(["git", *identity, "-C", str(root), "commit", "-q", "-m", message], check=True, env=env)
