"""Hostile files and peers: wrong-typed headers, inflating batches, stalled and greedy sockets."""

from __future__ import annotations

import contextlib
import hashlib
import json
import socket
import subprocess
import sys
import threading
import urllib.request
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cli_helpers import ROOT, run, run_json
from test_http_and_crash import start_server
from test_usb_roundtrip import district_state

from desktop_app.device.keys import load_keys, sign
from desktop_app.sync import envelope, seal

WRONG_TYPES = [1, 1.5, None, [], {}, True, "", "é" * 44, "A" * 44]


def with_clear_header(data: bytes, change) -> bytes:
    """The file with its clear header edited (signature left as is: it is checked later)."""
    _, version, head_len = envelope._PREFIX.unpack_from(data)
    start = envelope._PREFIX.size
    header = json.loads(data[start : start + head_len])
    change(header)
    head = json.dumps(header).encode()
    return (
        envelope._PREFIX.pack(envelope.MAGIC, version, len(head)) + head + data[start + head_len :]
    )


@pytest.fixture
def first_batch(world, capsys) -> Path:
    (exported,) = run_json(capsys, world.ta, "export", "--out", str(world.usb))
    return Path(exported["path"])


def test_wrong_typed_sender_keys_are_refused_and_never_stop_the_other_files(
    world, capsys, first_batch, tmp_path
):
    data = first_batch.read_bytes()
    folder = tmp_path / "campur"
    folder.mkdir()
    for key in ("signing", "box"):
        for i, value in enumerate(WRONG_TYPES):
            bad = with_clear_header(data, lambda h, k=key, v=value: h["sender_keys"].update({k: v}))
            (folder / f"a-{key}-{i}.sdsync").write_bytes(bad)
    for i, value in enumerate([[], None, 7, "x"]):
        bad = with_clear_header(data, lambda h, v=value: h.update(sender_keys=v))
        (folder / f"a-keys-{i}.sdsync").write_bytes(bad)
    (folder / first_batch.name).write_bytes(data)  # sorted last: after all the bad ones

    code, out, _ = run(
        capsys, world.district, "import", "--trust-new", *map(str, folder.iterdir()), "--json"
    )

    results = json.loads(out)
    assert code == 1 and len(results) == 2 * len(WRONG_TYPES) + 4 + 1
    assert {r["code"] for r in results[:-1]} == {"sync.schema"}
    assert results[-1]["status"] == "applied"
    assert run_json(capsys, world.district, "villages")[0]["workers"] == 2


