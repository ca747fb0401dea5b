"""`mtqe corpus --gate --junit PATH`: JUnit XML that CI test reporters read.

The report is parsed back and checked against the conventions Jenkins (Ant/Surefire schema),
GitLab (classname + name as the key, the element text shown) and the GitHub reporters share:
a schema written here for that subset, validated with lxml, plus the content item by item.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqe.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
REF = "Guan Heng arrived in Boston on Monday. He met 12 officials. The talks lasted three hours. Everyone agreed."
CAND = "Kwan Heng arrives in Boston on Monday. He met 21 officials. The talks lasted three hours. Everyone agreed."
NASTY_ID = 'x<y>&"z" \x01 ]]>'

# The subset of the Ant/Surefire JUnit schema the reporters parse (required attributes as there).
SCHEMA = """<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:simpleType name="seconds"><xs:restriction base="xs:string">
    <xs:pattern value="[0-9]+(\\.[0-9]{1,3})?"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="count"><xs:restriction base="xs:nonNegativeInteger"/></xs:simpleType>
  <xs:complexType name="problem" mixed="true">
    <xs:attribute name="type" type="xs:string"/><xs:attribute name="message" type="xs:string"/>
  </xs:complexType>
  <xs:element name="testsuites"><xs:complexType><xs:sequence>
    <xs:element name="testsuite" maxOccurs="unbounded"><xs:complexType><xs:sequence>
      <xs:element name="properties" minOccurs="0"><xs:complexType><xs:sequence>
        <xs:element name="property" maxOccurs="unbounded"><xs:complexType>
          <xs:attribute name="name" type="xs:string" use="required"/>
          <xs:attribute name="value" type="xs:string" use="required"/>
        </xs:complexType></xs:element>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="testcase" minOccurs="0" maxOccurs="unbounded"><xs:complexType>
        <xs:choice minOccurs="0">
          <xs:element name="failure" type="problem"/><xs:element name="error" type="problem"/>
        </xs:choice>
        <xs:attribute name="name" type="xs:string" use="required"/>
        <xs:attribute name="classname" type="xs:string" use="required"/>
        <xs:attribute name="time" type="seconds"/>
      </xs:complexType></xs:element>
    </xs:sequence>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="tests" type="count" use="required"/>
      <xs:attribute name="failures" type="count" use="required"/>
      <xs:attribute name="errors" type="count" use="required"/>
      <xs:attribute name="skipped" type="count"/>
      <xs:attribute name="time" type="seconds"/>
      <xs:attribute name="timestamp" type="xs:dateTime"/>
      <xs:attribute name="hostname" type="xs:string"/>
    </xs:complexType></xs:element>
  </xs:sequence>
    <xs:attribute name="name" type="xs:string"/><xs:attribute name="time" type="seconds"/>
    <xs:attribute name="tests" type="count"/><xs:attribute name="failures" type="count"/>
    <xs:attribute name="errors" type="count"/>
  </xs:complexType></xs:element>
