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
import gc
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.build.options import BuildOptions, Outcome

if TYPE_CHECKING:  # imported where used: a one-guide build never starts a pool
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.process import BaseProcess

STOP_GRACE = 2.0  # seconds the workers get to hand back what they finished before they are killed

# While guides are printed, the collector's youngest generation runs once per this many objects
# instead of 700, and a collection follows each guide (see printing_collector).
LAYOUT_GC_THRESHOLD = 200_000
FULL_COLLECTION_EVERY = 32  # printed guides between a worker's full collections (see build_chunk)


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
        from concurrent.futures import as_completed  # a pool is running: already imported

        handed_back: list[Outcome] = []
        with contextlib.suppress(TimeoutError):
            for future in as_completed([f for f in unread if not f.cancelled()], timeout=STOP_GRACE):
                if future.exception() is None:
                    handed_back.extend(future.result())
        return handed_back


def prints(options: BuildOptions) -> bool:
    """Whether a guide's build lays pages out (the formats WeasyPrint writes)."""
    return bool({"pdf", "handout"} & set(options.formats))


class _Printing:
    """The guides being printed in this process (threads of `watch` or `serve` may overlap) and
    the collector's thresholds from before the first of them."""

    lock = threading.Lock()
    depth = 0
    thresholds: tuple[int, ...] = (700, 10, 10)


@contextlib.contextmanager
def printing_collector(printing: bool = True) -> Iterator[None]:
    """While a guide is printed, collect garbage once after it instead of all the way through.

    WeasyPrint makes tens of thousands of boxes a guide; at Python's default thresholds the cyclic
    collector ran about 60 times during each, and every few guides a full collection walked the
    whole heap: 40-65 ms of a guide's 650 ms. With the youngest generation's threshold raised, a
    guide of our size triggers none, and one collection of the young generations afterwards (16-19
    ms) frees its cycles; the heap grows no larger. A longer guide is still collected as it goes.
    EPUBs are left alone: they make few objects. (A pool worker does the same in build_chunk,
    collecting between guides, where a stop cannot interrupt it.)"""
    if not printing:
        yield
        return
    with _Printing.lock:
        if _Printing.depth == 0:
            _Printing.thresholds = gc.get_threshold()
            gc.set_threshold(LAYOUT_GC_THRESHOLD, *_Printing.thresholds[1:])
        _Printing.depth += 1
    try:
        yield
    finally:
        gc.collect(1)  # before the threshold drops back, which would collect them piecemeal
        with _Printing.lock:
            _Printing.depth -= 1
            if _Printing.depth == 0:
                gc.set_threshold(*_Printing.thresholds)


class _Worker:
    """This worker process's state (each worker has its own copy)."""

    stopping = False  # told to stop: it builds nothing more
    building = False  # inside build_one, the only place a stop may interrupt
    printed = 0  # guides printed: the collector's pace (build_chunk)


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
    # Imported by the parent before the fork (pool.py): a batch with nothing to build needs none.
    from pipeline.build.one_guide import build_one

    done: list[Outcome] = []
    for path, options in chunk:
        if _Worker.stopping:
            break
        printing = prints(options)
        if printing:  # a worker lives for one batch: its threshold stays up (printing_collector)
            gc.set_threshold(LAYOUT_GC_THRESHOLD, *gc.get_threshold()[1:])
        try:
            _Worker.building = True
            outcome = build_one(path, options)
        except KeyboardInterrupt:
            break
        finally:
            _Worker.building = False
        done.append(outcome)
        if printing:  # the guide's cycles, collected once it is safely finished
            _Worker.printed += 1
            # Now and then a full collection too, which the raised threshold would otherwise
            # hardly ever start: cycles that outlived a guide's own collection are freed as well.
            gc.collect(2 if _Worker.printed % FULL_COLLECTION_EVERY == 0 else 1)
    return done
