"""The JSON Schemas of the content contract, and their failures as located Problems."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from .problems import Problem, ProblemFactory, closest
from .yamlsource import Parsed

SCHEMA_DIR = Path(__file__).parent / "schema"


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    """One schema from katalog/schema/<name>.json."""
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(name), format_checker=FormatChecker(formats=("date",)))


@lru_cache(maxsize=None)
def _fast_validator(name: str):
    return jsonschema_rs.validator_for(load_schema(name), validate_formats=True)


def is_valid(name: str, data: object) -> bool:
    """A quick yes/no from the compiled (Rust) validator; None-safe for values it cannot take."""
    try:
        return _fast_validator(name).is_valid(data)
    except (ValueError, TypeError, OverflowError):
        return False  # e.g. an integer too large for it: let the full validator explain


def check_against_schema(name: str, parsed: Parsed, file: str, factory: ProblemFactory) -> list[Problem]:
    """Every schema failure of `parsed`, each located at its key and worded for a contributor."""
    # Most files are valid: jsonschema-rs says so ~50x faster; jsonschema words the failures.
    if is_valid(name, parsed.data):
        return []
    validator = _validator(name)
    problems = []
    for error in sorted(validator.iter_errors(parsed.data), key=lambda e: list(map(str, e.absolute_path))):
        problems.extend(_to_problems(error, load_schema(name), parsed, file, factory))
    return problems


def _field_name(path) -> str:
    """`kontak.email`, `tautan[2].url`: the way a contributor would point at a field."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _subschema(schema: dict, path) -> dict:
    """The schema that describes the value at `path` (for titles and descriptions)."""
    node = schema
    for part in path:
        node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
    return node


def _guess_iso_date(value: object) -> str:
    """29/07/2025, 29-07-2025 or 29.07.2025 -> 2025-07-29 when that is a real date."""
    match = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", str(value))
    if not match:
        return ""
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def _guess_url(value: object) -> str:
    text = str(value).strip()
    return "https://" + text if re.fullmatch(r"[\w-]+(\.[\w-]+)+(/\S*)?", text) else ""


GUESSERS = {"format-tanggal": _guess_iso_date, "format-url": _guess_url}


def _to_problems(error: ValidationError, root: dict, parsed: Parsed, file: str, factory: ProblemFactory) -> list[Problem]:
    path = tuple(error.absolute_path)
    line, column = parsed.locate(path)
    field = _field_name(path)
    description = _subschema(root, path).get("description", "")
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1]
        name = _field_name(path + (missing,))
        return [factory.make("wajib-diisi", file, line, column, name, description=_subschema(root, path + (missing,)).get("description", ""))]
    if kind == "additionalProperties":
        allowed_keys = sorted(schema.get("properties", {}))
        extra = [key for key in error.instance if key not in schema.get("properties", {})]
        return [
            factory.make(
                "kolom-tidak-dikenal", file, *parsed.locate(path + (key,)), _field_name(path + (key,)),
                found=key, allowed=", ".join(allowed_keys), guess=closest(key, allowed_keys),
            )
            for key in extra
        ]
    if kind == "enum":
        choices = [str(choice) for choice in error.validator_value]
        if error.instance == "":  # e.g. the `""` that `new` leaves to be filled in
            return [factory.make("kosong", file, line, column, field, allowed=", ".join(choices), description=description)]
        return [factory.make(
            "nilai-tidak-dikenal", file, line, column, field, found=error.instance,
            allowed=", ".join(choices), guess=closest(str(error.instance), choices), description=description,
        )]
    if kind == "type" and error.instance in (None, ""):
        return [factory.make("kosong", file, line, column, field, description=description)]
    if kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        return [factory.make(f"tipe-{expected}", file, line, column, field, found=error.instance, description=description)]
    if kind in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum", "uniqueItems"):
        limit = error.validator_value
        length = len(error.instance) if isinstance(error.instance, (str, list)) else error.instance
        empty = kind in ("minLength", "minItems") and length == 0
        return [factory.make(
            "kosong" if empty else f"batas-{kind}", file, line, column, field,
            found=None if empty else error.instance, limit=limit, length=length, description=description,
        )]
    if kind in ("pattern", "format"):
        code = schema.get("x-kode", "format-salah")
        guess = GUESSERS.get(code, lambda value: "")(error.instance)
        return [factory.make(code, file, line, column, field, found=error.instance, guess=guess, description=description)]
    return [factory.make("tidak-sesuai", file, line, column, field, found=error.instance, description=description)]
