import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from awards.models import AwardRound, Entry, ProductGroup, ScreeningCondition
from awards.services import bulk_transition, register_entry, screen_entry, update_entry
from core.activity import history_of
from core.workflow import transition
from tests.factories import AttachmentFactory, AwardRoundFactory, EntryFactory, complete_dossier

E = Entry.State
ALL_MET = {c: (True, "") for c in ScreeningCondition.values}


def entry_data(**overrides):
    data = {
        "product_name": "Kẹo dừa lá dứa",
        "product_group": ProductGroup.objects.get(code=2),
        "features": "Kẹo dừa dẻo",
        "materials": "Dừa, đường",
        "production_process": "Thủ công",
        "markets": "Trong nước",
    }
    data.update(overrides)
    return data


# ---- Registration -----------------------------------------------------------------------


@pytest.mark.django_db
def test_register_entry_by_member_creates_draft_and_logs(award_round, facility, applicant):
    entry = register_entry(
        actor=applicant, award_round=award_round, facility=facility, data=entry_data()
    )
    assert (entry.state, entry.voting_code, entry.created_by) == (E.DRAFT, None, applicant)
    assert history_of(entry).get().action == "created"


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "screening", "judging"])
def test_register_entry_refused_outside_registration_state(facility, applicant, state):
    award_round = AwardRoundFactory(state=state)
    with pytest.raises(ValidationError) as caught:
        register_entry(
            actor=applicant, award_round=award_round, facility=facility, data=entry_data()
        )
    assert list(caught.value.message_dict) == ["round"]
    assert Entry.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("opens", "closes"), [(1, 10), (-20, -1)], ids=["not yet open", "already closed"]
)
def test_register_entry_refused_outside_window(facility, applicant, opens, closes):
    today = timezone.localdate()
    award_round = AwardRoundFactory(
        registration_opens=today + datetime.timedelta(days=opens),
        registration_closes=today + datetime.timedelta(days=closes),
    )
    with pytest.raises(ValidationError) as caught:
        register_entry(
            actor=applicant, award_round=award_round, facility=facility, data=entry_data()
        )
    assert list(caught.value.message_dict) == ["round"]


@pytest.mark.django_db
def test_register_entry_refused_for_a_closed_group(facility, applicant):
    award_round = AwardRoundFactory(groups=ProductGroup.objects.filter(code__in=[1, 3]))
    with pytest.raises(ValidationError) as caught:
        register_entry(
            actor=applicant, award_round=award_round, facility=facility, data=entry_data()
        )
    assert list(caught.value.message_dict) == ["product_group"]


@pytest.mark.django_db
def test_register_entry_refused_for_an_ineligible_facility(award_round, facility, applicant):
    # A legal form outside NĐ 45/2012 (written directly: the form would not offer it).
    type(facility).objects.filter(pk=facility.pk).update(legal_form="state_enterprise")
    facility.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        register_entry(
            actor=applicant, award_round=award_round, facility=facility, data=entry_data()
        )
    assert list(caught.value.message_dict) == ["facility"]
    assert len(caught.value.message_dict["facility"]) == 2  # the refusal and the reason


@pytest.mark.django_db
def test_register_entry_twice_same_product_name_refused(award_round, facility, applicant):
    register_entry(actor=applicant, award_round=award_round, facility=facility, data=entry_data())
    with pytest.raises(ValidationError) as caught:
        register_entry(
            actor=applicant,
            award_round=award_round,
            facility=facility,
            data=entry_data(product_name="KẸO DỪA LÁ DỨA"),
        )
    assert list(caught.value.message_dict) == ["product_name"]
    assert Entry.objects.count() == 1


@pytest.mark.django_db
def test_register_entry_same_name_allowed_in_another_round(award_round, facility, applicant):
    register_entry(actor=applicant, award_round=award_round, facility=facility, data=entry_data())
    other_round = AwardRoundFactory()
    register_entry(actor=applicant, award_round=other_round, facility=facility, data=entry_data())
    assert Entry.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["other_applicant", "judge", "officer", "admin"])
def test_register_entry_refused_for_non_member(personas, award_round, facility, persona):
    with pytest.raises(PermissionDenied):
        register_entry(
            actor=personas[persona], award_round=award_round, facility=facility, data=entry_data()
        )


# ---- Editing and submitting ---------------------------------------------------------------


@pytest.mark.django_db
def test_update_entry_refused_after_submission(submitted_entry, applicant):
    with pytest.raises(PermissionDenied):
        update_entry(actor=applicant, entry=submitted_entry, data={"price": "1"})


