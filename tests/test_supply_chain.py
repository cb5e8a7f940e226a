"""Supply chain: hash-pinned dependencies generated from the .in files, updates proposed, a way to report (issue 10)."""

from __future__ import annotations

import re

import yaml

from conftest import REPO

REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$", re.M)


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(file: str) -> dict[str, str]:
    """name -> version of every requirement in a pip-compile output, each checked to carry hashes."""
    text = (REPO / file).read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=\S)", text)  # a requirement with its indented hashes and "# via" notes
    pins = {}
    for block in blocks:
        match = REQUIREMENT.match(block)
        if not match:
            assert block.startswith("#") or not block.strip(), f"{file}: a line that is not a hashed pin: {block[:80]!r}"
            continue
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", block), f"{file}: {match.group(1)} has no hash"
        pins[normal(match.group(1))] = match.group(2)
    assert pins, file
    return pins


def direct(file: str) -> dict[str, str]:
    lines = (REPO / file).read_text(encoding="utf-8").splitlines()
    pins = (line.split("==") for line in lines if "==" in line and not line.startswith("#"))
    return {normal(name.split("[")[0]): version for name, version in pins}  # frictionless[json] is pinned as frictionless


def test_every_dependency_is_pinned_with_hashes_and_generated_from_the_in_files():
    runtime, dev = locked("requirements.txt"), locked("requirements-dev.txt")
    for name, version in direct("requirements.in").items():
        assert runtime.get(name) == version, f"requirements.txt is stale for {name}: regenerate it (README, Dependencies)"
    for name, version in direct("requirements-dev.in").items():
        assert dev.get(name) == version, f"requirements-dev.txt is stale for {name}: regenerate it (README, Dependencies)"
    # The test environment runs exactly what is published.
    assert {name: dev[name] for name in runtime} == runtime
    for file in ("requirements.txt", "requirements-dev.txt"):
        text = (REPO / file).read_text(encoding="utf-8")
        assert "pip-compile" in text and "--generate-hashes" in text, f"{file} is not pip-compile output"
        assert not re.search(r"^\s*-(?:r|c|e|i|-index-url|-extra-index-url|-find-links)\b", text, re.M), file


def test_dependabot_proposes_weekly_updates_for_python_and_actions():
    config = yaml.safe_load((REPO / ".github/dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(ecosystems) >= {"pip", "github-actions"}
    assert all(update["schedule"]["interval"] == "weekly" for update in ecosystems.values())


def test_security_policy_explains_private_reporting_in_both_languages():
    policy = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    assert "Report a vulnerability" in policy
    assert "Melaporkan kerentanan" in policy and "Reporting a vulnerability" in policy
    assert "Cakupan" in policy and "Scope" in policy
    assert "[SECURITY.md](SECURITY.md)" in (REPO / "README.md").read_text(encoding="utf-8")
