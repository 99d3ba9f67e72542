"""The JSON export of the settings, for other tools: ``data/settings.json`` on the site.

Its shape is versioned by ``format`` and ``version``; README.md ("The JSON export")
documents it. A change that removes or renames a key, or changes a value's meaning, is a
new ``version``; adding a key is not.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from mailhelp.data.schema import SERVICES
from mailhelp.setup_files import Offer, offers

if TYPE_CHECKING:
    from mailhelp.data.model import Endpoint, Settings

FORMAT = "mailhelp-settings"
VERSION = 1


def export(settings: Settings) -> dict[str, Any]:
    """The export as Python values, before JSON."""
    published = set(offers(settings))
    products: dict[str, Any] = {}
    for product in settings.products():
        entry = settings.data["products"][product]
        regions: dict[str, Any] = {}
        for region in settings.regions(product):
            services = {
                service: [_endpoint(e) for e in settings.endpoints_of(product, region, service)]
                for service in SERVICES
            }
            source = entry["regions"][region].get("source", {})
            regions[region] = {
                "per_customer": any(
                    e.per_customer for e in settings.endpoints if (e.product, e.region) == (product, region)
                ),
                "setup_files": Offer(product, region) in published,
                "source": {key: str(value) for key, value in source.items()},
                "services": services,
            }
        products[product] = {"name": dict(entry["name"]), "regions": regions}
    provider = settings.data["provider"]
    return {
        "format": FORMAT,
        "version": VERSION,
        "provider": {
            "name": provider["name"],
            "domains": list(provider["domains"]),
            "manager": provider["manager"],
        },
        "account": {"username": settings.data["account"]["username"]},
        "regions": {r: {"name": dict(settings.data["regions"][r]["name"])} for r in settings.regions()},
        "default_region": settings.data["default_region"],
        "products": products,
    }


def export_json(settings: Settings) -> str:
    """The export as JSON text: UTF-8, keys in the data's order, two-space indents."""
    return json.dumps(export(settings), ensure_ascii=False, indent=2) + "\n"


def _endpoint(endpoint: Endpoint) -> dict[str, Any]:
    return {
        "host": endpoint.host,
        "aliases": list(endpoint.aliases),
        "port": endpoint.port,
        "security": endpoint.security,
        "auth": endpoint.auth,
        "per_customer": endpoint.per_customer,
        "verified": endpoint.unverified is None,
        "unverified": endpoint.unverified,
    }