@pytest.mark.django_db
def test_submit_lists_exactly_what_is_missing(entry, applicant):
    Entry.objects.filter(pk=entry.pk).update(materials="")
    AttachmentFactory(entry=entry, kind="photo")
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        transition(entry, to=E.SUBMITTED, actor=applicant)
    assert caught.value.message_dict["requirements"] == [
        "Fill in “materials”.",
        "Add at least 3 photos of the product (1 so far).",
        "Attach the document “Registration form (Mẫu 01)”.",
        "Attach the document “Product description (Mẫu 02)”.",
        "Attach the document “Business registration copy”.",
    ]
    entry.refresh_from_db()
    assert entry.state == E.DRAFT


@pytest.mark.django_db
def test_submit_regional_level_needs_lower_level_recognition(facility, applicant):
    regional = AwardRoundFactory(level="region")
    entry = EntryFactory(round=regional, facility=facility)
    complete_dossier(entry)  # the documents of the region level, including the recognition
    assert transition(entry, to=E.SUBMITTED, actor=applicant).state == E.SUBMITTED
    entry2 = EntryFactory(round=regional, facility=facility)
    for _ in range(3):
        AttachmentFactory(entry=entry2, kind="photo")
    for kind in ("registration_form", "description", "business_registration"):
        AttachmentFactory(entry=entry2, kind=kind)
    with pytest.raises(ValidationError) as caught:
        transition(entry2, to=E.SUBMITTED, actor=applicant)
    assert len(caught.value.message_dict["requirements"]) == 2


@pytest.mark.django_db
def test_submit_with_complete_dossier_records_time(complete_entry, applicant):
    entry = transition(complete_entry, to=E.SUBMITTED, actor=applicant)
    assert entry.state == E.SUBMITTED
    assert entry.submitted_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["other_applicant", "officer", "judge"])
def test_submit_refused_for_non_member(personas, complete_entry, persona):
    with pytest.raises(PermissionDenied):
        transition(complete_entry, to=E.SUBMITTED, actor=personas[persona])


