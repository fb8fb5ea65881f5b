import datetime
import re
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from applicants.demo import FACILITIES
from applicants.models import Facility, FacilityMember, LegalForm
from awards import demo as awards_demo
from awards.dossier import missing_for_submission, required_documents
from awards.models import (
    Attachment,
    AwardRound,
    CriteriaTemplate,
    Entry,
    ScreeningCheck,
    ScreeningCondition,
)
from core.activity import history_of
from core.models import ActivityLog, Organisation
from core.roles import Role, role_of

User = get_user_model()

ROLES = {
    "applicant": Role.APPLICANT,
    "judge": Role.JUDGE,
    "officer": Role.OFFICER,
    "manager": Role.MANAGER,
    "admin": Role.ADMIN,
}


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", "--force", stdout=out)
    return out.getvalue()


def printed_passwords(output: str) -> dict[str, str]:
    """{username: password} read from the accounts table the command prints."""
    rows = re.findall(r"^(\w+)\s+(\w+)\s+(\S+)$", output, flags=re.MULTILINE)
    return {username: password for username, role, password in rows if username in ROLES}


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "facilities": Facility.objects.count(),
        "memberships": FacilityMember.objects.count(),
        "activity": ActivityLog.objects.count(),
        "organisations": Organisation.objects.count(),
        "rounds": AwardRound.objects.count(),
        "entries": Entry.objects.count(),
        "attachments": Attachment.objects.count(),
        "screening_checks": ScreeningCheck.objects.count(),
    }


def stored_files(location) -> set[str]:
    return {str(path.relative_to(location)) for path in location.rglob("*") if path.is_file()}


@pytest.mark.django_db
def test_seed_demo_twice_creates_nothing_more(storage_root):
    # storage_root (tests/conftest.py): this test's uploads go to its tmp_path.
    first_output = seed()
    first = counts()
    files = stored_files(storage_root)
    second_output = seed()

    assert first == {
        # 5 role accounts + 17 facility accounts of the 2024 award round + 8 judges of its
        # panels (issue 8).
        "users": 30,
        "facilities": 40,
        # The applicant's 2 facilities + one facility account per other 2024 facility.
        "memberships": 19,
        # 5 + 17 accounts and 40 facilities, each created by a service that logs it;
        # 2 rounds created and opened, the 2024 one moved to screening and judging, each step on
        # its 2024 day (6 rows); 32 entries registered, 190 files attached (30 × 6 in 2024,
        # 6 + 4 in 2026), 30 submitted, 30 checklists recorded and 30 screening decisions;
        # 17 facility accounts linked to their facilities by the officer.
        # Issue 8: 8 judges' accounts and 2 panels.
        "activity": 22 + 40 + 6 + 32 + 190 + 30 + 30 + 30 + 17 + 8 + 2,
        "organisations": 1,
        "rounds": 2,
        "entries": 32,
        "attachments": 190,
        "screening_checks": 30 * len(ScreeningCondition),
    }
    # Every attachment is a file and every image has a thumbnail: 190 + 94 photos.
    assert len(files) == 190 + 94
    assert counts() == first
    assert stored_files(storage_root) == files
    assert "Award rounds: 2 created, 0 kept; entries: 32 created, 0 kept." in first_output
    assert "Award rounds: 0 created, 2 kept; entries: 0 created, 32 kept." in second_output


@pytest.mark.django_db
def test_seed_demo_keeps_an_edited_organisation():
    seed()
    Organisation.objects.filter(pk=1).update(center_name="TRUNG TÂM KHUYẾN CÔNG")
    seed()

    assert Organisation.current().center_name == "TRUNG TÂM KHUYẾN CÔNG"


@pytest.mark.django_db
def test_seed_demo_second_run_prints_the_same_passwords():
    first = printed_passwords(seed())

    assert printed_passwords(seed()) == first


@pytest.mark.django_db
def test_seed_demo_reports_a_changed_password():
    seed()
    officer = User.objects.get(username="officer")
    officer.set_password("Mat-khau-moi-2026")
    officer.save()

    output = seed()

    assert "officer" not in printed_passwords(output)
    assert re.search(r"^officer\s+officer\s+\(changed", output, flags=re.MULTILINE)


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())

    assert User.objects.count() == 0


def storages_at(location) -> dict:
    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": None},
        },
    }


