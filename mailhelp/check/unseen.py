"""What a rendered page shows that its Markdown did not: the only text the build reads twice.

The build judges every page's Markdown as it goes to the renderer, placeholders filled and
generated blocks written out: every host and port the page's own text gives a reader, in
the context the reader sees it in. Rendering moves no text from one context to another; it
can only add text, from the theme, a Markdown extension or a template. So a rendered article
whose hosts and numbers all stood, as often, in the visible text of its Markdown holds no
value that was not judged, and only a page that shows a new one is read as HTML and judged
again (:func:`mailhelp.check.check_html`). Both sides are counted, so a value the theme
repeats is new too.

The comparison is of words, counted (runs of letters, digits, ``-``, ``:`` and dots, which
hold every host and port the checker reads): a word the Markdown showed as often is no news,
whatever it holds. Both sides are a few compiled patterns over the text, linear, so that
screening a page costs a small part of judging it; an e-mail address is no news either, since
the Markdown blanks it and the rules take no server from it.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape

from mailhelp.check.from_markdown import prepare
from mailhelp.check.tokens import MAY_HOLD

Values = Counter[str]
"""The words of a text (runs of letters, digits, ``-``, ``:``, ``@`` and dots), with their
counts; an e-mail address is one word, which the Markdown blanks and no rule reads."""

_WORD_REST = re.compile(r"[\w.:@\-。．｡]*+")
_HIDDEN_ELEMENTS = re.compile(
    r"<(script|style|template|svg|button)\b[^>]*+>.*?</\1\s*>|<!--.*?(?:-->|\Z)", re.DOTALL | re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*+>")
_LINK_DESTINATION = re.compile(r"\]\([^)\n]*+\)")
_RAW_BLOCK = re.compile(
    r"<(?:table|tr|td|th|div|p|ul|ol|li|dl|dt|dd|h[1-6]|details|summary|pre|blockquote)\b", re.IGNORECASE
)


def markdown_values(markdown: str) -> Values | None:
    """The words of the Markdown's visible text that :func:`unseen` may report (a digit, or a
    dot before a letter; no address), as the Markdown pass reads it: addresses, tags and
    comments blanked out, and the marks of emphasis, code and links dropped, as rendering
    drops them (``**POP3**.`` reads ``POP3.``, ``[passo 5](#passo-5).`` reads ``passo 5.``).

    ``None`` when the Markdown writes HTML blocks of its own (``<table>``, ``<p>``): their
    structure, a raw table's columns, is the renderer's and not the Markdown reader's, so
    such a page is judged whole as HTML."""
    if "<" in markdown and _RAW_BLOCK.search(markdown):
        return None
    text = prepare(markdown, {}).text.replace("*", "").replace("`", "")
    if "](" in text:  # a link reads as its text: "[passo 5](#passo-5)." shows "passo 5."
        text = _LINK_DESTINATION.sub("", text).replace("[", "")
    # Kept until the page is written, for every page of a language at once: only the words
    # that unseen() can report are worth their memory (plain words are most of them).
    return _reportable_words(text)


def html_values(html: str) -> Values:
    """The words that :func:`unseen` may report of a rendered page's article (the whole page
    if it has none), as a reader sees them: no tag, attribute, script, style, icon or button
    text. A tag parts no words (``<code>ssl0</code>.ovh.net`` reads ``ssl0.ovh.net``): blocks
    are parted by the line breaks the renderer writes between them."""
    start = html.find("<article")
    if start >= 0:
        end = html.find("</article>", start)
        html = html[start : end if end >= 0 else len(html)]
    text = _TAG.sub("", _HIDDEN_ELEMENTS.sub("\n", html))
    return _reportable_words(unescape(text) if "&" in text else text)


def unseen(html: str, seen: Values) -> list[str]:
    """The words of ``html`` that may hold a host or a port (a digit, or a dot before a letter)
    and that it shows more often than the Markdown ``seen`` did."""
    return list(html_values(html) - seen)


def _reportable_words(text: str) -> Values:
    """The words of ``text`` that may hold a host or a port (a digit, or a dot before a letter),
    and are no e-mail address, counted.

    The plain words, most of a page, are never made into strings: the scan jumps from one
    place that may hold a value to the next, and takes the word around it (its start read in
    the text reversed), then goes on after that word. Each character is read a bounded
    number of times, however long the word or the line."""
    words = []
    backwards = ""
    at, length = 0, len(text)
    while (hit := MAY_HOLD.search(text, at)) is not None:
        if not backwards:
            backwards = text[::-1]
        start = length - _WORD_REST.match(backwards, length - hit.start()).end()
        at = _WORD_REST.match(text, hit.start()).end()
        if "@" not in (word := text[start:at]):
            words.append(word)
    return Counter(words)
