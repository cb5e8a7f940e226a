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


def test_yaml_11_silent_conversions_stay_text():
    parsed = parse_yaml("a: yes\nb: no\nc: on\nd: 2024-07-29\nf: 010\ng: 1_000\nh: 1:20\n")
    assert parsed.data == {"a": "yes", "b": "no", "c": "on", "d": "2024-07-29", "f": "010", "g": "1_000", "h": "1:20"}


def test_plain_numbers_booleans_and_null_keep_their_types():
    parsed = parse_yaml("a: 2024\nb: -5\nc: 1.5\nd: true\ne: False\nf: ~\ng:\n")
    assert parsed.data == {"a": 2024, "b": -5, "c": 1.5, "d": True, "e": False, "f": None, "g": None}


def test_duplicate_key_names_both_lines():
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("judul: A\ntahun: 2024\njudul: B\n")
    assert caught.value.params == {"first_line": 1}


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
        ('judul: "Antrean\ntahun: 2024\n', 1, "kutip"),  # where the quote was opened
        ("judul: Layanan: Cepat\n", 1, "titik-dua"),
        ("urusan: [kesehatan, sosial\ntahun: 2024\n", 1, "kurung"),
    ],
)
def test_syntax_errors_are_located_with_a_hint(text, line, detail):
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    assert caught.value.code == "yaml-sintaks"
    assert caught.value.line == line
    assert caught.value.detail == detail
