"""A page's settings in context: region blocks, settings tables, the product, the strings files."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from mailhelp.content.page import page_context, render_page
from mailhelp.data.settings import load_settings
from mailhelp.problems import ContentError
from mailhelp.translations.strings import load_strings
from tests.conftest import DATA, DOCS, locales

if TYPE_CHECKING:
    from pathlib import Path

SETTINGS = load_settings(DATA)
STRINGS = load_strings(DOCS, locales())


def _render(body: str, *, product: str | None = "mx_plan", lang: str = "pt") -> str:
    meta = {"product": product} if product else {}
    context = page_context(SETTINGS, meta, lang=lang, origin="g.md", strings=STRINGS[lang])
    return render_page(body, context, origin="g.md")


def _problem(body: str, **kwargs: str | None) -> str:
    with pytest.raises(ContentError) as caught:
        _render(body, **kwargs)
    return str(caught.value)


def test_a_region_block_is_one_tab_per_region_named_in_the_readers_language() -> None:
    out = _render("Antes\n\n/// regions\n`{{ imap.host }}`\n///\n\nDepois\n", lang="de")
    assert '=== "Europa"\n\n    `imap.mail.ovh.net`' in out
    assert '=== "Amerika/Asien-Pazifik"\n\n    `imap.mail.ovh.ca`' in out
    assert out.startswith("Antes\n")
    assert out.rstrip().endswith("Depois")


def test_a_block_of_another_product_shows_that_products_regions() -> None:
    out = _render("/// regions email_pro\n{{ smtp.port }}\n///\n")
    assert out.count("=== ") == 1
    assert "587" in out


def test_a_settings_table_is_written_from_the_data_in_each_region() -> None:
    out = _render("/// settings\n", lang="en")
    assert "| Service | Server | Port | Security |" in out
    assert "`smtp.mail.ovh.ca`" in out
    assert "`smtp.mail.ovh.net`" in out
    assert "| SMTP (outgoing), alternative |" in out
    assert "STARTTLS" in out
    assert "143" not in out, "an unverified endpoint is never shown"
    pro = _render("/// settings email_pro\n", lang="en")
    assert "proN.mail.ovh.net" in pro
    assert "Replace N with the number of your server" in pro


def test_a_marker_in_a_code_block_is_code() -> None:
    assert _render("```\n/// settings\n```\n") == "```\n/// settings\n```\n"


@pytest.mark.parametrize(
    ("body", "kwargs", "expected"),
    [
        ("a\n/// regions\n{{ imap.host }}\n", {}, ["g.md:2:1:", "never closed", "add a line '///'"]),
        ("/// regions\n/// regions\n///\n", {}, ["g.md:2:1:", "inside the region block opened on line 1"]),
        (
            "Servidor: {{ imap.host }}\n",
            {},
            ["g.md:1:11:", "cannot be decided here", "{{ europe.imap.host }}"],
        ),
        ("/// settings\n", {"product": None}, ["g.md:1:1:", "names no product", "product: mx_plan"]),
        (
            "\n/// settings exchange\n",
            {},
            ["g.md:2:1:", "names a product the data does not have", "mx_plan, email_pro"],
        ),
        ("{{ imap.host }}\n", {"product": None}, ["cannot be decided here", "add 'product: mx_plan'"]),
    ],
    ids=[
        "unclosed-block",
        "nested-block",
        "no-region",
        "no-product",
        "unknown-product",
        "short-key-without-product",
    ],
)
def test_a_mistake_in_a_block_names_its_place_and_the_fix(
    body: str, kwargs: dict, expected: list[str]
) -> None:
    message = _problem(body, **kwargs)
    for part in expected:
        assert part in message, message


def test_the_front_matter_names_a_product_the_data_has() -> None:
    with pytest.raises(ContentError, match="the product 'mx_plna', which the data does not have") as caught:
        page_context(SETTINGS, {"product": "mx_plna"}, lang="pt", origin="g.md")
    assert "did you mean 'mx_plan'?" in str(caught.value)


# The strings files -------------------------------------------------------------------------


def _strings_problem(tmp_path: Path, locale: str, old: str, new: str) -> str:
    docs = tmp_path / "docs"
    for name in locales():
        (docs / name).mkdir(parents=True)
        shutil.copy(DOCS / name / "strings.yml", docs / name / "strings.yml")
    path = docs / locale / "strings.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_strings(docs, locales())
    return str(caught.value)


@pytest.mark.parametrize(
    ("locale", "old", "new", "expected"),
    [
        ("fr", "  port: Port\n", "", ["docs/fr/strings.yml:", "'settings.port'", "add 'port:'"]),
        (
            "de",
            "  port: Port\n",
            "  port: Port\n  hafen: Hafen\n",
            ["docs/de/strings.yml:", "'settings.hafen'", "docs/pt/strings.yml has no such key"],
        ),
        (
            "it",
            "site_name: Assistenza email",
            "site_name: [Assistenza",
            ["docs/it/strings.yml:", "YAML syntax error"],
        ),
        (
            "pl",
            "  or: lub",
            "  or: [lub, albo]",
            ["docs/pl/strings.yml:", "'settings.or'", "a non-empty text"],
        ),
        (
            "pt",
            "  or: ou\n",
            "",
            ["docs/en/strings.yml:15:3: 'settings.or'", "docs/pt/strings.yml has no such key"],
        ),
    ],
    ids=["missing-key", "unknown-key", "yaml-error", "not-a-text", "source-missing-key"],
)
def test_a_strings_file_mistake_names_the_file_line_and_key(
    tmp_path: Path, locale: str, old: str, new: str, expected: list[str]
) -> None:
    message = _strings_problem(tmp_path, locale, old, new)
    for part in expected:
        assert part in message, message


def test_a_language_without_its_strings_file_reads_the_sources(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS / "pt", docs / "pt")
    assert load_strings(docs, ["pt", "fr"])["fr"]["site_name"] == "Ajuda do e-mail"
