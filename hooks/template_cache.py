"""MkDocs hook: the theme's templates compiled, and its folders listed, once a build, not
once per language.

The cache lives on the configuration, which the i18n plugin hands to every language's build
and ``mkdocs serve`` makes anew for every rebuild, and in the project's ``.cache/templates``,
which the next build reads (see :mod:`mailhelp.site.templates`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mailhelp.site import templates
from mailhelp.site.templates import SharedTemplateCache, share_listing

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

_KEY = "_mail_template_cache"
_LISTINGS = "_mail_theme_listings"


def on_config(config: MkDocsConfig) -> None:
    """Let every language's environment list the theme's folders once for the build (MkDocs
    asks for the listing before any event that hands over the environment)."""
    theme = config.theme
    if not getattr(theme.get_env, "shares_listing", False):
        theme.get_env = share_listing(theme.get_env, config.setdefault(_LISTINGS, {}))  # type: ignore[method-assign]


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give the language's new environment the build's cache of compiled templates (which
    reads and keeps them in the project's ``.cache/templates`` too)."""
    if _KEY not in config:
        config[_KEY] = SharedTemplateCache(Path(config.config_file_path).parent / templates.FOLDER)
    env.bytecode_cache = config[_KEY]
    return env
