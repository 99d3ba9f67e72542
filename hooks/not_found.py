"""MkDocs hook: a 404 page in every language, and the source language's at the site root.

MkDocs writes ``404.html`` at the site root in every language's build, so the last
language built (Polish) took the root: a Portuguese reader who followed a dead link got a
Polish page. Each language's 404 now goes to its own folder (``pl/404.html``, for servers
that can serve one per folder), and the source language's stays at ``404.html``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority
from mkdocs.utils import write_file

from mailhelp.site.build import language_roots, source_locale, theme_text
from mailhelp.site.search_scope import rebase
from mailhelp.site.theme_fixes import drop_language_alternates, name_search_dialog, page_language

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

_STASH = "_source_not_found_page"
_PAGE = "404.html"


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Correct the 404 page as the other pages are; keep the source language's aside."""
    if template_name != _PAGE:
        return output_content
    output = drop_language_alternates(output_content)
    output = name_search_dialog(output, label=theme_text(config, "search"))
    lang = page_language(output)
    roots = {locale: root for root, locale in language_roots(config).items()}
    if lang in roots:
        # A 404 page is served at any address, so its base is absolute: the language's folder.
        site_path = urlsplit(config.site_url or "/").path or "/"
        output = rebase(output, site_path.rstrip("/") + "/" + roots[lang])
    if lang == source_locale(config):
        config[_STASH] = output
    return output


@event_priority(-200)  # after the i18n plugin's builds of the other languages
def on_post_build(config: MkDocsConfig) -> None:
    """Move this build's 404 page into its language's folder; put the source's back at the root."""
    site = Path(config.site_dir)
    page = site / _PAGE
    if page.is_file():
        text = page.read_text(encoding="utf-8")
        lang = page_language(text)
        roots = {locale: root for root, locale in language_roots(config).items()}
        root = roots.get(lang or "")
        if root:
            write_file(text.encode("utf-8"), str(site / root / _PAGE))
    if _STASH in config:
        write_file(config[_STASH].encode("utf-8"), str(page))
