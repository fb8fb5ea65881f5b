"""What the award workflows tell people once a change has committed (after-commit effects of
awards.workflows): a dossier returned, decided eligible or ineligible, a round opening for
registration; and the reminder that registration closes soon (`manage.py
send_registration_reminders`, daily). Each effect has the signature of a core.workflow effect
and tells through notifications.services.notify, in the site's language.

A change recorded on a past day (`on=`, core.clock: a past round entered after the fact, the
demo's 2024 round) is history, not news: its notifications are in the app, with no e-mail; a
round whose registration is already over is announced to nobody.
"""

import datetime

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applicants.queries import facility_accounts
from awards.models import AwardRound, Entry
from core.formatting import format_date
from core.models import Organisation
from core.roles import Role
from core.workflow import Change
from notifications.services import notify, round_opening_subscribers, site_language

User = get_user_model()

# How many days before registration closes a facility with a draft is reminded.
REMINDER_DAYS = 7


def _is_news(change: Change) -> bool:
    return change.on >= timezone.localdate()


def _tell_members(entry: Entry, change: Change, *, kind: str, title: str, body: str) -> None:
    notify(
        facility_accounts(entry.facility),
        kind=kind,
        title=title,
        body=body,
        url=reverse("awards:entry-detail", args=[entry.pk]),
        target=entry,
        email=_is_news(change),
    )


def _names(entry: Entry) -> dict:
    return {
        "product": entry.product_name,
        "facility": entry.facility.name,
        "round": entry.round.title,
    }


def entry_returned(entry, change: Change) -> None:
    """The facility's members: their dossier was returned for completion, with the reason."""
    with site_language():
        names = _names(entry)
        _tell_members(
            entry,
            change,
            kind="entry_returned",
            title=_("Dossier returned for completion: “%(product)s”") % names,
            body=_(
                "The center returned the dossier of “%(product)s” (%(facility)s) in the round "
                "“%(round)s” for completion.\nWhat to complete: %(reason)s\nComplete the "
                "dossier and submit it again."
            )
            % {**names, "reason": change.note},
        )


def entry_eligible(entry, change: Change) -> None:
    """The facility's members: their entry was screened in, with its voting code."""
    with site_language():
        names = _names(entry)
        _tell_members(
            entry,
            change,
            kind="entry_eligible",
            title=_("“%(product)s” is eligible: voting code %(code)s")
            % {**names, "code": entry.voting_code},
            body=_(
                "The dossier of “%(product)s” (%(facility)s) in the round “%(round)s” was "
                "screened in. Its voting code is %(code)s."
            )
            % {**names, "code": entry.voting_code},
        )


def entry_ineligible(entry, change: Change) -> None:
    """The facility's members: their entry was declared ineligible, with the reason."""
    with site_language():
        names = _names(entry)
        _tell_members(
            entry,
            change,
            kind="entry_ineligible",
            title=_("“%(product)s” was declared ineligible") % names,
            body=_(
                "The entry “%(product)s” (%(facility)s) in the round “%(round)s” was declared "
                "ineligible and takes no further part in the round.\nReason: %(reason)s"
            )
            % {**names, "reason": change.note},
        )


def round_province():
    """The province a round is held in: rounds have none of their own; the organisation's
    (core.Organisation, edited in the admin). None while the organisation has none."""
    return Organisation.current().province


def round_opening_recipients():
    """The members of facilities in the rounds' province who asked to hear of new rounds.
    While the organisation has no province set, the facilities of every province (an
    installation serves one province)."""
    facilities = {"facility_memberships__isnull": False}
    province = round_province()
    if province is not None:
        facilities = {"facility_memberships__facility__province": province}
    return round_opening_subscribers().filter(groups__name=Role.APPLICANT, **facilities).distinct()


