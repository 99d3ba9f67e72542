"""Copy buttons are labelled in the language of their page, with Material's own words."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import material
import pytest

from tests.conftest import DOCS, locales, pages

if TYPE_CHECKING:
    from tests.conftest import Built

LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
GUIDES = [p.relative_to(DOCS / locales()[0]).as_posix() for p in pages(locales()[0]) if p.name != "index.md"]


def material_label(locale: str) -> str:
    """Material's "Copy to clipboard" in ``locale``, read from its translation file."""
    text = (LANGUAGES / f"{locale}.html").read_text(encoding="utf-8")
    found = re.search(r'"clipboard\.copy":\s*"([^"]*)"', text)
    assert found, f"Material has no clipboard.copy text for {locale}"
    return found.group(1)


@pytest.mark.parametrize("locale", locales())
def test_copy_buttons_speak_the_page_language(built_site: Built, locale: str) -> None:
    html = built_site.html(locale, GUIDES[0])
    labels = set(re.findall(r'class="md-clipboard md-icon mail-copy" type="button" title="([^"]*)"', html))
    assert labels == {material_label(locale)}, f"{locale}/{GUIDES[0]}: copy buttons labelled {labels}"
