import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards.models import AwardRound, CriteriaTemplate
from awards.services import save_criteria_template, update_round
from core.activity import history_of
from core.workflow import transition

R = AwardRound.State
FORWARD = [
    (R.REGISTRATION, R.SCREENING),
    (R.SCREENING, R.JUDGING),
    (R.JUDGING, R.DELIBERATION),
    (R.FINALIZED, R.PUBLISHED),
]


@pytest.mark.django_db
def test_round_opens_registration_and_copies_criteria(draft_round, officer):
    moved = transition(draft_round, to=R.REGISTRATION, actor=officer, note="Mở đăng ký")
    assert moved.state == R.REGISTRATION
    criteria = list(moved.criteria.values_list("code", "max_points"))
    assert [(c, str(p)) for c, p in criteria] == [
        ("1", "40.0"),
        ("2", "40.0"),
        ("3", "10.0"),
        ("4", "10.0"),
    ]
    log = history_of(moved).get(action="transition")
    assert (log.before, log.after, log.note, log.actor) == (
        {"state": "draft"},
        {"state": "registration"},
        "Mở đăng ký",
        officer,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("missing", "expected_count"),
    [("registration_opens", 1), ("judging_ends", 1), ("criteria_template", 1)],
)
def test_round_registration_refused_without_requirement(
    draft_round, officer, missing, expected_count
):
    setattr(draft_round, missing, None)
    draft_round.save()
    with pytest.raises(ValidationError) as caught:
        transition(draft_round, to=R.REGISTRATION, actor=officer)
    assert len(caught.value.message_dict["requirements"]) == expected_count
    draft_round.refresh_from_db()
    assert draft_round.state == R.DRAFT
    assert draft_round.criteria.count() == 0


@pytest.mark.django_db
def test_round_registration_refused_without_groups(draft_round, officer):
    draft_round.product_groups.clear()
    with pytest.raises(ValidationError) as caught:
        transition(draft_round, to=R.REGISTRATION, actor=officer)
    assert len(caught.value.message_dict["requirements"]) == 1


@pytest.mark.django_db
def test_round_registration_refused_with_an_empty_template(draft_round, officer):
    draft_round.criteria_template = CriteriaTemplate.objects.create(name="Rỗng")
    draft_round.save()
    with pytest.raises(ValidationError) as caught:
        transition(draft_round, to=R.REGISTRATION, actor=officer)
    assert len(caught.value.message_dict["requirements"]) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["applicant", "judge", "manager"])
def test_round_transition_refused_for_role(personas, draft_round, persona):
    with pytest.raises(PermissionDenied):
        transition(draft_round, to=R.REGISTRATION, actor=personas[persona])


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), FORWARD)
@pytest.mark.parametrize("persona", ["officer", "admin"])
def test_round_forward_transitions_by_officer_and_admin(personas, persona, source, target):
    from tests.factories import AwardRoundFactory

    award_round = AwardRoundFactory(state=source)
    if source == R.SCREENING:
        # Judging (issue 8): starting it needs an eligible entry and its panel.
        from tests.factories import ready_for_judging

        ready_for_judging(award_round)
    # Closing registration before its deadline (the factory's is 20 days on) takes a note.
    moved = transition(award_round, to=target, actor=personas[persona], note="Theo kế hoạch")
    assert moved.state == target


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), FORWARD)
def test_round_forward_transitions_refused_for_manager(manager, source, target):
    from tests.factories import AwardRoundFactory

    with pytest.raises(PermissionDenied):
        transition(AwardRoundFactory(state=source), to=target, actor=manager)


@pytest.mark.django_db
@pytest.mark.parametrize("target", [R.JUDGING, R.FINALIZED, R.PUBLISHED, R.DRAFT, "nonsense"])
def test_round_transition_refused_from_wrong_state(award_round, officer, target):
    with pytest.raises(ValidationError) as caught:
        transition(award_round, to=target, actor=officer)
    assert list(caught.value.message_dict) == ["to"]


