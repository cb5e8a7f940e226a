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
