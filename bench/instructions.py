"""Instructions a page of the drift checker's never-seen scan, counted by callgrind.

The CPU time of a scan on a shared machine drifts from one minute to the next: the same
commit read the never-seen pages at 1,270 and at 1,950 pages/s within one hour, so two
timings cannot tell a change of 5 % from the machine's mood. The instructions that the scan
executes can: callgrind counts them, the same for the same code and pages whatever else the
machine runs. A change to the checker is judged by its count a page before and after, each
counted in its own checkout (the count is of the checkout this file is in).

The scan runs under ``valgrind --tool=callgrind`` with counting off while Python starts,
imports the package, makes the pages (those of ``mailhelp check --benchmark``'s worst case,
2 to 3 KiB, cut from drifted guides) and scans them once; counting is turned on
(``callgrind_control``) while the program waits between two lines of its standard input, so
that only the second scan, each page from nothing known, is counted.

Usage: ``python bench/instructions.py [--pages N]`` (``make instructions``). Needs Debian's
valgrind. Under valgrind the program runs many times slower: 200 pages take about 10 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALL = "sudo apt-get update && sudo apt-get install -y valgrind"
_COLLECTED = re.compile(r"Collected : (\d+)")


@dataclass(frozen=True)
class Count:
    """The instructions of one scan of ``pages`` pages."""

    pages: int
    kib: float
    """The mean size of a page, in KiB."""
    findings: int
    instructions: int

    def __str__(self) -> str:
        per_page = self.instructions / self.pages if self.pages else 0
        return (
            f"never-seen scan under callgrind: {self.pages} pages ({self.kib:.1f} KiB each), "
            f"{self.findings} findings; {per_page:,.0f} instructions a page"
        )


class Unavailable(Exception):
    """Valgrind is missing, or the scan under it stopped: the message says why and the fix."""


def count(pages: int) -> Count:
    """Run the scan of ``pages`` pages under callgrind and count its instructions only."""
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        raise Unavailable(f"valgrind is missing: counting instructions needs it.\n    fix: {INSTALL}")
    command = [
        *("valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=/dev/null"),
        *(sys.executable, __file__, "--pages", str(pages), "--scan"),
    ]
    # A fixed hash seed: the order of sets and dicts of strings, and so the count, is the same each run.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1"}
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as child:
        assert child.stdin is not None
        _expect(child, "ready")
        _instrument(child, "on")
        child.stdin.write("scan\n")
        child.stdin.flush()
        kib, findings = _expect(child, "done").split()
        _instrument(child, "off")
        _, log = child.communicate("exit\n")
    collected = _COLLECTED.search(log)
    if child.returncode or collected is None:
        raise Unavailable(f"the scan under valgrind failed (exit {child.returncode}):\n{_tail(log)}")
    return Count(pages, float(kib), int(findings), int(collected.group(1)))


def _expect(child: subprocess.Popen[str], word: str) -> str:
    """The rest of the child's next line, which must start with ``word``."""
    assert child.stdout is not None
    line = child.stdout.readline()
    if not line.startswith(word):
        _, log = child.communicate()
        raise Unavailable(f"the scan under valgrind stopped before '{word}':\n{_tail(line + log)}")
    return line[len(word) :].strip()


def _instrument(child: subprocess.Popen[str], state: str) -> None:
    """Turn counting ``on`` or ``off`` in ``child``, which is waiting on its standard input."""
    done = subprocess.run(
        ["callgrind_control", "--instr=" + state, str(child.pid)], capture_output=True, text=True, check=False
    )
    if done.returncode:
        child.kill()
        raise Unavailable(
            f"callgrind_control could not turn counting {state}:\n{_tail(done.stdout + done.stderr)}"
        )


def _tail(text: str, lines: int = 12) -> str:
    """The last ``lines`` lines the program wrote, without valgrind's own (``==1234== …``)."""
    own = [line for line in text.strip().splitlines() if not _VALGRIND_LINE.match(line)]
    return "\n".join(own[-lines:])


_VALGRIND_LINE = re.compile(r"==\d+==")


def scan(pages: int) -> None:
    """The child: make the pages, wait for the word, scan them, say so, wait to exit."""
    from mailhelp.check.benchmark import mean_kib, never_seen_pages, scan_once
    from mailhelp.check.model import Reference
    from mailhelp.commands import DATA
    from mailhelp.data.settings import load_settings
    from mailhelp.problems import ContentError

    try:
        ref = Reference.from_settings(load_settings(DATA), file=str(DATA))
    except ContentError as error:
        raise SystemExit(str(error)) from None
    batch = never_seen_pages(ref, pages, docs=ROOT / "docs")
    # Once before counting, as the CPU-time benchmark's best of three scans is: what the first
    # page of a language compiles (its words, the data's names: 85 million instructions in
    # all) is the process's cost, not a page's. Every scan forgets the texts it read.
    scan_once(batch, ref, cold=True)
    print("ready", flush=True)
    sys.stdin.readline()
    findings = scan_once(batch, ref, cold=True)
    print(f"done {mean_kib(batch):.3f} {findings}", flush=True)
    sys.stdin.readline()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=200, help="pages of the never-seen scan (default 200)")
    parser.add_argument("--scan", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pages < 0:
        parser.error("--pages: give a number of pages, 0 or more")
    if args.scan:
        scan(args.pages)
        return
    try:
        print(count(args.pages))
    except Unavailable as error:
        raise SystemExit(f"bench/instructions.py: {error}") from None


if __name__ == "__main__":
    main()
