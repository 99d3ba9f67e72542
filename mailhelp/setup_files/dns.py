"""DNS SRV records (RFC 6186, RFC 8314) that point a customer's domain at an offer's servers.

A mail client that supports them looks up ``_imaps._tcp.<domain>`` and the others, and
finds the server and port without asking. Only encrypted services get a record: implicit
TLS (``_imaps``, ``_pop3s``, ``_submissions``) and STARTTLS (``_imap``, ``_pop3``,
``_submission``); an endpoint without encryption never does. The priority follows the
data's order of preference: incoming IMAP before POP3, outgoing in the SMTP list's order;
a lower number is preferred.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mailhelp.setup_files import usable

if TYPE_CHECKING:
    from mailhelp.data.model import Settings
    from mailhelp.setup_files import Offer

LABELS = {
    ("imap", "ssl"): "_imaps._tcp",
    ("imap", "starttls"): "_imap._tcp",
    ("pop3", "ssl"): "_pop3s._tcp",
    ("pop3", "starttls"): "_pop3._tcp",
    ("smtp", "ssl"): "_submissions._tcp",
    ("smtp", "starttls"): "_submission._tcp",
}
TTL = 3600
WEIGHT = 1
_STEP = 10


@dataclass(frozen=True)
class SrvRecord:
    """One SRV record, its name relative to the customer's domain."""

    name: str
    priority: int
    weight: int
    port: int
    target: str

    def line(self, width: int) -> str:
        """The record as a line of a zone file, its target absolute (ending in a dot)."""
        return f"{self.name:<{width}} {TTL} IN SRV {self.priority} {self.weight} {self.port} {self.target}."


def srv_records(settings: Settings, offer: Offer) -> list[SrvRecord]:
    """The offer's SRV records: incoming (IMAP, POP3) then outgoing, each preferred first."""
    records: list[SrvRecord] = []
    for services in (("imap", "pop3"), ("smtp",)):
        rank = 0
        for service in services:
            for endpoint in usable(settings, offer, service):
                name = LABELS.get((service, endpoint.security))
                if name is None or any(r.name == name for r in records):
                    continue
                records.append(SrvRecord(name, rank * _STEP, WEIGHT, endpoint.port, endpoint.host))
                rank += 1
    return records


def srv_zone(settings: Settings, offer: Offer) -> str:
    """The records as lines to paste into the zone of the customer's domain."""
    records = srv_records(settings, offer)
    width = max((len(r.name) for r in records), default=0)
    return "".join(r.line(width) + "\n" for r in records)
