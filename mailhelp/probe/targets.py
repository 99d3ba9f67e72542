"""What the probe connects to: each name a reader may type, on each port the data gives.

A reader types the host or any of its aliases, and the certificate must be valid for the
name typed: so every name is probed, not just the host. The same name and port may appear
under several products or regions; it is probed once and reported for all of them. A
per-customer host (``pro{n}.mail.ovh.net``) has no one number to try, and guessing one
would probe some customer's server: it is reported as skipped, with that reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mailhelp.data.model import Endpoint

PER_CUSTOMER_REASON = (
    "the server number differs per customer ({host}): no one host to probe, and guessing one "
    "would connect to a customer's server"
)


@dataclass(frozen=True)
class Target:
    """One name and port to probe, with what the data says about it."""

    name: str
    port: int
    service: str
    security: str
    auth: str
    places: tuple[str, ...]
    """Where the data lists it: ``mx_plan/europe`` and so on."""
    skip: str | None = None
    """Why it is not probed, or ``None``."""
    unverified: bool = False
    """Whether the data marks the endpoint as confirmed by no current source."""

    @property
    def key(self) -> tuple[str, int]:
        """What makes it one target: a name and a port."""
        return (self.name, self.port)


def targets_of(endpoints: Iterable[Endpoint]) -> list[Target]:
    """Every name and port of ``endpoints``, once each, in the data's order."""
    found: dict[tuple[str, int, str, str], Target] = {}
    for endpoint in endpoints:
        place = f"{endpoint.product}/{endpoint.region}"
        for name in endpoint.names:
            key = (name, endpoint.port, endpoint.service, endpoint.security)
            if key in found:
                known = found[key]
                if place not in known.places:
                    found[key] = replace(known, places=(*known.places, place))
                continue
            skip = None
            if endpoint.per_customer or "{n}" in name:
                skip = PER_CUSTOMER_REASON.format(host=endpoint.shown_host)
            found[key] = Target(
                name=endpoint.shown_host if skip else name,
                port=endpoint.port,
                service=endpoint.service,
                security=endpoint.security,
                auth=endpoint.auth,
                places=(place,),
                skip=skip,
                unverified=endpoint.unverified is not None,
            )
    return list(found.values())
