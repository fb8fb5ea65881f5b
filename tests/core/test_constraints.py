"""The database holds what the models promise even when the ORM's validation is bypassed
(QuerySet.update, bulk_create, save() without full_clean): round dates in order, pass score
0–100, minimum sheets ≥ 1, year 2000–2100, states and kinds within their choices, an eligible
entry has a voting code, a criterion's maximum points > 0, a started round keeps its dates, the
year a facility was founded, and the judging rows (panel roles, one chair, a conflict's reason,
sheet states and totals, points, a left-out entry's reason, a certificate's validity). full_clean,
which the services run, reports each in Vietnamese."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.utils import translation

from applicants.models import Facility
from awards.models import (
    Attachment,
    AwardRound,
    Certificate,
    Conflict,
    Entry,
    PanelMember,
    Recognition,
    RoundCriterion,
    Score,
    ScoreSheet,
    ScreeningCheck,
    TemplateCriterion,
)
from tests.factories import (
    AttachmentFactory,
    FacilityFactory,
    PanelMemberFactory,
    ScoreSheetFactory,
    give_scores,
)

DAY = datetime.timedelta(days=1)


@pytest.fixture
def world(award_round, draft_round, entry):
    """One row of each model whose constraints are tested."""
    return {
        "round": award_round,
        "draft_round": draft_round,
        "entry": entry,
        "facility": entry.facility,
        "template_criterion": TemplateCriterion.objects.filter(
            template=award_round.criteria_template
        ).first(),
        "round_criterion": award_round.criteria.first(),
        "attachment": AttachmentFactory(entry=entry),
        **judging_world(),
    }


def judging_world() -> dict:
    """A judged entry with one scored sheet, a seat, a conflict, a recognition proposal and a
    certificate: the judging models' rows."""
    sheet = ScoreSheetFactory()
    give_scores(sheet, [30, 30, 8, 8])
    seat = PanelMemberFactory(panel=sheet.panel, judge=sheet.judge)
    PanelMemberFactory(panel=sheet.panel, role="chair")
    entry = sheet.entry
    day = datetime.date(2026, 7, 1)
    return {
        "sheet": sheet,
        "score": sheet.scores.first(),
        "panel_member": seat,
        "conflict": Conflict.objects.create(
            round=sheet.round, judge=sheet.judge, facility=FacilityFactory(), reason="Người thân"
        ),
        "recognition": Recognition.objects.create(round=sheet.round, entry=entry, recognized=True),
        "certificate": Certificate.objects.create(
            round=sheet.round,
            entry=entry,
            number="01/2026/GCN-SCT",
            year=2026,
            sequence=1,
            issued_on=day,
            valid_until=datetime.date(2029, 12, 31),
        ),
    }


def update(name, **values):
    """A QuerySet.update of world[name] (no save(), no validation)."""
    return update_with(name, lambda obj: values)


def update_with(name, make_values):
    """A QuerySet.update of world[name] with values computed from it."""

    def write(world):
        obj = world[name]
        type(obj).objects.filter(pk=obj.pk).update(**make_values(obj))

    return write


def save_with(name, **values):
    """save() after setting the values (save runs no full_clean)."""

    def write(world):
        obj = world[name]
        for field, value in values.items():
            setattr(obj, field, value)
        obj.save()

    return write


def round_row(**overrides):
    today = datetime.date(2026, 7, 1)
    data = {
        "title": "Đợt nhập thẳng",
        "year": 2026,
        "level": "province",
        "organiser_name": "Sở Công Thương",
        "registration_opens": today,
        "registration_closes": today + 30 * DAY,
        "judging_ends": today + 60 * DAY,
        "state": "registration",
    }
    data.update(overrides)
    return AwardRound(**data)


def bulk_round(**overrides):
    def write(world):
        AwardRound.objects.bulk_create([round_row(**overrides)])

    return write


def bulk_criterion(model, **overrides):
    def write(world):
        parent = {"template": world["round"].criteria_template}
        if model is RoundCriterion:
            parent = {"round": world["round"]}
        values = {"code": "99", "text": "Tiêu chí thêm", "max_points": Decimal("10"), **overrides}
        model.objects.bulk_create([model(**parent, **values)])

    return write


def create_check(**values):
    def write(world):
        ScreeningCheck.objects.create(entry=world["entry"], **values)

    return write


