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
from awards.demo import judging as judging_demo
from awards.dossier import missing_for_submission, required_documents
from awards.models import (
    Attachment,
    AwardRound,
    Certificate,
    ConflictDeclaration,
    CriteriaTemplate,
    Entry,
    Nomination,
    Recognition,
    ScoreSheet,
    ScreeningCheck,
    ScreeningCondition,
)
from awards.results import compute_results
from core.activity import history_of
from core.models import ActivityLog, Organisation
from core.roles import Role, role_of
from programs.models import Payment, Plan, Proposal, SupportRule

User = get_user_model()
# What a nominee's copy in the regional round carries besides its dossier: the provincial
# recognition decision and certificate, generated as .docx files.
GENERATED_KINDS = {Attachment.Kind.LOWER_LEVEL_DECISION, Attachment.Kind.LOWER_LEVEL_CERTIFICATE}

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
        "plans": Plan.objects.count(),
        "proposals": Proposal.objects.count(),
        "payments": Payment.objects.count(),
        "support_rules": SupportRule.objects.count(),
    }


# The programme demo's log rows (programs.demo): the local equipment rule, 3 plans created and
# the 2024 local one approved; 43 proposals created; their equipment items and budget lines
# (25 local 2024 projects: 1 machine, 4 with a used one too, 2 lines = 79; 7 settled proposals'
# 23 lines; 6 national projects: 19; 2026: 7 + 6 + 3 = 16) and 15 payments (2 for each of the
# 7 settled, 1 advance in 2026); 139 transitions (25 × 3, 7 × 7, 6 + 2 national, 2 + 5 in 2026);
# the council set up and concluded.
PROGRAMME_ACTIVITY = 1 + 3 + 1 + 43 + (79 + 23 + 19 + 16) + (14 + 1) + 139 + 2


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
        # 5 role accounts + 18 facility accounts of the 2024 award round + 8 judges and the
        # secretary of its panels.
        "users": 32,
        "facilities": 40,
        # The applicant's 2 facilities + one facility account per other 2024 facility.
        "memberships": 20,
        # 32 accounts and 40 facilities, each created by a service that logs it; the 2024
        # provincial round, its regional round and the 2026 round created and opened (6 rows);
        # the 2024 one closed, judged, deliberated, finalized and published (5), with the
        # recognition proposal and the nominations (2); 46 entries registered (32 in 2024, 2
        # in 2026, 12 nominees' in the regional round), 202 files attached (32 × 6 in 2024,
        # 6 + 4 in 2026), 32 submitted, 32 checklists recorded, 32 screening decisions and 30
        # results (20 recognised, 10 not); 18 facility accounts linked to their facilities by
        # the officer; 2 panels and 10 declarations; 139 score sheets scored and submitted.
        "activity": 32
        + 40
        + 6
        + 5
        + 2
        + 46
        + 202
        + 32
        + 32
        + 32
        + 30
        + 18
        + 2
        + 10
        + 139 * 2
        + PROGRAMME_ACTIVITY,
        "organisations": 1,
        "rounds": 3,
        "entries": 46,
        # The 12 nominees' copies carry their 6 files and the recognition decision and
        # certificate.
        "attachments": 202 + 12 * 8,
        "screening_checks": 32 * len(ScreeningCondition),
        # The 2024 local and national plans and the 2026 local plan: 25 + 4 + 3 + 6 + 5
        # proposals, 2 payments for each of the 7 settled and the 2026 advance; the national
        # fund's rules (TT 28/2018) and the local equipment rule.
        "plans": 3,
        "proposals": 43,
        "payments": 15,
        "support_rules": 4,
    }
    # Every attachment is a file and every image has a thumbnail: 298 + 136 photos.
    assert len(files) == 298 + 136
    assert counts() == first
    assert stored_files(storage_root) == files
    assert "Award rounds: 3 created, 0 kept; entries: 46 created, 0 kept." in first_output
    assert "Award rounds: 0 created, 3 kept; entries: 0 created, 46 kept." in second_output
    assert "Extension plans: 3 created, 0 kept; proposals: 43 created, 0 kept." in first_output
    assert "Extension plans: 0 created, 3 kept; proposals: 0 created, 43 kept." in second_output


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
        assert note.groups() == ("coso18", "18", awards_demo.FACILITY_ACCOUNT_PASSWORD)
        assert output.count(awards_demo.FACILITY_ACCOUNT_PASSWORD) == 1
        # The facility accounts stay out of the main table.
        assert not re.search(r"^coso", output, flags=re.MULTILINE)

    def test_facility_accounts_log_in_and_are_members(self):
        accounts = awards_demo.facility_accounts()
        assert len(accounts) == 20
        for facility_name, username in accounts.items():
            if username == "applicant":
                continue  # the demo applicant registers for its own two facilities
            user = authenticate(username=username, password=awards_demo.FACILITY_ACCOUNT_PASSWORD)
            assert user is not None, username
            assert role_of(user) == Role.APPLICANT
            names = Facility.objects.filter(memberships__user=user).values_list("name", flat=True)
            assert list(names) == [facility_name]

    def test_2024_round_is_the_ben_tre_round_with_its_results_published(self):
        award_round = round_2024()

        assert award_round.title == (
            "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm 2024"
        )
        assert award_round.organiser_name == "Sở Công Thương tỉnh Bến Tre"
        assert award_round.level == "province"
        assert award_round.state == AwardRound.State.PUBLISHED
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
            ("end_judging", datetime.date(2024, 5, 31)),
            ("finalize", datetime.date(2024, 6, 10)),
            ("publish", datetime.date(2024, 6, 12)),
        ]
        assert timezone.localdate(history.get(action="created").created_at) == datetime.date(
            2024, 2, 20
        )
        # The recognition proposal (4 June) and the nominations (20 June).
        updates = history.filter(action="updated").order_by("created_at")
        assert [timezone.localdate(row.created_at) for row in updates] == [
            datetime.date(2024, 6, 4),
            datetime.date(2024, 6, 20),
        ]
        assert timezone.localdate(award_round.created_at) == datetime.date(2024, 2, 20)

    def test_2024_entries_were_registered_submitted_and_screened_in_2024(self):
        entries = round_2024().entries.all()
        logs = ActivityLog.objects.filter(
            content_type__model="entry", object_id__in=[str(e.pk) for e in entries]
        )
        days = {timezone.localdate(log.created_at) for log in logs}
        assert min(days) == datetime.date(2024, 3, 4)
        # Registered, submitted and screened by 16 May; recognised or not on 10 June.
        assert max(days - {datetime.date(2024, 6, 10)}) <= datetime.date(2024, 5, 16)
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

        assert len(entries) == 32
        assert Counter(e.product_group.code for e in entries) == {1: 5, 2: 18, 3: 3, 4: 6}
        assert Counter(e.state for e in entries) == {
            "recognized": 20,
            "not_recognized": 10,
            "ineligible": 2,
        }
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
            screened = "ineligible" if entry.state == "ineligible" else "eligible"
            expected = ["submitted", screened] + ([entry.state] if screened == "eligible" else [])
            assert sorted(states) == sorted(expected)

    def test_2024_voting_codes_unique_and_by_group(self):
        screened_in = round_2024().entries.exclude(state=Entry.State.INELIGIBLE)
        codes = list(screened_in.values_list("product_group__code", "voting_code"))

        assert len(codes) == 30
        assert len({code for _group, code in codes}) == 30
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

        assert len(attachments) == 298
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
                elif attachment.kind in GENERATED_KINDS:
                    assert head[:4] == b"PK\x03\x04"  # the generated .docx
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


