"""core.history.history_rows: an object's activity log in words, for any model."""

import pytest
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from applicants import services as facility_services
from applicants.models import Facility, LegalForm
from awards import services as award_services
from awards.models import Entry
from core.activity import Action, log_activity, snapshot
from core.history import history_rows
from core.workflow import transition
from tests.factories import valid_tax_code, ward_in


def _labels(model, *names) -> list[str]:
    return [capfirst(model._meta.get_field(name).verbose_name) for name in names]


def test_facility_update_shows_names_and_labels_not_codes(officer, facility):
    old_province, old_ward = facility.province, facility.ward
    hanoi_ward = ward_in("01")
    facility_services.update_facility(
        actor=officer,
        facility=facility,
        data={
            "province": hanoi_ward.province,
            "ward": hanoi_ward,
            "legal_form": LegalForm.COOPERATIVE,
            "tax_code": valid_tax_code(777),
        },
    )

    [row] = history_rows(facility)

    assert row["log"].action == Action.UPDATED
    changes = {label: (before, after) for label, before, after in row["changes"]}
    [legal_form, province, ward] = _labels(Facility, "legal_form", "province", "ward")
    assert changes[province] == (old_province.name, hanoi_ward.province.name)
    assert changes[ward] == (old_ward.name, hanoi_ward.name)
    assert changes[legal_form][1] == str(LegalForm.COOPERATIVE.label)
    assert hanoi_ward.province_id not in changes[province]


def test_facility_foreign_keys_are_looked_up_once_per_related_model(
    officer, facility, django_assert_num_queries
):
    for code in ("01", "86"):
        ward = ward_in(code)
        facility_services.update_facility(
            actor=officer, facility=facility, data={"province": ward.province, "ward": ward}
        )

    # The log, then one query for the provinces and one for the wards.
    with django_assert_num_queries(3):
        rows = history_rows(facility)

    assert len(rows) == 2


def test_entry_transition_shows_state_labels(applicant, complete_entry):
    transition(complete_entry, to=Entry.State.SUBMITTED, actor=applicant)

    [row] = history_rows(complete_entry)

    assert row["log"].action == Action.TRANSITION
    assert row["source"] == str(Entry.State.DRAFT.label)
    assert row["target"] == str(Entry.State.SUBMITTED.label)
    assert row["changes"] == []


def test_entry_update_hides_bookkeeping_and_says_yes_no(applicant, entry):
    award_services.update_entry(
        actor=applicant, entry=entry, data={"is_product_set": True, "price": "99"}
    )

    [row] = history_rows(entry)

    assert [change[0] for change in row["changes"]] == _labels(Entry, "is_product_set", "price")
    assert row["changes"][0][1:] == (_("No"), _("Yes"))


def test_created_row_lists_no_fields(officer, facility):
    log_activity(actor=officer, action=Action.CREATED, target=facility, after=snapshot(facility))

    [row] = history_rows(facility)

    assert row["log"].action == Action.CREATED
    assert row["changes"] == []
    assert "source" not in row


@pytest.mark.parametrize("with_changes", [True, False])
def test_without_changes_only_transitions_are_kept(applicant, complete_entry, with_changes):
    award_services.update_entry(actor=applicant, entry=complete_entry, data={"price": "99"})
    transition(complete_entry, to=Entry.State.SUBMITTED, actor=applicant)

    rows = history_rows(complete_entry, with_changes=with_changes)

    expected = ["transition", "updated"] if with_changes else ["transition"]
    assert [row["log"].action for row in rows] == expected


def test_transition_row_names_the_step_made(officer, submitted_entry):
    transition(submitted_entry, action="withdraw_on_request", actor=officer, note="Công văn 12/CV")

    row = history_rows(submitted_entry)[0]

    assert row["step"] == "Rút hồ sơ theo đề nghị của cơ sở"
    assert (row["source"], row["target"]) == ("Đã nộp", "Đã rút")
