"""MkDocs hook: read the settings file and the guides' front matter at the start of a build.

Read inside ``on_config``, on every build, never at import: ``mkdocs serve`` then picks up
every edit of ``data/``. The other hooks get them from ``mailhelp.site.build``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from mailhelp.problems import ContentError
from mailhelp.site.build import gather

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the settings and the guides' front matter; stop on any mistake."""
    try:
        gather(config)
    except ContentError as error:
        raise PluginError(f"\n{error}") from None
    return config