# ---- Judging of the 2024 round ------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
class TestJudgingDemo:
    """The seed's "20 sản phẩm của 20 đơn vị đạt bình chọn cấp tỉnh, thực hiện hỗ trợ 12 sản phẩm
    của 12 đơn vị dự thi cấp khu vực", reached through panels, sheets and results."""

    def test_two_panels_of_nine_judges_and_a_secretary(self, seeded_once):
        award_round = round_2024()
        panels = list(award_round.panels.prefetch_related("members__judge", "product_groups"))

        assert len(panels) == 2
        groups = [sorted(g.code for g in panel.product_groups.all()) for panel in panels]
        assert sorted(groups) == [[1, 4], [2, 3]]
        scorers = {m.judge.username for panel in panels for m in panel.members.all() if m.scores}
        assert len(scorers) == 9 and "judge" in scorers
        for panel in panels:
            roles = Counter(m.role for m in panel.members.all())
            assert roles["chair"] == 1 and roles["secretary"] == 1
        for username in scorers | {judging_demo.SECRETARY.username}:
            password = (
                "Giamkhao-Chamdiem-2026"
                if username == "judge"
                else judging_demo.JUDGE_ACCOUNT_PASSWORD
            )
            user = authenticate(username=username, password=password)
            assert user is not None and role_of(user) == Role.JUDGE, username
        assert judging_demo.JUDGE_ACCOUNT_PASSWORD in seeded_once["output"]

    def test_every_entry_scored_by_its_whole_panel(self):
        award_round = round_2024()
        sheets = ScoreSheet.objects.filter(round=award_round)

        assert set(sheets.values_list("state", flat=True)) == {"submitted"}
        assert ConflictDeclaration.objects.filter(round=award_round).count() == 10
        for entry in award_round.entries.exclude(state=Entry.State.INELIGIBLE):
            members = entry.score_sheets.get(judge__username__in=["judge", "giamkhao04"]).panel
            scorers = members.members.filter(role__in=["chair", "member"]).count()
            assert entry.score_sheets.filter(state="submitted").count() == scorers
        # The secretary entered one judge's paper sheets (11 entries of the first panel).
        paper = sheets.exclude(entered_by=None)
        assert paper.count() == 11
        assert set(paper.values_list("entered_by__username", flat=True)) == {"thuky"}
        days = {timezone.localdate(s.submitted_at) for s in sheets}
        assert min(days) >= datetime.date(2024, 5, 20)
        assert max(days) < datetime.date(2024, 5, 31)

    def test_twenty_recognised_of_twenty_facilities(self):
        award_round = round_2024()
        results = compute_results(award_round)
        passing = [row for row in results.rows if row.passes]
        recognised = award_round.entries.filter(state=Entry.State.RECOGNIZED)

        assert len(passing) == 22
        assert recognised.count() == 20
        assert recognised.values("facility").distinct().count() == 20
        left_out = Recognition.objects.filter(round=award_round, recognized=False)
        assert left_out.count() == 2
        assert all(row.reason == judging_demo.ONE_PER_FACILITY for row in left_out)
        assert any(row.disagreement for row in results.rows)
        assert (award_round.decision_number, award_round.decision_date) == (
            "1256/QĐ-UBND",
            datetime.date(2024, 6, 10),
        )

    def test_certificates_numbered_and_valid_until_2027(self):
        certificates = Certificate.objects.filter(round=round_2024()).order_by("sequence")

        assert [c.number for c in certificates] == [f"{n:02d}/2024/GCN-SCT" for n in range(1, 21)]
        assert {(c.issued_on, c.valid_until) for c in certificates} == {
            (datetime.date(2024, 6, 10), datetime.date(2027, 12, 31))
        }
        assert {c.entry.state for c in certificates} == {Entry.State.RECOGNIZED}

    def test_twelve_best_nominated_to_the_regional_round(self):
        award_round = round_2024()
        regional = award_round.next_round
        nominations = Nomination.objects.filter(round=award_round).select_related("next_entry")
        results = {row.entry_id: row for row in compute_results(award_round).rows}
        ranks = sorted(
            results[e.pk].rank_overall
            for e in award_round.entries.filter(state=Entry.State.RECOGNIZED)
        )

        assert regional.level == "region" and regional.year == 2024
        assert regional.state == AwardRound.State.REGISTRATION
        assert nominations.count() == 12
        assert {n.decision_number for n in nominations} == {"98/QĐ-SCT"}
        assert sorted(results[n.entry_id].rank_overall for n in nominations) == ranks[:12]
        for nomination in nominations:
            copy = nomination.next_entry
            assert copy.round == regional and copy.state == Entry.State.DRAFT
            assert copy.facility_id == nomination.entry.facility_id
            assert copy.product_name == nomination.entry.product_name
            kinds = Counter(copy.attachments.values_list("kind", flat=True))
            assert kinds[Attachment.Kind.PHOTO] == 3
            assert kinds.keys() >= GENERATED_KINDS


