"""What the award workflows tell whom (awards.notifications): screening decisions to the
facility's members, a round opening to the facilities of its province that asked, and the
reminder that registration closes within 7 days."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from awards import services
from awards.models import Entry, ScreeningCondition
from core.models import Organisation, Province
from core.roles import Role
from core.workflow import transition
from notifications.models import EmailStatus, Notification, NotificationPreferences
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    FacilityFactory,
    FacilityMemberFactory,
    UserFactory,
    ward_in,
)

ALL_MET = {condition: (True, "") for condition in ScreeningCondition.values}


@pytest.fixture
def run_after_commit(django_capture_on_commit_callbacks):
    """Run what the code under test leaves for after the commit (the test's transaction never
    commits), callbacks queued by callbacks included."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def co_member(facility):
    """A second member of the applicant's facility."""
    return FacilityMemberFactory(facility=facility).user


def screen(run, entry, officer, decision, note="", on=None):
    return run(
        services.screen_entry,
        actor=officer,
        entry=entry,
        decision=decision,
        note=note,
        checks=ALL_MET,
        on=on,
    )


@pytest.mark.django_db
def test_a_returned_dossier_tells_every_member_of_the_facility_with_the_reason(
    run_after_commit, submitted_entry, officer, applicant, co_member, other_applicant
):
    reason = "Bổ sung ảnh chụp bao bì sản phẩm."

    screen(run_after_commit, submitted_entry, officer, Entry.State.RETURNED, note=reason)

    rows = Notification.objects.order_by("recipient_id")
    assert [n.recipient for n in rows] == [applicant, co_member]
    notification = rows[0]
    assert notification.kind == "entry_returned"
    assert notification.title == (
        f"Hồ sơ được trả lại để bổ sung: “{submitted_entry.product_name}”"
    )
    assert f"Nội dung cần bổ sung: {reason}" in notification.body
    assert submitted_entry.round.title in notification.body
    assert notification.url == reverse("awards:entry-detail", args=[submitted_entry.pk])
    assert notification.target == submitted_entry
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [applicant.email, co_member.email]
    )
    assert Notification.objects.filter(recipient__in=[other_applicant, officer]).count() == 0


@pytest.mark.django_db
def test_an_eligible_entry_tells_its_voting_code(run_after_commit, submitted_entry, officer):
    entry = screen(run_after_commit, submitted_entry, officer, Entry.State.ELIGIBLE)

    notification = Notification.objects.get()
    assert entry.voting_code
    assert notification.kind == "entry_eligible"
    assert notification.title == (
        f"“{entry.product_name}” đủ điều kiện: mã số bình chọn {entry.voting_code}"
    )
    assert f"Mã số bình chọn của sản phẩm là {entry.voting_code}." in notification.body
    assert mail.outbox[0].subject == notification.title


@pytest.mark.django_db
def test_an_ineligible_entry_tells_the_reason(run_after_commit, submitted_entry, officer):
    reason = "Sản phẩm không do cơ sở trực tiếp sản xuất."

    screen(run_after_commit, submitted_entry, officer, Entry.State.INELIGIBLE, note=reason)

    notification = Notification.objects.get()
    assert notification.kind == "entry_ineligible"
    assert notification.title == f"“{submitted_entry.product_name}” không đủ điều kiện"
    assert notification.body.endswith(f"Lý do: {reason}")


