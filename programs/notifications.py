"""What the proposal workflow tells people once a change has committed: the facility when its
proposal is returned (with the reason), approved, rejected or cancelled and when a payment is
recorded; the officers when a returned proposal comes back. A change recorded on a past day (the
demo's 2024 plan) is history, not news: in the app only, no e-mail."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.queries import facility_accounts
from core.formatting import format_date, format_vnd
from core.roles import Role
from core.workflow import Change
from notifications.services import notify, site_language


def _url(proposal) -> str:
    return reverse("programs:proposal-detail", args=[proposal.pk])


def _tell_facility(proposal, *, on, kind: str, title: str, body: str) -> None:
    notify(
        facility_accounts(list(proposal.beneficiaries.all())),
        kind=kind,
        title=title,
        body=body,
        url=_url(proposal),
        target=proposal,
        email=on >= timezone.localdate(),
    )


def _names(proposal) -> dict:
    return {"code": proposal.code, "title": proposal.title}


def proposal_returned(proposal, change: Change) -> None:
    with site_language():
        _tell_facility(
            proposal,
            on=change.on,
            kind="proposal_returned",
            title=_("Proposal returned for revision: %(code)s") % _names(proposal),
            body=_(
                "The center returned the proposal “%(title)s” (%(code)s) for revision.\n"
                "What to revise: %(reason)s\nRevise it and submit it again."
            )
            % {**_names(proposal), "reason": change.note},
        )


def proposal_approved(proposal, change: Change) -> None:
    with site_language():
        _tell_facility(
            proposal,
            on=change.on,
            kind="proposal_approved",
            title=_("Proposal approved: %(code)s") % _names(proposal),
            body=_(
                "The proposal “%(title)s” (%(code)s) was approved into the plan by decision "
                "%(number)s of %(date)s, with %(amount)s of extension funding."
            )
            % {
                **_names(proposal),
                "number": change.decision_number,
                "date": format_date(change.decision_date),
                "amount": format_vnd(proposal.approved_funding),
            },
        )


def proposal_rejected(proposal, change: Change) -> None:
    with site_language():
        _tell_facility(
            proposal,
            on=change.on,
            kind="proposal_rejected",
            title=_("Proposal rejected: %(code)s") % _names(proposal),
            body=_("The proposal “%(title)s” (%(code)s) was rejected.\nReason: %(reason)s")
            % {**_names(proposal), "reason": change.note},
        )


def proposal_cancelled(proposal, change: Change) -> None:
    with site_language():
        _tell_facility(
            proposal,
            on=change.on,
            kind="proposal_cancelled",
            title=_("Proposal cancelled: %(code)s") % _names(proposal),
            body=_("The proposal “%(title)s” (%(code)s) was cancelled.\nReason: %(reason)s")
            % {**_names(proposal), "reason": change.note},
        )


def payment_recorded(payment) -> None:
    proposal = payment.proposal
    with site_language():
        _tell_facility(
            proposal,
            on=payment.paid_on,
            kind="proposal_payment",
            title=_("Payment recorded: %(code)s") % _names(proposal),
            body=_(
                "%(kind)s of %(amount)s on %(date)s was recorded for the proposal "
                "“%(title)s” (%(code)s)."
            )
            % {
                **_names(proposal),
                "kind": payment.get_kind_display(),
                "amount": format_vnd(payment.amount),
                "date": format_date(payment.paid_on),
            },
        )


def proposal_resubmitted(proposal, change: Change) -> None:
    officers = get_user_model().objects.filter(groups__name=Role.OFFICER, is_active=True)
    with site_language():
        notify(
            officers,
            kind="proposal_resubmitted",
            title=_("Revised proposal submitted: %(code)s") % _names(proposal),
            body=_("The proposal “%(title)s” (%(code)s) was revised and submitted again.")
            % _names(proposal),
            url=_url(proposal),
            target=proposal,
            email=change.on >= timezone.localdate(),
        )
