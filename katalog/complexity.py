"""Bounds on a Markdown body that keep rendering it fast and shallow, checked before anything is rendered.

Python-Markdown and the sanitiser slow down sharply on a few shapes no real entry has: deeply nested
quotes and lists (recursion), unclosed or stacked `[` (each one rescans the rest of its paragraph),
stacked emphasis (one level of recursion each), long runs of mixed * _ ~, many HTML tags and thousands
of headings. Within these limits
any body of up to 1 MB renders in seconds; beyond them the contributor is told where and why.
"""

from __future__ import annotations

import re

from .content import SourceDocument
from .problems import Problem, ProblemFactory

MAX_NESTING = 16  # quote, list and indentation levels at the start of a line
MAX_BRACKET_DEPTH = 6  # [ open at once in a paragraph, unclosed ones included
MAX_EMPHASIS_DEPTH = 10  # * _ ~ delimiters open at once in a paragraph
MAX_EMPHASIS_MARKS = 5000  # * _ ~ in a body: each costs the emphasis patterns a scan
MAX_HTML_TAGS = 100  # raw HTML tags (or autolinks) in a body: each rescans the rest of its paragraph
MAX_HEADINGS = 200  # headings in a body: each new anchor id is checked against all earlier ones

# Only a line starting with this many of these characters can nest deeper (a literal \n searches fast).
LINE_PREFIX = re.compile(r"\n([ \t>*+\-0-9.)]{%d,})" % (MAX_NESTING + 1))
NESTING_UNIT = re.compile(r" {4}|\t| {0,3}(?:>|[-*+](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$))")
# A blank line ends a paragraph (Markdown's unit of inline work), so it closes whatever was open.
BRACKET = re.compile(r"\n[ \t]*\n|[\[\]]")
DELIMITER_RUN = re.compile(r"\n[ \t]*\n|[*_~]+")
EMPHASIS_MARK = re.compile(r"[*_~]")
HTML_TAG = re.compile(r"<[A-Za-z/!?]")  # what Markdown may take for a tag, comment or autolink
HEADING = re.compile(r"^ {0,3}(?:#{1,6}(?=[ \t]|$)|=+[ \t]*$|-+[ \t]*$)", re.M)  # ATX and setext underlines


def check_body_complexity(document: SourceDocument, factory: ProblemFactory) -> list[Problem]:
    """One problem per kind of excess (at its first place), so a hostile body cannot flood the report."""
    body, rel = document.body, document.rel
    problems = []

    def report(code: str, offset: int, **params: object) -> None:
        problems.append(factory.make(code, rel, document.body_line + body.count("\n", 0, offset), 0, "", **params))

    deep = next((match for match in LINE_PREFIX.finditer("\n" + body) if _nesting(match.group(1)) > MAX_NESTING), None)
    if deep:
        report("isi-terlalu-bertingkat", deep.start(), limit=MAX_NESTING)  # "\n" + body: the offset of the line
    # The counts are quick upper bounds: most bodies never need the scans.
    if body.count("[") > MAX_BRACKET_DEPTH and (offset := _brackets_too_deep(body)) >= 0:
        report("isi-kurung-bertumpuk", offset, limit=MAX_BRACKET_DEPTH)
    marks = body.count("*") + body.count("_") + body.count("~")
    if marks > MAX_EMPHASIS_DEPTH and (offset := _emphasis_too_deep(body)) >= 0:
        report("isi-penekanan-bertumpuk", offset, limit=MAX_EMPHASIS_DEPTH)
    if marks > MAX_EMPHASIS_MARKS:
        offset = next(mark.start() for index, mark in enumerate(EMPHASIS_MARK.finditer(body)) if index == MAX_EMPHASIS_MARKS)
        report("isi-penekanan-berlebihan", offset, found=marks, limit=MAX_EMPHASIS_MARKS)
    if body.count("<") > MAX_HTML_TAGS:
        tags = list(HTML_TAG.finditer(body))
        if len(tags) > MAX_HTML_TAGS:
            report("isi-html-berlebihan", tags[MAX_HTML_TAGS].start(), found=len(tags), limit=MAX_HTML_TAGS)
    if body.count("#") + body.count("\n=") + body.count("\n-") > MAX_HEADINGS:
        headings = list(HEADING.finditer(body))
        if len(headings) > MAX_HEADINGS:
            report("isi-judul-berlebihan", headings[MAX_HEADINGS].start(), found=len(headings), limit=MAX_HEADINGS)
    return problems


def _nesting(prefix: str) -> int:
    """Container levels a line opens: each >, list marker, and 4 columns of indentation."""
    return len(NESTING_UNIT.findall(prefix))


def _brackets_too_deep(body: str) -> int:
    """Offset where more than MAX_BRACKET_DEPTH `[` are open at once in a paragraph, or -1."""
    depth = 0
    for mark in BRACKET.finditer(body):
        token = mark.group(0)
        depth = depth + 1 if token == "[" else 0 if token[0] == "\n" else max(0, depth - 1)
        if depth > MAX_BRACKET_DEPTH:
            return mark.start()
    return -1


def _emphasis_too_deep(body: str) -> int:
    """Offset where more than MAX_EMPHASIS_DEPTH emphasis delimiters are open at once in a paragraph, or -1.

    A run followed by a non-space opens (as many levels as its length); one preceded by a non-space closes.
    """
    depth = 0
    for run in DELIMITER_RUN.finditer(body):
        if run.group(0)[0] == "\n":
            depth = 0
            continue
        before = body[run.start() - 1] if run.start() else " "
        after = body[run.end()] if run.end() < len(body) else " "
        opens, closes = not after.isspace(), not before.isspace()
        if opens and not closes:
            depth += run.end() - run.start()
        elif closes and not opens:
            depth = max(0, depth - (run.end() - run.start()))
        if depth > MAX_EMPHASIS_DEPTH:
            return run.start()
    return -1