def test_server_answers_a_wrong_typed_header_with_a_refusal_not_a_dropped_line(
    world, capsys, first_batch
):
    bad = with_clear_header(
        first_batch.read_bytes(), lambda h: h["sender_keys"].update(signing=None)
    )
    before = district_state(world.district)
    server, url = start_server(world)
    try:
        request = urllib.request.Request(url + "/v1/batches", data=bad, method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        answer = json.loads(refused.value.read())
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert refused.value.code == 422 and answer["code"] == "sync.schema"
    assert district_state(world.district) == before


def peak_rss_mib(data_dir: Path, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    """Run `satudesa` in a child process; its peak resident memory, measured by the child.

    VmHWM, not getrusage's ru_maxrss: the latter survives exec, so a child would report the
    test process's own size.
    """
    script = (
        "import sys\n"
        "from desktop_app.cli.main import main\n"
        "code = main(sys.argv[1:])\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
        "print(hwm.split()[1], file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return int(done.stderr.strip().splitlines()[-1]) / 1024, done


def test_a_small_signed_batch_inflating_to_millions_of_lines_is_refused_in_bounded_memory(
    world, capsys, first_batch
):
    """64 KiB on the stick, 64 MiB of `{}` lines inside, signed by the pinned village."""
    run_json(capsys, world.district, "import", "--trust-new", str(first_batch))
    header = envelope.read_header(first_batch.read_bytes())
    inner = {k: v for k, v in header.items() if k not in ("format", "sender_keys", "recipient")}
    inner = {k: v for k, v in inner.items() if not k.startswith("ciphertext")}
    inner.update(first_seq=3, last_seq=3, count=1)
    plain = envelope._canonical(inner) + b"\n" + b"{}\n" * (64 * 1024 * 1024 // 3)
    compressed = zlib.compress(plain, 9)
    assert len(compressed) < 200 * 1024
    ciphertext = seal.seal(load_keys(world.district).public.box, compressed)
    keys = load_keys(world.ta)
    outer = {
        **inner,
        "format": 1,
        "sender_keys": {"signing": keys.public.signing, "box": keys.public.box},
        "recipient": header["recipient"],
        "ciphertext_bytes": len(ciphertext),
        "ciphertext_sha256": hashlib.sha256(ciphertext).hexdigest(),
    }
    head = envelope._canonical(outer)
    signed = envelope._PREFIX.pack(envelope.MAGIC, 1, len(head)) + head
    bomb = world.usb / "bom.sdsync"
    bomb.write_bytes(signed + sign(keys, signed) + ciphertext)
    before = district_state(world.district)

    peak, done = peak_rss_mib(world.district, "import", str(bomb), "--json")

    assert done.returncode == 1 and json.loads(done.stdout)[0]["code"] == "sync.schema"
    assert peak < 150, f"peak RSS {peak:.0f} MiB"
    assert district_state(world.district) == before


def test_village_refuses_a_huge_answer_from_a_fake_server_in_bounded_memory(world, capsys):
    class Greedy(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            body = b'{"status": "applied", "message": "ok"}'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            self.send_response(200)  # no length: read until the server closes, 1.5 GB
            self.end_headers()
            zeros = b"\0" * (1024 * 1024)
            try:
                for _ in range(1536):
                    self.wfile.write(zeros)
            except OSError:
                pass

        def log_message(self, *args):
            pass

    fake = ThreadingHTTPServer(("127.0.0.1", 0), Greedy)
    threading.Thread(target=fake.serve_forever, daemon=True).start()
    try:
        peak, done = peak_rss_mib(world.ta, "sync", "--server", f"127.0.0.1:{fake.server_port}")
    finally:
        fake.shutdown()
        fake.server_close()
    assert done.returncode == 1 and "jauh lebih besar" in done.stderr
    assert peak < 250, f"peak RSS {peak:.0f} MiB"


def server_threads(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    raise AssertionError("no thread count")


def server_rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no peak RSS")


def test_half_open_connections_and_stalled_uploads_are_capped(world, capsys):
    from desktop_app.sync.server import MAX_CONNECTIONS

    server, url = start_server(world)
    port = int(url.rsplit(":", 1)[1])
    idle, stalled = [], []
    try:
        for _ in range(40):  # stalled uploads: a big length, 1 MiB sent, then nothing
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"POST /v1/batches HTTP/1.1\r\nContent-Length: 16000000\r\n\r\n")
            with contextlib.suppress(OSError):  # refused as busy and closed
                s.sendall(b"\0" * (1024 * 1024))
            stalled.append(s)
        for _ in range(200):  # half-open: connected, nothing sent
            idle.append(socket.create_connection(("127.0.0.1", port)))
        busy = socket.create_connection(("127.0.0.1", port), timeout=10)
        busy.sendall(b"GET /v1/health HTTP/1.0\r\n\r\n")
        answer = busy.recv(4096)
        busy.close()
        threads = server_threads(server.pid)
        peak = server_rss_mib(server.pid)
    finally:
        for s in idle + stalled:
            s.close()
        server.terminate()
        server.wait(timeout=10)
    assert answer.startswith(b"HTTP/1.0 503") and b"sync.busy" in answer
    assert threads <= MAX_CONNECTIONS + 3, threads
    assert peak < 200, f"server peak RSS {peak:.0f} MiB"


def test_a_stalled_client_is_dropped_after_the_socket_timeout(tmp_path):
    from desktop_app.sync.server import make_server

    server = make_server(
        "127.0.0.1", 0, lambda *a: (True, {}), lambda code: None, timeout_s=0.5, max_connections=2
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        quiet = socket.create_connection(("127.0.0.1", port), timeout=10)
        assert quiet.recv(1) == b""  # the server hung up on the silent client
        quiet.close()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=10) as r:
            assert json.loads(r.read()) == {"ok": True}
    finally:
        server.shutdown()
        server.server_close()


def test_fetching_a_return_file_changes_nothing_at_the_district(world, capsys, first_batch):
    run_json(capsys, world.district, "import", "--trust-new", str(first_batch))
    before = district_state(world.district)
    server, url = start_server(world)
    try:
        bodies = set()
        for _ in range(20):
            with urllib.request.urlopen(f"{url}/v1/returns/65.03.10.2004", timeout=30) as r:
                bodies.add(envelope.read_header(r.read())["return_no"])
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert bodies == {1}
    assert district_state(world.district) == before


def test_terminal_escape_codes_in_an_unsigned_village_name_never_reach_the_terminal(
    world, capsys, first_batch
):
    bad = with_clear_header(
        first_batch.read_bytes(), lambda h: h.update(village_name="\x1b]0;owned\x07\x1b[2J")
    )
    path = world.usb / "nama.sdsync"
    path.write_bytes(bad)
    code, out, err = run(capsys, world.district, "import", "--trust-new", str(path))
    assert code == 1 and "\x1b" not in out + err and "DITOLAK" in out
