"""MkDocs hook: put the settings into every page, in every language.

Writes region blocks out as tabs and replaces ``{{ key }}`` placeholders (in the context of
the page's product and the block's region) and ``{legacy}N`` links, in the Markdown and in
the front matter (title, excerpt), before Markdown is rendered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from mailhelp.content.guides import resolve_legacy_links
from mailhelp.content.page import page_context, render_meta, render_page
from mailhelp.problems import ContentError
from mailhelp.site.build import build_settings, build_strings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

_UNTOUCHED_META = frozenset({"slug", "legacy_guide_number", "source_hash", "product", "region"})


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Substitute the settings into the page's Markdown and front matter."""
    settings, legacy = build_settings(config)
    origin = page.file.src_uri
    if page.file.abs_src_path:
        origin = f"{config.docs_dir.rsplit('/', 1)[-1]}/{page.file.src_uri}"
    first_line = _first_body_line(page, markdown)
    locale, _, inner_path = page.file.src_uri.partition("/")
    try:
        # The reader's language, which is the build's: a page that fell back to the source
        # language still names regions and products in the language of its readers.
        lang = config.theme["language"]
        strings = build_strings(config, lang)
        context = page_context(settings, page.meta, lang=lang, origin=origin, strings=strings)
        for name, value in list(page.meta.items()):
            if isinstance(value, str) and name not in _UNTOUCHED_META:
                page.meta[name] = render_meta(value, context, origin=origin)
        if "excerpt" in page.meta and "description" not in page.meta:
            page.meta["description"] = page.meta["excerpt"]
        markdown = resolve_legacy_links(
            markdown,
            page_path=inner_path if len(locale) == 2 and inner_path else page.file.src_uri,
            internal=legacy,
            external=settings.data.get("legacy_guides", {}),
            origin=origin,
            first_line=first_line,
        )
        return render_page(markdown, context, origin=origin, first_line=first_line)
    except ContentError as error:
        raise PluginError(f"\n{error}") from None


def _first_body_line(page: Page, markdown: str) -> int:
    """The file line on which ``markdown`` (the page without front matter) starts."""
    try:
        source = page.file.content_string
    except (OSError, TypeError):
        return 1
    index = source.find(markdown[:200]) if markdown else -1
    return source.count("\n", 0, index) + 1 if index >= 0 else 1
