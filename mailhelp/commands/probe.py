"""``mailhelp probe [--data FILE] [--json] [--resolve HOST=ADDRESS]...``: the data against the servers.

Connects to every endpoint of the data, every alias included, as a mail client would, and
prints one row per name and port: host, port, security, result, detail. Exit status: 0 when
every server agrees with the data (warnings included), 1 when any disagrees or cannot be
reached, 2 when the data file or the command line cannot be used.

``--resolve`` maps a name to an address instead of the system's resolver (the tests reach
their local servers so); ``--ca-file`` trusts one certificate authority instead of the
system's. The probe connects to no other address than the data's names give.
"""

from __future__ import annotations

import ipaddress
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mailhelp.commands import DATA, FINDINGS, OK, UNUSABLE
from mailhelp.data.settings import load_settings
from mailhelp.probe import FAILING, Options, probe, targets_of
from mailhelp.problems import ContentError

if TYPE_CHECKING:
    import argparse

    from mailhelp.probe import Result

NAME = "probe"
HELP = "Connect to every mail server of the data file as a client would, and say where the data is wrong."
COLUMNS = ("host", "port", "security", "result", "detail")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The probe's arguments."""
    parser.add_argument("--data", type=Path, default=DATA, help=f"the data file (default: {DATA})")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--resolve",
        action="append",
        default=[],
        metavar="HOST=ADDRESS",
        help="connect to ADDRESS (an IP address) for HOST instead of resolving it; repeatable",
    )
    parser.add_argument("--ca-file", type=Path, help="trust this CA (PEM) instead of the system's")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per connection (default: 10)")
    parser.add_argument("--run-timeout", type=float, default=120.0, help="seconds for the run (default: 120)")
    parser.add_argument("--connections", type=int, default=4, help="connections at once (default: 4)")


def run(args: argparse.Namespace) -> int:
    """Probe as the command line asks; return the exit status."""
    try:
        resolve = _mappings(args.resolve)
        _check_limits(args)
    except ValueError as error:
        print(f"mailhelp probe: {error}", file=sys.stderr)
        return UNUSABLE
    try:
        settings = load_settings(args.data)
    except ContentError as error:
        print(error, file=sys.stderr)
        return UNUSABLE
    if args.ca_file is not None and not args.ca_file.is_file():
        print(f"mailhelp probe: {args.ca_file}: no such file", file=sys.stderr)
        return UNUSABLE
    options = Options(
        timeout=args.timeout,
        run_timeout=args.run_timeout,
        connections=args.connections,
        resolve=resolve,
        ca_file=args.ca_file,
    )
    started = time.monotonic()
    results = probe(targets_of(settings.endpoints), options)
    elapsed = time.monotonic() - started
    if args.json:
        report = {
            "data": str(args.data),
            "seconds": round(elapsed, 2),
            "results": [r.as_dict() for r in results],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(table(results))
        print(summary(results, elapsed))
    return FINDINGS if any(r.result in FAILING for r in results) else OK


def table(results: list[Result]) -> str:
    """The results as an aligned text table, one row per name and port."""
    rows = [COLUMNS] + [
        (r.target.name, str(r.target.port), r.target.security, r.result, r.detail) for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    lines = [
        "  ".join([*(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)), row[-1]])
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def summary(results: list[Result], elapsed: float) -> str:
    """One line: how many of each result, and how long the run took."""
    counts: dict[str, int] = {}
    for result in results:
        counts[result.result] = counts.get(result.result, 0) + 1
    shown = ", ".join(f"{n} {name}" for name, n in counts.items())
    return f"{len(results)} endpoint name(s): {shown or 'none'}, {elapsed:.1f} s"


def _mappings(pairs: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in pairs:
        host, sep, address = pair.partition("=")
        if not sep or not host or not address:
            message = f"--resolve {pair!r}: expected HOST=ADDRESS, e.g. imap.mail.ovh.net=127.0.0.1"
            raise ValueError(message)
        try:
            ipaddress.ip_address(address)
        except ValueError:
            message = f"--resolve {pair!r}: {address!r} is not an IP address"
            raise ValueError(message) from None
        found[host.lower()] = address
    return found


def _check_limits(args: argparse.Namespace) -> None:
    if not 0 < args.timeout <= 300 or not 0 < args.run_timeout <= 3600:
        message = "--timeout must be in (0, 300] s and --run-timeout in (0, 3600] s"
        raise ValueError(message)
    if not 1 <= args.connections <= 16:
        message = "--connections must be from 1 to 16: the probe stays polite"
        raise ValueError(message)
