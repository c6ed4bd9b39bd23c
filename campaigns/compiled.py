"""Queries compiled once per process.

Django builds and compiles a queryset's SQL each time it is evaluated: for a query of a few joins, annotations
and an ORDER BY that is 0.5–1 ms, as long as PostgreSQL takes to run it over a province's rows. A `Compiled`
keeps the SQL of a queryset's *shape*, built once with stand-in values (`stand_in(n)`) where calls differ (a
campaign's id, an award kind's id), and runs it again with the real values, its rows converted as values_list()
converts them (SQLite's decimals, booleans and dates). Only for querysets whose SQL depends on nothing but the
stand-ins: the caller keys its cache by everything else the shape depends on.
"""

from __future__ import annotations

from django.db import connections

# Stand-ins are integers within the range of every integer column, the smallest included (Django drops a lookup
# whose value lies outside its field's range: a negative one on a positive field, 40,000 on a small one), told
# from the query's other parameters (the shape's constants: states, targets, thresholds) by value and type. Only
# stand-ins may be ids or counts in the query built for compiling.
_BASE = 32_000


def stand_in(n: int) -> int:
    """The n-th stand-in value (0, 1, ...) for an integer parameter of a compiled query."""
    return _BASE + n


class Compiled:
    """The SQL of `queryset` (a values_list() queryset), its parameters with `names[i]` where the query had
    `stand_in(i)`, and the converters of its columns."""

    def __init__(self, queryset, *names: str):
        compiler = queryset.query.get_compiler(using=queryset.db)
        self.sql, params = compiler.as_sql()
        self.alias = queryset.db
        slots = {stand_in(i): name for i, name in enumerate(names)}
        # (name, the type the query gave the stand-in: psycopg's Int2 for a small column) or (None, the constant).
        self.params = [(slots[p], type(p)) if isinstance(p, int) and not isinstance(p, bool) and p in slots else (None, p)
                       for p in params]
        missing = set(names) - {name for name, _ in self.params if name}
        if missing:
            raise ValueError(f"Compiled: the query does not use {sorted(missing)}")
        fields = [col[0] for col in compiler.select[: compiler.col_count]]
        self.converters = list(compiler.get_converters(fields).items())

    def rows(self, **values) -> list[tuple]:
        """The rows, as values_list() gives them, for these values of the stand-ins."""
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [p if name is None else p(values[name]) for name, p in self.params])
            rows = cursor.fetchall()
        if not self.converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for pos, (convs, expression) in self.converters:
                value = row[pos]
                for converter in convs:
                    value = converter(value, expression, connection)
                row[pos] = value
            converted.append(tuple(row))
        return converted
