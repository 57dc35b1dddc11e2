"""Values made in a second process while this one uses the ones before: a laptop has two cores.

The child sends each value marshalled (plain tuples, lists and text: far cheaper to send and
receive than pickled objects), and the pipe holds it about one value ahead. A child that fails
or dies ends the caller's loop with an error saying why, never a wait.
"""

from __future__ import annotations

import contextlib
import marshal
import multiprocessing
import traceback
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any


class AsideFailed(RuntimeError):
    """The process making values aside failed or died: no more will come."""


@contextlib.contextmanager
def made_aside(make: Callable[..., Iterable[Any]], *args: Any) -> Iterator[Iterator[Any]]:
    """What `make(*args)` yields, made in a child process: `make` a module's function, its
    arguments picklable, what it yields marshallable. Leaving the block ends the child."""
    reader, writer = multiprocessing.Pipe(duplex=False)
    # spawned, not forked: the window's threads must not be copied half-way into a child
    child = multiprocessing.get_context("spawn").Process(
        target=_make, args=(writer, make, args), daemon=True
    )
    child.start()
    writer.close()  # the child holds the only writing end now: its exit ends the pipe
    try:
        yield _received(reader, child)
    finally:
        if child.is_alive():  # the caller stopped early: the child waits to send more
            child.terminate()
        child.join()
        reader.close()


def _received(reader: Connection, child: BaseProcess) -> Iterator[Any]:
    while True:
        try:
            kind, value = marshal.loads(reader.recv_bytes())
        except EOFError:
            child.join()
            ended = f"the child process ended early (exit code {child.exitcode})"
            raise AsideFailed(ended) from None
        if kind == "done":
            return
        if kind == "failed":
            raise AsideFailed(f"the child process failed:\n{value}")
        yield value


def _make(writer: Connection, make: Callable[..., Iterable[Any]], args: tuple[Any, ...]) -> None:
    try:
        for value in make(*args):
            writer.send_bytes(marshal.dumps(("value", value)))
        writer.send_bytes(marshal.dumps(("done", None)))
    except Exception:
        writer.send_bytes(marshal.dumps(("failed", traceback.format_exc())))
    finally:
        writer.close()
