"""Applying for support: choosing the plan and the activity, then the draft's page where the
facility writes the proposal, its budget lines and its equipment and sees the support allowed
as it types (htmx posts the form to proposal_support, which computes from the rows as typed,
unsaved). Saving calls the services of programs.services.proposals in one transaction."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applicants.queries import facilities_visible_to
from core.forms import add_service_errors
from core.http import require_form, require_safe
from core.roles import Role, is_staff_role, role_of
from core.text import fold
from programs import rules
from programs.forms import (
    ApplyForm,
    EquipmentRowFormSet,
    LineRowFormSet,
    ProposalForm,
    ProposalListFilter,
)
from programs.models import EDITABLE, BudgetLine, EquipmentItem, Payment, Plan
from programs.money import money_of
from programs.queries import plans_visible_to, proposals_visible_to
from programs.services import proposals as services
from programs.support import support_limit
from programs.views.common import PAGE_SIZE, posted, proposal_for

LINES, ITEMS = "lines", "items"


# ---- The list -------------------------------------------------------------------------------


@require_safe
@login_required
def proposal_list(request):
    """Staff: every proposal, by plan, state and activity; a facility: its own ("My
    proposals"). The money of each row is read from prefetched lines and payments (constant
    query count)."""
    user = request.user
    if not (is_staff_role(user) or role_of(user) == Role.APPLICANT):
        raise PermissionDenied
    form = ProposalListFilter(request.GET or None)
    proposals = proposals_visible_to(user).prefetch_related(
        Prefetch("budget_lines", queryset=BudgetLine.objects.order_by()),
        Prefetch("payments", queryset=Payment.objects.order_by()),
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["plan"]:
            proposals = proposals.filter(plan=data["plan"])
        if data["state"]:
            proposals = proposals.filter(state=data["state"])
        if data["activity"]:
            proposals = proposals.filter(activity=data["activity"])
        if data["q"]:
            proposals = proposals.filter(
                Q(title_folded__contains=fold(data["q"])) | Q(code__icontains=data["q"])
            )
    proposals = proposals.order_by("-plan__year", "plan__fund_source", "code")
    page_obj = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(proposal, money_of(proposal)) for proposal in page_obj]
    context = {
        "form": form,
        "rows": rows,
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number),
        "staff": is_staff_role(user),
        "can_apply": rules.can_apply(user),
    }
    return render(request, "programs/proposal_list.html", context)


# ---- Applying -------------------------------------------------------------------------------


@require_form
@login_required
def proposal_create(request):
    """The first step of an application: the plan (one taking proposals), the activity, the
    beneficiary facility and the title; the draft's page then asks the rest."""
    user = request.user
    if not rules.can_apply(user):
        raise PermissionDenied
    plans = plans_visible_to(user).filter(state=Plan.State.DRAFT).order_by("-year")
    facilities = facilities_visible_to(user)
    if not plans.exists() or not facilities.exists():
        return render(request, "programs/proposal_create.html", {"form": None, "plans": plans})
    form = ApplyForm(posted(request), plans=plans, facilities=facilities)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.create_proposal(
                actor=user,
                plan=form.cleaned_data["plan"],
                data=form.service_data(),
                beneficiaries=[form.cleaned_data["facility"]],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"beneficiaries": "facility"})
        else:
            messages.success(
                request,
                _("The draft was created. Fill in the budget and the equipment, then submit it."),
            )
            return redirect("programs:proposal-edit", pk=proposal.pk)
    return render(request, "programs/proposal_create.html", {"form": form, "plans": plans})


# ---- The draft: its fields, lines and items ------------------------------------------------


def _line_rows(proposal) -> list[dict]:
    return [
        {
            "id": line.pk,
            "item": line.item,
            "unit": line.unit,
            "quantity": _plain(line.quantity),
            "unit_cost": line.unit_cost,
            "extension_share": line.extension_share,
        }
        for line in proposal.budget_lines.all()
    ]


def _plain(quantity):
    """1.00 → 1, 2.50 → 2.5: a quantity as people write it."""
    return int(quantity) if quantity == quantity.to_integral_value() else quantity.normalize()


def _item_rows(proposal) -> list[dict]:
    return [
        {
            "id": item.pk,
            "name": item.name,
            "specification": item.specification,
            "quantity": item.quantity,
            "unit_price": item.unit_price,
            "supplier": item.supplier,
            "origin": item.origin,
            "is_new": item.is_new,
            "production_line": item.production_line,
        }
        for item in proposal.equipment.all()
    ]


def _posted_rows(data, prefix: str, formset_class) -> list[dict]:
    """The rows as typed (not validated): to show them again with one more blank row."""
    names = ["id", *formset_class.form.base_fields]
    try:
        count = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        count = 0
    rows = []
    for index in range(min(count, formset_class.absolute_max)):
        row = {name: data.get(f"{prefix}-{index}-{name}", "") for name in names}
        for name in ("is_new", "production_line"):
            if name in row:
                row[name] = bool(row[name])
        rows.append(row)
    return rows


