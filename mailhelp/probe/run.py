"""A whole run: every target, a few at a time, within a per-connection and a run-wide limit.

Politeness is part of the contract: each name and port once, at most
:attr:`Options.connections` connections at once, each bounded by :attr:`Options.timeout`,
the whole run by :attr:`Options.run_timeout` (targets not started by then are reported as
unreachable, with that reason). Addresses come from ``resolve`` first (the tests map every
name to loopback) and otherwise from the system's resolver, for the data's names only.
"""

from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mailhelp.probe.judge import UNREACHABLE, Result, judge, skipped
from mailhelp.probe.observe import observe
from mailhelp.probe.tls import verified_context

if TYPE_CHECKING:
    import ssl
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from mailhelp.probe.targets import Target


@dataclass(frozen=True)
class Options:
    """How politely and how long to probe."""

    timeout: float = 10.0
    """Seconds for one connection, from connect to goodbye."""
    run_timeout: float = 120.0
    """Seconds for the whole run."""
    connections: int = 4
    """Connections at once: a handful, so that no server sees the probe as an attack."""
    resolve: Mapping[str, str] = field(default_factory=dict)
    """Name to IP address, used instead of the resolver (``--resolve HOST=ADDRESS``)."""
    ca_file: Path | None = None
    """Trust only this certificate authority instead of the system's (the tests' own)."""


def probe(targets: Sequence[Target], options: Options) -> list[Result]:
    """Probe every target; the results in the order of ``targets``."""
    deadline = time.monotonic() + options.run_timeout
    context = verified_context(options.ca_file)
    workers = max(1, min(options.connections, len(targets) or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="probe") as pool:
        futures = [pool.submit(_one, target, options, context, deadline) for target in targets]
        return [future.result() for future in futures]


def _one(target: Target, options: Options, context: ssl.SSLContext, deadline: float) -> Result:
    if target.skip:
        return skipped(target, target.skip)
    if time.monotonic() >= deadline:
        reason = f"not probed: the run's limit of {options.run_timeout:g} s ran out first"
        return Result(target, UNREACHABLE, (reason,))
    try:
        address = _address(target, options.resolve)
    except OSError as error:
        return Result(target, UNREACHABLE, (f"the name does not resolve: {error.strerror or error}",))
    seen = observe(target, address, context=context, timeout=options.timeout, deadline=deadline)
    return judge(target, seen)


def _address(target: Target, resolve: Mapping[str, str]) -> str:
    """The address to connect to: the mapped one, or the resolver's first for the name."""
    if target.name in resolve:
        return resolve[target.name]
    found = socket.getaddrinfo(target.name, target.port, type=socket.SOCK_STREAM)
    return str(found[0][4][0])
