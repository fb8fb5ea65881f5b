"""A round's phase flags (AwardRound.PHASES) and what they decide: who sees the round, and which
settings still change — level, year, criteria template and groups are fixed once registration
opens; pass score, minimum sheets, the two judging flags and the three dates once judging starts;
nothing once the round is finalized. Through the service, the API and the settings page."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import rules
from awards.models import AwardRound, CriteriaTemplate, Entry, ProductGroup
from awards.services import update_round
from core.activity import history_of
from tests.factories import AwardRoundFactory, EntryFactory

R = AwardRound.State
STATES = list(R.values)
FIXED_ONCE_OPENED = "Thông tin này được cố định từ khi mở đăng ký."
FIXED_ONCE_JUDGING = "Thông tin này được cố định từ khi bắt đầu chấm điểm."
FINAL = "Đợt bình chọn đã có quyết định, không thể sửa."
DAY = datetime.timedelta(days=1)


# ---- The flags ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "states"),
    [
        (
            "opened",
            ["registration", "screening", "judging", "deliberation", "finalized", "published"],
        ),
        ("accepts_entries", ["registration"]),
        ("screens", ["registration", "screening"]),
        ("scores", ["judging"]),
        ("settings_frozen", ["judging", "deliberation", "finalized", "published"]),
        ("results_visible", ["deliberation", "finalized", "published"]),
        ("final", ["finalized", "published"]),
        ("public", ["registration", "published"]),
    ],
)
def test_states_where_flag_is_set(flag, states):
    assert AwardRound.states_where(**{flag: True}) == states
    assert AwardRound.states_where(**{flag: False}) == [s for s in STATES if s not in states]


def test_states_where_combines_flags():
    assert AwardRound.states_where(opened=True, settings_frozen=False) == [
        "registration",
        "screening",
    ]
    assert AwardRound.states_where(settings_frozen=True, final=False) == ["judging", "deliberation"]
    assert AwardRound.states_where(accepts_entries=True, screens=False) == []


def test_states_where_without_flags_is_every_state():
    assert AwardRound.states_where() == STATES


def test_every_state_has_a_phase():
    assert list(AwardRound.PHASES) == STATES
    assert AwardRound(state="judging").phase == AwardRound.PHASES[R.JUDGING]


# ---- Who sees a round ---------------------------------------------------------------------


@pytest.fixture
def round_per_state(db):
    return {state: AwardRoundFactory(state=state) for state in STATES}


def test_applicant_lists_only_registration_and_published_rounds_in_the_api(
    api_as, applicant, round_per_state
):
    response = api_as(applicant).get("/api/v1/rounds/")

    assert sorted(item["state"] for item in response.json()["results"]) == [
        "published",
        "registration",
    ]


def test_officer_lists_every_round_in_the_api(api_as, officer, round_per_state):
    response = api_as(officer).get("/api/v1/rounds/")

    assert sorted(item["state"] for item in response.json()["results"]) == sorted(STATES)


@pytest.mark.parametrize(
    ("state", "status"),
    [
        ("draft", 404),
        ("registration", 200),
        ("screening", 404),
        ("judging", 404),
        ("deliberation", 404),
        ("finalized", 404),
        ("published", 200),
    ],
)
def test_applicant_opens_the_page_of_public_rounds_only(
    client_as, applicant, round_per_state, state, status
):
    award_round = round_per_state[state]

    response = client_as(applicant).get(reverse("awards:round-detail", args=[award_round.pk]))

    assert response.status_code == status
    assert rules.can_view_round(applicant, award_round) is (status == 200)


@pytest.mark.parametrize(
    ("state", "draft_editable", "returned_editable"),
    [
        ("registration", True, True),
        ("screening", False, True),
        ("judging", False, False),
        ("deliberation", False, False),
    ],
)
def test_facility_edits_its_dossier_as_the_phase_allows(
    applicant, facility, state, draft_editable, returned_editable
):
    award_round = AwardRoundFactory(state=state)
    draft = EntryFactory(round=award_round, facility=facility)
    returned = EntryFactory(round=award_round, facility=facility, state=Entry.State.RETURNED)

    assert rules.can_edit_entry(applicant, draft) is draft_editable
    assert rules.can_edit_entry(applicant, returned) is returned_editable


# ---- Settings frozen from judging on ------------------------------------------------------


def frozen_changes(award_round) -> dict:
    """A new value for every setting frozen from judging on."""
    return {
        "pass_score": Decimal("80.0"),
        "min_score_sheets": 5,
        "judges_see_identity": not award_round.judges_see_identity,
        "judges_see_other_scores": not award_round.judges_see_other_scores,
        "judges_per_entry": 2,
        "registration_opens": award_round.registration_opens - DAY,
        "registration_closes": award_round.registration_closes + DAY,
        "judging_ends": award_round.judging_ends + DAY,
    }


def test_frozen_settings_are_the_ones_the_issue_names():
    assert AwardRound.FROZEN_FROM_JUDGING == (
        "pass_score",
        "min_score_sheets",
        "judges_see_identity",
        "judges_see_other_scores",
        "judges_per_entry",
        "registration_opens",
        "registration_closes",
        "judging_ends",
    )
    assert AwardRound.FIXED_ONCE_OPENED == ("level", "year", "criteria_template")


@pytest.mark.parametrize("field", AwardRound.FROZEN_FROM_JUDGING)
@pytest.mark.parametrize("state", ["judging", "deliberation"])
def test_update_round_refuses_a_frozen_setting(officer, state, field):
    award_round = AwardRoundFactory(state=state)
    before = getattr(award_round, field)
    value = frozen_changes(award_round)[field]

    with pytest.raises(ValidationError) as caught:
        update_round(actor=officer, award_round=award_round, data={field: value})

    assert caught.value.message_dict == {field: [FIXED_ONCE_JUDGING]}
    assert caught.value.error_dict[field][0].code == "fixed"
    award_round.refresh_from_db()
    assert getattr(award_round, field) == before


@pytest.mark.parametrize("state", ["judging", "deliberation"])
def test_update_round_reports_every_refused_setting_at_once(officer, state):
    award_round = AwardRoundFactory(state=state)
    other = CriteriaTemplate.objects.create(name="Khác")
    data = {
        **frozen_changes(award_round),
        "level": "nation",
        "year": 2027,
        "criteria_template": other,
        "title": "Đổi tên cùng lúc",
    }

    with pytest.raises(ValidationError) as caught:
        update_round(
            actor=officer,
            award_round=award_round,
            data=data,
            product_groups=list(ProductGroup.objects.filter(code=1)),
        )

    assert caught.value.message_dict == {
        **{name: [FIXED_ONCE_JUDGING] for name in AwardRound.FROZEN_FROM_JUDGING},
        **{name: [FIXED_ONCE_OPENED] for name in ("level", "year", "criteria_template")},
        "product_groups": [FIXED_ONCE_OPENED],
    }
    award_round.refresh_from_db()
    assert award_round.title != "Đổi tên cùng lúc"
    assert award_round.product_groups.count() == 4


@pytest.mark.parametrize("state", ["judging", "deliberation"])
def test_update_round_keeps_title_and_organiser_editable_until_finalized(officer, state):
    award_round = AwardRoundFactory(state=state)

    updated = update_round(
        actor=officer,
        award_round=award_round,
        data={"title": "Đợt 2026 (sửa tên)", "organiser_name": "Sở Công Thương Vĩnh Long"},
    )

    assert (updated.title, updated.organiser_name) == (
        "Đợt 2026 (sửa tên)",
        "Sở Công Thương Vĩnh Long",
    )
    assert history_of(updated).get(action="updated").after == {
        "title": "Đợt 2026 (sửa tên)",
        "organiser_name": "Sở Công Thương Vĩnh Long",
    }


def test_update_round_in_judging_accepts_the_frozen_settings_unchanged(officer):
    award_round = AwardRoundFactory(state="judging")
    same = {name: getattr(award_round, name) for name in AwardRound.FROZEN_FROM_JUDGING}

    updated = update_round(
        actor=officer, award_round=award_round, data={**same, "title": "Chỉ đổi tên"}
    )

    assert updated.title == "Chỉ đổi tên"


@pytest.mark.parametrize("state", ["registration", "screening"])
def test_update_round_before_judging_changes_the_judging_settings(officer, state):
    award_round = AwardRoundFactory(state=state)
    changes = frozen_changes(award_round)

    updated = update_round(actor=officer, award_round=award_round, data=changes)

    assert {name: getattr(updated, name) for name in changes} == changes


# ---- Fixed once registration opens ---------------------------------------------------------


def fixed_changes():
    return {
        "level": "nation",
        "year": 2027,
        "criteria_template": CriteriaTemplate.objects.create(name="Mẫu khác"),
    }


@pytest.mark.parametrize("field", ["level", "year", "criteria_template"])
@pytest.mark.parametrize("state", ["registration", "screening", "judging", "deliberation"])
def test_update_round_refuses_a_setting_fixed_once_registration_opens(officer, state, field):
    award_round = AwardRoundFactory(state=state)

    with pytest.raises(ValidationError) as caught:
        update_round(actor=officer, award_round=award_round, data={field: fixed_changes()[field]})

    assert caught.value.message_dict == {field: [FIXED_ONCE_OPENED]}
    assert caught.value.error_dict[field][0].code == "fixed"


@pytest.mark.parametrize("state", ["registration", "screening", "judging", "deliberation"])
def test_update_round_refuses_other_groups_once_registration_opens(officer, state):
    award_round = AwardRoundFactory(state=state)

    with pytest.raises(ValidationError) as caught:
        update_round(
            actor=officer,
            award_round=award_round,
            data={},
            product_groups=list(ProductGroup.objects.filter(code__in=[1, 2])),
        )

    assert caught.value.message_dict == {"product_groups": [FIXED_ONCE_OPENED]}
    assert award_round.product_groups.count() == 4


def test_update_round_in_draft_changes_every_setting(officer, draft_round):
    data = {**fixed_changes(), **frozen_changes(draft_round)}

    updated = update_round(
        actor=officer,
        award_round=draft_round,
        data=data,
        product_groups=list(ProductGroup.objects.filter(code=3)),
    )

    assert {name: getattr(updated, name) for name in data} == data
    assert list(updated.product_groups.values_list("code", flat=True)) == [3]


# ---- Nothing changes once finalized --------------------------------------------------------


@pytest.mark.parametrize("state", ["finalized", "published"])
@pytest.mark.parametrize(
    "data",
    [{"title": "Sửa"}, {"organiser_name": "Sở khác"}, {"nominee_quota": 3}],
    ids=["title", "organiser", "nominee quota"],
)
def test_update_round_once_finalized_refuses_any_change(officer, state, data):
    award_round = AwardRoundFactory(state=state)
    before = {name: getattr(award_round, name) for name in data}

    with pytest.raises(ValidationError) as caught:
        update_round(actor=officer, award_round=award_round, data=data)

    assert caught.value.messages == [FINAL]
    assert caught.value.code == "fixed"
    award_round.refresh_from_db()
    assert {name: getattr(award_round, name) for name in data} == before


# ---- The API ------------------------------------------------------------------------------


def round_url(award_round):
    return f"/api/v1/rounds/{award_round.pk}/"


def as_json(changes: dict) -> dict:
    return {
        name: value.isoformat()
        if isinstance(value, datetime.date)
        else str(value)
        if isinstance(value, Decimal)
        else value
        for name, value in changes.items()
    }


@pytest.mark.parametrize("state", ["judging", "deliberation"])
def test_api_patch_of_frozen_settings_lists_each_field(api_as, officer, state):
    award_round = AwardRoundFactory(state=state)

    response = api_as(officer).patch(
        round_url(award_round), as_json(frozen_changes(award_round)), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        name: [FIXED_ONCE_JUDGING] for name in AwardRound.FROZEN_FROM_JUDGING
    }
    assert {errors[0].code for errors in response.data.values()} == {"fixed"}
    award_round.refresh_from_db()
    assert award_round.pass_score == Decimal("70.0")


def test_api_patch_of_the_level_once_registration_opened_is_refused(api_as, officer, award_round):
    response = api_as(officer).patch(round_url(award_round), {"level": "nation"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"level": [FIXED_ONCE_OPENED]}


@pytest.mark.parametrize("state", ["judging", "deliberation"])
def test_api_patch_of_the_title_in_judging_is_saved(api_as, officer, state):
    award_round = AwardRoundFactory(state=state)

    response = api_as(officer).patch(
        round_url(award_round), {"title": "Tên mới", "organiser_name": "Sở mới"}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["title"], response.json()["organiser_name"]) == ("Tên mới", "Sở mới")


def test_api_put_in_judging_with_the_settings_unchanged_is_saved(api_as, officer):
    award_round = AwardRoundFactory(state="judging")
    body = api_as(officer).get(round_url(award_round)).json()
    body["title"] = "Tên mới"

    response = api_as(officer).put(round_url(award_round), body, format="json")

    assert response.status_code == 200
    award_round.refresh_from_db()
    assert award_round.title == "Tên mới"


@pytest.mark.parametrize("state", ["finalized", "published"])
def test_api_patch_once_finalized_is_refused(api_as, officer, state):
    award_round = AwardRoundFactory(state=state)

    response = api_as(officer).patch(round_url(award_round), {"title": "Sửa"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [FINAL]}


# ---- The settings page ---------------------------------------------------------------------


def edit_url(award_round):
    return reverse("awards:round-edit", args=[award_round.pk])


def page_data(award_round, **overrides):
    """The settings form as the round's own values fill it, changed by `overrides`."""

    def day(value):
        return value.strftime("%d/%m/%Y") if value else ""

    data = {
        "title": award_round.title,
        "year": str(award_round.year),
        "level": award_round.level,
        "organiser_name": award_round.organiser_name,
        "criteria_template": award_round.criteria_template_id,
        "registration_opens": day(award_round.registration_opens),
        "registration_closes": day(award_round.registration_closes),
        "judging_ends": day(award_round.judging_ends),
        "pass_score": str(award_round.pass_score),
        "min_score_sheets": str(award_round.min_score_sheets),
        "nominee_quota": "",
        "next_round": "",
        "product_groups": list(award_round.product_groups.values_list("pk", flat=True)),
    }
    for flag in ("judges_see_identity", "judges_see_other_scores"):
        if getattr(award_round, flag):
            data[flag] = "on"
    data.update(overrides)
    return data


