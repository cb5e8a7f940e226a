"""Problems found in a site's sources, worded for contributors from the locale file."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Iterable

from .locale import Locale
from .yamlsource import YamlProblem

ERROR = "error"
WARNING = "warning"

MAX_FOUND_CHARS = 80


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, located and explained."""

    code: str
    level: str
    file: str
    line: int
    column: int
    field: str
    message: str
    found: str
    allowed: str
    suggestion: str


class ProblemFactory:
    """Builds Problems whose wording comes from the locale's `problems` section."""

    def __init__(self, locale: Locale) -> None:
        self._locale = locale

    def make(
        self,
        code: str,
        file: str,
        line: int = 1,
        column: int = 0,
        field: str = "",
        found: object = None,
        allowed: str = "",
        guess: str = "",
        level: str = ERROR,
        **params: object,
    ) -> Problem:
        """A Problem for `code`; `guess` (a near miss) selects the "did you mean" suggestion."""
        texts = self._locale.problem_texts(code)
        shown = show_value(found) if found is not None else ""
        values = {"field": field, "found": shown, "allowed": allowed, "guess": guess, **params}
        suggestion_key = "saran_mirip" if guess and "saran_mirip" in texts else "saran"
        return Problem(
            code=code,
            level=level,
            file=file,
            line=line,
            column=column,
            field=field,
            message=texts["pesan"].format(**values),
            found=shown,
            allowed=allowed,
            suggestion=texts.get(suggestion_key, "").format(**values),
        )


    def from_yaml(self, error: YamlProblem, file: str) -> Problem:
        """A Problem for YAML that could not be read, with a hint in words for the common mistakes."""
        hints = self._locale.problem_texts("yaml-sintaks-petunjuk")
        hint = hints.get(error.detail, hints["lain"]) if error.code == "yaml-sintaks" else ""
        found = error.detail if error.code in ("yaml-kunci-ganda", "yaml-tag") else None
        return self.make(error.code, file, error.line, error.column, found=found, hint=hint, **error.params)


def show_value(value: object) -> str:
    """A contributor-readable rendering of a YAML value, cut to a readable length."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "(kosong)"
    else:
        text = str(value) if isinstance(value, (int, float)) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= MAX_FOUND_CHARS else text[: MAX_FOUND_CHARS - 1] + "…"


def closest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """The allowed value a misspelt `word` most likely meant, or ''."""
    lowered = {choice.lower(): choice for choice in choices}
    key = " ".join(str(word).lower().replace("_", " ").replace("-", " ").split())
    for candidate in (key, key.replace(" ", "_"), key.replace(" ", "-"), key.replace(" ", "")):
        if candidate in lowered:
            return lowered[candidate]
    matches = difflib.get_close_matches(key, list(lowered), n=1, cutoff=0.6)
    return lowered[matches[0]] if matches else ""


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when any problem blocks the build."""
    return any(problem.level == ERROR for problem in problems)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in file order, then line order: the order a contributor fixes them in."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.column, p.code))
