"""Every message the code can raise has Indonesian wording, and every UI key used exists."""

import re

from conftest import REPO
from katalog.locale import load_locale


def test_every_problem_code_used_in_the_code_has_wording():
    source = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "katalog").rglob("*.py"))
    codes = set(re.findall(r'make\(\s*"([a-z0-9-]+)"', source))
    codes |= set(re.findall(r'YamlProblem\("([a-z0-9-]+)"', source))
    codes |= {f"tipe-{kind}" for kind in ("string", "integer", "array", "object", "boolean")}
    codes |= {f"batas-{kind}" for kind in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum", "uniqueItems")}
    problems = load_locale().problems
    assert len(codes) > 30
    missing = sorted(code for code in codes if code not in problems or "pesan" not in problems[code])
    assert not missing


def test_every_ui_key_used_by_layouts_and_code_exists():
    ui = load_locale().ui
    used = set()
    for path in (REPO / "layouts").rglob("*.html"):
        used |= set(re.findall(r"\bt\.([a-z_]+)", path.read_text(encoding="utf-8")))
    for path in [*(REPO / "katalog").rglob("*.py"), REPO / "build.py"]:
        used |= set(re.findall(r'ui\["([a-z_]+)"\]', path.read_text(encoding="utf-8")))
    assert used and not sorted(key for key in used if key not in ui)


def structure(value):
    """The keys (and list lengths) of a locale, without the wording."""
    if isinstance(value, dict):
        return {key: structure(item) for key, item in value.items()}
    if isinstance(value, list):
        return len(value)
    return "text"


def placeholders(value) -> set[str]:
    return set(re.findall(r"\{(\w+)", value)) if isinstance(value, str) else set()


def test_every_language_has_every_key_and_the_same_placeholders():
    import yaml

    files = sorted((REPO / "katalog" / "locales").glob("*.yaml"))
    assert [f.stem for f in files] == ["en", "id"]
    reference = yaml.safe_load((REPO / "katalog/locales/id.yaml").read_text(encoding="utf-8"))
    for path in files:
        other = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert structure(other) == structure(reference), path.name
        for section in ("ui", "problems"):
            for key, text in reference[section].items():
                if isinstance(text, dict):
                    for sub, wording in text.items():
                        if key != "yaml-sintaks-petunjuk":
                            assert placeholders(other[section][key][sub]) == placeholders(wording), (path.name, key, sub)
                else:
                    assert placeholders(other[section][key]) == placeholders(text), (path.name, key)


def test_an_english_site_speaks_english(site):
    from conftest import run_cli

    root = site()
    config = (root / "site_config.yaml").read_text(encoding="utf-8")
    (root / "site_config.yaml").write_text(config + "language: en\n", encoding="utf-8")
    assert run_cli("build", "--root", str(root)).returncode == 0
    html = (root / "public/inovasi/antrean-daring-puskesmas/index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "29 July 2024" in html and "Rp 150,000,000" in html
    assert "Sample data" in html
    broken = (root / "content/inovasi/dinas-contoh/bank-sampah-digital.md")
    broken.write_text(broken.read_text(encoding="utf-8").replace("tahapan: uji coba", "tahapan: Uji Coba"), encoding="utf-8")
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 1 and "Did you mean `uji coba`?" in result.stderr, result.stderr