EDITABLE_IN_JUDGING = ["title", "organiser_name", "nominee_quota", "next_round"]
DISABLED_IN_JUDGING = [
    *AwardRound.FIXED_ONCE_OPENED,
    "product_groups",
    *AwardRound.FROZEN_FROM_JUDGING,
]


@pytest.mark.parametrize("state", ["judging", "deliberation"])
def test_settings_page_shows_frozen_and_fixed_fields_disabled(client_as, officer, state):
    award_round = AwardRoundFactory(state=state)

    response = client_as(officer).get(edit_url(award_round))

    form = response.context["form"]
    assert sorted(name for name, field in form.fields.items() if field.disabled) == sorted(
        DISABLED_IN_JUDGING
    )
    assert (
        '<input type="number" name="pass_score" value="70.0" step="0.1" min="0" max="100" '
        'class="form-control" required disabled id="id_pass_score">'
    ) in response.text
    assert (
        f'<input type="text" name="title" value="{award_round.title}" maxlength="300" '
        'class="form-control" required id="id_title">'
    ) in response.text


def test_settings_page_in_registration_disables_only_what_registration_fixed(
    client_as, officer, award_round
):
    response = client_as(officer).get(edit_url(award_round))

    form = response.context["form"]
    assert sorted(name for name, field in form.fields.items() if field.disabled) == sorted(
        ["level", "year", "criteria_template", "product_groups"]
    )