# ---- Extension programmes -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
class TestProgrammeDemo:
    """The seed's "03 tập huấn …; xét duyệt danh mục gồm 25 đề án … trình xét duyệt 06 đề án …
    04 Đề án khuyến công tỉnh năm 2024", and a 2026 plan under way."""

    def test_2024_local_plan_25_equipment_projects_appraised_and_approved(self):
        plan = Plan.objects.get(year=2024, fund_source="local")
        assert plan.state == "approved"
        equipment = plan.proposals.filter(activity__code="equipment")
        assert equipment.count() == 25
        assert set(equipment.values_list("state", flat=True)) == {"approved"}
        council = plan.councils.get()
        roles = Counter(council.members.values_list("role", flat=True))
        # The judging demo's secretary keeps the council's minutes too.
        assert roles == {"chair": 1, "member": 2, "secretary": 1}
        assert council.proposals.count() == 25 and council.concluded_on is not None
        assert {p.code[:10] for p in equipment} == {"KCĐP-2024-"}

    def test_2024_extension_and_training_proposals_settled(self):
        plan = Plan.objects.get(year=2024, fund_source="local")
        others = plan.proposals.exclude(activity__code="equipment")
        assert others.filter(activity__code="training").count() == 3
        assert others.exclude(activity__code="training").count() == 4
        assert set(others.values_list("state", flat=True)) == {"settled"}
        for proposal in others:
            kinds = sorted(proposal.payments.values_list("kind", flat=True))
            assert kinds == ["advance", "settlement"]
            assert sum(proposal.payments.values_list("amount", flat=True)) == (
                proposal.approved_funding
            )
            days = proposal.payments.values_list("paid_on", flat=True)
            assert {day.year for day in days} == {2024}

    def test_6_submitted_to_the_national_plan(self):
        plan = Plan.objects.get(year=2024, fund_source="national")
        assert Counter(plan.proposals.values_list("state", flat=True)) == {
            "submitted": 4,
            "appraisal": 2,
        }

    def test_2026_plan_under_way(self):
        plan = Plan.objects.get(year=2026, fund_source="local")
        assert plan.state == "draft"
        assert Counter(plan.proposals.values_list("state", flat=True)) == {
            "draft": 2,
            "submitted": 2,
            "in_progress": 1,
        }
        running = plan.proposals.get(state="in_progress")
        assert list(running.payments.values_list("kind", flat=True)) == ["advance"]
