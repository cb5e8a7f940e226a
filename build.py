#!/usr/bin/env python3
"""Katalog Inovasi Daerah: check, build and preview a regional innovation catalogue.

    python build.py [build] [--output DIR] [--root DIR] [--base-url URL]
    python build.py check [--root DIR]
    python build.py serve [--port 8000] [--root DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from katalog.locale import load_locale
from katalog.pipeline import CheckResult, build, check
from katalog.problems import format_text
from katalog.search import SearchIndexError
from katalog.serve import make_server
from katalog.writer import OutputError, unsafe_output_reason


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description="Katalog Inovasi Daerah: periksa, bangun, dan pratinjau katalog.")
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for name, help_text in (
        ("build", "periksa isi lalu bangun seluruh situs (bawaan)"),
        ("check", "periksa isi saja, tanpa menulis apa pun"),
        ("serve", "bangun lalu tampilkan pratinjau di 127.0.0.1"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--root", type=Path, default=Path("."), help="folder situs (berisi site_config.yaml); bawaan: folder ini")
        if name != "check":
            command.add_argument("--output", type=Path, default=None, help="folder keluaran; bawaan: <root>/public")
        if name == "build":
            command.add_argument("--base-url", default=None, help="alamat publik situs, menggantikan base_url di site_config.yaml")
        if name == "serve":
            command.add_argument("--port", type=int, default=8000, help="port pratinjau; bawaan: 8000")
    args = parser.parse_args(argv or ["build"])
    return args


def report(result: CheckResult) -> None:
    """Every problem, then the stage timings, on stderr (stdout stays for summaries)."""
    locale = result.config.locale if result.config else load_locale()
    if result.problems:
        print(format_text(result.problems, locale), file=sys.stderr, flush=True)


def run_build(args: argparse.Namespace, base_url: str | None) -> int:
    root = args.root.resolve()
    output = (args.output or root / "public").resolve()
    ui = load_locale().ui
    reason = unsafe_output_reason(output, root)
    if reason:
        print(ui["folder_keluaran_berbahaya"].format(output=output, reason=ui[reason]), file=sys.stderr)
        return 2
    try:
        result = build(root, output, base_url)
    except SearchIndexError as error:
        print(ui["pagefind_gagal"], error, file=sys.stderr)
        return 1
    except OutputError as error:
        print(error, file=sys.stderr)
        return 1
    report(result.check)
    if not result.check.ok:
        print(ui["build_gagal"].format(output=output), file=sys.stderr)
        return 1
    catalog = result.check.catalog
    warnings = len(result.check.problems)
    print(ui["build_selesai"].format(
        entries=len(catalog.innovations), opds=len(catalog.opds), pages=result.files, warnings=warnings,
        seconds=f"{result.check.timings.total:.1f}", output=output,
    ))
    for name, seconds in result.check.timings.stages:
        print(ui["tahap"].format(name=name, seconds=seconds))
    return 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.command == "check":
        result = check(args.root.resolve())
        report(result)
        ui = (result.config.locale if result.config else load_locale()).ui
        errors = sum(1 for p in result.problems if p.level == "error")
        print(ui["cek_selesai"].format(
            entries=result.entries, opds=result.opds, errors=errors, warnings=len(result.problems) - errors,
        ))
        return 0 if result.ok else 1
    if args.command == "serve":
        url = f"http://127.0.0.1:{args.port}/"
        status = run_build(args, url)
        if status != 0:
            return status
        server = make_server((args.output or args.root / "public").resolve(), args.port)
        print(load_locale().ui["serve_mulai"].format(url=url), flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
        return 0
    return run_build(args, getattr(args, "base_url", None))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
