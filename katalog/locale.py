"""Translation files: every UI string and contributor message lives in locales/<lang>.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import yaml

LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "id"


@dataclass(frozen=True)
class Locale:
    """The strings of one language: `ui` for pages and the CLI, `problems` for validation."""

    language: str
    ui: Mapping[str, str]
    problems: Mapping[str, Mapping[str, str]]

    def problem_texts(self, code: str) -> Mapping[str, str]:
        """The wording of one problem code; a missing code is a bug in the generator."""
        return self.problems[code]


@lru_cache(maxsize=None)
def load_locale(language: str = DEFAULT_LANGUAGE) -> Locale:
    """Read locales/<language>.yaml (shipped with the generator, so trusted)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster
    data = yaml.load((LOCALES_DIR / f"{language}.yaml").read_text(encoding="utf-8"), Loader=loader)
    return Locale(
        language=language,
        ui=MappingProxyType(dict(data["ui"])),
        problems=MappingProxyType({code: MappingProxyType(dict(texts)) for code, texts in data["problems"].items()}),
    )
