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
from typing import Any

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
        location = doc["location"]
        if root and location.startswith(root):
            docs.append({**doc, "location": location[len(root) :]})
        elif not root and not location.startswith(tuple(other_roots)):
            docs.append(doc)
    config = dict(index["config"])
    if locale in config.get("lang", []):
        config["lang"] = [locale]
    return {"config": config, "docs": docs}


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