VIOLATIONS = {
    # Rounds.
    "registration closes before it opens (update)": update_with(
        "round", lambda r: {"registration_closes": r.registration_opens - DAY}
    ),
    "judging ends before registration closes (update)": update_with(
        "round", lambda r: {"judging_ends": r.registration_closes - DAY}
    ),
    "registration closes before it opens (bulk_create)": bulk_round(
        registration_closes=datetime.date(2026, 6, 30)
    ),
    "judging ends before registration closes (save)": save_with(
        "round", judging_ends=datetime.date(2000, 1, 1)
    ),
    "pass score above 100 (update)": update("round", pass_score=Decimal("100.1")),
    "pass score below 0 (save)": save_with("round", pass_score=Decimal("-0.1")),
    "pass score above 100 (bulk_create)": bulk_round(pass_score=Decimal("120")),
    "minimum sheets 0 (update)": update("round", min_score_sheets=0),
    "minimum sheets 0 (bulk_create)": bulk_round(min_score_sheets=0),
    "judges per entry 0 (update)": update("round", judges_per_entry=0),
    "judges per entry 0 (bulk_create)": bulk_round(judges_per_entry=0),
    "year 1999 (update)": update("round", year=1999),
    "year 2101 (save)": save_with("round", year=2101),
    "year 1999 (bulk_create)": bulk_round(year=1999),
    "unknown round state (update)": update("round", state="archived"),
    "unknown round state (bulk_create)": bulk_round(state="archived"),
    "started round loses a date (update)": update("round", registration_opens=None),
    "started round loses a date (save)": save_with("round", judging_ends=None),
    "round started without dates (bulk_create)": bulk_round(
        registration_opens=None, registration_closes=None, judging_ends=None
    ),
    # Entries.
    "unknown entry state (update)": update("entry", state="lost"),
    "unknown entry state (save)": save_with("entry", state="lost"),
    "eligible entry without voting code (update)": update("entry", state="eligible"),
    "eligible entry without voting code (save)": save_with("entry", state="eligible"),
    # Criteria.
    "template criterion of 0 points (update)": update("template_criterion", max_points=0),
    "template criterion of -1 points (save)": save_with(
        "template_criterion", max_points=Decimal("-1")
    ),
    "template criterion of 0 points (bulk_create)": bulk_criterion(
        TemplateCriterion, max_points=Decimal("0")
    ),
    "round criterion of 0 points (update)": update("round_criterion", max_points=0),
    "round criterion of 0 points (bulk_create)": bulk_criterion(
        RoundCriterion, max_points=Decimal("0")
    ),
    # Screening checks and attachments.
    "unknown screening condition (create)": create_check(condition="made_up", passed=True),
    "failed condition without reason (create)": create_check(
        condition="made_by_facility", passed=False, reason=""
    ),
    "unknown attachment kind (update)": update("attachment", kind="video"),
    "unknown attachment kind (save)": save_with("attachment", kind="video"),
    # Judging.
    "unknown panel role (update)": update("panel_member", role="observer"),
    "a second chair (update)": update("panel_member", role="chair"),
    "conflict without reason (update)": update("conflict", reason=""),
    "unknown sheet state (update)": update("sheet", state="lost"),
    "negative sheet total (update)": update("sheet", total=Decimal("-1")),
    "negative points (update)": update("score", points=Decimal("-0.5")),
    "passing entry left out without reason (update)": update(
        "recognition", recognized=False, reason=""
    ),
    "certificate expiring before issue (update)": update_with(
        "certificate", lambda c: {"valid_until": c.issued_on - DAY}
    ),
    # Facilities.
    "founded before 1800 (update)": update("facility", founded_year=1799),
    "founded after 2100 (save)": save_with("facility", founded_year=2101),
    "enterprise without tax code (update)": update("facility", tax_code=None),
}


