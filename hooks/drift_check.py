"""MkDocs hook: the drift checker on every page, in every language.

Per page: the Markdown source (before substitution), where a host or port typed by hand
instead of a ``{{ key }}`` placeholder is a finding; the Markdown as it goes to the renderer
(placeholders filled, region tabs, settings tables and set-up blocks written out), where
every host and port must agree with the data in the context a reader sees; and the rendered
page, judged again only if it shows a host or number that Markdown did not (see
:mod:`mailhelp.check.unseen`). Any finding stops the build with ``file:line:col``, the rule
and the fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from mailhelp.check import Reference, check_html, check_markdown, forget_other_languages, language_of
from mailhelp.check.unseen import markdown_values, unseen
from mailhelp.content.files import read_page
from mailhelp.problems import ContentError, format_problems
from mailhelp.site.build import build_settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from mailhelp.check import Finding


_KEY = "_mail_reference"
_SEEN = "_mail_values_seen"


def on_pre_build(config: MkDocsConfig) -> None:
    """Start each language's build without the verdicts remembered for the others."""
    forget_other_languages(config.theme["language"], config.get(_KEY))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Check the page's Markdown source: values must agree, and be placeholders."""
    if not page.file.abs_src_path:
        return None
    # A missing translation falls back to the source page: name and read the file itself.
    path = Path(page.file.abs_src_path)
    shown, lang = _shown(path, config), language_of(path)
    try:
        source = read_page(path, shown=shown)
    except ContentError as error:
        raise PluginError(f"\n{error}") from None
    ref = _reference(config)
    _stop(check_markdown(source, ref, file=shown, lang=lang, require_placeholders=True))
    product = page.meta.get("product")
    _stop(check_markdown(markdown, ref, file=f"{shown} (as rendered)", lang=lang, product=product))
    config.setdefault(_SEEN, {})[page.file.src_uri] = markdown_values(markdown)
    return None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str | None:
    """Check the rendered page: what a reader sees after substitution must agree."""
    seen = config.get(_SEEN, {}).pop(page.file.src_uri, None)
    if seen is not None and not unseen(output, seen):
        return None  # every host and number it shows was judged in its Markdown
    shown = _shown(Path(config.site_dir) / page.file.dest_uri, config)
    lang = language_of(page.file.abs_src_path or page.file.src_uri)
    product = page.meta.get("product")
    _stop(check_html(output, _reference(config), file=shown, lang=lang, product=product))
    return None


def _shown(path: Path, config: MkDocsConfig) -> str:
    """``path`` relative to the project, as messages name files."""
    # absolute(), not resolve(): no look at the disk for each page's name.
    root = Path(config.config_file_path).absolute().parent
    path = path.absolute()
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _reference(config: MkDocsConfig) -> Reference:
    """The data as the checker reads it, made once per build (its look-ups are cached)."""
    if _KEY not in config:
        settings, _legacy = build_settings(config)
        config[_KEY] = Reference.from_settings(settings, file=str(settings.path))
    return config[_KEY]


def _stop(findings: list[Finding]) -> None:
    if findings:
        count = f"{len(findings)} host(s) or port(s) disagree with the settings file"
        raise PluginError(f"\n{format_problems(f.problem() for f in findings)}\n{count}")
