"""MkDocs hook: no language alternates in the pages' heads (see hooks/head_links.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hooks.head_links import drop_language_alternates

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Drop the head's ``hreflang`` links, which make Material fetch missing sitemaps."""
    return drop_language_alternates(output)
