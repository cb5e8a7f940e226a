"""Strict YAML parsing: positions, and the silent conversions it refuses."""

import time

import pytest

from katalog.yamlsource import YamlProblem, parse_yaml


def test_positions_of_keys_and_list_items_are_1_based_and_offset():
    parsed = parse_yaml("judul: A\nurusan:\n  - kesehatan\n  - sosial\n", first_line=2)
    assert parsed.data == {"judul": "A", "urusan": ["kesehatan", "sosial"]}
    assert parsed.positions[("judul",)] == (2, 1)
    assert parsed.positions[("urusan", 1)] == (5, 5)
    assert parsed.locate(("urusan", 7)) == (3, 1)  # falls back to the deepest existing key


def test_yes_no_and_dates_stay_text_true_false_are_booleans():
    parsed = parse_yaml("a: yes\nb: no\nc: on\nd: 2024-07-29\ne: true\nf: 010\n")
    assert parsed.data == {"a": "yes", "b": "no", "c": "on", "d": "2024-07-29", "e": True, "f": 8}


def test_duplicate_key_is_refused_at_its_second_line():
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("judul: A\ntahun: 2024\njudul: B\n")
    assert (caught.value.code, caught.value.line, caught.value.detail) == ("yaml-kunci-ganda", 3, "judul")


def test_alias_bomb_fails_fast():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for index in range(1, 12):
        previous = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    start = time.perf_counter()
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("\n".join(lines))
    assert caught.value.code == "yaml-alias"
    assert time.perf_counter() - start < 5  # a guard against hanging, not a benchmark


@pytest.mark.parametrize(
    "text, line, detail",
    [
        ("judul: A\n\ttahun: 2024\n", 2, "tab"),
        ('judul: "Antrean\ntahun: 2024\n', 3, "kutip"),
        ("judul: Layanan: Cepat\n", 1, "titik-dua"),
        ("urusan: [kesehatan, sosial\ntahun: 2024\n", 2, "kurung"),
    ],
)
def test_syntax_errors_are_located_with_a_hint(text, line, detail):
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    assert caught.value.code == "yaml-sintaks"
    assert caught.value.line == line
    assert caught.value.detail == detail
