"""The theme's templates are compiled once a build: the shared bytecode cache."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import jinja2
import pytest
from jinja2.bccache import bc_magic

from mailhelp.site import templates as templates_module
from mailhelp.site.templates import SharedTemplateCache, share_listing
from tests.conftest import build_site, locales

if TYPE_CHECKING:
    from pathlib import Path


def environment(cache: SharedTemplateCache, templates: dict[str, str], **options: Any) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=cache, **options)


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates that environments with a shared cache compile."""
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def counting(
        self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any
    ) -> Any:
        if isinstance(self.bytecode_cache, SharedTemplateCache):
            names.append(str(name))
        return compile_(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_a_second_environment_compiles_nothing(compiled: list[str]) -> None:
    cache = SharedTemplateCache()
    templates = {"page.html": "{% for x in items %}[{{ x }}]{% endfor %}"}
    first = environment(cache, templates).get_template("page.html").render(items=[1, 2])
    second = environment(cache, templates).get_template("page.html").render(items=[1, 2])
    assert first == second == "[1][2]"
    assert compiled == ["page.html"]
    assert len(cache) == 1


def test_an_edited_template_is_compiled_again(compiled: list[str]) -> None:
    cache = SharedTemplateCache()
    environment(cache, {"page.html": "old {{ x }}"}).get_template("page.html")
    assert environment(cache, {"page.html": "new {{ x }}"}).get_template("page.html").render(x=1) == "new 1"
    assert compiled == ["page.html", "page.html"]


@pytest.mark.parametrize(
    "options",
    [
        {"variable_start_string": "[[", "variable_end_string": "]]"},
        {"extensions": ["jinja2.ext.i18n"]},
        {"autoescape": True},
    ],
    ids=["other delimiters", "another extension", "autoescape"],
)
def test_an_environment_that_compiles_otherwise_has_its_own_code(
    compiled: list[str], options: dict[str, Any]
) -> None:
    cache = SharedTemplateCache()
    templates = {"page.html": "{{ x }} [[ x ]]"}
    plain = environment(cache, templates).get_template("page.html").render(x="<b>")
    other = environment(cache, templates, **options).get_template("page.html").render(x="<b>")
    assert compiled == ["page.html", "page.html"]
    assert len(cache) == 2
    if "extensions" not in options:
        assert plain != other


def test_a_new_process_compiles_only_what_changed(tmp_path: Path, compiled: list[str]) -> None:
    """What one build compiled, the next reads from the folder; not a template edited since,
    nor a file that is not Jinja's (broken, or of another version)."""
    folder = tmp_path / "cache"
    templates = {"page.html": "{% for x in items %}[{{ x }}]{% endfor %}"}
    first = environment(SharedTemplateCache(folder), templates).get_template("page.html")
    second = environment(SharedTemplateCache(folder), templates).get_template("page.html")
    assert first.render(items=[1]) == second.render(items=[1]) == "[1]"
    assert compiled == ["page.html"]
    edited = {"page.html": "<{{ items | length }}>"}
    assert (
        environment(SharedTemplateCache(folder), edited).get_template("page.html").render(items=[1]) == "<1>"
    )
    assert compiled == ["page.html", "page.html"]
    (file,) = folder.iterdir()
    for broken in (b"", b"not a template", bc_magic + b"\xffnot pickled", bc_magic):
        file.write_bytes(broken)
        assert (
            environment(SharedTemplateCache(folder), edited).get_template("page.html").render(items=[])
            == "<0>"
        )
    assert compiled == ["page.html"] * 6
    SharedTemplateCache(folder).clear()
    assert not list(folder.iterdir())


def test_a_folder_that_cannot_be_made_leaves_the_cache_in_memory(tmp_path: Path, compiled: list[str]) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    cache = SharedTemplateCache(tmp_path / "file" / "cache")  # under a file: no folder
    templates = {"page.html": "{{ x }}"}
    assert environment(cache, templates).get_template("page.html").render(x=1) == "1"
    assert environment(cache, templates).get_template("page.html").render(x=2) == "2"
    assert compiled == ["page.html"]


def test_the_site_compiles_each_template_once_for_every_language_and_build(
    tmp_path: Path, compiled: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages' environments, one per language; the search plugin and our theme lookups
    make environments of their own, outside the build's (``theme.get_env()``). The next
    build compiles none of them."""
    monkeypatch.delenv("DOCS_LANG", raising=False)
    monkeypatch.setattr(templates_module, "FOLDER", tmp_path / "cache")
    build_site(tmp_path / "site")
    assert len(locales()) == 7
    assert (tmp_path / "site" / locales()[-1] / "index.html").exists()
    twice = {name: count for name, count in Counter(compiled).items() if count > 1}
    assert "main.html" in compiled, "the pages were not rendered with the shared cache"
    assert not twice, f"compiled more than once: {twice}"
    compiled.clear()
    build_site(tmp_path / "again")
    assert (tmp_path / "again" / locales()[-1] / "index.html").read_bytes() == (
        tmp_path / "site" / locales()[-1] / "index.html"
    ).read_bytes()
    assert not compiled, f"the next build compiled {compiled}"


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The folders each theme listing walked."""
    walked: list[tuple[str, ...]] = []
    walk = jinja2.FileSystemLoader.list_templates

    def counting(self: jinja2.FileSystemLoader) -> list[str]:
        walked.append(tuple(self.searchpath))
        return walk(self)

    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", counting)
    return walked


def test_a_theme_is_listed_once_per_build_and_again_by_the_next(tmp_path: Path, walks: list) -> None:
    theme = tmp_path / "theme"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets" / "a.css").write_text("a", encoding="utf-8")

    def make_env() -> jinja2.Environment:
        return jinja2.Environment(loader=jinja2.FileSystemLoader([str(theme)]))

    build = share_listing(make_env, {})
    assert build().list_templates() == ["assets/a.css"]
    (theme / "assets" / "b.css").write_text("b", encoding="utf-8")
    assert build().list_templates() == ["assets/a.css"]  # the same build: listed once
    assert len(walks) == 1
    assert share_listing(make_env, {})().list_templates() == [
        "assets/a.css",
        "assets/b.css",
    ]  # the next build
    assert len(walks) == 2


def test_the_site_lists_its_theme_once_for_every_language(
    tmp_path: Path, walks: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DOCS_LANG", raising=False)
    build_site(tmp_path / "site")
    assert (tmp_path / "site" / locales()[-1] / "index.html").exists()
    assert walks, "the build did not list its theme"
    folders = Counter(folder for walk in walks for folder in walk)
    assert any("material" in folder for folder in folders), folders
    assert set(folders.values()) == {1}, folders
