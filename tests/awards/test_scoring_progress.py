"""awards.progress.round_progress and awards.queries.judge_entries."""

import pytest

from awards.models import ScoreSheet
from awards.progress import round_progress
from awards.queries import judge_entries, sheets_visible_to
from tests.awards.scoring_world import make_judging
from tests.factories import EntryFactory, ScoreSheetFactory, give_scores

pytestmark = pytest.mark.django_db


def _world(judge, chair, extra: int):
    j = make_judging(judge, chair, min_score_sheets=2)
    give_scores(j.sheet, [30, 30, 8, 8], submit=True)
    give_scores(j.chair_sheet, [35, 35, 9, 9], submit=True)
    for _ in range(extra):
        entry = EntryFactory(round=j.round, state="eligible")
        give_scores(ScoreSheetFactory(panel=j.panel, judge=judge, entry=entry), {"2": 10})
        ScoreSheetFactory(panel=j.panel, judge=chair, entry=entry)
    return j


def test_round_progress_counts(judge, chair):
    j = _world(judge, chair, extra=2)
    void = ScoreSheetFactory(
        panel=j.panel, judge=j.secretary, entry=EntryFactory(round=j.round, state="eligible")
    )
    ScoreSheet.objects.filter(pk=void.pk).update(state="void")

    progress = round_progress(j.round)

    judges = {
        row["judge"].username: (row["assigned"], row["drafted"], row["submitted"])
        for row in progress["judges"]
    }
    assert judges == {judge.username: (3, 2, 1), chair.username: (3, 0, 1)}
    entries = {
        row["entry"].pk: (row["submitted"], row["minimum"], row["complete"])
        for row in progress["entries"]
    }
    assert entries[j.entry.pk] == (2, 2, True)
    assert entries[void.entry_id] == (0, 2, False)
    assert len(entries) == 4
    assert {row["panel"] for row in progress["entries"]} == {j.panel}


@pytest.mark.parametrize("extra", [0, 3])
def test_round_progress_query_count_is_constant(judge, chair, extra, django_assert_num_queries):
    j = _world(judge, chair, extra=extra)

    with django_assert_num_queries(5):
        progress = round_progress(j.round)

    assert len(progress["entries"]) == 1 + extra


def test_judge_entries_leave_out_void_sheets(judge, chair):
    j = _world(judge, chair, extra=1)
    other = ScoreSheet.objects.filter(judge=judge).exclude(pk=j.sheet.pk).get()
    ScoreSheet.objects.filter(pk=other.pk).update(state="void")

    assert list(judge_entries(judge, j.round)) == [j.entry]


def test_sheets_visible_to_secretary_and_chair_cover_the_panel(judge, chair, other_judge):
    j = _world(judge, chair, extra=0)

    assert set(sheets_visible_to(j.secretary)) == {j.sheet, j.chair_sheet}
    assert set(sheets_visible_to(chair)) == {j.sheet, j.chair_sheet}
    assert set(sheets_visible_to(judge)) == {j.sheet}
    assert set(sheets_visible_to(other_judge)) == set()
