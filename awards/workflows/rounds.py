"""The round's state machine: every transition, who makes it, what it needs.

Attached to the model as `AwardRound.workflow`; core.workflow.transition is the only way to
move a round."""

import datetime

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from awards import notifications
from awards.models import (
    AwardRound,
    Entry,
    RoundCriterion,
)
from core.formatting import format_date
from core.roles import Role
from core.workflow import Change, Transition, Workflow, by_roles

R = AwardRound.State
E = Entry.State


def round_ready_for_registration(award_round: AwardRound, change: Change) -> list[str]:
    missing = []
    template = award_round.criteria_template
    if template is None or not template.criteria.exists():
        missing.append(_("Choose a criteria template that has criteria."))
    for name in ("registration_opens", "registration_closes", "judging_ends"):
        if getattr(award_round, name) is None:
            label = AwardRound._meta.get_field(name).verbose_name
            missing.append(_("Fill in “%s”.") % label)
    if not award_round.product_groups.exists():
        missing.append(_("Open at least one product group."))
    return missing


def copy_criteria(award_round: AwardRound, change: Change) -> None:
    """The round's own copy of its template, parents before children."""
    award_round.criteria.all().delete()
    copies = {}
    template_criteria = award_round.criteria_template.criteria.order_by(
        "parent_id", "position", "id"
    )
    for criterion in sorted(template_criteria, key=lambda c: c.parent_id is not None):
        copies[criterion.pk] = RoundCriterion.objects.create(
            round=award_round,
            parent=copies.get(criterion.parent_id),
            code=criterion.code,
            text=criterion.text,
            max_points=criterion.max_points,
            position=criterion.position,
        )


def all_entries_screened(award_round: AwardRound, change: Change) -> list[str]:
    """Judging starts on a screened list: no submitted dossier may still wait for a decision.
    Drafts and returned dossiers not submitted by then simply take no part."""
    waiting = award_round.entries.filter(state=Entry.State.SUBMITTED).count()
    if waiting:
        return [
            ngettext(
                "%(count)d submitted entry is still waiting to be screened.",
                "%(count)d submitted entries are still waiting to be screened.",
                waiting,
            )
            % {"count": waiting}
        ]
    return []


# ---- Confirmations with the numbers: what the step does to this round, worded from it -----


def _date_or_dash(day: datetime.date | None) -> str:
    return format_date(day) or "—"


def confirm_open_registration(award_round: AwardRound, on: datetime.date) -> str:
    template = award_round.criteria_template
    criteria = template.criteria.count() if template is not None else 0
    groups = award_round.product_groups.count()
    return _(
        "Open registration from %(opens)s to %(closes)s for %(groups)s with %(criteria)s? "
        "The criteria are copied into the round, and its level, year, criteria and product "
        "groups can no longer change."
    ) % {
        "opens": _date_or_dash(award_round.registration_opens),
        "closes": _date_or_dash(award_round.registration_closes),
        "groups": (
            ngettext("%(count)d product group", "%(count)d product groups", groups)
            % {"count": groups}
        ),
        "criteria": (
            ngettext("%(count)d criterion", "%(count)d criteria", criteria) % {"count": criteria}
        ),
    }


