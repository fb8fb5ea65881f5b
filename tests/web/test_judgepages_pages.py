"""The judge's pages (awards.views.judging): their rounds, "my entries", the score sheet as a
judge sees it (never the facility in a blind round), the panel's sheets for its chair and
secretary, and judges' access to the dossier's files."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils.html import escape

from awards.models import Attachment, ConflictDeclaration
from core.roles import Role
from tests.factories import (
    AttachmentFactory,
    AwardRoundFactory,
    EntryFactory,
    PanelFactory,
    PanelMemberFactory,
    ScoreSheetFactory,
    UserFactory,
    give_scores,
)

pytestmark = pytest.mark.django_db


def declare(user, award_round):
    return ConflictDeclaration.objects.create(round=award_round, judge=user)


@pytest.fixture
def judging(judge, chair, facility):
    """A round in judging: `chair` chairs its panel, `judge` sits on it and holds a draft
    sheet of the facility's entry; a secretary too. Nobody has declared yet."""
    award_round = AwardRoundFactory(state="judging", title="Bình chọn SPCNNTTB tỉnh 2026")
    panel = PanelFactory(round=award_round, name="Hội đồng nhóm 2")
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    PanelMemberFactory(panel=panel, judge=judge, role="member")
    secretary = UserFactory(username="secretary", full_name="Thư Ký Lan", role=Role.JUDGE)
    PanelMemberFactory(panel=panel, judge=secretary, role="secretary")
    entry = EntryFactory(
        round=award_round, facility=facility, state="eligible", product_name="Kẹo dừa sáp"
    )
    sheet = ScoreSheetFactory(panel=panel, entry=entry, judge=judge)
    chair_sheet = ScoreSheetFactory(panel=panel, entry=entry, judge=chair)
    return SimpleNamespace(
        round=award_round,
        panel=panel,
        entry=entry,
        sheet=sheet,
        chair_sheet=chair_sheet,
        secretary=secretary,
    )


# ---- The judge's rounds -------------------------------------------------------------------------


def test_judging_home_says_to_declare_first(client_as, judge, judging):
    response = client_as(judge).get(reverse("awards:judging"))

    assert response.status_code == 200
    assert judging.round.title in response.text
    assert "Hội đồng nhóm 2" in response.text
    assert "Hãy khai báo xung đột lợi ích" in response.text
    assert "Chưa khai báo xung đột lợi ích" in response.text
    assert "Kẹo dừa sáp" not in response.text


def test_judging_home_counts_the_sheets_to_score_once_declared(client_as, judge, judging):
    declare(judge, judging.round)
    other = EntryFactory(round=judging.round, state="eligible")
    give_scores(
        ScoreSheetFactory(panel=judging.panel, entry=other, judge=judge),
        [30, 30, 8, 8],
        submit=True,
    )

    response = client_as(judge).get(reverse("awards:judging"))

    assert "1 phiếu cần chấm và nộp." in response.text
    assert "Đã nộp 1/2 phiếu · 0 phiếu đang chấm dở" in response.text


def test_judging_home_says_all_done(client_as, judge, judging):
    declare(judge, judging.round)
    give_scores(judging.sheet, [30, 30, 8, 8], submit=True)

    response = client_as(judge).get(reverse("home"))

    assert "Bạn đã nộp tất cả phiếu chấm." in response.text


def test_judging_home_lists_rounds_in_judging_first(client_as, judge, judging):
    past = AwardRoundFactory(state="published", title="Vòng đã công bố", year=2030)
    PanelMemberFactory(panel=PanelFactory(round=past), judge=judge)

    text = client_as(judge).get(reverse("awards:judging")).text

    assert text.index(judging.round.title) < text.index("Vòng đã công bố")


