"""Concurrent scoring: a sheet is never submitted or written once the round has left judging,
even by a request that started before (both queue on the round's row, locked first by the
sheet's workflow and by save_scores); two sheets of one entry submitted at once both go in.
On SQLite (a file in WAL mode) and PostgreSQL."""

import pytest
from django.core.exceptions import ValidationError

from awards.models import AwardRound, ScoreSheet
from awards.services import save_scores
from core.workflow import transition
from tests.awards.scoring_world import FULL, make_judging
from tests.concurrency import race
from tests.factories import give_scores

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def j(judge, chair):
    j = make_judging(judge, chair)
    give_scores(j.sheet, [30, 30, 8, 8])
    give_scores(j.chair_sheet, [35, 35, 9, 9])
    return j


def submit(sheet, actor):
    return lambda: transition(ScoreSheet.objects.get(pk=sheet.pk), action="submit", actor=actor)


def end_judging(award_round, officer):
    return lambda: transition(
        AwardRound.objects.get(pk=award_round.pk), action="end_judging", actor=officer
    )


def test_submit_first_then_end_judging_both_succeed(j, judge, officer):
    outcomes = race(submit(j.sheet, judge), end_judging(j.round, officer))

    assert [o.ok for o in outcomes] == [True, True], outcomes
    j.sheet.refresh_from_db()
    j.round.refresh_from_db()
    assert (j.sheet.state, j.round.state) == ("submitted", "deliberation")


def test_end_judging_first_refuses_a_submission_that_started_before(j, judge, officer):
    outcomes = race(end_judging(j.round, officer), submit(j.sheet, judge))

    assert outcomes[0].ok, outcomes
    assert isinstance(outcomes[1].error, ValidationError), outcomes
    assert [e.code for e in outcomes[1].error.error_dict["requirements"]] == ["requirement_missing"]
    j.sheet.refresh_from_db()
    assert j.sheet.state == "draft"
    assert j.sheet.submitted_at is None


def test_end_judging_first_refuses_scores_written_by_a_request_that_started_before(
    j, judge, officer
):
    def write():
        save_scores(actor=judge, sheet=ScoreSheet.objects.get(pk=j.sheet.pk), scores=FULL)

    outcomes = race(end_judging(j.round, officer), write)

    assert outcomes[0].ok, outcomes
    assert isinstance(outcomes[1].error, ValidationError), outcomes
    assert outcomes[1].error.code == "not_judging"
    j.sheet.refresh_from_db()
    assert str(j.sheet.total) == "76.0"


def test_two_sheets_of_one_entry_submitted_at_once_both_go_in(j, judge, chair):
    outcomes = race(submit(j.sheet, judge), submit(j.chair_sheet, chair))

    assert [o.ok for o in outcomes] == [True, True], outcomes
    states = set(ScoreSheet.objects.filter(entry=j.entry).values_list("state", flat=True))
    assert states == {"submitted"}
