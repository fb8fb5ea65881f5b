"""The round pages: the staff's list, setup (create, settings), the round's page with its
criteria, transitions and history."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from awards.models import AwardRound, CriteriaTemplate, ProductGroup
from core.activity import history_of
from tests.factories import AwardRoundFactory, EntryFactory

R = AwardRound.State


def round_url(award_round, name="awards:round-detail"):
    return reverse(name, args=[award_round.pk])


def round_data(**overrides):
    data = {
        "title": "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Vĩnh Long 2026",
        "year": "2026",
        "level": "province",
        "organiser_name": "Sở Công Thương tỉnh Vĩnh Long",
        "criteria_template": CriteriaTemplate.objects.get(is_default=True).pk,
        "registration_opens": "01/07/2026",
        "registration_closes": "31/08/2026",
        "judging_ends": "30/09/2026",
        "pass_score": "72.5",
        "min_score_sheets": "5",
        "judges_see_identity": "on",
        "nominee_quota": "12",
        "next_round": "",
        "product_groups": list(
            ProductGroup.objects.filter(code__in=[1, 2]).values_list("pk", flat=True)
        ),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# ---- List ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 302),
        ("other_applicant", 302),
        ("judge", 403),
        ("officer", 200),
        ("manager", 200),
        ("admin", 200),
        ("anonymous", 302),
    ],
)
def test_round_list_access(persona, expected, personas, client_as, award_round):
    response = client_as(personas[persona]).get(reverse("awards:round-list"))

    assert response.status_code == expected
    if persona == "applicant":
        assert response.url == reverse("awards:open-rounds")


def test_round_list_shows_every_round_with_its_entry_count(client_as, officer, award_round):
    draft = AwardRoundFactory(state="draft")
    EntryFactory(round=award_round)
    EntryFactory(round=award_round)

    response = client_as(officer).get(reverse("awards:round-list"))

    rows = {r: r.entry_count for r in response.context["page_obj"]}
    assert rows == {award_round: 2, draft: 0}
    assert response.context["can_manage"] is True


def test_round_list_filters_by_state(client_as, manager, award_round, draft_round):
    response = client_as(manager).get(reverse("awards:round-list"), {"state": "draft"})

    assert list(response.context["page_obj"]) == [draft_round]
    assert response.context["can_manage"] is False
    assert 'id="round-create"' not in response.text


# ---- Create and settings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 403),
        ("judge", 403),
        ("officer", 200),
        ("manager", 403),
        ("admin", 200),
        ("anonymous", 302),
    ],
)
def test_round_create_access(persona, expected, personas, client_as):
    assert client_as(personas[persona]).get(reverse("awards:round-create")).status_code == expected


def test_round_create_form_starts_with_the_four_groups_and_the_default_template(client_as, officer):
    form = client_as(officer).get(reverse("awards:round-create")).context["form"]

    assert list(form.initial["product_groups"]) == list(ProductGroup.objects.all())
    assert form.initial["criteria_template"] == CriteriaTemplate.objects.get(is_default=True)


def test_round_create_through_the_page(client_as, officer):
    response = client_as(officer).post(reverse("awards:round-create"), round_data())

    award_round = AwardRound.objects.get()
    assert response.status_code == 302
    assert response.url == round_url(award_round)
    assert award_round.state == R.DRAFT
    assert (
        award_round.registration_opens,
        award_round.registration_closes,
        award_round.judging_ends,
    ) == (datetime.date(2026, 7, 1), datetime.date(2026, 8, 31), datetime.date(2026, 9, 30))
    assert (award_round.pass_score, award_round.min_score_sheets, award_round.nominee_quota) == (
        Decimal("72.5"),
        5,
        12,
    )
    assert (award_round.judges_see_identity, award_round.judges_see_other_scores) == (True, False)
    assert sorted(award_round.product_groups.values_list("code", flat=True)) == [1, 2]
    assert history_of(award_round).get().actor == officer


def test_round_create_with_dates_in_the_wrong_order_shows_the_error(client_as, officer):
    response = client_as(officer).post(
        reverse("awards:round-create"), round_data(registration_closes="01/06/2026")
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["registration_closes"]
    assert AwardRound.objects.count() == 0


def test_round_create_with_a_bad_date_shows_the_error(client_as, officer):
    response = client_as(officer).post(
        reverse("awards:round-create"), round_data(judging_ends="31/02/2026")
    )

    assert list(response.context["form"].errors) == ["judging_ends"]
    assert AwardRound.objects.count() == 0


def test_round_create_by_manager_forbidden(client_as, manager):
    response = client_as(manager).post(reverse("awards:round-create"), round_data())

    assert response.status_code == 403
    assert AwardRound.objects.count() == 0


def test_round_edit_saves_the_settings(client_as, officer, draft_round):
    response = client_as(officer).post(
        round_url(draft_round, "awards:round-edit"), round_data(title="Đợt mới")
    )

    draft_round.refresh_from_db()
    assert response.status_code == 302
    assert draft_round.title == "Đợt mới"
    assert sorted(draft_round.product_groups.values_list("code", flat=True)) == [1, 2]


def test_round_edit_keeps_groups_and_criteria_once_registration_opened(
    client_as, officer, award_round
):
    other = CriteriaTemplate.objects.create(name="Khác")

    response = client_as(officer).post(
        round_url(award_round, "awards:round-edit"),
        round_data(title="Đợt đã mở", criteria_template=other.pk),
    )

    award_round.refresh_from_db()
    assert response.status_code == 302
    assert award_round.title == "Đợt đã mở"
    assert award_round.criteria_template == CriteriaTemplate.objects.get(is_default=True)
    assert award_round.product_groups.count() == 4


@pytest.mark.parametrize(("persona", "expected"), [("manager", 403), ("applicant", 404)])
def test_round_edit_by_others_refused(persona, expected, personas, client_as, draft_round):
    assert (
        client_as(personas[persona]).get(round_url(draft_round, "awards:round-edit")).status_code
        == expected
    )


# ---- The round's page ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 404),
        ("judge", 404),
        ("officer", 200),
        ("manager", 200),
        ("admin", 200),
        ("anonymous", 302),
    ],
)
def test_round_page_of_a_draft_access(persona, expected, personas, client_as, draft_round):
    assert client_as(personas[persona]).get(round_url(draft_round)).status_code == expected


def test_round_page_in_registration_visible_to_applicants_without_history(
    client_as, applicant, award_round
):
    response = client_as(applicant).get(round_url(award_round))

    assert response.status_code == 200
    assert response.context["can_register"] is True
    assert response.context["transitions"] == []
    assert "history" not in response.context


def test_round_page_of_a_draft_shows_the_template_criteria_and_the_next_step(
    client_as, officer, draft_round
):
    response = client_as(officer).get(round_url(draft_round))

    context = response.context
    assert context["criteria_is_copy"] is False
    assert [c.code for c in context["criteria"]] == ["1", "2", "3", "4"]
    assert context["criteria_total"] == Decimal("100")
    assert [t["step"].name for t in context["transitions"]] == ["open_registration"]
    assert 'id="transition-open_registration"' in response.text
    # The button and its confirmation come from the workflow.
    assert ">Mở đăng ký</button>" in response.text
    assert 'id="confirm-open_registration"' in response.text
    assert 'name="from" value="draft"' in response.text


def test_round_page_of_a_draft_without_template_says_so(client_as, officer):
    award_round = AwardRoundFactory(state="draft", criteria_template=None)

    response = client_as(officer).get(round_url(award_round))

    assert response.context["criteria"] == []
    assert 'id="criteria-empty"' in response.text


def test_round_page_after_registration_shows_the_round_s_own_criteria(
    client_as, officer, award_round
):
    context = client_as(officer).get(round_url(award_round)).context

    assert context["criteria_is_copy"] is True
    assert {c.round_id for c in context["criteria"]} == {award_round.pk}
    assert [t["step"].name for t in context["transitions"]] == ["close_registration"]


def test_round_page_manager_sees_no_transition_before_deliberation(client_as, manager, award_round):
    context = client_as(manager).get(round_url(award_round)).context

    assert context["transitions"] == []
    assert context["can_edit"] is False


def test_open_registration_through_the_page(client_as, officer, draft_round):
    response = client_as(officer).post(
        round_url(draft_round, "awards:round-transition"),
        {"action": "open_registration", "from": "draft"},
    )

    draft_round.refresh_from_db()
    assert response.status_code == 302
    assert draft_round.state == R.REGISTRATION
    assert draft_round.criteria.count() == 4
    page = client_as(officer).get(round_url(draft_round))
    transitions = [row for row in page.context["history"] if row.get("target")]
    assert [(row["source"], row["target"]) for row in transitions] == [
        (R.DRAFT.label, R.REGISTRATION.label)
    ]


def test_open_registration_without_dates_shows_what_is_missing(client_as, officer):
    award_round = AwardRoundFactory(state="draft", registration_opens=None, judging_ends=None)

    response = client_as(officer).post(
        round_url(award_round, "awards:round-transition"), {"action": "open_registration"}
    )

    award_round.refresh_from_db()
    assert response.status_code == 200
    assert award_round.state == R.DRAFT
    form = response.context["failed_form"]
    assert len(form.non_field_errors()) == 2
    assert 'id="transition-errors"' in response.text


@pytest.mark.parametrize("action", ["nope", "%s", "x%d", "%(name)s"])
def test_transition_with_an_unknown_step_shows_the_error(client_as, officer, draft_round, action):
    """Whatever `action` holds is never used as an id format (a "%s" used to be a 500)."""
    response = client_as(officer).post(
        round_url(draft_round, "awards:round-transition"), {"action": action}
    )

    draft_round.refresh_from_db()
    assert response.status_code == 200
    assert draft_round.state == R.DRAFT
    assert response.context["failed_form"].errors


def test_transition_from_the_wrong_state_shows_the_error(client_as, officer, draft_round):
    response = client_as(officer).post(
        round_url(draft_round, "awards:round-transition"), {"action": "start_judging"}
    )

    draft_round.refresh_from_db()
    assert response.status_code == 200
    assert draft_round.state == R.DRAFT
    assert response.context["failed_form"].non_field_errors() == [
        "Không thể thực hiện “Bắt đầu chấm điểm” khi đang ở trạng thái “Bản nháp”."
    ]


def test_transition_from_a_stale_page_says_what_happened_in_words(
    client_as, officer, admin_user, draft_round
):
    """Another officer opened registration while this page still showed the draft: the page
    says who did what and when, not the state machine's "cannot go from … to …"."""
    from django.utils import timezone

    from core.workflow import transition

    transition(draft_round, action="open_registration", actor=admin_user)
    opened = timezone.localtime(history_of(draft_round).first().created_at)

    response = client_as(officer).post(
        round_url(draft_round, "awards:round-transition"),
        {"action": "open_registration", "from": "draft"},
        follow=True,
    )

    draft_round.refresh_from_db()
    assert response.redirect_chain == [(round_url(draft_round), 302)]
    assert draft_round.state == R.REGISTRATION
    assert [str(m) for m in response.context["messages"]] == [
        f"Đợt bình chọn này đã được mở đăng ký lúc {opened:%H:%M} ngày {opened:%d/%m/%Y} "
        f"({admin_user.full_name})."
    ]


