"""Files that set a mail client up by itself, generated from the settings file.

For each product and region whose host names are the same for every customer (an
*offer*, :func:`offers`), the site publishes a Thunderbird autoconfig file
(:mod:`~mailhelp.setup_files.autoconfig`) and an Apple configuration profile
(:mod:`~mailhelp.setup_files.apple_profile`); for the whole data, a JSON export
(:mod:`~mailhelp.setup_files.export`). The administrators' page shows a DNS zone snippet
(:mod:`~mailhelp.setup_files.dns`) and web server snippets
(:mod:`~mailhelp.setup_files.web_server`). Every function here is pure: settings in, text or
bytes out; :mod:`~mailhelp.setup_files.published` says where each file goes in the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mailhelp.data.schema import SERVICES

if TYPE_CHECKING:
    from mailhelp.data.model import Endpoint, Settings


@dataclass(frozen=True)
class Offer:
    """One product in one region, as the set-up files see it."""

    product: str
    region: str

    @property
    def slug(self) -> str:
        """The offer's name in file paths: ``mx-plan-europe``."""
        return f"{self.product}-{self.region}".replace("_", "-")


def offers(settings: Settings) -> list[Offer]:
    """Every product and region that gets set-up files, in the data's order.

    An offer qualifies when each of IMAP, POP3 and SMTP has a verified endpoint and no
    verified endpoint's host differs per customer (Email Pro's ``pro{n}`` hosts get none:
    a file cannot know a customer's server number).
    """
    found: list[Offer] = []
    for product in settings.products():
        for region in settings.regions(product):
            offer = Offer(product, region)
            endpoints = [e for service in SERVICES for e in usable(settings, offer, service)]
            if (
                endpoints
                and not any(e.per_customer for e in endpoints)
                and all(usable(settings, offer, service) for service in SERVICES)
            ):
                found.append(offer)
    return found


def usable(settings: Settings, offer: Offer, service: str) -> list[Endpoint]:
    """The endpoints of ``service`` a file may name: verified, preferred first."""
    return [e for e in settings.endpoints_of(offer.product, offer.region, service) if e.unverified is None]


def mail_domain(settings: Settings, offer: Offer) -> str:
    """The provider's domain the offer's servers live under (``ovh.net``, ``ovh.ca``).

    It names the Thunderbird provider (``emailProvider id``), as Thunderbird's own ISP
    database does for ``ovh.net``.
    """
    host = usable(settings, offer, "imap")[0].host
    for domain in settings.domains():
        if host == domain or host.endswith("." + domain):
            return domain
    return host.split(".", 1)[-1]