def _early_by(days: int) -> str:
    """How early, in weeks from two weeks on, in days below."""
    if days >= 14:
        return ngettext("%(count)d week", "%(count)d weeks", days // 7) % {"count": days // 7}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def confirm_close_registration(award_round: AwardRound, on: datetime.date) -> str:
    drafts = award_round.entries.filter(state=Entry.State.DRAFT).count()
    if drafts:
        unsubmitted = ngettext(
            "%(count)d draft dossier will not be submitted.",
            "%(count)d draft dossiers will not be submitted.",
            drafts,
        ) % {"count": drafts}
    else:
        unsubmitted = _("no dossier is left in draft.")
    closes = award_round.registration_closes
    if closes is not None and on < closes:
        return _(
            "Close registration %(early)s early, before its deadline of %(date)s; %(drafts)s"
        ) % {
            "early": _early_by((closes - on).days),
            "date": format_date(closes),
            "drafts": unsubmitted,
        }
    return _("Close registration (deadline %(date)s) and start screening; %(drafts)s") % {
        "date": _date_or_dash(closes),
        "drafts": unsubmitted,
    }


def note_closing_early(award_round: AwardRound, change: Change) -> str | None:
    """Closing before the deadline takes a reason: the facilities were told another date."""
    closes = award_round.registration_closes
    if closes is not None and change.on < closes:
        return _("Say why registration closes before its deadline of %(date)s.") % {
            "date": format_date(closes)
        }
    return None


def confirm_start_judging(award_round: AwardRound, on: datetime.date) -> str:
    counts = dict(
        award_round.entries.filter(state__in=(E.ELIGIBLE, E.RETURNED))
        .values_list("state")
        .annotate(n=models.Count("id"))
        .order_by()
    )
    eligible = counts.get(E.ELIGIBLE, 0)
    text = _("Start judging with %(eligible)s?") % {
        "eligible": ngettext("%(count)d eligible entry", "%(count)d eligible entries", eligible)
        % {"count": eligible}
    }
    returned = counts.get(E.RETURNED, 0)
    if returned:
        text += " " + (
            ngettext(
                "%(count)d returned dossier was not resubmitted and takes no part.",
                "%(count)d returned dossiers were not resubmitted and take no part.",
                returned,
            )
            % {"count": returned}
        )
    from awards.services.judging import assignment_plan

    plan = assignment_plan(award_round)
    if plan:
        judges = len({judge for _panel, _entry, judge in plan})
        text += " " + (
            _("%(sheets)s are assigned to %(judges)s, who are told.")
            % {
                "sheets": ngettext("%(count)d score sheet", "%(count)d score sheets", len(plan))
                % {"count": len(plan)},
                "judges": ngettext("%(count)d judge", "%(count)d judges", judges)
                % {"count": judges},
            }
        )
    return (
        text
        + " "
        + _(
            "Entries can no longer be withdrawn, and the pass score, the minimum number of score "
            "sheets, the blind-judging settings and the dates are fixed."
        )
    )


# ---- Judging (issue 8: panels): what starting judging needs of the panels, and the sheets it
# makes. awards.services.judging holds them; imported when used (the services import the
# workflows).


def panels_ready(award_round: AwardRound, change: Change) -> list[str]:
    from awards.services.judging import judging_requirements

    return judging_requirements(award_round, change)


def assign_entries(award_round: AwardRound, change: Change) -> None:
    from awards.services.judging import assign_round

    assign_round(award_round, change)


def notify_judges(award_round: AwardRound, change: Change) -> None:
    notifications.judge_assigned(award_round, change)


def record_decision(award_round: AwardRound, change: Change) -> None:
    award_round.decision_number = change.decision_number
    award_round.decision_date = change.decision_date


# ---- Finalize and publish (issue 8: results) -------------------------------------------------
# The work is awards.services.results' (imported when run: the services import the workflows).


def recognition_proposed(award_round: AwardRound, change: Change) -> list[str]:
    from awards.services import results

    return results.recognition_missing(award_round, change)


def certificate_format_valid(award_round: AwardRound, change: Change) -> list[str]:
    from django.core.exceptions import ValidationError

    from core.models import Organisation
    from core.validators import validate_certificate_format

    pattern = Organisation.current().certificate_number_format
    try:
        validate_certificate_format(pattern)
    except ValidationError as error:
        return [
            _("The organisation's certificate number format “%(format)s” is not valid: %(error)s")
            % {"format": pattern, "error": " ".join(error.messages)}
        ]
    return []


def settle_entries(award_round: AwardRound, change: Change) -> None:
    from awards.services import results

    results.settle_entries(award_round, change)


def issue_certificates(award_round: AwardRound, change: Change) -> None:
    from awards.services import results

    results.issue_certificates(award_round, change)


def notify_results_published(award_round: AwardRound, change: Change) -> None:
    notifications.results_published(award_round, change)


officers = by_roles(Role.OFFICER, Role.ADMIN)

AwardRound.workflow = Workflow(
    state_field="state",
    transitions=[
        Transition(
            "open_registration",
            (R.DRAFT,),
            R.REGISTRATION,
            officers,
            label=gettext_lazy("Open registration"),
            confirm=confirm_open_registration,
            done=gettext_lazy("Registration for this round was opened"),
            requires=(round_ready_for_registration,),
            effects=(copy_criteria,),
            after_commit=(notifications.round_opened,),
        ),
        Transition(
            "close_registration",
            (R.REGISTRATION,),
            R.SCREENING,
            officers,
            label=gettext_lazy("Close registration and start screening"),
            confirm=confirm_close_registration,
            needs_note=note_closing_early,
            done=gettext_lazy("Registration for this round was closed"),
        ),
        Transition(
            "start_judging",
            (R.SCREENING,),
            R.JUDGING,
            officers,
            label=gettext_lazy("Start judging"),
            confirm=confirm_start_judging,
            done=gettext_lazy("Judging of this round was started"),
            requires=(all_entries_screened, panels_ready),
            effects=(assign_entries,),
            after_commit=(notify_judges,),
        ),
        Transition(
            "end_judging",
            (R.JUDGING,),
            R.DELIBERATION,
            officers,
            label=gettext_lazy("End judging and deliberate"),
            confirm=gettext_lazy("End judging? Judges can no longer change their score sheets."),
            done=gettext_lazy("Judging of this round was ended"),
        ),
        Transition(
            "finalize",
            (R.DELIBERATION,),
            R.FINALIZED,
            by_roles(Role.MANAGER),
            label=gettext_lazy("Finalize the results"),
            confirm=gettext_lazy(
                "Finalize the results with this decision? Nothing of the round can change "
                "afterwards."
            ),
            done=gettext_lazy("The results of this round were finalized"),
            requires=(recognition_proposed, certificate_format_valid),
            effects=(record_decision, settle_entries, issue_certificates),
            needs_decision=True,
        ),
        Transition(
            "publish",
            (R.FINALIZED,),
            R.PUBLISHED,
            officers,
            label=gettext_lazy("Publish the results"),
            confirm=gettext_lazy(
                "Publish the results? Every facility then sees its entries' results."
            ),
            done=gettext_lazy("The results of this round were published"),
            after_commit=(notify_results_published,),
        ),
    ],
)
