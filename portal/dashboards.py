"""What each role's home page says to do next, read in a fixed number of queries.

The applicant's page: each of its facilities' entries in a round still running, with the next
step (what the dossier still lacks, the reason it was returned, the registration deadline), and
the rounds open for registration it has not entered. The center's: per round in progress, the
dossiers waiting for screening and those returned and not yet resubmitted, and the round's next
date; a manager also sees the rounds waiting for the decision only a manager takes.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards import dossier
from awards.models import Attachment, AwardRound, Entry
from awards.queries import entries_visible_to
from core.formatting import format_date

# How many entries the applicant's page lists; the rest are on "My entries".
ENTRY_LIMIT = 30

E = Entry.State
R = AwardRound.State


def days_left(day: datetime.date, today: datetime.date) -> str:
    """ "on 16/01/2027 (20 days left)", "today", for a deadline not yet passed."""
    left = (day - today).days
    if left == 0:
        return _("today, %(date)s") % {"date": format_date(day)}
    return ngettext("on %(date)s (%(days)d day left)", "on %(date)s (%(days)d days left)", left) % {
        "date": format_date(day),
        "days": left,
    }


@dataclass
class EntryStep:
    """An entry on the applicant's home page and what the facility does next."""

    entry: Entry
    next_step: str
    missing: list[str] = field(default_factory=list)
    reason: str = ""
    deadline: str = ""


def _registration_deadline(award_round: AwardRound, today: datetime.date) -> str:
    closes = award_round.registration_closes
    if closes is None:
        return ""
    if closes >= today:
        return _("Registration closes %(when)s.") % {"when": days_left(closes, today)}
    return _("Registration closed on %(date)s.") % {"date": format_date(closes)}


def entry_step(entry: Entry, today: datetime.date) -> EntryStep:
    """The next step of one entry, in the facility's words."""
    award_round = entry.round
    state = entry.state
    if state == E.DRAFT:
        deadline = _registration_deadline(award_round, today)
        if not award_round.accepts_registrations(on=today):
            if award_round.registration_opens and today < award_round.registration_opens:
                text = _("Registration opens on %(date)s: the dossier can be submitted then.") % {
                    "date": format_date(award_round.registration_opens)
                }
            else:
                text = _("Registration has closed: this draft can no longer be submitted.")
            return EntryStep(entry, text, deadline=deadline)
        missing = dossier.missing_for_submission(entry)
        if missing:
            text = ngettext(
                "Complete the dossier (%(count)d item missing), then submit it.",
                "Complete the dossier (%(count)d items missing), then submit it.",
                len(missing),
            ) % {"count": len(missing)}
        else:
            text = _("The dossier is complete: submit it before registration closes.")
        return EntryStep(entry, text, missing=missing, deadline=deadline)
    if state == E.RETURNED:
        if award_round.phase.screens:
            text = _("The center returned the dossier: complete it and submit it again.")
            missing = dossier.missing_for_submission(entry)
        else:
            text = _("The center returned the dossier; the round no longer takes dossiers.")
            missing = []
        return EntryStep(entry, text, missing=missing, reason=entry.state_reason)
    if state == E.SUBMITTED:
        when = timezone.localtime(entry.submitted_at).date() if entry.submitted_at else None
        if when:
            text = _("Submitted on %(date)s: the center is screening the dossier.") % {
                "date": format_date(when)
            }
        else:
            text = _("Submitted: the center is screening the dossier.")
        return EntryStep(entry, text)
    if state == E.ELIGIBLE:
        text = _("Screened in with voting code %(code)s. Nothing to do: judging follows.") % {
            "code": entry.voting_code
        }
        return EntryStep(entry, text)
    if state == E.INELIGIBLE:
        return EntryStep(entry, _("The entry was found ineligible."), reason=entry.state_reason)
    return EntryStep(entry, _("The entry was withdrawn."))


