"""Demo data of the awards app: two provincial award rounds.

- The 2024 provincial round of the Bến Tre report (Sở Công Thương tỉnh Bến Tre, 9 months 2024:
  "Có 20 sản phẩm của 20 đơn vị đạt bình chọn cấp tỉnh, thực hiện hỗ trợ 12 sản phẩm của 12 đơn
  vị dự thi cấp khu vực"). Bến Tre ran it before it merged into tỉnh Vĩnh Long, so its entries
  come from the demo facilities of the former Bến Tre only: 30 products of 19 facilities, in the
  four groups, each with its Mẫu 02 description and a complete dossier. Screening found 28
  eligible (with voting codes) and 2 ineligible; the round waits for judging, which the judging
  issue adds (and the 20 recognised, 12 nominated to the region).
- The 2026 provincial round of tỉnh Vĩnh Long, open for registration today, with two drafts of
  the demo `applicant` account: one ready to submit, one still missing photos.

Everything goes through the services and core.workflow.transition, so validation runs and the
activity log is the real one. The 2024 round is recorded as it happened: each service takes the
day it acts on (`on=`, core.clock), so the round is created in February 2024, opens on 1 March,
its entries are registered and submitted in March and April (the window and the 2024
eligibility rule are checked on those days), it closes on 2 May, is screened from 6 May and
judged from 16 May; its activity log shows those days.

Each entry is registered by a member account of its facility: the `applicant` account for its
own two facilities, otherwise one demo account per facility (coso01, coso02, …) with one known
password. Files are small real images drawn with Pillow and minimal valid PDFs, uploaded through
awards.services.attachments.add_attachment (content-checked, thumbnails made).

Idempotent: a round that exists is kept as it is, with its entries; only what is missing is
created.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applicants.demo import FACILITIES
from applicants.models import Facility
from applicants.services import add_member
from awards import services
from awards.demo.entries import (
    DATES_2024,
    DAYS_2024,
    DOCUMENT_TITLES,
    DRAFTS_2026,
    ENTRIES_2024,
    FACILITY_ACCOUNT_PASSWORD,
    FACILITY_ACCOUNT_PREFIX,
    ROUND_2024,
    ROUND_2026,
    WINDOW_2026,
    DemoEntry,
    DemoRound,
)
from awards.demo.files import document_pdf, product_photo
from awards.demo.judging_seed import create_regional_round, seed_judging_2024
from awards.dossier import required_documents
from awards.models import (
    Attachment,
    AwardRound,
    CriteriaTemplate,
    Entry,
    Level,
    ScreeningCondition,
    product_key,
)
from awards.services.attachments import add_attachment
from core.roles import Role
from core.services import create_user
from core.workflow import transition


@dataclass
class AwardsSeedResult:
    rounds_created: int = 0
    rounds_kept: int = 0
    entries_created: int = 0
    entries_kept: int = 0
    accounts_created: int = 0
    # Usernames of the facility accounts (coso01, …), created now or before.
    facility_usernames: tuple[str, ...] = ()


def _attach_dossier(
    *, actor, entry: Entry, item: DemoEntry, year: int, on: datetime.date | None = None
) -> None:
    """Photos, then the documents the round's level requires, through the upload service."""
    for number in range(1, item.photos + 1):
        upload = SimpleUploadedFile(
            f"anh-san-pham-{number}.jpg", product_photo(item, number, year), "image/jpeg"
        )
        add_attachment(actor=actor, entry=entry, kind=Attachment.Kind.PHOTO, upload=upload, on=on)
    for kind in required_documents(entry.round.level):
        title = DOCUMENT_TITLES.get(kind, Attachment.Kind(kind).label)
        pdf = document_pdf(
            title,
            [
                f"San pham: {item.product}",
                f"Co so: {entry.facility.name}",
                f"Dot binh chon: {entry.round.title}",
            ],
        )
        upload = SimpleUploadedFile(f"{kind}.pdf", pdf, "application/pdf")
        add_attachment(actor=actor, entry=entry, kind=kind, upload=upload, on=on)


# ---- Accounts ---------------------------------------------------------------------------------


def _facility(name: str) -> Facility:
    return Facility.objects.get(name=name, ward__province_id="86")


def facility_accounts() -> dict[str, str]:
    """{facility name: username} of the facilities of the 2024 round: their demo member if
    applicants/demo.py gives one, else coso01, coso02, … in order of first entry."""
    demo_members = {item.name: item.member for item in FACILITIES if item.member}
    accounts, number = {}, 0
    for item in ENTRIES_2024:
        if item.facility in accounts:
            continue
        if item.facility in demo_members:
            accounts[item.facility] = demo_members[item.facility]
        else:
            number += 1
            accounts[item.facility] = f"{FACILITY_ACCOUNT_PREFIX}{number:02d}"
    return accounts


def seed_facility_accounts(result: AwardsSeedResult) -> dict[str, object]:
    """The member accounts of the participating facilities: {facility name: user}, linked by
    the demo officer (a second run adds nothing)."""
    User = get_user_model()
    officer = User.objects.get(username="officer")
    members, usernames = {}, []
    for facility_name, username in facility_accounts().items():
        facility = _facility(facility_name)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = create_user(
                actor=None,
                username=username,
                password=FACILITY_ACCOUNT_PASSWORD,
                role=Role.APPLICANT,
                full_name=facility.representative_name,
                email=f"{username}@example.com",
            )
            result.accounts_created += 1
        if username.startswith(FACILITY_ACCOUNT_PREFIX):
            usernames.append(username)
        add_member(actor=officer, facility=facility, user=user)
        members[facility_name] = user
    result.facility_usernames = tuple(usernames)
    return members


