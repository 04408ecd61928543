"""Group commit: requests that queue for one serialised resource are done together.

While one thread holds a court's numbering, the registrations that arrive for the same
court wait. Each taking its turn would cost a transaction and a commit each, one after
the other; instead the thread whose turn it is (the leader) takes every request waiting
at that moment, does them in one go (`commit`: one transaction for the batch), answers
each, and hands the lead to the first request that arrived meanwhile. Nobody is answered
before the batch's `commit` returns, so an answer always stands for a committed result.

There is no thread of its own: the leader is a requesting thread, so an idle queue
costs nothing and a lone request is done at once, as a batch of one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

Outcome = TypeVar("Outcome")

# A batch's transaction stays small enough to keep the table lock it takes short.
MAX_BATCH = 64


class Request(Generic[Outcome]):
    """One request in the queue; `commit` sets its outcome (`answer` or `fail`)."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._lead = False
        self._answered = False
        self._outcome: Outcome | None = None
        self._error: BaseException | None = None

    def answer(self, outcome: Outcome) -> None:
        self._outcome, self._answered = outcome, True

    def fail(self, error: BaseException) -> None:
        self._error, self._answered = error, True

    def result(self) -> Outcome:
        if self._error is not None:
            raise self._error
        return self._outcome  # type: ignore[return-value]


class GroupCommit(Generic[Outcome]):
    """A queue of requests for one resource, done in batches by `commit`, which must set
    every request's outcome; should it raise, every request it had not answered fails with
    that error."""

    def __init__(self, commit: Callable[[list], None], *, max_batch: int = MAX_BATCH) -> None:
        self._commit = commit
        self._max_batch = max_batch
        self._guard = threading.Lock()
        self._waiting: list[Request[Outcome]] = []
        self._leading = False

    @property
    def waiting(self) -> int:
        """How many requests wait for a batch (the one being done not counted)."""
        return len(self._waiting)

    def submit(self, request: Request[Outcome]) -> Outcome:
        with self._guard:
            self._waiting.append(request)
            leads = request._lead = not self._leading
            self._leading = True
        if not leads:
            request._done.wait()
        if request._lead:  # first in the queue, or handed the lead
            self._lead()
        return request.result()

    def _lead(self) -> None:
        with self._guard:
            batch = self._waiting[: self._max_batch]
            del self._waiting[: self._max_batch]
        try:
            self._commit(batch)
        except Exception as error:
            for request in batch:
                if not request._answered:
                    request.fail(error)
        finally:
            # Whatever happened (even an interrupt of the leader's thread), the next
            # request leads and every request of this batch is woken with an outcome.
            with self._guard:
                if self._waiting:
                    following = self._waiting[0]
                    following._lead = True
                    following._done.set()
                else:
                    self._leading = False
            for request in batch:
                if not request._answered:
                    request.fail(RuntimeError("the batch was interrupted before this request was answered"))
                request._lead = False
                request._done.set()
