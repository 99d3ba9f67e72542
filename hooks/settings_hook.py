"""MkDocs hook: read the settings file and the guides' front matter at the start of a build.

Both are read inside ``on_config``, on every build, never at import: ``mkdocs serve``
then picks up every edit of ``data/``. Other hooks get them from :func:`build_settings`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from hooks.guides import check_guides, legacy_index, read_guides
from hooks.problems import ContentError
from hooks.settings import load_settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from hooks.settings import Settings

_KEY = "_mail_settings"
SETTINGS_FILE = "data/settings.yml"
"""The settings file, relative to mkdocs.yml; ``extra.settings_file`` may name another."""


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the settings and the guides' front matter; stop on any mistake."""
    if _KEY in config:
        # The i18n plugin builds each further language with this same configuration: the
        # files were read for the first language of this build (mkdocs serve starts afresh).
        return config
    root = Path(config.config_file_path).parent
    path = root / config.extra.get("settings_file", SETTINGS_FILE)
    source = Path(config.docs_dir) / source_locale(config)
    shown = Path(Path(config.docs_dir).name) / source_locale(config)
    try:
        settings = load_settings(path)
        guides = read_guides(source, origin_root=source.parent.parent)
        check_guides(guides, origin=lambda g: (shown / g.path).as_posix())
    except ContentError as error:
        raise PluginError(f"\n{error}") from None
    config[_KEY] = (settings, legacy_index(guides))
    return config


def build_settings(config: MkDocsConfig) -> tuple[Settings, dict[str, str]]:
    """The settings and legacy-number index loaded for the current build."""
    return config[_KEY]


def site_locales(config: MkDocsConfig) -> list[str]:
    """The site's locales as mkdocs.yml lists them, the source language first."""
    i18n = config.plugins.get("i18n")
    return [lang.locale for lang in i18n.config.languages] if i18n is not None else ["pt"]


def source_locale(config: MkDocsConfig) -> str:
    """The locale the guides are written in first: the i18n plugin's first language."""
    return site_locales(config)[0]


def language_root(url: str, config: MkDocsConfig) -> tuple[str, str]:
    """The language folder (``fr/``, or ``""`` for the source) and the locale of a page URL."""
    locales = site_locales(config)
    first = url.split("/", 1)[0]
    if first in locales[1:]:
        return f"{first}/", first
    return "", locales[0]


def language_roots(config: MkDocsConfig) -> dict[str, str]:
    """Each language's folder and locale, the source language's folder being the root ``""``."""
    locales = site_locales(config)
    return {("" if locale == locales[0] else f"{locale}/"): locale for locale in locales}
