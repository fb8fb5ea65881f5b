"""Finalizing a round while a score sheet is being submitted, or while the proposal changes: the
round's row is the lock both take (the sheet's workflow locks its round first; finalize and
propose_recognition lock it), so each sees what the other committed. On PostgreSQL and SQLite."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from awards.models import AwardRound, Certificate, ConflictDeclaration, Entry, ScoreSheet
from awards.services import propose_recognition
from core.workflow import transition
from tests.awards.test_results_compute import scored_round
from tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSING = ["T2026-2-001", "T2026-2-002", "T2026-1-001", "T2026-2-005", "T2026-2-003", "T2026-2-004"]


@pytest.fixture
def proposed(officer):
    award_round, entries, _judges = scored_round()
    propose_recognition(
        actor=officer,
        award_round=award_round,
        entries=[entries[c].pk for c in PASSING],
        excluded=[],
    )
    return award_round, entries


def finalize(award_round, manager):
    def run():
        with translation.override("en"):
            transition(
                AwardRound.objects.get(pk=award_round.pk),
                action="finalize",
                actor=manager,
                decision_number="1234/QĐ-UBND",
                decision_date=datetime.date(2026, 12, 10),
            )

    return run


def submit(sheet):
    def run():
        with translation.override("en"):
            transition(ScoreSheet.objects.get(pk=sheet.pk), action="submit", actor=sheet.judge)

    return run


@pytest.mark.parametrize("finalize_first", [True, False])
def test_finalize_while_a_sheet_is_being_submitted(proposed, manager, finalize_first):
    award_round, entries = proposed
    # The draft of the entry under the minimum: submitting it would give it a result.
    draft = ScoreSheet.objects.get(entry=entries["T2026-2-006"], state="draft")
    # Its judge has declared (submitting needs it): only the round's phase can refuse it.
    ConflictDeclaration.objects.get_or_create(round=award_round, judge=draft.judge)
    sides = (finalize(award_round, manager), submit(draft))

    outcomes = race(*(sides if finalize_first else reversed(sides)))

    finalized, submitted = outcomes if finalize_first else reversed(outcomes)
    assert finalized.ok, finalized
    assert isinstance(submitted.error, ValidationError)
    assert submitted.error.message_dict["requirements"] == [
        "Score sheets change only while the round is judging."
    ]
    assert ScoreSheet.objects.get(pk=draft.pk).state == "draft"
    assert Entry.objects.get(pk=entries["T2026-2-006"].pk).state == "not_recognized"
    assert Certificate.objects.filter(round=award_round).count() == 6


def test_finalize_while_the_proposal_changes(proposed, officer, manager):
    award_round, entries = proposed
    left_out = entries["T2026-2-003"]

    def propose_again():
        propose_recognition(
            actor=officer,
            award_round=AwardRound.objects.get(pk=award_round.pk),
            entries=[entries[c].pk for c in PASSING if c != "T2026-2-003"],
            excluded=[(left_out.pk, "Cơ sở đã ngừng sản xuất.")],
        )

    outcomes = race(propose_again, finalize(award_round, manager))

    assert outcomes[0].ok and outcomes[1].ok, outcomes
    # Finalize waited for the new proposal and followed it.
    assert Entry.objects.get(pk=left_out.pk).state == "not_recognized"
    assert Certificate.objects.filter(round=award_round).count() == 5
