"""`new`: a fresh innovation file from templates/inovasi-baru.md, every field explained from the schema."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .config import SiteConfig
from .entryfile import dump_yaml
from .model import slugify
from .problems import closest
from .schemas import load_schema
from .yamlsource import YamlProblem, parse_yaml

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "inovasi-baru.md"
COMMENT_WIDTH = 110


class Refusal(Exception):
    """Why `new` wrote nothing: a locale `ui` key and its parameters."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class FieldGuide:
    """One front-matter field as the template shows it: explanation, choices and YAML lines."""

    name: str
    about: tuple[str, ...]  # comment lines: title and description
    choices: tuple[str, ...]  # comment lines listing the allowed values or sub-fields
    lines: tuple[str, ...]  # the YAML, to be written as is (required) or commented out (optional)


def one_line(text: object) -> str:
    """Text safe inside a one-line YAML comment."""
    return " ".join(str(text).split())


def explanation(spec: dict) -> str:
    """A field's description for people editing the file, with its writing tip (`x-petunjuk`) when it has one."""
    return one_line(" ".join(part for part in (spec.get("description", ""), spec.get("x-petunjuk", "")) if part))


def opd_names(root: Path) -> dict[str, str]:
    """OPD slug -> name (or the slug when its record cannot be read), for every content/opd/*.yaml."""
    names = {}
    for path in sorted((root / "content" / "opd").glob("*.yaml")):
        try:
            data = parse_yaml(path.read_text(encoding="utf-8-sig")).data
        except (UnicodeDecodeError, YamlProblem):
            data = None
        names[path.stem] = one_line(data["nama"]) if isinstance(data, dict) and isinstance(data.get("nama"), str) else path.stem
    return names


def opd_abbreviations(root: Path) -> dict[str, str]:
    """Lowercased `singkatan` -> OPD slug, so `--opd dinkes` can be pointed to its folder."""
    found = {}
    for path in sorted((root / "content" / "opd").glob("*.yaml")):
        try:
            data = parse_yaml(path.read_text(encoding="utf-8-sig")).data
        except (UnicodeDecodeError, YamlProblem):
            continue
        if isinstance(data, dict) and isinstance(data.get("singkatan"), str):
            found.setdefault(data["singkatan"].lower(), path.stem)
    return found


def _choices(name: str, spec: dict, config: SiteConfig) -> tuple[str, ...]:
    """Comment lines naming what a field may hold: enum values, the config's urusan list, or sub-fields."""
    values = spec.get("enum") or (list(config.urusan) if name == "urusan" else [])
    if values:
        lines = ["Pilih satu:" if "enum" in spec else "Pilih dari daftar urusan di site_config.yaml:"]
        for index, value in enumerate(values):
            piece = f"{value} |" if index < len(values) - 1 else str(value)
            if len(lines[-1]) + 1 + len(piece) > COMMENT_WIDTH:
                lines.append("  " + piece)  # break between values only, so each value stays copyable whole
            else:
                lines[-1] += " " + piece
        return tuple(lines)
    parts = spec.get("properties") or spec.get("items", {}).get("properties") or {}
    return tuple(f"  · {part}: {one_line(item.get('description', ''))}" for part, item in parts.items())


def _placeholder(spec: dict) -> object:
    """The empty value a required field starts with: `check` refuses it until it is filled in."""
    return [""] if spec.get("type") == "array" else ""


def field_guides(config: SiteConfig, values: dict[str, object]) -> tuple[tuple[FieldGuide, ...], tuple[FieldGuide, ...]]:
    """(required, optional) fields of schema/inovasi.json in schema order; `values` pre-fills required ones."""
    schema = load_schema("inovasi")
    required, optional = [], []
    for name, spec in schema["properties"].items():
        is_required = name in schema["required"]
        if is_required:
            value = values.get(name, _placeholder(spec))
        else:
            # An example to uncomment; a test fails for a field added to the schema without one.
            value = spec.get("examples", [_placeholder(spec)])[0]
        about = textwrap.wrap(f"{one_line(spec['title'])}: {explanation(spec)}", COMMENT_WIDTH)
        guide = FieldGuide(
            name, tuple(about), _choices(name, spec, config),
            tuple(dump_yaml({name: value}).splitlines()),
        )
        (required if is_required else optional).append(guide)
    return tuple(required), tuple(optional)


def existing_entry(root: Path, slug: str) -> Path | None:
    """The innovation file already using `slug`, in any OPD folder."""
    return next(iter(sorted((root / "content" / "inovasi").glob(f"*/{slug}.md"))), None)


def render_entry(config: SiteConfig, opd: str, opd_name: str, slug: str, title: str, year: int | str) -> str:
    """The text of a new innovation file."""
    environment = Environment(
        # The output is YAML and Markdown, not HTML; values reach it only through dump_yaml or one_line.
        loader=FileSystemLoader(TEMPLATES), autoescape=False, undefined=StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )
    required, optional = field_guides(config, {"judul": title, "tahun": year})
    return environment.get_template(TEMPLATE).render(
        opd_name=one_line(opd_name), path=f"content/inovasi/{opd}/{slug}.md", slug=slug,
        required=required, optional=optional,
    )


def new_entry(config: SiteConfig, opd: str, title: str, today: dt.date) -> Path:
    """Write content/inovasi/<opd>/<slug>.md for `title`; Refusal when the OPD is unknown or the slug is taken."""
    root = config.root
    names = opd_names(root)
    if opd not in names:
        guess = opd_abbreviations(root).get(opd.lower()) or closest(opd, sorted(names))
        raise Refusal("baru_opd_tidak_dikenal", opd=opd, guess=guess)
    title = one_line(title)
    slug = slugify(title)
    if not slug:
        raise Refusal("baru_judul_tanpa_huruf", title=title)
    taken = existing_entry(root, slug)
    if taken is not None:
        raise Refusal("baru_slug_dipakai", slug=slug, path=taken.relative_to(root).as_posix())
    target = root / "content" / "inovasi" / opd / f"{slug}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as file:  # "x": never overwrite, even if a file appeared meanwhile
        file.write(render_entry(config, opd, names[opd], slug, title, today.year))
    return target
