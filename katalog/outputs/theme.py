"""/assets/tema.css: the site's colours from site_config.yaml as CSS custom properties."""

from __future__ import annotations

from ..config import SiteConfig

THEME_FILE = "tema.css"


def theme_css(config: SiteConfig) -> bytes:
    """Custom properties that assets/style.css uses for the header, buttons and focus ring."""
    return (
        "/* Dibuat dari site_config.yaml (color_primary, color_accent). */\n"
        f":root {{ --brand: {config.color_primary}; --brand-accent: {config.color_accent}; }}\n"
    ).encode("utf-8")
