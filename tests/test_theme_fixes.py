"""Unit tests of the HTML corrections: mailhelp/site/theme_fixes.py and search_scope.py."""

from __future__ import annotations

import json

import pytest

from mailhelp.site.search_scope import language_base, language_index, place, rebase, split_index
from mailhelp.site.theme_fixes import drop_language_alternates, name_search_dialog

PAGE = """<!doctype html>
<html lang="fr">
  <head>
    <link rel="canonical" href="http://example.com/fr/guide/">
          <link rel="alternate" href="/" hreflang="pt">
          <link rel="alternate" href="/fr/guide/" hreflang="fr">
    <link rel="alternate" type="application/rss+xml" href="feed.xml">
  </head>
  <body>
    <a href="/fr/guide/" hreflang="fr" class="md-select__link">Français</a>
    <div class="md-search" data-md-component="search" role="dialog">
    <script id="__config" type="application/json">{"annotate": null, "base": "../..", "features": []}</script>
  </body>
</html>
"""


def test_head_alternates_go_the_switcher_stays() -> None:
    """Only the head's hreflang links go: the feed link and the switcher's links stay."""
    fixed = drop_language_alternates(PAGE)
    assert 'hreflang="pt"' not in fixed
    assert '<link rel="alternate" href="/fr/guide/"' not in fixed
    assert 'type="application/rss+xml"' in fixed
    assert '<a href="/fr/guide/" hreflang="fr" class="md-select__link">' in fixed


def test_the_search_dialog_gets_a_name() -> None:
    """The dialog is named in the page's language, escaped."""
    fixed = name_search_dialog(PAGE, label='Recherche "rapide"')
    assert 'role="dialog" aria-label="Recherche &quot;rapide&quot;">' in fixed


@pytest.mark.parametrize(
    ("url", "root", "base"),
    [
        ("fr/guide/", "fr/", ".."),
        ("fr/", "fr/", "."),
        ("", "", "."),
        ("guide/", "", ".."),
        ("fr/a/b/", "fr/", "../.."),
    ],
)
def test_pages_point_search_at_their_language(url: str, root: str, base: str) -> None:
    """A page's base is the relative way up to its language's folder."""
    assert language_base(url, root) == base
    assert '"base": "' + base + '"' in rebase(PAGE, base)


def test_a_page_without_materials_config_is_an_error() -> None:
    """A theme change that drops __config must not leave search silently on every language."""
    with pytest.raises(ValueError, match="__config"):
        rebase("<html><body></body></html>", ".")


INDEX = {
    "config": {"lang": ["pt", "en", "fr"], "separator": "[\\s]+"},
    "docs": [
        {"location": "", "title": "Ajuda"},
        {"location": "guia/#imap", "title": "IMAP"},
        {"location": "fr/", "title": "Aide"},
        {"location": "fr/guia/#imap", "title": "IMAP"},
        {"location": "pl/", "title": "Pomoc"},
    ],
}


def test_each_language_gets_its_own_entries() -> None:
    """The French index has the French pages, relative to fr/, and French stemming only."""
    scoped = language_index(INDEX, root="fr/", other_roots=["fr/", "pl/"], locale="fr")
    assert [doc["location"] for doc in scoped["docs"]] == ["", "guia/#imap"]
    assert scoped["config"]["lang"] == ["fr"]
    assert scoped["config"]["separator"] == INDEX["config"]["separator"]


def test_the_source_language_keeps_the_rest() -> None:
    """The source language's index is every entry under no other language's folder."""
    scoped = language_index(INDEX, root="", other_roots=["fr/", "pl/"], locale="pt")
    assert [doc["title"] for doc in scoped["docs"]] == ["Ajuda", "IMAP"]


def test_a_language_lunr_does_not_know_keeps_the_languages() -> None:
    """Polish has no lunr stemmer: its index keeps the site's list rather than a wrong one."""
    scoped = language_index(INDEX, root="pl/", other_roots=["fr/", "pl/"], locale="pl")
    assert scoped["config"]["lang"] == ["pt", "en", "fr"]
    assert json.dumps(scoped)


def test_the_index_is_read_one_entry_at_a_time_and_agrees_with_reading_it_whole() -> None:
    config, docs = split_index(" " + json.dumps(INDEX, indent=1))
    assert config == INDEX["config"]
    placed = [place(doc, ["", "fr/", "pl/"], ["fr/", "pl/"]) for doc in docs]
    for root, locale in (("", "pt"), ("fr/", "fr"), ("pl/", "pl")):
        whole = language_index(INDEX, root=root, other_roots=["fr/", "pl/"], locale=locale)
        assert [found[1] for found in placed if found and found[0] == root] == whole["docs"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"docs": []}', "does not start with its config"),
        ('{"config": {"lang": [}', "config is not JSON"),
        ('{"config": {}}', "no list of docs"),
        ('{"config": {}, "docs": [{"location": ""},', "ends inside its list of docs"),
        ('{"config": {}, "docs": [{"location": "", ', "Expecting property name"),
    ],
    ids=["no config", "bad config", "no docs", "cut short", "bad entry"],
)
def test_a_broken_index_is_named_not_a_traceback(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        list(split_index(text)[1])
