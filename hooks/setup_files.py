"""MkDocs hook: the set-up files in the built site, and the blocks that show them in pages.

A ``/// setup-files <kind>`` line in a page becomes a block generated from the data
(mailhelp/setup_files/markers.py). After the build, the Thunderbird autoconfig files and the
JSON export are written once, by the source language's build, at the site root; every
language's build writes its own Apple profiles into its folder (the i18n plugin runs each
language's build into the one site folder). Written straight into the
site folder, they are served by ``mkdocs serve`` and published by ``mkdocs build``,
``.well-known/`` included (MkDocs would leave a dot-folder of ``docs/`` out).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.utils import write_file

from mailhelp.problems import ContentError
from mailhelp.setup_files import markers
from mailhelp.setup_files.published import language_files, shared_files
from mailhelp.site.build import (
    all_strings,
    build_settings,
    language_root,
    language_roots,
    site_locales,
    source_locale,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace each ``/// setup-files`` line with its generated block."""
    if not markers.has_markers(markdown):
        return markdown
    settings, _legacy = build_settings(config)
    root, _locale = language_root(page.url, config)
    to_root = "../" * page.url.count("/")
    try:
        return markers.expand(
            markdown,
            settings,
            lang=config.theme["language"],
            words=all_strings(config),
            to_root=to_root,
            to_language=to_root + root,
            origin=f"{Path(config.docs_dir).name}/{page.file.src_uri}",
        )
    except ContentError as error:
        raise PluginError(f"\n{error}") from None


def on_post_build(config: MkDocsConfig) -> None:
    """Write the set-up files: the shared ones in the source language's build only."""
    settings, _legacy = build_settings(config)
    lang = config.theme["language"]
    site = Path(config.site_dir)
    folder = {locale: root for root, locale in language_roots(config).items()}.get(lang, "")
    try:
        # The i18n plugin builds every language into the one site folder, the source's at
        # its root and each other language's under its own folder.
        words = all_strings(config)
        made = language_files(settings, lang=lang, words=words)
        written = {folder + path: data for path, data in made.items()}
        if lang == source_locale(config):
            url = config.site_url or "/"
            written |= shared_files(settings, guide_url=url, langs=site_locales(config), words=words)
    except ContentError as error:
        raise PluginError(f"\n{error}") from None
    for path, data in written.items():
        write_file(data, str(site / path))
