"""Each layout's context is documented once (render.PAGE_CONTEXTS and the layout's header) and matches use."""

import re

import pytest
from jinja2 import meta

from conftest import REPO
from katalog.render import COMMON_CONTEXT, PAGE_CONTEXTS
from katalog.config import load_config
from katalog.render import create_environment

CONFIG, _ = load_config(REPO)
ENV = create_environment(CONFIG)


def used_variables(name: str) -> set[str]:
    source = (REPO / "layouts" / name).read_text(encoding="utf-8")
    return meta.find_undeclared_variables(ENV.parse(source))


@pytest.mark.parametrize("template", sorted(PAGE_CONTEXTS))
def test_layout_uses_exactly_its_documented_context(template):
    documented = set(PAGE_CONTEXTS[template])
    used = used_variables(template)
    assert used <= documented | set(COMMON_CONTEXT), used - documented - set(COMMON_CONTEXT)
    assert documented <= used, f"documented but unused: {documented - used}"


@pytest.mark.parametrize("template", sorted(PAGE_CONTEXTS))
def test_layout_header_names_each_context_key(template):
    header = re.match(r"\{#-?(.*?)-?#\}", (REPO / "layouts" / template).read_text(encoding="utf-8"), re.S).group(1)
    for key in PAGE_CONTEXTS[template]:
        assert re.search(rf"\b{key}\b", header), (template, key)


def test_shared_layouts_use_only_the_common_context_and_their_parameters():
    assert used_variables("base.html") <= set(COMMON_CONTEXT)
    assert used_variables("partials/innovation_list.html") <= set(COMMON_CONTEXT) | {"items", "show_opd", "level"}