def test_judging_pages_refuse_other_roles(client_as, applicant, officer, judging):
    for user in (applicant, officer):
        assert client_as(user).get(reverse("awards:judging")).status_code == 403
        url = reverse("awards:judging-sheet", args=[judging.sheet.pk])
        assert client_as(user).get(url).status_code == 403


def test_judge_menu_links_to_judging(client_as, judge):
    text = client_as(judge).get(reverse("home")).text

    assert f'href="{reverse("awards:judging")}"' in text


# ---- My entries ---------------------------------------------------------------------------------


def test_my_entries_sends_an_undeclared_judge_to_the_declaration(client_as, judge, judging):
    response = client_as(judge).get(reverse("awards:judging-round", args=[judging.round.pk]))

    assert response.status_code == 302
    assert response.url == reverse("awards:judging-declaration", kwargs={"pk": judging.round.pk})


def test_my_entries_lists_the_judges_sheets(client_as, judge, judging):
    declare(judge, judging.round)
    give_scores(judging.sheet, {"1": 35.5})

    response = client_as(judge).get(reverse("awards:judging-round", args=[judging.round.pk]))

    assert response.status_code == 200
    assert judging.entry.voting_code in response.text
    assert "Kẹo dừa sáp" in response.text
    assert "35,5" in response.text
    assert reverse("awards:judging-sheet", args=[judging.sheet.pk]) in response.text
    # A member is no chair: no link to the panel's sheets.
    assert reverse("awards:judging-panel", args=[judging.panel.pk]) not in response.text


def test_my_entries_links_the_chair_to_the_panels_sheets(client_as, chair, judging):
    declare(chair, judging.round)

    text = client_as(chair).get(reverse("awards:judging-round", args=[judging.round.pk])).text

    assert reverse("awards:judging-panel", args=[judging.panel.pk]) in text


def test_my_entries_leads_the_chair_to_progress_and_then_to_results(
    client_as, chair, judge, judging
):
    """The round's own page is the staff's: a chair reaches their panels' progress, and the
    results once the round deliberates, from "my entries"; a member does not."""
    declare(chair, judging.round)
    declare(judge, judging.round)
    url = reverse("awards:judging-round", args=[judging.round.pk])
    progress = reverse("awards:round-progress", args=[judging.round.pk])
    results = reverse("awards:round-results", args=[judging.round.pk])

    judging_text = client_as(chair).get(url).text
    assert progress in judging_text and results not in judging_text
    assert client_as(chair).get(progress).status_code == 200
    assert progress not in client_as(judge).get(url).text

    judging.round.state = "deliberation"
    judging.round.save()
    assert results in client_as(chair).get(url).text
    assert client_as(chair).get(results).status_code == 200


def test_my_entries_of_a_round_without_a_seat_is_not_found(client_as, other_judge, judging):
    declare(other_judge, judging.round)
    url = reverse("awards:judging-round", args=[judging.round.pk])

    assert client_as(other_judge).get(url).status_code == 404


def test_my_entries_leaves_out_void_sheets(client_as, judge, judging):
    declare(judge, judging.round)
    judging.sheet.state = "void"
    judging.sheet.save()

    text = client_as(judge).get(reverse("awards:judging-round", args=[judging.round.pk])).text

    assert reverse("awards:judging-sheet", args=[judging.sheet.pk]) not in text


def _sheets_in_round(judge, judging, count):
    for _ in range(count - 1):
        entry = EntryFactory(round=judging.round, state="eligible")
        give_scores(ScoreSheetFactory(panel=judging.panel, entry=entry, judge=judge), [1, 1, 1, 1])


@pytest.mark.parametrize("count", [1, 3])
def test_my_entries_query_count_is_constant(
    client_as, judge, judging, count, django_assert_num_queries
):
    declare(judge, judging.round)
    _sheets_in_round(judge, judging, count)
    client = client_as(judge)
    url = reverse("awards:judging-round", args=[judging.round.pk])
    client.get(url)  # warm the session and caches

    with django_assert_num_queries(9):
        response = client.get(url)

    assert response.text.count('id="sheet-') == count


