"""MkDocs hook: the theme's templates compiled once a build, not once per language.

The cache lives on the configuration, which the i18n plugin hands to every language's build
and ``mkdocs serve`` makes anew for every rebuild (see :mod:`mailhelp.site.templates`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailhelp.site.templates import SharedTemplateCache

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

_KEY = "_mail_template_cache"


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give the language's new environment the build's cache of compiled templates."""
    env.bytecode_cache = config.setdefault(_KEY, SharedTemplateCache())
    return env
