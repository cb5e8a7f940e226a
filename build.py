#!/usr/bin/env python3
"""Katalog Inovasi Daerah: check, build and preview a regional innovation catalogue.

    python build.py [build] [--output DIR] [--base-url URL] [--baseline PATH|URL] [--strict] [--format text|github|json] [--root DIR]
    python build.py check [--strict] [--format text|github|json] [--root DIR]
    python build.py serve [--port 8000] [--root DIR]
    python build.py laporan [--tahun 2025] [--format text|md|csv] [--root DIR]
    python build.py new --opd OPD "Judul inovasi" | generate [--check] | pr-summary --base SHA | from-issue --body-file F
    python build.py linkcheck [--output DIR] [--root DIR] [--base-url URL]
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path

from katalog.compliance import REPORT_FORMATS, compliance_report
from katalog.config import load_config
from katalog.linkcheck import check_links, site_address
from katalog.locale import load_locale
from katalog.pipeline import CheckResult, build, check, monitor
from katalog.problems import ERROR
from katalog.progress import Progress
from katalog.repocommands import COMMANDS as REPO_COMMANDS
from katalog.repocommands import add_commands as add_repo_commands
from katalog.repocommands import run as run_repo_command
from katalog.report import FORMATS, format_problems
from katalog.preview import LivePreview, PreviewState, preview_handler
from katalog.search import SearchIndexError
from katalog.serve import make_server
from katalog.writer import OutputError, unsafe_output_reason

UI = load_locale().ui


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description="Katalog Inovasi Daerah: periksa, bangun, dan pratinjau katalog.")
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for name, help_text in (
        ("build", "periksa isi lalu bangun seluruh situs (bawaan)"),
        ("check", "periksa isi saja, tanpa menulis apa pun"),
        ("serve", "bangun, tampilkan pratinjau di 127.0.0.1, dan bangun ulang setiap kali berkas berubah"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--root", type=Path, default=Path("."), help="folder situs (berisi site_config.yaml); bawaan: folder ini")
        command.add_argument("--strict", action="store_true", help="perlakukan setiap peringatan sebagai galat")
        command.add_argument(
            "--format", choices=FORMATS, default=None,
            help="bentuk laporan masalah; bawaan: github bila GITHUB_ACTIONS=true, selain itu text",
        )
        if name != "check":
            command.add_argument("--output", type=Path, default=None, help="folder keluaran; bawaan: <root>/public")
        if name == "build":
            command.add_argument("--base-url", default=None, help="alamat publik situs, menggantikan base_url di site_config.yaml")
            command.add_argument(
                "--baseline", default=None, metavar="PATH|URL",
                help="urls.json build sebelumnya (berkas atau alamat http(s)); build gagal bila alamat tetapnya hilang",
            )
        if name == "serve":
            command.add_argument("--port", type=int, default=8000, help="port pratinjau; bawaan: 8000")
    laporan = commands.add_parser("laporan", help="periksa isi lalu cetak tabel capaian target inovasi setiap OPD untuk satu tahun")
    laporan.add_argument("--root", type=Path, default=Path("."), help="folder situs (berisi site_config.yaml); bawaan: folder ini")
    laporan.add_argument("--tahun", type=int, default=None, help="tahun yang dilaporkan; bawaan: tahun terakhir yang punya inovasi")
    laporan.add_argument(
        "--format", choices=REPORT_FORMATS, default="text",
        help="text untuk terminal, md (Markdown) untuk laporan dan surat, csv untuk lembar kerja; bawaan: text",
    )
    add_repo_commands(commands)
    linkcheck = commands.add_parser("linkcheck", help="periksa tautan dan berkas internal situs hasil build")
    linkcheck.add_argument("--root", type=Path, default=Path("."), help="folder situs (berisi site_config.yaml); bawaan: folder ini")
    linkcheck.add_argument("--output", type=Path, default=None, help="folder situs hasil build; bawaan: <root>/public")
    linkcheck.add_argument("--base-url", default=None, help="alamat situs saat dibangun; bawaan: dibaca dari halaman depan")
    return parser.parse_args(argv or ["build"])


def report(result: CheckResult, style: str | None, root: Path) -> None:
    """Every problem on stderr (JSON on stdout, so tools can read it cleanly)."""
    style = style or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    relative = os.path.relpath(root, Path.cwd())
    prefix = "" if relative == "." or relative.startswith("..") else relative + "/"
    locale = result.config.locale if result.config else load_locale()
    if style == "json":
        print(format_problems(result.problems, locale, style, prefix), end="", flush=True)
    elif result.problems:
        print(format_problems(result.problems, locale, style, prefix), file=sys.stderr, flush=True)


def run_check(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    result = check(root, strict=args.strict, progress=Progress())
    report(result, args.format, root)
    errors = sum(1 for p in result.problems if p.level == ERROR)
    summary = UI["cek_selesai"].format(entries=result.entries, opds=result.opds, errors=errors, warnings=len(result.problems) - errors)
    print(summary, file=sys.stderr if args.format == "json" else sys.stdout)
    return 0 if result.ok else 1


def run_build(args: argparse.Namespace, base_url: str | None, stale_index: bool = False) -> tuple[int, str, CheckResult | None]:
    """Build once and report on the terminal: the exit status, on failure what went wrong as text, and what the
    check learnt (None when the build did not get that far)."""
    root = args.root.resolve()
    output = (args.output or root / "public").resolve()
    reason = unsafe_output_reason(output, root)
    if reason:
        message = UI["folder_keluaran_berbahaya"].format(output=output, reason=UI[reason])
        print(message, file=sys.stderr)
        return 2, message, None
    try:
        result = build(
            root, output, base_url, strict=args.strict, stale_index=stale_index, baseline=getattr(args, "baseline", None),
            progress=Progress(),
        )
    except SearchIndexError as error:
        print(UI["pagefind_gagal"], error, file=sys.stderr)
        return 1, f"{UI['pagefind_gagal']} {error}", None
    except OutputError as error:
        message = UI[error.key].format(path=error.path)
        print(message, file=sys.stderr)
        return 1, message, None
    except KeyboardInterrupt:  # Ctrl+C: the staging folder is already gone, the old site untouched
        print(UI["build_dihentikan"].format(output=output), file=sys.stderr)
        return 130, UI["build_dihentikan"].format(output=output), None
    report(result.check, args.format, root)
    if result.check.history.shallow:
        print(UI["riwayat_dangkal"], file=sys.stderr)
    if not result.check.ok:
        print(UI["build_gagal"].format(output=output), file=sys.stderr)
        locale = result.check.config.locale if result.check.config else load_locale()
        return 1, format_problems(result.check.problems, locale, "text", ""), result.check
    catalog = result.check.catalog
    print(UI["build_selesai"].format(
        entries=len(catalog.innovations), opds=len(catalog.opds), pages=result.pages, rendered=result.rendered, files=result.files,
        warnings=len(result.check.problems), seconds=f"{result.check.timings.total:.1f}", output=output,
    ))
    for name, seconds in result.check.timings.stages:
        print(UI["tahap"].format(name=name, seconds=seconds))
    return 0, "", result.check


def run_laporan(args: argparse.Namespace) -> int:
    """The compliance table on stdout; problems found by the check on stderr, as `check` reports them."""
    root = args.root.resolve()
    result, monitoring = monitor(root)
    report(result, None, root)
    ui = result.config.locale.ui if result.config else UI
    if monitoring is None:
        print(ui["laporan_pemantauan_gagal"], file=sys.stderr)
        return 1
    year = args.tahun or monitoring.current_year
    if year is None:
        print(ui["laporan_pemantauan_tanpa_data"], file=sys.stderr)
        return 1
    print(compliance_report(result.config, monitoring, year, args.format), end="")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """Build, serve on 127.0.0.1, and rebuild and reload the open pages on every change until Ctrl-C."""
    url = f"http://127.0.0.1:{args.port}/"
    state = PreviewState()
    status, problems, first = run_build(args, url)
    if status == 2:
        return status
    state.publish(problems)
    preview = LivePreview(args.root.resolve(), state, lambda stale: run_build(args, url, stale_index=stale), first)
    server = make_server((args.output or args.root / "public").resolve(), args.port, preview_handler(state, UI["pratinjau_gagal"]))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(UI["serve_mulai"].format(url=url), flush=True)
    try:
        preview.run(threading.Event())
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


def run_linkcheck(args: argparse.Namespace) -> int:
    output = (args.output or args.root / "public").resolve()
    if not (output / "index.html").is_file():
        print(UI["cek_tautan_tanpa_situs"].format(output=output), file=sys.stderr)
        return 2
    report = check_links(output, args.base_url or site_address(output, _configured_base_url(args.root)))
    for broken in report.broken:
        print(UI["cek_tautan_rusak"].format(page=broken.page, url=broken.url), file=sys.stderr)
    print(UI["cek_tautan_selesai"].format(pages=report.pages, references=report.references, broken=len(report.broken)))
    return 1 if report.broken else 0


def _configured_base_url(root: Path) -> str:
    """base_url from the site's settings, for an output whose home page names none."""
    config, _ = load_config(root.resolve())
    return config.base_url if config else "/"


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.command in REPO_COMMANDS:
        return run_repo_command(args)
    if args.command == "check":
        return run_check(args)
    if args.command == "linkcheck":
        return run_linkcheck(args)
    if args.command == "serve":
        return run_serve(args)
    if args.command == "laporan":
        return run_laporan(args)
    return run_build(args, getattr(args, "base_url", None))[0]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