@pytest.mark.django_db
def test_round_finalized_by_manager_with_decision(manager):
    from tests.factories import AwardRoundFactory

    award_round = AwardRoundFactory(state=R.DELIBERATION)
    moved = transition(
        award_round,
        to=R.FINALIZED,
        actor=manager,
        decision_number="1234/QĐ-UBND",
        decision_date=datetime.date(2024, 9, 20),
    )
    assert (moved.state, moved.decision_number, moved.decision_date) == (
        R.FINALIZED,
        "1234/QĐ-UBND",
        datetime.date(2024, 9, 20),
    )
    log = history_of(moved).get(action="transition")
    assert (log.decision_number, log.decision_date) == ("1234/QĐ-UBND", datetime.date(2024, 9, 20))


@pytest.mark.django_db
def test_round_finalize_refused_without_decision(manager):
    from tests.factories import AwardRoundFactory

    award_round = AwardRoundFactory(state=R.DELIBERATION)
    with pytest.raises(ValidationError) as caught:
        transition(award_round, to=R.FINALIZED, actor=manager, decision_number=" ")
    assert set(caught.value.message_dict) == {"decision_number", "decision_date"}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["officer", "admin", "applicant"])
def test_round_finalize_refused_for_non_manager(personas, persona):
    from tests.factories import AwardRoundFactory

    with pytest.raises(PermissionDenied):
        transition(
            AwardRoundFactory(state=R.DELIBERATION),
            to=R.FINALIZED,
            actor=personas[persona],
            decision_number="1/QĐ",
            decision_date=datetime.date(2024, 9, 20),
        )


@pytest.mark.django_db
def test_round_criteria_copy_unchanged_after_template_edit(draft_round, officer):
    template = draft_round.criteria_template
    transition(draft_round, to=R.REGISTRATION, actor=officer)
    save_criteria_template(
        actor=officer,
        template=template,
        name=template.name,
        criteria=[
            {"code": "A", "text": "Thị trường", "max_points": "60"},
            {
                "code": "B",
                "text": "Kỹ thuật",
                "max_points": "40",
                "children": [
                    {"code": "B1", "text": "Công nghệ", "max_points": "25"},
                    {"code": "B2", "text": "Môi trường", "max_points": "15"},
                ],
            },
        ],
    )
    assert sorted(template.criteria.values_list("code", flat=True)) == ["A", "B", "B1", "B2"]
    assert template.criteria.get(code="B1").parent.code == "B"
    copy = draft_round.criteria.order_by("position")
    assert list(copy.values_list("code", flat=True)) == ["1", "2", "3", "4"]


@pytest.mark.django_db
def test_round_template_cannot_change_after_registration_opens(award_round, officer):
    other = CriteriaTemplate.objects.create(name="Khác")
    with pytest.raises(ValidationError) as caught:
        update_round(actor=officer, award_round=award_round, data={"criteria_template": other})
    assert list(caught.value.message_dict) == ["criteria_template"]


@pytest.mark.django_db
def test_round_dates_still_editable_after_registration_opens(award_round, officer):
    closes = award_round.registration_closes + datetime.timedelta(days=5)
    updated = update_round(
        actor=officer, award_round=award_round, data={"registration_closes": closes}
    )
    assert updated.registration_closes == closes
    log = history_of(updated).get(action="updated")
    assert log.after == {"registration_closes": closes.isoformat()}


@pytest.mark.django_db
def test_criteria_template_sub_criteria_must_sum_to_parent(officer):
    with pytest.raises(ValidationError) as caught:
        save_criteria_template(
            actor=officer,
            name="Sai tổng",
            criteria=[
                {
                    "code": "1",
                    "text": "Thị trường",
                    "max_points": "40",
                    "children": [
                        {"code": "1.1", "text": "a", "max_points": "20"},
                        {"code": "1.2", "text": "b", "max_points": "15"},
                    ],
                }
            ],
        )
    assert caught.value.message_dict == {
        "criteria.0.max_points": [
            "Tổng điểm các tiêu chí con của 1 là 35, không bằng 40 điểm của tiêu chí."
        ]
    }
    assert not CriteriaTemplate.objects.filter(name="Sai tổng").exists()


