"""`generate`: the repository files made from the content and schemas (field reference, CODEOWNERS, issue form)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .codeowners import CODEOWNERS_FILE, codeowners_text
from .config import SiteConfig
from .contributing import CONTRIBUTING_FILE, with_generated_regions
from .issueform import FORM_FILE, form_yaml
from .locale import load_locale
from .model import Catalog


@dataclass(frozen=True)
class GeneratedFile:
    """A file under the site root and the text it should have."""

    path: str
    text: str

    def is_current(self, root: Path) -> bool:
        target = root / self.path
        return target.is_file() and target.read_text(encoding="utf-8") == self.text


def generated_files(config: SiteConfig, catalog: Catalog) -> tuple[GeneratedFile, ...]:
    """Every generated file as it should read now."""
    root = config.root
    opds = {opd.slug: opd.name for opd in catalog.opds}
    files = [
        GeneratedFile(CODEOWNERS_FILE, codeowners_text(config, catalog.opds, config.locale)),
        GeneratedFile(FORM_FILE, form_yaml(config, opds, config.locale)),
    ]
    guide = root / CONTRIBUTING_FILE
    if guide.is_file():  # a region's own site may keep its guide elsewhere
        # The guide is Indonesian whatever the site's language, like the front-matter keys it explains.
        text = with_generated_regions(guide.read_text(encoding="utf-8"), config, load_locale("id"))
        files.insert(0, GeneratedFile(CONTRIBUTING_FILE, text))
    return tuple(files)


def write_generated(root: Path, files: tuple[GeneratedFile, ...]) -> list[str]:
    """Write the files that differ; returns their paths."""
    written = []
    for file in files:
        if not file.is_current(root):
            target = root / file.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(file.text, encoding="utf-8")
            written.append(file.path)
    return written