def applicant_dashboard(user, today: datetime.date | None = None) -> dict:
    """The entries of the user's facilities in rounds still running, with their next steps,
    and the rounds open for registration today that none of its facilities has entered."""
    today = today or timezone.localdate()
    running = AwardRound.states_where(final=False)
    entries = (
        entries_visible_to(user)
        .filter(round__state__in=running)
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.only("id", "entry_id", "kind"))
        )
        .order_by("-round__year", "round_id", "product_sort", "id")
    )
    listed = list(entries[: ENTRY_LIMIT + 1])
    steps = [entry_step(entry, today) for entry in listed[:ENTRY_LIMIT]]
    open_rounds = (
        AwardRound.objects.filter(
            state__in=AwardRound.states_where(accepts_entries=True),
            registration_opens__lte=today,
            registration_closes__gte=today,
        )
        .exclude(entries__facility__memberships__user=user)
        .order_by("registration_closes", "id")
    )
    return {
        "steps": steps,
        "more_entries": len(listed) > ENTRY_LIMIT,
        "open_rounds": [
            (award_round, days_left(award_round.registration_closes, today))
            for award_round in open_rounds
        ],
    }


@dataclass
class RoundProgress:
    """A round in progress on the center's home page."""

    round: AwardRound
    counts: dict[str, int]
    deadline: str
    links: dict[str, str]

    @property
    def waiting(self) -> int:
        return self.counts.get(E.SUBMITTED, 0)

    @property
    def returned(self) -> int:
        return self.counts.get(E.RETURNED, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def next_date(award_round: AwardRound, today: datetime.date) -> str:
    """The round's next date, said for the center: registration's end, then judging's."""
    closes, judging_ends = award_round.registration_closes, award_round.judging_ends
    if award_round.phase.accepts_entries and closes is not None:
        if closes >= today:
            return _("Registration closes %(when)s.") % {"when": days_left(closes, today)}
        return _("Registration closed on %(date)s: close it to start screening.") % {
            "date": format_date(closes)
        }
    if not award_round.phase.results_visible and judging_ends is not None:
        if judging_ends >= today:
            return _("Judging ends %(when)s.") % {"when": days_left(judging_ends, today)}
        return _("Judging was due to end on %(date)s.") % {"date": format_date(judging_ends)}
    return ""


def _entries_link(award_round: AwardRound, state: str) -> str:
    url = reverse("awards:round-entries", args=[award_round.pk])
    return f"{url}?{urlencode({'state': state})}"


def center_dashboard(today: datetime.date | None = None) -> dict:
    """The rounds in progress (opened, not yet decided) with their entries counted by state,
    in two queries whatever their number; and those in deliberation, waiting for a manager."""
    today = today or timezone.localdate()
    rounds = list(
        AwardRound.objects.filter(
            state__in=AwardRound.states_where(opened=True, final=False)
        ).order_by("-year", "-id")
    )
    counts: dict[int, dict[str, int]] = {award_round.pk: {} for award_round in rounds}
    rows = (
        Entry.objects.filter(round__in=rounds)
        .order_by()
        .values_list("round", "state")
        .annotate(n=Count("id"))
    )
    for round_id, state, n in rows:
        counts[round_id][state] = n
    progress = [
        RoundProgress(
            round=award_round,
            counts=counts[award_round.pk],
            deadline=next_date(award_round, today),
            links={
                state: _entries_link(award_round, state)
                for state in (E.SUBMITTED, E.RETURNED, E.DRAFT)
            },
        )
        for award_round in rounds
    ]
    return {
        "rounds_in_progress": progress,
        "to_finalize": [p for p in progress if p.round.state == R.DELIBERATION],
    }


# ---- The judge's home page (issue 8) ------------------------------------------------------------


def judge_dashboard(user) -> dict:
    """The rounds where the judge sits on a panel, each with what to do next (answer the
    conflict-of-interest declaration, the sheets still to score, or nothing: all is in), in a
    fixed number of queries (awards.views.judging.judge_rounds)."""
    from awards.views.judging import judge_rounds

    return {"items": judge_rounds(user)}
