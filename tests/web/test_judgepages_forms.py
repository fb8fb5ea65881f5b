"""The score sheet's form and the chair's reopening (awards.views.judging, awards.forms.scoring):
bad points refused per criterion in one pass, nothing written; a sheet that can no longer change
refused in words (Vietnamese); the secretary's paper sheet; the chair's reopen with a reason."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from awards.models import ConflictDeclaration, Score
from core.activity import history_of
from core.roles import Role
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    PanelFactory,
    PanelMemberFactory,
    ScoreSheetFactory,
    UserFactory,
    give_scores,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def judging(judge, chair, facility):
    award_round = AwardRoundFactory(state="judging")
    panel = PanelFactory(round=award_round)
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    PanelMemberFactory(panel=panel, judge=judge, role="member")
    secretary = UserFactory(username="secretary", full_name="Thư Ký Lan", role=Role.JUDGE)
    PanelMemberFactory(panel=panel, judge=secretary, role="secretary")
    for user in (judge, chair, secretary):
        ConflictDeclaration.objects.create(round=award_round, judge=user)
    entry = EntryFactory(round=award_round, facility=facility, state="eligible")
    sheet = ScoreSheetFactory(panel=panel, entry=entry, judge=judge)
    criteria = {c.code: c for c in award_round.criteria.all()}
    return SimpleNamespace(
        round=award_round,
        panel=panel,
        entry=entry,
        sheet=sheet,
        criteria=criteria,
        secretary=secretary,
    )


def sheet_data(judging, points: dict, *, action="save", comment="Nhận xét", **extra) -> dict:
    data = {"from": "draft", "action": action, "comment": comment}
    for code, criterion in judging.criteria.items():
        data[f"points_{criterion.pk}"] = points.get(code, "")
        data[f"note_{criterion.pk}"] = ""
    data.update(extra)
    return data


def post_sheet(client, judging, points, **kwargs):
    url = reverse("awards:judging-sheet", args=[judging.sheet.pk])
    return client.post(url, sheet_data(judging, points, **kwargs))


# ---- Refused before anything is written (no scoring service needed) -----------------------------


def test_not_a_number_is_refused_beside_its_criterion(client_as, judge, judging):
    pytest.importorskip("awards.services.scoring")
    response = post_sheet(client_as(judge), judging, {"1": "ba mươi"})

    assert response.status_code == 200
    assert "Hãy nhập điểm bằng số, ví dụ 35,5." in response.text
    assert f'id="id_points_{judging.criteria["1"].pk}_error"' in response.text
    assert Score.objects.count() == 0


def test_sheet_of_a_round_that_left_judging_is_refused_in_words(client_as, judge, judging):
    judging.round.state = "deliberation"
    judging.round.save()

    response = post_sheet(client_as(judge), judging, {"1": "30"}, action="submit")

    assert response.status_code == 302
    followed = client_as(judge).get(response.url)
    assert "Việc chấm điểm của vòng này đã kết thúc" in followed.text
    judging.sheet.refresh_from_db()
    assert (judging.sheet.state, Score.objects.count()) == ("draft", 0)


def test_sheet_of_a_finalized_round_is_refused_in_words(client_as, judge, judging):
    judging.round.state = "finalized"
    judging.round.save()
    client = client_as(judge)

    response = post_sheet(client, judging, {"1": "30"})

    assert "Việc chấm điểm của vòng này đã kết thúc" in client.get(response.url).text
    assert Score.objects.count() == 0


def test_submitted_sheet_is_refused_in_words(client_as, judge, judging):
    give_scores(judging.sheet, [30, 30, 8, 8], submit=True)
    client = client_as(judge)

    response = post_sheet(client, judging, {"1": "10"})

    assert response.status_code == 302
    assert "Phiếu chấm điểm chưa được lưu" in client.get(response.url).text
    assert Score.objects.get(criterion=judging.criteria["1"]).points == Decimal("30")


def test_a_page_left_open_while_the_sheet_was_voided_says_so(client_as, judge, judging):
    judging.sheet.state = "void"
    judging.sheet.save()
    client = client_as(judge)

    response = post_sheet(client, judging, {"1": "10"})

    text = client.get(response.url).text
    assert "Phiếu chấm điểm chưa được lưu" in text
    assert 'id="score-form"' not in text
    assert Score.objects.count() == 0


def test_someone_elses_sheet_cannot_be_written(client_as, other_judge, chair, judging):
    ConflictDeclaration.objects.create(round=judging.round, judge=other_judge)
    for user in (other_judge, chair):
        response = post_sheet(client_as(user), judging, {"1": "10"})
        assert response.status_code == 404
    assert Score.objects.count() == 0


# ---- Through the scoring service ----------------------------------------------------------------


@pytest.fixture
def scoring():
    return pytest.importorskip("awards.services.scoring")


def test_out_of_range_and_off_step_points_are_all_refused_in_one_pass(
    scoring, client_as, judge, judging
):
    response = post_sheet(client_as(judge), judging, {"1": "41", "2": "12.3", "3": "abc"})

    assert response.status_code == 200
    for code in ("1", "2", "3"):
        assert f'id="id_points_{judging.criteria[code].pk}_error"' in response.text
        assert f'name="points_{judging.criteria[code].pk}"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert "error-summary" in response.text
    assert Score.objects.count() == 0


def test_draft_saves_with_missing_scores(scoring, client_as, judge, judging):
    response = post_sheet(client_as(judge), judging, {"1": "35,5", "2": "30"})

    assert response.status_code == 302
    judging.sheet.refresh_from_db()
    assert (judging.sheet.state, judging.sheet.total) == ("draft", Decimal("65.5"))
    assert judging.sheet.comment == "Nhận xét"


def test_submit_requires_every_criterion_and_writes_nothing(scoring, client_as, judge, judging):
    response = post_sheet(client_as(judge), judging, {"1": "35", "2": "30"}, action="submit")

    assert response.status_code == 200
    assert response.text.count("Hãy cho điểm tiêu chí này trước khi nộp phiếu.") >= 2
    judging.sheet.refresh_from_db()
    assert (judging.sheet.state, Score.objects.count()) == ("draft", 0)


def test_submit_with_every_criterion(scoring, client_as, judge, judging):
    points = {"1": "35", "2": "30", "3": "8.5", "4": "7"}

    response = post_sheet(client_as(judge), judging, points, action="submit")

    assert response.status_code == 302
    assert response.url == reverse("awards:judging-round", args=[judging.round.pk])
    judging.sheet.refresh_from_db()
    assert (judging.sheet.state, judging.sheet.total) == ("submitted", Decimal("80.5"))


def test_secretary_enters_and_submits_the_paper_sheet(scoring, client_as, judging):
    points = {"1": "35", "2": "30", "3": "8", "4": "7"}

    response = post_sheet(client_as(judging.secretary), judging, points, action="submit")

    assert response.status_code == 302
    judging.sheet.refresh_from_db()
    assert judging.sheet.state == "submitted"
    assert judging.sheet.entered_by == judging.secretary
    assert history_of(judging.sheet).filter(actor=judging.secretary).exists()


# ---- The chair's reopening ----------------------------------------------------------------------


def reopen(client, judging, note):
    url = reverse("awards:judging-panel", args=[judging.panel.pk])
    data = {"action": "reopen_by_chair", "from": "submitted", "sheet": judging.sheet.pk}
    return client.post(url, {**data, "note": note})


def test_chair_reopens_a_submitted_sheet_with_a_reason(client_as, chair, judging):
    give_scores(judging.sheet, [30, 30, 8, 8], submit=True)

    response = reopen(client_as(chair), judging, "Xin chấm lại tiêu chí 2.")

    assert response.status_code == 302
    judging.sheet.refresh_from_db()
    assert judging.sheet.state == "draft"
    assert history_of(judging.sheet).first().note == "Xin chấm lại tiêu chí 2."


def test_chair_reopen_without_a_reason_is_refused(client_as, chair, judging):
    give_scores(judging.sheet, [30, 30, 8, 8], submit=True)

    response = reopen(client_as(chair), judging, "")

    assert response.status_code == 200
    assert f'id="id_reopen_{judging.sheet.pk}_note_error"' in response.text
    judging.sheet.refresh_from_db()
    assert judging.sheet.state == "submitted"


def test_secretary_cannot_reopen(client_as, judging):
    give_scores(judging.sheet, [30, 30, 8, 8], submit=True)

    response = reopen(client_as(judging.secretary), judging, "Lý do")

    assert response.status_code == 403
    judging.sheet.refresh_from_db()
    assert judging.sheet.state == "submitted"


def test_chair_reopen_of_a_sheet_reopened_meanwhile_says_so(client_as, chair, judging):
    client = client_as(chair)

    response = reopen(client, judging, "Lý do")

    assert response.status_code == 302
    assert "Phiếu" in client.get(response.url).text or "Nháp" in client.get(response.url).text
    judging.sheet.refresh_from_db()
    assert judging.sheet.state == "draft"
