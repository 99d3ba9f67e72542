"""The search index's tokenizer: the same calls as html.parser, the same index on the site."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import material.plugins.search.plugin as material
import pytest
from material.plugins.search.plugin import Parser

from mailhelp.site import search_sections
from mailhelp.site.search_sections import faster_parser, feed
from tests.conftest import ROOT, build_site

if TYPE_CHECKING:
    from pathlib import Path


class Recorder(HTMLParser):
    """Every call html.parser makes to the handlers that Material's parser uses."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[Any, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.calls.append(("start", tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self.calls.append(("end", tag))

    def handle_data(self, data: str) -> None:
        self.calls.append(("data", data))


def html_parser_calls(html: str) -> list[tuple[Any, ...]]:
    recorder = Recorder()
    recorder.feed(html)
    recorder.close()
    return recorder.calls


def our_calls(html: str) -> list[tuple[Any, ...]]:
    recorder = Recorder()
    feed(recorder, html, lambda _html: pytest.fail("html.parser was asked to read it"))
    return recorder.calls


READ_HERE = {
    "headings and text": '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>\n<p>Port <code>993</code>.</p>',
    "entities in text and attributes": "<p title=\"a &amp; b\" data-x='&lt;'>R&amp;D &eacute; &#233; &#xE9; &amp</p>",
    "attributes without values, bare values, upper case": '<INPUT Disabled type=checkbox CHECKED id="">',
    "self-closing and void tags": '<p>a<br/>b<br />c<img src="x.png" alt="">d<div/>e</p>',
    "comments and stray '>'": "<p>a <!-- hidden - note --> b > c</p><!-- -->",
    "a tag across lines": '<a\n  href="x"\n  class="y">link</a\n>',
    "text after the last tag, with an ampersand": "<p>x</p>tail &amp; more &",
    "nested tables and tabs": (
        '<div class="tabbed-set" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" name="__tabbed_1" '
        'type="radio"><div class="tabbed-labels"><label for="__tabbed_1_1">Europa</label></div>'
        "<table><thead><tr><th>Servidor</th></tr></thead><tbody><tr><td>ssl0.ovh.net</td></tr></tbody></table></div>"
    ),
    "no markup": "just text & more",
    "empty": "",
}

LEFT_TO_HTML_PARSER = {
    "a '<' that opens no tag": "<p>a < b and a<3</p>",
    "a script": '<p>x</p><script>if (a<b) { document.write("<p>") }</script>',
    "a style": "<style>p > a { color: red }</style><p>x</p>",
    "a title element": "<title>a <b> c</title>",
    "a declaration": "<!DOCTYPE html><p>x</p>",
    "a processing instruction": "<?xml version='1.0'?><p>x</p>",
    "a comment with '--' inside": "<p>a <!-- x -- y --> b</p>",
    "an empty comment, which Python versions read apart": "<p>a<!---->b<!-->c</p>",
    "an unclosed comment": "<p>a <!-- never closed</p>",
    "an unclosed tag": '<p>a <a href="x',
    "an attribute name html.parser reads otherwise": '<p a"b="c">x</p>',
    "non-ASCII space inside a tag": '<a\xa0href="x">y</a>',
    "a bare value with a slash": "<a href=x/y>z</a>",
    "an end tag with attributes": '<p>x</p class="y">',
    "a CDATA section": "<p><![CDATA[ x ]]></p>",
}


@pytest.mark.parametrize("html", READ_HERE.values(), ids=READ_HERE.keys())
def test_markup_read_here_gives_html_parsers_calls(html: str) -> None:
    assert search_sections._events(html) is not None, "read here, not left to html.parser"
    assert our_calls(html) == html_parser_calls(html)


@pytest.mark.parametrize("html", LEFT_TO_HTML_PARSER.values(), ids=LEFT_TO_HTML_PARSER.keys())
def test_other_markup_is_left_to_html_parser(html: str) -> None:
    assert search_sections._events(html) is None
    recorder = Recorder()
    feed(recorder, html, recorder.feed)
    recorder.close()
    assert recorder.calls == html_parser_calls(html)


def sections(html: str, *, ours: bool) -> list[tuple[Any, ...]]:
    parser = faster_parser(material)() if ours else Parser()
    if ours:
        feed(parser, html, parser.feed)
    else:
        parser.feed(html)
    parser.close()
    return [(repr(s), s.depth, s.title, s.text, s.is_excluded()) for s in parser.data]


