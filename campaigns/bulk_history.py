"""History rows for rows written in bulk, copied by the database itself.

django-simple-history's `bulk_create_with_history` builds one Python model instance per history row and inserts
them back through the ORM: for the 20,000 staff of an organisation file that is a third of the whole import. The
history row of a row just written is a copy of that row plus who, when, how and why, so the database can make it
from the row itself:

    INSERT INTO campaigns_historicalstaff (id, code, …, history_date, history_change_reason, history_type,
                                           history_user_id)
    SELECT id, code, …, %s, %s, %s, %s FROM campaigns_staff WHERE id IN (…) ORDER BY id

The rows are the same ones simple-history writes (same columns, its `tracked_fields`), in plain SQL that SQLite
and PostgreSQL both run. Call it in the same transaction as the write, after it."""

from django.db import connection
from django.utils import timezone

CHUNK = 2000
CREATED, CHANGED = "+", "~"


def copy_to_history(model, pks, *, history_type: str, user=None, reason: str = "", when=None) -> int:
    """Write a history row of type `history_type` ("+" created, "~" changed) for each row of `model` whose pk is in
    `pks`, as it is now in the database, by `user` (or nobody) for `reason`; the number of rows written."""
    history = model.history.model
    quote = connection.ops.quote_name
    tracked = [(history._meta.get_field(f.name).column, model._meta.get_field(f.name).column)
               for f in history.tracked_fields]
    target = ", ".join(quote(column) for column, _ in tracked)
    source = ", ".join(quote(column) for _, column in tracked)
    extra = [history._meta.get_field(name).column
             for name in ("history_date", "history_change_reason", "history_type", "history_user")]
    date = history._meta.get_field("history_date").get_db_prep_save(when or timezone.now(), connection)
    values = [date, reason, history_type, getattr(user, "pk", None)]
    pk = quote(model._meta.pk.column)
    head = (f"INSERT INTO {quote(history._meta.db_table)} ({target}, {', '.join(quote(c) for c in extra)}) "
            f"SELECT {source}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} WHERE {pk} IN ")
    pks = sorted(pks)
    written = 0
    with connection.cursor() as cursor:
        for start in range(0, len(pks), CHUNK):
            chunk = pks[start:start + CHUNK]
            cursor.execute(f"{head}({', '.join(['%s'] * len(chunk))}) ORDER BY {pk}", [*values, *chunk])
            written += cursor.rowcount
    return written
