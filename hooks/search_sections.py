"""MkDocs hook: Material's search index made by a faster parser, the same entries.

The search plugin splits every page into sections with html.parser; this hands its index
:func:`mailhelp.site.search_sections.add_entry_from_context`, which feeds Material's parser
(its handlers rewritten to ask the same questions faster) from one regular expression, and
gives html.parser any page it does not read alike.
"""

from __future__ import annotations

import functools
import logging
import sys
from typing import TYPE_CHECKING, Any

from mailhelp.site.search_sections import add_entry_from_context

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.search_sections")


def on_pre_build(config: MkDocsConfig) -> None:
    """Give this build's search index (each language has its own) the faster parser."""
    plugin: Any = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    if index is None:
        return
    material = sys.modules.get(type(index).__module__)
    if not all(hasattr(material, name) for name in _MATERIAL) or not callable(
        getattr(index, "create_entry_for_section", None)
    ):
        # Another search plugin, or a Material that changed: its own indexing stays.
        log.warning("the search plugin has no Material 9 index; see mailhelp/site/search_sections.py")
        return
    index.add_entry_from_context = functools.partial(add_entry_from_context, index, material=material)


_MATERIAL = ("Parser", "Element", "Section", "void")
"""What the faster parser takes from Material's search plugin module."""
