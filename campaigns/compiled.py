"""Queries compiled once per process.

Django builds and compiles a queryset's SQL each time it is evaluated: for a query of a few joins, annotations
and an ORDER BY that is 0.5–1 ms, as long as PostgreSQL takes to run it over a province's rows. A `Compiled`
keeps the SQL of a queryset's *shape*, built once with stand-in values where calls differ (a campaign's id, an
award kind's id), and runs it again with the real values, its rows converted as values_list() converts them
(SQLite's decimals, booleans and dates). The caller keys its cache by everything else the shape depends on.

`build` must read nothing but its arguments: no user, and no selector that narrows to the request's campaign
(`campaigns.scope.narrow`, `awards.selectors.*_for`): what it read while compiling would be kept as a constant and
used for every later call. Querysets narrowed for a user go through the ORM (e.g. `Ranking` with a `user`).

A queryset of model instances (no values_list()) is compiled the same way and `objects()` builds its instances,
with those of its select_related(), as Django's own iteration does; prefetch_related() and a related manager's
queryset (which knows its owner) are refused.

The shape is built twice, with two sets of stand-ins, and must come out as the same SQL whose parameters differ
exactly where the stand-ins go: a query whose SQL depends on a value (Django writes `IS NULL` for None, drops a
lookup whose value lies outside its field's range) or that has a constant equal to a stand-in is refused.
"""

from __future__ import annotations

from django.db import connections
from django.db.models.query import ModelIterable, get_related_populators

# Two sets of stand-ins: integers within the range of every integer column, the smallest included (Django drops
# a lookup whose value lies outside its field's range: a negative one on a positive field, 40,000 on a small one).
_BASES = (32_000, 32_100)
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


class Compiled:
    """The SQL of the queryset that `build(*values)` returns, for values of `names` (ints: ids or counts), compiled
    once; `rows(**values)` runs it (a values_list() query), `objects(**values)` too (a query of model instances)."""

    def __init__(self, build, *names: str):
        first, second = ([base + i for i in range(len(names))] for base in _BASES)
        self.sql, params, compiler = self._compile(build(*first))
        sql, params_again, _ = self._compile(build(*second))
        if sql != self.sql or len(params) != len(params_again):
            raise ValueError("Compiled: the query's SQL depends on the values given")
        slots = {}
        for i, (a, b) in enumerate(zip(params, params_again)):
            if a in first and b == second[first.index(a)]:
                slots[i] = names[first.index(a)]
            elif a != b:
                raise ValueError(f"Compiled: parameter {i} of the query changes with the values otherwise")
        if set(slots.values()) != set(names):
            raise ValueError(f"Compiled: the query does not use {sorted(set(names) - set(slots.values()))}")
        # (name, the type the query gave the value: psycopg's Int2 for a small column) or (None, the constant).
        self.params = [(slots[i], type(p)) if i in slots else (None, p) for i, p in enumerate(params)]
        self.alias = compiler.using
        fields = [col[0] for col in compiler.select[: compiler.col_count]]
        self.converters = list(compiler.get_converters(fields).items())
        self._instances = None
        queryset = build(*first)
        if queryset._iterable_class is ModelIterable:
            if queryset._prefetch_related_lookups or queryset._known_related_objects:
                raise ValueError("Compiled: prefetch_related() and a related manager's queryset are not compiled")
            self._instances = self._instance_maker(compiler)

    @staticmethod
    def _instance_maker(compiler):
        """What Django's ModelIterable reads of a compiled query to make its instances, kept with the SQL."""
        select, klass_info, annotations = compiler.select, compiler.klass_info, compiler.annotation_col_map
        start, stop = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [col[0].target.attname for col in select[start:stop]]
        populators = get_related_populators(klass_info, select, compiler.using)
        return klass_info["model"], start, stop, init_list, populators, list((annotations or {}).items())

    @staticmethod
    def _compile(queryset):
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        return sql, list(params), compiler

    def rows(self, **values) -> list[tuple]:
        """The rows, as values_list() gives them, for these values (integers, never None). A value beyond a
        database's 64-bit integers (an id typed into an address) matches nothing: no rows, as the ORM answers."""
        if any(value is None for value in values.values()):
            raise ValueError("Compiled: a value is None (the query was compiled for integers)")
        if any(not _INT64_MIN <= value <= _INT64_MAX for value in values.values()):
            return []
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

    def objects(self, **values) -> list:
        """The model instances (with their select_related() objects) for these values, as the queryset gives them."""
        if self._instances is None:
            raise ValueError("Compiled: objects() of a values_list() query")
        model, start, stop, init_list, populators, annotations = self._instances
        out = []
        for row in self.rows(**values):
            obj = model.from_db(self.alias, init_list, row[start:stop])
            for populator in populators:
                populator.populate(row, obj)
            for name, pos in annotations:
                setattr(obj, name, row[pos])
            out.append(obj)
        return out


def list_names(prefix: str, count: int) -> list[str]:
    """The names of a list of `count` ids in a Compiled query ("s0", "s1", ... for prefix "s"): a query over a
    few ids is compiled once per length of its lists."""
    return [f"{prefix}{i}" for i in range(count)]


def list_values(prefix: str, ids) -> dict:
    """The values of the names `list_names(prefix, len(ids))`, for `Compiled.rows(**values)`."""
    return {f"{prefix}{i}": pk for i, pk in enumerate(ids)}
