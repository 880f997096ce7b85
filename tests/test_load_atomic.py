"""A failed load leaves the previous knowledge base intact, and says why."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from sanctiongap import bundle
from sanctiongap.cli import app
from sanctiongap.errors import SourceError
from sanctiongap.load import SourceSpec, build
from sanctiongap.sources.base import read_bytes

CONS = bundle.data_dir() / "us" / "ofac" / "cons_2025-12"
runner = CliRunner()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def good_kb(tmp_path: Path) -> Path:
    target = tmp_path / "kb.duckdb"
    result = runner.invoke(app, ["load", str(CONS), "--kb", str(target)])
    assert result.exit_code == 0, result.output
    return target


def _count(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM records").fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0])


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, a phrase the error must contain)."""
    sdn_lines = (bundle.data_dir() / "us/ofac/sdn_2023-12-28/sdn.csv.gz")
    head = read_bytes(sdn_lines).split(b"\n")[:40]
    truncated = tmp / "trunc" / "sdn.csv"
    truncated.parent.mkdir()
    truncated.write_bytes(b"\n".join(head) + b"\n" + head[40 - 1][:25])
    empty = tmp / "empty.csv"
    empty.write_bytes(b"")
    unknown = tmp / "notes.txt"
    unknown.write_text("just some text\nnot a list\n")
    xxe = tmp / "xxe.xml"
    xxe.write_text('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   '<Designations><Designation>&x;</Designation></Designations>')
    bomb = tmp / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><export>&b;</export>')
    utf16 = tmp / "utf16" / "sdn.csv"
    utf16.parent.mkdir()
    utf16.write_bytes(b"\n".join(head).decode("cp1252").encode("utf-16"))
    return {
        "truncated": (truncated, "trunc/sdn.csv"),
        "empty": (empty, "empty"),
        "unknown": (unknown, "unrecognised format"),
        "xxe": (xxe, "refused"),
        "bomb": (bomb, "refused"),
        "utf16": (utf16, "sdn.csv"),
    }


@pytest.mark.parametrize("case", ["truncated", "empty", "unknown", "xxe", "bomb", "utf16"])
def test_bad_input_fails_clearly_and_keeps_the_previous_kb(
        good_kb: Path, tmp_path: Path, case: str) -> None:
    before, count = _digest(good_kb), _count(good_kb)
    bad, phrase = _bad_files(tmp_path)[case]
    result = runner.invoke(app, ["load", str(bad), "--kb", str(good_kb), "--no-bounds"])
    assert result.exit_code != 0
    assert phrase in result.output, result.output
    assert _digest(good_kb) == before and _count(good_kb) == count
    assert not list(good_kb.parent.glob("*.building-*"))


def test_sanity_bounds_catch_a_half_file(good_kb: Path, tmp_path: Path) -> None:
    half = tmp_path / "cons_2025-12"
    half.mkdir()
    lines = read_bytes(CONS / "cons_prim.csv.gz").split(b"\n")
    (half / "cons_prim.csv").write_bytes(b"\n".join(lines[:20]) + b"\n")
    result = runner.invoke(app, ["load", str(half), "--kb", str(good_kb)])
    assert result.exit_code != 0
    assert "sanity bounds" in result.output


def test_interrupted_load_leaves_previous_kb(good_kb: Path) -> None:
    before = _digest(good_kb)

    def interrupt(_con: object) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build([SourceSpec(CONS)], good_kb, resolve=interrupt)
    assert _digest(good_kb) == before
    assert not list(good_kb.parent.glob("*.building-*"))


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(SourceError, match="over the 1,024-byte limit"):
        read_bytes(big, max_bytes=1024)


def test_export_is_read_back_by_followthemoney(good_kb: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.ftm.json"
    result = runner.invoke(app, ["export", "--format", "ftm", "--out", str(out),
                                 "--kb", str(good_kb)])
    assert result.exit_code == 0, result.output
    script = ("import sys, json\nfrom followthemoney import model\nn = 0\n"
              "for line in open(sys.argv[1]):\n"
              "    e = model.get_proxy(json.loads(line), cleaned=False)\n"
              "    assert e.id and e.schema\n    n += 1\nprint(n)\n")
    check = subprocess.run([sys.executable, "-c", script, str(out)], capture_output=True,
                           text=True, check=False)
    assert check.returncode == 0, check.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert int(check.stdout) == len(lines) == 2 * _count(good_kb)
    sanctions = [json.loads(x) for x in lines if '"schema": "Sanction"' in x]
    assert sanctions and all(s["properties"]["entity"] for s in sanctions)


def test_kb_env_var_and_missing_kb_message(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    result = runner.invoke(app, ["info"], env={"SANCTIONGAP_KB": str(missing)})
    assert result.exit_code != 0
    assert "no knowledge base" in result.output
