"""Single-value mutations of real pages: the drift the checker must catch.

Each mutation changes one host or port placeholder of a page, the way drift happens:

- ``port``: a port replaced by another mail port (reader's view, after substitution);
- ``host``: a host replaced by a look-alike or the retired ``ns0`` server (reader's view);
- ``moved``: a port placeholder replaced by another protocol's (source, placeholders kept);
- ``literal``: a placeholder replaced by its own value, typed by hand (source).

and, over a page as its reader sees it (rendered with its region tabs, or another team's
guide), each host a reader meets (:func:`reader_mutations`):

- ``region``: the same service's server of the other region (``imap.mail.ovh.ca`` in the
  Europe tab);
- ``product``: Email Pro's ``pro1.mail.ovh.net`` on an MX Plan host's place;
- ``alias``: an alias mistyped (``ssl0.ovh.net`` as ``ss10.ovh.net``);
- ``retired``: a retired server (``ns0.ovh.net``).

The mutation test measures the share the checker catches; the benchmark uses them as a
large synthetic tree.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mailhelp.check.model import PROTOCOLS, WELL_KNOWN_PORTS
from mailhelp.check.tokens import tokens
from mailhelp.content.placeholders import PLACEHOLDER, render

if TYPE_CHECKING:
    from collections.abc import Container, Iterator

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


_OTHER_PRODUCT = "pro1.mail.ovh.net"
"""Email Pro's server as a customer's Control Panel shows it (``pro{n}.mail.ovh.net``)."""


def reader_mutations(
    text: str, ref: Reference, *, file: str, product: str | None, skip: Container[int] = ()
) -> Iterator[Mutation]:
    """Every ``region``, ``product``, ``alias`` and ``retired`` mutation of the hosts in
    ``text`` (what a reader sees), but on the lines in ``skip`` (drift already there).
    ``product``: the page's; only an MX Plan page gets another product's server."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    for token in tokens(text):
        if token.host is None:
            continue
        host = token.host.lower()
        served = ref.serving(host)
        line = bisect.bisect_right(starts, token.start)
        if not served or line in skip:
            continue
        changes: list[tuple[str, str]] = []
        if len({(e.service, e.product, e.region) for e in served}) == 1:
            one = served[0]
            changes += [
                ("region", e.shown_host)
                for e in ref.endpoints
                if (e.service, e.product) == (one.service, one.product) and e.region != one.region
            ][:1]
        if product == "mx_plan" and any(e.product == product for e in served):
            changes.append(("product", _OTHER_PRODUCT))
        if any(host in e.aliases for e in served) and "l" in host.split(".")[0]:
            label, _, domain = host.partition(".")
            changes.append(("alias", label.replace("l", "1") + "." + domain))
        changes += [("retired", retired) for retired in ref.retired]
        for kind, after in changes:
            if after == host:
                continue
            mutated = text[: token.start] + after + text[token.start + len(token.host) :]
            yield Mutation(file, line, kind, token.host, after, mutated, READER)
