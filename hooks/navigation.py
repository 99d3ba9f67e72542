"""MkDocs hook: Material's navigation finds a section's index page without walking the
whole section, on every page (see mailhelp/site/navigation.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailhelp.site.navigation import IndexFirstLoader

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Read the language's templates (a new environment each language) through
    :class:`IndexFirstLoader`."""
    env.loader = IndexFirstLoader(env.loader)
    return env
