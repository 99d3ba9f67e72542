"""MkDocs hook: the corrections of hooks/theme_fixes.py, on every page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hooks.theme_fixes import drop_language_alternates, name_search_dialog

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


_SEARCH = "_theme_fixes_search_label"
_ENV = "_mail_theme_env"


def on_pre_build(config: MkDocsConfig) -> None:
    """Look up the search dialog's name once per build and language."""
    config[_SEARCH] = theme_text(config, "search")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Drop the head's ``hreflang`` links; name the search dialog in the page's language."""
    output = drop_language_alternates(output)
    return name_search_dialog(output, label=config[_SEARCH])


def theme_text(config: MkDocsConfig, key: str) -> str:
    """Material's own text for ``key`` in the language being built.

    One Jinja environment serves every language of a run: a new one compiles Material's
    templates again (about 30 ms), which asked per page cost a third of the build.
    """
    if _ENV not in config:
        config[_ENV] = config.theme.get_env()
    template = config[_ENV].get_template("partials/language.html")
    return str(template.make_module({"config": config}).t(key))
