"""awards.services.scoring (save_scores, check_scores) and the score sheet's workflow."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from awards.models import ConflictDeclaration, ScoreSheet
from awards.services import ScoresInvalid, check_scores, save_scores
from core.activity import history_of
from core.workflow import transition
from tests.awards.scoring_world import FULL, make_judging, split_first_criterion
from tests.factories import give_scores

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages as written in the source (the log's note is in the site's language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def j(judge, chair):
    return make_judging(judge, chair)


def _scores(sheet):
    return {s.criterion.code: (s.points, s.note) for s in sheet.scores.select_related("criterion")}


def _errors(call) -> dict:
    with pytest.raises(ScoresInvalid) as caught:
        call()
    return caught.value.scores


def test_save_scores_writes_points_notes_comment_and_total(j, judge):
    sheet = save_scores(actor=judge, sheet=j.sheet, scores=FULL, comment="  Sản phẩm đẹp  ")

    sheet.refresh_from_db()
    assert _scores(sheet) == {
        "1": (Decimal("35.5"), "Thị trường tốt"),
        "2": (Decimal("30.0"), ""),
        "3": (Decimal("8.0"), ""),
        "4": (Decimal("7.5"), ""),
    }
    assert (sheet.total, sheet.comment, sheet.state, sheet.entered_by) == (
        Decimal("81.0"),
        "Sản phẩm đẹp",
        "draft",
        None,
    )


def test_save_scores_logs_scores_before_and_after(j, judge):
    save_scores(actor=judge, sheet=j.sheet, scores=FULL[:1])
    save_scores(actor=judge, sheet=j.sheet, scores=[{"criterion": "1", "points": "36"}])

    row = history_of(j.sheet).first()
    assert row.actor == judge
    assert row.before["scores"] == {"1": {"points": "35.5", "note": "Thị trường tốt"}}
    assert row.after["scores"] == {"1": {"points": "36.0", "note": ""}}
    assert (row.before["total"], row.after["total"]) == ("35.5", "36.0")


def test_save_scores_a_draft_may_miss_scores_and_empty_points_remove_one(j, judge):
    save_scores(actor=judge, sheet=j.sheet, scores=FULL)
    sheet = save_scores(
        actor=judge,
        sheet=j.sheet,
        scores=[{"criterion": "2", "points": None}, {"criterion": "3", "points": ""}],
    )

    assert sorted(_scores(sheet)) == ["1", "4"]
    assert sheet.total == Decimal("43.0")


def test_save_scores_unchanged_writes_no_log_row(j, judge):
    save_scores(actor=judge, sheet=j.sheet, scores=FULL)
    count = history_of(j.sheet).count()

    save_scores(actor=judge, sheet=j.sheet, scores=FULL)

    assert history_of(j.sheet).count() == count


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ("40.5", "Give between 0 and 40 points."),
        ("-0.5", "Give between 0 and 40 points."),
        ("35.25", "Points go in steps of 0.5 (such as 35 or 35.5)."),
        ("35.3", "Points go in steps of 0.5 (such as 35 or 35.5)."),
        ("abc", "Enter the points as a number, such as 35.5."),
        ("NaN", "Enter the points as a number, such as 35.5."),
        (True, "Enter the points as a number, such as 35.5."),
    ],
)
def test_save_scores_refuses_points_out_of_range_or_off_step(j, judge, points, message):
    errors = _errors(
        lambda: save_scores(
            actor=judge, sheet=j.sheet, scores=[{"criterion": "1", "points": points}, FULL[1]]
        )
    )

    assert errors == {"1": [message]}
    assert j.sheet.scores.count() == 0  # nothing half-written


def test_save_scores_accepts_the_bounds_and_a_decimal_comma(j, judge):
    sheet = save_scores(
        actor=judge,
        sheet=j.sheet,
        scores=[
            {"criterion": "1", "points": "40"},
            {"criterion": "2", "points": 0},
            {"criterion": "3", "points": "9,5"},
            {"criterion": "4", "points": 9.5},
        ],
    )

    assert sheet.total == Decimal("59.0")


def test_save_scores_refuses_a_criterion_not_in_the_round(j, judge):
    errors = _errors(
        lambda: save_scores(actor=judge, sheet=j.sheet, scores=[{"criterion": "9", "points": "5"}])
    )

    assert errors == {"9": ["This criterion is not one of the round's."]}


def test_save_scores_refuses_a_criterion_of_another_round(j, judge, chair):
    other = make_judging(judge, chair)
    split_first_criterion(other.round)

    errors = _errors(
        lambda: save_scores(actor=judge, sheet=j.sheet, scores=[{"criterion": "1.1", "points": 5}])
    )

    assert errors == {"1.1": ["This criterion is not one of the round's."]}


def test_save_scores_refuses_a_parent_criterion_and_scores_its_children(j, judge):
    split_first_criterion(j.round)

    errors = _errors(
        lambda: save_scores(actor=judge, sheet=j.sheet, scores=[{"criterion": "1", "points": 30}])
    )
    sheet = save_scores(
        actor=judge,
        sheet=j.sheet,
        scores=[{"criterion": "1.1", "points": "20.5"}, {"criterion": "1.2", "points": 15}],
    )

    assert errors == {"1": ["This criterion has sub-criteria: its points are the sum of theirs."]}
    assert sheet.total == Decimal("35.5")


def test_save_scores_refuses_a_sub_criterion_above_its_own_maximum(j, judge):
    split_first_criterion(j.round)

    errors = _errors(
        lambda: save_scores(actor=judge, sheet=j.sheet, scores=[{"criterion": "1.2", "points": 16}])
    )

    assert errors == {"1.2": ["Give between 0 and 15 points."]}


def test_save_scores_refuses_a_criterion_twice_a_long_note_and_a_long_comment(j, judge):
    with pytest.raises(ScoresInvalid) as caught:
        save_scores(
            actor=judge,
            sheet=j.sheet,
            scores=[
                {"criterion": "2", "points": 1},
                {"criterion": "2", "points": 2},
                {"criterion": "3", "points": 1, "note": "x" * 501},
            ],
            comment="y" * 10_001,
        )

    assert caught.value.scores == {
        "2": ["This criterion is given twice."],
        "3": ["Write at most 500 characters (this note has 501)."],
    }
    assert caught.value.comment == ["Write at most 10000 characters (this comment has 10001)."]
    # As a plain ValidationError too: keyed by "scores" and "comment".
    assert sorted(caught.value.message_dict) == ["comment", "scores"]


def test_check_scores_makes_the_same_checks_writing_nothing(j):
    with pytest.raises(ScoresInvalid) as caught:
        check_scores(j.sheet, [{"criterion": "1", "points": "41"}])
    check_scores(j.sheet, FULL, comment="Tốt")

    assert caught.value.scores == {"1": ["Give between 0 and 40 points."]}
    assert j.sheet.scores.count() == 0


def test_save_scores_on_someone_else_s_sheet_is_refused(j, judge, chair, other_judge, officer):
    for actor in (chair, other_judge, officer):
        with pytest.raises(PermissionDenied):
            save_scores(actor=actor, sheet=j.sheet, scores=FULL)

    assert j.sheet.scores.count() == 0


def test_save_scores_needs_the_judge_s_declaration(judge, chair):
    j = make_judging(judge, chair, declared=False)

    with pytest.raises(PermissionDenied, match="conflict-of-interest declaration"):
        save_scores(actor=judge, sheet=j.sheet, scores=FULL)


def test_save_scores_after_submission_is_refused(j, judge):
    give_scores(j.sheet, [30, 30, 8, 8], submit=True)

    with pytest.raises(ValidationError) as caught:
        save_scores(actor=judge, sheet=j.sheet, scores=FULL)

    assert caught.value.code == "submitted"


def test_save_scores_after_the_round_left_judging_is_refused(j, judge, officer):
    transition(j.round, action="end_judging", actor=officer)

    with pytest.raises(ValidationError) as caught:
        save_scores(actor=judge, sheet=j.sheet, scores=FULL)

    assert caught.value.messages == ["Score sheets change only while the round is judging."]


def test_save_scores_on_a_void_sheet_is_refused(j, judge):
    ScoreSheet.objects.filter(pk=j.sheet.pk).update(state="void")

    with pytest.raises(ValidationError) as caught:
        save_scores(actor=judge, sheet=j.sheet, scores=FULL)

    assert caught.value.code == "void"


def test_secretary_enters_a_paper_sheet_recording_who_and_on_whose_behalf(j):
    sheet = save_scores(actor=j.secretary, sheet=j.sheet, scores=FULL, comment="Phiếu giấy")

    row = history_of(sheet).first()
    assert sheet.entered_by == j.secretary
    assert row.actor == j.secretary
    assert row.after["entered_by"] == j.secretary.pk
    assert row.note == f"Đã nhập từ phiếu giấy của {j.judge.full_name}, thay cho giám khảo."
    # and submits it
    submitted = transition(sheet, action="submit", actor=j.secretary)
    assert submitted.state == "submitted"


def test_secretary_of_another_panel_cannot_enter_the_sheet(j, judge, chair):
    other = make_judging(judge, chair)

    with pytest.raises(PermissionDenied):
        save_scores(actor=other.secretary, sheet=j.sheet, scores=FULL)


# ---- The workflow ---------------------------------------------------------------------------


def test_submit_requires_every_criterion(j, judge):
    save_scores(actor=judge, sheet=j.sheet, scores=FULL[:3])

    with pytest.raises(ValidationError) as caught:
        transition(j.sheet, action="submit", actor=judge)

    assert caught.value.message_dict["requirements"] == [
        "Give points for every criterion; missing: 4."
    ]


def test_submit_with_every_criterion_marks_the_time(j, judge):
    save_scores(actor=judge, sheet=j.sheet, scores=FULL)

    sheet = transition(j.sheet, action="submit", actor=judge)

    assert sheet.state == "submitted"
    assert sheet.submitted_at is not None


def test_submit_requires_the_judge_s_declaration(j, judge):
    give_scores(j.sheet, [30, 30, 8, 8])
    ConflictDeclaration.objects.filter(judge=judge).delete()

    with pytest.raises(ValidationError) as caught:
        transition(j.sheet, action="submit", actor=j.secretary)

    assert caught.value.message_dict["requirements"] == [
        "The judge has not answered this round's conflict-of-interest declaration."
    ]


def test_submit_by_another_judge_is_refused(j, chair, other_judge):
    give_scores(j.sheet, [30, 30, 8, 8])

    for actor in (chair, other_judge):
        with pytest.raises(PermissionDenied):
            transition(j.sheet, action="submit", actor=actor)


def test_submit_after_the_round_left_judging_is_refused(j, judge, officer):
    give_scores(j.sheet, [30, 30, 8, 8])
    transition(j.round, action="end_judging", actor=officer)

    with pytest.raises(ValidationError) as caught:
        transition(j.sheet, action="submit", actor=judge)

    assert caught.value.message_dict["requirements"] == [
        "Score sheets change only while the round is judging."
    ]


@pytest.mark.parametrize("who", ["chair", "officer"])
def test_reopen_needs_a_reason(j, who, chair, officer):
    give_scores(j.sheet, [30, 30, 8, 8], submit=True)
    actor, action = {
        "chair": (chair, "reopen_by_chair"),
        "officer": (officer, "reopen_by_officer"),
    }[who]

    with pytest.raises(ValidationError) as caught:
        transition(j.sheet, action=action, actor=actor)
    reopened = transition(j.sheet, action=action, actor=actor, note="Tiêu chí 2 chấm nhầm")

    assert list(caught.value.message_dict) == ["note"]
    assert (reopened.state, reopened.submitted_at) == ("draft", None)


@pytest.mark.parametrize("who", ["chair", "officer"])
def test_reopen_only_while_judging(j, who, chair, officer):
    give_scores(j.sheet, [30, 30, 8, 8], submit=True)
    transition(j.round, action="end_judging", actor=officer)
    actor, action = {
        "chair": (chair, "reopen_by_chair"),
        "officer": (officer, "reopen_by_officer"),
    }[who]

    with pytest.raises(ValidationError) as caught:
        transition(j.sheet, action=action, actor=actor, note="Chấm lại")

    assert caught.value.message_dict["requirements"] == [
        "Score sheets change only while the round is judging."
    ]


def test_reopen_by_the_judge_or_a_member_is_refused(j, judge, manager):
    give_scores(j.sheet, [30, 30, 8, 8], submit=True)

    for actor, action in (
        (judge, "reopen_by_chair"),
        (judge, "reopen_by_officer"),
        (manager, "reopen_by_officer"),
    ):
        with pytest.raises(PermissionDenied):
            transition(j.sheet, action=action, actor=actor, note="x")


def test_a_void_sheet_never_moves(j, judge, chair, officer):
    give_scores(j.sheet, [30, 30, 8, 8])
    ScoreSheet.objects.filter(pk=j.sheet.pk).update(state="void")
    j.sheet.refresh_from_db()

    for actor, action in (
        (judge, "submit"),
        (chair, "reopen_by_chair"),
        (officer, "reopen_by_officer"),
        (judge, "void"),
    ):
        with pytest.raises(ValidationError):
            transition(j.sheet, action=action, actor=actor, note="x")
    assert ScoreSheet.workflow.available(judge, j.sheet) == []


def test_a_sheet_of_a_final_round_is_never_voided(db):
    """Voiding is the conflicts service's step; even made directly, it is refused once the
    round's results are final."""
    from django.core.exceptions import ValidationError as DjangoValidationError

    from core.workflow import transition as make
    from tests.factories import AwardRoundFactory, ScoreSheetFactory, give_scores

    award_round = AwardRoundFactory(state="finalized")
    sheet = give_scores(ScoreSheetFactory(panel__round=award_round), [30, 30, 8, 8], submit=True)

    with pytest.raises(DjangoValidationError):
        make(sheet, action="void", actor=sheet.judge, note="Người thân")
    sheet.refresh_from_db()
    assert sheet.state == "submitted"
