"""Appraisal councils: who sits on them, the proposals they appraise, each member's opinion and
the council's conclusion with the ranked list it gives the plan."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.activity import Action, log_activity, snapshot
from core.clock import moment_of
from core.editing import full_clean_errors, set_fields
from programs import rules
from programs.models import (
    AppraisalCouncil,
    AppraisalOpinion,
    CouncilMember,
    CouncilRole,
    Proposal,
)

COUNCIL_FIELDS = ("name", "decision_number", "decision_date")
OPINION_FIELDS = ("verdict", "score", "comment")


def _check_officer(actor) -> None:
    if not rules.can_manage_plans(actor):
        raise PermissionDenied(_("Only the center's officers set up appraisal councils."))


def create_council(
    *, actor, plan, data: dict[str, Any], proposals=(), members=(), on=None
) -> AppraisalCouncil:
    """A council for `plan`; `members` are (user, role) pairs; the proposals must be the plan's
    and under appraisal. `on`: the day a past council was set up (core.clock), for its log."""
    _check_officer(actor)
    with transaction.atomic():
        council = AppraisalCouncil(plan=plan)
        set_fields(council, data, COUNCIL_FIELDS)
        errors = full_clean_errors(council)
        proposals = list(proposals)
        foreign = [p.code for p in proposals if p.plan_id != plan.pk]
        if foreign:
            errors.setdefault("proposals", []).append(
                _("Not proposals of this plan: %s.") % ", ".join(foreign)
            )
        chairs = [user for user, role in members if role == CouncilRole.CHAIR]
        if len(chairs) > 1:
            errors.setdefault("members", []).append(_("A council has one chair."))
        users = [user.pk for user, _role in members]
        if len(users) != len(set(users)):
            errors.setdefault("members", []).append(_("A member is listed twice."))
        if errors:
            raise ValidationError(errors)
        council.save()
        council.proposals.set(proposals)
        CouncilMember.objects.bulk_create(
            CouncilMember(council=council, user=user, role=role) for user, role in members
        )
        log_activity(
            actor=actor,
            action=Action.CREATED,
            target=council,
            after=snapshot(council),
            at=moment_of(on).at,
        )
    return council


def add_proposals(*, actor, council: AppraisalCouncil, proposals) -> None:
    _check_officer(actor)
    proposals = list(proposals)
    foreign = [p.code for p in proposals if p.plan_id != council.plan_id]
    if foreign:
        raise ValidationError(
            {"proposals": [_("Not proposals of this plan: %s.") % ", ".join(foreign)]}
        )
    council.proposals.add(*proposals)


def give_opinion(
    *, actor, council: AppraisalCouncil, proposal: Proposal, data: dict[str, Any]
) -> AppraisalOpinion:
    """A member's opinion on a proposal the council appraises, changeable until the council
    concludes. The secretary keeps the minutes and gives none."""
    try:
        with transaction.atomic():
            # The council's row is locked, as conclude() locks it: an opinion and the
            # conclusion queue, and no opinion changes once the council has concluded.
            council = AppraisalCouncil.objects.select_for_update().get(pk=council.pk)
            member = _member_giving_opinions(actor, council, proposal)
            opinion = (
                AppraisalOpinion.objects.select_for_update()
                .filter(member=member, proposal=proposal)
                .first()
            ) or AppraisalOpinion(member=member, proposal=proposal)
            set_fields(opinion, data, OPINION_FIELDS)
            errors = full_clean_errors(opinion, exclude=["member", "proposal"])
            if opinion.verdict != "agree" and not (opinion.comment or "").strip():
                errors.setdefault("comment", []).append(
                    _("Say what should change, or why you disagree.")
                )
            if errors:
                raise ValidationError(errors)
            opinion.save()
    except IntegrityError:
        raise ValidationError(
            _("This opinion was given meanwhile; reload and try again.")
        ) from None
    return opinion


def _member_giving_opinions(actor, council: AppraisalCouncil, proposal: Proposal) -> CouncilMember:
    member = council.members.filter(user=actor).first()
    if member is None:
        raise PermissionDenied(_("Only the council's members give opinions."))
    if member.role == CouncilRole.SECRETARY:
        raise PermissionDenied(_("The secretary keeps the minutes and gives no opinion."))
    if council.concluded_on is not None:
        raise ValidationError(_("The council has concluded: opinions can no longer change."))
    if not council.proposals.filter(pk=proposal.pk).exists():
        raise ValidationError({"proposal": [_("The council does not appraise this proposal.")]})
    if proposal.state != Proposal.State.APPRAISAL:
        raise ValidationError(
            {
                "proposal": [
                    _("The proposal is “%s”, not under appraisal.") % proposal.get_state_display()
                ]
            }
        )
    return member


@dataclass(frozen=True)
class AppraisedProposal:
    proposal: Proposal
    opinions: int
    mean_score: float | None
    agree: int
    agree_with_changes: int
    disagree: int
    rank: int | None


def ranking(council: AppraisalCouncil) -> list[AppraisedProposal]:
    """The council's proposals by mean score (highest first), ties by code; a proposal no member
    has scored yet comes last, without a rank."""
    opinions: dict[int, list[AppraisalOpinion]] = {}
    for opinion in AppraisalOpinion.objects.filter(member__council=council):
        opinions.setdefault(opinion.proposal_id, []).append(opinion)
    rows = []
    for proposal in council.proposals.select_related("activity").order_by("code"):
        given = opinions.get(proposal.pk, [])
        mean = sum(o.score for o in given) / len(given) if given else None
        verdicts = [o.verdict for o in given]
        rows.append(
            [
                proposal,
                len(given),
                mean,
                verdicts.count("agree"),
                verdicts.count("agree_with_changes"),
                verdicts.count("disagree"),
            ]
        )
    rows.sort(key=lambda r: (r[2] is None, -(r[2] or 0), r[0].code))
    ranked, rank, previous = [], 0, None
    for index, row in enumerate(rows, start=1):
        if row[2] is not None and row[2] != previous:
            rank, previous = index, row[2]
        ranked.append(AppraisedProposal(*row, rank=rank if row[2] is not None else None))
    return ranked


def conclude(*, actor, council: AppraisalCouncil, conclusion: str, on) -> AppraisalCouncil:
    """The council's conclusion; afterwards opinions stay as they were."""
    _check_officer(actor)
    with transaction.atomic():
        current = AppraisalCouncil.objects.select_for_update().get(pk=council.pk)
        before = snapshot(current)
        current.conclusion, current.concluded_on = conclusion, on
        errors = full_clean_errors(current)
        if not (conclusion or "").strip():
            errors.setdefault("conclusion", []).append(_("Write the council's conclusion."))
        if errors:
            raise ValidationError(errors)
        current.save()
        log_activity(
            actor=actor,
            action=Action.UPDATED,
            target=current,
            before=before,
            after=snapshot(current),
        )
    return current