</xs:schema>
"""


def _corpus(*args: str):
    return CliRunner().invoke(app, ["corpus", *args])


def _validate(path: Path) -> ET.Element:
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.fromstring(SCHEMA.encode()))
    doc = etree.parse(str(path))
    assert schema.validate(doc), schema.error_log
    return ET.parse(path).getroot()


@pytest.fixture()
def manifest(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "orig.txt").write_text((SEEDS / "original.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "copy.txt").write_text((SEEDS / "roundtrip.txt").read_text(encoding="utf-8"), encoding="utf-8")
    rows = [
        {"id": "seed", "reference": "docs/orig.txt", "candidate": "docs/copy.txt"},
        {"id": "same", "reference_text": REF, "candidate_text": REF},
        {"id": "missing", "reference": "docs/nope.txt", "candidate": "docs/copy.txt"},
        {"id": NASTY_ID, "reference_text": REF, "candidate_text": CAND},
    ]
    m = tmp_path / "news.v2.jsonl"
    m.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return m


def _cases(root: ET.Element) -> dict[str, ET.Element]:
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    names = [c.get("name") for c in cases]
    assert len(names) == len(set(names))
    return {c.get("name"): c for c in cases}


def test_junit_has_a_case_per_item_with_failures_and_errors(manifest, tmp_path):
    out, junit = tmp_path / "out.jsonl", tmp_path / "reports" / "mtqe.xml"
    junit.parent.mkdir()
    res = _corpus(str(manifest), "-o", str(out), "-j", "1", "--gate", "--junit", str(junit))
    assert res.exit_code == 1, res.output
    root = _validate(junit)
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == ("4", "2", "1", "0")
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    cases = _cases(root)
    nasty = NASTY_ID.replace("\x01", "\\x01")  # a control character XML 1.0 cannot hold at all
    assert set(cases) == {"seed", "same", "missing", nasty}
    assert {c.get("classname") for c in cases.values()} == {"mtqe.news_v2"}
    assert all(re.fullmatch(r"\d+\.\d{3}", c.get("time")) for c in cases.values())

    assert list(cases["same"]) == []  # passed: no child element
    (failure,) = list(cases["seed"])
    assert failure.tag == "failure" and failure.get("type") == "gate"
    reasons = next(json.loads(line) for line in out.read_text().splitlines() if '"id":"seed"' in line)["report"]["verdict"]["reasons"]
    assert failure.text.splitlines() == reasons and failure.get("message") == "; ".join(reasons)
    assert any('"Guan" -> "Kwan"' in r for r in reasons)
    (error,) = list(cases["missing"])
    assert error.tag == "error" and error.get("type") == "InputError"
    assert "nope.txt" in error.get("message") and error.text == error.get("message")
    assert [child.tag for child in cases[nasty]] == ["failure"]

    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["options.metrics"] == '["bleu", "chrf"]' and props["gate.min_chrf"] == "80.0"
    assert props["mtqe"] and suite.get("name") == "mtqe corpus news.v2.jsonl"


def test_junit_after_resume_covers_every_item(manifest, tmp_path):
    rows = manifest.read_text(encoding="utf-8").splitlines()
    half = tmp_path / "half.jsonl"
    half.write_text(rows[1] + "\n" + rows[2] + "\n", encoding="utf-8")
    out, junit = tmp_path / "out.jsonl", tmp_path / "j.xml"
    assert _corpus(str(half), "-o", str(out), "-j", "1", "-q", "--gate").exit_code == 1  # "missing" is an error
    res = _corpus(str(manifest), "-o", str(out), "-j", "1", "--gate", "--resume", "--junit", str(junit))
    assert res.exit_code == 1 and "2 skipped" in res.output
    cases = _cases(_validate(junit))
    assert len(cases) == 4
    # resumed items were timed by the earlier run: no time here
    assert cases["same"].get("time") is None and cases["missing"].get("time") is None
    assert cases["seed"].get("time") is not None
    assert [c.tag for c in cases["missing"]] == ["error"] and [c.tag for c in cases["seed"]] == ["failure"]


def test_junit_of_a_passing_run_is_clean(tmp_path):
    m = tmp_path / "m.csv"
    m.write_text(f'id,reference_text,candidate_text\na,"{REF}","{REF}"\nb,"{CAND}","{CAND}"\n', encoding="utf-8")
    junit = tmp_path / "j.xml"
    res = _corpus(str(m), "-o", str(tmp_path / "o.jsonl"), "-j", "1", "-q", "--gate", "--junit", str(junit))
    assert res.exit_code == 0, res.output
    root = _validate(junit)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "0", "0")
    assert all(list(c) == [] for c in _cases(root).values())


@pytest.mark.parametrize("args, expected", [
    ([], "--junit needs --gate"),
    (["--gate", "--scheduler", "nowhere"], "scheduler: 'nowhere'"),
])
def test_junit_usage_errors_write_nothing(manifest, tmp_path, args, expected):
    out, junit = tmp_path / "out.jsonl", tmp_path / "j.xml"
    res = _corpus(str(manifest), "-o", str(out), "--junit", str(junit), *args)
    assert res.exit_code == 2 and res.output.strip().splitlines() == [f"mtqe: error: {res.output.strip()[13:]}"]
    assert expected in res.output
    assert not out.exists() and not junit.exists()


def test_junit_into_a_missing_directory_is_refused_before_the_run(manifest, tmp_path):
    out = tmp_path / "out.jsonl"
    res = _corpus(str(manifest), "-o", str(out), "--gate", "--junit", str(tmp_path / "no" / "j.xml"))
    assert res.exit_code == 2 and "junit:" in res.output and "no such directory" in res.output
    assert not out.exists()
