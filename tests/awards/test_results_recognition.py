"""Recognition, finalization, certificates, nomination and publishing (awards.services.results,
the round's finalize and publish steps)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from awards.models import Attachment, AwardRound, Certificate, Entry, Nomination, Recognition
from awards.services import nominate, propose_recognition
from awards.workflows.sheets import round_judging
from core.models import Organisation
from core.workflow import transition
from notifications.models import Notification
from tests.awards.test_results_compute import scored_round
from tests.factories import (
    AttachmentFactory,
    AwardRoundFactory,
    FacilityMemberFactory,
    ScoreSheetFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages are asserted in the source's English (the site's language is Vietnamese)."""
    with translation.override("en"):
        yield


PASSING = ["T2026-2-001", "T2026-2-002", "T2026-1-001", "T2026-2-005", "T2026-2-003", "T2026-2-004"]
DECISION = {"decision_number": "1234/QĐ-UBND", "decision_date": datetime.date(2026, 12, 10)}


@pytest.fixture
def deliberating(db):
    award_round, entries, _judges = scored_round()
    return award_round, entries


def ids(entries, codes):
    return [entries[code].pk for code in codes]


def finalize(award_round, manager):
    return transition(
        AwardRound.objects.get(pk=award_round.pk), action="finalize", actor=manager, **DECISION
    )


def propose_all_but_one(award_round, entries, officer):
    return propose_recognition(
        actor=officer,
        award_round=award_round,
        entries=ids(entries, PASSING[:-1]),
        excluded=[(entries["T2026-2-004"].pk, "Hồ sơ chất lượng chưa đầy đủ.")],
    )


# ---- Recognition -----------------------------------------------------------------------------


def test_recognition_records_the_proposal_and_replaces_it(deliberating, officer):
    award_round, entries = deliberating
    propose_recognition(
        actor=officer, award_round=award_round, entries=ids(entries, PASSING), excluded=[]
    )
    propose_all_but_one(award_round, entries, officer)

    rows = {
        r.entry.voting_code: (r.recognized, r.reason)
        for r in Recognition.objects.filter(round=award_round)
    }

    assert rows == {
        **{code: (True, "") for code in PASSING[:-1]},
        "T2026-2-004": (False, "Hồ sơ chất lượng chưa đầy đủ."),
    }


def test_recognition_never_includes_a_failing_entry(deliberating, officer):
    award_round, entries = deliberating
    with pytest.raises(ValidationError) as error:
        propose_recognition(
            actor=officer,
            award_round=award_round,
            entries=ids(entries, [*PASSING, "T2026-2-007", "T2026-2-006"]),
            excluded=[],
        )
    assert error.value.message_dict == {
        "entries": [
            "T2026-2-007 does not pass: an entry that fails is never recognised.",
            "T2026-2-006 does not pass: an entry that fails is never recognised.",
        ]
    }
    assert not Recognition.objects.exists()


def test_recognition_leaving_out_needs_a_reason_and_a_passing_entry(deliberating, officer):
    award_round, entries = deliberating
    with pytest.raises(ValidationError) as error:
        propose_recognition(
            actor=officer,
            award_round=award_round,
            entries=ids(entries, PASSING[:-1]),
            excluded=[(entries["T2026-2-004"].pk, "  "), (entries["T2026-2-007"].pk, "Trượt")],
        )
    assert error.value.message_dict == {
        "excluded": [
            "Say why T2026-2-004 is left out although it passes.",
            "T2026-2-007 does not pass: only a passing entry is left out with a reason.",
        ]
    }


def test_recognition_every_passing_entry_is_proposed_or_left_out(deliberating, officer):
    award_round, entries = deliberating
    with pytest.raises(ValidationError) as error:
        propose_recognition(
            actor=officer, award_round=award_round, entries=ids(entries, PASSING[:4]), excluded=[]
        )
    assert error.value.message_dict == {
        "excluded": [
            "Every passing entry is recognised or left out with a reason; missing: "
            "T2026-2-003, T2026-2-004."
        ]
    }


