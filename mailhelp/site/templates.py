"""The theme's templates compiled once, not once a language or a build; its folders listed
once a build, not once a language.

The i18n plugin builds each language as a build of its own, and MkDocs makes a new Jinja
environment for each (``theme.get_env()``), so Material's forty-odd templates were compiled
seven times: about a tenth of a build of 50 guides per language (see BENCHMARKS.md). Jinja
has the mechanism for this, a bytecode cache: a template whose source is unchanged is loaded
from the code compiled before instead of being compiled again. This one lives in memory,
for one build, and tells environments apart by every setting that changes the compiled code.
It is kept on disk too, in the project's ``.cache/templates`` (:data:`FOLDER`), so that the
next build, a writer's ``mkdocs serve`` rebuild or a new process, compiles nothing that did
not change: compiling was about a fifth of a one-language build of the real site (profiled).

MkDocs also lists every file of the theme's folders at the start of each language's build,
to copy its static files (``Files.add_files_from_theme``): Material's folders hold some
14,500 files, its icons, so the seven listings were about a twentieth of that build. The
listing is kept for the build too (:func:`share_listing`).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import FileSystemLoader
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import CodeType

    from jinja2 import Environment


FOLDER = Path(".cache") / "templates"
"""Where the compiled templates are kept, from the folder of ``mkdocs.yml``."""

log = logging.getLogger(__name__)


class SharedTemplateCache(BytecodeCache):
    """Compiled templates, in memory and in ``folder`` (if given), by environment, name and
    file; checked by source.

    Jinja gives each bucket the checksum of the template's source: code compiled from another
    source (a template edited under ``mkdocs serve``) is never handed out. A file of the
    folder carries Jinja's and Python's versions too, which Jinja checks before loading it: a
    file of another version, or a broken one, is compiled again and written anew.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}
        self._disk = _disk_cache(folder) if folder is not None else None

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        """The bucket of ``name`` for ``environment``: a key of its own per kind of environment."""
        key = f"{environment_key(environment)}:{self.get_cache_key(name, filename)}"
        key = hashlib.sha256(key.encode()).hexdigest()  # a file name, in the folder
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        """Hand the bucket the code compiled before from the same source, if any: kept in
        memory, else on disk."""
        known = self._code.get(bucket.key)
        if known is not None and known[0] == bucket.checksum:
            bucket.code = known[1]
        elif self._disk is not None:
            try:
                self._disk.load_bytecode(bucket)
            except (OSError, EOFError, ValueError, pickle.UnpicklingError) as error:  # compiled again
                log.debug("compiled template %s not read: %s", bucket.key, error)
                bucket.reset()
            if bucket.code is not None:
                self._code[bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code just compiled (only the newest source's, per template), in memory
        and, when the folder can be written, on disk."""
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)
            if self._disk is not None:
                try:
                    self._disk.dump_bytecode(bucket)
                except OSError as error:  # a read-only project: the next build compiles again
                    log.debug("compiled template %s not kept: %s", bucket.key, error)

    def clear(self) -> None:
        """Forget every compiled template, on disk too."""
        self._code.clear()
        if self._disk is not None:
            self._disk.clear()

    def __len__(self) -> int:
        return len(self._code)


def _disk_cache(folder: Path) -> FileSystemBytecodeCache | None:
    """Jinja's cache of compiled templates in files of ``folder`` (made if missing); none
    where the folder cannot be made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.debug("no folder for compiled templates at %s: %s", folder, error)
        return None
    return FileSystemBytecodeCache(str(folder))


def environment_key(environment: Environment) -> str:
    """What of ``environment`` the compiled code depends on: its syntax, its extensions and
    the options Jinja reads while compiling. Two environments with the same key compile a
    source to the same code, whatever their globals, filters or translations."""
    options = (
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        environment.is_async,
        _name(environment.finalize),
        _name(environment.autoescape),
        _name(environment.undefined),
        tuple(sorted(environment.extensions)),
    )
    return repr(options)


def _name(value: object) -> str:
    """A setting as the key holds it: a callable by its qualified name, else its value."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
    return repr(value)


Listings = dict[tuple[str, bool], list[str]]
"""The templates of each folder, as :meth:`FileSystemLoader.list_templates` finds them."""


def share_listing(make_env: Callable[[], Environment], listings: Listings) -> Callable[[], Environment]:
    """``make_env`` (``theme.get_env``), whose environments list each folder once for all:
    a loader's listing is the union of its folders' (as Jinja's is), and each folder's first
    listing is kept in ``listings`` and handed to the others. Folder by folder, because the
    i18n plugin puts a folder of its own before the theme's at every language's build.

    Only a :class:`FileSystemLoader` is listed so; the listings live as long as ``listings``
    does (one build), so a file added to the theme between two builds of ``mkdocs serve``
    is listed by the next one."""

    def get_env() -> Environment:
        env = make_env()
        loader = env.loader
        if type(loader) is FileSystemLoader:
            folders, follow = list(loader.searchpath), loader.followlinks

            def list_templates() -> list[str]:
                found: set[str] = set()
                for folder in folders:
                    if (folder, follow) not in listings:
                        listings[folder, follow] = FileSystemLoader(
                            folder, followlinks=follow
                        ).list_templates()
                    found.update(listings[folder, follow])
                return sorted(found)

            loader.list_templates = list_templates  # type: ignore[method-assign]
        return env

    get_env.shares_listing = True  # type: ignore[attr-defined]
    return get_env
