"""Run a module as ``python -m`` does, then write the peak resident memory of this program.

The benchmark starts its builds from a process that grew while it generated the trees. On
Linux, ``exec`` hands the new program the high-water mark of the process it replaces, so the
``ru_maxrss`` that ``wait4`` reports for a build is at least the benchmark's own peak: at
03321d3 every variant at 50 guides read 98 MB, where those builds peak at 71 to 80 MB.
``VmHWM`` in ``/proc/self/status`` counts this program's memory only, from its ``exec`` on.

Usage: ``python bench/peak_memory.py OUT MODULE [ARG...]``: OUT receives the peak in KiB.
Only the standard library, so that it adds next to nothing to what it measures.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path


def peak_kib() -> int:
    """The largest resident set of this process since it started its program, in KiB."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise SystemExit("peak_memory: /proc/self/status has no VmHWM line (Linux is needed)")


def main() -> None:
    out, module, *args = sys.argv[1:]
    sys.argv = [module, *args]
    sys.path[0] = str(Path.cwd())  # as ``python -m`` puts it, instead of this file's folder
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    finally:
        Path(out).write_text(f"{peak_kib()}\n", encoding="ascii")


if __name__ == "__main__":
    main()
