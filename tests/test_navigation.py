"""Material's navigation finds a section's index page without walking the whole section."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import material
import pytest

from mailhelp.site.navigation import _WALK, TEMPLATE, IndexFirstLoader, index_first

MATERIAL = Path(material.__file__).parent / "templates"


class Child:
    """A navigation item: a page (``is_index`` true or false) or a section (no ``is_index``),
    counting how often its ``is_index`` is read."""

    def __init__(self, name: str, index: bool | None, reads: list[str]) -> None:
        self.name, self._index, self._reads = name, index, reads

    def __getattr__(self, attribute: str) -> Any:
        if attribute == "is_index" and self._index is not None:
            self._reads.append(self.name)
            return self._index
        raise AttributeError(attribute)


def found_index(walk: str, children: list[tuple[str, bool | None]]) -> tuple[str, list[str]]:
    """The index page that ``walk`` finds among ``children``, and the children it read."""
    reads: list[str] = []
    source = (
        "{% set _ = namespace(index = none) %}" + walk + "{{ _.index.name if _.index is not none else '-' }}"
    )
    items = [Child(name, index, reads) for name, index in children]
    shown = jinja2.Environment().from_string(source).render(nav_item={"children": items})
    return shown.strip(), reads  # Material's walk writes blank space for each child


def material_walk() -> str:
    """The walk of Material's own template, as installed."""
    found = _WALK.search((MATERIAL / TEMPLATE).read_text(encoding="utf-8"))
    assert found, f"Material's {TEMPLATE} no longer walks a section's children for its index page"
    return found.group()


@pytest.mark.parametrize(
    "children",
    [
        [],
        [("guides", None)],
        [("index", True), ("a", False), ("b", False)],
        [("a", False), ("index", True), ("other", True)],
        [("section", None), ("a", False)],
        [("a", False), ("b", False)],
    ],
)
def test_the_index_found_is_the_one_material_finds(children: list[tuple[str, bool | None]]) -> None:
    rewritten = index_first(material_walk())
    assert rewritten != material_walk()
    assert found_index(rewritten, children)[0] == found_index(material_walk(), children)[0]


def test_the_search_stops_at_the_index_page() -> None:
    children = [("index", True)] + [(f"guide {n}", False) for n in range(25)]
    shown, reads = found_index(index_first(material_walk()), children)
    assert (shown, reads) == ("index", ["index"])
    shown, reads = found_index(material_walk(), children)
    assert (shown, len(reads)) == ("index", 26)


def test_only_the_navigation_item_template_is_rewritten() -> None:
    loader = IndexFirstLoader(jinja2.FileSystemLoader(str(MATERIAL)))
    env = jinja2.Environment(loader=loader)
    source = loader.get_source(env, TEMPLATE)[0]
    assert _WALK.search(source) is None
    assert 'selectattr("is_index")' in source
    original = (MATERIAL / TEMPLATE).read_text(encoding="utf-8")
    assert source == index_first(original) != original
    assert loader.get_source(env, "partials/nav.html")[0] == (MATERIAL / "partials/nav.html").read_text(
        "utf-8"
    )
    assert TEMPLATE in loader.list_templates()


def test_a_template_without_the_walk_is_loaded_as_it_is() -> None:
    other = "{% for item in nav_item.children %}{{ item.title }}{% endfor %}"
    assert index_first(other) == other
