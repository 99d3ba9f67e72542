"""Material's navigation finds a section's index page without walking the whole section."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import material
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from bench.bench import generate, load_real_config
from mailhelp.site import navigation
from mailhelp.site.navigation import (
    _PRUNED,
    _WALK,
    TEMPLATE,
    NavItemLoader,
    index_first,
    pruned_links,
    pruned_once,
)

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
    loader = NavItemLoader(jinja2.FileSystemLoader(str(MATERIAL)))
    env = jinja2.Environment(loader=loader)
    source = loader.get_source(env, TEMPLATE)[0]
    assert _WALK.search(source) is None
    assert 'selectattr("is_index")' in source
    original = (MATERIAL / TEMPLATE).read_text(encoding="utf-8")
    assert _PRUNED.search(original), f"Material's {TEMPLATE} no longer writes a pruned section"
    assert _PRUNED.search(source) is None
    assert source == pruned_links(index_first(original)) != original
    assert loader.get_source(env, "partials/nav.html")[0] == (MATERIAL / "partials/nav.html").read_text(
        "utf-8"
    )
    assert TEMPLATE in loader.list_templates()


def test_a_template_without_the_walk_is_loaded_as_it_is() -> None:
    other = "{% for item in nav_item.children %}{{ item.title }}{% endfor %}"
    assert index_first(other) == other


def test_a_template_that_writes_no_pruned_section_is_loaded_as_it_is() -> None:
    other = "{{ render_pruned(first, ref) }}{{ render(nav_item) }}"
    assert pruned_links(other) == other


class Item:
    """A navigation item: a section (``children``) or a page (``url``)."""

    def __init__(self, url: str = "", children: list[Item] | None = None) -> None:
        self.url, self.children = url, children


def test_a_pruned_section_is_written_once_for_each_address_it_links_to() -> None:
    environment = jinja2.Environment()
    environment.filters["url"] = jinja2.pass_context(lambda context, url: context["base"] + url)
    written: list[Item] = []

    def render(item: Item) -> str:
        written.append(item)
        return f"<a>{len(written)}</a>"

    once = pruned_once()
    sections = [Item(children=[Item(children=[Item(f"s{n}/")]), Item("other/")]) for n in (1, 2)]
    shown = [
        once(environment.from_string("").new_context({"base": base}), section, render)
        for base in ("../", "../", "../../", "../")
        for section in sections
    ]
    assert written == sections * 2, "each section written once from each place"
    assert shown == [
        "<a>1</a>",
        "<a>2</a>",
        "<a>1</a>",
        "<a>2</a>",
        "<a>3</a>",
        "<a>4</a>",
        "<a>1</a>",
        "<a>2</a>",
    ]


def test_the_pruned_sections_of_a_help_centre_are_the_ones_material_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path, guides=60, locales=["pt"], real=load_real_config())

    def built(site: str) -> dict[str, str]:
        config = load_config(config_file=str(tmp_path / "ours.yml"), site_dir=str(tmp_path / site))
        build(config)
        return {
            str(p.relative_to(tmp_path / site)): p.read_text("utf-8")
            for p in (tmp_path / site).rglob("*.html")
        }

    ours = built("ours")
    monkeypatch.setattr(navigation, "pruned_links", lambda source: source)
    materials = built("material")
    pruned = [name for name, html in ours.items() if "md-nav__item--pruned" in html]
    assert len(pruned) > 60, "the guides of each section link to the two others, pruned"
    assert ours == materials