def round_opened(award_round, change: Change) -> None:
    """Facilities of the round's province that asked to hear of new rounds."""
    closes = award_round.registration_closes
    if closes is None or closes < timezone.localdate():
        return  # a past round recorded after the fact: nothing to register for
    with site_language():
        names = {
            "round": award_round.title,
            "opens": format_date(award_round.registration_opens),
            "closes": format_date(closes),
        }
        notify(
            round_opening_recipients(),
            kind="round_opened",
            title=_("Registration is open: %(round)s") % names,
            body=_(
                "Registration for “%(round)s” is open from %(opens)s to %(closes)s. Register "
                "your products before it closes."
            )
            % names,
            url=reverse("awards:entry-register", args=[award_round.pk]),
            target=award_round,
            email=_is_news(change),
        )


# ---- Reminders ------------------------------------------------------------------------------


def entries_to_remind(today: datetime.date) -> list[Entry]:
    """The drafts of rounds taking registrations today whose registration closes within
    REMINDER_DAYS days (today included)."""
    return list(
        Entry.objects.filter(
            state=Entry.State.DRAFT,
            round__state__in=AwardRound.states_where(accepts_entries=True),
            round__registration_opens__lte=today,
            round__registration_closes__gte=today,
            round__registration_closes__lte=today + datetime.timedelta(days=REMINDER_DAYS),
        )
        .select_related("round", "facility")
        .order_by("round__registration_closes", "id")
    )


def send_registration_reminders(today: datetime.date | None = None) -> int:
    """Remind the members of each facility with a draft that registration closes soon: once
    per entry and closing date (running it again tells nobody twice; a round whose closing
    date moves is reminded of again). Returns how many entries were considered."""
    today = today or timezone.localdate()
    entries = entries_to_remind(today)
    with site_language():
        for entry in entries:
            closes = entry.round.registration_closes
            days = (closes - today).days
            names = {**_names(entry), "closes": format_date(closes), "days": days}
            when = (
                _("today")
                if days == 0
                else ngettext("in %(days)d day", "in %(days)d days", days) % names
            )
            notify(
                facility_accounts(entry.facility),
                kind="registration_closing",
                title=_("Registration closes on %(closes)s: “%(product)s” is still a draft")
                % names,
                body=_(
                    "“%(product)s” (%(facility)s) is still a draft in the round “%(round)s”. "
                    "Registration closes on %(closes)s (%(when)s): complete the dossier and "
                    "submit it before then, or it takes no part in the round."
                )
                % {**names, "when": when},
                url=reverse("awards:entry-detail", args=[entry.pk]),
                target=entry,
                key=f"registration_closing:{entry.pk}:{closes.isoformat()}",
            )
    return len(entries)


# ---- Judging (issue 8) ---------------------------------------------------------------------


def _sheet_url(sheet) -> str:
    """The judge's page of the sheet (the judging pages'), "" while they are not installed."""
    try:
        return reverse("awards:judging-sheet", kwargs={"pk": sheet.pk})
    except NoReverseMatch:
        return ""


def _sheet_names(sheet) -> dict:
    # What a judge may read of an entry whatever the round's blind setting: its voting code
    # and product, never the facility.
    return {
        "code": sheet.entry.voting_code or "—",
        "product": sheet.entry.product_name,
        "round": sheet.round.title,
    }


def sheet_reopened(sheet, change) -> None:
    """The judge is told their sheet was reopened, with the reason. (Issue 8: scoring.)"""
    with site_language():
        names = _sheet_names(sheet)
        notify(
            [sheet.judge],
            kind="sheet_reopened",
            title=_("Score sheet reopened: %(code)s “%(product)s”") % names,
            body=_(
                "Your score sheet of %(code)s “%(product)s” in the round “%(round)s” was "
                "reopened: correct it and submit it again.\nReason: %(reason)s"
            )
            % {**names, "reason": change.note},
            url=_sheet_url(sheet),
            target=sheet,
            email=_is_news(change),
        )


