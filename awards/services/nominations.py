"""Nomination (issue 8: results): the recognised entries backed for the next level, by a
decision. The round's nominations not yet sent (those without an entry made in the next-level
round) are replaced by a new call; sent ones stay. When the next-level round is in the system,
each nominee becomes a draft entry there with its dossier files copied (new files in storage)
and the recognition decision and certificate attached (Word documents, awards.printouts
.recognition)."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import DESCRIPTION_FIELDS, Attachment, AwardRound, Certificate, Entry, Nomination
from core.activity import Action, log_activity
from core.clock import moment_of
from core.roles import Role, has_role
from core.text import clean_text

RESULT_OFFICERS = (Role.OFFICER, Role.ADMIN)


def _entry_id(value) -> int | None:
    pk = getattr(value, "pk", value)
    try:
        return int(pk)
    except (TypeError, ValueError):
        return None


@dataclass
class NominationOutcome:
    """The round's nominations after the call, and the nominees not copied into the next-level
    round, each with why (their product is already entered there)."""

    nominations: list[Nomination]
    skipped: list[tuple[Entry, str]] = field(default_factory=list)


def nominate(
    *,
    actor,
    award_round: AwardRound,
    entries,
    decision_number: str,
    decision_date: datetime.date | None,
    on: datetime.date | None = None,
) -> NominationOutcome:
    """Record the nominees (recognised entries of the round, at most its nominee quota) by the
    decision. The round's unsent nominations are replaced; sent ones (with an entry in the
    next-level round) stay and count towards the quota. When the next-level round is in the
    system, each new nominee becomes a draft entry there with its dossier files copied and the
    recognition decision and certificate attached; a nominee whose product the facility already
    entered there is recorded but not copied (`skipped`, with the reason)."""
    if not has_role(actor, *RESULT_OFFICERS):
        raise PermissionDenied(_("Only extension officers record the nominations."))
    decision_number = clean_text(decision_number or "").strip()
    errors: dict[str, list[str]] = {}
    if not decision_number:
        errors["decision_number"] = [_("Give the number of the nomination decision.")]
    elif len(decision_number) > Nomination._meta.get_field("decision_number").max_length:
        errors["decision_number"] = [_("The decision number is too long.")]
    if decision_date is None:
        errors["decision_date"] = [_("Give the date of the nomination decision.")]
    when = moment_of(on)
    with transaction.atomic():
        locked = AwardRound.objects.select_for_update().get(pk=award_round.pk)
        if not locked.phase.final:
            raise ValidationError(
                _("Nominees are chosen once the round is finalized (it is now “%(state)s”).")
                % {"state": locked.get_state_display()}
            )
        recognized = {
            e.pk: e
            for e in Entry.objects.filter(round=locked, state=Entry.State.RECOGNIZED)
            .select_related("facility", "product_group", "round")
            .prefetch_related("attachments")
        }
        chosen: list[int] = []
        for value in entries:
            pk = _entry_id(value)
            if pk not in recognized:
                errors.setdefault("entries", []).append(
                    _("Entry %(id)s is not a recognised entry of this round.") % {"id": value}
                )
            elif pk not in chosen:
                chosen.append(pk)
        sent = {
            n.entry_id: n for n in Nomination.objects.filter(round=locked, next_entry__isnull=False)
        }
        total = len(set(chosen) | set(sent))
        if locked.nominee_quota is not None and total > locked.nominee_quota:
            errors.setdefault("entries", []).append(
                _("At most %(quota)d nominees (%(count)d chosen, already sent included).")
                % {"quota": locked.nominee_quota, "count": total}
            )
        next_round = locked.next_round
        if next_round is not None and next_round.phase.settings_frozen:
            errors.setdefault("entries", []).append(
                _("The next-level round “%(round)s” has already started judging.")
                % {"round": next_round.title}
            )
        if errors:
            raise ValidationError(errors)
        Nomination.objects.filter(round=locked, next_entry__isnull=True).delete()
        created, skipped = [], []
        for pk in chosen:
            if pk in sent:
                continue
            entry = recognized[pk]
            nomination = Nomination(
                round=locked,
                entry=entry,
                decision_number=decision_number,
                decision_date=decision_date,
                nominated_by=actor,
                nominated_at=when.at,
            )
            if next_round is not None:
                taken = Entry.objects.filter(
                    round=next_round, facility=entry.facility, product_key=entry.product_key
                ).exists()
                if taken:
                    skipped.append(
                        (
                            entry,
                            _(
                                "“%(product)s” of %(facility)s is already entered in “%(round)s”:"
                                " it was not copied again."
                            )
                            % {
                                "product": entry.product_name,
                                "facility": entry.facility.name,
                                "round": next_round.title,
                            },
                        )
                    )
                else:
                    nomination.next_entry = _copy_to_next_round(actor, entry, next_round, when)
            nomination.save()
            created.append(nomination)
        log_activity(
            actor=actor,
            action=Action.UPDATED,
            target=locked,
            after={
                "nominations": sorted(chosen),
                "skipped": sorted(entry.pk for entry, _reason in skipped),
            },
            decision_number=decision_number,
            decision_date=decision_date,
            at=when.at,
        )
    nominations = list(
        Nomination.objects.filter(round=award_round).select_related("entry", "next_entry")
    )
    return NominationOutcome(nominations=nominations, skipped=skipped)


def _copy_to_next_round(actor, entry: Entry, next_round: AwardRound, when) -> Entry:
    """A draft entry of the same facility and product in the next-level round, with the
    dossier's files copied (new files in storage: deleting one never deletes the other) and
    the recognition decision and certificate attached as Word documents."""
    from awards.printouts.recognition import certificate_docx, decision_docx

    copy = Entry(
        round=next_round,
        facility=entry.facility,
        product_name=entry.product_name,
        product_group=entry.product_group,
        is_product_set=entry.is_product_set,
        created_by=actor,
        created_at=when.at,
        **{name: getattr(entry, name) for name in DESCRIPTION_FIELDS},
    )
    copy.save()
    for attachment in entry.attachments.all():
        _copy_attachment(attachment, copy, actor, when)
    certificate = Certificate.objects.filter(entry=entry).first()
    documents = [
        (Attachment.Kind.LOWER_LEVEL_DECISION, "quyet-dinh-cong-nhan", decision_docx(entry))
    ]
    if certificate is not None:
        documents.append(
            (
                Attachment.Kind.LOWER_LEVEL_CERTIFICATE,
                "giay-chung-nhan",
                certificate_docx(certificate),
            )
        )
    for kind, stem, content in documents:
        attachment = Attachment(
            entry=copy,
            kind=kind,
            original_name=f"{stem}.docx",
            content_type=DOCX,
            size=len(content),
            uploaded_by=actor,
            uploaded_at=when.at,
        )
        attachment.file.save(f"{uuid.uuid4().hex}.docx", ContentFile(content), save=False)
        attachment.save()
    log_activity(
        actor=actor,
        action=Action.CREATED,
        target=copy,
        after={"nominated_from": entry.pk, "round": next_round.pk},
        at=when.at,
    )
    return copy


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _copy_attachment(attachment: Attachment, entry: Entry, actor, when) -> Attachment:
    copy = Attachment(
        entry=entry,
        kind=attachment.kind,
        original_name=attachment.original_name,
        content_type=attachment.content_type,
        size=attachment.size,
        width=attachment.width,
        height=attachment.height,
        uploaded_by=actor,
        uploaded_at=when.at,
    )
    stem = uuid.uuid4().hex
    with attachment.file.open("rb") as source:
        suffix = (
            "." + attachment.file.name.rsplit(".", 1)[-1] if "." in attachment.file.name else ""
        )
        copy.file.save(f"{stem}{suffix}", ContentFile(source.read()), save=False)
    if attachment.thumbnail:
        with attachment.thumbnail.open("rb") as source:
            copy.thumbnail.save(f"{stem}.jpg", ContentFile(source.read()), save=False)
    copy.save()
    return copy


__all__ = ["NominationOutcome", "nominate"]
