"""No input breaks check: random bytes and mutated entries always end in located problems, never a crash."""

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SITES, make_site
from katalog.locale import load_locale
from katalog.pipeline import check
from katalog.report import FORMATS, format_problems
from katalog.yamlsource import parse_yaml

TARGETS = ["content/inovasi/dinas-contoh/acak.md", "content/opd/dinas-contoh.yaml", "site_config.yaml"]
VALID = (SITES / "mini" / "content/inovasi/dinas-contoh/antrean-daring-puskesmas.md").read_text(encoding="utf-8")
YAML_CHARS = st.sampled_from(list(":-[]{}#&*!|>'\"%@,?\t\n ~\\`=<") + ["---", "\n  - ", ": ", "yes", "010", "2024-13-45",
                                                                            "!!binary aGk=", "!!timestamp 2024-01-01", "!!set", "!x", "&a", "*a"])
SETTINGS = settings(max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.too_slow])


def assert_checked_cleanly(root, data: bytes, target: str = TARGETS[0]) -> None:
    (root / target).write_bytes(data)
    result = check(root)
    mine = [p for p in result.problems if p.file == target]
    for problem in result.problems:
        assert problem.file and problem.line >= 1 and problem.code and problem.message, problem
    if not mine:
        assert result.ok or any(p.level == "error" for p in result.problems)
    for style in FORMATS:
        format_problems(result.problems, load_locale(), style)


@SETTINGS
@given(data=st.binary(max_size=3000), target=st.sampled_from(TARGETS))
def test_random_bytes_in_any_source_file(tmp_path_factory, data, target):
    root = make_site(tmp_path_factory.mktemp("fuzz") / "site")
    assert_checked_cleanly(root, data, target)


@st.composite
def mutated(draw, text: str) -> str:
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if action == "insert":
            text = text[:position] + "".join(draw(st.lists(YAML_CHARS | st.characters(), max_size=8))) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 40)):]
        else:
            lines = text.split("\n")
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[index])
            text = "\n".join(lines)
    return text


@SETTINGS
@given(data=st.data(), target=st.sampled_from(TARGETS))
def test_mutated_valid_sources(tmp_path_factory, data, target):
    root = make_site(tmp_path_factory.mktemp("fuzz") / "site")
    original = (root / target).read_text(encoding="utf-8") if (root / target).exists() else VALID
    text = data.draw(mutated(original))
    assert_checked_cleanly(root, text.encode("utf-8", "surrogatepass"), target)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
FIELDS = st.sampled_from(["judul", "tahun", "tahapan", "jenis", "bentuk", "urusan", "ringkasan", "gambar", "kontak",
                          "tautan", "sdgs", "tanggal_penerapan", "aliases", "draft", "anggaran", "lain"])


@SETTINGS
@given(front=st.dictionaries(FIELDS, json_values, max_size=10))
def test_front_matter_of_any_shape(tmp_path_factory, front):
    root = make_site(tmp_path_factory.mktemp("fuzz") / "site")
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n## Latar Belakang\n\nIsi.\n"
    assert_checked_cleanly(root, text.encode("utf-8", "surrogatepass"))


VALID_FRONT = parse_yaml(VALID.split("---\n")[1]).data
NEAR_VALID = st.builds(
    lambda updates, removed: {**{k: v for k, v in VALID_FRONT.items() if k not in removed}, **updates},
    st.dictionaries(FIELDS, json_values | st.sampled_from(["2024-02-30", "2024-07-29", "a@b.c", "https://x.id", "../a.png"]), max_size=3),
    st.sets(FIELDS, max_size=2),
)


@settings(max_examples=400, deadline=None)
@given(front=NEAR_VALID | st.dictionaries(FIELDS, json_values, max_size=8))
def test_fast_schema_check_agrees_with_jsonschema(front):
    # jsonschema-rs answers "valid?" for speed; jsonschema words the failures. They must never disagree.
    from katalog.schemas import _validator, is_valid

    assert is_valid("inovasi", front) == (not any(True for _ in _validator("inovasi").iter_errors(front)))
