"""The settings table of a product in one region, generated from the data.

A page says ``/// settings`` where the reader needs every setting: the build writes a table
for each region of the product (in tabs, see :mod:`mailhelp.content.regions`), one row per
endpoint that guides may show, recommended first, each value a placeholder of that region so
that it gets the same escaping, copy button and checks as a value a writer placed. The words
come from the reader's strings file (``docs/<locale>/strings.yml``, key ``settings``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mailhelp.data.model import SECURITY_LABELS
from mailhelp.data.schema import SERVICES

if TYPE_CHECKING:
    from mailhelp.data.model import Settings

_NAMES = {"imap": "IMAP", "pop3": "POP3", "smtp": "SMTP"}
_DIRECTION = {"imap": "incoming", "pop3": "incoming", "smtp": "outgoing"}


def settings_table(settings: Settings, product: str, region: str, words: dict[str, Any]) -> str:
    """The Markdown of the settings of ``product`` in ``region``: placeholders, in its context."""
    rows = [
        f"| {words['service']} | {words['server']} | {words['port']} | {words['security']} |",
        "|---|---|---|---|",
    ]
    per_customer = False
    for service in SERVICES:
        shown = [e for e in settings.endpoints_of(product, region, service) if e.unverified is None]
        modes: list[str] = []
        for endpoint in shown:
            if endpoint.security in modes:
                continue  # the table shows one port per security; the first host is the one to use
            label = f"{_NAMES[service]} ({words[_DIRECTION[service]]})"
            if modes:
                label += f", {words['alternative']}"
            server = f"`{{{{ {service}.host }}}}`"
            if endpoint.aliases:
                server += f" {words['or']} `{{{{ {service}.alias }}}}`"
            port = f"`{{{{ {service}.ports.{endpoint.security} }}}}`"
            rows.append(f"| {label} | {server} | {port} | {SECURITY_LABELS[endpoint.security]} |")
            modes.append(endpoint.security)
            per_customer = per_customer or endpoint.per_customer
    lines = [
        *rows,
        "",
        f"- **{words['username']}**: {words['username_value']} `{{{{ account.example }}}}`",
        f"- **{words['password']}**: {words['password_value']}",
        f"- **{words['authentication']}**: {words['authentication_value']}",
    ]
    if per_customer:
        lines += ["", words["per_customer"]]
    return "\n".join(lines) + "\n"
