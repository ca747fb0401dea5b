"""JUnit XML for CI: one ``testcase`` per item of a gated run, as Jenkins, GitLab and GitHub read it.

Layout (the common subset of the Ant/Surefire schema those reporters parse)::

    <testsuites name tests failures errors time>
      <testsuite name tests failures errors skipped time timestamp hostname>
        <properties>  the run's fingerprint: mtqe version, options, gate thresholds
        <testcase classname="mtqe.<manifest>" name="<item id>" time="s">
          (nothing)                                   the item passed the gate
          <failure type="gate" message="r1; r2">r1\\nr2</failure>   it failed: every reason
          <error type="InputError" message="...">...</error>      it could not be scored

GitLab keys a test on classname + name and shows the element's text, Jenkins the message and the
text, so both carry the reasons. Items are added as they finish and spooled to a temporary file,
so memory does not grow with the corpus; the counts go in the root attributes when it is written.
Everything goes through xml.etree (escaped), and characters XML 1.0 cannot carry at all (control
characters, lone surrogates) are written as ``\\xNN`` first.
"""

from __future__ import annotations

import os
import re
import socket
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import InputError
from .item import Outcome

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PLACEHOLDER = "mtqe-testcases"


def xml_text(value: Any) -> str:
    """``value`` as text XML 1.0 can hold (escaping of <, & and quotes is left to etree)."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))


def _attrs(**kw: Any) -> dict[str, str]:
    return {k: xml_text(v) for k, v in kw.items() if v is not None}


def _seconds(s: float) -> str:
    return f"{s:.3f}"  # Surefire's time pattern: plain decimal seconds, no exponent


class JUnitReport:
    """A JUnit XML report built one outcome at a time; ``write(path)`` at the end, ``close()`` always."""

    def __init__(self, suite: str, classname: str, properties: Mapping[str, Any] | None = None):
        self.suite, self.classname = suite, classname
        self.properties = dict(properties or {})
        self.tests = self.failures = self.errors = 0
        self._start = time.perf_counter()
        self._timestamp = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None).isoformat()
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")

    def add(self, outcome: Outcome) -> None:
        case = ET.Element("testcase", _attrs(
            classname=self.classname, name=outcome.id,
            time=None if outcome.seconds is None else _seconds(outcome.seconds)))
        self.tests += 1
        if outcome.error is not None:
            etype, message = outcome.error
            ET.SubElement(case, "error", _attrs(type=etype, message=message)).text = xml_text(message)
            self.errors += 1
        elif outcome.passed is False:
            reasons = outcome.reasons or ("the gate failed",)
            ET.SubElement(case, "failure", _attrs(type="gate", message="; ".join(reasons))).text = \
                xml_text("\n".join(reasons))
            self.failures += 1
        self._spool.write("    " + ET.tostring(case, encoding="unicode") + "\n")

    def write(self, path: str | Path) -> None:
        """Write the report (atomically: a reader never sees half a file)."""
        counts = dict(tests=self.tests, failures=self.failures, errors=self.errors)
        elapsed = _seconds(time.perf_counter() - self._start)
        root = ET.Element("testsuites", _attrs(name="mtqe", time=elapsed, **counts))
        suite = ET.SubElement(root, "testsuite", _attrs(
            name=self.suite, skipped=0, time=elapsed, timestamp=self._timestamp,
            hostname=socket.gethostname() or "localhost", **counts))
        if self.properties:
            props = ET.SubElement(suite, "properties")
            for name, value in self.properties.items():
                ET.SubElement(props, "property", _attrs(name=name, value=value))
        ET.SubElement(suite, _PLACEHOLDER)
        ET.indent(root, space="  ")
        head, tail = ET.tostring(root, encoding="unicode").split(f"    <{_PLACEHOLDER} />\n")
        p = Path(path)
        tmp = p.with_name(f".{p.name}.tmp")
        try:
            with tmp.open("w", encoding="utf-8") as fh:
                fh.write('<?xml version="1.0" encoding="UTF-8"?>\n' + head)
                self._spool.seek(0)
                for line in self._spool:
                    fh.write(line)
                fh.write(tail + "\n")
            os.replace(tmp, p)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise InputError(f"{p}: cannot write the JUnit report ({e.strerror})") from None

    def close(self) -> None:
        self._spool.close()

    def __enter__(self) -> "JUnitReport":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def properties(stamp: Mapping[str, Any]) -> dict[str, str]:
    """A fingerprint as flat ``name -> value`` JUnit properties (``options.metrics``, ``gate.min_chrf``...);
    unset values (``null``) are left out."""
    import json

    out: dict[str, str] = {}

    def flat(prefix: str, value: Any) -> None:
        if isinstance(value, Mapping):
            for k, v in value.items():
                flat(f"{prefix}.{k}" if prefix else str(k), v)
        elif value is not None:
            out[prefix] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    flat("", stamp)
    return out