@pytest.mark.django_db
def test_submit_refused_after_window_closed(complete_entry, applicant):
    AwardRound.objects.filter(pk=complete_entry.round_id).update(
        registration_closes=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as caught:
        transition(complete_entry, to=E.SUBMITTED, actor=applicant)
    assert len(caught.value.message_dict["requirements"]) == 1


# ---- Screening ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_screen_eligible_needs_every_condition_met(submitted_entry, officer):
    checks = {**ALL_MET, "meets_standards": (False, "Chưa có công bố chất lượng")}
    with pytest.raises(ValidationError) as caught:
        screen_entry(actor=officer, entry=submitted_entry, decision=E.ELIGIBLE, checks=checks)
    assert len(caught.value.message_dict["requirements"]) == 1
    submitted_entry.refresh_from_db()
    assert submitted_entry.state == E.SUBMITTED
    assert submitted_entry.screening_checks.count() == 0  # the checklist rolled back too


@pytest.mark.django_db
def test_screen_eligible_assigns_voting_code(submitted_entry, officer):
    entry = screen_entry(actor=officer, entry=submitted_entry, decision=E.ELIGIBLE, checks=ALL_MET)
    assert (entry.state, entry.voting_code) == (E.ELIGIBLE, "T2026-2-001")
    assert entry.screening_checks.filter(passed=True).count() == len(ScreeningCondition)


@pytest.mark.django_db
@pytest.mark.parametrize("decision", [E.INELIGIBLE, E.RETURNED])
def test_screen_ineligible_or_returned_needs_a_note(submitted_entry, officer, decision):
    with pytest.raises(ValidationError) as caught:
        screen_entry(actor=officer, entry=submitted_entry, decision=decision, note="  ")
    assert len(caught.value.message_dict["note"]) == 1


@pytest.mark.django_db
def test_returned_entry_editable_and_resubmitted(submitted_entry, officer, applicant):
    entry = screen_entry(
        actor=officer, entry=submitted_entry, decision=E.RETURNED, note="Bổ sung ảnh nhãn"
    )
    assert (entry.state, entry.state_reason) == (E.RETURNED, "Bổ sung ảnh nhãn")
    update_entry(actor=applicant, entry=entry, data={"price": "40.000 đ/hộp"})
    entry = transition(entry, to=E.SUBMITTED, actor=applicant)
    assert (entry.state, entry.state_reason) == (E.SUBMITTED, "")


@pytest.mark.django_db
def test_failed_condition_needs_a_reason(submitted_entry, officer):
    with pytest.raises(ValidationError) as caught:
        screen_entry(
            actor=officer,
            entry=submitted_entry,
            decision=E.INELIGIBLE,
            note="Không đạt",
            checks={"mass_producible": (False, "")},
        )
    assert list(caught.value.message_dict) == ["mass_producible"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["applicant", "judge", "manager"])
def test_screening_refused_for_role(personas, submitted_entry, persona):
    with pytest.raises(PermissionDenied):
        screen_entry(actor=personas[persona], entry=submitted_entry, decision=E.RETURNED, note="x")


@pytest.mark.django_db
def test_voting_codes_unique_and_sequential_per_group(award_round, officer, applicant, facility):
    from tests.factories import FacilityMemberFactory

    codes = []
    for group_code in (1, 2, 2, 3, 2):
        other = FacilityMemberFactory(user=applicant).facility
        entry = EntryFactory(
            round=award_round,
            facility=other,
            product_group=ProductGroup.objects.get(code=group_code),
        )
        complete_dossier(entry)
        transition(entry, to=E.SUBMITTED, actor=applicant)
        codes.append(
            screen_entry(
                actor=officer, entry=entry, decision=E.ELIGIBLE, checks=ALL_MET
            ).voting_code
        )
    assert codes == ["T2026-1-001", "T2026-2-001", "T2026-2-002", "T2026-3-001", "T2026-2-003"]


@pytest.mark.django_db
def test_withdraw_allowed_until_judging(submitted_entry, applicant):
    AwardRound.objects.filter(pk=submitted_entry.round_id).update(state="judging")
    with pytest.raises(ValidationError):
        transition(submitted_entry, to=E.WITHDRAWN, actor=applicant)
    AwardRound.objects.filter(pk=submitted_entry.round_id).update(state="screening")
    assert transition(submitted_entry, to=E.WITHDRAWN, actor=applicant).state == E.WITHDRAWN


@pytest.mark.django_db
def test_bulk_transition_is_all_or_nothing(award_round, officer, applicant):
    from tests.factories import FacilityMemberFactory

    entries = []
    for _ in range(3):
        entry = EntryFactory(
            round=award_round, facility=FacilityMemberFactory(user=applicant).facility
        )
        complete_dossier(entry)
        entries.append(transition(entry, to=E.SUBMITTED, actor=applicant))
    transition(entries[1], to=E.WITHDRAWN, actor=applicant)
    with pytest.raises(ValidationError) as caught:
        bulk_transition(actor=officer, entries=entries, to=E.ELIGIBLE)
    assert list(caught.value.message_dict) == [str(entries[1].pk)]
    assert Entry.objects.filter(state=E.ELIGIBLE).count() == 0
    assert Entry.objects.exclude(voting_code=None).count() == 0


@pytest.mark.django_db
def test_bulk_eligible_ticks_checklists_and_numbers_entries(award_round, officer, applicant):
    from tests.factories import FacilityMemberFactory

    entries = []
    for _ in range(2):
        entry = EntryFactory(
            round=award_round, facility=FacilityMemberFactory(user=applicant).facility
        )
        complete_dossier(entry)
        entries.append(transition(entry, to=E.SUBMITTED, actor=applicant))
    moved = bulk_transition(actor=officer, entries=entries, to=E.ELIGIBLE)
    assert [e.voting_code for e in moved] == ["T2026-2-001", "T2026-2-002"]


@pytest.mark.django_db
def test_stale_copy_cannot_transition_twice(submitted_entry, officer):
    stale = Entry.objects.get(pk=submitted_entry.pk)
    screen_entry(actor=officer, entry=submitted_entry, decision=E.RETURNED, note="Bổ sung")
    with pytest.raises(ValidationError) as caught:
        screen_entry(actor=officer, entry=stale, decision=E.RETURNED, note="Bổ sung")
    assert list(caught.value.message_dict) == ["decision"]
    assert history_of(stale).filter(action="transition", after__state="returned").count() == 1


def test_entries_without_a_voting_code_come_after_those_with_one_on_every_database(award_round):
    from tests.factories import EntryFactory

    draft = EntryFactory(round=award_round)
    eligible = EntryFactory(round=award_round, state="eligible")

    assert list(Entry.objects.filter(round=award_round)) == [eligible, draft]
