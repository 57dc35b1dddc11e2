"""Sync over HTTP: a village sends its changes and fetches its return file; the district serves.

The bytes are the files of the USB road (services/sync.py); only the transport differs.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.services.installation import Installation
from desktop_app.services.sync import (
    SERVER_KEY,
    Imported,
    batch_bytes,
    import_bytes,
    record_sent,
    require_role,
    return_bytes,
)
from desktop_app.store import district, outbox
from desktop_app.store.db import transaction
from desktop_app.store.settings import set_setting


@dataclass(frozen=True, slots=True)
class OnlineSync:
    sent: Imported | None  # None: nothing to send
    received: Imported | None  # None: the district has no return file yet


def sync_online(inst: Installation, server: str) -> OnlineSync:
    """Send every unacknowledged change, then fetch and apply the district's return file."""
    from desktop_app.sync import client

    require_role(inst, "village")
    sent = None
    first, last = outbox.acknowledged_seq(inst.db) + 1, outbox.last_seq(inst.db)
    if first <= last:
        name, data = batch_bytes(inst, first, last)
        answer = client.post_batch(server, name, data)
        sent = Imported(
            name, answer.get("status", "refused"), answer.get("message", ""), answer.get("code")
        )
        if sent.ok:
            record_sent(inst, first, last, name)
    received = None
    fetched = client.fetch_return(server, inst.code)
    if fetched is not None:
        received = import_bytes(inst, fetched[1], fetched[0])
    with transaction(inst.db):
        set_setting(inst.db, SERVER_KEY, server)
    return OnlineSync(sent, received)


def make_sync_server(inst: Installation, host: str, port: int):
    """The district's HTTP server over this installation (call serve_forever() on it).

    It never trusts keys by itself: a village it does not know (or a known one with other
    keys) waits in the queue until the officer confirms the fingerprint.
    """
    from desktop_app.sync.server import make_server

    require_role(inst, "district")

    def handle_batch(data: bytes, name: str) -> tuple[bool, dict]:
        result = import_bytes(inst, data, name, queue_unknown=True)
        return result.ok, {"status": result.status, "message": result.message, "code": result.code}

    def make_return(code: str) -> tuple[str, bytes] | None:
        if district.get_village(inst.db, code) is None:
            return None
        return return_bytes(inst, code)

    return make_server(host, port, handle_batch, make_return)
