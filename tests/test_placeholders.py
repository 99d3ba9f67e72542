"""Substituting placeholders: values land escaped for their context; mistakes stop the build."""

from __future__ import annotations

import pytest

from mailhelp.content.guides import resolve_legacy_links
from mailhelp.content.placeholders import keys_in, render, render_text
from mailhelp.problems import ContentError

VALUES = {
    "imap.host": "ssl0.ovh.net",
    "imap.ports.ssl": "993",
    "smtp.ports.ssl": "465",
    "provider.name": "A&B <mail> *co*",
    "provider.manager": "https://example.com/a b(c)",
}


def error_of(markdown: str) -> str:
    with pytest.raises(ContentError) as caught:
        render(markdown, VALUES, origin="docs/pt/page.md", first_line=5)
    return str(caught.value)


def test_values_replace_placeholders_everywhere() -> None:
    markdown = (
        "# IMAP {{ imap.host }}\n"
        "Server: {{imap.host}}:{{ imap.ports.ssl }}\n"
        "| Port | `{{ imap.ports.ssl }}` |\n"
        "|---|---|\n"
        "| SMTP | {{ smtp.ports.ssl }} |\n"
        "```\n"
        "imap {{ imap.host }}\n"
        "```\n"
    )
    out = render(markdown, VALUES)
    assert "{{" not in out
    assert out.count("ssl0.ovh.net") == 3
    assert "| `993` |" in out
    assert "| SMTP | 465 |" in out
    assert "imap ssl0.ovh.net\n```" in out


def test_prose_values_are_html_and_markdown_escaped() -> None:
    out = render("Made by {{ provider.name }}.", VALUES)
    assert out == "Made by A&amp;B &lt;mail&gt; \\*co\\*."


def test_code_values_are_left_to_markdown() -> None:
    assert render("`{{ provider.name }}`", VALUES) == "`A&B <mail> *co*`"
    fenced = render("~~~\n{{ provider.name }}\n~~~\n", VALUES)
    assert fenced == "~~~\nA&B <mail> *co*\n~~~\n"


def test_link_destinations_are_percent_encoded() -> None:
    out = render("[area]({{ provider.manager }})", VALUES)
    assert out == "[area](https://example.com/a%20b%28c%29)"


def test_table_cells_escape_pipes() -> None:
    values = {**VALUES, "provider.name": "a|b"}
    out = render("| x | y |\n|---|---|\n| {{ provider.name }} | 1 |\n", values)
    assert "| a\\|b | 1 |" in out


def test_title_is_html_escaped() -> None:
    assert render_text("{{ provider.name }} help", VALUES, origin="t") == "A&amp;B &lt;mail&gt; *co* help"


def test_unknown_key_names_place_and_nearest_key() -> None:
    message = error_of("first line\nUse {{ imap.hots }} now\n")
    assert "docs/pt/page.md:6:5: unknown setting 'imap.hots'" in message
    assert "did you mean 'imap.host'?" in message


def test_section_key_asks_for_a_value() -> None:
    message = error_of("{{ imap.ports }}")
    assert "'imap.ports' is a section" in message
    assert "imap.ports.ssl" in message


@pytest.mark.parametrize("broken", ["{{ imap.host }", "{{ imap host }}", "{{}}", "{{ imap.host | upper }}"])
def test_malformed_placeholders_stop(broken: str) -> None:
    message = error_of(f"text {broken} text")
    assert "malformed placeholder" in message
    assert "docs/pt/page.md:5:6" in message


def test_every_problem_of_a_page_is_reported() -> None:
    message = error_of("{{ a.b }}\n{{ c.d }}\n")
    assert ":5:1:" in message
    assert ":6:1:" in message


def test_leftover_braces_from_a_value_stop_the_build() -> None:
    with pytest.raises(ContentError, match="left on this line"):
        render("`{{ provider.name }}`", {"provider.name": "{{ x }}"})


def test_escaped_braces_are_literal() -> None:
    assert render("Write \\{{ imap.host }} in a page", VALUES) == "Write {{ imap.host }} in a page"
    assert keys_in("\\{{ imap.host }} {{ smtp.ports.ssl }}") == ["smtp.ports.ssl"]


def test_backtick_value_cannot_enter_a_code_span() -> None:
    with pytest.raises(ContentError, match="backtick"):
        render("`{{ provider.name }}`", {"provider.name": "a`b"})


LEGACY = {"internal": {"g1300": "guide.md"}, "external": {"g1683": "https://example.com/g1683"}}


def test_legacy_links_resolve_inside_and_outside() -> None:
    markdown = "[Guide]({legacy}1300) and [Paid]({legacy}1683)"
    out = resolve_legacy_links(markdown, page_path="sub/page.md", origin="p.md", **LEGACY)
    assert out == "[Guide](../guide.md) and [Paid](https://example.com/g1683)"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("[]({legacy}1683)", "has no text"),
        ("[Paid]({legacy}9999)", "unknown legacy guide number '9999'"),
        ("see {legacy}1683", "only understood as a whole link"),
    ],
)
def test_legacy_link_mistakes(markdown: str, expected: str) -> None:
    with pytest.raises(ContentError, match=expected):
        resolve_legacy_links(markdown, page_path="page.md", origin="p.md", **LEGACY)
