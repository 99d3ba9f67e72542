"""Search in the reader's language: one search index per language.

The i18n plugin puts every language's pages into one search index, so a French reader
searching "IMAP" got the guide in seven languages, Portuguese first. Material loads
``search/search_index.json`` below the ``base`` URL of a page's ``__config``; each
language gets its own index in its own folder (``fr/search/search_index.json``) and its
pages' ``base`` points at that folder. Pure functions; ``search_scope_hook.py`` calls them.
"""

from __future__ import annotations

import json
import posixpath
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": )"[^"]*"')


def language_index(
    index: dict[str, Any], *, root: str, other_roots: list[str], locale: str
) -> dict[str, Any]:
    """The entries of ``index`` under ``root`` (``fr/``, or ``""``), their locations made relative to it.

    The source language lives at the site root: its entries are those under no other
    language's root. The index keeps one lunr language when lunr knows the page's language.
    """
    docs = []
    for doc in index["docs"]:
        found = place(doc, [root], other_roots)
        if found is not None:
            docs.append(found[1])
    return {"config": language_config(index["config"], locale), "docs": docs}


def language_config(config: dict[str, Any], locale: str) -> dict[str, Any]:
    """The index's config for one language: that language alone, when lunr knows it."""
    config = dict(config)
    if locale in config.get("lang", []):
        config["lang"] = [locale]
    return config


def place(doc: dict[str, Any], roots: list[str], other_roots: list[str]) -> tuple[str, dict[str, Any]] | None:
    """The root among ``roots`` that an entry belongs to, and the entry as that root's index
    holds it (its location relative to the root); ``None`` when it belongs to none of them."""
    location = doc["location"]
    for root in roots:
        if root and location.startswith(root):
            return root, {**doc, "location": location[len(root) :]}
        if not root and not location.startswith(tuple(other_roots)):
            return root, doc
    return None


def split_index(text: str) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The config of a whole index (the JSON ``text`` Material writes) and its entries, read
    one at a time: a help centre's index holds every page in every language, and reading it
    whole would hold all of it as objects at once, at the build's end, when memory is fullest.

    Raises :class:`ValueError` when the text is not an index that starts with its config.
    """
    head = _HEAD.match(text)
    if head is None:
        raise ValueError("the search index does not start with its config")
    try:
        config, at = _DECODER.raw_decode(text, head.end())
    except json.JSONDecodeError as error:
        raise ValueError(f"the search index's config is not JSON: {error}") from None
    docs = _DOCS.match(text, at)
    if docs is None:
        raise ValueError("the search index has no list of docs after its config")

    def entries(at: int) -> Iterator[dict[str, Any]]:
        while at < len(text) and text[at] != "]":
            doc, at = _DECODER.raw_decode(text, at)  # a JSONDecodeError is a ValueError
            at = _NEXT.match(text, at).end()
            yield doc
        if at >= len(text):
            raise ValueError("the search index ends inside its list of docs")

    return config, entries(docs.end())


_HEAD = re.compile(r'\s*\{\s*"config"\s*:\s*')
_DOCS = re.compile(r'\s*,\s*"docs"\s*:\s*\[\s*')
_NEXT = re.compile(r"\s*,?\s*")
_DECODER = json.JSONDecoder()


def language_base(page_url: str, root: str) -> str:
    """The relative URL from a page (``fr/guide/``) to its language's root (``fr/``): ``..``."""
    page_dir = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    return posixpath.relpath(root or ".", page_dir or ".")


def rebase(page_html: str, base: str) -> str:
    """Point Material's ``__config`` base at ``base``; the page must have that config."""
    result, count = _CONFIG_BASE.subn(lambda m: f"{m.group(1)}{json.dumps(base)}", page_html, count=1)
    if count != 1:
        message = "Material's __config script was not found: search would use the all-language index"
        raise ValueError(message)
    return result
