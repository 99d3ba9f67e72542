"""The theme's templates compiled once a build, not once a language.

The i18n plugin builds each language as a build of its own, and MkDocs makes a new Jinja
environment for each (``theme.get_env()``), so Material's forty-odd templates were compiled
seven times: about a tenth of a build of 50 guides per language (see BENCHMARKS.md). Jinja
has the mechanism for this, a bytecode cache: a template whose source is unchanged is loaded
from the code compiled before instead of being compiled again. This one lives in memory,
for one build, and tells environments apart by every setting that changes the compiled code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2.bccache import Bucket, BytecodeCache

if TYPE_CHECKING:
    from types import CodeType

    from jinja2 import Environment


class SharedTemplateCache(BytecodeCache):
    """Compiled templates, in memory, by environment, name and file; checked by source.

    Jinja gives each bucket the checksum of the template's source: code compiled from another
    source (a template edited under ``mkdocs serve``) is never handed out.
    """

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        """The bucket of ``name`` for ``environment``: a key of its own per kind of environment."""
        key = f"{environment_key(environment)}:{self.get_cache_key(name, filename)}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        """Hand the bucket the code compiled before from the same source, if any."""
        known = self._code.get(bucket.key)
        if known is not None and known[0] == bucket.checksum:
            bucket.code = known[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code just compiled (only the newest source's, per template)."""
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        """Forget every compiled template."""
        self._code.clear()

    def __len__(self) -> int:
        return len(self._code)


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
