"""MkDocs hook: the corrections of mailhelp/site/theme_fixes.py, on every page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailhelp.site.build import theme_text
from mailhelp.site.theme_fixes import drop_language_alternates, name_search_dialog

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


_SEARCH = "_theme_fixes_search_label"


def on_pre_build(config: MkDocsConfig) -> None:
    """Look up the search dialog's name once per build and language."""
    config[_SEARCH] = theme_text(config, "search")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Drop the head's ``hreflang`` links; name the search dialog in the page's language."""
    output = drop_language_alternates(output)
    return name_search_dialog(output, label=config[_SEARCH])