@pytest.mark.django_db
def test_the_facility_is_told_in_vietnamese_whatever_the_officers_language(
    run_after_commit, submitted_entry, officer
):
    with translation.override("en"):
        screen(run_after_commit, submitted_entry, officer, Entry.State.RETURNED, note="Ảnh mờ.")

    assert Notification.objects.get().title.startswith("Hồ sơ được trả lại để bổ sung")
    assert "Xin chào" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_decision_recorded_on_a_past_day_is_told_in_the_app_without_email(
    run_after_commit, submitted_entry, officer
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    screen(run_after_commit, submitted_entry, officer, Entry.State.ELIGIBLE, on=yesterday)

    assert Notification.objects.get().email_status == EmailStatus.NOT_WANTED
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_decision_without_a_commit_tells_nobody(submitted_entry, officer):
    """The test's transaction never commits: the after-commit effects never run."""
    services.screen_entry(
        actor=officer, entry=submitted_entry, decision=Entry.State.RETURNED, note="Thiếu ảnh."
    )

    assert Notification.objects.count() == 0


# ---- A round opens ---------------------------------------------------------------------------


def subscriber(province_code: str, *, opted_in: bool = True):
    user = UserFactory(role=Role.APPLICANT)
    ward = ward_in(province_code)
    FacilityMemberFactory(user=user, facility=FacilityFactory(ward=ward, province=ward.province))
    NotificationPreferences.objects.create(user=user, round_openings=opted_in)
    return user


def open_round(run, officer, **dates):
    draft = AwardRoundFactory(state="draft", **dates)
    return run(transition, draft, action="open_registration", actor=officer)


@pytest.fixture
def organisation_in_vinh_long(db):
    organisation = Organisation.current()
    organisation.province = Province.objects.get(code="86")
    organisation.save()
    return organisation


@pytest.mark.django_db
def test_a_round_opening_tells_the_facilities_of_the_province_that_asked(
    run_after_commit, officer, organisation_in_vinh_long
):
    asked, did_not_ask = subscriber("86"), subscriber("86", opted_in=False)
    elsewhere = subscriber("01")
    officer_who_asked = officer
    NotificationPreferences.objects.create(user=officer_who_asked, round_openings=True)

    award_round = open_round(run_after_commit, officer)

    (notification,) = Notification.objects.all()
    assert notification.recipient == asked
    assert notification.kind == "round_opened"
    assert notification.title == f"Đang nhận đăng ký: {award_round.title}"
    opens = award_round.registration_opens.strftime("%d/%m/%Y")
    closes = award_round.registration_closes.strftime("%d/%m/%Y")
    assert f"từ {opens} đến {closes}" in notification.body
    assert notification.url == reverse("awards:entry-register", args=[award_round.pk])
    assert [message.to for message in mail.outbox] == [[asked.email]]
    assert not Notification.objects.filter(recipient__in=[did_not_ask, elsewhere]).exists()


@pytest.mark.django_db
def test_without_a_province_set_a_round_opening_tells_every_facility_that_asked(
    run_after_commit, officer
):
    assert Organisation.current().province is None
    in_vinh_long, in_ha_noi = subscriber("86"), subscriber("01")

    open_round(run_after_commit, officer)

    assert {n.recipient for n in Notification.objects.all()} == {in_vinh_long, in_ha_noi}


@pytest.mark.django_db
def test_a_past_round_recorded_after_the_fact_is_announced_to_nobody(
    run_after_commit, officer, organisation_in_vinh_long
):
    subscriber("86")
    past = {
        "year": 2024,
        "registration_opens": datetime.date(2024, 3, 1),
        "registration_closes": datetime.date(2024, 4, 30),
        "judging_ends": datetime.date(2024, 5, 31),
    }
    draft = AwardRoundFactory(state="draft", **past)

    run_after_commit(
        transition,
        draft,
        action="open_registration",
        actor=officer,
        on=datetime.date(2024, 3, 1),
    )

    assert Notification.objects.count() == 0


# ---- Registration closes in 7 days -------------------------------------------------------------


def closing_in(days: int, **kwargs):
    today = timezone.localdate()
    return AwardRoundFactory(
        registration_opens=today - datetime.timedelta(days=20),
        registration_closes=today + datetime.timedelta(days=days),
        judging_ends=today + datetime.timedelta(days=days + 30),
        **kwargs,
    )


@pytest.fixture
def remind(run_after_commit):
    """remind(**options): the command as cron runs it (its notifications are written at once:
    it runs outside any transaction), returning its output."""

    def run(**options) -> str:
        out = io.StringIO()
        run_after_commit(call_command, "send_registration_reminders", stdout=out, **options)
        return out.getvalue()

    return run


@pytest.mark.django_db
def test_the_reminder_tells_the_members_of_a_facility_with_a_draft(
    remind, facility, applicant, co_member
):
    entry = EntryFactory(round=closing_in(7), facility=facility)

    output = remind()

    closes = entry.round.registration_closes.strftime("%d/%m/%Y")
    rows = Notification.objects.order_by("recipient_id")
    assert [n.recipient for n in rows] == [applicant, co_member]
    assert rows[0].kind == "registration_closing"
    assert rows[0].title == f"Hạn đăng ký {closes}: “{entry.product_name}” vẫn là bản nháp"
    assert f"Hạn đăng ký là {closes} (còn 7 ngày)" in rows[0].body
    assert rows[0].url == reverse("awards:entry-detail", args=[entry.pk])
    assert len(mail.outbox) == 2
    assert output == "Drafts whose registration closes soon: 1.\n"


@pytest.mark.django_db
def test_the_reminder_run_twice_tells_once(remind, facility, applicant):
    EntryFactory(round=closing_in(7), facility=facility)

    remind()
    remind()
    remind(today=(timezone.localdate() + datetime.timedelta(days=1)).isoformat())

    assert Notification.objects.filter(recipient=applicant).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_reminder_is_only_for_drafts_closing_within_7_days(remind, facility, applicant):
    soon = closing_in(3)
    EntryFactory(round=soon, facility=facility, product_name="Bánh phồng tôm")
    submitted = EntryFactory(round=soon, facility=facility, product_name="Kẹo chuối")
    Entry.objects.filter(pk=submitted.pk).update(state=Entry.State.SUBMITTED)
    EntryFactory(round=closing_in(8), facility=facility, product_name="Mắm cá linh")
    EntryFactory(
        round=closing_in(5, state="screening"), facility=facility, product_name="Bánh tráng"
    )

    remind()

    assert [n.title for n in Notification.objects.all()] == [
        f"Hạn đăng ký {soon.registration_closes:%d/%m/%Y}: “Bánh phồng tôm” vẫn là bản nháp"
    ]


@pytest.mark.django_db
def test_the_reminder_says_when_registration_closes_today(remind, facility):
    EntryFactory(round=closing_in(0), facility=facility)

    remind()

    assert "(hôm nay)" in Notification.objects.get().body


@pytest.mark.django_db
def test_the_reminder_command_refuses_a_day_that_is_not_one(remind):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="is not a date"):
        remind(today="31/12/2026")
