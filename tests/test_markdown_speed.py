"""The fast Markdown converter writes exactly what stock Python-Markdown with the same extensions writes."""

import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from katalog.markdownspeed import fast_markdown
from katalog.markup import EXTENSION_CONFIGS, EXTENSIONS

PAYLOADS = yaml.safe_load((REPO / "tests/xss/payloads.yaml").read_text(encoding="utf-8"))


def body_of(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")  # some test files are deliberately not UTF-8
    parts = text.split("---", 2)
    return parts[2] if text.startswith("---") and len(parts) == 3 else text


@pytest.fixture(scope="module")
def converters():
    stock = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    fast = fast_markdown(EXTENSIONS, EXTENSION_CONFIGS)

    def both(source: str) -> tuple[str, str]:
        stock.reset()
        fast.reset()
        return stock.convert(source), fast.convert(source)

    return both


def assert_same(converters, sources: dict[str, str]) -> None:
    assert sources, "no Markdown found to compare"
    for name, source in sources.items():
        expected, actual = converters(source)
        assert actual == expected, f"{name}: the fast converter's HTML differs from stock Python-Markdown's"


def test_demo_and_test_site_bodies(converters):
    files = sorted((REPO / "content").rglob("*.md")) + sorted((REPO / "tests").rglob("*.md"))
    assert_same(converters, {str(path.relative_to(REPO)): body_of(path) for path in files})


def test_xss_payloads(converters):
    payloads = [*PAYLOADS["teks"], *PAYLOADS["markdown"]]
    sources = {f"payload {number}": payload for number, payload in enumerate(payloads)}
    sources["all payloads, under headings"] = "\n\n".join(f"## {payload}\n\n{payload}" for payload in payloads)
    assert_same(converters, sources)


def test_generated_corpus_sample(converters, tmp_path):
    out = tmp_path / "corpus"
    done = subprocess.run([sys.executable, str(REPO / "benchmarks/corpus.py"), "--entries", "60", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    files = sorted((out / "content/inovasi").rglob("*.md"))
    assert_same(converters, {path.name: body_of(path) for path in files})


def test_table_of_contents_marker_and_heading_ids(converters):
    """Cases the heading-id shortcut hands to the stock code: marker, markup and escapes in headings, repeats."""
    assert_same(converters, {
        "marker": "# Satu\n\n[TOC]\n\n## Dua\n\n## Dua\n\n### Dua_1",
        "markup in headings": "## *Kafé* & `kode` <b>x</b>\n\n## Kafe &amp; kode\n\n## \\*bintang\\*\n\n## [tautan](/a)",
        "repeats and empties": "## A\n\n## A\n\n## A_1\n\n##  \n\n## ?\n\n## ?\n\nSetext\n======\n\n<h2 id=\"a\">x</h2>",
    })


# Markdown dense in the characters inline patterns look for, in every kind of block.
TOKENS = [
    "[", "]", "(", ")", "!", "<", ">", "&", "*", "_", "~", "`", "@", ":", "/", "\\", "#", ".", "-", "|", " ", "a", "B",
    "http://x.id/a_b", "https://x.id", "ftp://f.id", "www.x.id", "WwW.y.id", "warga@x.go.id", "<warga@x.id>",
    "<https://x.id>", "&amp;", "&#38;", "&copy;", "`kode`", "``a`b``", "**tebal**", "__tebal__", "*miring*", "_m_",
    "~~coret~~", "[t](https://x.id)", "[t](/a \"judul\")", "![g](a.png)", "![g][r]", "[r]", "[t][r]", "\\*", "\\[",
    "  \n", "\n", "<b>", "</b>", "<!-- c -->", "Kafé", "žlutý", "[TOC]", "<https://x.id>", "a_b_c", "***x***",
]
INLINE = st.lists(st.sampled_from(TOKENS), max_size=14).map("".join)
BLOCK = st.one_of(
    INLINE,
    st.tuples(st.sampled_from(["# ", "## ", "### ", "###### "]), INLINE).map("".join),
    st.lists(INLINE, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {item}" for item in items)),
    st.lists(INLINE, min_size=1, max_size=3).map(lambda items: "\n".join(f"1. {item}" for item in items)),
    st.lists(INLINE, min_size=2, max_size=3).map(
        lambda cells: f"| {' | '.join(cells)} |\n|{'---|' * len(cells)}\n| {' | '.join(reversed(cells))} |"
    ),
    INLINE.map(lambda text: f"```\n{text}\n```"),
    INLINE.map(lambda text: f"    {text}"),
    INLINE.map(lambda text: f"> {text}"),
    st.just("[r]: https://x.id/r"),
)
DOCUMENTS = st.lists(BLOCK, max_size=8).flatmap(
    lambda blocks: st.lists(st.sampled_from(["\n\n", "\n"]), min_size=len(blocks), max_size=len(blocks)).map(
        lambda gaps: "".join(block + gap for block, gap in zip(blocks, gaps))
    )
)


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(source=DOCUMENTS)
def test_markdown_rich_in_special_characters(converters, source):
    expected, actual = converters(source)
    assert actual == expected, f"the fast converter's HTML differs from stock Python-Markdown's for {source!r}"


def test_the_prefilter_replaces_a_method_python_markdown_still_has():
    """The prefilter overrides InlineProcessor's private per-text loop; were it renamed, the override would sit unused."""
    from markdown.treeprocessors import InlineProcessor

    from katalog.markdownspeed import PrefilteredInlineProcessor

    assert "_InlineProcessor__handleInline" in vars(InlineProcessor)
    assert "_InlineProcessor__applyPattern" in vars(InlineProcessor)
    fast = fast_markdown(EXTENSIONS, EXTENSION_CONFIGS)
    assert isinstance(fast.treeprocessors["inline"], PrefilteredInlineProcessor)
