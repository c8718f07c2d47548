"""Read an uploaded file in a child process with a memory and a time limit, so that parsing a hostile or
careless file (a compressed spreadsheet that expands to millions of strings, a huge CSV) cannot starve
the dashboard's server or the loader. The child runs etl.readers.read_table; what it raises comes back as
the same ReadError, and a child that runs out of memory or time is ended and reported in the same format.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from pathlib import Path

import openpyxl  # noqa: F401 - imported before any fork: a child never imports (the import lock may be held)
import pandas as pd

from etl.readers import MAX_FILE_BYTES, MAX_ROWS, ReadError, read_table

READ_TIMEOUT_S = 60
READ_MEMORY_BYTES = 1536 * 1024 * 1024  # on top of what the child has when it starts

# fork: the child starts in milliseconds with pandas and openpyxl already loaded (forkserver and spawn
# re-import the main module, which under Streamlit is Streamlit itself). It runs only read_table; a child
# that hangs on a lock copied from another thread is ended by the time limit like any other.
_context = multiprocessing.get_context("fork")


def _vm_size() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(connection, path: str, expected: tuple[str, ...], max_bytes: int, max_rows: int, name: str, memory: int) -> None:
    limit = _vm_size() + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        frame = read_table(path, expected, max_bytes=max_bytes, max_rows=max_rows, display_name=name)
        connection.send(("ok", frame))
    except ReadError as error:
        connection.send(("read_error", (error.file, error.detail, error.row, error.value, error.column)))
    except MemoryError:
        connection.send(("memory", None))
    except Exception as error:  # noqa: BLE001 - any parser failure becomes a message, never a traceback
        connection.send(("other", f"{error.__class__.__name__}: {error}"))
    finally:
        connection.close()


class StartedRead:
    """A read_table in its bounded child process, started and not yet collected: the build starts the reads of
    its large files first and collects each when it loads that file, so parsing runs beside the build's other
    work on a second core. The time limit counts from the start; the memory limit is the child's own."""

    def __init__(
        self,
        path: Path | str,
        expected_columns: tuple[str, ...] = (),
        *,
        max_bytes: int = MAX_FILE_BYTES,
        max_rows: int = MAX_ROWS,
        display_name: str | None = None,
        timeout_s: float = READ_TIMEOUT_S,
        memory_bytes: int = READ_MEMORY_BYTES,
    ):
        self.name = display_name or Path(path).name
        self.timeout_s, self.memory_bytes = timeout_s, memory_bytes
        self._deadline = time.monotonic() + timeout_s
        self._receive, send = _context.Pipe(duplex=False)
        self._child = _context.Process(
            target=_child,
            args=(send, str(path), tuple(expected_columns), max_bytes, max_rows, self.name, memory_bytes),
            daemon=True,
        )
        self._child.start()
        send.close()

    def result(self) -> pd.DataFrame:
        """The frame, or the same ReadError as read_table's (too slow or too large: ended and said so)."""
        name, timeout_s, memory_bytes = self.name, self.timeout_s, self.memory_bytes
        try:
            if not self._receive.poll(max(0.0, self._deadline - time.monotonic())):
                raise ReadError(
                    name,
                    f"het lezen duurde langer dan {timeout_s:.0f} s en is afgebroken. Is dit het juiste bestand? "
                    "Sla alleen de tabel op als CSV.",
                )
            status, payload = self._receive.recv()
        except EOFError:  # the child died without a word (killed by the memory limit, for instance)
            status, payload = "memory", None
        finally:
            self.cancel()
        if status == "ok":
            return payload
        if status == "read_error":
            raise ReadError(*payload)
        if status == "memory":
            raise ReadError(
                name,
                f"het lezen vraagt meer dan {memory_bytes / 1_048_576:.0f} MB geheugen en is afgebroken. "
                "Sla alleen de tabel op als CSV of als een kleinere werkmap.",
            )
        raise ReadError(name, f"het bestand kon niet worden gelezen ({payload})")

    def cancel(self) -> None:
        """End the child (if it still runs) and close the pipe; a read never collected leaves nothing behind."""
        self._receive.close()
        if self._child.is_alive():
            self._child.kill()
        self._child.join(5)


def read_table_bounded(
    path: Path | str,
    expected_columns: tuple[str, ...] = (),
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_rows: int = MAX_ROWS,
    display_name: str | None = None,
    timeout_s: float = READ_TIMEOUT_S,
    memory_bytes: int = READ_MEMORY_BYTES,
) -> pd.DataFrame:
    """read_table in a child process limited to `memory_bytes` more memory and `timeout_s` seconds."""
    return StartedRead(
        path,
        expected_columns,
        max_bytes=max_bytes,
        max_rows=max_rows,
        display_name=display_name,
        timeout_s=timeout_s,
        memory_bytes=memory_bytes,
    ).result()
