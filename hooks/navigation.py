"""MkDocs hook: Material's navigation finds a section's index page without walking the
whole section, and writes each pruned section once for the pages that link to it from the
same place (see mailhelp/site/navigation.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailhelp.site.navigation import PRUNED_ONCE, NavItemLoader, pruned_once

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Read the language's templates (a new environment each language) through
    :class:`NavItemLoader`, with the language's own memory of pruned sections."""
    env.loader = NavItemLoader(env.loader)
    env.globals[PRUNED_ONCE] = pruned_once()
    return env
