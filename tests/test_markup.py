"""Markdown as GitHub's preview shows it, sanitised."""

import pytest

from katalog.markup import MarkdownRenderer


@pytest.fixture(scope="module")
def render():
    return MarkdownRenderer().render


def test_list_directly_after_a_paragraph_line(render):
    assert "<ul>\n<li>satu</li>" in render("Langkahnya:\n- satu\n- dua")


def test_bare_url_strikethrough_and_table(render):
    html = render("Lihat https://example.org/a dan ~~lama~~.\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert '<a href="https://example.org/a" rel="noopener">https://example.org/a</a>' in html
    assert "<del>lama</del>" in html
    assert "<td>1</td>" in html


def test_section_headings_get_anchor_ids(render):
    assert '<h2 id="latar-belakang">Latar Belakang</h2>' in render("## Latar Belakang")


@pytest.mark.parametrize(
    "source, forbidden",
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ("[klik](javascript:alert(1))", "javascript:"),
        ('<iframe src="https://example.org"></iframe>', "<iframe"),
        ("<style>body{display:none}</style>", "<style"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
        ("<form><input name=a></form>", "<input"),
    ],
)
def test_hostile_html_does_not_survive(render, source, forbidden):
    assert forbidden not in render(source)
