"""What scoring tells: the judge when their sheet is reopened (with the reason), the chair when
every sheet of the panel is in (once per panel)."""

import pytest
from django.core import mail

from core.workflow import transition
from notifications.models import Notification
from tests.awards.scoring_world import make_judging
from tests.factories import give_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def j(judge, chair, facility):
    j = make_judging(judge, chair, facility=facility)
    give_scores(j.sheet, [30, 30, 8, 8])
    give_scores(j.chair_sheet, [35, 35, 9, 9])
    return j


def test_judge_is_told_a_sheet_was_reopened_with_the_reason(
    j, judge, officer, facility, django_capture_on_commit_callbacks
):
    transition(j.sheet, action="submit", actor=judge)
    with django_capture_on_commit_callbacks(execute=True):
        transition(j.sheet, action="reopen_by_officer", actor=officer, note="Tiêu chí 2 nhầm")

    (told,) = Notification.objects.filter(kind="sheet_reopened")
    assert told.recipient == judge
    assert told.title == f"Phiếu chấm điểm được mở lại: {j.entry.voting_code} “Kẹo dừa sáp”"
    assert "Lý do: Tiêu chí 2 nhầm" in told.body
    assert facility.name not in told.title + told.body  # blind round: no facility
    assert told.object_id == str(j.sheet.pk)
    assert [m.to for m in mail.outbox] == [[judge.email]]


def test_chair_is_told_once_when_every_sheet_of_the_panel_is_in(
    j, judge, chair, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        transition(j.sheet, action="submit", actor=judge)
    assert not Notification.objects.filter(kind="panel_sheets_in").exists()

    with django_capture_on_commit_callbacks(execute=True):
        transition(j.chair_sheet, action="submit", actor=chair)
        transition(j.sheet, action="reopen_by_chair", actor=chair, note="Xem lại")
        transition(j.sheet, action="submit", actor=judge)

    (told,) = Notification.objects.filter(kind="panel_sheets_in")
    assert told.recipient == chair
    assert told.title == f"Mọi phiếu chấm điểm của “{j.panel.name}” đã nộp"
    assert told.url == f"/awards/rounds/{j.round.pk}/progress/"


def test_a_void_sheet_does_not_hold_the_panel_back(
    j, judge, chair, django_capture_on_commit_callbacks
):
    from awards.models import ScoreSheet

    ScoreSheet.objects.filter(pk=j.sheet.pk).update(state="void")
    with django_capture_on_commit_callbacks(execute=True):
        transition(j.chair_sheet, action="submit", actor=chair)

    assert Notification.objects.filter(kind="panel_sheets_in", recipient=chair).count() == 1
