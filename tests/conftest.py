"""Shared fixtures: the project's paths, and real MkDocs builds into temporary folders."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mailhelp.data.settings import load_settings
from mailhelp.site.build import site_locales

if TYPE_CHECKING:
    from collections.abc import Callable

    from mailhelp.data.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
DATA = ROOT / "data" / "settings.yml"
SEED = ROOT / "tests" / "fixtures" / "seed" / "g1300-windows-mail.pt.md"
"""The guide the project starts from, as it was (a copy, so that a fresh clone has it)."""


def missing(message: str) -> NoReturn:
    """A Debian package a test needs is missing: fail in CI, where ``.ci/run`` installs it,
    skip elsewhere; ``message`` names the package and the command that installs it."""
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def locales() -> list[str]:
    """The site's locales, source first, as mkdocs.yml lists them."""
    config = load_config(config_file=str(CONFIG_FILE))
    return site_locales(config)


def pages(locale: str) -> list[Path]:
    """Every Markdown page of one locale."""
    return sorted((DOCS / locale).rglob("*.md"))


@dataclass(frozen=True)
class Built:
    """A finished build: its output folder and the settings it used."""

    site: Path
    settings: Settings

    def html(self, locale: str, page: str) -> str:
        """The HTML of ``page`` (a path in the locale folder, ``index.md``) in ``locale``."""
        source = locales()[0]
        prefix = self.site if locale == source else self.site / locale
        name = page.removesuffix(".md")
        target = prefix / "index.html" if name == "index" else prefix / name / "index.html"
        return target.read_text(encoding="utf-8")


class BuildFailed(Exception):
    """A build that stopped; the message holds what MkDocs logged as errors."""


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(site_dir: Path, *, data: Path = DATA, docs: Path = DOCS) -> Built:
    """Build the real configuration strictly into ``site_dir``, with another data file or docs.

    Raises :class:`BuildFailed` with the errors MkDocs logged when the build stops.
    """
    config = load_config(
        config_file=str(CONFIG_FILE),
        site_dir=str(site_dir),
        docs_dir=str(docs),
        extra={"settings_file": str(data)},
        strict=True,
    )
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    errors = _Errors()
    logger.addHandler(errors)
    try:
        build(config)
    except Abort as error:
        raise BuildFailed("\n".join([*errors.messages, str(error)])) from None
    finally:
        logger.removeHandler(errors)
    return Built(site_dir, load_settings(data))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One strict build of the real site, shared by the tests that only read it."""
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture
def site_builder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Built]:
    """Build the site into a fresh folder, every language, with optional other inputs."""
    monkeypatch.delenv("DOCS_LANG", raising=False)
    return lambda **kwargs: build_site(tmp_path / "site", **kwargs)
