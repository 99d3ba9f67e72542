"""MkDocs hook: deduplicate the multilingual search index in linear time.

mkdocs-static-i18n removes the search entries of fallback pages by comparing every pair of
entries, which makes large multilingual builds quadratic. This hands the plugin the linear
:func:`mailhelp.site.search_index.drop_fallback_duplicates` instead, which applies the same rule.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from mailhelp.site.search_index import drop_fallback_duplicates

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.search_index")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Replace the i18n plugin's pairwise deduplication of search entries with a linear one."""
    i18n: Any = config.plugins.get("i18n")
    if i18n is None:
        return config
    if not callable(getattr(i18n, "reconfigure_search_duplicates", None)):
        # A newer plugin renamed it: the build still works, but may be quadratic again.
        log.warning(
            "mkdocs-static-i18n has no reconfigure_search_duplicates; see mailhelp/site/search_index.py"
        )
        return config
    i18n.reconfigure_search_duplicates = lambda entries: drop_fallback_duplicates(
        entries, i18n.build_languages
    )
    return config
