"""What an observation means for the data: one verdict per target, in a reader's words.

The rules follow what a reader who copies the guide would meet: ``ssl`` must be TLS from
the first byte; ``starttls`` must greet in plain text, offer the upgrade and succeed at it;
``none`` works but lets a password travel unencrypted (a warning), and is wrong when the
server could do better (it offers STARTTLS, so the data should say so). After TLS, the
certificate must be valid for the name the reader types, and PLAIN or LOGIN (what the
guides' "normal password" makes a client send) must be on offer; before TLS, no password
may be asked for on a port the data calls encrypted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mailhelp.data.model import SECURITY_LABELS
from mailhelp.probe.tls import EXPIRY_WARNING_DAYS

if TYPE_CHECKING:
    from mailhelp.probe.dialogues import Offer
    from mailhelp.probe.observe import Observation
    from mailhelp.probe.targets import Target

OK, WARNING, WRONG, UNREACHABLE, SKIPPED = "ok", "warning", "wrong", "unreachable", "skipped"
"""The results: agrees; agrees, but a reader is at risk; disagrees; no answer; not probed."""

FAILING = frozenset({WRONG, UNREACHABLE})
"""Results that mean the data and the server disagree: the run exits 1."""


@dataclass(frozen=True)
class Result:
    """The verdict on one target: what the data says, what the server did, in words."""

    target: Target
    result: str
    details: tuple[str, ...]
    address: str | None = None

    @property
    def detail(self) -> str:
        """The details as one line."""
        return "; ".join(self.details)

    def as_dict(self) -> dict[str, Any]:
        """The verdict as JSON-ready values."""
        t = self.target
        return {
            "host": t.name,
            "port": t.port,
            "service": t.service,
            "security": t.security,
            "auth": t.auth,
            "places": list(t.places),
            "address": self.address,
            "result": self.result,
            "details": list(self.details),
        }


def skipped(target: Target, reason: str) -> Result:
    """A target not probed, and why."""
    return Result(target, SKIPPED, (reason,))


def judge(target: Target, seen: Observation) -> Result:
    """The verdict on ``target`` from what the server did (``seen``)."""
    wrong: list[str] = []
    warnings: list[str] = []
    notes: list[str] = []
    if seen.tls_instead:
        wrong.append("the port speaks TLS from the first byte: the data should say ssl (SSL/TLS)")
    elif seen.unreachable:
        return Result(target, UNREACHABLE, (seen.unreachable,), seen.address)
    if target.security == "ssl":
        _implicit_tls(seen, wrong)
    elif target.security == "starttls":
        _starttls(target, seen, wrong)
    elif seen.before_tls is not None:
        _plain(target, seen.before_tls, wrong, warnings)
    if seen.session is not None:
        _after_tls(target, seen, wrong, warnings, notes)
    wrong += seen.errors
    if wrong:
        return Result(target, WRONG, tuple(wrong + warnings), seen.address)
    if warnings:
        return Result(target, WARNING, tuple(warnings + notes), seen.address)
    return Result(target, OK, tuple(notes), seen.address)


def _implicit_tls(seen: Observation, wrong: list[str]) -> None:
    if seen.tls_failed is None:
        return
    if seen.plain_instead is not None:
        should = "starttls (STARTTLS)" if seen.plain_instead.starttls else "none"
        offers = ", and offers STARTTLS" if seen.plain_instead.starttls else ", without STARTTLS"
        wrong.append(
            f"no TLS from the first byte: the port greets in plain text{offers}: the data should say {should}"
        )
    else:
        wrong.append(f"no TLS from the first byte: {seen.tls_failed}")


def _starttls(target: Target, seen: Observation, wrong: list[str]) -> None:
    before = seen.before_tls
    if before is None:
        return
    if not before.starttls:
        wrong.append("the greeting does not offer STARTTLS: the data says starttls (STARTTLS)")
    elif seen.tls_failed:
        wrong.append(f"STARTTLS is offered but {seen.tls_failed}")
    ways = before.password_ways
    if ways and target.auth == "password":
        wrong.append(
            f"a password is accepted before TLS ({', '.join(ways)}): a client that skips the "
            "upgrade sends it unencrypted; offer sign-in only after STARTTLS"
        )


def _plain(target: Target, before: Offer, wrong: list[str], warnings: list[str]) -> None:
    if before.starttls:
        wrong.append(
            f"the port offers STARTTLS, but the data says none ({SECURITY_LABELS['none']}): "
            "readers are told to send their password unencrypted; the data should say starttls"
        )
        return
    if target.auth == "password":
        if not before.password_ways:
            wrong.append("no encryption and no password sign-in on offer: a reader cannot sign in")
        else:
            warnings.append("no encryption: a password would travel unencrypted")
    else:
        warnings.append("no encryption")


def _after_tls(
    target: Target, seen: Observation, wrong: list[str], warnings: list[str], notes: list[str]
) -> None:
    session = seen.session
    if session is None:
        return
    if seen.certificate:
        wrong.append(seen.certificate)
    else:
        days = session.expires_in_days()
        if days is not None and days < EXPIRY_WARNING_DAYS:
            warnings.append(f"the certificate ends in {max(days, 0):.0f} day(s)")
        notes.append(f"{session.version}, certificate valid for {target.name}")
    after = seen.after_tls
    if after is None or target.auth != "password":
        return
    if not after.password_ways:
        offered = ", ".join(sorted(after.mechanisms)) or "none"
        wrong.append(f"after TLS no PLAIN or LOGIN sign-in is on offer (mechanisms: {offered})")
    else:
        notes.append(f"sign-in after TLS: {', '.join(after.password_ways)}")
