"""Build the site safely: what ``mailhelp publish`` (and ``make build``) runs.

The strict build goes into a new folder beside ``site/``; only when it and the site checks
(:mod:`mailhelp.site.integrity`) pass does that folder take the place of ``site/``, by renames on
the same file system. A failed build leaves the published ``site/`` as it was.

The build date is pinned (``SOURCE_DATE_EPOCH``, from the last commit when not set), so two
builds of one commit are byte-identical.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from mailhelp import ROOT
from mailhelp.problems import format_problems
from mailhelp.site.build import site_locales
from mailhelp.site.integrity import check_site

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from typing import Any

CONFIG_FILE = ROOT / "mkdocs.yml"


class PublishError(Exception):
    """The new build failed; the message says why. Nothing was replaced."""


def publish(site: Path, *, config_overrides: Mapping[str, Any] | None = None) -> None:
    """Build strictly into a sibling of ``site``, check it, then put it in place of ``site``."""
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"{site.name}.new-", dir=site.parent))
    try:
        build_into(fresh, config_overrides=config_overrides)
        fresh.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        _swap(fresh, site)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def build_into(site_dir: Path, *, config_overrides: Mapping[str, Any] | None = None) -> None:
    """Build the site strictly into ``site_dir`` with a pinned date, and check the result."""
    config = load_config(
        config_file=str(CONFIG_FILE), site_dir=str(site_dir), strict=True, **(config_overrides or {})
    )
    try:
        with _pinned_date():
            build(config)
    except MkDocsException as error:
        raise PublishError(f"The build failed: {error.format_message()}") from None
    locales = site_locales(config)
    problems = check_site(site_dir, site_url=config.site_url or "/", locales=locales)
    if problems:
        raise PublishError(f"The built site is broken:\n{format_problems(problems)}")


def source_date_epoch(root: Path = ROOT) -> int:
    """The time of the last commit (the build date of every page), or 0 outside git."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        )
        return int(result.stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 0


@contextmanager
def _pinned_date() -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` for the length of one build: the caller's, or the last commit's."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = before or str(source_date_epoch())
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def _swap(fresh: Path, site: Path) -> None:
    """Put ``fresh`` where ``site`` is; the old site goes only once the new one is in place."""
    if not site.exists():
        fresh.rename(site)
        return
    old = Path(tempfile.mkdtemp(prefix=f"{site.name}.old-", dir=site.parent))
    old.rmdir()
    site.rename(old)
    try:
        fresh.rename(site)
    except OSError:
        old.rename(site)
        raise
    shutil.rmtree(old, ignore_errors=True)
