"""MkDocs hook: each language searches its own pages only (see mailhelp/site/search_scope.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import write_file

from mailhelp.site.build import language_root, language_roots
from mailhelp.site.search_scope import language_base, language_index, rebase

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

_INDEX = "search/search_index.json"


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Make the page load its own language's search index."""
    root, _locale = language_root(page.url, config)
    try:
        return rebase(output, language_base(page.url, root))
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


@event_priority(-200)  # after the i18n plugin has written the index of every language
def on_post_build(config: MkDocsConfig) -> None:
    """Split the site's search index into one index per language, in each language's folder.

    The i18n plugin runs one build per language inside the source language's build, and
    writes the index of all languages at its very end; this event of that outermost build
    runs last, so its split, from the complete index, is the one that stays.
    """
    site = Path(config.site_dir)
    if not (site / _INDEX).is_file():
        return
    index = json.loads((site / _INDEX).read_text(encoding="utf-8"))
    roots = language_roots(config)
    others = [root for root in roots if root]
    for root, locale in roots.items():
        scoped = language_index(index, root=root, other_roots=others, locale=locale)
        if root and not scoped["docs"]:
            continue  # a language this build did not make (DOCS_LANG=pt)
        text = json.dumps(scoped, ensure_ascii=False, separators=(",", ":"))
        write_file(text.encode("utf-8"), str(site / root / _INDEX))
