"""A sync file cannot slip in cover bought after the fact: the district is told."""

from __future__ import annotations

from cli_helpers import run_json

from desktop_app.services import registry
from desktop_app.services.installation import open_installation
from desktop_app.store import outbox


def test_a_backdated_period_in_a_sync_file_becomes_a_finding(world, capsys):
    village = open_installation(world.ta)
    worker = registry.store.list_workers(village.db, limit=1)[0]
    # What an old version or an edited database could send: January paid in November.
    period = {
        "id": "01JBACKDATED0000000000000",
        "worker_id": worker.id,
        "fiscal_year": 2026,
        "start_month": "2026-01-01",
        "months": 12,
        "programs": "JKK,JKM",
        "total_amount": 201_600,
        "funding": "village",
        "rate_basis": "PP 44/2015",
        "created_at": "2026-11-29T01:00:00+00:00",
        "created_by": "operator",
    }
    change = ("coverage", period["id"], "insert", outbox.encode(period))
    outbox.append_changes(village.db, [change], None)
    village.db.conn.commit()
    village.close()
    run_json(capsys, world.ta, "export", "--out", str(world.usb))
    run_json(capsys, world.district, "import", "--trust-new", *map(str, world.usb.iterdir()))
    findings = run_json(capsys, world.district, "findings")
    (found,) = [f for f in findings if f["kind"] == "coverage_backdated"]
    assert found["worker_id"] == worker.id and "Januari 2026" in found["detail"]
