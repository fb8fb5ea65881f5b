"""The officer's side of entries: a round's entry list (filters, counts per group and state,
bulk actions) and the screening page of one entry (checklist and decision)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applicants.forms import blank_choice_label
from awards import rules, services
from awards.filters import EntryFilter
from awards.forms import BulkActionForm, ScreeningForm
from awards.models import AwardRound, Entry, ProductGroup
from awards.queries import entries_visible_to
from awards.views.common import PAGE_SIZE, entry_for, posted, round_for, service_error_messages
from awards.views.entries import attachment_groups, description_rows
from core.forms import add_service_errors, style_fields
from core.history import state_since
from core.http import require_form, require_safe
from core.models import Province
from core.roles import is_staff_role
from core.spreadsheets.delivery import with_filters
from core.workflow import TransitionConflict


def entry_counts(award_round: AwardRound, groups: list[ProductGroup]) -> dict:
    """Entries per product group and state in one aggregate query, as a table: one row per
    group (with its total), one column per state, and the totals of each state."""
    cells = {
        (group_id, state): n
        for group_id, state, n in Entry.objects.filter(round=award_round)
        .order_by()
        .values_list("product_group_id", "state")
        .annotate(n=Count("id"))
    }
    states = Entry.State.choices
    # An entry may belong to a group the round no longer opens; count it too.
    known = {group.pk for group in groups}
    extra = {group_id for group_id, _state in cells} - known
    if extra:
        groups = groups + list(ProductGroup.objects.filter(pk__in=extra))
    rows = [
        {
            "group": group,
            "cells": [(value, cells.get((group.pk, value), 0)) for value, _label in states],
            "total": sum(n for (g, _s), n in cells.items() if g == group.pk),
        }
        for group in groups
    ]
    totals = [(value, sum(n for (_g, s), n in cells.items() if s == value)) for value, _l in states]
    return {"states": states, "rows": rows, "totals": totals, "total": sum(cells.values())}


def _select(options: list[tuple]) -> forms.Select:
    return forms.Select(choices=[("", blank_choice_label()), *options])


def entry_filter(request, award_round: AwardRound) -> EntryFilter:
    """The entry filter the API uses (awards.filters), its form shown as the page's: the
    group, the state and the province picked from lists. The values stay the filter's own
    (the group's code, the province's code), so a link or a bookmark means the same on the
    page and in the API; an unknown one simply matches nothing."""
    entries = entries_visible_to(request.user).filter(round=award_round)
    filterset = EntryFilter(request.GET or None, queryset=entries)
    fields = filterset.form.fields
    fields["group"].widget = _select(
        [(group.code, str(group)) for group in award_round.product_groups.all()]
    )
    fields["province"].widget = _select(
        [(province.pk, str(province)) for province in Province.objects.all()]
    )
    fields["state"].widget = _select(Entry.State.choices)
    style_fields(filterset.form)
    return filterset


def render_entry_list(request, award_round: AwardRound, *, bulk_form=None, bulk_errors=None):
    groups = list(award_round.product_groups.all())
    filterset = entry_filter(request, award_round)
    page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    can_screen = rules.can_screen_entries(request.user)
    selected = set()
    if bulk_form is not None:
        selected = {str(pk) for pk in bulk_form.data.getlist("entries")}
    elif can_screen:
        bulk_form = BulkActionForm(award_round=award_round)
    context = {
        "round": award_round,
        "filter_form": filterset.form,
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number),
        "counts": entry_counts(award_round, groups),
        "can_screen": can_screen,
        "bulk_form": bulk_form,
        "bulk_errors": bulk_errors,
        "selected": selected,
        # Bulk actions apply to submitted entries only: offered when the page shows some.
        "selectable": can_screen
        and any(entry.state == Entry.State.SUBMITTED for entry in page_obj),
        "submitted": Entry.State.SUBMITTED,
        # The register of entries with the filters on screen (awards.exports.entries).
        "export_url": with_filters(
            reverse("awards:round-export-entries", args=[award_round.pk]), request.GET
        ),
    }
    return render(request, "awards/round_entries.html", context)


@require_safe
@login_required
def round_entries(request, pk):
    award_round = round_for(request.user, pk)
    if not is_staff_role(request.user):
        raise PermissionDenied
    return render_entry_list(request, award_round)


@require_form
@login_required
def entries_bulk(request, pk):
    """Moves the selected entries all together, or none of them (awards.services
    .bulk_transition); when refused, the list shows each refused entry and why."""
    award_round = round_for(request.user, pk)
    if request.method != "POST":
        # A refused action leaves the browser here: its links and filters (relative, like
        # "?page=2") lead back to the list.
        return redirect(_list_url(award_round, request.GET.urlencode()))
    if not rules.can_screen_entries(request.user):
        raise PermissionDenied
    form = BulkActionForm(request.POST, award_round=award_round)
    bulk_errors = None
    if form.is_valid():
        entries = list(form.cleaned_data["entries"].order_by("pk"))
        try:
            moved = services.bulk_transition(
                actor=request.user,
                entries=entries,
                to=form.cleaned_data["to"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            bulk_errors = _bulk_refusals(request, form, entries, error)
        else:
            state = Entry.State(form.cleaned_data["to"]).label
            messages.success(
                request,
                ngettext(
                    "%(count)d entry is now “%(state)s”.",
                    "%(count)d entries are now “%(state)s”.",
                    len(moved),
                )
                % {"count": len(moved), "state": state},
            )
            return redirect(_list_url(award_round, request.GET.urlencode()))
    return render_entry_list(request, award_round, bulk_form=form, bulk_errors=bulk_errors)


def _bulk_refusals(request, form: BulkActionForm, entries: list[Entry], error: ValidationError):
    """(entry, reasons) for each refused entry, the note's error put on the note field. An
    entry someone else decided meanwhile says so in words (core.history.state_since)."""
    if not hasattr(error, "error_dict"):
        return [(None, service_error_messages(error))]
    by_pk = {str(entry.pk): entry for entry in entries}
    refusals = []
    for key, errors in error.error_dict.items():
        if key == "note":
            form.add_error("note", errors)
            continue
        entry = by_pk.get(key)
        reasons = [m for e in errors for m in e.messages]
        if entry is not None:
            entry.refresh_from_db()
            if entry.state != Entry.State.SUBMITTED:
                since = state_since(entry, with_actor=True)
                reasons = [since, _("Only a submitted entry is screened.")]
        refusals.append((entry, reasons))
    return refusals


def _list_url(award_round: AwardRound, query: str) -> str:
    url = reverse("awards:round-entries", args=[award_round.pk])
    return f"{url}?{query}" if query else url


@require_form
@login_required
def entry_screening(request, pk):
    entry = entry_for(request.user, pk)
    if not rules.can_screen_entries(request.user):
        raise PermissionDenied
    checks = list(entry.screening_checks.select_related("checked_by"))
    form = ScreeningForm(posted(request), checks=checks)
    open_for_screening = entry.state == Entry.State.SUBMITTED
    if request.method == "POST" and not open_for_screening:
        # A page left open while someone else decided: say what happened, show the entry as
        # it is now.
        messages.error(
            request,
            f"{state_since(entry, with_actor=True)} {_('Only a submitted entry is screened.')}",
        )
        return redirect("awards:entry-screening", pk=entry.pk)
    if request.method == "POST" and form.is_valid():
        deciding = request.POST.get("action") == "decide"
        try:
            screened = _screen(request, entry, form, deciding=deciding)
        except TransitionConflict:
            entry.refresh_from_db()
            messages.error(request, state_since(entry, with_actor=True))
            return redirect("awards:entry-screening", pk=entry.pk)
        if screened:
            if deciding:
                entry.refresh_from_db()
                messages.success(
                    request,
                    _("“%(product)s” is now “%(state)s”.")
                    % {"product": entry.product_name, "state": entry.get_state_display()},
                )
                return redirect("awards:round-entries", pk=entry.round_id)
            messages.success(request, _("The checklist was saved."))
            return redirect("awards:entry-screening", pk=entry.pk)
    photos, documents = attachment_groups(entry)
    context = {
        "entry": entry,
        "round": entry.round,
        "form": form,
        "open_for_screening": open_for_screening,
        "photos": photos,
        "documents": documents,
        "description": description_rows(entry),
        "checks": checks,
    }
    return render(request, "awards/entry_screening.html", context)


def _screen(request, entry: Entry, form: ScreeningForm, *, deciding: bool) -> bool:
    """Records the checklist, and the decision when `deciding`; False with the errors put on
    the form when refused."""
    decision = form.cleaned_data["decision"]
    if deciding and not decision:
        form.add_error("decision", _("Choose the decision."))
        return False
    if not deciding and not form.checks():
        form.add_error(None, _("Tick “met” or “not met” for at least one condition."))
        return False
    # "from": the state the page showed; a stale page is refused rather than acted on.
    expected = request.POST.get("from") or None
    try:
        if deciding:
            services.screen_entry(
                actor=request.user,
                entry=entry,
                decision=decision,
                note=form.cleaned_data["note"],
                checks=form.checks(),
                expected=expected,
            )
        else:
            services.record_screening(
                actor=request.user, entry=entry, checks=form.checks(), expected=expected
            )
    except TransitionConflict:
        raise
    except ValidationError as error:
        names = {"requirements": None, "decision": "decision"}
        if hasattr(error, "error_dict"):
            names.update({key: form.field_for(key) for key in error.error_dict if key != "to"})
        add_service_errors(form, error, names)
        return False
    return True
