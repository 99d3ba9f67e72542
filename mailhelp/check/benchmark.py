"""The Markdown scan's speed on a synthetic help centre (``mailhelp check --benchmark N``).

The tree is made like a help centre: our pages in every language, each copy a guide of its
own (its title says which), one in ten with one drifted value (a mutation). Then the same
tree with every page drifted, and the worst case: pages of 2 to 3 KiB (our guides cut at
blank lines, every piece drifted where a mutation falls in it), none of them, and none of
their runs, seen before: everything the scan learns is forgotten before each page.

Speeds are CPU time of this process (one core, whatever else the machine runs); each tree
is scanned three times and the best is the speed (the slowest is shown beside it).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mailhelp.check import _HTML_MEMO, _MEMO, check_markdown, forget_texts, language_of
from mailhelp.check.mutate import READER, mutations
from mailhelp.content.placeholders import render

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from mailhelp.check.model import Reference

Page = tuple[str, str, str | None]
"""A page to scan: its name, its text, its language."""

SMALL, LARGE = 2048, 3072
"""The sizes of the never-seen pages, in bytes of text."""


@dataclass(frozen=True)
class Speed:
    """One tree scanned three times."""

    label: str
    pages: int
    kib: float
    """The mean size of a page, in KiB."""
    findings: int
    best: float
    slowest: float
    """CPU seconds of the fastest and the slowest of the three scans."""

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.best

    def __str__(self) -> str:
        return (
            f"{self.label}: {self.pages} pages ({self.kib:.1f} KiB each), {self.findings} findings; "
            f"{self.pages_per_s:,.0f} pages/s, {self.findings / self.best:,.0f} findings/s "
            f"(slowest of 3: {self.pages / self.slowest:,.0f} pages/s)"
        )


def benchmark(ref: Reference, pages: int, *, docs: Path) -> Iterator[str]:
    """Time the scan of ``pages`` guides made from the pages under ``docs``; a line per tree."""
    bases, drifted = _sources(ref, docs)
    yield str(scan("help centre, 1 page in 10 drifted", _tree(bases, drifted, pages, 10), ref))
    yield str(scan("every page drifted", _tree(bases, drifted, pages, 1), ref))
    yield str(never_seen(ref, pages, docs=docs))


def never_seen(ref: Reference, pages: int, *, docs: Path) -> Speed:
    """The worst case: ``pages`` pages of 2 to 3 KiB, each new, each scanned from nothing."""
    return scan("worst case, nothing seen before", never_seen_pages(ref, pages, docs=docs), ref, cold=True)


def never_seen_pages(ref: Reference, pages: int, *, docs: Path) -> list[Page]:
    """``pages`` pages of 2 to 3 KiB cut from drifted guides made from the pages under ``docs``."""
    bases, drifted = _sources(ref, docs)
    whole = _tree(bases, drifted, max(1, pages // 2), 1)
    return [p for file, text, lang in whole for p in _cut(file, text, lang)][:pages]


def scan(label: str, batch: list[Page], ref: Reference, *, cold: bool = False) -> Speed:
    """Scan ``batch`` three times from an empty memo; ``cold``: emptied before each page."""
    times = []
    found = 0
    for _ in range(3):
        _forget(ref)
        started = time.process_time()
        found = scan_once(batch, ref, cold=cold)
        times.append(time.process_time() - started)
    return Speed(label, len(batch), mean_kib(batch), found, min(times), max(times))


def scan_once(batch: list[Page], ref: Reference, *, cold: bool) -> int:
    """Scan ``batch`` once, ``cold``: each page from nothing known; the number of findings."""
    found = 0
    for file, text, lang in batch:
        if cold:
            _forget(ref)
        found += len(check_markdown(text, ref, file=file, lang=lang))
    return found


def mean_kib(batch: list[Page]) -> float:
    """The mean size of a page of ``batch``, in KiB of UTF-8."""
    return sum(len(text.encode()) for _f, text, _l in batch) / max(1, len(batch)) / 1024


def _sources(ref: Reference, docs: Path) -> tuple[list[Page], list[list[str]]]:
    """Our pages with their values written in, and each page's drifted copies."""
    sources = sorted(docs.glob("*/*.md"))
    bases = [(str(p), render(p.read_text(encoding="utf-8"), ref.values), language_of(p)) for p in sources]
    drifted = [
        [m.text for m in mutations(p.read_text(encoding="utf-8"), ref, file=str(p)) if m.view == READER]
        for p in sources
    ]
    return bases, drifted


def _tree(bases: list[Page], drifted: list[list[str]], pages: int, every: int) -> list[Page]:
    """``pages`` guides, one in ``every`` drifted, each under a title of its own."""
    made = []
    for number in range(pages):
        which = number % len(bases)
        file, text, lang = bases[which]
        if number % every == 0 and drifted[which]:
            text = drifted[which][(number // len(bases)) % len(drifted[which])]
        made.append((f"{file}#{number}", text.replace("\n# ", f"\n# Guide {number}: ", 1), lang))
    return made


def _cut(file: str, text: str, lang: str | None) -> Iterator[Page]:
    """``text`` in pages of 2 to 3 KiB, cut at blank lines, each under a title of its own."""
    piece: list[str] = []
    size = 0
    for number, run in enumerate(text.split("\n\n")):
        piece.append(run)
        size += len(run.encode()) + 2
        if size >= SMALL:
            yield f"{file}@{number}", f"# Part {number} of {file}\n\n" + "\n\n".join(piece)[:LARGE], lang
            piece, size = [], 0


def _forget(ref: Reference) -> None:
    """Start from nothing known: no run, heading or text judged before, and no text whose
    regions and products ``ref`` read before."""
    _MEMO.clear()
    _HTML_MEMO.clear()
    forget_texts(ref)
