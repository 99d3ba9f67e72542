"""The probe against real mail servers on loopback: Dovecot (IMAP, POP3) and Postfix (SMTP).

One set of servers for the module (:mod:`tests.mailservers`), with certificates from an
authority made here for the data's host names. Each case gives the probe an endpoint as
the data would, and asserts that the probe reports exactly that endpoint's problem. Every
name is mapped to a loopback address: nothing connects beyond this machine.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pytest
import yaml

from mailhelp.data.model import Endpoint
from mailhelp.probe import OK, SKIPPED, UNREACHABLE, WARNING, WRONG, Options, probe, targets_of
from tests.conftest import DATA
from tests.mailservers import Authority, Dovecot, Pair, Postfix, Silent, free_port, require_servers
from tests.test_cli import run

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mailhelp.probe import Result

GOOD_NAMES = ["imap.mail.ovh.net", "pop.mail.ovh.net", "smtp.mail.ovh.net", "ssl0.ovh.net"]
T = TypeVar("T", Dovecot, Postfix)
TIMEOUT = 1.5
"""Seconds per connection in these tests: loopback servers answer in milliseconds."""


class Servers:
    """The running servers, their ports, and the probe options that reach them."""

    def __init__(self, folder: Path) -> None:
        ca = Authority(folder / "ca")
        good = ca.issue("good", GOOD_NAMES)
        other = ca.issue("other", ["mail.example.org"])
        expired = ca.issue("expired", GOOD_NAMES, days=-1)
        self.ca_file = ca.cert
        self.started: list[Dovecot | Postfix | Silent] = []
        try:
            self._start(folder, good, other, expired)
        except BaseException:
            self.stop()  # what did start; a failed start leaves no server behind
            raise

    def _start(self, folder: Path, good: Pair, other: Pair, expired: Pair) -> None:
        self.dovecot = self._started(Dovecot(folder / "dovecot", good, label="good"))
        self.lax = self._started(Dovecot(folder / "lax", good, label="lax", plaintext_auth=True))
        services = {
            "smtps": ("smtps", None),
            "submission": ("submission", None),
            "auth_before_tls": ("auth_before_tls", None),
            "plain": ("plain", None),
            "other_name": ("smtps", other),
            "expired": ("smtps", expired),
        }
        postfix = Postfix(folder / "postfix", good, sasl=self.dovecot.auth_socket, services=services)
        self.postfix = self._started(postfix)
        self.silent = Silent()
        self.started.append(self.silent)

    def _started(self, server: T) -> T:
        self.started.append(server)
        server.start()
        return server

    def stop(self) -> None:
        """Stop every server this object started, the last first."""
        for server in reversed(self.started):
            server.stop()

    def port(self, which: str) -> int:
        """A port by label: ``imap``, ``imaps``, ``pop3``, ``pop3s`` (Dovecot), ``lax:imap``,
        Postfix's service labels, ``silent``, or ``closed`` (a port nothing listens on)."""
        if which == "silent":
            return self.silent.port
        if which == "closed":
            return free_port("127.0.0.1")
        if which.startswith("lax:"):
            return self.lax.ports[which[4:]]
        return self.dovecot.ports.get(which) or self.postfix.ports[which]

    def address(self, which: str) -> str:
        """The loopback address of a port's server: Dovecot and Postfix share 127.0.0.2."""
        return "127.0.0.1" if which in ("silent", "closed") else self.dovecot.address


@pytest.fixture(scope="module")
def servers() -> Iterator[Servers]:
    require_servers()
    # Not pytest's tmp_path: its folders are private to root, and Postfix's and Dovecot's
    # unprivileged processes must reach their files.
    folder = Path(tempfile.mkdtemp(prefix="mailhelp-probe-"))
    folder.chmod(0o755)
    running = None
    try:
        running = Servers(folder)
        yield running
    finally:
        if running is not None:
            running.stop()
        shutil.rmtree(folder, ignore_errors=True)


