"""Single-value mutations of real pages: the drift the checker must catch.

Each mutation changes one host or port placeholder of a page, the way drift happens:

- ``port``: a port replaced by another mail port (reader's view, after substitution);
- ``host``: a host replaced by a look-alike or the retired ``ns0`` server (reader's view);
- ``moved``: a port placeholder replaced by another protocol's (source, placeholders kept);
- ``literal``: a placeholder replaced by its own value, typed by hand (source).

The mutation test measures the share the checker catches; the benchmark uses them as a
large synthetic tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mailhelp.check.model import PROTOCOLS, WELL_KNOWN_PORTS
from mailhelp.content.placeholders import PLACEHOLDER, render

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mailhelp.check.model import Reference

READER, SOURCE = "reader", "source"
_MARK = "\x00"


@dataclass(frozen=True)
class Mutation:
    """One changed value in one page, and the text to check."""

    file: str
    line: int
    kind: str
    before: str
    after: str
    text: str
    """The mutated page: rendered Markdown (``view == READER``) or its source (``SOURCE``)."""
    view: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind} {self.before} -> {self.after}"


def mutations(source: str, ref: Reference, *, file: str) -> Iterator[Mutation]:
    """Every single-value mutation of the page ``source``."""
    for match in PLACEHOLDER.finditer(source):
        key = match.group("key")
        if key not in ref.values or not (key.endswith(".host") or ".ports." in key):
            continue
        line = source.count("\n", 0, match.start()) + 1
        value = ref.values[key]

        changes = [(value, "literal", SOURCE)]
        if key.endswith(".host"):
            changes += [(other, "host", READER) for other in lookalikes(value, ref.domains)]
        else:
            changes += [(str(port), "port", READER) for port in sorted(WELL_KNOWN_PORTS - {int(value)})]
            protocol, _ports, mode = key.split(".")
            for other in PROTOCOLS:
                moved = f"{other}.ports.{mode}"
                if other != protocol and moved in ref.values and ref.values[moved] != value:
                    changes.append(("{{ " + moved + " }}", "moved", SOURCE))
        # One rendering per site: the other placeholders filled, this one left as a marker.
        rendered = render(source[: match.start()] + _MARK + source[match.end() :], ref.values)
        for after, kind, view in changes:
            if view == READER:
                text = rendered.replace(_MARK, after)
            else:
                text = source[: match.start()] + after + source[match.end() :]
            yield Mutation(file, line, kind, "{{ " + key + " }}", after, text, view)


def lookalikes(host: str, domains: tuple[str, ...]) -> list[str]:
    """Hosts a writer could type instead of ``host``: the retired one, typos, other domains."""
    label, _, domain = host.partition(".")
    found = [f"ns0.{domain}", label.replace("l", "1") + "." + domain, label[:-1] + "." + domain]
    found += [f"{label}.{d}" for d in domains if d != domain]
    found.append(host.rsplit(".", 1)[0] + ".org")
    found.append(f"mail.{domain}")
    return [h for h in dict.fromkeys(found) if h != host]
