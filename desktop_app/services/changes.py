"""The one way a service records a change: its audit entry and, when the district receives
that kind of record, its outbox entry, in the caller's transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
    if not inst.db.conn.in_transaction:
        raise RuntimeError("record_change() outside the change's transaction")
    access.require_person(inst)
    text = None if after is None else outbox.encode(after)  # one encoding for both logs
    if op is not None:
        outbox.append_change(inst.db, entity, entity_id, op, text or "{}", inst.user)
    audit.record(inst.db, inst.user, action, entity, entity_id, before, text)