def panel_sheets_in(sheet, change) -> None:
    """The panel's chair is told when every sheet of the panel is in. (Issue 8: scoring.)"""
    from awards.models import PanelMember, PanelRole, ScoreSheet

    panel = sheet.panel
    if ScoreSheet.objects.filter(panel=panel, state=ScoreSheet.State.DRAFT).exists():
        return
    chairs = User.objects.filter(
        pk__in=PanelMember.objects.filter(panel=panel, role=PanelRole.CHAIR).values("judge_id")
    )
    with site_language():
        names = {"panel": panel.name, "round": sheet.round.title}
        notify(
            chairs,
            kind="panel_sheets_in",
            title=_("Every score sheet of “%(panel)s” is in") % names,
            body=_(
                "Every judge of the panel “%(panel)s” has submitted their score sheets in the "
                "round “%(round)s”."
            )
            % names,
            url=reverse("awards:round-progress", kwargs={"pk": sheet.round_id}),
            target=panel,
            key=f"panel_sheets_in:{panel.pk}",
            email=_is_news(change),
        )


# ---- Judging (issue 8: panels) ---------------------------------------------------------------


def _judging_url(award_round) -> str:
    """The judge's page of the round (awards:judging-round, the judging pages'); until it
    exists, the conflict-of-interest declaration, which a judge answers first anyway."""
    from django.urls import NoReverseMatch

    try:
        return reverse("awards:judging-round", kwargs={"pk": award_round.pk})
    except NoReverseMatch:
        return reverse("awards:judging-declaration", kwargs={"pk": award_round.pk})


def judge_assigned(award_round, change: Change | None = None, *, judges=None) -> None:
    """Each judge assigned entries in the round (all of them when judging starts; `judges`
    when an officer adds one by hand): one notification each, with the number of entries they
    hold in the round."""
    from django.db.models import Count

    from awards.models import ScoreSheet

    sheets = ScoreSheet.objects.filter(round=award_round).exclude(state=ScoreSheet.State.VOID)
    if judges is not None:
        sheets = sheets.filter(judge__in=[judge.pk for judge in judges])
    counts = dict(sheets.values_list("judge_id").annotate(n=Count("id")).order_by())
    email = change is None or _is_news(change)
    url = _judging_url(award_round)
    with site_language():
        for judge in User.objects.filter(pk__in=counts).order_by("pk"):
            count = counts[judge.pk]
            names = {"round": award_round.title, "count": count}
            notify(
                [judge],
                kind="judge_assigned",
                title=_("Entries to score: %(round)s") % names,
                body=ngettext(
                    "You are assigned %(count)d entry to score in the round “%(round)s”. "
                    "Answer the conflict-of-interest declaration first, then score it.",
                    "You are assigned %(count)d entries to score in the round “%(round)s”. "
                    "Answer the conflict-of-interest declaration first, then score them.",
                    count,
                )
                % names,
                url=url,
                target=award_round,
                email=email,
            )


# ---- Results (issue 8: results) ------------------------------------------------------------


def results_published(award_round, change: Change) -> None:
    """Each facility's members: their entries' results are published (the score, recognised
    or not, the certificate), one notification per entry; never a judge's sheet."""
    from notifications.services import emails_together

    entries = (
        Entry.objects.filter(
            round=award_round,
            state__in=(Entry.State.RECOGNIZED, Entry.State.NOT_RECOGNIZED),
        )
        .select_related("facility", "round")
        .order_by("id")
    )
    with site_language(), emails_together():
        for entry in entries:
            names = _names(entry)
            if entry.state == Entry.State.RECOGNIZED:
                title = _("“%(product)s” is recognised") % names
                body = (
                    _(
                        "The results of the round “%(round)s” are published: “%(product)s” "
                        "(%(facility)s) is recognised. Its score and certificate are on the "
                        "entry's page."
                    )
                    % names
                )
            else:
                title = _("Results published: “%(product)s”") % names
                body = (
                    _(
                        "The results of the round “%(round)s” are published: “%(product)s” "
                        "(%(facility)s) is not recognised. Its score is on the entry's page."
                    )
                    % names
                )
            _tell_members(entry, change, kind="results_published", title=title, body=body)
