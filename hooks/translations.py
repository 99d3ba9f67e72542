"""MkDocs hook: translation status page, and a notice on pages shown untranslated.

A page missing in a language falls back to the source page (the i18n plugin does that);
this hook puts a notice in the reader's language on top, with a link to the source page.
The notice's words come from each language's strings file (``docs/<locale>/strings.yml``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from mailhelp.problems import ContentError
from mailhelp.site.build import build_strings, site_locales, source_locale
from mailhelp.translations.status import page_status, status_page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

STATUS_PAGE = "translation-status.md"


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the translators' status page to the source language, outside the navigation.

    It runs after the i18n plugin has sorted the files by language, so the page exists in
    the source language only.
    """
    source = source_locale(config)
    if config.plugins["i18n"].current_language != source:
        return files
    locales = site_locales(config)
    try:
        statuses = page_status(Path(config.docs_dir), source, locales)
    except ContentError as error:
        raise PluginError(f"\n{error}") from None
    content = status_page(statuses, locales)
    files.append(File.generated(config, STATUS_PAGE, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put a notice in the reader's language on a source page shown in place of a translation."""
    building = config.plugins["i18n"].current_language
    if page.file.src_uri.split("/", 1)[0] == building or page.file.generated_by:
        return markdown
    strings = build_strings(config, building)
    title, link = strings["untranslated"], strings["untranslated_link"]
    source_url = page.url.removeprefix(f"{building}/")
    target = "../" * page.url.count("/") + source_url
    return f'!!! info "{title}"\n    [{link}]({target or "./"})\n\n{markdown}'
