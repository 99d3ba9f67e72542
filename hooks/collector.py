"""MkDocs hook: the garbage collector leaves the languages already built alone.

The i18n plugin builds the languages one after the other in one process and keeps each
finished language's files, pages, tables of contents and navigation to the end of the build
(for its sitemap and its search index). Python's full collections walk every object the
collector tracks, so each language's collections cost more than the one's before: at 1,000
guides a language, 0.04 s each in the first language and 0.36 s in the seventh, most of the
growth of a page's cost with the size of the site (BENCHMARKS.md, seventh round).

So when a language's files are known, everything made until then is frozen: kept out of the
collections, not freed (:func:`gc.freeze`). At the end of each language's build, and of a
build that stops, it is handed back to the collector (:func:`gc.unfreeze`), so that nothing
stays frozen after a build, and ``mkdocs serve`` frees each rebuild's garbage as before.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_files(files: Files, config: MkDocsConfig) -> None:
    """Freeze what the languages built before, the configuration and the modules hold."""
    gc.freeze()


def on_post_build(config: MkDocsConfig) -> None:
    """Hand the frozen objects back to the collector: the language is written."""
    gc.unfreeze()


def on_build_error(error: Exception) -> None:
    """Hand the frozen objects back to the collector: the build stopped."""
    gc.unfreeze()
