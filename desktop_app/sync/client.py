"""HTTP transport for a village: post a batch, fetch the return file, retrying a dropped line.

A retry sends the whole batch again; the district applies it idempotently, so a request that
did arrive before the line dropped changes nothing the second time.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from http.client import HTTPException, IncompleteRead
from typing import Any, TypeVar

from desktop_app.domain.errors import Refused
from desktop_app.sync.envelope import MAX_FILE_BYTES

T = TypeVar("T")
TIMEOUT_S = 60
ATTEMPTS = 4
BACKOFF_S = 0.5  # doubled after each failed attempt: 0.5, 1, 2 s
MAX_ANSWER_BYTES = 64 * 1024  # the district's JSON verdict on a batch is a few hundred bytes


def _with_retries(action: Callable[[], T]) -> T:
    """Run `action`, again after a dropped line or a server fault, with a growing pause.

    A line can also drop mid-answer (http.client.IncompleteRead): that too is retried. What
    still fails after the last attempt becomes a refusal the clerk can read.
    """
    attempts, backoff_s = ATTEMPTS, BACKOFF_S
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except urllib.error.HTTPError as e:
            if e.code < 500 or attempt == attempts:
                raise Refused(
                    "sync.http",
                    f"Server kabupaten menjawab dengan galat HTTP {e.code} ({e.reason}). "
                    "Periksa alamat server; jika tetap gagal, kirim lewat flashdisk.",
                ) from None
        except (urllib.error.URLError, ConnectionError, TimeoutError, HTTPException) as e:
            if attempt == attempts:
                raise Refused(
                    "sync.offline",
                    f"Server kabupaten tidak dapat dihubungi ({getattr(e, 'reason', e)}). "
                    "Coba lagi nanti, atau kirim lewat flashdisk.",
                ) from None
        time.sleep(backoff_s * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


def base_url(server: str) -> str:
    """The server's address as a clerk may type it (`dpmpd.example:8750`) made into a URL."""
    server = server.strip().rstrip("/")
    return server if "://" in server else f"http://{server}"


def _read_limited(server: str, response: Any, limit: int) -> bytes:
    """At most `limit` bytes of an answer; more is not our server (or is an attack)."""
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(server)
    body: bytes = response.read(limit + 1)
    if len(body) > limit:
        raise _too_large(server)
    if declared and declared.isdigit() and len(body) < int(declared):
        raise IncompleteRead(body, int(declared) - len(body))  # the line dropped: retried
    return body


def _too_large(server: str) -> Refused:
    return Refused(
        "sync.answer_too_large",
        f"Alamat {server} mengirim jawaban yang jauh lebih besar daripada berkas Satu Desa; "
        "jawaban itu tidak dibaca. Periksa alamat server, atau kirim lewat flashdisk.",
    )


def _answer(server: str, body: bytes) -> dict[str, Any]:
    """The district's JSON verdict; anything else (a Wi-Fi login page) is not our server."""
    try:
        answer = json.loads(body)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise Refused(
            "sync.not_server",
            f"Alamat {server} tidak menjawab seperti server Satu Desa (mungkin halaman masuk "
            "Wi-Fi). Periksa alamat dan sambungan internet, atau kirim lewat flashdisk.",
        )
    return answer


def post_batch(server: str, name: str, data: bytes) -> dict[str, Any]:
    """Send one batch; returns the district's JSON answer (applied, already, held or refused)."""
    request = urllib.request.Request(
        base_url(server) + "/v1/batches",
        data=data,
        method="POST",
        headers={"Content-Type": "application/octet-stream", "X-File-Name": name},
    )

    def send() -> dict[str, Any]:
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                return _answer(server, _read_limited(server, response, MAX_ANSWER_BYTES))
        except urllib.error.HTTPError as e:
            if e.code == 422:  # refused by the district: a verdict, not a line fault
                return _answer(server, _read_limited(server, e, MAX_ANSWER_BYTES))
            raise

    return _with_retries(send)


def fetch_return(server: str, village_code: str) -> tuple[str, bytes] | None:
    """The village's return file, or None when the district has nothing for it yet."""
    url = f"{base_url(server)}/v1/returns/{village_code}"

    def get() -> tuple[str, bytes] | None:
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
                name = response.headers.get("X-File-Name", "")
                return name, _read_limited(server, response, MAX_FILE_BYTES)
        except urllib.error.HTTPError as e:
            if e.code == 404:
                return None
            raise

    return _with_retries(get)
