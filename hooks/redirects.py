"""MkDocs hook: old guide numbers (``/g1300/``, ``/fr/g1300/``) lead to the guide.

The i18n plugin runs one build per language, each with its own events; every build writes
the redirect pages of its own language, from the pages it built, so a page that fell back
to the source language is redirected to as well.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.utils import write_file

from mailhelp.problems import ContentError
from mailhelp.site.build import build_settings, language_root
from mailhelp.site.redirects import Target, plan_redirects

if TYPE_CHECKING:
    from typing import Any

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

_KEY = "_legacy_redirects"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start each language's build with no page seen yet, and the old numbers by path (read
    once a build, after the settings hook's ``on_config``: not once a page)."""
    _settings, legacy = build_settings(config)
    config[_KEY] = ([], [], {path: number for number, path in legacy.items()})
    return config


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Note every page's URL, and the guides that carry an old number."""
    targets, page_urls, numbers = config[_KEY]
    page_urls.append(page.url)
    _locale, _, inner_path = page.file.src_uri.partition("/")
    if inner_path in numbers:
        root, lang = language_root(page.url, config)
        source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        title = page.title or numbers[inner_path]
        targets.append(Target(numbers[inner_path], page.url, root, lang, str(title), source))
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Write this language's redirect pages into the site."""
    targets, page_urls, _numbers = config[_KEY]
    try:
        planned = plan_redirects(targets, page_urls=page_urls)
    except ContentError as error:
        raise PluginError(f"\n{error}") from None
    for path, text in planned.items():
        write_file(text.encode("utf-8"), str(Path(config.site_dir) / path))