@pytest.mark.django_db
def test_criteria_template_errors_name_their_positions(officer):
    with pytest.raises(ValidationError) as caught:
        save_criteria_template(
            actor=officer,
            name="Sai nhiều chỗ",
            criteria=[
                {"code": "1", "text": "Thị trường", "max_points": "60", "children": []},
                {
                    "code": "2",
                    "text": "Kỹ thuật",
                    "max_points": "40",
                    "children": [
                        {"code": "1", "text": "a", "max_points": "40"},
                        {"code": "2.2", "text": "", "max_points": "0"},
                    ],
                },
            ],
        )
    assert caught.value.message_dict == {
        "criteria.1.children.0.code": ["Mỗi tiêu chí phải có mã riêng: 1."],
        "criteria.1.children.1.text": ["Trường này không được để trắng."],
        "criteria.1.children.1.max_points": ["Giá trị phải lớn hơn hoặc bằng 0.1."],
    }
    assert not CriteriaTemplate.objects.filter(name="Sai nhiều chỗ").exists()


@pytest.mark.django_db
def test_criteria_template_refused_for_manager(manager):
    with pytest.raises(PermissionDenied):
        save_criteria_template(
            actor=manager, name="X", criteria=[{"code": "1", "text": "a", "max_points": "10"}]
        )


@pytest.mark.django_db
def test_delete_round_only_while_draft(draft_round, award_round, officer, manager):
    from awards.services import delete_round

    with pytest.raises(PermissionDenied):
        delete_round(actor=manager, award_round=draft_round)
    with pytest.raises(ValidationError) as caught:
        delete_round(actor=officer, award_round=award_round)
    assert caught.value.code == "protected"
    delete_round(actor=officer, award_round=draft_round)
    assert list(AwardRound.objects.values_list("pk", flat=True)) == [award_round.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value"), [("level", "nation"), ("year", 2031)])
def test_round_level_and_year_fixed_after_registration_opens(award_round, officer, field, value):
    with pytest.raises(ValidationError) as caught:
        update_round(actor=officer, award_round=award_round, data={field: value})
    assert list(caught.value.message_dict) == [field]


@pytest.mark.django_db
def test_round_dates_cannot_be_cleared_once_started(award_round, officer):
    with pytest.raises(ValidationError) as caught:
        update_round(actor=officer, award_round=award_round, data={"registration_opens": None})
    assert list(caught.value.message_dict) == ["registration_opens"]


@pytest.mark.django_db
def test_round_level_still_editable_in_draft(draft_round, officer):
    assert update_round(actor=officer, award_round=draft_round, data={"level": "region"}).level == (
        "region"
    )


@pytest.mark.django_db
def test_round_judging_refused_while_entries_wait_for_screening(submitted_entry, officer):
    award_round = submitted_entry.round
    AwardRound.objects.filter(pk=award_round.pk).update(state=R.SCREENING)
    # Judging (issue 8): starting it needs an eligible entry and its panel.
    from tests.factories import ready_for_judging

    ready_for_judging(award_round)
    with pytest.raises(ValidationError) as caught:
        transition(award_round, to=R.JUDGING, actor=officer)
    assert len(caught.value.message_dict["requirements"]) == 1
    from awards.services import screen_entry

    screen_entry(actor=officer, entry=submitted_entry, decision="returned", note="Bổ sung")
    assert transition(award_round, to=R.JUDGING, actor=officer).state == R.JUDGING


@pytest.mark.django_db
def test_round_accepts_registrations_only_in_state_and_window(award_round, draft_round):
    today = datetime.date.today()
    assert award_round.accepts_registrations(on=today) is True
    assert (
        award_round.accepts_registrations(
            on=award_round.registration_closes + datetime.timedelta(days=1)
        )
        is False
    )
    assert draft_round.accepts_registrations(on=today) is False


def test_frozen_setting_given_again_in_another_spelling_is_no_change(officer):
    """70, 70.0 and 70.00 are the one pass score the column holds: not a change to refuse."""
    from decimal import Decimal

    from awards.services import update_round
    from tests.factories import AwardRoundFactory

    award_round = AwardRoundFactory(state="judging", pass_score=Decimal("70.0"))

    updated = update_round(
        actor=officer, award_round=award_round, data={"pass_score": Decimal("70")}
    )

    assert updated.pass_score == Decimal("70.0")
