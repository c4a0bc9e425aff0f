"""Filter strings for registry searches, compiled to a parametrised SQL condition.

    filter := clause (AND clause)*
    clause := field op value  |  field IN (value, value, ...)
    field  := a name the search offers (`name`, `run_id`, ...) | tags.KEY | tags.`ANY KEY`
    op     := = != <> LIKE ILIKE on text; = != <> < <= > >= on numbers
    value  := 'text' | "text" (a quote inside is doubled) | an integer for number fields

Keywords take any case. `LIKE` is case-sensitive and `ILIKE` is not; in both, `%` matches any
run of characters and `_` one character. Values only ever reach SQL as parameters.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NoReturn

from hintsig.exceptions import HintsigException

__all__ = ["FilterField", "SqlFilter", "compile_filter", "install_sql_functions"]


@dataclass(frozen=True)
class FilterField:
    """A field a search offers: the SQL column it reads and whether it holds integers."""

    column: str
    integer: bool = False


@dataclass(frozen=True)
class SqlFilter:
    """A SQL condition (`where`) and the values for its `?` placeholders."""

    where: str
    params: tuple[object, ...]


_TOKEN = re.compile(
    r"""\s*(?:
      (?P<string>'(?:[^']|'')*'|"(?:[^"]|"")*")
    | (?P<number>-?\d+)
    | (?P<op>!=|<>|<=|>=|=|<|>)
    | (?P<punct>[(),])
    | (?P<tag>tags\.(?:`[^`]+`|[\w.-]+))
    | (?P<word>[A-Za-z_]\w*)
    )""",
    re.VERBOSE,
)

_TEXT_OPS = ("=", "!=", "<>", "LIKE", "ILIKE", "IN")
_NUMBER_OPS = ("=", "!=", "<>", "<", "<=", ">", ">=", "IN")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    pos: int

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def compile_filter(
    filter_string: str | None, fields: Mapping[str, FilterField], tag_exists: str
) -> SqlFilter:
    """The SQL condition for `filter_string` (all rows for None or blank).

    `tag_exists` is an SQL condition with a `?` for the tag key and `{value}` where the
    condition on the tag's value (column `t.value`) goes.
    """
    if filter_string is None:
        return SqlFilter("1", ())
    if not isinstance(filter_string, str):
        raise HintsigException(f"A filter string must be a str, got {type(filter_string).__name__}")
    if not filter_string.strip():
        return SqlFilter("1", ())
    return _Parser(_tokenize(filter_string), fields, tag_exists).parse()


def install_sql_functions(conn: sqlite3.Connection) -> None:
    """Register the SQL functions compiled filters call (`hintsig_like`)."""
    conn.create_function("hintsig_like", 3, _like, deterministic=True)


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    end = len(text.rstrip())
    while pos < end:
        match = _TOKEN.match(text, pos)
        if match is None or match.lastgroup is None:
            start = len(text) - len(text[pos:].lstrip())
            _fail("unexpected character or unclosed quote", start)
        tokens.append(
            _Token(match.lastgroup, match.group(match.lastgroup), match.start(match.lastgroup))
        )
        pos = match.end()
    return tokens


class _Parser:
    def __init__(
        self, tokens: list[_Token], fields: Mapping[str, FilterField], tag_exists: str
    ) -> None:
        self._tokens = tokens
        self._index = 0
        self._fields = fields
        self._tag_exists = tag_exists

    def parse(self) -> SqlFilter:
        conditions: list[str] = []
        params: list[object] = []
        while True:
            condition, values = self._clause()
            conditions.append(condition)
            params.extend(values)
            token = self._take()
            if token is None:
                return SqlFilter(" AND ".join(conditions), tuple(params))
            if token.keyword == "OR":
                _fail("OR is not supported; combine conditions with AND", token.pos)
            if token.keyword != "AND":
                _fail("expected AND between two conditions", token.pos)

    def _clause(self) -> tuple[str, list[object]]:
        field = self._expect("a field name")
        if field.kind == "tag":
            key = field.text[len("tags.") :].strip("`")
            condition, values = self._comparison(FilterField("t.value"), field.text)
            return self._tag_exists.format(value=condition), [key, *values]
        if field.kind != "word" or field.text not in self._fields:
            known = ", ".join([*self._fields, "tags.<key>"])
            shown = f" {field.text!r}" if field.kind == "word" else ""
            _fail(f"unknown field{shown}; expected one of: {known}", field.pos)
        return self._comparison(self._fields[field.text], field.text)

    def _comparison(self, field: FilterField, label: str) -> tuple[str, list[object]]:
        token = self._expect("an operator")
        op = token.text if token.kind == "op" else token.keyword
        allowed = _NUMBER_OPS if field.integer else _TEXT_OPS
        if op not in allowed:
            _fail(f"field {label!r} takes the operators {', '.join(allowed)}", token.pos)
        if op == "IN":
            values = self._value_list(field, label)
            marks = ", ".join("?" * len(values))
            return f"{field.column} IN ({marks})", values
        value = self._value(field, label)
        if op in ("LIKE", "ILIKE"):
            return f"hintsig_like({field.column}, ?, {int(op == 'LIKE')})", [value]
        if op in ("!=", "<>"):
            return f"{field.column} IS NOT ?", [value]
        return f"{field.column} {op} ?", [value]

    def _value_list(self, field: FilterField, label: str) -> list[object]:
        self._punct("(")
        values = [self._value(field, label)]
        while self._punct(",", ")") == ",":
            values.append(self._value(field, label))
        return values

    def _value(self, field: FilterField, label: str) -> object:
        token = self._expect("a value")
        if field.integer and token.kind == "number":
            number = int(token.text)
            if not -(2**63) <= number < 2**63:
                _fail(f"the number for field {label!r} is out of range", token.pos)
            return number
        if not field.integer and token.kind == "string":
            quote = token.text[0]
            return token.text[1:-1].replace(quote * 2, quote)
        wanted = "an integer" if field.integer else "a quoted string"
        _fail(f"field {label!r} needs {wanted}", token.pos)

    def _punct(self, *allowed: str) -> str:
        token = self._expect(" or ".join(repr(p) for p in allowed))
        if token.kind != "punct" or token.text not in allowed:
            _fail(f"expected {' or '.join(repr(p) for p in allowed)}", token.pos)
        return token.text

    def _take(self) -> _Token | None:
        if self._index == len(self._tokens):
            return None
        token = self._tokens[self._index]
        self._index += 1
        return token

    def _expect(self, what: str) -> _Token:
        token = self._take()
        if token is None:
            _fail(f"the filter ends where {what} should follow", None)
        return token


def _fail(message: str, pos: int | None) -> NoReturn:
    where = "" if pos is None else f" at character {pos + 1}"
    raise HintsigException(f"Invalid filter string{where}: {message}")


def _like(value: object, pattern: object, case_sensitive: int) -> int:
    if not isinstance(value, str) or not isinstance(pattern, str):
        return 0
    return int(_like_regex(pattern, bool(case_sensitive)).fullmatch(value) is not None)


@functools.lru_cache(maxsize=256)
def _like_regex(pattern: str, case_sensitive: bool) -> re.Pattern[str]:
    regex = "".join(
        ".*" if char == "%" else "." if char == "_" else re.escape(char) for char in pattern
    )
    return re.compile(regex, re.DOTALL if case_sensitive else re.DOTALL | re.IGNORECASE)
