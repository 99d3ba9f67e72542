"""Drop search entries that a fallback page repeats from the source language, in linear time.

When a page has no translation, the i18n plugin publishes the source page under the
translation's address too (``en/guide/``), and its search entries would appear twice. The
plugin removes them by comparing every source entry with every translated entry: at 1000
guides in seven languages that is several hundred million comparisons, minutes of build
time. This does the same with one dictionary lookup per entry.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable


def drop_fallback_duplicates(entries: list[dict[str, Any]], locales: Iterable[str]) -> None:
    """Remove, in place, each entry under a ``<locale>/`` address that repeats a source entry.

    An entry repeats a source entry (one whose address has no locale prefix) when both have
    the same title and text and the source address ends the translated one: the rule of
    mkdocs-static-i18n's ``reconfigure_search_duplicates``, which this replaces. Unlike it,
    this also removes a copy that follows another (the plugin deletes entries from the list
    it is walking, and so skips the next one).
    """
    prefixes = tuple(f"{locale}/" for locale in locales)
    sources: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in entries:
        if not entry["location"].startswith(prefixes):
            sources[entry["title"], entry["text"]].append(entry["location"])

    def repeats_source(entry: dict[str, Any]) -> bool:
        location = entry["location"]
        if not location.startswith(prefixes):
            return False
        return any(location.endswith(source) for source in sources.get((entry["title"], entry["text"]), ()))

    entries[:] = [entry for entry in entries if not repeats_source(entry)]
