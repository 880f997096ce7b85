"""Preparations kept in the knowledge base (``names.stored``) must read back as the very
subjects ``prepare`` gives, in whatever order the names come, and screening must give
the same results from them as from preparing the records again."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from tests.names.test_align import NAMES

from sanctiongap.match import MatchSubject, PreparedSubject, compare, prepare
from sanctiongap.model import Identifier
from sanctiongap.names import stored
from sanctiongap.names.form import NameForm
from sanctiongap.names.subject import for_cache
from sanctiongap.resolve_pool import prepare_stored
from sanctiongap.screen import Screener
from sanctiongap.screen_io import make_row

SUBJECTS = [
    MatchSubject(schema="Company", names=["Sinno Electronics Co., Ltd.", "信諾電子科技有限公司",
                                          "SINNO ELECTRONICS CO LTD", "Sinno Electronics"],
                 countries=["hk", "cn"], key="a",
                 identifiers=[Identifier("uscc", "91440300769188559R"),
                              Identifier("registration", "1401029", "hk")],
                 addresses=["Room 1203, 12/F, Kowloon Bay Industrial Centre, 15 Wang Hoi Road"]),
    MatchSubject(schema="Person", names=["Karimov Muhammad Yusuf", "Мухаммад Каримов", "王小明"],
                 birth_dates=["1970-01-02"], countries=["uz"], key="b"),
    MatchSubject(schema="Company", names=["深圳市亿路发科技有限公司", "Shenzhen Yilufa Technology"],
                 key="c"),
    MatchSubject(schema="Vessel", names=["OCEAN STAR"], identifiers=[Identifier("imo", "9187629")],
                 key="d"),
    *(MatchSubject(names=[name], key=f"n{i}") for i, name in enumerate(NAMES)),
]


def _stored(subject: MatchSubject) -> tuple[PreparedSubject, str]:
    prepared, text = prepare_stored(subject)
    assert text is not None, subject.names
    return prepared, text


@pytest.mark.parametrize("subject", SUBJECTS, ids=lambda s: s.names[0][:20])
def test_stored_preparation_reads_back_as_prepared(subject: MatchSubject) -> None:
    prepared, text = _stored(subject)
    back = stored.decode(text, subject.key or "", subject.names)
    assert stored.same(back, prepared)
    assert back.forms == prepared.forms and back.forms  # NameForm compares every field
    assert back.subject.schema == subject.schema
    assert back.subject.birth_dates == subject.birth_dates
    # The screener's cache lightens both alike, and they compare alike with anything.
    query = prepare(MatchSubject(names=[subject.names[0].lower()]))
    expected = compare(query, for_cache(prepared))
    got = compare(query, for_cache(back))
    assert (got.score, got.explanation()) == (expected.score, expected.explanation())


def test_names_in_another_order_give_what_preparing_them_in_that_order_gives() -> None:
    # Three names with the same rendering: the first one's original is kept.
    names = ["ACME Trading LLC", "Acme Trading, LLC", "ACME TRADING L.L.C.", "Acme Holdings"]
    _, text = _stored(MatchSubject(names=names, key="k"))
    for order in (names, names[::-1], names[1:] + names[:1]):
        expected = prepare(MatchSubject(names=order))
        back = stored.decode(text, "k", order)
        assert stored.same(back, expected)
        assert [f.original for f in back.forms] == [f.original for f in expected.forms]
    assert {f.original for f in stored.decode(text, "k", names[::-1]).forms} != {
        f.original for f in stored.decode(text, "k", names).forms}
    # Without names (a record without names rows), the names as they were prepared.
    assert stored.same(stored.decode(text, "k"), prepare(MatchSubject(names=names)))
    with pytest.raises(KeyError):
        stored.decode(text, "k", ["Acme Unknown Name"])


def test_tokens_not_made_from_kind_and_text_are_written_whole() -> None:
    # Chinese brands carry their readings and Chinese tokens their pieces: not what
    # Token.make gives from the text, so they are written with all their fields.
    prepared, text = _stored(SUBJECTS[2])
    assert '"*[' in text
    whole = [t for f in prepared.forms for t in f.tokens if t.pieces is not None]
    assert whole
    back = stored.decode(text, "c", SUBJECTS[2].names)
    assert [t for f in back.forms for t in f.tokens if t.pieces is not None] == whole


def test_a_preparation_that_would_not_read_back_is_not_stored() -> None:
    prepared = prepare(MatchSubject(names=["Sinno Electronics"]))
    others: dict[str, list[NameForm]] = {}
    prepare(MatchSubject(names=["Sinno Electronics"]), others)
    assert stored.encode(prepared, others) is not None
    # Forms of another name under this one: reading back would give other forms.
    wrong = {"Sinno Electronics": prepare(MatchSubject(names=["Tordan Industry"])).forms}
    assert stored.encode(prepared, {k: list(v) for k, v in wrong.items()}) is None


def test_stamp_covers_the_code_that_prepares_and_not_the_matching() -> None:
    names = {p.name for p in stored.preparing_modules()}
    assert {"subject.py", "normalise.py", "tokens.py", "chinese.py", "cedict.py", "form.py",
            "identifiers.py", "stored.py"} <= names
    assert not names & {"align.py", "bounds.py", "screening.py", "index.py", "scoring.py",
                        "match.py"}
    assert stored.stamp() == stored.stamp() and len(stored.stamp()) == 32


def test_screening_reads_stored_preparations_and_finds_the_same(
        bundled_kb_path: Path) -> None:
    con = duckdb.connect(str(bundled_kb_path), read_only=True)
    try:
        count, written = con.execute(
            "SELECT count(*), count(data) FROM prepared_names").fetchall()[0]
        assert count == con.execute("SELECT count(*) FROM records").fetchall()[0][0]
        assert written > 0.99 * count
        rows = [make_row(i, name, None, None, None) for i, name in enumerate([
            "Sinno Electronics Limited", "深圳市亿路发科技有限公司", "Радиоавтоматика",
            "Tordan Industry Ltd", "Alpha Trading Investments", "Asia Pacific Links"])]
        reading = Screener(con, cutoff=0.6)
        assert reading._stored
        preparing = Screener(con, cutoff=0.6)
        preparing._stored = False  # as under another code's stamp
        for got, expected in zip(reading.screen_rows(rows), preparing.screen_rows(rows),
                                 strict=True):
            assert [h.as_yente() for h in got.hits] == [h.as_yente() for h in expected.hits]
            assert [h.matched_record for h in got.hits] == [
                h.matched_record for h in expected.hits]
        assert any(r.hits for r in reading.screen_rows(rows))
    finally:
        con.close()
