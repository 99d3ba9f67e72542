"""Small corrections to the HTML that Material for MkDocs writes, page by page.

Each function takes a finished page and returns it corrected; each says what it fixes and
why, and does nothing to a page that does not need it. ``theme_fixes_hook.py`` applies them.
"""

from __future__ import annotations

import html
import re

_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">[ \t]*\n?')
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def drop_language_alternates(page_html: str) -> str:
    """Remove the ``<link rel="alternate" hreflang>`` tags from the page's head.

    Material for MkDocs (9.7 and later) reads every ``<link rel="alternate">`` of a page as
    the root of another version of the site and fetches ``sitemap.xml`` below it. The i18n
    plugin points these links at the same page in each language, so every page asked for
    seven ``…/<page>/sitemap.xml`` files that do not exist: seven failed requests and console
    errors per page view. Search engines read the same ``hreflang`` alternates from
    ``sitemap.xml``, and the language switcher has its own links, so the head links go.
    """
    head_end = page_html.find("</head>")
    if head_end < 0:
        return page_html
    return _HEAD_ALTERNATE.sub("", page_html[:head_end]) + page_html[head_end:]


def name_search_dialog(page_html: str, *, label: str) -> str:
    """Give the search dialog an accessible name (axe: ``aria-dialog-name``, serious).

    A screen reader announces a ``role="dialog"`` by its name; Material's has none.
    """
    named = f'{_SEARCH_DIALOG[:-1]} aria-label="{html.escape(label, quote=True)}">'
    return page_html.replace(_SEARCH_DIALOG, named, 1)


_HTML_LANG = re.compile(r'<html lang="(?P<lang>[^"]*)"')


def page_language(page_html: str) -> str | None:
    """The language a page declares in ``<html lang>``, or None."""
    match = _HTML_LANG.search(page_html)
    return match.group("lang") if match else None
