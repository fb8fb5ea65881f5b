"""The proposal's page: what it asks, the support limit, the money (approved, paid,
remaining), each step's documents, the payments, the equipment as delivered, the steps the
user may take now and the history; for staff, the warnings. The steps that record a document
beside the state take their own form: the contract (number, date, value) and the acceptance
record (date, result, findings)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_errors, call_service
from core.history import history_rows
from core.http import require_safe
from core.roles import is_staff_role
from core.workflow import TransitionConflict, transition
from programs import rules
from programs.forms import AcceptanceForm, ContractForm, ItemCheckForm, PaymentForm, StepForm
from programs.models import PAYABLE, EquipmentItem, Proposal
from programs.money import money_of
from programs.services import steps
from programs.services.payments import paid_on_default, record_payment
from programs.support import support_limit
from programs.views.common import proposal_for, stale_proposal
from programs.views.documents import documents_context
from programs.warnings import warnings_for

# The steps whose form asks more than a note and a decision.
STEP_FORMS = {"sign_contract": ContractForm, "accept": AcceptanceForm}
# Service keys of those steps' errors, to their forms' fields.
STEP_FIELDS = {"requirements": None, "action": None, "from": None}


def _step_fields(form, step) -> list:
    names = []
    if step.name == "sign_contract":
        names = ["decision_number", "decision_date", "contract_value"]
    elif step.name == "accept":
        names = ["decision_date", "acceptance_result", "acceptance_findings"]
    elif step.needs_decision:
        names = ["decision_number", "decision_date"]
    if step.needs_note is not None or step.needs_decision or step.name == "withdraw":
        names.append("note")
    return [form[name] for name in names]


def render_proposal_page(request, proposal: Proposal, *, failed=None, forms=None, status=200):
    """`failed`: a refused step's form, shown with its errors; `forms`: a refused payment or
    item check form, by key ("payment", "item-<id>")."""
    user = request.user
    staff = is_staff_role(user)
    forms = forms or {}
    steps_offered = []
    for option in Proposal.workflow.options(user, proposal):
        step = option.step
        form_class = STEP_FORMS.get(step.name, StepForm)
        if failed is not None and failed.data.get("action") == step.name:
            form = failed
        else:
            form = form_class(
                initial={"action": step.name, "from": proposal.state},
                auto_id=f"id_{step.name}_%s",
            )
        if option.note_required and "note" not in form.errors:
            form.fields["note"].help_text = option.note_required
            form["note"].help_text = option.note_required
        steps_offered.append(
            {"step": step, "option": option, "form": form, "fields": _step_fields(form, step)}
        )
    equipment = list(proposal.equipment.all()) if proposal.activity.has_equipment else []
    checking = rules.can_record_acceptance(user, proposal)
    item_rows = [
        (
            item,
            forms.get(f"item-{item.pk}")
            or (ItemCheckForm(instance=item, auto_id=f"id_item{item.pk}_%s") if checking else None),
        )
        for item in equipment
    ]
    can_pay = rules.can_record_money(user, proposal) and proposal.state in PAYABLE
    context = {
        "proposal": proposal,
        "plan": proposal.plan,
        "staff": staff,
        "member": rules.is_proposal_member(user, proposal),
        "can_edit": rules.can_edit_proposal(user, proposal),
        "beneficiaries": list(proposal.beneficiaries.all()),
        "lines": list(proposal.budget_lines.all()),
        "item_rows": item_rows,
        "money": money_of(proposal),
        "limit": support_limit(proposal),
        "payments": list(proposal.payments.select_related("recorded_by")),
        "payment_form": forms.get("payment")
        or (PaymentForm(initial={"paid_on": paid_on_default()}) if can_pay else None),
        "steps": steps_offered,
        "failed": failed,
        "warnings": warnings_for(proposal) if staff else [],
        # The councils appraising it: their pages are the staff's and the members'.
        "councils": list(proposal.councils.all()) if staff else [],
        "history": history_rows(proposal, with_changes=staff),
        # The documents' section has its own context (its `can_edit` is about files): rendered
        # apart, with the views that upload and delete.
        "documents_section": render_to_string(
            "programs/_documents.html", documents_context(user, proposal), request=request
        ),
    }
    return render(request, "programs/proposal_detail.html", context, status=status)


@require_safe
@login_required
def proposal_detail(request, pk):
    return render_proposal_page(request, proposal_for(request.user, pk))


@require_POST
@login_required
def proposal_transition(request, pk):
    """One step of the proposal's workflow; the contract and the acceptance through their
    services (programs.services.steps), which record their document and make the step."""
    proposal = proposal_for(request.user, pk)
    name = request.POST.get("action", "")
    form_class = STEP_FORMS.get(name, StepForm)
    prefix = name if Proposal.workflow.get(name) else "step"
    form = form_class(request.POST, auto_id=f"id_{prefix}_%s")
    if form.is_valid():
        data = form.cleaned_data
        expected = data["from"] or None
        try:
            if name == "sign_contract":
                moved = steps.sign_contract(
                    actor=request.user,
                    proposal=proposal,
                    number=data["decision_number"],
                    date=data["decision_date"],
                    value=data["contract_value"],
                    expected=expected,
                )
            elif name == "accept":
                moved = steps.accept(
                    actor=request.user,
                    proposal=proposal,
                    date=data["decision_date"],
                    result=data["acceptance_result"],
                    findings=data["acceptance_findings"],
                    expected=expected,
                )
            else:
                moved = transition(
                    proposal,
                    action=data["action"],
                    expected=expected,
                    actor=request.user,
                    note=data["note"],
                    decision_number=data["decision_number"],
                    decision_date=data["decision_date"],
                )
        except TransitionConflict:
            return stale_proposal(request, proposal)
        except ValidationError as error:
            add_service_errors(form, error, STEP_FIELDS)
        else:
            messages.success(
                request,
                _("The proposal is now “%(state)s”.") % {"state": moved.get_state_display()},
            )
            return redirect("programs:proposal-detail", pk=proposal.pk)
    return render_proposal_page(request, proposal, failed=form)


@require_POST
@login_required
def payment_create(request, pk):
    proposal = proposal_for(request.user, pk)
    if not rules.can_record_money(request.user, proposal):
        raise PermissionDenied
    form = PaymentForm(request.POST)
    payment = call_service(
        form,
        lambda: record_payment(actor=request.user, proposal=proposal, data=form.service_data()),
    )
    if payment is None:
        return render_proposal_page(request, proposal, forms={"payment": form})
    messages.success(request, _("The payment was recorded."))
    return redirect("programs:proposal-detail", pk=proposal.pk)


@require_POST
@login_required
def item_check(request, pk):
    """An equipment item as delivered, recorded at acceptance by an officer."""
    item = get_object_or_404(EquipmentItem, pk=pk)
    proposal = proposal_for(request.user, item.proposal_id)
    if not rules.can_record_money(request.user, proposal):
        # Officers record the acceptance (the same role as the money).
        raise PermissionDenied
    form = ItemCheckForm(request.POST, instance=item, auto_id=f"id_item{item.pk}_%s")
    checked = call_service(
        form, lambda: steps.check_item(actor=request.user, item=item, data=form.service_data())
    )
    if checked is None:
        return render_proposal_page(request, proposal, forms={f"item-{item.pk}": form})
    messages.success(request, _("“%(name)s” was checked.") % {"name": item.name})
    return redirect("programs:proposal-detail", pk=proposal.pk)