@pytest.mark.parametrize("count", [1, 3])
def test_judging_home_query_count_is_constant(
    client_as, judge, judging, count, django_assert_num_queries
):
    declare(judge, judging.round)
    for index in range(count - 1):
        award_round = AwardRoundFactory(state="judging", title=f"Vòng {index}")
        panel = PanelFactory(round=award_round)
        PanelMemberFactory(panel=panel, judge=judge)
        ScoreSheetFactory(panel=panel, judge=judge)
    client = client_as(judge)
    client.get(reverse("awards:judging"))

    with django_assert_num_queries(8):
        response = client.get(reverse("awards:judging"))

    assert response.text.count('class="card h-100 judging-round-card"') == count


# ---- The score sheet page -----------------------------------------------------------------------


def test_sheet_page_shows_the_official_rows(client_as, judge, judging):
    declare(judge, judging.round)

    response = client_as(judge).get(reverse("awards:judging-sheet", args=[judging.sheet.pk]))

    assert response.status_code == 200
    text = response.text
    assert judging.entry.voting_code in text
    for criterion in judging.round.criteria.all():
        assert f'id="criterion-{criterion.code}"' in text
    assert 'inputmode="decimal"' in text
    assert 'step="0.5"' in text
    assert 'max="40"' in text
    assert 'id="score-total"' in text
    assert "js/scoring.js" in text
    assert 'name="action" value="save"' in text
    assert 'name="action" value="submit"' in text
    # The no-JavaScript confirmation of "Submit".
    assert "data-confirm-check" in text


def test_sheet_page_sends_an_undeclared_judge_to_the_declaration(client_as, judge, judging):
    response = client_as(judge).get(reverse("awards:judging-sheet", args=[judging.sheet.pk]))

    assert response.status_code == 302
    assert response.url == reverse("awards:judging-declaration", kwargs={"pk": judging.round.pk})


def test_someone_elses_sheet_is_not_found(client_as, judge, other_judge, chair, judging):
    for user in (judge, other_judge, chair):
        declare(user, judging.round)
    url = reverse("awards:judging-sheet", args=[judging.chair_sheet.pk])

    assert client_as(judge).get(url).status_code == 404
    assert client_as(other_judge).get(url).status_code == 404


def test_submitted_sheet_is_read_only_with_what_was_given(client_as, judge, judging):
    declare(judge, judging.round)
    give_scores(judging.sheet, [35.5, 30, 8, 7], submit=True)
    judging.sheet.comment = "Sản phẩm tốt"
    judging.sheet.save()

    text = client_as(judge).get(reverse("awards:judging-sheet", args=[judging.sheet.pk])).text

    assert 'id="score-form"' not in text
    assert 'id="sheet-closed"' in text
    assert "35,5" in text
    assert "80,5" in text
    assert "Sản phẩm tốt" in text


def test_sheet_is_read_only_once_the_round_left_judging(client_as, judge, judging):
    declare(judge, judging.round)
    judging.round.state = "deliberation"
    judging.round.save()

    text = client_as(judge).get(reverse("awards:judging-sheet", args=[judging.sheet.pk])).text

    assert 'id="score-form"' not in text
    assert "Việc chấm điểm của vòng này đã kết thúc" in text


def test_sheet_with_sub_criteria_shows_indented_rows_and_subtotals(client_as, judge, judging):
    from awards.models import RoundCriterion

    declare(judge, judging.round)
    first = judging.round.criteria.get(code="1")
    RoundCriterion.objects.create(
        round=judging.round, parent=first, code="1a", text="Thị trường", max_points=20, position=1
    )
    RoundCriterion.objects.create(
        round=judging.round, parent=first, code="1b", text="Sản xuất", max_points=20, position=2
    )
    give_scores(judging.sheet, {"1a": 15, "1b": 12.5})

    text = client_as(judge).get(reverse("awards:judging-sheet", args=[judging.sheet.pk])).text

    assert 'data-subtotal-of="1a 1b"' in text
    assert ">27,5</output>" in text
    assert "score-subrow" in text
    assert f'name="points_{first.pk}"' not in text


