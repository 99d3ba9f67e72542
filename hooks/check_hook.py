"""MkDocs hook: the drift checker on every page, in every language.

Two passes per page: the Markdown source (before substitution), where a host or port typed
by hand instead of a ``{{ key }}`` placeholder is a finding; and the rendered page (after
substitution), where every host and port a reader sees must agree with the data in its
context. Any finding stops the build with ``file:line:col``, the rule and the fix.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from hooks.check import Reference, check_html, check_markdown, language_of
from hooks.problems import format_problems
from hooks.settings_hook import build_settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from hooks.check import Finding


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Check the page's Markdown source: values must agree, and be placeholders."""
    if not page.file.abs_src_path:
        return None
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    origin = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    lang = language_of(page.file.abs_src_path)  # a missing translation falls back to the source
    _stop(check_markdown(source, _reference(config), file=origin, lang=lang, require_placeholders=True))
    return None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str | None:
    """Check the rendered page: what a reader sees after substitution must agree."""
    root = Path(config.config_file_path).resolve().parent
    target = Path(config.site_dir).resolve() / page.file.dest_uri
    shown = os.path.relpath(target, root) if target.is_relative_to(root) else str(target)
    lang = language_of(page.file.abs_src_path or page.file.src_uri)
    _stop(check_html(output, _reference(config), file=shown, lang=lang))
    return None


def _reference(config: MkDocsConfig) -> Reference:
    settings, _legacy = build_settings(config)
    return Reference.from_settings(settings, file=str(settings.path))


def _stop(findings: list[Finding]) -> None:
    if findings:
        count = f"{len(findings)} host(s) or port(s) disagree with the settings file"
        raise PluginError(f"\n{format_problems(f.problem() for f in findings)}\n{count}")