def endpoint(
    service: str, port: int, security: str, host: str = "", aliases: tuple[str, ...] = ()
) -> Endpoint:
    names = {"imap": "imap.mail.ovh.net", "pop3": "pop.mail.ovh.net", "smtp": "smtp.mail.ovh.net"}
    return Endpoint("mx_plan", "europe", service, host or names[service], port, security, "password", aliases)


def probe_on(servers: Servers, which: str, endpoints: list[Endpoint], **options: float) -> list[Result]:
    """Probe ``endpoints`` with every name mapped to the loopback address of ``which``."""
    targets = targets_of(endpoints)
    address = servers.address(which)
    resolve = {t.name: address for t in targets if not t.skip}
    assert all(a.startswith("127.") for a in resolve.values())
    settings = {"timeout": TIMEOUT, "run_timeout": 30.0, **options}
    return probe(targets, Options(resolve=resolve, ca_file=servers.ca_file, **settings))  # type: ignore[arg-type]


def one(servers: Servers, service: str, which: str, security: str) -> Result:
    (result,) = probe_on(servers, which, [endpoint(service, servers.port(which), security)])
    return result


# The data agrees -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "which", "security", "after_tls"),
    [
        ("imap", "imaps", "ssl", "sign-in after TLS: IMAP LOGIN, LOGIN, PLAIN"),
        ("imap", "imap", "starttls", "sign-in after TLS: IMAP LOGIN, LOGIN, PLAIN"),
        ("pop3", "pop3s", "ssl", "sign-in after TLS: LOGIN, PLAIN, USER"),
        ("pop3", "pop3", "starttls", "sign-in after TLS: LOGIN, PLAIN, USER"),
        ("smtp", "smtps", "ssl", "sign-in after TLS: LOGIN, PLAIN"),
        ("smtp", "submission", "starttls", "sign-in after TLS: LOGIN, PLAIN"),
    ],
)
def test_a_server_as_the_data_says_is_ok(
    servers: Servers, service: str, which: str, security: str, after_tls: str
) -> None:
    result = one(servers, service, which, security)
    assert result.result == OK, result.details
    assert result.details[0].startswith("TLSv1.")
    assert result.details[0].endswith(f"certificate valid for {result.target.name}")
    assert result.details[1] == after_tls


def test_a_plain_port_without_starttls_is_a_warning_not_a_failure(servers: Servers) -> None:
    result = one(servers, "smtp", "plain", "none")
    assert (result.result, result.details) == (
        WARNING,
        ("no encryption: a password would travel unencrypted",),
    )


def test_per_customer_hosts_are_skipped_with_the_reason_and_never_resolved(servers: Servers) -> None:
    (result,) = probe_on(servers, "imaps", [endpoint("imap", 993, "ssl", host="pro{n}.mail.ovh.net")])
    assert result.result == SKIPPED
    assert result.target.name == "proN.mail.ovh.net"
    assert "differs per customer" in result.detail
    assert result.address is None


# The data disagrees --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "which", "expected"),
    [
        (
            "imap",
            "imap",
            "the port greets in plain text, and offers STARTTLS: the data should say starttls (STARTTLS)",
        ),
        (
            "pop3",
            "pop3",
            "the port greets in plain text, and offers STARTTLS: the data should say starttls (STARTTLS)",
        ),
        (
            "smtp",
            "submission",
            "the port greets in plain text, and offers STARTTLS: the data should say starttls (STARTTLS)",
        ),
        ("smtp", "plain", "the port greets in plain text, without STARTTLS: the data should say none"),
    ],
)
def test_ssl_where_the_server_greets_in_plain_text(
    servers: Servers, service: str, which: str, expected: str
) -> None:
    result = one(servers, service, which, "ssl")
    assert result.result == WRONG
    assert result.details == (f"no TLS from the first byte: {expected}",)


@pytest.mark.parametrize(("service", "which"), [("imap", "imaps"), ("pop3", "pop3s"), ("smtp", "smtps")])
def test_starttls_where_the_server_speaks_tls_from_the_first_byte(
    servers: Servers, service: str, which: str
) -> None:
    result = one(servers, service, which, "starttls")
    assert result.result == WRONG
    assert result.details == ("the port speaks TLS from the first byte: the data should say ssl (SSL/TLS)",)


