"""The validated settings: products, regions, their endpoints, and the values pages may name.

A provider offers products in regions; for each product and region, each service (IMAP,
POP3, SMTP) is an ordered list of endpoints, the first the one guides recommend. Pages name
values by dotted keys (see :meth:`Settings.values`): the explicit
``mx_plan.europe.imap.host``, or shorter keys that the page's product and the enclosing
region tab complete (``imap.host``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from mailhelp.data.schema import PER_CUSTOMER, SERVICES

if TYPE_CHECKING:
    from pathlib import Path

    from mailhelp.problems import Problem

SECURITY_LABELS = {"ssl": "SSL/TLS", "starttls": "STARTTLS", "none": "—"}
"""Security as mail clients label it (Thunderbird, Outlook and Apple Mail alike)."""

PATTERN_SHOWN = "N"
"""How a per-customer number stands in a host name on the page: ``proN.mail.ovh.net``."""


@dataclass(frozen=True)
class Endpoint:
    """One way to reach a service: a host (and its other names), a port, a security mode."""

    product: str
    region: str
    service: str
    host: str
    port: int
    security: str
    auth: str
    aliases: tuple[str, ...] = ()
    unverified: str | None = None
    plaintext_reason: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The host and its aliases: every name a reader may type for this server."""
        return (self.host, *self.aliases)

    @property
    def per_customer(self) -> bool:
        """Whether the host differs per customer (``pro{n}.mail.ovh.net``)."""
        return PER_CUSTOMER in self.host

    @property
    def shown_host(self) -> str:
        """The host as a page shows it: ``proN.mail.ovh.net`` for a per-customer pattern."""
        return self.host.replace(PER_CUSTOMER, PATTERN_SHOWN)

    @cached_property
    def host_pattern(self) -> re.Pattern[str]:
        """Matches every name of the server as a page may write it, in any case: for a
        per-customer host, any number or the placeholder letters N, X and ``?``."""
        names = [re.escape(name).replace(re.escape(PER_CUSTOMER), "(?:[0-9]+|[nx?])") for name in self.names]
        return re.compile("(?:" + "|".join(names) + ")", re.IGNORECASE)

    def serves(self, host: str) -> bool:
        """Whether ``host`` is one of this endpoint's names."""
        return self.host_pattern.fullmatch(host) is not None


