"""Recognition, certificates and nomination (issue 8: results).

- propose_recognition: the officer's proposal of the recognised entries (every passing entry
  recognised, or left out with a reason; never one that fails), while the round deliberates.
- The round's finalize step (awards/workflows/rounds.py) requires a complete, current proposal
  (recognition_missing) and then, in its transaction, moves every screened-in entry to
  recognised or not recognised (settle_entries) and issues a certificate to each recognised one
  (issue_certificates). After that the round is final: nothing its results are computed from
  changes (every scoring service and the sheet's workflow read `phase.final` / `phase.scores`).
- nominate (awards.services.nominations, named here too): the recognised entries backed for
  the next level, by a decision. Nominations not
  yet sent (those without an entry made in the next-level round) are replaced by a new call;
  sent ones stay. When the next-level round is in the system each nominee becomes a draft entry
  there, with its dossier files copied and the recognition decision and certificate attached.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from awards.models import (
    AwardRound,
    Certificate,
    Entry,
    Recognition,
)
from awards.results import RoundResults, compute_results
from core.activity import Action, log_activity
from core.clock import moment_of
from core.models import LONG_TEXT_MAX, Organisation
from core.roles import Role, has_role
from core.text import clean_text
from core.validators import format_certificate_number
from core.workflow import Change, transition

RESULT_OFFICERS = (Role.OFFICER, Role.ADMIN)


def _entry_id(value) -> int | None:
    pk = getattr(value, "pk", value)
    try:
        return int(pk)
    except (TypeError, ValueError):
        return None


def _lock_round(award_round: AwardRound) -> AwardRound:
    return AwardRound.objects.select_for_update().get(pk=award_round.pk)


def _deliberating(award_round: AwardRound) -> bool:
    phase = award_round.phase
    return phase.results_visible and not phase.final


# ---- Recognition -------------------------------------------------------------------------------


def check_recognition(
    award_round: AwardRound,
    entries,
    excluded,
    results: RoundResults | None = None,
) -> tuple[list[int], dict[int, str]]:
    """The proposal's checks, writing nothing: (proposed ids, {left-out id: reason}).

    Raises ValidationError {"entries": [...], "excluded": [...]}: an entry not of the round, one
    that does not pass, a passing entry neither proposed nor left out, a left-out entry without
    a reason or that does not pass, an entry both proposed and left out."""
    results = results or compute_results(award_round)
    rows = {row.entry_id: row for row in results.rows}
    passing = {row.entry_id for row in results.passing}
    errors: dict[str, list[str]] = {"entries": [], "excluded": []}

    def label(pk) -> str:
        row = rows.get(pk)
        return row.voting_code if row else str(pk)

    proposed: list[int] = []
    for value in entries:
        pk = _entry_id(value)
        if pk not in rows:
            errors["entries"].append(
                _("Entry %(id)s is not an entry of this round.") % {"id": value}
            )
        elif pk not in passing:
            errors["entries"].append(
                _("%(code)s does not pass: an entry that fails is never recognised.")
                % {"code": label(pk)}
            )
        elif pk not in proposed:
            proposed.append(pk)
    left_out: dict[int, str] = {}
    for value, reason in excluded:
        pk = _entry_id(value)
        reason = clean_text(reason or "", multiline=True).strip()
        if pk not in rows:
            errors["excluded"].append(
                _("Entry %(id)s is not an entry of this round.") % {"id": value}
            )
        elif pk not in passing:
            errors["excluded"].append(
                _("%(code)s does not pass: only a passing entry is left out with a reason.")
                % {"code": label(pk)}
            )
        elif not reason:
            errors["excluded"].append(
                _("Say why %(code)s is left out although it passes.") % {"code": label(pk)}
            )
        elif len(reason) > LONG_TEXT_MAX:
            errors["excluded"].append(
                _("Write at most %(limit)d characters (this reason has %(count)d).")
                % {"limit": LONG_TEXT_MAX, "count": len(reason)}
            )
        elif pk in proposed:
            errors["excluded"].append(
                _("%(code)s cannot be both recognised and left out.") % {"code": label(pk)}
            )
        else:
            left_out[pk] = reason
    missing = [
        row.voting_code
        for row in results.passing
        if row.entry_id not in proposed and row.entry_id not in left_out
    ]
    if missing and not errors["excluded"]:
        errors["excluded"].append(
            _("Every passing entry is recognised or left out with a reason; missing: %(codes)s.")
            % {"codes": ", ".join(missing)}
        )
    errors = {key: messages for key, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)
    return proposed, left_out


def propose_recognition(
    *, actor, award_round: AwardRound, entries, excluded, on: datetime.date | None = None
) -> list[Recognition]:
    """Replace the round's proposal: `entries` (entries or ids) recognised, `excluded` [(entry
    or id, reason)] passing entries left out. Officers and administrators, while the round
    deliberates."""
    if not has_role(actor, *RESULT_OFFICERS):
        raise PermissionDenied(_("Only extension officers propose the recognised entries."))
    when = moment_of(on)
    with transaction.atomic():
        locked = _lock_round(award_round)
        if not _deliberating(locked):
            raise ValidationError(
                _("Recognition is proposed while the round deliberates (it is now “%(state)s”).")
                % {"state": locked.get_state_display()}
            )
        proposed, left_out = check_recognition(locked, entries, excluded)
        Recognition.objects.filter(round=locked).delete()
        rows = Recognition.objects.bulk_create(
            [
                Recognition(
                    round=locked,
                    entry_id=pk,
                    recognized=True,
                    proposed_by=actor,
                    proposed_at=when.at,
                )
                for pk in proposed
            ]
            + [
                Recognition(
                    round=locked,
                    entry_id=pk,
                    recognized=False,
                    reason=reason,
                    proposed_by=actor,
                    proposed_at=when.at,
                )
                for pk, reason in left_out.items()
            ]
        )
        log_activity(
            actor=actor,
            action=Action.UPDATED,
            target=locked,
            after={
                "recognition": {
                    "recognized": sorted(proposed),
                    "left_out": {str(pk): reason for pk, reason in sorted(left_out.items())},
                }
            },
            at=when.at,
        )
    return rows


def recognition_missing(award_round: AwardRound, change: Change | None = None) -> list[str]:
    """What keeps the round from being finalized on its proposal: a passing entry without its
    row, a row for an entry that no longer passes (results change in deliberation when a late
    conflict voids a sheet). Read under the round's lock by the finalize step."""
    results = compute_results(award_round)
    passing = {row.entry_id: row for row in results.passing}
    proposal = dict(
        Recognition.objects.filter(round=award_round).values_list("entry_id", "recognized")
    )
    if not proposal and passing:
        return [_("The officer has not proposed the recognised entries yet.")]
    missing = []
    unproposed = [row.voting_code for pk, row in passing.items() if pk not in proposal]
    if unproposed:
        missing.append(
            _("The proposal does not say whether these passing entries are recognised: %(codes)s.")
            % {"codes": ", ".join(unproposed)}
        )
    rows = {row.entry_id: row for row in results.rows}
    stale = [
        rows[pk].voting_code if pk in rows else str(pk) for pk in proposal if pk not in passing
    ]
    if stale:
        missing.append(
            _("These entries of the proposal no longer pass: %(codes)s. Propose again.")
            % {"codes": ", ".join(stale)}
        )
    return missing