def test_none_where_the_server_offers_starttls_is_the_587_mistake(servers: Servers) -> None:
    result = one(servers, "smtp", "submission", "none")
    assert result.result == WRONG
    assert result.detail.startswith("the port offers STARTTLS, but the data says none")


def test_starttls_where_the_server_offers_no_upgrade(servers: Servers) -> None:
    result = one(servers, "smtp", "plain", "starttls")
    assert result.result == WRONG
    assert result.details[0] == "the greeting does not offer STARTTLS: the data says starttls (STARTTLS)"


def test_a_certificate_for_another_name(servers: Servers) -> None:
    result = one(servers, "smtp", "other_name", "ssl")
    assert result.result == WRONG
    assert (
        result.details[0] == "the certificate is not valid for smtp.mail.ovh.net (a mail client refuses it)"
    )


def test_an_alias_the_certificate_does_not_name_fails_alone(servers: Servers) -> None:
    port = servers.port("imaps")
    results = probe_on(
        servers, "imaps", [endpoint("imap", port, "ssl", aliases=("ssl0.ovh.net", "mail.ovh.net"))]
    )
    assert [(r.target.name, r.result) for r in results] == [
        ("imap.mail.ovh.net", OK),
        ("ssl0.ovh.net", OK),
        ("mail.ovh.net", WRONG),
    ]
    assert results[2].details[0] == "the certificate is not valid for mail.ovh.net (a mail client refuses it)"


def test_an_expired_certificate(servers: Servers) -> None:
    result = one(servers, "smtp", "expired", "ssl")
    assert result.result == WRONG
    assert result.details[0] == "the certificate has expired (a mail client refuses it)"
    # What the server offers after TLS is still learnt, without trusting the certificate.
    assert "after TLS no PLAIN" not in result.detail


def test_a_closed_port(servers: Servers) -> None:
    result = one(servers, "imap", "closed", "ssl")
    assert (result.result, result.details) == (
        UNREACHABLE,
        ("connection refused: nothing listens on this port",),
    )


def test_a_server_that_accepts_and_never_greets_is_reported_within_the_timeout(servers: Servers) -> None:
    started = time.monotonic()
    result = one(servers, "imap", "silent", "starttls")
    elapsed = time.monotonic() - started
    assert result.result == UNREACHABLE
    assert result.details == (f"accepted the connection but sent no greeting within {TIMEOUT:g} s",)
    # One wait for the greeting, one for a TLS handshake (does the port speak TLS instead?).
    assert 2 * TIMEOUT - 0.2 < elapsed < 2 * TIMEOUT + 1.0


@pytest.mark.parametrize(
    ("service", "which", "ways"),
    [
        ("smtp", "auth_before_tls", "LOGIN, PLAIN"),
        ("imap", "lax:imap", "IMAP LOGIN, LOGIN, PLAIN"),
        ("pop3", "lax:pop3", "LOGIN, PLAIN, USER"),
    ],
)
def test_a_password_offered_before_tls(servers: Servers, service: str, which: str, ways: str) -> None:
    result = one(servers, service, which, "starttls")
    assert result.result == WRONG
    assert result.details[0].startswith(f"a password is accepted before TLS ({ways}): ")


# Politeness and limits -----------------------------------------------------------------


def test_at_most_the_given_number_of_connections_at_once(servers: Servers) -> None:
    port = servers.port("silent")
    many = [endpoint("imap", port, "starttls", host=f"imap{i}.mail.ovh.net") for i in range(4)]
    started = time.monotonic()
    results = probe_on(servers, "silent", many, timeout=0.5, connections=2)
    elapsed = time.monotonic() - started
    assert [r.result for r in results] == [UNREACHABLE] * 4
    assert servers.silent.most_open(since=started) == 2
    assert elapsed >= 2 * 2 * 0.5 - 0.1  # four targets, two at a time, two waits each


