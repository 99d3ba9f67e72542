"""The linear search-index deduplication removes exactly what mkdocs-static-i18n's would."""

from __future__ import annotations

import copy
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs_static_i18n.plugin import I18n

from mailhelp.site.search_index import drop_fallback_duplicates

LOCALES = ["pt", "en", "fr"]


def entry(location: str, title: str = "Guia", text: str = "Texto") -> dict[str, Any]:
    """One search entry as Material's search plugin writes it."""
    return {"location": location, "title": title, "text": text}


def plugin_result(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the i18n plugin's own pairwise deduplication leaves."""
    left = copy.deepcopy(entries)
    I18n.reconfigure_search_duplicates(SimpleNamespace(build_languages=LOCALES), left)  # type: ignore[arg-type]
    return left


CASES = {
    "fallback page repeats the source": [entry("guia/"), entry("en/guia/"), entry("en/outro/")],
    "translation differs in text": [entry("guia/"), entry("en/guia/", text="Text")],
    "translation differs in title": [entry("guia/#a"), entry("en/guia/#a", title="Guide")],
    "same text at another address": [entry("guia/"), entry("en/outro/")],
    "home page": [entry(""), entry("en/"), entry("en/", title="Home")],
    "two languages, sections": [
        entry("g/#a", text="A"),
        entry("g/#b", text="B"),
        entry("fr/g/#b", text="B"),
        entry("en/g/#a", text="A2"),
    ],
}


@pytest.mark.parametrize("entries", CASES.values(), ids=CASES.keys())
def test_same_result_as_the_plugin(entries: list[dict[str, Any]]) -> None:
    ours = copy.deepcopy(entries)
    drop_fallback_duplicates(ours, LOCALES)
    assert ours == plugin_result(entries)


def test_removes_fallback_copies_and_keeps_translations() -> None:
    entries = [entry("guia/"), entry("en/guia/"), entry("fr/guia/", text="Texte")]
    drop_fallback_duplicates(entries, LOCALES)
    assert [e["location"] for e in entries] == ["guia/", "fr/guia/"]


def test_removes_every_copy_where_the_plugin_skips_one() -> None:
    # The plugin removes entries from the list it is walking, so of two copies in a row it
    # keeps the second; a reader would find the source page twice in French search results.
    entries = [entry("guia/"), entry("en/guia/"), entry("fr/guia/")]
    assert [e["location"] for e in plugin_result(entries)] == ["guia/", "fr/guia/"]
    drop_fallback_duplicates(entries, LOCALES)
    assert [e["location"] for e in entries] == ["guia/"]


def test_linear_on_a_large_index() -> None:
    # 20 000 entries: the pairwise rule would make 10^8 comparisons; this must stay instant.
    entries = [entry(f"g{i}/", text=str(i)) for i in range(5000)]
    entries += [
        entry(f"{loc}/g{i}/", text=str(i) if loc == "fr" else f"t{i}") for loc in LOCALES for i in range(5000)
    ]
    drop_fallback_duplicates(entries, LOCALES)
    assert len(entries) == 5000 + 2 * 5000
    assert not any(e["location"].startswith("fr/") for e in entries)
