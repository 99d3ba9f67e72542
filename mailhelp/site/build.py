"""What one build knows: the settings, the guides' legacy numbers, the site's languages.

The hooks share these through the MkDocs configuration of the build. :func:`gather` reads
the files inside ``on_config``, on every build and never at import, so ``mkdocs serve``
picks up every edit of ``data/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mailhelp.content.guides import check_guides, legacy_index, read_guides
from mailhelp.data.settings import load_settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from mailhelp.data.model import Settings

_KEY = "_mail_settings"
_ENV = "_mail_theme_env"
SETTINGS_FILE = "data/settings.yml"
"""The settings file, relative to mkdocs.yml; ``extra.settings_file`` may name another."""


def gather(config: MkDocsConfig) -> None:
    """Load and validate the settings and the guides' front matter into ``config``.

    Raises :class:`mailhelp.problems.ContentError` on any mistake, naming the file.
    """
    if _KEY in config:
        # The i18n plugin builds each further language with this same configuration: the
        # files were read for the first language of this build (mkdocs serve starts afresh).
        return
    root = Path(config.config_file_path).parent
    path = root / config.extra.get("settings_file", SETTINGS_FILE)
    source = Path(config.docs_dir) / source_locale(config)
    shown = Path(Path(config.docs_dir).name) / source_locale(config)
    settings = load_settings(path)
    guides = read_guides(source, origin_root=source.parent.parent)
    check_guides(guides, origin=lambda g: (shown / g.path).as_posix())
    config[_KEY] = (settings, legacy_index(guides))


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


def theme_text(config: MkDocsConfig, key: str) -> str:
    """Material's own text for ``key`` in the language being built.

    One Jinja environment serves every language of a run: a new one compiles Material's
    templates again (about 30 ms), which asked per page cost a third of the build.
    """
    if _ENV not in config:
        config[_ENV] = config.theme.get_env()
    template = config[_ENV].get_template("partials/language.html")
    return str(template.make_module({"config": config}).t(key))
