"""MkDocs hook: copy buttons beside the server values on every page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailhelp.content.copy_values import add_copy_buttons, copyable_values
from mailhelp.site.build import build_settings, theme_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

_KEY = "_mail_copy_values"


def on_pre_build(config: MkDocsConfig) -> None:
    """Gather the copyable values and the button's label once per build and language."""
    settings, _legacy = build_settings(config)
    config[_KEY] = (copyable_values(settings), theme_text(config, "clipboard.copy"))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Add a copy button, labelled in the page's language, after each server value.

    Added to the written page, not to the page's content: the search index, the table of
    contents and the drift checker's screen read the content without them."""
    values, label = config[_KEY]
    return add_copy_buttons(output, values, label=label)