def test_recognition_by_officers_only_while_deliberating(deliberating, manager, officer):
    award_round, _entries = deliberating
    with pytest.raises(PermissionDenied):
        propose_recognition(actor=manager, award_round=award_round, entries=[], excluded=[])
    judging = AwardRoundFactory(state="judging")
    with pytest.raises(ValidationError):
        propose_recognition(actor=officer, award_round=judging, entries=[], excluded=[])


# ---- Finalization --------------------------------------------------------------------------------


def test_finalize_requires_the_proposal(deliberating, manager):
    award_round, _entries = deliberating
    with pytest.raises(ValidationError) as error:
        finalize(award_round, manager)
    assert error.value.message_dict["requirements"] == [
        "The officer has not proposed the recognised entries yet."
    ]


def test_finalize_refuses_a_proposal_that_is_no_longer_current(deliberating, officer, manager):
    award_round, entries = deliberating
    propose_all_but_one(award_round, entries, officer)
    # A late conflict voids a sheet: T2026-2-005 keeps two sheets, under the minimum.
    sheet = entries["T2026-2-005"].score_sheets.filter(state="submitted").order_by("total").first()
    sheet.state = "void"
    sheet.save()

    with pytest.raises(ValidationError) as error:
        finalize(award_round, manager)
    assert error.value.message_dict["requirements"] == [
        "These entries of the proposal no longer pass: T2026-2-005. Propose again."
    ]


def test_finalize_moves_entries_and_issues_certificates(deliberating, officer, manager, settings):
    settings.CERTIFICATE_VALID_EXTRA_YEARS = 3
    award_round, entries = deliberating
    Certificate.objects.create(
        round=AwardRoundFactory(state="published"),
        entry=ScoreSheetFactory().entry,
        number="04/2026/GCN-SCT",
        year=2026,
        sequence=4,
        issued_on=datetime.date(2026, 3, 1),
        valid_until=datetime.date(2029, 12, 31),
    )
    propose_all_but_one(award_round, entries, officer)

    finalized = finalize(award_round, manager)

    assert finalized.state == "finalized"
    assert finalized.phase.final
    states = dict(Entry.objects.filter(round=award_round).values_list("voting_code", "state"))
    assert states == {
        **{code: "recognized" for code in PASSING[:-1]},
        "T2026-2-004": "not_recognized",
        "T2026-2-006": "not_recognized",
        "T2026-2-007": "not_recognized",
    }
    certificates = [
        (c.entry.voting_code, c.number, c.sequence, c.issued_on, c.valid_until)
        for c in Certificate.objects.filter(round=award_round).order_by("sequence")
    ]
    day, until = datetime.date(2026, 12, 10), datetime.date(2029, 12, 31)
    assert certificates == [
        ("T2026-2-001", "05/2026/GCN-SCT", 5, day, until),
        ("T2026-2-002", "06/2026/GCN-SCT", 6, day, until),
        ("T2026-1-001", "07/2026/GCN-SCT", 7, day, until),
        ("T2026-2-005", "08/2026/GCN-SCT", 8, day, until),
        ("T2026-2-003", "09/2026/GCN-SCT", 9, day, until),
    ]


def test_finalize_certificate_validity_follows_the_setting(
    deliberating, officer, manager, settings
):
    settings.CERTIFICATE_VALID_EXTRA_YEARS = 4
    award_round, entries = deliberating
    propose_all_but_one(award_round, entries, officer)
    finalize(award_round, manager)

    assert set(Certificate.objects.values_list("valid_until", flat=True)) == {
        datetime.date(2030, 12, 31)
    }


