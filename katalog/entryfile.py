"""Writing innovation files: front matter YAML in the contributors' style that the strict reader reads back unchanged."""

from __future__ import annotations

import yaml


class _IndentedDumper(yaml.SafeDumper):
    """Safe dumping with list items indented under their key (`  - kesehatan`), as CONTRIBUTING.md shows."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        """Double quotes wherever YAML needs quotes (the kind CONTRIBUTING.md teaches); blocks for multi-line text."""
        if isinstance(self.event, yaml.ScalarEvent) and "\n" in self.event.value and self.event.style is None:
            self.event.style = "|"
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def dump_yaml(data: dict) -> str:
    """Block-style YAML for `data`, keys in the given order; strings that YAML would misread come out quoted."""
    return yaml.dump(
        data, Dumper=_IndentedDumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000,
    )


def innovation_text(front_matter: dict, body: str) -> str:
    """A whole innovation file: the front matter between `---` fences, then the Markdown body."""
    return f"---\n{dump_yaml(front_matter)}---\n\n{body.strip()}\n"
