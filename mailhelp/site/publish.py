"""Build the site safely: what ``mailhelp publish`` (and ``make build``) runs.

The strict build goes into a new folder beside ``site/``; only when it and the site checks
(:mod:`mailhelp.site.integrity`) pass does that folder take the place of ``site/``. A failed,
interrupted or killed build leaves the published ``site/`` as it was:

- The swap is one atomic exchange of the two folders (Linux ``renameat2(RENAME_EXCHANGE)``,
  called through ctypes): at no instant is there no ``site/``, and ``site/`` stays a plain
  folder (a symbolic link swapped by ``os.rename`` is atomic too, but turns ``site/`` into a
  link, which web servers, rsync and every reader of the folder would then have to follow).
  Where the exchange is not available (another system, a file system without it), two
  renames are used, and the next build puts a ``site.old-*`` back if one was interrupted
  between them.
- One build at a time: a lock (``site.lock``, ``flock``, released by the system even when a
  build is killed); a second build stops at once and says so.
- Folders a killed build left (``site.new-*``, ``site.old-*``) are removed by the next one.
- ``DOCS_LANG`` (one language, for ``make serve``) is refused: it would publish a site
  without the other languages.

The build date is pinned (``SOURCE_DATE_EPOCH``, from the last commit when not set), so two
builds of one commit are byte-identical; outside git, with no ``SOURCE_DATE_EPOCH``, the
build is refused rather than dated 1970-01-01.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import subprocess
import sys
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
    if os.environ.get("DOCS_LANG"):
        raise PublishError(
            f"DOCS_LANG={os.environ['DOCS_LANG']} builds one language only: publishing it would "
            "publish a site without the other languages\n"
            "    fix: unset DOCS_LANG (DOCS_LANG is for `make serve`), then run `make build` again"
        )
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    with _lock(site):
        _clean_leftovers(site)
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


def source_date_epoch(root: Path = ROOT) -> int | None:
    """The time of the last commit (the build date of every page); ``None`` outside git."""
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
        return None


@contextmanager
def _pinned_date() -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` for the length of one build: the caller's, or the last commit's."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if not before:
        epoch = source_date_epoch()
        if epoch is None:
            raise PublishError(
                f"{ROOT} is not a git checkout with a commit: the build has no date to give its "
                "pages (it would be 1970-01-01)\n"
                "    fix: build from a clone, or set the date: SOURCE_DATE_EPOCH=$(date +%s) make build"
            )
        before = None
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


@contextmanager
def _lock(site: Path) -> Iterator[None]:
    """Hold ``site.lock`` for one build; a second build stops at once instead of racing."""
    path = site.with_name(f"{site.name}.lock")
    handle = path.open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise PublishError(
                f"another build is publishing {site} ({holder} holds {path})\n"
                "    fix: wait for it to finish, then run `make build` again"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock, as the system does for a killed build


def _clean_leftovers(site: Path) -> None:
    """Remove what an interrupted build left; put the old site back if none is in place."""
    olds = sorted(site.parent.glob(f"{site.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not site.exists() and olds:
        olds.pop().rename(site)
    for leftover in [*olds, *site.parent.glob(f"{site.name}.new-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _swap(fresh: Path, site: Path) -> None:
    """Put ``fresh`` where ``site`` is; afterwards ``fresh`` holds the old site (or nothing)."""
    if not site.exists():
        fresh.rename(site)
        return
    if _exchange(fresh, site):
        return
    old = Path(tempfile.mkdtemp(prefix=f"{site.name}.old-", dir=site.parent))
    old.rmdir()
    site.rename(old)
    try:
        fresh.rename(site)
    except BaseException:
        old.rename(site)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2``); ``False`` where unsupported."""
    if sys.platform != "linux":
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # a C library older than glibc 2.28
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))
