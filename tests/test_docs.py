"""Docs that could drift are checked against the code: commands, settings, the content contract."""

import json
import re

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command_word_for_word():
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    command = ci_lines[-1]
    assert "pytest" in command
    assert f"```sh\n{command}\n```" in README


def test_readme_serve_command_uses_only_runtime_requirements():
    assert "```sh\npython3 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/python build.py serve\n```" in README


def test_every_setting_is_documented_in_the_readme():
    schema = json.loads((REPO / "katalog" / "schema" / "site_config.json").read_text(encoding="utf-8"))
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", README, flags=re.M))
    assert documented == set(schema["properties"])


def test_every_content_field_is_documented_for_contributors():
    for name in ("inovasi", "opd"):
        schema = json.loads((REPO / "katalog" / "schema" / f"{name}.json").read_text(encoding="utf-8"))
        for field, spec in schema["properties"].items():
            assert f"`{field}`" in CONTRIBUTING, field
            for value in spec.get("enum", []):
                assert f"`{value}`" in CONTRIBUTING, (field, value)


def test_site_config_dataclass_has_exactly_the_documented_settings():
    from dataclasses import fields

    from katalog.config import SiteConfig

    schema = json.loads((REPO / "katalog" / "schema" / "site_config.json").read_text(encoding="utf-8"))
    assert {f.name for f in fields(SiteConfig)} - {"root"} == set(schema["properties"])
