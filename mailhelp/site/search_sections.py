"""Material's search index, with each page's HTML split by one regular expression.

Material's search plugin divides every page into sections with :mod:`html.parser`: a sixth
of a whole build (BENCHMARKS.md), most of it in the tokenizer, a dozen Python calls a tag.
Here the same sections come from the same handlers (Material's own ``Parser``, unchanged),
fed by a tokenizer that reads a tag with one match. It reads only markup that it reads
exactly as :mod:`html.parser` does: tags with plain attributes, end tags, comments with no
``--`` inside, and text. A page with anything else (a ``<`` that opens no tag, a script or
style, a declaration, an odd attribute) is fed to :mod:`html.parser` whole, as before, so
the index is the same entry for entry; ``tests/test_search_sections.py`` proves it on every
page of the site.
"""

from __future__ import annotations

import re
from functools import cache
from html import escape, unescape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

# A start tag (name, attributes, a closing '/'), an end tag, or a comment, each in the plain
# form that html.parser reads the same way in every Python version: ASCII white space, names
# of letters, digits and '-', values quoted or bare. The pattern is linear (possessive runs);
# attributes are split by _ATTRIBUTE once their tag matched.
_SPACE = r"[ \t\n\r\f]"
_NAME = r"[A-Za-z][A-Za-z0-9-]*+"
_ATTRIBUTE_NAME = r"[A-Za-z_:][-A-Za-z0-9_:.]*+"
_VALUE = r"""(?:"[^"]*+"|'[^']*+'|[^ \t\n\r\f"'<>=`/]++)"""
_MARKUP = re.compile(
    rf"<(?:(?P<name>{_NAME})(?P<attrs>(?:{_SPACE}++{_ATTRIBUTE_NAME}(?:={_VALUE})?+)*+){_SPACE}*+(?P<close>/?)>"
    rf"|/(?P<end>{_NAME}){_SPACE}*+>"
    r"|!--(?![>-])(?:[^-]|-(?!-))*+-->)"
)
_ATTRIBUTE = re.compile(rf"{_SPACE}++({_ATTRIBUTE_NAME})(?:=({_VALUE}))?+")
_TEXT_ELEMENTS = re.compile(
    r"<(?:script|style|textarea|title|noscript|xmp|iframe|noembed|noframes|plaintext)\b", re.IGNORECASE
)
"""Elements whose content html.parser (in one Python version or another) reads as text:
left to it."""


def feed(parser: Any, html: str, fallback: Callable[[str], None]) -> None:
    """Send ``html`` to ``parser``'s handlers as :mod:`html.parser` would, or, for markup
    read otherwise, hand the whole page to ``fallback`` (the parser's own ``feed``).

    ``parser`` is Material's search ``Parser``: only its ``handle_starttag``,
    ``handle_endtag`` and ``handle_data`` are called, with the same arguments, in the same
    order, as :mod:`html.parser` calls them (``convert_charrefs``: text unescaped, one call
    per run of text between two pieces of markup)."""
    events = _events(html)
    if events is None:
        fallback(html)
        return
    starttag, endtag, data = parser.handle_starttag, parser.handle_endtag, parser.handle_data
    for kind, first, second in events:
        if kind == _DATA:
            data(first)
        elif kind == _START:
            starttag(first, second)
        elif kind == _END:
            endtag(first)
        else:  # a self-closing tag: html.parser's handle_startendtag does both
            starttag(first, second)
            endtag(first)


_DATA, _START, _END, _START_END = range(4)
Event = tuple[int, Any, Any]


def _events(html: str) -> list[Event] | None:
    """The parser's calls for ``html`` in order, or ``None`` when it holds markup this
    tokenizer does not read exactly as :mod:`html.parser` does."""
    if "<" in html and _TEXT_ELEMENTS.search(html):
        return None
    events: list[Event] = []
    append = events.append
    at = 0
    find = html.find
    match = _MARKUP.match
    while True:
        start = find("<", at)
        if start < 0:
            if at < len(html):
                text = html[at:]
                append((_DATA, unescape(text) if "&" in text else text, None))
            return events
        found = match(html, start)
        if found is None:
            return None  # a '<' that opens no markup read here: html.parser's own reading
        if start > at:
            text = html[at:start]
            append((_DATA, unescape(text) if "&" in text else text, None))
        at = found.end()
        name = found.group("name")
        if name is not None:
            attrs = _attributes(found.group("attrs"))
            append((_START_END if found.group("close") else _START, name.lower(), attrs))
        elif (end := found.group("end")) is not None:
            append((_END, end.lower(), None))
        # A comment: html.parser hands it to handle_comment, which the search index ignores.