@pytest.mark.parametrize("state", ["judging", "deliberation"])
def test_settings_page_post_in_judging_saves_the_title_not_the_frozen_settings(
    client_as, officer, state
):
    award_round = AwardRoundFactory(state=state)
    kept = [*AwardRound.FIXED_ONCE_OPENED, *AwardRound.FROZEN_FROM_JUDGING]
    before = {name: getattr(award_round, name) for name in kept}
    changes = frozen_changes(award_round)
    data = page_data(
        award_round,
        title="Tên mới từ trang",
        level="nation",
        year="2027",
        pass_score="80.0",
        min_score_sheets="5",
        judges_see_identity="on",
        judges_see_other_scores="on",
        registration_opens=changes["registration_opens"].strftime("%d/%m/%Y"),
        registration_closes=changes["registration_closes"].strftime("%d/%m/%Y"),
        judging_ends=changes["judging_ends"].strftime("%d/%m/%Y"),
        product_groups=[ProductGroup.objects.get(code=1).pk],
    )

    response = client_as(officer).post(edit_url(award_round), data)

    assert response.status_code == 302
    award_round.refresh_from_db()
    assert award_round.title == "Tên mới từ trang"
    assert {name: getattr(award_round, name) for name in before} == before
    assert award_round.product_groups.count() == 4
    assert history_of(award_round).get(action="updated").after == {"title": "Tên mới từ trang"}


@pytest.mark.parametrize("state", ["finalized", "published"])
def test_settings_page_post_once_finalized_shows_the_refusal(client_as, officer, state):
    award_round = AwardRoundFactory(state=state)
    title = award_round.title

    response = client_as(officer).post(edit_url(award_round), page_data(award_round, title="Sửa"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [FINAL]
    award_round.refresh_from_db()
    assert award_round.title == title
