"""Real strict builds: every page of every language shows the data, and bad input stops it."""

from __future__ import annotations

import re
import shutil
from html import escape
from typing import TYPE_CHECKING

import pytest

from mailhelp.check import product_of
from mailhelp.content.placeholders import keys_in
from tests.conftest import DATA, DOCS, BuildFailed, locales, pages

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tests.conftest import Built

PAGES = [
    (locale, page.relative_to(DOCS / locale).as_posix()) for locale in locales() for page in pages(locale)
]


def test_every_language_has_every_source_page() -> None:
    source = {page for locale, page in PAGES if locale == locales()[0]}
    for locale in locales():
        missing = source - {page for loc, page in PAGES if loc == locale}
        assert not missing, f"docs/{locale}/ lacks {sorted(missing)}"


@pytest.mark.parametrize(("locale", "page"), PAGES, ids=[f"{loc}/{page}" for loc, page in PAGES])
def test_page_shows_the_data_where_its_placeholders_were(built_site: Built, locale: str, page: str) -> None:
    html = built_site.html(locale, page)
    source = (DOCS / locale / page).read_text(encoding="utf-8")
    keys = keys_in(source)
    assert keys, f"docs/{locale}/{page} names no setting"
    settings, product = built_site.settings, product_of(source)
    # Each region's value: a region block shows every region of the page's product.
    for region in settings.regions(product):
        values = settings.values(locale, product=product, region=region)
        for key in set(keys):
            assert escape(values[key], quote=False) in html, (
                f"docs/{locale}/{page}: {key} ({region}) not shown"
            )
    assert "{{" not in html
    assert "ns0.ovh.net" not in html.lower()


def test_no_placeholder_or_retired_host_anywhere(built_site: Built) -> None:
    for path in built_site.site.rglob("*"):
        if path.suffix in {".html", ".json", ".xml"}:
            text = path.read_text(encoding="utf-8")
            assert "{{" not in text, path
            assert "ns0.ovh.net" not in text.lower(), path


def test_page_title_is_substituted_and_translated(built_site: Built) -> None:
    titles = set()
    for locale in locales():
        html = built_site.html(locale, "e-mails_partilhados_guia_de_configuracao_para_o_windows_mail.md")
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert "{{" not in title
        titles.add(title)
        assert f'<html lang="{locale}"' in html
    assert len(titles) == len(locales()), "every language has its own title"


def test_a_changed_port_changes_on_every_page_of_every_language(
    site_builder: Callable[..., Built], tmp_path: Path
) -> None:
    data = tmp_path / "settings.yml"
    data.write_text(
        DATA.read_text(encoding="utf-8").replace("port: 993\n", "port: 10993\n"), encoding="utf-8"
    )
    built = site_builder(data=data)
    for locale, page in PAGES:
        source = (DOCS / locale / page).read_text(encoding="utf-8")
        html = built.html(locale, page)
        if "imap.ports.ssl" in keys_in(source):
            assert "10993" in html, f"{locale}/{page} kept the old port"
            assert not re.search(r"\b993\b", html), f"{locale}/{page} still shows 993"


def copy_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    return docs


def test_unknown_key_in_a_page_stops_the_build_with_its_place(
    site_builder: Callable[..., Built], tmp_path: Path
) -> None:
    docs = copy_docs(tmp_path)
    page = docs / "fr" / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("{{ product.name }}", "{{ product.nmae }}", 1), encoding="utf-8")
    line = text[: text.index("{{ product.name }}")].count("\n") + 1
    with pytest.raises(BuildFailed) as caught:
        site_builder(docs=docs)
    message = str(caught.value)
    assert f"fr/index.md:{line}:" in message
    assert "did you mean 'product.name'?" in message


def test_bad_data_stops_the_build_before_any_page(site_builder: Callable[..., Built], tmp_path: Path) -> None:
    data = tmp_path / "settings.yml"
    data.write_text(
        DATA.read_text(encoding="utf-8").replace("port: 995\n", "port: 99500\n"), encoding="utf-8"
    )
    with pytest.raises(BuildFailed, match=r"pop3\.0\.port"):
        site_builder(data=data)
    assert not (tmp_path / "site" / "index.html").exists()


def test_slug_must_name_the_file(site_builder: Callable[..., Built], tmp_path: Path) -> None:
    docs = copy_docs(tmp_path)
    page = docs / "pt" / "e-mails_partilhados_guia_de_configuracao_para_o_windows_mail.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("slug: e-mails", "slug: emails", 1), encoding="utf-8")
    with pytest.raises(BuildFailed, match="does not match the file name"):
        site_builder(docs=docs)
