"""The probe: every endpoint of the data, connected to as a mail client would, judged.

The checker proves that pages agree with the data; nothing proved that the data agrees
with the servers (the data once said port 587 had no encryption, and seven languages
repeated it). The probe closes that loop in four small steps, each a module:

- :mod:`~mailhelp.probe.targets`: what to connect to, from the data (each host and alias
  once per port; per-customer hosts skipped, since no one number stands for them);
- :mod:`~mailhelp.probe.channel`: a connection with bounded reads and a deadline, so that
  a server that never answers costs at most the timeout;
- :mod:`~mailhelp.probe.dialogues`: the few IMAP, POP3 and SMTP commands a client sends
  before it signs in (greeting, capabilities, STARTTLS), and :mod:`~mailhelp.probe.tls`;
- :mod:`~mailhelp.probe.observe` records what a server did, and
  :mod:`~mailhelp.probe.judge` compares that with what the data says, as pure functions.

:func:`~mailhelp.probe.run.probe` ties them together under a run-wide time limit and a
small number of connections at once. Only the standard library is used, and the probe
connects to nothing but the data's hosts or the addresses a ``resolve`` mapping gives.
"""

from __future__ import annotations

from mailhelp.probe.judge import FAILING, OK, SKIPPED, UNREACHABLE, WARNING, WRONG, Result
from mailhelp.probe.run import Options, probe
from mailhelp.probe.targets import Target, targets_of

__all__ = [
    "FAILING",
    "OK",
    "SKIPPED",
    "UNREACHABLE",
    "WARNING",
    "WRONG",
    "Options",
    "Result",
    "Target",
    "probe",
    "targets_of",
]
