"""The documents of a proposal (its dossier, each step's record, the delivered machines' photos):
checked and re-encoded by core.uploads as an entry's files are, stored under random names in
private storage, logged on the proposal, under its row lock (after its plan's).

Who may add or remove a document depends on its kind (document_permission):
- the dossier (the proposal document, budget estimate, quotations, photos of the site, other):
  the facility or an officer while the proposal is editable (programs.rules.can_edit_proposal);
- a step's record (approval decision, contract, acceptance record, settlement): officers, from
  approval on, whatever the step reached since (a signed decision is often scanned late);
- a delivered item's photo (kind photo, naming the item): officers while the work is in
  progress, as they record the item (programs.rules.can_record_acceptance).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from core.activity import Action, log_activity
from core.clock import moment_of
from core.roles import has_role
from core.uploads import delete_files, original_name, prepare, read_upload, stored_stem
from core.workflow import lock_with_parents
from programs import rules
from programs.models import FUNDED, DocumentKind, EquipmentItem, Proposal, ProposalDocument

K = DocumentKind
STEP_KINDS = (K.APPROVAL_DECISION, K.CONTRACT, K.ACCEPTANCE_RECORD, K.SETTLEMENT)
DOSSIER_KINDS = tuple(kind for kind in K if kind not in STEP_KINDS)


def document_permission(user, proposal: Proposal, kind: str, item: EquipmentItem | None) -> str:
    """ "" when `user` may add (or remove) a document of `kind` (for `item`) now; else why not."""
    if item is not None:
        if rules.can_record_acceptance(user, proposal):
            return ""
        return _("Photos of the delivered items are added by officers while the work is done.")
    if kind in STEP_KINDS:
        if has_role(user, *rules.PROGRAM_OFFICERS) and proposal.state in FUNDED:
            return ""
        return _("The documents of the steps are added by officers once the proposal is approved.")
    if rules.can_edit_proposal(user, proposal):
        return ""
    return _(
        "The proposal's dossier changes only while it is a draft or returned, by its facility "
        "or an officer."
    )


def may_add(user, proposal: Proposal, kind: str, item: EquipmentItem | None = None) -> bool:
    return not document_permission(user, proposal, kind, item)


def may_delete(user, document: ProposalDocument) -> bool:
    return may_add(user, document.proposal, document.kind, document.item)


def _check(user, proposal: Proposal, kind: str, item: EquipmentItem | None) -> None:
    reason = document_permission(user, proposal, kind, item)
    if reason:
        raise PermissionDenied(reason)


def _check_kind_and_item(proposal: Proposal, kind: str, item: EquipmentItem | None) -> None:
    if kind not in K.values:
        raise ValidationError(
            {"kind": ValidationError(_("Choose a valid kind of document."), code="invalid_kind")}
        )
    if item is None:
        return
    if item.proposal_id != proposal.pk:
        raise ValidationError(
            {"item": ValidationError(_("This item is not one of the proposal's."), code="invalid")}
        )
    if kind != K.PHOTO:
        raise ValidationError(
            {"item": ValidationError(_("Only a photo names an equipment item."), code="invalid")}
        )


def add_document(
    *,
    actor,
    proposal: Proposal,
    kind: str,
    upload: File,
    item: EquipmentItem | None = None,
    on: datetime.date | None = None,
) -> ProposalDocument:
    """Check, re-encode (a photo always as JPEG) and store one document of `proposal`; log it on
    the proposal. `on`: the day it is added (core.clock).

    Raises ValidationError ({"kind"|"item"|"file": …}) for what we do not accept, and
    PermissionDenied unless `actor` may add a document of `kind` now (document_permission)."""
    _check_kind_and_item(proposal, kind, item)
    _check(actor, proposal, kind, item)
    # The slow part (decoding, re-encoding) runs before the transaction takes the write lock.
    # No thumbnail: the documents keep none (the photos are few, opened one by one).
    prepared = prepare(read_upload(upload), photo=kind == K.PHOTO, thumbnail=False)
    storage = ProposalDocument._meta.get_field("file").storage
    written: list[str] = []
    try:
        with transaction.atomic():
            # The proposal may have moved on meanwhile (submitted, work accepted): ask again.
            locked = lock_with_parents(Proposal, proposal.pk)
            _check(actor, locked, kind, item)
            when = moment_of(on)
            document = ProposalDocument(
                proposal=locked,
                item=item,
                kind=kind,
                original_name=original_name(upload.name, prepared.extension),
                content_type=prepared.content_type,
                size=len(prepared.content),
                uploaded_by=actor if actor.is_authenticated else None,
                created_at=when.at,
            )
            document.file.save(
                f"{stored_stem()}{prepared.extension}", ContentFile(prepared.content), save=False
            )
            written.append(document.file.name)
            document.save()
            log_activity(
                actor=actor,
                action=Action.UPDATED,
                target=locked,
                after={"document": describe(document)},
                at=when.at,
            )
    except BaseException:
        # Nothing refers to the file once the row is rolled back: remove it, no orphans.
        delete_files(storage, written)
        raise
    return document


def delete_document(*, actor, document: ProposalDocument) -> None:
    """Remove one document, by whoever may add one of its kind now; log it on the proposal. The
    stored file is deleted once the transaction commits, so a rollback never leaves a row
    pointing at a missing file."""
    _check(actor, document.proposal, document.kind, document.item)
    storage = ProposalDocument._meta.get_field("file").storage
    with transaction.atomic():
        locked = lock_with_parents(Proposal, document.proposal_id)
        _check(actor, locked, document.kind, document.item)
        deleted, _counts = ProposalDocument.objects.filter(pk=document.pk, proposal=locked).delete()
        if not deleted:
            return  # someone else removed it first; they logged it and remove the file
        log_activity(
            actor=actor,
            action=Action.UPDATED,
            target=locked,
            before={"document": describe(document)},
        )
        names = [document.file.name] if document.file.name else []
        transaction.on_commit(lambda: delete_files(storage, names))


def describe(document: ProposalDocument) -> dict:
    return {
        "id": document.pk,
        "kind": document.kind,
        "item": document.item_id,
        "name": document.original_name,
        "content_type": document.content_type,
        "size": document.size,
    }
