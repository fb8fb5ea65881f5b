"""Concurrent changes of a round and its entries: exactly one of two conflicting changes wins,
on PostgreSQL and on SQLite (a file database in WAL mode, as a real installation runs it).

The case the issue names: a round moves from screening to judging while a returned entry of that
round is resubmitted. Judging must start on a screened list, and a resubmission needs a round
that still screens; if each transaction read the other's row without a lock, both would commit
(a round in judging with an unscreened dossier). core.workflow locks the parent rows a guard
reads (the entry's round) before the object, so the two queue on the round's row.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from awards.models import AwardRound, Entry
from awards.services import add_attachment, register_entry
from core.activity import history_of
from core.workflow import transition
from tests.concurrency import race
from tests.factories import AwardRoundFactory, EntryFactory, complete_dossier

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_sqlite_tests_run_on_a_file_database_in_wal_mode():
    """What makes the tests below bite on SQLite: the in-memory test database would answer a
    second writer with "table is locked" instead of letting it wait."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert connection.settings_dict["NAME"].endswith(".sqlite3")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


@pytest.fixture
def screening_round_with_returned_entry(facility, officer, applicant):
    """A round in screening whose only entry was returned and is ready to resubmit."""
    award_round = AwardRoundFactory(state="registration")
    entry = EntryFactory(round=award_round, facility=facility)
    complete_dossier(entry)
    transition(entry, action="submit", actor=applicant)
    transition(award_round, action="close_registration", actor=officer, note="Đóng sớm")
    transition(entry, action="return_for_completion", actor=officer, note="Bổ sung Mẫu 01")
    # Judging (issue 8): starting it needs an eligible entry and its panel.
    from tests.factories import ready_for_judging

    ready_for_judging(award_round)
    return award_round, entry


def resubmit(entry, applicant):
    return lambda: transition(Entry.objects.get(pk=entry.pk), action="resubmit", actor=applicant)


def start_judging(award_round, officer):
    return lambda: transition(
        AwardRound.objects.get(pk=award_round.pk), action="start_judging", actor=officer
    )


def assert_one_winner(outcomes) -> None:
    assert sum(outcome.ok for outcome in outcomes) == 1, outcomes
    (loser,) = [outcome for outcome in outcomes if not outcome.ok]
    # Refused cleanly by the workflow's guard, not by a database error.
    assert isinstance(loser.error, ValidationError), loser


def test_round_starts_judging_while_an_entry_is_resubmitted_round_first(
    screening_round_with_returned_entry, officer, applicant
):
    award_round, entry = screening_round_with_returned_entry

    outcomes = race(start_judging(award_round, officer), resubmit(entry, applicant))

    assert_one_winner(outcomes)
    assert outcomes[0].ok  # the round moved first; the resubmission finds it judging
    assert outcomes[1].error.messages == [
        "Chỉ thẩm tra hồ sơ khi đợt bình chọn đang nhận đăng ký hoặc đang thẩm tra."
    ]
    assert AwardRound.objects.get(pk=award_round.pk).state == "judging"
    assert Entry.objects.get(pk=entry.pk).state == "returned"


def test_round_starts_judging_while_an_entry_is_resubmitted_entry_first(
    screening_round_with_returned_entry, officer, applicant
):
    award_round, entry = screening_round_with_returned_entry

    outcomes = race(resubmit(entry, applicant), start_judging(award_round, officer))

    assert_one_winner(outcomes)
    assert outcomes[0].ok  # the entry was resubmitted first; judging finds it unscreened
    assert outcomes[1].error.messages == ["Còn 1 hồ sơ đã nộp chưa được thẩm tra."]
    assert AwardRound.objects.get(pk=award_round.pk).state == "screening"
    assert Entry.objects.get(pk=entry.pk).state == "submitted"


def test_registration_closes_while_a_product_is_registered(
    award_round, facility, officer, applicant
):
    """register_entry locks the round too: a registration never slips in after the close."""
    product_group = award_round.product_groups.get(code=2)

    def register():
        register_entry(
            actor=applicant,
            award_round=AwardRound.objects.get(pk=award_round.pk),
            facility=facility,
            data={"product_name": "Kẹo dừa lá dứa", "product_group": product_group},
        )

    def close():
        transition(
            AwardRound.objects.get(pk=award_round.pk),
            action="close_registration",
            actor=officer,
            note="Đóng sớm",
        )

    outcomes = race(close, register)

    assert outcomes[0].ok
    assert isinstance(outcomes[1].error, ValidationError)
    assert list(outcomes[1].error.message_dict) == ["round"]
    assert not Entry.objects.filter(round=award_round).exists()


def test_a_file_is_not_added_to_a_dossier_submitted_meanwhile(complete_entry, applicant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import png_bytes

    def submit():
        transition(Entry.objects.get(pk=complete_entry.pk), action="submit", actor=applicant)

    def upload():
        add_attachment(
            actor=applicant,
            entry=Entry.objects.get(pk=complete_entry.pk),
            kind="photo",
            upload=SimpleUploadedFile("anh.png", png_bytes(700, 700), "image/png"),
        )

    count = complete_entry.attachments.count()
    outcomes = race(submit, upload)

    assert outcomes[0].ok
    assert outcomes[1].refused
    assert Entry.objects.get(pk=complete_entry.pk).attachments.count() == count


def test_two_concurrent_transitions_of_one_entry_never_both_succeed(submitted_entry, officer):
    """Two officers return the same entry at the same moment: exactly one succeeds, and the
    other is refused by the state check (it waited for the lock, then saw the new state)."""
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

    assert sorted(outcomes) == ["ValidationError", "moved"]
    entry = Entry.objects.get(pk=submitted_entry.pk)
    assert entry.state == Entry.State.RETURNED
    transitions = history_of(entry).filter(action="transition", after__state="returned")
    assert transitions.count() == 1
    assert entry.state_reason == transitions.get().note


@pytest.mark.django_db
def test_an_entry_change_locks_its_round_before_the_entry(submitted_entry, officer):
    """The lock order itself, on both databases (SQLite serializes every write transaction, so
    the race tests above cannot tell a missing parent lock there): the round's row is read
    first, and on PostgreSQL both reads take a row lock."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        transition(submitted_entry, action="return_for_completion", actor=officer, note="Bổ sung")

    selects = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    round_row = next(i for i, sql in enumerate(selects) if 'FROM "awards_awardround"' in sql)
    entry_row = next(
        i
        for i, sql in enumerate(selects)
        if 'FROM "awards_entry"' in sql and '"awards_entry"."product_name"' in sql
    )
    assert round_row < entry_row
    if connection.vendor == "postgresql":
        assert selects[round_row].rstrip().endswith("FOR UPDATE")
        assert selects[entry_row].rstrip().endswith("FOR UPDATE")