def settle_entries(award_round: AwardRound, change: Change) -> None:
    """Finalize's effect: every screened-in entry still eligible becomes recognised (proposed)
    or not recognised (the others, those without a result included), through the entries' own
    steps, in this transaction."""
    from awards.workflows.entries import FINALIZING

    recognized = set(
        Recognition.objects.filter(round=award_round, recognized=True).values_list(
            "entry_id", flat=True
        )
    )
    token = FINALIZING.set(award_round.pk)
    try:
        for entry in Entry.objects.filter(round=award_round, state=Entry.State.ELIGIBLE).order_by(
            "voting_code", "id"
        ):
            transition(
                entry,
                action="recognize" if entry.pk in recognized else "not_recognize",
                actor=change.actor,
                on=change.on,
            )
    finally:
        FINALIZING.reset(token)


def certificate_valid_until(issued_on: datetime.date) -> datetime.date:
    """31 December of the issue year plus settings.CERTIFICATE_VALID_EXTRA_YEARS (domain.md §4:
    3 by default, a 2024 certificate runs to 31/12/2027)."""
    return datetime.date(issued_on.year + settings.CERTIFICATE_VALID_EXTRA_YEARS, 12, 31)


def issue_certificates(award_round: AwardRound, change: Change) -> None:
    """Finalize's effect: a certificate for each recognised entry, in the order of the results,
    numbered in the organisation's format, the year's sequence continuing from its highest
    (under the round's lock; the numbers are unique in the database besides)."""
    # Checked by the finalize step's requirements (certificate_format_valid) before this runs.
    pattern = Organisation.current().certificate_number_format
    issued_on = change.decision_date or change.on
    year = issued_on.year
    recognized = set(
        Recognition.objects.filter(round=award_round, recognized=True).values_list(
            "entry_id", flat=True
        )
    )
    order = [
        row.entry_id for row in compute_results(award_round).rows if row.entry_id in recognized
    ]
    last = Certificate.objects.filter(year=year).aggregate(last=Max("sequence"))["last"] or 0
    certificates = []
    for sequence, entry_id in enumerate(order, start=last + 1):
        certificates.append(
            Certificate(
                round=award_round,
                entry_id=entry_id,
                number=format_certificate_number(pattern, number=sequence, year=year),
                year=year,
                sequence=sequence,
                issued_on=issued_on,
                valid_until=certificate_valid_until(issued_on),
            )
        )
    taken = set(
        Certificate.objects.filter(number__in=[c.number for c in certificates]).values_list(
            "number", flat=True
        )
    )
    if taken:
        raise ValidationError(
            {
                "requirements": [
                    _("Certificate numbers already used: %(numbers)s. Check the format.")
                    % {"numbers": ", ".join(sorted(taken))}
                ]
            }
        )
    Certificate.objects.bulk_create(certificates)


# Nomination lives in awards.services.nominations (one concern a module); named here too.
from awards.services.nominations import NominationOutcome, nominate  # noqa: E402

__all__ = [
    "NominationOutcome",
    "certificate_valid_until",
    "check_recognition",
    "issue_certificates",
    "nominate",
    "propose_recognition",
    "recognition_missing",
    "settle_entries",
]
