"""The judging panel pages and the judge's conflict-of-interest declaration page."""

import pytest
from django.urls import reverse

from awards.models import Conflict, ConflictDeclaration, Panel, ProductGroup, ScoreSheet
from core.roles import Role
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    FacilityFactory,
    PanelFactory,
    PanelMemberFactory,
    ScoreSheetFactory,
    UserFactory,
    give_scores,
)

pytestmark = pytest.mark.django_db


def group(code):
    return ProductGroup.objects.get(code=code)


def form_data(name, groups, seats, extra_rows=1):
    data = {
        "name": name,
        "product_groups": [group(code).pk for code in groups],
        "members-TOTAL_FORMS": str(len(seats) + extra_rows),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    for index, (judge, role) in enumerate(seats):
        data[f"members-{index}-judge"] = str(judge.pk)
        data[f"members-{index}-role"] = role
    for index in range(len(seats), len(seats) + extra_rows):
        data[f"members-{index}-judge"] = ""
        data[f"members-{index}-role"] = "member"
    return data


@pytest.fixture
def screening_round():
    return AwardRoundFactory(state="screening", title="Bình chọn cấp tỉnh 2026")


def test_the_round_page_links_to_its_panels(client_as, officer, screening_round):
    page = client_as(officer).get(reverse("awards:round-detail", args=[screening_round.pk]))

    assert reverse("awards:panel-list", args=[screening_round.pk]) in page.content.decode()


def test_create_a_panel_with_its_members(client_as, officer, screening_round, chair, judge):
    client = client_as(officer)
    assert client.get(reverse("awards:panel-create", args=[screening_round.pk])).status_code == 200

    response = client.post(
        reverse("awards:panel-create", args=[screening_round.pk]),
        form_data("Hội đồng nhóm 2", [2], [(chair, "chair"), (judge, "member")]),
    )

    panel = Panel.objects.get()
    assert response.url == reverse("awards:panel-detail", args=[panel.pk])
    assert dict(panel.members.values_list("judge_id", "role")) == {
        chair.pk: "chair",
        judge.pk: "member",
    }
    listing = client.get(reverse("awards:panel-list", args=[screening_round.pk])).content.decode()
    assert "Hội đồng nhóm 2" in listing and chair.full_name in listing


def test_panel_form_errors_in_vietnamese_at_their_row(
    client_as, officer, screening_round, judge, applicant
):
    PanelFactory(round=screening_round, name="Hội đồng A", groups=[group(2)])

    response = client_as(officer).post(
        reverse("awards:panel-create", args=[screening_round.pk]),
        form_data("Hội đồng B", [2], [(judge, "member"), (judge, "member")]),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "đã được hội đồng “Hội đồng A” chấm" in html
    assert "Giám khảo này đã là thành viên của hội đồng." in html
    assert "Hội đồng có một chủ tịch: hãy chọn một người." in html
    assert Panel.objects.count() == 1


def test_edit_a_panel(client_as, officer, screening_round, chair, judge, other_judge):
    panel = PanelFactory(round=screening_round, name="Hội đồng", groups=[group(2)])
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    client = client_as(officer)
    page = client.get(reverse("awards:panel-edit", args=[panel.pk])).content.decode()
    assert f'<option value="{chair.pk}" selected>' in page

    client.post(
        reverse("awards:panel-edit", args=[panel.pk]),
        form_data("Hội đồng nhóm 2–3", [2, 3], [(judge, "chair"), (other_judge, "secretary")]),
    )

    panel.refresh_from_db()
    assert panel.name == "Hội đồng nhóm 2–3"
    assert sorted(panel.product_groups.values_list("code", flat=True)) == [2, 3]
    assert dict(panel.members.values_list("judge_id", "role")) == {
        judge.pk: "chair",
        other_judge.pk: "secretary",
    }


def test_delete_a_panel_asks_first(client_as, officer, screening_round):
    panel = PanelFactory(round=screening_round, name="Hội đồng thừa")
    client = client_as(officer)
    page = client.get(reverse("awards:panel-detail", args=[panel.pk])).content.decode()
    assert 'data-confirm="Xóa hội đồng “Hội đồng thừa”?' in page
    assert "data-confirm-check" in page

    response = client.post(reverse("awards:panel-delete", args=[panel.pk]))

    assert response.url == reverse("awards:panel-list", args=[screening_round.pk])
    assert not Panel.objects.exists()


@pytest.fixture
def judging(chair, judge):
    award_round = AwardRoundFactory(state="judging")
    panel = PanelFactory(round=award_round, name="Hội đồng nhóm 2", groups=[group(2)])
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    PanelMemberFactory(panel=panel, judge=judge)
    entry = EntryFactory(round=award_round, state="eligible", voting_code="T2026-2-001")
    return award_round, panel, entry


def test_panel_page_shows_and_changes_assignments(client_as, officer, judging, chair, judge):
    _award_round, panel, entry = judging
    draft = ScoreSheetFactory(panel=panel, entry=entry, judge=judge)
    client = client_as(officer)

    page = client.get(reverse("awards:panel-detail", args=[panel.pk])).content.decode()
    assert "T2026-2-001" in page
    assert reverse("awards:assignment-remove", args=[draft.pk]) in page
    assert 'id="assignment-add"' in page
    assert entry.facility.name not in page

    response = client.post(
        reverse("awards:assignment-add", args=[panel.pk]), {"entry": entry.pk, "judge": chair.pk}
    )
    assert response.status_code == 302
    assert ScoreSheet.objects.filter(entry=entry, judge=chair).exists()

    response = client.post(
        reverse("awards:assignment-add", args=[panel.pk]), {"entry": entry.pk, "judge": chair.pk}
    )
    assert response.status_code == 200
    assert "Giám khảo này đã được phân công chấm sản phẩm này." in response.content.decode()

    client.post(reverse("awards:assignment-remove", args=[draft.pk]))
    assert not ScoreSheet.objects.filter(pk=draft.pk).exists()


def test_a_submitted_sheet_has_no_remove_button(client_as, officer, judging, judge):
    _award_round, panel, entry = judging
    sheet = give_scores(
        ScoreSheetFactory(panel=panel, entry=entry, judge=judge), [30, 30, 8, 8], submit=True
    )

    page = client_as(officer).get(reverse("awards:panel-detail", args=[panel.pk])).content.decode()
    assert reverse("awards:assignment-remove", args=[sheet.pk]) not in page
    client_as(officer).post(reverse("awards:assignment-remove", args=[sheet.pk]))
    assert ScoreSheet.objects.filter(pk=sheet.pk).exists()


@pytest.mark.parametrize("count", [1, 3])
def test_panel_page_query_count_is_constant(
    client_as, officer, judging, count, django_assert_num_queries
):
    award_round, panel, _entry = judging
    for _ in range(count):
        other = EntryFactory(round=award_round, state="eligible")
        ScoreSheetFactory(panel=panel, entry=other, judge=UserFactory(role=Role.JUDGE))
    client = client_as(officer)
    client.get(reverse("awards:panel-detail", args=[panel.pk]))

    with django_assert_num_queries(16):
        client.get(reverse("awards:panel-detail", args=[panel.pk]))


@pytest.mark.parametrize("count", [1, 3])
def test_panel_list_query_count_is_constant(
    client_as, officer, screening_round, count, django_assert_num_queries
):
    for n in range(count):
        panel = PanelFactory(round=screening_round, groups=[group(n + 1)])
        PanelMemberFactory(panel=panel, role="chair")
    client = client_as(officer)
    client.get(reverse("awards:panel-list", args=[screening_round.pk]))

    with django_assert_num_queries(10):
        client.get(reverse("awards:panel-list", args=[screening_round.pk]))


# ---- The declaration ---------------------------------------------------------------------------


@pytest.fixture
def blind_round(judge, chair):
    award_round = AwardRoundFactory(state="screening", judges_see_identity=False)
    panel = PanelFactory(round=award_round, groups=[group(2)])
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    PanelMemberFactory(panel=panel, judge=judge)
    return award_round


def test_declaration_lists_facilities_by_name_without_products_or_codes(
    client_as, judge, blind_round
):
    late = EntryFactory(
        round=blind_round,
        state="eligible",
        facility=FacilityFactory(name="Cơ sở Ân Phú"),
        product_name="Mứt gừng",
        voting_code="T2026-2-007",
    )
    EntryFactory(
        round=blind_round, state="eligible", facility=FacilityFactory(name="Cơ sở Bình An")
    )
    EntryFactory(
        round=blind_round,
        state="eligible",
        facility=FacilityFactory(name="Cơ sở Ẩn"),
        product_group=group(1),
    )

    html = (
        client_as(judge)
        .get(reverse("awards:judging-declaration", args=[blind_round.pk]))
        .content.decode()
    )

    assert html.index("Cơ sở Ân Phú") < html.index("Cơ sở Bình An")
    assert "Cơ sở Ẩn" not in html
    assert late.product_name not in html and "T2026-2-007" not in html
    assert "Tôi không có xung đột lợi ích" in html


def test_declare_none_then_add_a_conflict_with_a_warning(client_as, judge, blind_round):
    entry = EntryFactory(round=blind_round, state="eligible")
    client = client_as(judge)
    url = reverse("awards:judging-declaration", args=[blind_round.pk])

    assert client.post(url, {"none": "on"}).status_code == 302
    assert ConflictDeclaration.objects.filter(judge=judge).exists()
    page = client.get(url).content.decode()
    assert "Bạn đã khai không có xung đột lợi ích nào trong đợt này." in page
    assert 'name="none"' not in page

    response = client.post(url, {f"conflict_{entry.facility_id}": "on"})
    assert response.status_code == 200
    assert "Hãy nêu xung đột lợi ích là gì." in response.content.decode()

    client.post(
        url,
        {f"conflict_{entry.facility_id}": "on", f"reason_{entry.facility_id}": "Anh rể chủ cơ sở"},
    )
    conflict = Conflict.objects.get()
    assert (conflict.facility, conflict.reason) == (entry.facility, "Anh rể chủ cơ sở")
    page = client.get(url).content.decode()
    assert "Anh rể chủ cơ sở" in page


def test_the_void_warning_shows_during_judging(client_as, judging, judge):
    award_round, _panel, _entry = judging
    ConflictDeclaration.objects.create(round=award_round, judge=judge)

    page = client_as(judge).get(reverse("awards:judging-declaration", args=[award_round.pk]))

    assert 'id="declaration-void-warning"' in page.content.decode()


def test_the_round_page_shows_why_judging_cannot_start(client_as, officer, screening_round):
    EntryFactory(round=screening_round, state="eligible", product_group=group(2))
    panel = PanelFactory(round=screening_round, name="Hội đồng nhóm 2", groups=[group(2)])
    PanelMemberFactory(panel=panel, role="chair")

    html = (
        client_as(officer)
        .get(reverse("awards:round-detail", args=[screening_round.pk]))
        .content.decode()
    )

    assert 'id="transition-start_judging" aria-disabled="true"' in html
    assert (
        "Hội đồng “Hội đồng nhóm 2” có 1 người chấm điểm (chủ tịch và thành viên), ít hơn số "
        "phiếu chấm điểm tối thiểu là 3 phiếu mỗi bài."
    ) in html


def test_panel_pages_lay_out_as_cards_on_a_phone(client_as, officer, judging):
    award_round, panel, _entry = judging
    client = client_as(officer)

    for url in (
        reverse("awards:panel-list", args=[award_round.pk]),
        reverse("awards:panel-detail", args=[panel.pk]),
    ):
        html = client.get(url).content.decode()
        assert "table-cards" in html and "data-label=" in html
