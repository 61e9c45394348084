"""The entries' facets as small integers, which counting a large result groups by: grouping 16,000 matches
by strings ("фонд") costs several times what grouping them by integers does.

An entry's `facet_key` is `(country * KINDS + kind) * 2 + verified`, from the codes of its country and
kind; its `language_bits` and `theme_bits` have bit n set for the language or broad area of code n. The
codes are rows of `SearchCode`, numbered by the index write that first meets a value and never changed
until a rebuild numbers the values in use afresh (`clear`): a new theme or country shifts no other bit.
Counting reads the codes in its own statement (`CODES_SQL`), so decoding costs no query.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from birge.orgs.search.entries import Document
from birge.orgs.search.facets import FACETS

KINDS = 64  # kind codes are below this
# Codes of each facet are below these: a set facet is a bit of a signed 64-bit integer, not its sign.
LIMITS = {"country": 2**31 // (KINDS * 2), "kind": KINDS, "language": 63, "theme": 63}
SETS = {"languages": "language", "themes": "theme"}  # the entry's set columns and their facets

# Rows (facet, code, NULL, value, NULL) to append to a counting statement whose rows are (group, integer
# facet, count, NULL, NULL): see `decode`, which reads the first four columns.
CODES_SQL = "SELECT facet, code, NULL, value, NULL FROM orgs_searchcode"


class _Numbering:
    def __init__(self, cursor) -> None:
        cursor.execute("SELECT facet, value, code FROM orgs_searchcode")
        self.codes: dict[str, dict[str, int]] = {facet: {} for facet in LIMITS}
        for facet, value, code in cursor.fetchall():
            self.codes[facet][value] = code
        self.new: list[tuple[str, str, int]] = []

    def __call__(self, facet: str, value: str) -> int:
        numbered = self.codes[facet]
        if value not in numbered:
            code = max(numbered.values(), default=-1) + 1
            if code >= LIMITS[facet]:
                raise OverflowError(f"The search index counts at most {LIMITS[facet]} values of {facet}.")
            numbered[value] = code
            self.new.append((facet, value, code))
        return numbered[value]

    def bits(self, facet: str, values: Iterable[str]) -> int:
        return sum(1 << self(facet, value) for value in set(values))


def assign(cursor, documents: list[Document]) -> None:
    """Give each document's entry its integer facets, numbering the values met for the first time. Inside
    the index write's transaction, under the writers' lock (`counting.Tally.begin`), so that two writers
    never number two values alike."""
    if not documents:
        return
    code = _Numbering(cursor)
    for document in documents:
        entry = document.entry
        packed = code("country", entry["country"]) * KINDS + code("kind", entry["kind"])
        entry["facet_key"] = packed * 2 + int(bool(entry["verified"]))
        entry["language_bits"] = code.bits("language", entry["languages"].split())
        entry["theme_bits"] = code.bits("theme", entry["themes"].split())
    if code.new:
        cursor.executemany("INSERT INTO orgs_searchcode (facet, value, code) VALUES (%s, %s, %s)", code.new)


def clear(cursor) -> None:
    """Forget every code: for a rebuild, which has just emptied the index."""
    cursor.execute("DELETE FROM orgs_searchcode")


def decode(rows: Iterable[tuple[str, int, int | None, str | None]]) -> dict[str, Counter]:
    """Counts of each facet value (as `facets.decode` gives them) from rows ("key", facet_key, count,
    NULL), ("languages" or "themes", bits, count, NULL) and the codes (facet, code, NULL, value)."""
    rows = list(rows)
    values: dict[str, dict[int, str]] = {facet: {} for facet in LIMITS}
    for facet, code, count, value in rows:
        if count is None:
            values[facet][int(code)] = value
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    for group, number, count, _value in rows:
        if count is None:
            continue
        number, count = int(number), int(count)
        if group == "key":
            packed, verified = divmod(number, 2)
            country, kind = divmod(packed, KINDS)
            counts["country"][values["country"][country]] += count
            counts["kind"][values["kind"][kind]] += count
            counts["verified"]["1" if verified else "0"] += count
            continue
        facet = SETS[group]
        while number:
            lowest = number & -number
            counts[facet][values[facet][lowest.bit_length() - 1]] += count
            number ^= lowest
    return counts
