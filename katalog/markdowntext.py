"""Contributor text inside the Markdown the bots post on GitHub: shown as written, never as markup or mentions."""

from __future__ import annotations

import re

ZERO_WIDTH_SPACE = "\u200b"
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def escape_markdown(text: object) -> str:
    """One line of plain text: Markdown punctuation escaped, HTML made inert, @mentions and #refs broken."""
    line = " ".join(str(text).split())
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = MARKDOWN_PUNCTUATION.sub(r"\\\1", line)
    # A zero-width space after @ keeps the text readable but stops GitHub notifying whoever it names.
    return line.replace("@", "@" + ZERO_WIDTH_SPACE)


def code_span(text: object) -> str:
    """A value as inline code, safe inside a table cell: backticks and pipes cannot end it early."""
    value = " ".join(str(text).split()).replace("`", "ˋ").replace("|", "\\|")
    return f"`{value}`" if value else ""
