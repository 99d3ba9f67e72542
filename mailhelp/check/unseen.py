"""What a rendered page shows that its Markdown did not: the only text the build reads twice.

The build judges every page's Markdown as it goes to the renderer, placeholders filled and
generated blocks written out: every host and port the page's own text gives a reader, in
the context the reader sees it in. Rendering moves no text from one context to another; it
can only add text, from the theme, a Markdown extension or a template. So a rendered article
whose hosts and numbers all stood, as often, in the visible text of its Markdown holds no
value that was not judged, and only a page that shows a new one is read as HTML and judged
again (:func:`mailhelp.check.check_html`). Both sides are counted, so a value the theme
repeats is new too.

Both scans are linear: one pass of the tokenizer over each text, tags and hidden elements
dropped by patterns that open with a literal ``<``.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape

from mailhelp.check.from_markdown import prepare
from mailhelp.check.tokens import tokens

Values = Counter[tuple[str, str]]
"""Each host (lower case) and number a text shows, with how many times: ``(host, port)``."""

_HIDDEN_ELEMENTS = re.compile(
    r"<(script|style|template|svg|button)\b[^>]*+>.*?</\1\s*>|<!--.*?(?:-->|\Z)", re.DOTALL | re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*+>")


def markdown_values(markdown: str) -> Values:
    """The hosts and numbers of the Markdown's visible text, as the Markdown pass reads it:
    link destinations, addresses, tags and comments blanked out."""
    return _count(prepare(markdown, {}).text)


def html_values(html: str) -> Values:
    """The hosts and numbers of a rendered page's article (the whole page if it has none),
    as a reader sees them: no tag, attribute, script, style, icon or button text."""
    start = html.find("<article")
    if start >= 0:
        end = html.find("</article>", start)
        html = html[start : end if end >= 0 else len(html)]
    text = _TAG.sub(" ", _HIDDEN_ELEMENTS.sub(" ", html))
    return _count(unescape(text) if "&" in text else text)


def unseen(html: str, seen: Values) -> Values:
    """The hosts and numbers that ``html`` shows more often than the Markdown ``seen`` did."""
    return html_values(html) - seen


def _count(text: str) -> Values:
    """The tokens of ``text``, but for the user part of an e-mail address (``joana.silva@``),
    which the Markdown blanks with its address and no rule takes for a server."""
    return Counter(
        ((t.host or "").lower(), t.port or "") for t in tokens(text) if text[t.end : t.end + 1] != "@"
    )