@pytest.mark.parametrize("write", VIOLATIONS.values(), ids=VIOLATIONS.keys())
def test_database_refuses_a_violation_that_bypasses_validation(world, write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write(world)


ACCEPTED = {
    "a round inserted with bulk_create": bulk_round(),
    "a criterion inserted with bulk_create": bulk_criterion(TemplateCriterion),
    "a failed condition with its reason": create_check(
        condition="made_by_facility", passed=False, reason="Mua lại của cơ sở khác"
    ),
    "pass score 0": update("round", pass_score=Decimal("0")),
    "pass score 100": update("round", pass_score=Decimal("100")),
    "minimum sheets 1": update("round", min_score_sheets=1),
    "year 2000": update("round", year=2000),
    "year 2100": update("round", year=2100),
    "registration closing the day it opens": update_with(
        "round", lambda r: {"registration_closes": r.registration_opens}
    ),
    "a draft without dates": update(
        "draft_round", registration_opens=None, registration_closes=None, judging_ends=None
    ),
    "an eligible entry with its voting code": update(
        "entry", state="eligible", voting_code="T2026-2-001"
    ),
    "a criterion of 0.1 points": update("round_criterion", max_points=Decimal("0.1")),
    "points 0": update("score", points=Decimal("0")),
    "a certificate valid on its issue day only": update_with(
        "certificate", lambda c: {"valid_until": c.issued_on}
    ),
    "a passing entry left out with its reason": update(
        "recognition", recognized=False, reason="Một sản phẩm mỗi cơ sở"
    ),
    "founded in 1800": update("facility", founded_year=1800),
    "founded in 2100": update("facility", founded_year=2100),
    "founding year unknown": update("facility", founded_year=None),
    "a household business without tax code": update(
        "facility", legal_form="household_business", tax_code=None
    ),
}


@pytest.mark.parametrize("write", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_database_accepts_the_values_at_the_limits(world, write):
    with transaction.atomic():
        write(world)


# ---- full_clean reports them, in Vietnamese -----------------------------------------------


def message_of(validator, value) -> str:
    """The validator's own message in the active language (the catalogue's wording)."""
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return caught.value.messages[0]


def vietnamese(message: str, english: str) -> str:
    assert message != english, f"not translated: {english}"
    return message


def range_message(validator_class, limit, value) -> str:
    with translation.override("vi"):
        message = message_of(validator_class(limit), value)
    with translation.override("en"):
        english = message_of(validator_class(limit), value)
    return vietnamese(message, english)


def invalid_choice(value) -> str:
    return f"Giá trị '{value}' không phải là lựa chọn hợp lệ."


def cleaned(obj, **values):
    for field, value in values.items():
        setattr(obj, field, value)
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


def test_full_clean_reports_round_dates_out_of_order(award_round):
    opens = award_round.registration_opens

    assert cleaned(award_round, registration_closes=opens - DAY) == {
        "registration_closes": ["Ngày hết hạn đăng ký không được trước ngày mở đăng ký."]
    }
    award_round.refresh_from_db()
    assert cleaned(award_round, judging_ends=award_round.registration_closes - DAY) == {
        "judging_ends": ["Ngày kết thúc chấm không được trước ngày hết hạn đăng ký."]
    }


@pytest.mark.parametrize(
    ("field", "value", "validator", "limit"),
    [
        ("pass_score", Decimal("100.5"), MaxValueValidator, Decimal("100")),
        ("pass_score", Decimal("-1"), MinValueValidator, Decimal("0")),
        ("min_score_sheets", 0, MinValueValidator, 1),
        ("year", 1999, MinValueValidator, 2000),
        ("year", 2101, MaxValueValidator, 2100),
    ],
)
def test_full_clean_reports_a_round_setting_out_of_range(
    award_round, field, value, validator, limit
):
    assert cleaned(award_round, **{field: value}) == {
        field: [range_message(validator, limit, value)]
    }


def test_full_clean_reports_an_unknown_round_state(award_round):
    assert cleaned(award_round, state="archived") == {"state": [invalid_choice("archived")]}


def test_full_clean_reports_a_started_round_losing_its_dates(award_round):
    assert cleaned(award_round, registration_opens=None, judging_ends=None) == {
        "registration_opens": ["Đợt bình chọn đã bắt đầu phải giữ các mốc thời gian."],
        "judging_ends": ["Đợt bình chọn đã bắt đầu phải giữ các mốc thời gian."],
    }


def test_full_clean_reports_an_unknown_entry_state(entry):
    assert cleaned(entry, state="lost") == {"state": [invalid_choice("lost")]}


def test_full_clean_reports_an_eligible_entry_without_voting_code(entry):
    assert cleaned(entry, state="eligible") == {
        "__all__": ["Sản phẩm đủ điều kiện phải có mã số bình chọn."]
    }


@pytest.mark.parametrize("model", [TemplateCriterion, RoundCriterion])
def test_full_clean_reports_a_criterion_of_no_points(award_round, model):
    criterion = model.objects.filter(max_points__gt=0).first()

    assert cleaned(criterion, max_points=Decimal("0")) == {
        "max_points": [range_message(MinValueValidator, Decimal("0.1"), Decimal("0"))]
    }


def test_full_clean_reports_an_unknown_screening_condition(entry, officer):
    check = ScreeningCheck(entry=entry, condition="made_up", passed=True, checked_by=officer)

    assert cleaned(check) == {"condition": [invalid_choice("made_up")]}


def test_full_clean_reports_a_failed_condition_without_reason(entry, officer):
    check = ScreeningCheck(
        entry=entry, condition="made_by_facility", passed=False, checked_by=officer
    )

    assert cleaned(check) == {"__all__": ["Điều kiện không đạt phải ghi lý do."]}


def test_full_clean_reports_an_unknown_attachment_kind(entry, applicant):
    attachment = AttachmentFactory(entry=entry, uploaded_by=applicant)

    assert cleaned(attachment, kind="video") == {"kind": [invalid_choice("video")]}


@pytest.mark.parametrize(
    ("year", "validator", "limit"),
    [(1799, MinValueValidator, 1800), (2101, MaxValueValidator, 2100)],
)
def test_full_clean_reports_a_founding_year_out_of_range(db, year, validator, limit):
    facility = FacilityFactory()

    assert cleaned(facility, founded_year=year) == {
        "founded_year": [range_message(validator, limit, year)]
    }


# ---- …and so do the services, through the API ---------------------------------------------


def round_body(**overrides):
    body = {
        "title": "Bình chọn 2027",
        "year": 2027,
        "level": "province",
        "organiser_name": "Sở Công Thương",
        "registration_opens": "01/03/2027",
        "registration_closes": "30/04/2027",
        "judging_ends": "31/05/2027",
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"registration_closes": "28/02/2027"},
            {"registration_closes": ["Ngày hết hạn đăng ký không được trước ngày mở đăng ký."]},
        ),
        (
            {"judging_ends": "29/04/2027"},
            {"judging_ends": ["Ngày kết thúc chấm không được trước ngày hết hạn đăng ký."]},
        ),
    ],
    ids=["registration", "judging"],
)
def test_api_round_with_dates_out_of_order_is_refused_in_vietnamese(
    api_as, officer, overrides, expected
):
    response = api_as(officer).post("/api/v1/rounds/", round_body(**overrides), format="json")

    assert response.status_code == 400
    assert response.json() == expected
    assert AwardRound.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "validator", "limit"),
    [
        ("year", 1999, MinValueValidator, 2000),
        ("pass_score", "100.5", MaxValueValidator, Decimal("100")),
        ("min_score_sheets", 0, MinValueValidator, 1),
    ],
)
def test_api_round_setting_out_of_range_is_refused_in_vietnamese(
    api_as, officer, field, value, validator, limit
):
    response = api_as(officer).post("/api/v1/rounds/", round_body(**{field: value}), format="json")

    assert response.status_code == 400
    assert response.json() == {field: [range_message(validator, limit, Decimal(str(value)))]}