@dataclass(frozen=True)
class Settings:
    """The validated settings file."""

    path: Path
    data: dict[str, Any]
    endpoints: tuple[Endpoint, ...]
    warnings: tuple[Problem, ...] = ()
    _values: dict[str, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)

    # The model -------------------------------------------------------------------------------

    def products(self) -> list[str]:
        """Product ids, in the file's order."""
        return list(self.data["products"])

    def regions(self, product: str | None = None) -> list[str]:
        """Region ids in the file's order; with ``product``, those the product is offered in."""
        if product is None:
            return list(self.data["regions"])
        return [r for r in self.data["regions"] if r in self.data["products"][product]["regions"]]

    def name(self, kind: str, ident: str, lang: str) -> str:
        """The name of a product or region (``kind``) in ``lang``, or in the source language."""
        names = self.data["products" if kind == "product" else "regions"][ident]["name"]
        return names.get(lang) or names.get(lang.split("-")[0]) or next(iter(names.values()))

    def other_names(self, kind: str, ident: str) -> list[str]:
        """Every name a guide may use for a product or region: each language's, and others."""
        entry = self.data["products" if kind == "product" else "regions"][ident]
        return [*entry["name"].values(), *entry.get("other_names", [])]

    def endpoints_of(self, product: str, region: str, service: str) -> list[Endpoint]:
        """The endpoints of one service, preferred first."""
        return [e for e in self.endpoints if (e.product, e.region, e.service) == (product, region, service)]

    def retired(self) -> dict[str, str]:
        """Each retired host and the host that replaced it."""
        return {r["host"]: r["replacement"] for r in self.data.get("retired_hosts", [])}

    def domains(self) -> tuple[str, ...]:
        """The provider's DNS domains: any host below them is one of its servers."""
        return tuple(self.data["provider"]["domains"])

    def region_of_locale(self, locale: str | None) -> str:
        """The region a guide in ``locale`` (``fr-ca``) speaks of when nothing on it says."""
        regional = self.data.get("locale_regions", {})
        if locale and locale.lower() in regional:
            return regional[locale.lower()]
        return self.data["default_region"]

    # The values pages name -------------------------------------------------------------------

    def values(self, lang: str, *, product: str | None = None, region: str | None = None) -> dict[str, str]:
        """Every key a page in ``lang`` may name, in the context of ``product`` and ``region``.

        Explicit keys always: ``mx_plan.europe.imap.host``, ``mx_plan.name``, ``europe.name``,
        ``provider.name``. With a product: ``europe.imap.host``, ``product.name``; with a
        region: ``mx_plan.imap.host``, ``region.name``; with both: ``imap.host``. A product
        offered in one region only gives that region too.
        """
        cache_key = f"{lang}|{product}|{region}"
        if cache_key not in self._values:
            self._values[cache_key] = self._context_values(lang, product, region)
        return self._values[cache_key]

    def ambiguous_keys(self, lang: str, *, product: str | None, region: str | None) -> dict[str, str]:
        """Keys a page may mean but that this place cannot decide, each with the fix (made
        once per place: every block of every page asks)."""
        cache_key = f"ambiguous|{lang}|{product}|{region}"
        if cache_key not in self._values:
            self._values[cache_key] = self._ambiguous_keys(lang, product, region)
        return self._values[cache_key]

    def _ambiguous_keys(self, lang: str, product: str | None, region: str | None) -> dict[str, str]:
        given = self.values(lang, product=product, region=region)
        found: dict[str, str] = {}
        for candidate in self.products():
            for option in self.regions(candidate):
                for key in self.values(lang, product=candidate, region=option):
                    if key in given or key in found:
                        continue
                    found[key] = self._ambiguity_fix(key, product, region)
        return found

    def _ambiguity_fix(self, key: str, product: str | None, region: str | None) -> str:
        if product is None and key.split(".")[0] not in self.data["products"]:
            return (
                f"'{key}' depends on the product, and this page names none: add 'product: "
                f"{self.products()[0]}' to its front matter, or write {{{{ {self.products()[0]}.{key} }}}}"
            )
        regions = self.regions(product) if product else self.regions()
        return (
            f"'{key}' depends on the region, and this place is in none "
            f"({', '.join(regions)}): put it inside a '/// regions' block, "
            f"or name the region: {{{{ {regions[0]}.{key} }}}}"
        )

    def _context_values(self, lang: str, product: str | None, region: str | None) -> dict[str, str]:
        values = self._static_values()
        for ident in self.products():
            values[f"{ident}.name"] = self.name("product", ident, lang)
        for ident in self.regions():
            values[f"{ident}.name"] = self.name("region", ident, lang)
        if product is not None and region is None and len(self.regions(product)) == 1:
            region = self.regions(product)[0]
        if product is not None:
            values["product.name"] = self.name("product", product, lang)
        if region is not None:
            values["region.name"] = self.name("region", region, lang)
        for ident in self.products():
            for option in self.regions(ident):
                for key, value in self._service_values(ident, option):
                    values[f"{ident}.{option}.{key}"] = value
                    if ident == product:
                        values[f"{option}.{key}"] = value
                    if option == region:
                        values[f"{ident}.{key}"] = value
                    if ident == product and option == region:
                        values[key] = value
        if product is not None and region is None:
            values.update(self._same_everywhere(product))
        return values

    def _same_everywhere(self, product: str) -> dict[str, str]:
        """The short keys whose value is the same in every region of ``product`` (a port
        that no region changes): the context decides them without a region."""
        per_region = [dict(self._service_values(product, r)) for r in self.regions(product)]
        first = per_region[0] if per_region else {}
        return {k: v for k, v in first.items() if all(other.get(k) == v for other in per_region[1:])}

    def _static_values(self) -> dict[str, str]:
        provider, account = self.data["provider"], self.data["account"]
        return {
            "provider.name": provider["name"],
            "provider.manager": provider["manager"],
            "account.example": account["example"],
        }

    def _service_values(self, product: str, region: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for service in SERVICES:
            # What no source confirms is never shown to readers; the checker still knows it.
            endpoints = [e for e in self.endpoints_of(product, region, service) if e.unverified is None]
            if not endpoints:
                continue
            first = endpoints[0]
            found += [
                (f"{service}.host", first.shown_host),
                (f"{service}.port", str(first.port)),
                (f"{service}.security", SECURITY_LABELS[first.security]),
            ]
            if first.aliases:
                found.append((f"{service}.alias", first.aliases[0]))
            modes: dict[str, int] = {}
            for endpoint in endpoints:
                modes.setdefault(endpoint.security, endpoint.port)
            found += [(f"{service}.ports.{mode}", str(port)) for mode, port in modes.items()]
        return found


def endpoints_from(data: dict[str, Any]) -> tuple[Endpoint, ...]:
    """Every endpoint of validated ``data``, in the file's order."""
    found: list[Endpoint] = []
    for product, offer in data["products"].items():
        for region, services in offer["regions"].items():
            for service in SERVICES:
                for item in services.get(service, []):
                    found.append(
                        Endpoint(
                            product=product,
                            region=region,
                            service=service,
                            host=item["host"],
                            port=item["port"],
                            security=item["security"],
                            auth=item["auth"],
                            aliases=tuple(item.get("aliases", ())),
                            unverified=item.get("unverified"),
                            plaintext_reason=item.get("plaintext_reason"),
                        )
                    )
    return tuple(found)