def _attributes(text: str) -> list[tuple[str, str | None]]:
    """A start tag's attributes as html.parser gives them: names in lower case, values
    without their quotes and unescaped, ``None`` for an attribute with no value."""
    out: list[tuple[str, str | None]] = []
    for name, value in _ATTRIBUTE.findall(text):
        if not value:  # findall gives "" for a missing value: html.parser gives None
            out.append((name.lower(), None))
            continue
        if value[0] in "\"'":
            value = value[1:-1]
        out.append((name.lower(), unescape(value) if "&" in value else value))
    return out


def add_entry_from_context(index: Any, page: Any, *, material: ModuleType) -> None:
    """Material's ``SearchIndex.add_entry_from_context`` (9.x) with the tokenizer above and
    :func:`faster_parser`: the page's sections, each made an entry by the index's own
    ``create_entry_for_section``. ``material`` is Material's search plugin module."""
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return
    parser = faster_parser(material)()
    feed(parser, page.content, parser.feed)
    parser.close()
    for section in parser.data:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)


_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
_KEPT_SKIPPED = ("script", "style", "object")


@cache
def faster_parser(material: ModuleType) -> type:
    """Material's search ``Parser`` with its three handlers written to do the same faster.

    Material compares elements by tag only (``Element.__eq__`` and ``__hash__``), so its
    ``skip.intersection(context)``, ``"pre" in context`` and ``section.el in context`` are
    questions about tags, each asked with a Python call per element. Here the tags of the
    open elements and of the skipped ones are kept beside Material's own lists, and those
    questions are set and list look-ups. Everything else is Material's code, step for step:
    the same sections, titles and texts (``tests/test_search_sections.py``)."""
    element, section_class, void = material.Element, material.Section, material.void

    class FasterParser(material.Parser):  # type: ignore[misc,name-defined]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.tags: list[str] = []
            self.skipped = {x if isinstance(x, str) else x.tag for x in self.skip}

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in void:
                return
            values = dict(attrs)
            el = element(tag, values)
            self.context.append(el)
            self.tags.append(tag)
            if tag in _HEADINGS and "id" in values:
                depth = len(self.context)
                if tag != "h1" and not self.data:
                    self.section = section_class(element("hx"), depth)
                    self.data.append(self.section)
                self.section = section_class(el, depth)
                if self.data:
                    self.section.id = values["id"]
                self.data.append(self.section)
            if not self.section:
                self.section = section_class(element("hx"))
                self.data.append(self.section)
            if "data-search-exclude" in values or values.get("class") == "linenodiv":
                self.skipped.add(tag)
                return
            if tag in self.keep and self.skipped.isdisjoint(self.tags):
                self._part().append(f"<{tag}>")

        def handle_endtag(self, tag: str) -> None:
            if not self.tags or self.tags[-1] != tag:
                return
            if self.section.depth > len(self.context):
                for section in reversed(self.data):
                    if section.depth <= len(self.context):
                        self.section.depth = float("inf")
                        self.section = section
                        break
            self.context.pop()
            self.tags.pop()
            if tag in self.skipped:
                if tag not in _KEPT_SKIPPED:
                    self.skipped.discard(tag)
                return
            if tag in self.keep and self.skipped.isdisjoint(self.tags):
                data = self._part()
                index = data.index(f"<{tag}>")
                if all(piece.isspace() for piece in data[index + 1 :]):
                    del data[index:]  # an element with nothing but white space in it
                else:
                    data.append(f"</{tag}>")

        def handle_data(self, data: str) -> None:
            if not self.skipped.isdisjoint(self.tags):
                return
            pre = "pre" in self.tags
            if not pre:
                data = " " if data.isspace() else data.replace("\n", " ")
            if not self.section:
                self.section = section_class(element("hx"))
                self.data.append(self.section)
            section = self.section
            if section.el.tag in self.tags:
                if not any(el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context):
                    section.title.append(escape(data, quote=False))
            elif data.isspace():
                if not section.text or not section.text[-1].isspace() or pre:
                    section.text.append(data)
            else:
                section.text.append(escape(data, quote=False))

        def _part(self) -> list[str]:
            """The open section's title while inside its heading, else its text."""
            return self.section.title if self.section.el.tag in self.tags else self.section.text

    return FasterParser
