"""The one way a service records a change: its audit entry and, when the district receives
that kind of record, its outbox entry, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from desktop_app.services import access
from desktop_app.store import audit, outbox

if TYPE_CHECKING:  # installation uses these verbs: import it for types only
    from desktop_app.services.installation import Installation


def record_change(
    inst: Installation,
    action: str,
    entity: str,
    entity_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    op: str | None = None,
) -> None:
    """Name the person and keep the record before and after; `op` also queues it for sync.

    Must run inside the transaction that wrote the change, so the row, its audit entry and its
    outbox entry commit or vanish together.
    """
    record_changes(inst, [Change(action, entity, entity_id, before, after, op)])


class Change(NamedTuple):
    """One change to record: what `record_change` takes. `after` may be `outbox.encode()`d
    already (a batch that built the text itself). A named tuple: a batch makes one a row,
    and a frozen dataclass takes a microsecond to make."""

    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | str | None
    op: str | None = None


def record_changes(inst: Installation, changes: Sequence[Change]) -> None:
    """`record_change` for many changes in one go, in order (a batch of registrations): the
    same audit entries, chained, and outbox entries, each table written at once."""
    if not inst.db.conn.in_transaction:
        raise RuntimeError("record_change() outside the change's transaction")
    access.require_person(inst)
    texts = [  # one encoding for both logs
        c.after if c.after is None or isinstance(c.after, str) else outbox.encode(c.after)
        for c in changes
    ]
    outbox.append_changes(
        inst.db,
        [
            (c.entity, c.entity_id, c.op, text or "{}")
            for c, text in zip(changes, texts, strict=True)
            if c.op is not None
        ],
        inst.user,
    )
    audit.record_many(
        inst.db,
        inst.user,
        [
            (c.action, c.entity, c.entity_id, c.before, text)
            for c, text in zip(changes, texts, strict=True)
        ],
    )