def test_finalize_uses_the_organisations_format_and_refuses_a_bad_one(
    deliberating, officer, manager
):
    award_round, entries = deliberating
    propose_all_but_one(award_round, entries, officer)
    organisation = Organisation.current()
    organisation.certificate_number_format = "GCN-{number}"
    organisation.save()
    with pytest.raises(ValidationError) as error:
        finalize(award_round, manager)
    assert "needs both {number} and {year}" in str(error.value)

    organisation.certificate_number_format = "{year}-{number:03d}/GCN"
    organisation.save()
    finalize(award_round, manager)
    assert Certificate.objects.order_by("sequence").first().number == "2026-001/GCN"


def test_organisation_format_is_validated_where_it_is_edited():
    organisation = Organisation.current()
    organisation.certificate_number_format = "{number}/{nam}"
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "certificate_number_format" in error.value.message_dict


def test_finalize_is_for_managers_only(deliberating, officer):
    award_round, entries = deliberating
    propose_all_but_one(award_round, entries, officer)
    with pytest.raises(PermissionDenied):
        finalize(award_round, officer)


def test_entries_cannot_be_recognised_outside_finalization(deliberating, manager):
    _award_round, entries = deliberating
    entry = entries["T2026-2-001"]

    assert [s.name for s in Entry.workflow.available(manager, entry)] == []
    with pytest.raises(PermissionDenied):
        transition(entry, action="recognize", actor=manager)


def test_finalized_round_locks_every_score(deliberating, officer, manager, chair):
    award_round, entries = deliberating
    propose_all_but_one(award_round, entries, officer)
    final = finalize(award_round, manager)
    sheet = entries["T2026-2-006"].score_sheets.get(state="draft")
    submitted = entries["T2026-2-001"].score_sheets.filter(state="submitted").first()

    assert final.phase.final and not final.phase.scores
    assert round_judging(sheet, None) == ["Score sheets change only while the round is judging."]
    with pytest.raises(ValidationError):
        transition(sheet, action="submit", actor=sheet.judge)
    with pytest.raises(ValidationError):
        transition(submitted, action="reopen_by_officer", actor=officer, note="Sửa điểm")
    with pytest.raises(ValidationError):
        propose_all_but_one(award_round, entries, officer)
    # Nothing moves the round back.
    assert [t.name for t in AwardRound.workflow.leaving(final.state)] == ["publish"]


# ---- Nomination ----------------------------------------------------------------------------------


@pytest.fixture
def finalized(deliberating, officer, manager):
    award_round, entries = deliberating
    propose_all_but_one(award_round, entries, officer)
    finalize(award_round, manager)
    award_round.refresh_from_db()
    return award_round, entries


NOMINATION = {"decision_number": "77/QĐ-SCT", "decision_date": datetime.date(2026, 12, 20)}


def test_nominate_records_the_nominees_without_a_next_round(finalized, officer):
    award_round, entries = finalized
    outcome = nominate(
        actor=officer, award_round=award_round, entries=ids(entries, PASSING[:2]), **NOMINATION
    )
    assert sorted(n.entry.voting_code for n in outcome.nominations) == PASSING[:2]
    assert outcome.skipped == []
    # A new decision replaces the nominations not sent yet.
    nominate(
        actor=officer, award_round=award_round, entries=ids(entries, PASSING[2:3]), **NOMINATION
    )
    assert list(Nomination.objects.values_list("entry__voting_code", flat=True)) == [PASSING[2]]


def test_nominate_only_recognised_entries_within_the_quota(finalized, officer):
    award_round, entries = finalized
    award_round.nominee_quota = 2
    award_round.save()
    with pytest.raises(ValidationError) as error:
        nominate(
            actor=officer,
            award_round=award_round,
            entries=ids(entries, ["T2026-2-004", *PASSING[:3]]),
            **NOMINATION,
        )
    assert error.value.message_dict["entries"] == [
        f"Entry {entries['T2026-2-004'].pk} is not a recognised entry of this round.",
        "At most 2 nominees (3 chosen, already sent included).",
    ]
    with pytest.raises(ValidationError) as error:
        nominate(
            actor=officer,
            award_round=award_round,
            entries=[],
            decision_number="",
            decision_date=None,
        )
    assert set(error.value.message_dict) == {"decision_number", "decision_date"}