def test_the_run_stops_at_its_own_limit(servers: Servers) -> None:
    port = servers.port("silent")
    many = [endpoint("imap", port, "starttls", host=f"imap{i}.mail.ovh.net") for i in range(3)]
    started = time.monotonic()
    results = probe_on(servers, "silent", many, timeout=5.0, run_timeout=1.0, connections=1)
    assert time.monotonic() - started < 2.0
    assert [r.details[0] for r in results[1:]] == ["not probed: the run's limit of 1 s ran out first"] * 2


# The command line ----------------------------------------------------------------------


def data_for(
    servers: Servers, folder: Path, *, submission_security: str = "starttls"
) -> tuple[Path, list[str]]:
    """The real data file, its MX Plan Europe endpoints pointed at the local servers' ports,
    and the ``--resolve`` arguments that map every name to them."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    europe = data["products"]["mx_plan"]["regions"]["europe"]
    ports = {
        ("imap", "ssl"): "imaps",
        ("imap", "none"): "imap",
        ("pop3", "ssl"): "pop3s",
        ("pop3", "none"): "pop3",
        ("smtp", "ssl"): "smtps",
        ("smtp", "starttls"): "submission",
    }
    for service in ("imap", "pop3", "smtp"):
        for item in europe[service]:
            which = ports[(service, item["security"])]
            item["port"] = servers.port(which)
            if item["security"] == "none":  # the local Dovecot offers STARTTLS there
                item["security"] = "starttls"
                item.pop("plaintext_reason", None)
            if which == "submission":
                item["security"] = submission_security
                if submission_security == "none":
                    item["plaintext_reason"] = "what the old data said"
    del data["products"]["mx_plan"]["regions"]["america_asia_pacific"]
    path = folder / "settings.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    resolve = []
    for name in ("imap.mail.ovh.net", "pop.mail.ovh.net", "smtp.mail.ovh.net", "ssl0.ovh.net"):
        resolve += ["--resolve", f"{name}={servers.dovecot.address}"]
    return path, resolve


def test_the_command_exits_0_when_the_data_agrees(servers: Servers, tmp_path: Path) -> None:
    data, resolve = data_for(servers, tmp_path)
    done = run("probe", "--data", data, *resolve, "--ca-file", servers.ca_file, "--json", "--timeout", "3")
    assert done.returncode == 0, done.stdout + done.stderr
    rows = json.loads(done.stdout)["results"]
    by_result = {(r["host"], r["service"], r["security"]): r["result"] for r in rows}
    assert by_result[("imap.mail.ovh.net", "imap", "ssl")] == OK
    assert by_result[("pop.mail.ovh.net", "pop3", "starttls")] == OK
    assert by_result[("smtp.mail.ovh.net", "smtp", "starttls")] == OK
    assert by_result[("proN.mail.ovh.net", "imap", "ssl")] == SKIPPED
    assert {r["result"] for r in rows} == {OK, SKIPPED}
    assert len([r for r in rows if r["host"] == "ssl0.ovh.net"]) == 6  # the alias, on every port


def test_the_command_exits_1_and_names_the_endpoint_the_data_gets_wrong(
    servers: Servers, tmp_path: Path
) -> None:
    data, resolve = data_for(servers, tmp_path, submission_security="none")
    done = run("probe", "--data", data, *resolve, "--ca-file", servers.ca_file, "--timeout", "3")
    assert done.returncode == 1, done.stdout + done.stderr
    port = servers.port("submission")
    wrong = [line for line in done.stdout.splitlines() if f" {port} " in line]
    assert len(wrong) == 2  # smtp.mail.ovh.net and its alias ssl0.ovh.net
    for line in wrong:
        assert line.split()[2:4] == ["none", "wrong"]
        assert "the port offers STARTTLS, but the data says none" in line
    assert done.stdout.splitlines()[0].split() == ["host", "port", "security", "result", "detail"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--data", "no-such-file.yml"], "the settings file does not exist"),
        (["--resolve", "imap.mail.ovh.net"], "expected HOST=ADDRESS"),
        (["--resolve", "imap.mail.ovh.net=localhost"], "'localhost' is not an IP address"),
        (["--connections", "100"], "the probe stays polite"),
    ],
)
def test_the_command_exits_2_on_unusable_input(tmp_path: Path, args: list[str], message: str) -> None:
    done = run("probe", *args, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""
