"""MkDocs hook: the corrections of hooks/theme_fixes.py, on every page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hooks.theme_fixes import drop_language_alternates, name_search_dialog

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Drop the head's ``hreflang`` links; name the search dialog in the page's language."""
    output = drop_language_alternates(output)
    return name_search_dialog(output, label=theme_text(config, "search"))


def theme_text(config: MkDocsConfig, key: str) -> str:
    """Material's own text for ``key`` in the language being built."""
    template = config.theme.get_env().get_template("partials/language.html")
    return str(template.make_module({"config": config}).t(key))