# ---- Rounds -----------------------------------------------------------------------------------


def _create_round(
    *,
    officer,
    spec: DemoRound,
    dates: dict,
    created: datetime.date | None = None,
    next_round: AwardRound | None = None,
) -> AwardRound:
    award_round = services.create_round(
        actor=officer,
        data={
            "title": spec.title,
            "year": spec.year,
            "level": Level.PROVINCE,
            "organiser_name": spec.organiser,
            "criteria_template": CriteriaTemplate.objects.get(is_default=True),
            "pass_score": spec.pass_score,
            "min_score_sheets": spec.min_score_sheets,
            "nominee_quota": spec.nominee_quota,
            "next_round": next_round,
            **dates,
        },
        on=created,
    )
    opened = dates["registration_opens"] if created else None
    return transition(award_round, action="open_registration", actor=officer, on=opened)


def _register(
    *, award_round: AwardRound, item: DemoEntry, member, on: datetime.date | None = None
) -> Entry:
    """Register the entry, attach its dossier and submit it (a few days later) if the item says
    so. `on`: the day of registering, for the 2024 round."""
    entry = services.register_entry(
        actor=member,
        award_round=award_round,
        facility=_facility(item.facility),
        data=item.data(),
        on=on,
    )
    _attach_dossier(actor=member, entry=entry, item=item, year=award_round.year, on=on)
    if item.submit:
        submitted = on + datetime.timedelta(days=3) if on else None
        entry = transition(entry, action="submit", actor=member, on=submitted)
    return entry


def _screen(*, officer, entry: Entry, item: DemoEntry, on: datetime.date) -> Entry:
    checks = {condition: (True, "") for condition in ScreeningCondition.values}
    if item.fails is None:
        return services.screen_entry(
            actor=officer, entry=entry, decision=Entry.State.ELIGIBLE, checks=checks, on=on
        )
    condition, reason = item.fails
    checks[condition] = (False, reason)
    return services.screen_entry(
        actor=officer,
        entry=entry,
        decision=Entry.State.INELIGIBLE,
        note=reason,
        checks=checks,
        on=on,
    )


def seed_round_2024(*, officer, members: dict, result: AwardsSeedResult) -> None:
    """The 2024 round through the services, each step on its 2024 day (DAYS_2024)."""
    existing = ROUND_2024.lookup().first()
    if existing is not None:
        # With its regional round (the next level, holding its nominees), if it has one.
        for kept in (existing, existing.next_round):
            if kept is not None:
                result.rounds_kept += 1
                result.entries_kept += kept.entries.count()
        return
    regional = create_regional_round(officer=officer)
    award_round = _create_round(
        officer=officer,
        spec=ROUND_2024,
        dates=DATES_2024,
        created=DAYS_2024["created"],
        next_round=regional,
    )
    entries = []
    for number, item in enumerate(ENTRIES_2024):
        # Two registrations every three days through March and April.
        day = DAYS_2024["first_registration"] + datetime.timedelta(days=number * 3 // 2)
        entry = _register(award_round=award_round, item=item, member=members[item.facility], on=day)
        entries.append((entry, item))
    award_round = transition(
        award_round, action="close_registration", actor=officer, on=DAYS_2024["closed"]
    )
    # Voting codes follow the screening order; a shuffled order keeps them from following the
    # list (and so the facilities' names). Seeded: the demo is the same on every installation.
    random.Random(2024).shuffle(entries)
    for number, (entry, item) in enumerate(entries):
        day = DAYS_2024["first_screening"] + datetime.timedelta(days=number // 4)
        _screen(officer=officer, entry=entry, item=item, on=day)
    # Judging: panels, sheets, results, recognition, certificates and nominations.
    manager = get_user_model().objects.get(username="manager")
    seed_judging_2024(award_round, officer=officer, manager=manager, regional=regional)
    result.rounds_created += 2
    # The 2024 entries, and the nominees' entries made in the regional round.
    result.entries_created += len(entries) + regional.entries.count()


def seed_round_2026(*, officer, members: dict, result: AwardsSeedResult) -> None:
    award_round = ROUND_2026.lookup().first()
    if award_round is None:
        today = timezone.localdate()
        dates = {name: today + datetime.timedelta(days=days) for name, days in WINDOW_2026.items()}
        award_round = _create_round(officer=officer, spec=ROUND_2026, dates=dates)
        result.rounds_created += 1
    else:
        result.rounds_kept += 1
    today = timezone.localdate()
    accepting = award_round.accepts_registrations(on=today)
    for item in DRAFTS_2026:
        exists = Entry.objects.filter(
            round=award_round,
            facility=_facility(item.facility),
            product_key=product_key(item.product),
        ).exists()
        if exists:
            result.entries_kept += 1
        elif accepting:
            _register(award_round=award_round, item=item, member=members[item.facility])
            result.entries_created += 1


def seed_awards(*, officer, members: dict[str, object]) -> AwardsSeedResult:
    """Create the missing facility accounts, rounds and entries. `members` maps the demo
    usernames of core/demo.py to their users (the `applicant` registers the 2026 drafts)."""
    result = AwardsSeedResult()
    facility_members = seed_facility_accounts(result)
    seed_round_2024(officer=officer, members=facility_members, result=result)
    applicant_facilities = {item.name: members[item.member] for item in FACILITIES if item.member}
    seed_round_2026(officer=officer, members=applicant_facilities, result=result)
    return result
