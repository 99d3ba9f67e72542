"""The language alternates in a page's ``<head>``, which the site keeps in sitemap.xml only.

Material for MkDocs (9.7 and later) reads every ``<link rel="alternate">`` of a page as
the root of another version of the site and fetches ``sitemap.xml`` below it. The i18n
plugin points these links at the same page in each language, so every page asked for
seven ``…/<page>/sitemap.xml`` files that do not exist: seven failed requests and console
errors per page view. Search engines read the same ``hreflang`` alternates from
``sitemap.xml``, and the language switcher has its own links, so the head links go.
"""

from __future__ import annotations

import re

_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">[ \t]*\n?')


def drop_language_alternates(page_html: str) -> str:
    """Remove the ``<link rel="alternate" hreflang>`` tags from the page's head."""
    head_end = page_html.find("</head>")
    if head_end < 0:
        return page_html
    return _HEAD_ALTERNATE.sub("", page_html[:head_end]) + page_html[head_end:]
