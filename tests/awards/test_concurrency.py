import threading

import pytest
from django.db import connection

from awards.models import Entry
from core.activity import history_of
from core.workflow import transition


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_transitions_of_one_entry_never_both_succeed(submitted_entry, officer):
    """Two officers return the same entry at the same moment: exactly one succeeds.

    The loser is refused by the state check (PostgreSQL: it waits for the row lock, then sees
    the new state) or by the database lock (SQLite); either way nothing is written twice.
    """
    barrier = threading.Barrier(2)
    outcomes = []

    def officer_returns_entry(note):
        try:
            entry = Entry.objects.get(pk=submitted_entry.pk)
            barrier.wait(timeout=10)
            transition(entry, to=Entry.State.RETURNED, actor=officer, note=note)
            outcomes.append("moved")
        except Exception as error:  # the loser's error is the point
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=officer_returns_entry, args=(f"Bổ sung {n}",)) for n in (1, 2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes.count("moved") == 1
    # The loser is refused by the workflow (it found the entry already returned) or, on the
    # in-memory SQLite test database, by the database's table lock; nothing else.
    (loser,) = [outcome for outcome in outcomes if outcome != "moved"]
    assert loser in ("ValidationError", "OperationalError")
    if connection.vendor == "postgresql":
        # The row lock makes the loser wait, re-read the state and be refused cleanly.
        assert loser == "ValidationError"
    entry = Entry.objects.get(pk=submitted_entry.pk)
    assert entry.state == Entry.State.RETURNED
    transitions = history_of(entry).filter(action="transition", after={"state": "returned"})
    assert transitions.count() == 1
    assert entry.state_reason == transitions.get().note