# ---- Blind judging: no facility data on any judge-visible page ----------------------------------


def facility_data(facility) -> list[str]:
    """The facility's identity, made distinctive (no word a page says anyway)."""
    facility.name = "Cơ sở kẹo dừa Thanh Long Phú Thạnh"
    facility.address_line = "Ấp Phú Thạnh Đông 7"
    facility.phone = "0909876543"
    facility.email = "thanhlong.keodua@example.vn"
    facility.representative_name = "Lê Thị Mai Hương"
    facility.save()
    return [
        facility.name,
        facility.tax_code,
        facility.address_line,
        facility.phone,
        facility.email,
        facility.representative_name,
    ]


def judge_pages(judging, *, chair: bool) -> list[str]:
    """Every page of the round the sheet's judge (or the chair) opens."""
    return [
        reverse("home"),
        reverse("awards:judging"),
        reverse("awards:judging-round", args=[judging.round.pk]),
        reverse(
            "awards:judging-sheet", args=[(judging.chair_sheet if chair else judging.sheet).pk]
        ),
        *([reverse("awards:judging-panel", args=[judging.panel.pk])] if chair else []),
    ]


@pytest.fixture
def named_file(judging):
    """A document whose name the facility gave carries its own name."""
    name = f"Giấy phép {judging.entry.facility.name}.pdf"
    return AttachmentFactory(
        entry=judging.entry, kind=Attachment.Kind.BUSINESS_REGISTRATION, original_name=name
    )


def _judge_visible_texts(client_as, judging, named_file):
    texts = []
    for user in (judging.sheet.judge, judging.chair_sheet.judge):
        declare(user, judging.round)
        client = client_as(user)
        for url in judge_pages(judging, chair=user == judging.chair_sheet.judge):
            response = client.get(url)
            assert response.status_code == 200, url
            texts.append(response.text)
        download = client.get(reverse("awards:attachment-download", args=[named_file.pk]))
        texts.append(download.headers.get("Content-Disposition", ""))
    declare(judging.secretary, judging.round)
    secretary = client_as(judging.secretary)
    for url in (
        reverse("awards:judging-panel", args=[judging.panel.pk]),
        reverse("awards:judging-sheet", args=[judging.sheet.pk]),
    ):
        texts.append(secretary.get(url).text)
    return texts


def test_blind_round_leaks_no_facility_data_to_judges(client_as, judging, named_file):
    assert judging.round.judges_see_identity is False

    identity = facility_data(judging.entry.facility)
    named_file.original_name = f"Giấy phép {identity[0]}.pdf"
    named_file.save()

    texts = _judge_visible_texts(client_as, judging, named_file)

    for value in identity:
        assert value
        for text in texts:
            assert value not in text and escape(value) not in text, value
    dispositions = [text for text in texts if text.startswith("attachment;")]
    assert len(dispositions) == 2
    assert all(judging.entry.voting_code in text for text in dispositions)


def test_round_showing_identity_shows_the_facility_to_judges(client_as, judge, judging, named_file):
    judging.round.judges_see_identity = True
    judging.round.save()
    declare(judge, judging.round)
    identity = facility_data(judging.entry.facility)

    text = client_as(judge).get(reverse("awards:judging-sheet", args=[judging.sheet.pk])).text

    for value in identity:
        assert escape(value) in text, value


# ---- Files --------------------------------------------------------------------------------------


def test_assigned_judge_opens_the_entrys_files_once_declared(client_as, judge, judging, named_file):
    url = reverse("awards:attachment-download", args=[named_file.pk])
    client = client_as(judge)

    assert client.get(url).status_code == 404
    declare(judge, judging.round)
    assert client.get(url).status_code == 200