SECTIONS = {
    "every case read here": "".join(READ_HERE.values()),
    "a preface, sections, an excluded block, code and lists": (
        '<p>Preface</p><h2 id="s">Section</h2><div data-search-exclude><p>hidden</p></div><p>shown</p>'
        "<pre><code>  two  spaces\n\n</code></pre><ul><li> </li><li>item <sub>2</sub></li></ul>"
    ),
    "an excluded block inside another of the same tag": (
        '<h1 id="a">A</h1><div data-search-exclude><div data-search-exclude>x</div>after inner</div>after outer'
    ),
    "scripts, styles and line numbers": (
        '<h1 id="a">A</h1><script data-search-exclude>var a</script><style>p{}</style>'
        '<table><tr><td class="linenodiv"><pre>1\n2</pre></td><td><pre><code>code</code></pre></td></tr></table>'
    ),
    "headings nested in blocks, without ids, and a first heading below h1": (
        '<div><h3 id="n">Nested</h3><p>in</p></div><p>out</p><h2>No id</h2><p>x</p>'
        '<section><h2 id="deep">Deep <code>c</code><a class="headerlink" href="#deep">¶</a></h2></section>'
    ),
    "empty kept elements and white space": "<h1 id='t'>T</h1><p> </p><p>\n</p><p></p><ol><li><code> </code></li></ol>",
    "a page that opens with a heading below h1": '<h2 id="first">First</h2><p>x</p><h3 id="b">B</h3>y',
    "white space beside white space, in and out of code": (
        "<h1 id='t'>T</h1><pre><code>x</code> <b></b> <i></i>\n</pre><p>a <b></b> <i></i> b</p>"
    ),
    "an end tag that closes nothing open": "<h1 id='t'>T</h1></div><p>a</span>b</p>",
}


@pytest.mark.parametrize("html", SECTIONS.values(), ids=SECTIONS.keys())
def test_materials_sections_are_the_same(html: str) -> None:
    if "<script" not in html and "<style" not in html:
        assert search_sections._events(html) is not None
    assert sections(html, ours=True) == sections(html, ours=False)


def test_the_sections_hold_the_pages_words() -> None:
    found = sections(SECTIONS["a preface, sections, an excluded block, code and lists"], ours=True)
    assert [title for _id, _depth, title, _text, _excluded in found] == [[], ["Section"]]
    assert "hidden" not in str(found)
    assert "shown" in str(found)


def test_the_sites_search_index_is_the_same_as_materials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page of the real site, in every language: read here, never by html.parser, and
    the search index of every language is byte for byte the one Material's own parser makes,
    fed by html.parser."""
    monkeypatch.delenv("DOCS_LANG", raising=False)
    events = search_sections._events
    read = []

    def counted(html: str) -> Any:
        found = events(html)
        read.append(found is not None)
        return found

    monkeypatch.setattr(search_sections, "_events", counted)
    ours = build_site(tmp_path / "ours").site
    assert read, "the search index was not made with the tokenizer"
    assert all(read), f"{read.count(False)} of {len(read)} pages were left to html.parser"

    monkeypatch.setattr(search_sections, "_events", lambda _html: None)
    monkeypatch.setattr(search_sections, "faster_parser", lambda module: module.Parser)
    materials = build_site(tmp_path / "materials").site
    indexes = sorted(p.relative_to(materials) for p in materials.rglob("search_index.json"))
    assert len(indexes) >= 7
    for index in indexes:
        assert (ours / index).read_bytes() == (materials / index).read_bytes(), index


def test_an_unknown_search_index_keeps_its_own_indexing(caplog: pytest.LogCaptureFixture) -> None:
    """Another search plugin, or a Material whose index changed: warned, left as it is."""
    import runpy
    from types import SimpleNamespace

    hook = runpy.run_path(str(ROOT / "hooks" / "search_sections.py"))

    class OtherIndex:
        def add_entry_from_context(self, page: Any) -> None:
            pass

    index = OtherIndex()
    config: Any = SimpleNamespace(plugins={"search": SimpleNamespace(search_index=index)})
    with caplog.at_level("WARNING", logger="mkdocs.plugins.search_sections"):
        hook["on_pre_build"](config)
    assert "no Material 9 index" in caplog.text
    assert "add_entry_from_context" not in vars(index)

    material_index = material.SearchIndex()
    config.plugins = {"material/search": SimpleNamespace(search_index=material_index)}
    hook["on_pre_build"](config)
    assert "add_entry_from_context" in vars(material_index)
