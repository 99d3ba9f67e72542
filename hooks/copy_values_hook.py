"""MkDocs hook: copy buttons beside the server values on every page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hooks.copy_values import add_copy_buttons, copyable_values
from hooks.settings_hook import build_settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

_KEY = "_mail_copy_values"
_ENV = "_mail_theme_env"


def on_pre_build(config: MkDocsConfig) -> None:
    """Gather the copyable values and the button's label once per build and language."""
    settings, _legacy = build_settings(config)
    config[_KEY] = (copyable_values(settings), _copy_label(config))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add a copy button, labelled in the page's language, after each server value."""
    values, label = config[_KEY]
    return add_copy_buttons(html, values, label=label)


def _copy_label(config: MkDocsConfig) -> str:
    """Material's own "Copy to clipboard" text in the language being built.

    Asked once per build, from one Jinja environment kept for every language of this run: a
    new environment compiles Material's templates again (about 30 ms), which per page made
    this hook cost more than the rest of the build.
    """
    if _ENV not in config:
        config[_ENV] = config.theme.get_env()
    template = config[_ENV].get_template("partials/language.html")
    return str(template.make_module({"config": config}).t("clipboard.copy"))
