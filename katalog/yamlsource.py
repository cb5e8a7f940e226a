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
    """A YAML text that cannot be read; carries a 1-based line and column and wording parameters."""

    def __init__(self, code: str, line: int, column: int, detail: str = "", **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.line = line
        self.column = column
        self.detail = detail
        self.params = params


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when installed: ~10x faster


class _StrictLoader(_Base):
    """Safe loading with YAML 1.2-like scalars: only true/false are booleans, only plain decimals are
    numbers; dates, `yes`/`no`, `010` (octal in YAML 1.1), `1_000` and `1:20` (base 60) stay text."""


# Plain scalars are typed in _scalar() rather than by PyYAML's resolver, which libyaml calls back
# into Python for every scalar; no implicit resolvers keeps parsing several times faster.
_StrictLoader.yaml_implicit_resolvers = {}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
STR, SEQ, MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
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
    if _may_nest_deeper_than(text, MAX_DEPTH):
        _refuse_deep_nesting(text, first_line)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        detail = _describe_yaml_error(error, text)
        # An unclosed quote or bracket is noticed lines later; point at where it was opened.
        mark = error.context_mark if detail in ("kutip", "kurung") and error.context_mark else error.problem_mark
        mark = mark or error.context_mark
        line = (mark.line if mark else 0) + first_line
        column = (mark.column if mark else 0) + 1
        raise YamlProblem("yaml-sintaks", line, column, detail) from None
    except yaml.YAMLError as error:
        raise YamlProblem("yaml-sintaks", first_line, 1, str(error)) from None
    finally:
        loader.dispose()
    positions: dict[Path_, tuple[int, int]] = {}
    if node is None:
        return Parsed(None, positions)
    try:
        data = _construct(loader, node, (), positions, first_line, set())
    except YamlProblem as problem:
        if problem.code == "yaml-alias":
            line, column = _first_alias(text)
            raise YamlProblem("yaml-alias", line + first_line, column + 1) from None
        raise
    return Parsed(data, positions)


def _may_nest_deeper_than(text: str, limit: int) -> bool:
    """Cheap bound: each level of nesting needs a [ { - or ? or one more column of indentation."""
    indicators = text.count("[") + text.count("{") + text.count("-") + text.count("?")
    if indicators <= limit:
        indent = max((len(spaces) for spaces in re.findall(r"^ +", text, re.M)), default=0)
        return indicators + indent > limit
    return True


def _refuse_deep_nesting(text: str, first_line: int) -> None:
    """Stop at the first node nested more than MAX_DEPTH deep, reading events only.

    Composing a 50,000-deep document takes gigabytes and overflows the C stack of libyaml's composer,
    so depth is checked on the event stream before any node is built.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_StrictLoader):
            if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)) and depth > MAX_DEPTH:
                mark = event.start_mark
                raise YamlProblem("yaml-terlalu-dalam", mark.line + first_line, mark.column + 1)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error: the full parse reports it with its hint


def _first_alias(text: str) -> tuple[int, int]:
    """0-based position of the first `*alias` (or `<<` merge); only run once an alias is known to exist."""
    for event in yaml.parse(text, Loader=_StrictLoader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line, event.start_mark.column
    return 0, 0


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
    if node.tag not in PLAIN_TAGS:
        # Explicit tags (!!binary, !!timestamp, !!set, custom !tags) make values the contract has no words for.
        raise YamlProblem("yaml-tag", line, column, node.tag.replace("tag:yaml.org,2002:", "!!"))
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + first_line
            key_column = key_node.start_mark.column + 1
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" and not key_node.style:
                raise YamlProblem("yaml-alias", key_line, key_column)  # a merge key copies another mapping
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in result:
                first = positions[path + (key,)][0]
                raise YamlProblem("yaml-kunci-ganda", key_line, key_column, key, first_line=first)
            positions[path + (key,)] = (key_line, key_column)
            result[key] = _construct(loader, value_node, path + (key,), positions, first_line, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(loader, item, path + (index,), positions, first_line, seen)
            for index, item in enumerate(node.value)
        ]
    return _scalar(node, line, column)


def _scalar(node: yaml.ScalarNode, line: int, column: int):
    """A scalar's value: only true/false are booleans and only plain decimals are numbers (YAML 1.2-like)."""
    tag, value = node.tag, node.value
    try:
        if tag == STR and not node.style:  # plain (unquoted) text: typed here (libyaml says "", PyYAML None)
            if value in _BOOLEANS:
                return _BOOLEANS[value]
            if value in _NULLS:
                return None
            if _INT.fullmatch(value):
                return int(value)
            if _FLOAT.fullmatch(value):
                return float(value)
            return value
        if tag == STR:
            return value
        if tag == "tag:yaml.org,2002:int":
            return int(value)
        if tag == "tag:yaml.org,2002:bool":
            return _BOOLEANS[value]
        if tag == "tag:yaml.org,2002:null":
            return None
        return float(value)
    except (ValueError, KeyError):
        raise YamlProblem("yaml-nilai", line, column, value) from None


def _describe_yaml_error(error: yaml.MarkedYAMLError, text: str) -> str:
    """A hint key (see locales: yaml-sintaks-petunjuk) for the common hand-written YAML mistakes."""
    problem = f"{error.problem or ''} {error.context or ''}"
    mark = error.problem_mark
    lines = text.split("\n")
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        return "tab"
    if "tab" in problem:
        return "tab"
    if mark is not None and mark.line < len(lines) and re.search(r":\s+-\s", lines[mark.line]):
        return "daftar-satu-baris"
    if "quoted scalar" in problem:
        return "kutip"
    if "flow sequence" in problem or "flow mapping" in problem:
        return "kurung"
    if "mapping values are not allowed" in problem:
        return "titik-dua"
    if "could not find expected ':'" in problem:
        return "titik-dua-hilang"
    if "block mapping" in problem or "block sequence" in problem or "indentation" in problem:
        return "indentasi"
    return "lain"
