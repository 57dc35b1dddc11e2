"""The district's sync endpoint over HTTP (standard library; small and dependency-free).

    POST /v1/batches              body: one batch file         → JSON result
    GET  /v1/returns/<village>    → the village's return file (bytes)
    GET  /v1/health               → {"ok": true}

The bodies are the same bytes as the files on a USB stick. Requests are handled one at a time
(the district's database has one writer anyway).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

from desktop_app.sync.envelope import MAX_FILE_BYTES

log = logging.getLogger("satudesa.server")

HandleBatch = Callable[[bytes, str], tuple[bool, dict[str, Any]]]
MakeReturn = Callable[[str], tuple[str, bytes] | None]


def make_server(
    host: str, port: int, handle_batch: HandleBatch, make_return: MakeReturn
) -> ThreadingHTTPServer:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        server_version = "SatuDesa/1"

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
            code = unquote(self.path.removeprefix("/v1/returns/"))
            with lock:
                made = make_return(code)
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
            if length > MAX_FILE_BYTES:
                self._json(413, {"message": "Berkas terlalu besar.", "code": "sync.too_large"})
                return
            data = self.rfile.read(length)
            if len(data) < length:
                return  # the connection dropped mid-upload; the client will send it again
            with lock:
                ok, result = handle_batch(data, self.headers.get("X-File-Name", ""))
            self._json(200 if ok else 422, result)

        def log_message(self, fmt: str, *args: Any) -> None:
            log.info("%s %s", self.address_string(), fmt % args)

    return ThreadingHTTPServer((host, port), Handler)