def test_nominate_needs_a_finalized_round_and_an_officer(deliberating, finalized, manager, officer):
    award_round, _entries = finalized
    with pytest.raises(PermissionDenied):
        nominate(actor=manager, award_round=award_round, entries=[], **NOMINATION)
    with pytest.raises(ValidationError):
        nominate(
            actor=officer,
            award_round=AwardRoundFactory(state="deliberation"),
            entries=[],
            **NOMINATION,
        )


def test_nominate_copies_the_dossier_into_the_next_round(finalized, officer):
    award_round, entries = finalized
    regional = AwardRoundFactory(level="region", title="Bình chọn cấp khu vực phía Nam 2026")
    award_round.next_round = regional
    award_round.save()
    nominee = entries["T2026-2-001"]
    photo = AttachmentFactory(entry=nominee, kind="photo")
    AttachmentFactory(entry=nominee, kind="description")

    outcome = nominate(actor=officer, award_round=award_round, entries=[nominee.pk], **NOMINATION)

    (nomination,) = outcome.nominations
    copy = nomination.next_entry
    assert (copy.round, copy.facility, copy.product_name, copy.product_group, copy.state) == (
        regional,
        nominee.facility,
        nominee.product_name,
        nominee.product_group,
        "draft",
    )
    assert copy.features == nominee.features
    kinds = sorted(copy.attachments.values_list("kind", flat=True))
    assert kinds == ["description", "lower_level_certificate", "lower_level_decision", "photo"]
    copied_photo = copy.attachments.get(kind="photo")
    assert copied_photo.file.name != photo.file.name
    assert copied_photo.file.read() == photo.file.open("rb").read()
    certificate = copy.attachments.get(kind=Attachment.Kind.LOWER_LEVEL_CERTIFICATE)
    assert certificate.file.read()[:2] == b"PK"  # a .docx


def test_nominate_skips_a_product_already_entered_in_the_next_round(finalized, officer):
    from tests.factories import EntryFactory

    award_round, entries = finalized
    regional = AwardRoundFactory(level="region")
    award_round.next_round = regional
    award_round.save()
    nominee = entries["T2026-2-002"]
    EntryFactory(round=regional, facility=nominee.facility, product_name=nominee.product_name)

    outcome = nominate(
        actor=officer, award_round=award_round, entries=ids(entries, PASSING[:2]), **NOMINATION
    )

    assert [(entry.pk, "already entered" in reason) for entry, reason in outcome.skipped] == [
        (nominee.pk, True)
    ]
    assert Entry.objects.filter(round=regional).count() == 2
    # A sent nomination stays when the decision is recorded again; the skipped one is replaced.
    nominate(actor=officer, award_round=award_round, entries=[], **NOMINATION)
    assert list(Nomination.objects.values_list("entry__voting_code", flat=True)) == ["T2026-2-001"]


# ---- Publishing ----------------------------------------------------------------------------------


def test_publish_tells_each_facility_its_results(
    finalized, officer, django_capture_on_commit_callbacks
):
    award_round, entries = finalized
    member = FacilityMemberFactory(facility=entries["T2026-2-001"].facility).user
    other = FacilityMemberFactory(facility=entries["T2026-2-007"].facility).user

    with django_capture_on_commit_callbacks(execute=True):
        transition(award_round, action="publish", actor=officer)

    entry = entries["T2026-2-001"]
    assert list(
        Notification.objects.filter(recipient=member).values_list("kind", "object_id", "url")
    ) == [("results_published", str(entry.pk), f"/awards/entries/{entry.pk}/")]
    assert Notification.objects.get(recipient=other).object_id == str(entries["T2026-2-007"].pk)
    assert Notification.objects.filter(kind="results_published").count() == 2
