"""Strict YAML parsing that keeps the line and column of every key and value.

Contributors write YAML by hand, so the loader refuses what YAML would otherwise
do silently: duplicate keys (YAML keeps the last), anchors and aliases (an alias
bomb expands exponentially), `yes`/`no`/`on`/`off` as booleans and unquoted dates
turned into date objects. Values stay plain JSON types so the JSON Schema can
judge them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

Path_ = tuple[str | int, ...]

MAX_DEPTH = 20


class YamlProblem(Exception):
    """A YAML text that cannot be read; carries a 1-based line and column."""

    def __init__(self, code: str, line: int, column: int, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.line = line
        self.column = column
        self.detail = detail


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-style booleans and no implicit timestamps."""


# Rebuild the implicit resolvers without `timestamp` and with true/false only.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass(frozen=True)
class Parsed:
    """A parsed YAML document and the 1-based (line, column) of each path in it."""

    data: object
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_) -> tuple[int, int]:
        """Position of the deepest existing prefix of `path` (the document start if none)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return (1, 1)


def parse_yaml(text: str, first_line: int = 1) -> Parsed:
    """Parse one YAML document; lines are offset so they match the containing file."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line if mark else 0) + first_line
        column = (mark.column if mark else 0) + 1
        raise YamlProblem("yaml-sintaks", line, column, _describe_yaml_error(error, text)) from None
    except yaml.YAMLError as error:
        raise YamlProblem("yaml-sintaks", first_line, 1, str(error)) from None
    finally:
        loader.dispose()
    positions: dict[Path_, tuple[int, int]] = {}
    if node is None:
        return Parsed(None, positions)
    data = _construct(loader, node, (), positions, first_line, set())
    return Parsed(data, positions)


def _construct(loader, node, path: Path_, positions, first_line: int, seen: set[int]):
    """Turn a composed node into plain Python values, recording positions."""
    line, column = node.start_mark.line + first_line, node.start_mark.column + 1
    positions.setdefault(path, (line, column))
    if id(node) in seen:
        # The composer hands back the same node object for every alias of an anchor.
        raise YamlProblem("yaml-alias", line, column)
    seen.add(id(node))
    if len(path) > MAX_DEPTH:
        raise YamlProblem("yaml-terlalu-dalam", line, column)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem("yaml-alias", key_node.start_mark.line + first_line, key_node.start_mark.column + 1)
            key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            key_line = key_node.start_mark.line + first_line
            key_column = key_node.start_mark.column + 1
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise YamlProblem("yaml-kunci-ganda", key_line, key_column, key)
            positions[path + (key,)] = (key_line, key_column)
            result[key] = _construct(loader, value_node, path + (key,), positions, first_line, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(loader, item, path + (index,), positions, first_line, seen)
            for index, item in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node)
    except yaml.YAMLError as error:
        raise YamlProblem("yaml-nilai", line, column, str(error)) from None


def _describe_yaml_error(error: yaml.MarkedYAMLError, text: str) -> str:
    """A short English-free hint code for the most common hand-written YAML mistakes."""
    problem = (error.problem or "") + " " + (error.context or "")
    if "\t" in problem or "tab" in problem:
        return "tab"
    if "found character '\\t'" in str(error):
        return "tab"
    if "mapping values are not allowed" in problem:
        return "titik-dua"
    if "while scanning a quoted scalar" in problem or "found unexpected end of stream" in problem:
        return "kutip"
    if "flow sequence" in problem or "flow mapping" in problem or "expected ',' or ']'" in problem:
        return "kurung"
    if "could not find expected ':'" in problem:
        return "titik-dua-hilang"
    if "indentation" in problem or "expected <block end>" in problem:
        return "indentasi"
    return "lain"