def test_api_started_round_losing_a_date_is_refused_in_vietnamese(api_as, officer, award_round):
    response = api_as(officer).patch(
        f"/api/v1/rounds/{award_round.pk}/", {"judging_ends": None}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "judging_ends": ["Đợt bình chọn đã bắt đầu phải giữ các mốc thời gian."]
    }


def test_api_facility_founding_year_out_of_range_is_refused_in_vietnamese(
    api_as, officer, facility
):
    response = api_as(officer).patch(
        f"/api/v1/facilities/{facility.pk}/", {"founded_year": 1799}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"founded_year": [range_message(MinValueValidator, 1800, 1799)]}
    facility.refresh_from_db()
    assert facility.founded_year is None


def test_api_failed_condition_without_reason_is_refused_in_vietnamese(
    api_as, officer, submitted_entry
):
    response = api_as(officer).post(
        f"/api/v1/entries/{submitted_entry.pk}/screening/",
        {"checks": {"made_by_facility": {"passed": False, "reason": " "}}},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"made_by_facility": ["Điều kiện không đạt phải ghi lý do."]}
    assert ScreeningCheck.objects.count() == 0


def test_check_constraints_are_the_ones_tested_here():
    """A check constraint added to one of these models needs its row in VIOLATIONS above."""
    names = {
        model: sorted(
            c.name for c in model._meta.constraints if isinstance(c, models.CheckConstraint)
        )
        for model in (
            AwardRound,
            Entry,
            TemplateCriterion,
            RoundCriterion,
            ScreeningCheck,
            Attachment,
            Facility,
            PanelMember,
            Conflict,
            ScoreSheet,
            Score,
            Recognition,
            Certificate,
        )
    }

    assert names == {
        AwardRound: [
            "round_judges_per_entry_positive",
            "round_judging_ends_after_registration",
            "round_min_score_sheets_positive",
            "round_pass_score_range",
            "round_registration_dates_in_order",
            "round_started_has_dates",
            "round_state_valid",
            "round_year_range",
        ],
        Entry: [
            "entry_eligible_has_voting_code",
            "entry_state_valid",
        ],
        TemplateCriterion: ["templatecriterion_max_points_positive"],
        RoundCriterion: ["roundcriterion_max_points_positive"],
        ScreeningCheck: ["screening_check_condition_valid", "screening_check_failed_has_reason"],
        Attachment: ["attachment_kind_valid"],
        Facility: ["facility_founded_year_range", "facility_tax_code_required"],
        PanelMember: ["panel_member_role_valid"],
        Conflict: ["conflict_has_reason"],
        ScoreSheet: ["sheet_state_valid", "sheet_total_not_negative"],
        Score: ["score_points_not_negative"],
        Recognition: ["recognition_left_out_has_reason"],
        Certificate: ["certificate_valid_after_issue"],
    }
