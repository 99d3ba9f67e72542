"""The built site is whole: links, anchors, assets, sitemap, 404 page, old guide numbers."""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import pytest
from mkdocs.config import load_config

from mailhelp.content.guides import legacy_index, read_guides
from mailhelp.site.integrity import check_site, read_page
from mailhelp.site.theme_fixes import page_language
from tests.conftest import CONFIG_FILE, DOCS, locales

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tests.conftest import Built


def _site_url() -> str:
    return load_config(config_file=str(CONFIG_FILE)).site_url or "/"


def _problems(site: Path) -> list[str]:
    return [str(problem) for problem in check_site(site, site_url=_site_url(), locales=locales())]


def test_the_built_site_is_whole(built_site: Built) -> None:
    """Every internal link, anchor and asset resolves; the sitemap lists every page."""
    pages = list(built_site.site.rglob("*.html"))
    links = sum(len(read_page(page.read_text(encoding="utf-8")).links) for page in pages)
    # Seven languages, each with a home page, a guide and a redirect page, plus the 404.
    assert len(pages) >= 3 * len(locales()) + 1
    assert links > 100, "the crawler found almost no links: it is not reading the pages"
    assert _problems(built_site.site) == []


def _drop_asset(site: Path) -> str:
    (site / "assets" / "stylesheets" / "site.css").unlink()
    return "assets/stylesheets/site.css, which the site does not have"


def _break_anchor(site: Path) -> str:
    page = site / "en" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace('href="#', 'href="#no-such-heading-', 1), encoding="utf-8")
    return "#no-such-heading-"


def _break_page_link(site: Path) -> str:
    shutil.rmtree(site / "fr" / _guide_slug())
    return f"fr/{_guide_slug()}/index.html, which the site does not have"


def _unlist_page(site: Path) -> str:
    sitemap = site / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    entry = re.compile(r"<url>\s*<loc>[^<]*/de/</loc>.*?</url>", re.DOTALL)
    sitemap.write_text(entry.sub("", text, count=1), encoding="utf-8")
    return "the page /de/ is not listed in sitemap.xml"


def _drop_hreflang(site: Path) -> str:
    sitemap = site / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    sitemap.write_text(re.sub(r'<xhtml:link[^>]*hreflang="pl"[^>]*/>', "", text), encoding="utf-8")
    return "has no hreflang alternate for pl"


def _drop_404(site: Path) -> str:
    (site / "404.html").unlink()
    return "the site has no 404 page"


@pytest.mark.parametrize(
    "damage", [_drop_asset, _break_anchor, _break_page_link, _unlist_page, _drop_hreflang, _drop_404]
)
def test_the_checker_sees_damage(built_site: Built, tmp_path: Path, damage: Callable[[Path], str]) -> None:
    """Each kind of damage to a good site is reported, in words that name it."""
    site = tmp_path / "site"
    shutil.copytree(built_site.site, site)
    expected = damage(site)
    problems = _problems(site)
    assert any(expected in problem for problem in problems), problems


def _guide_slug() -> str:
    guides = read_guides(DOCS / locales()[0])
    return legacy_index(guides)["g1300"].removesuffix(".md")


def _legacy_numbers() -> dict[str, str]:
    return legacy_index(read_guides(DOCS / locales()[0]))


@pytest.mark.parametrize("locale", locales())
def test_old_guide_numbers_lead_to_the_guide(built_site: Built, locale: str) -> None:
    """/g1300/ and /<locale>/g1300/ send the reader to the guide in that language."""
    numbers = _legacy_numbers()
    assert numbers, "no guide carries a legacy_guide_number: nothing to redirect"
    prefix = "" if locale == locales()[0] else f"{locale}/"
    for number, path in numbers.items():
        redirect = built_site.site / prefix / number / "index.html"
        page = read_page(redirect.read_text(encoding="utf-8"))
        assert page.redirect, f"{redirect} has no meta refresh"
        targets = {url for url, _line, _col in page.links}
        assert len(targets) == 1, f"the refresh, canonical and visible links differ: {targets}"
        target = (redirect.parent / targets.pop()).resolve() / "index.html"
        expected = built_site.site / prefix / path.removesuffix(".md") / "index.html"
        assert target == expected.resolve()
        assert f'<html lang="{locale}"' in redirect.read_text(encoding="utf-8")
        assert f'<html lang="{locale}"' in target.read_text(encoding="utf-8")


def test_redirects_follow_the_front_matter(built_site: Built) -> None:
    """Every redirect page of the site comes from a legacy_guide_number, and no other."""
    numbers = set(_legacy_numbers())
    found = {
        path.parent.relative_to(built_site.site).as_posix()
        for path in built_site.site.rglob("index.html")
        if read_page(path.read_text(encoding="utf-8")).redirect
    }
    source = locales()[0]
    expected = {
        f"{locale}/{number}" if locale != source else number for locale in locales() for number in numbers
    }
    assert found == expected


@pytest.mark.parametrize("locale", locales())
def test_each_language_has_its_404_page(built_site: Built, locale: str) -> None:
    """The root 404 page is the source language's; each other language has one in its folder."""
    prefix = "" if locale == locales()[0] else f"{locale}/"
    text = (built_site.site / prefix / "404.html").read_text(encoding="utf-8")
    assert page_language(text) == locale
