"""A batch's worker processes, and how they stop: within a second or two of Ctrl-C or SIGTERM,
handing back the guides they finished, never running on through the guides queued.

Guides go to workers in chunks (pool.py), and a chunk's outcomes come back when the whole chunk is
done. So stopping is a conversation, not a kill: the parent sends each worker SIGINT (Ctrl-C in a
terminal has already sent it to the whole process group); a worker then abandons the guide it is
on (its writers clear their temporary files on the way out), returns the outcomes of the guides
of its chunk it finished, and builds nothing more. Whatever has not answered after STOP_GRACE
seconds is killed. The batch (batch.py) then clears what the guides in flight left behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
from concurrent.futures import Future, as_completed
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.build.one_guide import build_one
from pipeline.build.options import BuildOptions, Outcome

if TYPE_CHECKING:  # imported where used: a one-guide build never starts a pool
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.process import BaseProcess

STOP_GRACE = 2.0  # seconds the workers get to hand back what they finished before they are killed


class WorkerPool:
    """A process pool that, left by an exception (an interrupt, a broken pool, the consumer of
    the outcomes gone), kills its workers instead of waiting for every chunk queued, as the
    executor's own exit does."""

    def __init__(self, workers: int) -> None:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import active_children

        self._before = set(active_children())
        self.executor: ProcessPoolExecutor = ProcessPoolExecutor(max_workers=workers, initializer=_in_worker)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is None:
            self.executor.shutdown(wait=True)
            return
        self.executor.shutdown(wait=False, cancel_futures=True)
        started = self.processes()
        for process in started:
            process.kill()
        for process in started:
            process.join(timeout=5)  # dead before the caller clears their half-written files

    def processes(self) -> list[BaseProcess]:
        """The workers: the children started since the pool was made (the executor names them only
        in a private attribute, until Python 3.14's kill_workers)."""
        from multiprocessing import active_children

        return [child for child in active_children() if child not in self._before]

    def stop(self, unread: list[Future]) -> list[Outcome]:
        """Stop the workers; the outcomes of the guides they had finished in the chunks of `unread`."""
        for future in unread:
            future.cancel()  # not yet handed to a worker
        for process in self.processes():
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGINT)
        handed_back: list[Outcome] = []
        with contextlib.suppress(TimeoutError):
            for future in as_completed([f for f in unread if not f.cancelled()], timeout=STOP_GRACE):
                if future.exception() is None:
                    handed_back.extend(future.result())
        return handed_back


class _Worker:
    """This worker process's state (each worker has its own copy)."""

    stopping = False  # told to stop: it builds nothing more
    building = False  # inside build_one, the only place a stop may interrupt


def _in_worker() -> None:
    # A forked worker inherits the parent's SIGTERM handler; the parent alone decides, and kills.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, _on_stop)


def _on_stop(signum: int, frame: object) -> None:
    if _Worker.stopping:
        return  # Ctrl-C reaches a worker twice: from the terminal and from the parent
    _Worker.stopping = True
    if _Worker.building:
        raise KeyboardInterrupt  # never in the executor's own code: its queues would break


def build_chunk(chunk: list[tuple[Path, BuildOptions]]) -> list[Outcome]:
    """Build a chunk's guides in turn; stopped, the ones finished so far."""
    done: list[Outcome] = []
    for path, options in chunk:
        if _Worker.stopping:
            break
        try:
            _Worker.building = True
            outcome = build_one(path, options)
        except KeyboardInterrupt:
            break
        finally:
            _Worker.building = False
        done.append(outcome)
    return done
