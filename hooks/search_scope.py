"""MkDocs hook: each language searches its own pages only (see mailhelp/site/search_scope.py)."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from mailhelp.site.build import language_root, language_roots
from mailhelp.site.search_scope import language_base, language_config, place, rebase, split_index

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
    roots = language_roots(config)
    others = [root for root in roots if root]
    try:
        whole, docs = split_index((site / _INDEX).read_text(encoding="utf-8"))
        written: dict[str, Path] = {}
        with ExitStack() as files:
            opened: dict[str, TextIO] = {}
            for doc in docs:
                found = place(doc, list(roots), others)
                if found is None:
                    continue
                root, entry = found
                if root in opened:
                    opened[root].write(",")
                else:
                    opened[root], written[root] = _open_index(files, site / root / _INDEX, whole, roots[root])
                opened[root].write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
            # A language this build did not make (DOCS_LANG=pt) gets no index; the source
            # language's, at the site's root, is written even when empty.
            if "" in roots and "" not in opened:
                opened[""], written[""] = _open_index(files, site / _INDEX, whole, roots[""])
            for stream in opened.values():
                stream.write("]}")
    except ValueError as error:
        raise PluginError(f"{site / _INDEX}: {error}") from None
    for root, part in written.items():
        part.replace(site / root / _INDEX)  # each index whole, or the one before it


def _open_index(files: ExitStack, path: Path, whole: dict[str, Any], locale: str) -> tuple[TextIO, Path]:
    """A language's index, begun beside its place: the config, then the entries to come."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    stream = files.enter_context(part.open("w", encoding="utf-8"))
    config = json.dumps(language_config(whole, locale), ensure_ascii=False, separators=(",", ":"))
    stream.write('{"config":' + config + ',"docs":[')
    return stream, part
