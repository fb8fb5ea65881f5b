"""Forcing two transactions to interleave, for the concurrency tests.

`race(first, second)` runs `first` in a transaction that stays open until `second` has started
and is either waiting for a lock or done, and only then commits: the interleaving that lets two
conflicting changes both commit when a guard reads a row it did not lock. Each runs in its own
thread with its own database connection (tests using it need
`@pytest.mark.django_db(transaction=True, serialized_rollback=True)`: the
flush that follows a test without serialized_rollback would empty the other tests' database).

How "waiting for a lock" is seen: on PostgreSQL, the second connection's backend shows a `Lock`
wait in pg_stat_activity; on SQLite (a file in WAL mode, tests/settings.py), a writer waits for
the database's write lock inside the driver, which cannot be observed, so the first transaction
holds on for a moment before committing.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction

SQLITE_HOLD = 0.5  # seconds the first transaction stays open on SQLite
TIMEOUT = 20


@dataclass
class Outcome:
    """What one side of the race ended with: `ok`, or the exception it raised."""

    ok: bool = False
    error: BaseException | None = None

    @property
    def refused(self) -> bool:
        return self.error is not None

    def __repr__(self) -> str:
        return "ok" if self.ok else f"{type(self.error).__name__}: {self.error}"


def race(first: Callable[[], object], second: Callable[[], object]) -> tuple[Outcome, Outcome]:
    first_done, second_started, second_done = (threading.Event() for _ in range(3))
    second_pid: list[int] = []
    outcomes = (Outcome(), Outcome())

    def run_first():
        try:
            with transaction.atomic():
                first()
                first_done.set()
                _wait_until_blocked_or_done(second_started, second_done, second_pid)
            outcomes[0].ok = True
        except BaseException as error:  # the loser's error is what the test looks at
            outcomes[0].error = error
        finally:
            first_done.set()
            connection.close()

    def run_second():
        try:
            first_done.wait(TIMEOUT)
            if connection.vendor == "postgresql":
                connection.ensure_connection()
                second_pid.append(connection.connection.info.backend_pid)
            second_started.set()
            second()
            outcomes[1].ok = True
        except BaseException as error:
            outcomes[1].error = error
        finally:
            second_started.set()
            second_done.set()
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)
    return outcomes


def _wait_until_blocked_or_done(started, done, pid) -> None:
    started.wait(TIMEOUT)
    if connection.vendor != "postgresql":
        done.wait(SQLITE_HOLD)
        return
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and not done.is_set():
        with connection.cursor() as cursor:
            cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", pid)
            row = cursor.fetchone()
        if row is not None and row[0] == "Lock":
            return
        time.sleep(0.01)