@pytest.mark.parametrize("persona", ["manager", "applicant"])
def test_round_transition_by_others_forbidden(persona, personas, client_as, award_round):
    response = client_as(personas[persona]).post(
        round_url(award_round, "awards:round-transition"), {"action": "close_registration"}
    )

    award_round.refresh_from_db()
    assert response.status_code == 403
    assert award_round.state == R.REGISTRATION


def test_manager_finalizes_with_the_decision(client_as, manager):
    award_round = AwardRoundFactory(state="deliberation")
    page = client_as(manager).get(round_url(award_round))
    assert [t["step"].name for t in page.context["transitions"]] == ["finalize"]
    assert 'id="id_finalize_decision_number"' in page.text

    response = client_as(manager).post(
        round_url(award_round, "awards:round-transition"),
        {"action": "finalize", "decision_number": "123/QĐ-UBND", "decision_date": "15/10/2026"},
    )

    award_round.refresh_from_db()
    assert response.status_code == 302
    assert (award_round.state, award_round.decision_number, award_round.decision_date) == (
        R.FINALIZED,
        "123/QĐ-UBND",
        datetime.date(2026, 10, 15),
    )


def test_finalize_without_the_decision_shows_the_errors(client_as, manager):
    award_round = AwardRoundFactory(state="deliberation")

    response = client_as(manager).post(
        round_url(award_round, "awards:round-transition"), {"action": "finalize"}
    )

    award_round.refresh_from_db()
    assert response.status_code == 200
    assert award_round.state == R.DELIBERATION
    assert sorted(response.context["failed_form"].errors) == ["decision_date", "decision_number"]


def test_officer_may_not_finalize(client_as, officer):
    award_round = AwardRoundFactory(state="deliberation")

    response = client_as(officer).post(
        round_url(award_round, "awards:round-transition"),
        {"action": "finalize", "decision_number": "1/QĐ", "decision_date": "15/10/2026"},
    )

    award_round.refresh_from_db()
    assert response.status_code == 403
    assert award_round.state == R.DELIBERATION