def _forms_for(request, proposal, *, add: str | None = None):
    """The proposal's form and its two tables, bound to a POST, or showing what is stored;
    `add` ("lines" or "items"): the POST asked for one more blank row in that table."""
    equipment = proposal.activity.has_equipment
    if request.method == "POST" and add is None:
        form = ProposalForm(request.POST, instance=proposal)
        lines = LineRowFormSet(request.POST, prefix=LINES)
        items = EquipmentRowFormSet(request.POST, prefix=ITEMS) if equipment else None
        return form, lines, items
    if request.method == "POST":
        line_rows = _posted_rows(request.POST, LINES, LineRowFormSet)
        item_rows = _posted_rows(request.POST, ITEMS, EquipmentRowFormSet)
        # Unbound, as typed: nothing is checked before Save.
        form = ProposalForm(initial=request.POST.dict(), instance=proposal)
    else:
        form = ProposalForm(instance=proposal)
        line_rows, item_rows = _line_rows(proposal), _item_rows(proposal)
    lines = LineRowFormSet(initial=line_rows, prefix=LINES)
    items = EquipmentRowFormSet(initial=item_rows, prefix=ITEMS) if equipment else None
    if add is not None:
        # The posted rows already hold the blank one: only the row asked for is added.
        lines.extra = 0
        if items is not None:
            items.extra = 0
    if add == LINES:
        lines.extra += 1
    elif add == ITEMS and items is not None:
        items.extra += 1
    return form, lines, items


def _save_rows(user, proposal, formset, *, save, delete, model) -> bool:
    """Each typed row saved (or removed) through its service; False when one was refused
    (its errors are on its row)."""
    stored = {row.pk: row for row in model.objects.filter(proposal=proposal)}
    ok = True
    position = 0
    for form in formset.forms:
        row_id = form.data.get(form.add_prefix("id")) or None
        row = stored.get(int(row_id)) if row_id and row_id.isdigit() else None
        removed = form.cleaned_data.get("DELETE") or not form.has_changed()
        try:
            if removed:
                if row is not None:
                    delete(actor=user, row=row)
                continue
            position += 1
            save(
                actor=user,
                proposal=proposal,
                data={**form.row_data(), "position": position},
                row=row,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            ok = False
    return ok


def _save_all(user, proposal, form, lines, items) -> bool:
    """The proposal, its lines and its items in one transaction: all saved, or none."""
    with transaction.atomic():
        ok = True
        try:
            services.update_proposal(actor=user, proposal=proposal, data=form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
            ok = False
        ok &= _save_rows(
            user,
            proposal,
            lines,
            save=lambda row, **kw: services.save_budget_line(line=row, **kw),
            delete=lambda row, **kw: services.delete_budget_line(line=row, **kw),
            model=BudgetLine,
        )
        if items is not None:
            ok &= _save_rows(
                user,
                proposal,
                items,
                save=lambda row, **kw: services.save_equipment_item(item=row, **kw),
                delete=lambda row, **kw: services.delete_equipment_item(item=row, **kw),
                model=EquipmentItem,
            )
        if not ok:
            transaction.set_rollback(True)
    return ok


@require_form
@login_required
def proposal_edit(request, pk):
    """The draft (or returned) proposal's page of fields, budget lines and equipment items."""
    proposal = proposal_for(request.user, pk)
    if not rules.can_edit_proposal(request.user, proposal):
        # A page left open (or a bookmark) after the proposal moved on says so; anyone else
        # may not write it at all.
        writer = rules.is_proposal_member(request.user, proposal) or rules.can_manage_plans(
            request.user
        )
        if writer and proposal.state not in EDITABLE:
            messages.error(
                request,
                _("The proposal is “%s”: it can no longer be changed.")
                % proposal.get_state_display(),
            )
            return redirect("programs:proposal-detail", pk=proposal.pk)
        raise PermissionDenied
    add = next((name for name in (LINES, ITEMS) if f"add_{name}" in request.POST), None)
    form, lines, items = _forms_for(request, proposal, add=add)
    if request.method == "POST" and add is None:
        valid = all(
            [form.is_valid(), lines.is_valid(), items.is_valid() if items is not None else True]
        )
        if valid and _save_all(request.user, proposal, form, lines, items):
            messages.success(request, _("The proposal was saved."))
            return redirect("programs:proposal-detail", pk=proposal.pk)
    if add is not None:
        # More rows asked for: the support of the rows as typed, as the live view computes it.
        limit = _typed_limit(request, proposal)
    else:
        limit = _limit_of(proposal, lines, items)
    context = {
        "proposal": proposal,
        "form": form,
        "lines": lines,
        "items": items,
        "limit": limit,
        "forms": [f for f in (form, *lines.forms, *(items.forms if items else ())) if f.is_bound],
    }
    return render(request, "programs/proposal_edit.html", context)


def _limit_of(proposal, lines, items):
    """The support limit from the rows as typed (bound) or as stored (unbound)."""
    if not lines.is_bound:
        return support_limit(proposal)
    line_rows = [BudgetLine(proposal=proposal, **row) for row in lines.valid_rows()]
    item_rows = (
        [EquipmentItem(proposal=proposal, **row) for row in items.valid_rows()] if items else None
    )
    return support_limit(proposal, lines=line_rows, items=item_rows)


def _typed_limit(request, proposal):
    lines = LineRowFormSet(request.POST, prefix=LINES)
    items = (
        EquipmentRowFormSet(request.POST, prefix=ITEMS) if proposal.activity.has_equipment else None
    )
    return _limit_of(proposal, lines, items)


@require_POST
@login_required
def proposal_support(request, pk):
    """The support allowed, computed step by step from the form as typed (htmx, on input):
    unsaved lines and items, nothing written."""
    proposal = proposal_for(request.user, pk)
    if not rules.can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    context = {"limit": _typed_limit(request, proposal), "proposal": proposal}
    return render(request, "programs/_support.html", context)
