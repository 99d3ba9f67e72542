"""What one MkDocs build knows: its settings, guides and strings, its languages, its theme's words.

The one module of the package that reads MkDocs' configuration object. The hooks store what
they gather on it (``config[...]``), never in module globals: ``mkdocs serve`` makes a new
configuration for every rebuild, so nothing read here can go stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mailhelp.content.guides import check_guides, legacy_index, read_guides
from mailhelp.content.tree import check_tree
from mailhelp.data.settings import load_settings
from mailhelp.problems import ContentError, Problem
from mailhelp.translations.strings import load_strings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from mailhelp.data.settings import Settings

SETTINGS_FILE = "data/settings.yml"
"""The settings file, relative to mkdocs.yml; ``extra.settings_file`` may name another."""

_KEY = "_mail_settings"
_STRINGS = "_mail_strings"
_ENV = "_mail_theme_env"


def gather(config: MkDocsConfig) -> None:
    """Read and validate the settings file and the source guides' front matter, once a build.

    Raises :class:`~mailhelp.problems.ContentError` on any mistake. The i18n plugin builds
    each further language with this same configuration, so a second call does nothing.
    """
    if _KEY in config:
        return
    root = Path(config.config_file_path).parent
    path = root / config.extra.get("settings_file", SETTINGS_FILE)
    source = Path(config.docs_dir) / source_locale(config)
    shown = Path(Path(config.docs_dir).name) / source_locale(config)
    settings = load_settings(path)
    problems: list[Problem] = []
    try:
        guides = read_guides(source, origin_root=source.parent.parent)
        check_guides(guides, origin=lambda g: (shown / g.path).as_posix())
    except ContentError as error:
        problems += error.problems
    try:
        check_tree(Path(config.docs_dir), site_locales(config), root=root)
    except ContentError as error:
        problems += error.problems
    if problems:
        raise ContentError(dict.fromkeys(problems))
    strings = load_strings(Path(config.docs_dir), site_locales(config))
    config[_KEY] = (settings, legacy_index(guides))
    config[_STRINGS] = strings
    _name_sites(config, strings)


def build_strings(config: MkDocsConfig, locale: str | None = None) -> dict[str, Any]:
    """The strings of ``locale`` (the language being built when not given) for this build."""
    return config[_STRINGS][locale or config.theme["language"]]


def all_strings(config: MkDocsConfig) -> dict[str, dict[str, Any]]:
    """Every language's strings for this build, by locale."""
    return config[_STRINGS]


def _name_sites(config: MkDocsConfig, strings: dict[str, dict[str, Any]]) -> None:
    """Each language's site name, from its strings file: the i18n plugin applies it."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return
    for language in i18n.config.languages:
        language["site_name"] = strings[language.locale]["site_name"]
    config.site_name = strings[site_locales(config)[0]]["site_name"]


def build_settings(config: MkDocsConfig) -> tuple[Settings, dict[str, str]]:
    """The settings and legacy-number index that :func:`gather` read for this build."""
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