@pytest.fixture(scope="class")
def seeded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """One seed shared by the read-only tests of a class (seeding takes seconds), rolled back
    when the class is done; each test still runs in its own savepoint."""
    location = tmp_path_factory.mktemp("private")
    with (
        django_db_blocker.unblock(),
        override_settings(STORAGES=storages_at(location)),
        transaction.atomic(),
    ):
        output = seed()
        yield {"output": output, "location": location}
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
class TestSeededDemo:
    """What one seed creates (the tests above seed themselves: twice, or after a change)."""

    def test_organisation_is_vinh_long(self):
        organisation = Organisation.current()
        assert organisation.province_id == "86"
        assert organisation.province.name == "Tỉnh Vĩnh Long"
        assert organisation.province_name == "UBND TỈNH VĨNH LONG"
        assert organisation.department_name == "SỞ CÔNG THƯƠNG"
        assert organisation.center_name == "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI"

    def test_accounts_log_in_with_printed_passwords(self, seeded_once):
        output = seeded_once["output"]
        passwords = printed_passwords(output)

        assert "http://127.0.0.1:8000" in output
        assert sorted(passwords) == sorted(ROLES)
        for username, role in ROLES.items():
            user = authenticate(username=username, password=passwords[username])
            assert user is not None, username
            assert role_of(user) == role
        admin = User.objects.get(username="admin")
        assert admin.is_staff is True
        assert admin.is_superuser is True

    def test_facilities_are_valid(self):
        facilities = list(Facility.objects.select_related("ward", "province"))
        assert len(facilities) == len(FACILITIES) == 40
        for facility in facilities:
            facility.full_clean()
            assert facility.province_id == "86"
            assert facility.ward.province_id == "86"

    def test_facilities_cover_the_registry(self):
        facilities = Facility.objects.all()
        assert set(facilities.values_list("legal_form", flat=True)) == set(LegalForm.values)
        assert set(facilities.values_list("ward__kind", flat=True)) == {"commune", "ward"}
        without_tax_code = facilities.filter(tax_code__isnull=True)
        assert without_tax_code.count() == 5
        assert set(without_tax_code.values_list("legal_form", flat=True)) == {"household_business"}
        assert facilities.filter(woman_owned=True).exists()
        assert facilities.filter(ethnic_minority_owned=True).exists()
        assert facilities.exclude(craft_village="").exists()
        assert facilities.filter(workers__gte=50).exists()

    def test_applicant_is_member_of_two_facilities(self):
        applicant = User.objects.get(username="applicant")
        names = set(
            Facility.objects.filter(memberships__user=applicant).values_list("name", flat=True)
        )
        assert names == {"Công ty TNHH Thực phẩm Dừa Lan Anh", "Hộ kinh doanh Bánh phồng Lan Anh"}

    def test_facilities_are_logged_with_their_creator(self):
        facility = Facility.objects.get(name="Hợp tác xã Dệt chiếu Cà Hom")
        own = Facility.objects.get(name="Hộ kinh doanh Bánh phồng Lan Anh")
        log = ActivityLog.objects.filter(action="created")
        assert log.get(object_id=str(facility.pk), object_repr=facility.name).actor.username == (
            "officer"
        )
        assert log.get(object_id=str(own.pk), object_repr=own.name).actor.username == "applicant"


# ---- Award rounds -----------------------------------------------------------------------------


def round_2024() -> AwardRound:
    return AwardRound.objects.get(title=awards_demo.ROUND_2024.title, year=2024)


