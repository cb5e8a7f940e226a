"""site_config.yaml -> a frozen SiteConfig (unknown keys are errors, with a suggestion)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from .locale import Locale, load_locale
from .problems import Problem, ProblemFactory
from .schemas import check_against_schema, load_schema
from .yamlsource import YamlProblem, parse_yaml

CONFIG_FILE = "site_config.yaml"
SITE_FOLDERS = ("content", "layouts", "assets")
MIN_TEXT_CONTRAST = 4.5  # WCAG 2.2 AA for normal text: white text on the primary colour


@dataclass(frozen=True)
class DataLicense:
    """The licence of the open data under /data/, as a Data Package names it."""

    name: str  # SPDX code, e.g. CC-BY-4.0
    title: str
    path: str  # URL of the licence text


@dataclass(frozen=True)
class SiteConfig:
    """Settings of one regional catalogue; every field is documented in schema/site_config.json."""

    root: Path
    site_name: str
    region: str
    province: str
    base_url: str
    language: str
    demo: bool
    repo_url: str
    page_size: int
    search_split_above: int  # published entries above which the search index is split per year
    batas_kedaluwarsa_bulan: int  # months without a commit before an entry is called out of date
    color_primary: str
    color_accent: str
    logo: str
    data_license: DataLicense
    urusan: tuple[str, ...]
    github_admin_team: str
    target_per_tahun: int = 5  # innovations each OPD commits to per year; 0: no target

    @property
    def base_path(self) -> str:
        """The path part of base_url ('/' or '/repo/'), prefixed to every internal link."""
        return urlsplit(self.base_url).path or "/"

    @property
    def locale(self) -> Locale:
        """The strings of the configured language."""
        return load_locale(self.language)

    def with_base_url(self, base_url: str) -> "SiteConfig":
        """The same config published at another address (preview server, GitHub Pages)."""
        return replace(self, base_url=base_url.rstrip("/") + "/")


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def load_config(root: Path) -> tuple[SiteConfig | None, list[Problem]]:
    """Read and check <root>/site_config.yaml; returns (None, problems) when it is unusable."""
    factory = ProblemFactory(load_locale())
    path = root / CONFIG_FILE
    if not path.is_file():
        return None, [factory.make("config-tidak-ada", CONFIG_FILE, root=str(root))]
    try:
        parsed = parse_yaml(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        return None, [factory.make("bukan-utf8", CONFIG_FILE)]
    except YamlProblem as problem:
        return None, [factory.from_yaml(problem, CONFIG_FILE)]
    if not isinstance(parsed.data, dict):
        return None, [factory.make("config-bukan-peta", CONFIG_FILE, 1, 1)]
    problems = check_against_schema("site_config", parsed, CONFIG_FILE, factory)
    problems += [
        factory.make("folder-situs-hilang", folder + "/", folder=folder)
        for folder in SITE_FOLDERS if not (root / folder).is_dir()
    ]
    data = parsed.data
    primary = data.get("color_primary")
    if not problems and primary and contrast_ratio(primary, "#ffffff") < MIN_TEXT_CONTRAST:
        problems.append(factory.make(
            "warna-kurang-kontras", CONFIG_FILE, *parsed.locate(("color_primary",)), "color_primary",
            found=primary, ratio=f"{contrast_ratio(primary, '#ffffff'):.1f}",
        ))
    logo = data.get("logo")
    if not problems and logo and not (root / "assets" / logo).is_file():
        problems.append(factory.make("logo-tidak-ada", CONFIG_FILE, *parsed.locate(("logo",)), "logo", found=logo))
    if problems:
        return None, problems
    defaults = {key: spec["default"] for key, spec in load_schema("site_config")["properties"].items() if "default" in spec}
    values = {**defaults, **data}
    config = SiteConfig(
        root=root,
        site_name=values["site_name"],
        region=values["region"],
        province=values["province"],
        base_url=values["base_url"],
        language=values["language"],
        demo=values["demo"],
        repo_url=values["repo_url"],
        page_size=values["page_size"],
        search_split_above=values["search_split_above"],
        batas_kedaluwarsa_bulan=values["batas_kedaluwarsa_bulan"],
        color_primary=values["color_primary"],
        color_accent=values["color_accent"],
        logo=values["logo"],
        data_license=DataLicense(**values["data_license"]),
        urusan=tuple(values["urusan"]),
        target_per_tahun=values["target_per_tahun"],
        github_admin_team=values["github_admin_team"],
    )
    return config, []
