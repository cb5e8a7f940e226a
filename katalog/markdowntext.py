"""Contributor text inside the Markdown the bots post on GitHub: shown as written, never as markup or mentions."""

from __future__ import annotations

import re

ZERO_WIDTH_SPACE = "\u200b"
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()!|~])")  # what can start markup in the middle of a line
CODE_SPAN = re.compile(r"(`[^`]+`)")


def _escape_plain(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    # A zero-width space after @ keeps the text readable but stops GitHub notifying whoever it names.
    return text.replace("@", "@" + ZERO_WIDTH_SPACE)


def escape_markdown(text: object) -> str:
    """One line of text shown as written: code spans (the locale's `kolom` quotes) kept, since GitHub renders
    their content literally; everything else escaped, HTML made inert and @mentions broken."""
    line = " ".join(str(text).split())
    if line.count("`") % 2:
        return _escape_plain(line)
    return "".join(part if CODE_SPAN.fullmatch(part) else _escape_plain(part) for part in CODE_SPAN.split(line))


def code_span(text: object) -> str:
    """A value as inline code, safe inside a table cell: backticks and pipes cannot end it early."""
    value = " ".join(str(text).split()).replace("`", "ˋ").replace("|", "\\|")
    return f"`{value}`" if value else ""
