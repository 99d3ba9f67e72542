"""Real mail servers for the probe's tests: Debian's Dovecot and Postfix, on loopback.

:class:`Authority` makes a certificate authority and certificates with the ``openssl``
command (expired ones too). :class:`Dovecot` and :class:`Postfix` write a configuration
into a temporary folder and run the server from it as the current user (root in CI),
listening on 127.0.0.x high ports only; ``stop`` ends exactly the processes they started.
Dovecot listens on 127.0.0.2: it counts a client whose address equals its own as secure
(and would then offer a password before TLS), and the probe connects from 127.0.0.1.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import missing as missing_package

DOVECOT = Path("/usr/sbin/dovecot")
POSTFIX = Path("/usr/sbin/postfix")
OPENSSL = "openssl"
PACKAGES = "dovecot-imapd dovecot-pop3d postfix openssl"
INSTALL = (
    "sudo sh -c 'echo postfix postfix/main_mailer_type select No configuration | debconf-set-selections"
    f" && apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y {PACKAGES}'"
)
START_TIMEOUT = 10.0


def require_servers() -> None:
    """Fail in CI, skip elsewhere, when a server is missing, with the command that installs it."""
    missing = [str(p) for p in (DOVECOT, POSTFIX) if not p.exists()]
    if shutil.which(OPENSSL) is None:
        missing.append(OPENSSL)
    if not missing:
        return
    missing_package(
        f"{', '.join(missing)} missing: the probe's tests need real mail servers.\n    fix: {INSTALL}"
    )


def free_port(address: str) -> int:
    """A port nothing listens on at ``address`` now."""
    with socket.socket() as sock:
        sock.bind((address, 0))
        return int(sock.getsockname()[1])


def wait_listening(address: str, ports: list[int], *, what: str, log: Path) -> None:
    """Return once every port accepts a connection; fail with the server's log otherwise."""
    deadline = time.monotonic() + START_TIMEOUT
    for port in ports:
        while True:
            try:
                socket.create_connection((address, port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
                    pytest.fail(f"{what} did not listen on {address}:{port}:\n{text[-3000:]}")
                time.sleep(0.05)


# Certificates --------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """A certificate and its key, as PEM files."""

    cert: Path
    key: Path


class Authority:
    """A certificate authority of the test's own, in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.cert = folder / "ca.pem"
        self.key = folder / "ca.key"
        _openssl(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", self.key, "-out", self.cert, "-days", "2", "-subj", "/CN=mailhelp probe test CA",
        )  # fmt: skip

    def issue(self, label: str, names: list[str], *, days: int = 30) -> Pair:
        """A certificate for ``names``; ``days=-1`` makes one that ended yesterday."""
        pair = Pair(self.folder / f"{label}.pem", self.folder / f"{label}.key")
        request = self.folder / f"{label}.csr"
        extensions = self.folder / f"{label}.ext"
        extensions.write_text(
            "subjectAltName=" + ",".join(f"DNS:{n}" for n in names) + "\nextendedKeyUsage=serverAuth\n",
            encoding="utf-8",
        )
        _openssl(
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", pair.key, "-out", request, "-subj", f"/CN={names[0]}",
        )  # fmt: skip
        # A negative number of days puts the end before now (and before the start): an
        # expired certificate, with the openssl command of any Debian release.
        _openssl(
            "x509", "-req", "-in", request, "-CA", self.cert, "-CAkey", self.key, "-CAcreateserial",
            "-days", str(days), "-extfile", extensions, "-out", pair.cert,
        )  # fmt: skip
        pair.key.chmod(0o644)  # read by the servers' unprivileged processes
        return pair


def _openssl(*args: str | Path) -> None:
    subprocess.run([OPENSSL, *map(str, args)], check=True, capture_output=True, timeout=30)


# Dovecot -------------------------------------------------------------------------------

DOVECOT_CONF = """\
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
instance_name = mailhelp-probe-{label}
protocols = imap pop3
listen = {address}
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = {no_plaintext}
auth_mechanisms = plain login
passdb {{
  driver = static
  args = nopassword=y
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={folder}/home
}}
service imap-login {{
  inet_listener imap {{
    port = {imap}
  }}
  inet_listener imaps {{
    port = {imaps}
    ssl = yes
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = {pop3}
  }}
  inet_listener pop3s {{
    port = {pop3s}
    ssl = yes
  }}
}}
service auth {{
  unix_listener auth-client {{
    mode = 0666
  }}
}}
"""


class Dovecot:
    """Dovecot for IMAP and POP3: a plain port (with STARTTLS) and an implicit-TLS port each."""

    def __init__(self, folder: Path, pair: Pair, *, label: str, plaintext_auth: bool = False) -> None:
        self.folder = folder
        self.address = "127.0.0.2"
        folder.mkdir(parents=True, exist_ok=True)
        self.ports = {name: free_port(self.address) for name in ("imap", "imaps", "pop3", "pop3s")}
        self.config = folder / "dovecot.conf"
        self.config.write_text(
            DOVECOT_CONF.format(
                folder=folder,
                label=label,
                address=self.address,
                cert=pair.cert,
                key=pair.key,
                no_plaintext="no" if plaintext_auth else "yes",
                **self.ports,
            ),
            encoding="utf-8",
        )
        self.auth_socket = folder / "run" / "auth-client"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Dovecot:
        """Run Dovecot in the foreground of a child process; return once it listens."""
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", self.config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_listening(
            self.address, list(self.ports.values()), what="Dovecot", log=self.folder / "dovecot.log"
        )
        return self

    def stop(self) -> None:
        """End the Dovecot this object started (its master ends its own children)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


# Postfix -------------------------------------------------------------------------------

POSTFIX_MAIN = """\
compatibility_level = 3.6
queue_directory = {folder}/queue
data_directory = {folder}/data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = smtp.mail.ovh.net
mydestination =
alias_maps =
alias_database =
local_recipient_maps =
maillog_file = {folder}/postfix.log
maillog_file_prefixes = {folder}
smtpd_tls_chain_files = {key}, {cert}
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = {sasl}
"""

POSTFIX_MASTER_TAIL = """\
anvil     unix  -  -  n  -  1  anvil
tlsmgr    unix  -  -  n  1000? 1 tlsmgr
proxymap  unix  -  -  n  -  -  proxymap
rewrite   unix  -  -  n  -  -  trivial-rewrite
cleanup   unix  n  -  n  -  0  cleanup
postlog   unix-dgram n - n - 1 postlogd
"""

SUBMISSION_KINDS = {
    "smtps": "-o smtpd_tls_wrappermode=yes",
    "submission": "",
    "auth_before_tls": "-o smtpd_tls_auth_only=no",
    "plain": "-o smtpd_tls_security_level=none -o smtpd_tls_auth_only=no",
}
"""Postfix's ``smtpd`` services by kind: implicit TLS (465), STARTTLS with sign-in only after
it (587), STARTTLS that offers sign-in before it, and no TLS at all."""


class Postfix:
    """Postfix's ``smtpd`` for submission, signing in through Dovecot's auth socket.

    ``services`` maps a label to a kind of :data:`SUBMISSION_KINDS` and, optionally, another
    certificate for that port than the instance's.
    """

    def __init__(
        self, folder: Path, pair: Pair, *, sasl: Path, services: dict[str, tuple[str, Pair | None]]
    ) -> None:
        self.folder = folder
        # Beside Dovecot, so that one --resolve address serves a name of both (ssl0.ovh.net)
        self.address = "127.0.0.2"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "queue").mkdir(exist_ok=True)
        (folder / "data").mkdir(exist_ok=True)
        shutil.chown(folder / "data", "postfix")
        self.ports = {label: free_port(self.address) for label in services}
        (folder / "main.cf").write_text(
            POSTFIX_MAIN.format(folder=folder, key=pair.key, cert=pair.cert, sasl=sasl), encoding="utf-8"
        )
        lines = []
        for label, (kind, other) in services.items():
            options = SUBMISSION_KINDS[kind]
            if other is not None:
                options += f" -o smtpd_tls_chain_files={other.key},{other.cert}"
            lines.append(f"{self.address}:{self.ports[label]} inet n - n - - smtpd {options}")
        (folder / "master.cf").write_text("\n".join(lines) + "\n" + POSTFIX_MASTER_TAIL, encoding="utf-8")

    def start(self) -> Postfix:
        """Start Postfix from this folder's configuration; return once every port listens."""
        self._postfix("start")
        wait_listening(
            self.address, list(self.ports.values()), what="Postfix", log=self.folder / "postfix.log"
        )
        return self

    def stop(self) -> None:
        """Stop the Postfix of this folder (``postfix stop`` ends its master and children),
        and wait until its master is gone, so that its ports are free again."""
        pid_file = self.folder / "queue" / "pid" / "master.pid"
        pid = int(pid_file.read_text().strip()) if pid_file.exists() else None
        self._postfix("stop", check=False)
        deadline = time.monotonic() + 10
        while pid is not None and Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)

    def _postfix(self, verb: str, *, check: bool = True) -> None:
        done = subprocess.run(
            [POSTFIX, "-c", self.folder, verb], capture_output=True, text=True, timeout=30, check=False
        )
        if check and done.returncode != 0:
            log = self.folder / "postfix.log"
            text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            pytest.fail(f"postfix {verb} failed ({done.returncode}): {done.stderr}\n{text[-3000:]}")


# A server that accepts and never greets ------------------------------------------------


class Silent:
    """Accepts connections on 127.0.0.1 and never says a word; records when each was open."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.spans: list[tuple[float, float]] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def most_open(self, *, since: float, slack: float = 0.05) -> int:
        """The most connections open at once since ``since`` (``time.monotonic``). A close
        is seen here a moment after the client closed: ``slack`` forgives that moment."""
        with self._lock:
            spans = [(s, e - slack) for s, e in self.spans if s >= since]
        events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
        most = now = 0
        for _, step in events:
            now += step
            most = max(most, now)
        return most

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._hold, args=(conn, time.monotonic()), daemon=True).start()

    def _hold(self, conn: socket.socket, opened: float) -> None:
        with conn:
            try:
                while conn.recv(4096):
                    pass  # a TLS ClientHello or a command: never answered
            except OSError:
                pass
        with self._lock:
            self.spans.append((opened, time.monotonic()))

    def stop(self) -> None:
        """Stop accepting; connections still open end with the test process."""
        self.listener.close()