def test_unassigned_judge_never_opens_the_files(client_as, other_judge, judging, named_file):
    declare(other_judge, judging.round)
    url = reverse("awards:attachment-download", args=[named_file.pk])

    assert client_as(other_judge).get(url).status_code == 404


def test_void_sheet_judge_no_longer_opens_the_files(client_as, judge, judging, named_file):
    declare(judge, judging.round)
    judging.sheet.state = "void"
    judging.sheet.save()
    url = reverse("awards:attachment-download", args=[named_file.pk])

    assert client_as(judge).get(url).status_code == 404


def test_facility_still_downloads_under_its_own_name(client_as, applicant, judging, named_file):
    response = client_as(applicant).get(reverse("awards:attachment-download", args=[named_file.pk]))

    assert "Gi" in response.headers["Content-Disposition"]
    assert judging.entry.voting_code not in response.headers["Content-Disposition"]


# ---- The panel's sheets -------------------------------------------------------------------------


def test_panel_page_for_the_chair_shows_states_not_points(client_as, chair, judging):
    declare(chair, judging.round)
    give_scores(judging.sheet, [33, 31, 9, 7], submit=True)

    response = client_as(chair).get(reverse("awards:judging-panel", args=[judging.panel.pk]))

    assert response.status_code == 200
    assert judging.entry.voting_code in response.text
    assert "80" not in response.text.split('id="panel-sheets"')[1].split("</table>")[0]
    assert f'id="reopen-{judging.sheet.pk}"' in response.text


def test_panel_page_shows_points_where_the_round_allows(client_as, chair, judging):
    judging.round.judges_see_other_scores = True
    judging.round.save()
    declare(chair, judging.round)
    give_scores(judging.sheet, [33, 31, 9, 7.5], submit=True)

    response = client_as(chair).get(reverse("awards:judging-panel", args=[judging.panel.pk]))

    assert "80,5" in response.text


def test_panel_page_refuses_a_member_and_hides_from_others(client_as, judge, other_judge, judging):
    declare(judge, judging.round)
    url = reverse("awards:judging-panel", args=[judging.panel.pk])

    assert client_as(judge).get(url).status_code == 403
    assert client_as(other_judge).get(url).status_code == 404


def test_panel_page_gives_the_secretary_the_paper_sheet_links(client_as, judging):
    declare(judging.secretary, judging.round)

    text = (
        client_as(judging.secretary)
        .get(reverse("awards:judging-panel", args=[judging.panel.pk]))
        .text
    )

    assert reverse("awards:judging-sheet", args=[judging.sheet.pk]) in text
    assert "Nhập phiếu giấy" in text
    assert 'class="reopen-form"' not in text


def test_secretary_sees_whose_paper_sheet_they_enter(client_as, judging):
    declare(judging.secretary, judging.round)

    text = (
        client_as(judging.secretary)
        .get(reverse("awards:judging-sheet", args=[judging.sheet.pk]))
        .text
    )

    assert 'id="paper-sheet-notice"' in text
    assert judging.sheet.judge.full_name in text


@pytest.mark.parametrize("count", [1, 3])
def test_panel_page_query_count_is_constant(
    client_as, chair, judging, count, django_assert_num_queries
):
    declare(chair, judging.round)
    give_scores(judging.sheet, [1, 1, 1, 1], submit=True)
    for _ in range(count - 1):
        entry = EntryFactory(round=judging.round, state="eligible")
        give_scores(ScoreSheetFactory(panel=judging.panel, entry=entry), [1, 1, 1, 1], submit=True)
    client = client_as(chair)
    url = reverse("awards:judging-panel", args=[judging.panel.pk])
    client.get(url)

    with django_assert_num_queries(10):
        response = client.get(url)

    assert response.text.count('class="reopen-form"') == count
