"""The facility's pages: rounds open for registration, registering a product, the entry's
page (description, files, what is still missing, submit, withdraw) and the list of its entries.

Staff open the same entry page read-only, with a link to the screening page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from applicants.queries import facilities_visible_to
from awards import dossier, rules, services
from awards.forms import AttachmentUploadForm, EntryForm, EntryRegisterForm, NoteForm
from awards.models import DESCRIPTION_FIELDS, Attachment, AwardRound, Entry
from awards.queries import entries_visible_to, rounds_visible_to
from awards.services.attachments import add_attachment, delete_attachment
from awards.views.common import (
    PAGE_SIZE,
    entry_for,
    no_longer_editable,
    posted,
    registration_closed_on,
    round_for,
    service_error_messages,
    stale_entry,
)
from core.forms import add_service_errors, call_service
from core.history import history_rows, state_since
from core.http import require_form, require_safe
from core.roles import Role, is_staff_role, role_of
from core.workflow import TransitionConflict, transition


def _require_applicant(user) -> None:
    if role_of(user) != Role.APPLICANT:
        raise PermissionDenied


# ---- Rounds open for registration ---------------------------------------------------------


@require_safe
@login_required
def open_rounds(request):
    today = timezone.localdate()
    rounds = list(
        rounds_visible_to(request.user)
        .filter(state__in=AwardRound.states_where(accepts_entries=True))
        .order_by("registration_closes", "id")
    )
    is_applicant = role_of(request.user) == Role.APPLICANT
    mine = {}
    if is_applicant and rounds:
        mine = dict(
            entries_visible_to(request.user)
            .filter(round__in=rounds)
            .order_by()
            .values_list("round")
            .annotate(n=Count("id", distinct=True))
        )
    cards = [
        {
            "round": award_round,
            "window_open": award_round.window_contains(today),
            "not_yet": today < award_round.registration_opens,
            "my_entries": mine.get(award_round.pk, 0),
        }
        for award_round in rounds
    ]
    context = {"cards": cards, "is_applicant": is_applicant}
    return render(request, "awards/open_rounds.html", context)


# ---- Registering a product ----------------------------------------------------------------


@require_form
@login_required
def entry_register(request, pk):
    """Registering a product in a round. The link of a round whose registration has closed
    (a facility's bookmark, an old message) says so and when, rather than a 404; a round not
    yet opened stays unknown (404)."""
    if role_of(request.user) == Role.APPLICANT:
        award_round = get_object_or_404(AwardRound, pk=pk)
        closed_on = registration_closed_on(award_round, timezone.localdate())
        if closed_on is not None:
            context = {"round": award_round, "form": None, "closed_on": closed_on}
            return render(request, "awards/entry_register.html", context)
    award_round = round_for(request.user, pk)
    _require_applicant(request.user)
    facilities = facilities_visible_to(request.user)
    if not facilities:
        return render(request, "awards/entry_register.html", {"round": award_round, "form": None})
    form = EntryRegisterForm(posted(request), facilities=facilities, award_round=award_round)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.register_entry(
                actor=request.user,
                award_round=award_round,
                facility=form.cleaned_data["facility"],
                data=form.service_data(),
            )
        except ValidationError as error:
            # With one facility its field is hidden: its errors go above the form.
            names = {"facility": None} if len(facilities) == 1 else {}
            add_service_errors(form, error, names)
        else:
            messages.success(
                request,
                _(
                    "The product was registered. Complete its description and files, "
                    "then submit the dossier."
                ),
            )
            return redirect("awards:entry-detail", pk=entry.pk)
    today = timezone.localdate()
    context = {
        "round": award_round,
        "form": form,
        "facility": facilities[0] if len(facilities) == 1 else None,
        "window_open": award_round.accepts_registrations(on=today),
    }
    return render(request, "awards/entry_register.html", context)


# ---- My entries ---------------------------------------------------------------------------


@require_safe
@login_required
def my_entries(request):
    if is_staff_role(request.user):
        return redirect("awards:round-list")
    _require_applicant(request.user)
    entries = entries_visible_to(request.user).order_by("-created_at", "-id")
    page_obj = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number),
    }
    return render(request, "awards/my_entries.html", context)


# ---- The entry's page ---------------------------------------------------------------------


def attachment_groups(entry: Entry) -> tuple[list[Attachment], list[tuple[str, list]]]:
    """The photos, and the documents grouped by kind in the order of Attachment.Kind."""
    attachments = list(entry.attachments.all())
    photos = [a for a in attachments if a.kind == Attachment.Kind.PHOTO]
    documents = [
        (kind.label, [a for a in attachments if a.kind == kind])
        for kind in Attachment.Kind
        if kind != Attachment.Kind.PHOTO
    ]
    return photos, [(label, files) for label, files in documents if files]


def description_rows(entry: Entry) -> list[tuple[str, str]]:
    return [
        (Entry._meta.get_field(name).verbose_name, getattr(entry, name))
        for name in DESCRIPTION_FIELDS
    ]


def _step_leading_to(user, entry: Entry, state: str):
    """The step of the entry's workflow this user may make from its state to `state`, if any
    (the facility's own, or the center's: each actor has at most one)."""
    return next((t for t in Entry.workflow.available(user, entry) if t.target == state), None)


def render_entry_page(
    request,
    entry: Entry,
    *,
    form=None,
    upload_form=None,
    submit_errors=None,
    uploaded=0,
    status=200,
):
    """The entry's page; `uploaded`: how many files the upload just added (said by the upload
    form itself, where the user is looking)."""
    user = request.user
    member = rules.is_entry_member(user, entry)
    can_edit = rules.can_edit_entry(user, entry)
    submit_step = _step_leading_to(user, entry, Entry.State.SUBMITTED)
    withdraw_step = _step_leading_to(user, entry, Entry.State.WITHDRAWN)
    photos, documents = attachment_groups(entry)
    context = {
        "entry": entry,
        "round": entry.round,
        "member": member,
        "staff": is_staff_role(user),
        "can_edit": can_edit,
        "submit_step": submit_step,
        "submit_confirm": submit_step.confirmation(entry) if submit_step else "",
        "withdraw_step": withdraw_step,
        "can_screen": rules.can_screen_entries(user) and entry.state == Entry.State.SUBMITTED,
        "photos": photos,
        "documents": documents,
        "description": description_rows(entry),
        "submit_errors": submit_errors,
        "history": history_rows(entry, with_changes=not member),
        "min_photos": dossier.MIN_PHOTOS,
        "uploaded": uploaded,
    }
    if can_edit:
        context["missing"] = dossier.missing_for_submission(entry)
        # The missing items are listed once, below; the refusal adds only what they do not say.
        context["other_submit_errors"] = [
            error for error in submit_errors or () if error not in context["missing"]
        ]
        context["form"] = form or EntryForm(instance=entry)
        context["upload_form"] = upload_form or AttachmentUploadForm()
    if is_staff_role(user):
        context["checks"] = list(entry.screening_checks.select_related("checked_by"))
    return render(request, "awards/entry_detail.html", context, status=status)


@require_safe
@login_required
def entry_detail(request, pk):
    return render_entry_page(request, entry_for(request.user, pk))


@require_POST
@login_required
def entry_update(request, pk):
    entry = entry_for(request.user, pk)
    if not rules.can_edit_entry(request.user, entry):
        return _refuse_edit(request, entry)
    form = EntryForm(request.POST, instance=entry)
    saved = call_service(
        form,
        lambda: services.update_entry(actor=request.user, entry=entry, data=form.service_data()),
    )
    if saved is not None:
        messages.success(request, _("The description was saved."))
        return redirect("awards:entry-detail", pk=entry.pk)
    return render_entry_page(request, entry, form=form)


def _refuse_edit(request, entry: Entry):
    """Staff never edit a dossier (403); a member whose dossier moved on since the page was
    opened is told what happened (no_longer_editable)."""
    if not rules.is_entry_member(request.user, entry):
        raise PermissionDenied
    return no_longer_editable(request, entry, by_script=_sent_by_script(request))


def _sent_by_script(request) -> bool:
    """static/js/uploads.js sends the upload form itself (to show its progress) and swaps in
    the parts of the page it answers; a plain form POST is redirected as usual."""
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


@require_POST
@login_required
def entry_upload(request, pk):
    """Adds the files sent. Without JavaScript: a redirect to the new files, or the page again
    with the errors under the file input (the form's action ends in #upload, which the browser
    scrolls to). From static/js/uploads.js: the page itself, success or not, whose upload, files
    and checklist sections the script swaps in and whose file input, if it has an error, it
    focuses (the typed description stays as it is)."""
    entry = entry_for(request.user, pk)
    if not rules.can_edit_entry(request.user, entry):
        return _refuse_edit(request, entry)
    form = AttachmentUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_entry_page(request, entry, upload_form=form)
    added = 0
    for upload in form.cleaned_data["file"]:
        try:
            add_attachment(
                actor=request.user, entry=entry, kind=form.cleaned_data["kind"], upload=upload
            )
        except ValidationError as error:
            for message in service_error_messages(error):
                form.add_error("file", f"{upload.name}: {message}")
        else:
            added += 1
    if form.errors or _sent_by_script(request):
        fresh = form if form.errors else AttachmentUploadForm()
        return render_entry_page(request, entry, upload_form=fresh, uploaded=added)
    messages.success(
        request,
        ngettext("%(count)d file was added.", "%(count)d files were added.", added)
        % {"count": added},
    )
    section = "photos" if form.cleaned_data["kind"] == Attachment.Kind.PHOTO else "documents"
    return redirect(reverse("awards:entry-detail", args=[entry.pk]) + f"#{section}")


@require_POST
@login_required
def attachment_delete(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("entry"), pk=pk)
    entry = attachment.entry
    if not rules.can_view_entry(request.user, entry):
        raise Http404
    if not rules.can_edit_entry(request.user, entry):
        return _refuse_edit(request, entry)
    try:
        delete_attachment(actor=request.user, attachment=attachment)
    except ValidationError as error:
        for message in service_error_messages(error):
            messages.error(request, message)
    else:
        messages.success(
            request, _("The file “%(name)s” was deleted.") % {"name": attachment.original_name}
        )
    return redirect("awards:entry-detail", pk=entry.pk)


@require_POST
@login_required
def entry_submit(request, pk):
    entry = entry_for(request.user, pk)
    try:
        # "from": the state the page showed; a stale page is refused rather than acted on.
        transition(
            entry,
            to=Entry.State.SUBMITTED,
            expected=request.POST.get("from") or None,
            actor=request.user,
        )
    except TransitionConflict:
        return stale_entry(request, entry)
    except ValidationError as error:
        return render_entry_page(request, entry, submit_errors=service_error_messages(error))
    messages.success(
        request,
        _("The dossier was submitted. The center screens it and you can follow it here."),
    )
    return redirect("awards:entry-detail", pk=entry.pk)


@require_form
@login_required
def entry_withdraw(request, pk):
    """Asks for confirmation (GET), withdraws (POST): the facility its own entry, or an officer
    at the facility's written request (two steps of the workflow to one state)."""
    entry = entry_for(request.user, pk)
    if rules.is_entry_member(request.user, entry):
        step = Entry.workflow.get("withdraw")
    elif rules.can_screen_entries(request.user):
        step = Entry.workflow.get("withdraw_on_request")
    else:
        raise PermissionDenied
    on_request = step.name == "withdraw_on_request"
    form = NoteForm(posted(request), on_request=on_request)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            transition(
                entry,
                action=step.name,
                expected=request.POST.get("from") or None,
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except TransitionConflict:
            return stale_entry(request, entry)
        except ValidationError as error:
            errors = service_error_messages(error)
        else:
            messages.success(request, _("The entry was withdrawn."))
            return redirect("awards:entry-detail", pk=entry.pk)
    context = {
        "entry": entry,
        "form": form,
        "errors": errors,
        "step": step,
        "confirm": step.confirmation(entry),
        "available": entry.state in step.sources,
        "staff": is_staff_role(request.user),
    }
    if not context["available"]:
        context["since"] = state_since(entry, with_actor=context["staff"])
    return render(request, "awards/entry_withdraw.html", context)
