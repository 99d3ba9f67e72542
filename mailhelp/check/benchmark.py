"""The Markdown scan's speed on a synthetic help centre (``mailhelp check --benchmark N``).

The tree is made like a help centre: our pages in every language, each copy a guide of its
own (its title says which), one in ten with one drifted value (a mutation). Then the same
tree with every page drifted, and the worst case: no run of lines ever seen before.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from mailhelp.check import _HTML_MEMO, _MEMO, _speaks_of_servers, check_markdown, language_of
from mailhelp.check.mutate import READER, mutations
from mailhelp.check.words import signals
from mailhelp.content.placeholders import render

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from mailhelp.check.model import Reference


def benchmark(ref: Reference, pages: int, *, docs: Path) -> Iterator[str]:
    """Time the scan of ``pages`` guides made from the pages under ``docs``; a line per tree."""
    sources = sorted(docs.glob("*/*.md"))
    bases = [(str(p), render(p.read_text(encoding="utf-8"), ref.values), language_of(p)) for p in sources]
    drifted = [
        [m.text for m in mutations(p.read_text(encoding="utf-8"), ref, file=str(p)) if m.view == READER]
        for p in sources
    ]

    def tree(every: int) -> list[tuple[str, str, str | None]]:
        """``pages`` guides, one in ``every`` drifted."""
        made = []
        for number in range(pages):
            which = number % len(bases)
            file, text, lang = bases[which]
            if number % every == 0 and drifted[which]:
                text = drifted[which][(number // len(bases)) % len(drifted[which])]
            made.append((f"{file}#{number}", text.replace("\n# ", f"\n# Guide {number}: ", 1), lang))
        return made

    # CPU time of this process: what one core spends, whatever else the machine runs. Each
    # tree is scanned three times from an empty memo; the best and the slowest are shown.
    for label, batch, cold in (
        ("help centre, 1 page in 10 drifted", tree(10), False),
        ("every page drifted", tree(1), False),
        ("worst case, nothing seen before", tree(1), True),
    ):
        times = []
        for _ in range(3):
            _forget()
            found = 0
            started = time.process_time()
            for file, text, lang in batch:
                if cold:
                    _forget()
                found += len(check_markdown(text, ref, file=file, lang=lang))
            times.append(time.process_time() - started)
        size = sum(len(text) for _f, text, _l in batch) / len(batch) / 1024
        best, slowest = min(times), max(times)
        yield (
            f"{label}: {len(batch)} pages ({size:.1f} KiB each), {found} findings; "
            f"{len(batch) / best:,.0f} pages/s, {found / best:,.0f} findings/s "
            f"(slowest of 3: {len(batch) / slowest:,.0f} pages/s)"
        )


def _forget() -> None:
    """Start from nothing known: no run, heading or text judged before."""
    _MEMO.clear()
    _HTML_MEMO.clear()
    _speaks_of_servers.cache_clear()
    signals.cache_clear()
