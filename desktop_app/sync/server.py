"""The district's sync endpoint over HTTP (standard library; small and dependency-free).

    POST /v1/batches              body: one batch file         → JSON result
    GET  /v1/returns/<village>    → the village's return file (bytes)
    GET  /v1/health               → {"ok": true}

The bodies are the same bytes as the files on a USB stick. Requests are handled one at a time
(the district's database has one writer anyway). Anyone on the network can connect, so every
resource a connection takes is bounded: at most MAX_CONNECTIONS at once (more are answered 503
without a thread), a socket timeout and a deadline per request, and an upload of at most
MAX_UPLOAD_BYTES read in chunks.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

log = logging.getLogger("satudesa.server")

MAX_CONNECTIONS = 8
MAX_UPLOAD_BYTES = 16 * 1024 * 1024  # a batch of 10,000 changes is about 2 MB
SOCKET_TIMEOUT_S = 30  # one read or write that takes longer drops the connection
REQUEST_DEADLINE_S = 120  # a whole upload, however slowly it trickles in
_BUSY = (
    b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: application/json\r\n"
    b"Connection: close\r\n\r\n"
    b'{"code": "sync.busy", "message": "Server sibuk; coba lagi sebentar lagi."}'
)


_FAULT = {
    "status": "refused",
    "code": "sync.server_error",
    "message": "Server kabupaten gagal memproses permintaan ini; coba lagi nanti.",
}


class BoundedServer(ThreadingHTTPServer):
    """A threading server with a cap on simultaneous connections (each takes a thread)."""

    daemon_threads = True
    request_queue_size = 128  # a burst of connections is accepted (and refused) quickly

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        self._slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            try:  # answered from the accepting thread, without waiting on the client
                request.settimeout(0)
                request.send(_BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


HandleBatch = Callable[[bytes, str], tuple[bool, dict[str, Any]]]
MakeReturn = Callable[[str], tuple[str, bytes] | None]


def make_server(
    host: str,
    port: int,
    handle_batch: HandleBatch,
    make_return: MakeReturn,
    *,
    timeout_s: float = SOCKET_TIMEOUT_S,
    max_connections: int = MAX_CONNECTIONS,
) -> BoundedServer:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        server_version = "SatuDesa/1"
        timeout = timeout_s  # StreamRequestHandler sets it on the socket

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path == "/v1/health":
                self._json(200, {"ok": True})
                return
            if not self.path.startswith("/v1/returns/"):
                self._json(404, {"message": "Alamat tidak dikenal."})
                return
            code = unquote(self.path.removeprefix("/v1/returns/"))[:40]
            try:
                with lock:
                    made = make_return(code)
            except Exception:  # never drop the line: the village would report "offline"
                log.exception("making the return file failed")
                self._json(500, _FAULT)
                return
            if made is None:
                self._json(404, {"message": f"Desa {code} belum pernah mengirim data."})
                return
            name, data = made
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-File-Name", name)
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            if self.path != "/v1/batches":
                self._json(404, {"message": "Alamat tidak dikenal."})
                return
            try:
                length = int(self.headers.get("Content-Length", ""))
            except ValueError:
                length = -1
            if length < 0:  # without a length, a dropped upload would look complete
                self._json(
                    411, {"message": "Panjang berkas tidak disebutkan.", "code": "sync.http"}
                )
                return
            if length > MAX_UPLOAD_BYTES:
                self._json(413, {"message": "Berkas terlalu besar.", "code": "sync.too_large"})
                return
            data = self._read_body(length)
            if data is None:
                return  # the connection dropped mid-upload; the client will send it again
            try:
                with lock:
                    ok, result = handle_batch(data, self.headers.get("X-File-Name", "")[:200])
            except Exception:
                log.exception("handling an upload failed")
                self._json(500, _FAULT)
                return
            self._json(200 if ok else 422, result)

        def _read_body(self, length: int) -> bytes | None:
            """The upload, read in chunks (no more memory than what arrived), or None."""
            body, deadline = bytearray(), time.monotonic() + REQUEST_DEADLINE_S
            try:
                while len(body) < length and time.monotonic() < deadline:
                    chunk = self.rfile.read1(min(64 * 1024, length - len(body)))
                    if not chunk:
                        break
                    body += chunk
            except OSError:  # a timeout is one
                return None
            return bytes(body) if len(body) == length else None

        def log_message(self, fmt: str, *args: Any) -> None:
            log.info("%s %s", self.address_string(), fmt % args)

    return BoundedServer((host, port), Handler, max_connections)
