"""Unit tests of mailhelp/site/redirects.py: where a redirect goes and when it must not be written."""

from __future__ import annotations

import pytest

from mailhelp.problems import ContentError
from mailhelp.site.integrity import read_page
from mailhelp.site.redirects import Target, plan_redirects


def _target(number: str = "g1300", url: str = "fr/windows-mail/", root: str = "fr/") -> Target:
    return Target(
        number, url, root, root.rstrip("/") or "pt", "Windows Mail <guide>", "docs/fr/windows-mail.md"
    )


@pytest.mark.parametrize(
    ("target", "path", "href"),
    [
        (_target(), "fr/g1300/index.html", "../windows-mail/"),
        (_target(root="", url="windows-mail/"), "g1300/index.html", "../windows-mail/"),
        (_target(root="", url=""), "g1300/index.html", "../"),
        (_target(url="fr/guides/windows-mail/"), "fr/g1300/index.html", "../guides/windows-mail/"),
        (_target(url="fr/windows-mail.html"), "fr/g1300/index.html", "../windows-mail.html"),
    ],
    ids=["locale", "source", "home", "nested", "no-directory-urls"],
)
def test_redirect_pages_link_relatively(target: Target, path: str, href: str) -> None:
    """The refresh, the canonical link and the visible link all name the guide, relatively."""
    planned = plan_redirects([target], page_urls=[target.url])
    assert list(planned) == [path]
    page = read_page(planned[path])
    assert page.redirect
    assert [url for url, _line, _col in page.links] == [href, href, href]
    assert f'<html lang="{target.lang}">' in planned[path]
    assert "Windows Mail &lt;guide&gt;" in planned[path]


def test_an_old_number_that_is_a_page_stops_the_build() -> None:
    """A page already at /fr/g1300/ would be overwritten: the build stops instead."""
    with pytest.raises(ContentError, match=r"/fr/g1300/ of g1300 is already a page"):
        plan_redirects([_target()], page_urls=["fr/windows-mail/", "fr/g1300/"])


def test_two_guides_with_one_number_stop_the_build() -> None:
    """One old address cannot lead to two guides."""
    other = _target(url="fr/thunderbird/")
    with pytest.raises(ContentError, match="g1300 is also the number of"):
        plan_redirects([_target(), other], page_urls=[])
