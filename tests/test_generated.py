"""Files generated from the schemas and content (guide regions, CODEOWNERS, issue form) are current (issue 8)."""

import json
import re
import shutil

import yaml

from conftest import REPO, run_cli

FORM = ".github/ISSUE_TEMPLATE/inovasi-baru.yml"
ADMIN = "@pemkot-contoh/bapperida"


def owner_rules(text: str) -> list[tuple[str, ...]]:
    return [tuple(line.split()) for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_the_committed_generated_files_are_up_to_date():
    result = run_cli("generate", "--check")
    assert result.returncode == 0, f"run `python build.py generate` and commit the result:\n{result.output}"


def test_generate_check_names_a_stale_file_and_generate_fixes_it(site):
    root = site()
    shutil.copyfile(REPO / "CONTRIBUTING.md", root / "CONTRIBUTING.md")
    assert run_cli("generate", "--root", str(root)).returncode == 0
    assert run_cli("generate", "--check", "--root", str(root)).returncode == 0
    opd = root / "content/opd/dinas-contoh.yaml"
    opd.write_text(opd.read_text(encoding="utf-8") + "github_team: '@pemkot-contoh/dinas-contoh'\n", encoding="utf-8")
    stale = run_cli("generate", "--check", "--root", str(root))
    assert stale.returncode == 1 and ".github/CODEOWNERS" in stale.stderr, stale.output
    assert run_cli("generate", "--root", str(root)).returncode == 0
    assert run_cli("generate", "--check", "--root", str(root)).returncode == 0


def test_codeowners_gives_each_team_its_opd_folder_and_the_admin_team_everything(site):
    root = site()
    teams = {"dinas-contoh": "@pemkot-contoh/dinas-contoh", "kelurahan-contoh": "@pemkot-contoh/kelurahan"}
    for slug, team in teams.items():
        path = root / f"content/opd/{slug}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"github_team: '{team}'\n", encoding="utf-8")
    config = root / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"github_admin_team: '{ADMIN}'\n", encoding="utf-8")
    result = run_cli("generate", "--root", str(root))
    assert result.returncode == 0, result.output
    rules = owner_rules((root / ".github/CODEOWNERS").read_text(encoding="utf-8"))
    # GitHub applies the last matching rule, so the catch-all must come first.
    assert rules[0] == ("*", ADMIN)
    expected = {(f"/content/inovasi/{slug}/", team, ADMIN) for slug, team in teams.items()}
    assert set(rules[1:]) == expected
    without_team = {p.stem for p in (root / "content/opd").glob("*.yaml")} - set(teams)
    assert not any(slug in " ".join(rule) for rule in rules for slug in without_team)


def test_a_github_team_must_look_like_org_slash_team(site):
    root = site({"content/opd/dinas-contoh.yaml": "nama: Dinas Contoh\nsingkatan: DC\njenis: dinas\ngithub_team: dinas-contoh\n"})
    problems = json.loads(run_cli("check", "--format", "json", "--root", str(root)).stdout)
    assert [p["code"] for p in problems if p["field"] == "github_team"] == ["format-tim-github"], problems


def test_the_issue_form_offers_exactly_the_schema_and_content_choices():
    form = yaml.safe_load((REPO / FORM).read_text(encoding="utf-8"))
    schema = json.loads((REPO / "katalog/schema/inovasi.json").read_text(encoding="utf-8"))
    config = yaml.safe_load((REPO / "site_config.yaml").read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    for name in ("tahapan", "jenis", "bentuk", "inisiator"):
        assert fields[name]["type"] == "dropdown"
        assert fields[name]["attributes"]["options"] == schema["properties"][name]["enum"], name
    assert fields["urusan"]["attributes"]["options"] == config["urusan"]
    assert fields["urusan"]["attributes"]["multiple"] is True
    names = sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["nama"] for p in (REPO / "content/opd").glob("*.yaml"))
    assert sorted(fields["opd"]["attributes"]["options"]) == names
    for name in schema["required"]:
        assert fields[name]["validations"]["required"] is True, name
    assert form["labels"] == ["inovasi-baru"]


def test_the_issue_form_follows_github_issue_form_rules():
    form = yaml.safe_load((REPO / FORM).read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= set(form)
    ids = [item["id"] for item in form["body"] if "id" in item]
    labels = [item["attributes"]["label"] for item in form["body"] if item["type"] != "markdown"]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z0-9_-]+", i) for i in ids), ids
    assert len(labels) == len(set(labels)), labels
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        options = item["attributes"].get("options", [])
        texts = [o["label"] if isinstance(o, dict) else o for o in options]
        assert len(texts) == len(set(texts)) and "None" not in texts, item.get("id")
        assert all(isinstance(t, str) and t.strip() for t in texts), item.get("id")


def test_contributing_keeps_its_generated_regions_and_says_not_to_edit_them():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for region in ("templat-inovasi", "referensi-kolom"):
        assert text.count(f"<!-- {region}:mulai -->") == 1 and text.count(f"<!-- {region}:selesai -->") == 1
    schema = json.loads((REPO / "katalog/schema/inovasi.json").read_text(encoding="utf-8"))
    reference = text.split("<!-- referensi-kolom:mulai -->")[1].split("<!-- referensi-kolom:selesai -->")[0]
    for name, spec in schema["properties"].items():
        assert f"| `{name}` |" in reference, name
        for value in spec.get("enum", []):
            assert f"`{value}`" in reference, (name, value)


def test_generate_refuses_a_guide_that_lost_its_markers(site):
    root = site({"CONTRIBUTING.md": "# Panduan\n\nTanpa penanda.\n"})
    result = run_cli("generate", "--root", str(root))
    assert result.returncode == 1 and "templat-inovasi:mulai" in result.stderr and "Traceback" not in result.output
    assert (root / "CONTRIBUTING.md").read_text(encoding="utf-8") == "# Panduan\n\nTanpa penanda.\n"
