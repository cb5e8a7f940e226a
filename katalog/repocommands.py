"""The commands around contributing: new, generate, pr-summary and from-issue (build.py stays the entry point)."""

from __future__ import annotations

import argparse
import datetime as dt
import secrets
import sys
from pathlib import Path

from .changes import GitError, changed_entries
from .config import load_config
from .contributing import MissingMarkers
from .formentry import entry_from_issue
from .locale import load_locale
from .pipeline import check
from .prsummary import STEPS, summary_markdown
from .repofiles import generated_files, write_generated
from .report import format_problems
from .scaffold import Refusal, new_entry

COMMANDS = ("new", "generate", "pr-summary", "from-issue")
UI = load_locale().ui


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register the contributor commands on build.py's sub-command parser."""
    for name in COMMANDS:
        command = commands.add_parser(name, help=UI[f"bantuan_{name.replace('-', '_')}"])
        command.add_argument("--root", type=Path, default=Path("."), help=UI["bantuan_root"])
        if name == "new":
            command.add_argument("--opd", required=True, help=UI["bantuan_new_opd"])
            command.add_argument("title", metavar="JUDUL", help=UI["bantuan_new_judul"])
        elif name == "generate":
            command.add_argument("--check", action="store_true", help=UI["bantuan_generate_check"])
        elif name == "pr-summary":
            command.add_argument("--base", required=True, help=UI["bantuan_pr_base"])
            command.add_argument("--head", default="HEAD", help=UI["bantuan_pr_head"])
            command.add_argument("--result", action="append", default=[], metavar="LANGKAH=HASIL", help=UI["bantuan_pr_result"])
            command.add_argument("--run-url", default="", help=UI["bantuan_pr_run_url"])
            command.add_argument("--output", type=Path, default=None, help=UI["bantuan_output_md"])
        else:
            command.add_argument("--body-file", type=Path, required=True, help=UI["bantuan_issue_body"])
            command.add_argument("--issue", type=int, default=0, help=UI["bantuan_issue_number"])
            command.add_argument("--comment", type=Path, required=True, help=UI["bantuan_issue_comment"])
            command.add_argument("--pull-request-body", type=Path, default=None, help=UI["bantuan_issue_pr_body"])
            command.add_argument("--github-output", type=Path, default=None, help=UI["bantuan_issue_github_output"])


def _config_or_report(root: Path):
    config, problems = load_config(root)
    if config is None:
        print(format_problems(problems, load_locale(), "text"), file=sys.stderr)
    return config


def run_new(args: argparse.Namespace) -> int:
    config = _config_or_report(args.root.resolve())
    if config is None:
        return 1
    ui = config.locale.ui
    try:
        path = new_entry(config, args.opd, args.title, dt.date.today())
    except Refusal as refusal:
        print(ui[refusal.key].format(**refusal.params), file=sys.stderr)
        hint = f"{refusal.key}_mirip" if refusal.params.get("guess") else f"{refusal.key}_saran"
        if hint in ui:
            print(ui[hint].format(**refusal.params), file=sys.stderr)
        return 1
    print(ui["baru_dibuat"].format(path=path.relative_to(config.root).as_posix()))
    return 0


def run_generate(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    result = check(root)
    if result.catalog is None:
        print(format_problems(result.problems, load_locale(), "text"), file=sys.stderr)
        return 1
    ui = result.config.locale.ui
    try:
        files = generated_files(result.config, result.catalog)
    except MissingMarkers as missing:
        print(ui["generate_penanda_hilang"].format(region=missing), file=sys.stderr)
        return 1
    if args.check:
        stale = [file.path for file in files if not file.is_current(root)]
        for path in stale:
            print(ui["generate_usang"].format(path=path), file=sys.stderr)
        if stale:
            print(ui["generate_perbarui"], file=sys.stderr)
        return 1 if stale else 0
    written = write_generated(root, files)
    print(ui["generate_selesai"].format(count=len(written), paths=", ".join(written) or "-"))
    return 0


def _outcomes(results: list[str]) -> dict[str, str]:
    outcomes = {}
    for item in results:
        step, _, outcome = item.partition("=")
        if step not in STEPS:
            raise SystemExit(UI["pr_langkah_tidak_dikenal"].format(step=step, steps=", ".join(STEPS)))
        outcomes[step] = outcome
    return outcomes


def run_pr_summary(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    outcomes = _outcomes(args.result)
    result = check(root)
    locale = result.config.locale if result.config else load_locale()
    try:
        changes = changed_entries(root, args.base, args.head)
    except GitError as error:
        print(locale.ui["pr_git_gagal"].format(error=error), file=sys.stderr)
        return 1
    text = summary_markdown(locale, result, changes, outcomes, args.run_url)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _github_output(path: Path, values: dict[str, str]) -> None:
    """Step outputs in GitHub's multi-line syntax, with a random delimiter no answer can contain."""
    delimiter = f"KATALOG_{secrets.token_hex(16)}"
    with path.open("a", encoding="utf-8") as file:
        for key, value in values.items():
            file.write(f"{key}<<{delimiter}\n{value}\n{delimiter}\n")


def run_from_issue(args: argparse.Namespace) -> int:
    config = _config_or_report(args.root.resolve())
    if config is None:  # the workflow still posts a reply, so the person who filled in the form is not left waiting
        args.comment.write_text(f"{UI['formulir_gagal_judul']}\n\n{UI['formulir_katalog_rusak']}\n", encoding="utf-8")
        return 1
    body = args.body_file.read_text(encoding="utf-8", errors="replace")
    result = entry_from_issue(config, body, args.issue, dt.date.today())
    args.comment.write_text(result.comment, encoding="utf-8")
    if result.path is None:
        print(result.comment, file=sys.stderr)
        return 1
    rel = result.path.relative_to(config.root).as_posix()
    if args.pull_request_body:
        args.pull_request_body.write_text(result.pull_request_body, encoding="utf-8")
    if args.github_output:
        _github_output(args.github_output, {"path": rel, "title": result.title, "slug": result.path.stem})
    print(rel)
    return 0


def run(args: argparse.Namespace) -> int:
    """Run one of COMMANDS."""
    handlers = {"new": run_new, "generate": run_generate, "pr-summary": run_pr_summary, "from-issue": run_from_issue}
    return handlers[args.command](args)
