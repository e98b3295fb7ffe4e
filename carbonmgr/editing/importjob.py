"""Reading a large case workbook in a child process.

Its columns come back in small pickled chunks, so the calling process (the GUI) never
holds the interpreter lock for long; cancelling kills the child.
"""
from __future__ import annotations

import pickle
import threading
import time
from pathlib import Path

from carbonmgr.common.errors import CarbonMgrError, Problem, ValidationFailed
from carbonmgr.inventory.model import ActivityTable, CaseData

__all__ = ["ImportJob", "ImportCancelled"]


_CHUNK = 20_000


def _dedupe(col: list) -> list:
    seen: dict = {}
    return [seen.setdefault(v, v) if type(v) is str else v for v in col]


def _child_read(path: str, conn) -> None:  # pragma: no cover - runs in the child process
    """Child process: read and validate the workbook, send the case back in chunks."""
    try:
        _child_send(path, conn)
    except (BrokenPipeError, EOFError, OSError):
        pass  # the parent cancelled: nobody is listening
    finally:
        try:
            conn.close()
        except OSError:
            pass


def _child_send(path: str, conn) -> None:  # pragma: no cover - runs in the child process
    def send(obj) -> None:
        conn.send_bytes(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))

    try:
        from carbonmgr.training.exercise import read_case_or_key as read_case

        case = read_case(path)
    except ValidationFailed as exc:
        send(("problems", exc.problems))
        return
    except Exception as exc:  # noqa: BLE001
        send(("error", f"{type(exc).__name__}: {exc}"))
        return
    a = case.activities
    n = len(a)
    columns = {"row": a.row, "facility": a.facility, "source": a.source, "item": a.item, "quantity": a.quantity,
               "unit": a.unit}
    columns.update({"opt:" + k: v for k, v in a.options.items()})
    columns.update({"extra:" + k: v for k, v in a.extra.items()})
    case.activities = ActivityTable()
    send(("case", case, n, list(columns)))
    for name, col in columns.items():
        col = _dedupe(col)
        for start in range(0, n, _CHUNK):
            send(("chunk", name, col[start:start + _CHUNK]))
    send(("done",))


class ImportJob:
    """Read a case workbook in a child process (cancellable; the caller stays responsive).

    ``run()`` blocks (call it from a worker thread) and returns the :class:`CaseData` or
    raises :class:`ValidationFailed`; ``progress`` is (done, total) of the transfer;
    ``cancel()`` kills the child and makes ``run()`` raise :class:`ImportCancelled`.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.cancelled = threading.Event()
        self.progress: tuple[int, int] = (0, 0)
        self.stage = "reading"
        self._proc = None

    def cancel(self) -> None:
        self.cancelled.set()
        proc = self._proc
        if proc is not None and proc.is_alive():
            proc.kill()

    def run(self) -> CaseData:
        import multiprocessing as mp

        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child_read, args=(str(self.path), child), daemon=True)
        self._proc = proc
        if self.cancelled.is_set():
            raise ImportCancelled()
        proc.start()
        child.close()
        try:
            return self._receive(parent)
        except (EOFError, OSError):
            if self.cancelled.is_set():
                raise ImportCancelled() from None
            proc.join(timeout=5)  # the child died (killed, out of memory, a crash in the parser)
            raise ValidationFailed([Problem("workbook.reader_died", {
                "name": self.path.name, "how": _exit_text(proc.exitcode)})]) from None
        finally:
            parent.close()
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()

    def _poll(self, conn) -> bytes:
        while not conn.poll(0.05):
            if self.cancelled.is_set():
                raise ImportCancelled()
        if self.cancelled.is_set():
            raise ImportCancelled()
        return conn.recv_bytes()

    def _receive(self, conn) -> CaseData:
        msg = pickle.loads(self._poll(conn))
        if msg[0] == "problems":
            raise ValidationFailed(msg[1])
        if msg[0] == "error":
            raise ValidationFailed([Problem("workbook.read_failed", {"name": self.path.name, "detail": msg[1]})])
        _, case, n, names = msg
        self.stage = "transfer"
        cols: dict[str, list] = {name: [] for name in names}
        total = max(1, n * len(names))
        done = 0
        while True:
            msg = pickle.loads(self._poll(conn))  # a chunk: ~20,000 values, a few ms
            if msg[0] == "done":
                break
            _, name, values = msg
            cols[name].extend(values)
            done += len(values)
            self.progress = (done, total)
            time.sleep(0)  # let the GUI thread take the interpreter lock
        case.activities = ActivityTable(
            cols["row"], cols["facility"], cols["source"], cols["item"], cols["quantity"], cols["unit"],
            {k[4:]: v for k, v in cols.items() if k.startswith("opt:")},
            {k[6:]: v for k, v in cols.items() if k.startswith("extra:")})
        return case


def _exit_text(code: int | None) -> str:
    """How the child ended, for the message: 'signal 9', 'code 134'."""
    if code is None:
        return "?"
    return f"signal {-code}" if code < 0 else f"code {code}"


class ImportCancelled(CarbonMgrError):
    """The user cancelled an import."""
