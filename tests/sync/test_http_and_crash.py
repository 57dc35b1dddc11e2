"""Sync over a real HTTP socket on 127.0.0.1, and an import killed halfway."""

from __future__ import annotations

import contextlib
import socket

from cli_helpers import add_worker, child, run, run_json
from test_usb_roundtrip import district_state


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def accept_villages(capsys, world, *folders) -> None:
    """The officer accepts each village's fingerprint, read out over the telephone."""
    from desktop_app.device.keys import load_keys
    from desktop_app.services.installation import open_installation

    for folder in folders:
        inst = open_installation(folder)
        code, fingerprint = inst.code, load_keys(folder).public.fingerprint()
        inst.close()
        run_json(capsys, world.district, "villages", "accept", code, "--fingerprint", fingerprint)


def start_server(world, *extra: str):
    port = free_port()
    server = child(world.district, "serve", "--host", "127.0.0.1", "--port", str(port), *extra)
    line = server.stdout.readline()  # printed once the socket is listening
    assert f"127.0.0.1:{port}" in line, server.stderr.read()
    return server, f"http://127.0.0.1:{port}"


def test_whole_round_trip_over_http_against_satudesa_serve(world, capsys):
    server, url = start_server(world)
    accept_villages(capsys, world, world.ta, world.sn)
    try:
        first = run_json(capsys, world.ta, "sync", "--server", url)
        assert first["sent"]["status"] == "applied"
        assert first["received"]["status"] == "applied"  # the acknowledgement
        run_json(capsys, world.sn, "sync", "--server", url)

        bpjs = world.district.parent / "bpjs.csv"
        bpjs.write_text("nik,kpj_number,status\n6503101203850002,98765432109,aktif\n")
        assert run_json(capsys, world.district, "bpjs", "import", str(bpjs))["updated"] == 1

        add_worker(capsys, world.ta, "6503105505920004", "Nur Aini", "15-05-1992", "P", "petani")
        second = run_json(capsys, world.ta, "sync", "--server", url)
        assert second["sent"]["status"] == "applied" and "1 perubahan" in second["sent"]["message"]
        budi = run_json(capsys, world.ta, "worker", "show", "6503101203850002")
        assert budi["kpj_number"] == "98765432109" and budi["status"] == "active"

        third = run_json(capsys, world.ta, "sync", "--server", url)
        assert third["sent"] is None  # everything acknowledged; nothing to send again
    finally:
        server.terminate()
        server.wait(timeout=10)
    villages = {v["name"]: v["workers"] for v in run_json(capsys, world.district, "villages")}
    assert villages == {"Sungai Nyamuk": 1, "Tanjung Aru": 3}


def test_a_new_village_over_http_waits_for_the_officer_and_is_applied_once_accepted(world, capsys):
    server, url = start_server(world)
    try:
        waiting = run_json(capsys, world.ta, "sync", "--server", url)
        assert waiting["sent"]["status"] == "waiting" and waiting["received"] is None
        assert run_json(capsys, world.district, "villages") == []
        (queued,) = run_json(capsys, world.district, "villages", "waiting")
        assert queued["village_code"] == "65.03.10.2004" and queued["approved_by"] is None
        accept_villages(capsys, world, world.ta)
        applied = run_json(capsys, world.ta, "sync", "--server", url)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert applied["sent"]["status"] == "applied" and applied["received"]["status"] == "applied"
    assert run_json(capsys, world.district, "villages", "waiting") == []


def test_unreachable_server_is_a_clear_refusal(world, capsys):
    code, _, err = run(capsys, world.ta, "sync", "--server", f"http://127.0.0.1:{free_port()}")
    assert code == 1 and "tidak dapat dihubungi" in err


def test_import_killed_midway_leaves_the_district_as_before(world, capsys):
    for i in range(6):
        add_worker(
            capsys, world.ta, f"650310010190{1000 + i}", "Pekerja Uji", "01-01-1990", "L", "petani"
        )
    (out,) = run_json(capsys, world.ta, "export", "--out", str(world.usb))
    before = district_state(world.district)
    killed = child(
        world.district,
        "import",
        "--trust-new",
        out["path"],
        env={"SATUDESA_FAULT_AFTER_CHANGES": "4"},
    )
    killed.communicate(timeout=60)
    assert killed.returncode == 86  # died at its 4th write statement, before COMMIT
    assert district_state(world.district) == before
    (result,) = run_json(capsys, world.district, "import", "--trust-new", out["path"])
    assert result["status"] == "applied" and "8 perubahan" in result["message"]