def round_2026() -> AwardRound:
    return AwardRound.objects.get(title=awards_demo.ROUND_2026.title, year=2026)


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
class TestAwardDemo:
    def test_facility_accounts_are_printed_once_in_a_note(self, seeded_once):
        output = seeded_once["output"]

        note = re.search(r"coso01 to (coso\d+) \((\d+) created now\), password (\S+) ", output)
        assert note.groups() == ("coso17", "17", awards_demo.FACILITY_ACCOUNT_PASSWORD)
        assert output.count(awards_demo.FACILITY_ACCOUNT_PASSWORD) == 1
        # The facility accounts stay out of the main table.
        assert not re.search(r"^coso", output, flags=re.MULTILINE)

    def test_facility_accounts_log_in_and_are_members(self):
        accounts = awards_demo.facility_accounts()
        assert len(accounts) == 19
        for facility_name, username in accounts.items():
            if username == "applicant":
                continue  # the demo applicant registers for its own two facilities
            user = authenticate(username=username, password=awards_demo.FACILITY_ACCOUNT_PASSWORD)
            assert user is not None, username
            assert role_of(user) == Role.APPLICANT
            names = Facility.objects.filter(memberships__user=user).values_list("name", flat=True)
            assert list(names) == [facility_name]

    def test_2024_round_is_the_ben_tre_round_waiting_for_judging(self):
        award_round = round_2024()

        assert award_round.title == (
            "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm 2024"
        )
        assert award_round.organiser_name == "Sở Công Thương tỉnh Bến Tre"
        assert award_round.level == "province"
        assert award_round.state == AwardRound.State.JUDGING
        assert award_round.registration_opens == datetime.date(2024, 3, 1)
        assert award_round.registration_closes == datetime.date(2024, 4, 30)
        assert award_round.judging_ends == datetime.date(2024, 5, 31)
        assert award_round.pass_score == Decimal("70.0")
        assert award_round.min_score_sheets == 3
        assert award_round.nominee_quota == 12
        assert award_round.criteria_template == CriteriaTemplate.objects.get(is_default=True)
        assert list(award_round.criteria.values_list("code", "max_points")) == [
            ("1", Decimal("40.0")),
            ("2", Decimal("40.0")),
            ("3", Decimal("10.0")),
            ("4", Decimal("10.0")),
        ]
        assert sorted(award_round.product_groups.values_list("code", flat=True)) == [1, 2, 3, 4]
        # Recorded through the services on the days they happened (on=, core.clock): the log
        # shows 2024, and no later correction of the dates was needed.
        history = history_of(award_round)
        steps = [
            (row.transition, timezone.localdate(row.created_at))
            for row in history.filter(action="transition").order_by("created_at", "id")
        ]
        assert steps == [
            ("open_registration", datetime.date(2024, 3, 1)),
            ("close_registration", datetime.date(2024, 5, 2)),
            ("start_judging", datetime.date(2024, 5, 16)),
        ]
        assert timezone.localdate(history.get(action="created").created_at) == datetime.date(
            2024, 2, 20
        )
        assert not history.filter(action="updated").exists()
        assert timezone.localdate(award_round.created_at) == datetime.date(2024, 2, 20)

    def test_2024_entries_were_registered_submitted_and_screened_in_2024(self):
        entries = round_2024().entries.all()
        logs = ActivityLog.objects.filter(
            content_type__model="entry", object_id__in=[str(e.pk) for e in entries]
        )
        days = {timezone.localdate(log.created_at) for log in logs}
        assert min(days) == datetime.date(2024, 3, 4)
        assert max(days) <= datetime.date(2024, 5, 16)
        assert all(
            datetime.date(2024, 3, 1)
            <= timezone.localdate(e.submitted_at)
            <= datetime.date(2024, 4, 30)
            for e in entries
        )
        assert all(timezone.localdate(e.created_at).year == 2024 for e in entries)
        uploaded = Attachment.objects.filter(entry__in=entries).values_list(
            "uploaded_at", flat=True
        )
        assert {timezone.localdate(day).year for day in uploaded} == {2024}

    def test_2024_entries_across_the_four_groups_screened(self):
        entries = list(
            round_2024().entries.select_related("product_group", "facility", "created_by")
        )

        assert len(entries) == 30
        assert Counter(e.product_group.code for e in entries) == {1: 5, 2: 17, 3: 3, 4: 5}
        assert Counter(e.state for e in entries) == {"eligible": 28, "ineligible": 2}
        # Bến Tre ran the round before the merger: the facilities are of the former Bến Tre.
        assert {e.facility.name for e in entries} == set(awards_demo.facility_accounts())
        for entry in entries:
            assert entry.facility.old_address.endswith("tỉnh Bến Tre"), entry.facility.name
            assert missing_for_submission(entry) == [], entry.product_name
            assert entry.submitted_at is not None
            assert FacilityMember.objects.filter(facility=entry.facility, user=entry.created_by)
            assert role_of(entry.created_by) == Role.APPLICANT
            checks = {c.condition: c for c in entry.screening_checks.all()}
            assert set(checks) == set(ScreeningCondition.values)
            if entry.state == Entry.State.INELIGIBLE:
                assert entry.voting_code is None
                failed = [c for c in checks.values() if not c.passed]
                assert len(failed) == 1
                assert failed[0].reason == entry.state_reason != ""
            else:
                assert all(c.passed for c in checks.values())
            history = history_of(entry).filter(action="transition")
            states = [row.after["state"] for row in history]
            assert sorted(states) == sorted(["submitted", entry.state])

    def test_2024_voting_codes_unique_and_by_group(self):
        eligible = round_2024().entries.filter(state=Entry.State.ELIGIBLE)
        codes = list(eligible.values_list("product_group__code", "voting_code"))

        assert len(codes) == 28
        assert len({code for _group, code in codes}) == 28
        for group, code in codes:
            assert re.fullmatch(rf"T2024-{group}-\d{{3}}", code), code
        # Each group numbers its entries from 001, without gaps.
        for group, count in Counter(group for group, _code in codes).items():
            numbers = sorted(int(code[-3:]) for g, code in codes if g == group)
            assert numbers == list(range(1, count + 1))

    def test_2026_round_is_open_for_registration_today(self):
        today = timezone.localdate()
        award_round = round_2026()

        assert award_round.title == (
            "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm 2026"
        )
        assert award_round.organiser_name == "Sở Công Thương tỉnh Vĩnh Long"
        assert award_round.level == "province"
        assert award_round.state == AwardRound.State.REGISTRATION
        assert award_round.registration_opens == today - datetime.timedelta(days=15)
        assert award_round.registration_closes == today + datetime.timedelta(days=45)
        assert award_round.judging_ends == today + datetime.timedelta(days=75)
        assert award_round.criteria.count() == 4

    def test_2026_drafts_of_the_demo_applicant(self):
        applicant = User.objects.get(username="applicant")
        entries = {e.product_name: e for e in round_2026().entries.all()}

        assert set(entries) == {"Kẹo dừa lá dứa Lan Anh", "Bánh phồng nếp Sơn Đốc Lan Anh"}
        for entry in entries.values():
            assert entry.state == Entry.State.DRAFT
            assert entry.created_by == applicant
        assert missing_for_submission(entries["Kẹo dừa lá dứa Lan Anh"]) == []
        # The other one misses only photos: one of three, the documents are all there.
        incomplete = entries["Bánh phồng nếp Sơn Đốc Lan Anh"]
        assert len(missing_for_submission(incomplete)) == 1
        kinds = Counter(incomplete.attachments.values_list("kind", flat=True))
        assert kinds == {"photo": 1, **{kind: 1 for kind in required_documents("province")}}

    def test_attachments_are_stored_and_real(self, seeded_once):
        attachments = list(Attachment.objects.all())

        assert len(attachments) == 190
        # The files are where this class's seed put them (not in this test's tmp_path).
        with override_settings(STORAGES=storages_at(seeded_once["location"])):
            for attachment in attachments:
                storage = attachment.file.storage
                assert storage.exists(attachment.file.name), attachment.file.name
                assert (seeded_once["location"] / attachment.file.name).is_file()
                with attachment.file.open("rb") as handle:
                    head = handle.read(5)
                if attachment.kind == Attachment.Kind.PHOTO:
                    assert head[:3] == b"\xff\xd8\xff"  # JPEG
                    # Large enough for the upload service's check (UPLOAD_MIN_PHOTO_SIDE).
                    assert (attachment.width, attachment.height) == (800, 600)
                    assert storage.exists(attachment.thumbnail.name)
                else:
                    assert head == b"%PDF-"
                    assert attachment.content_type == "application/pdf"


def test_demo_pdf_cross_references_point_at_their_objects():
    pdf = awards_demo.document_pdf("Mẫu 01 - Phiếu đăng ký", ["Sản phẩm: Kẹo dừa (hộp)"])

    xref = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", pdf).group(1))
    assert pdf[xref:].startswith(b"xref\n0 6\n")
    offsets = re.findall(rb"(\d{10}) 00000 n ", pdf[xref:])
    assert len(offsets) == 5
    for number, offset in enumerate(offsets, start=1):
        assert pdf[int(offset) :].startswith(b"%d 0 obj\n" % number)
    assert b"(San pham: Keo dua \\(hop\\)) Tj" in pdf