class DroppingProxy:
    """A TCP relay on 127.0.0.1 in front of `target`, cutting the line as a village's does: the
    first `drops` connections after a little of the request, and the first `cut_downloads`
    return-file downloads after half of the district's answer."""

    def __init__(self, target_port: int, drops: int, cut_downloads: int = 0):
        import threading

        self.target_port, self.drops, self.dropped = target_port, drops, 0
        self.cut_downloads, self.cut = cut_downloads, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        import threading

        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.dropped < self.drops:
                self.dropped += 1
                client.recv(100)  # part of the upload arrived, then the line went down
                client.close()
                continue
            request = client.recv(65536)
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            upstream.sendall(request)
            if request.startswith(b"GET /v1/returns/") and self.cut < self.cut_downloads:
                self.cut += 1
                answer = b""
                while chunk := upstream.recv(65536):  # the server closes after one answer
                    answer += chunk
                client.sendall(answer[: len(answer) // 2])
                for s in (client, upstream):
                    s.close()
                continue
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.listener.close()


def test_sync_resumes_after_the_connection_drops_mid_upload(world, capsys, monkeypatch):
    from desktop_app.sync import client

    monkeypatch.setattr(client, "BACKOFF_S", 0.01)
    server, url = start_server(world)
    accept_villages(capsys, world, world.ta)
    proxy = DroppingProxy(int(url.rsplit(":", 1)[1]), drops=2)
    try:
        result = run_json(capsys, world.ta, "sync", "--server", f"http://127.0.0.1:{proxy.port}")
    finally:
        proxy.close()
        server.terminate()
        server.wait(timeout=10)
    assert proxy.dropped == 2
    assert result["sent"]["status"] == "applied" and result["received"]["status"] == "applied"
    villages = {v["name"]: v["workers"] for v in run_json(capsys, world.district, "villages")}
    assert villages == {"Tanjung Aru": 2}


def test_sync_fetches_the_return_file_again_when_the_download_is_cut(world, capsys, monkeypatch):
    from desktop_app.sync import client

    monkeypatch.setattr(client, "BACKOFF_S", 0.01)
    server, url = start_server(world)
    accept_villages(capsys, world, world.ta)
    proxy = DroppingProxy(int(url.rsplit(":", 1)[1]), drops=0, cut_downloads=2)
    try:
        result = run_json(capsys, world.ta, "sync", "--server", f"127.0.0.1:{proxy.port}")
    finally:
        proxy.close()
        server.terminate()
        server.wait(timeout=10)
    assert proxy.cut == 2
    assert result["received"]["status"] == "applied"
    assert "sampai nomor 2" in result["received"]["message"]


def test_a_page_that_is_not_the_district_server_is_a_clear_refusal(world, capsys):
    """A Wi-Fi login page answers every address with HTML instead of the district's verdict."""
    from http.server import BaseHTTPRequestHandler, HTTPServer
    from threading import Thread

    class LoginPage(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            body = b"<html>Silakan masuk ke Wi-Fi</html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    portal = HTTPServer(("127.0.0.1", 0), LoginPage)
    Thread(target=portal.serve_forever, daemon=True).start()
    try:
        code, _, err = run(
            capsys, world.ta, "sync", "--server", f"http://127.0.0.1:{portal.server_port}"
        )
    finally:
        portal.shutdown()
        portal.server_close()
    assert code == 1 and "tidak menjawab seperti server Satu Desa" in err


def test_server_answers_an_upload_without_a_length_with_411(world, capsys):
    import http.client

    server, url = start_server(world)
    accept_villages(capsys, world, world.ta)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", int(url.rsplit(":", 1)[1]), timeout=10)
        conn.putrequest("POST", "/v1/batches")
        conn.putheader("Content-Length", "-5")
        conn.endheaders()
        response = conn.getresponse()
        status, body = response.status, response.read()
        conn.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert status == 411 and b"sync.http" in body
