"""Facility pages. Each view parses input, asks the rules, calls one service and renders."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from applicants import rules, services
from applicants.eligibility import is_rural_industrial_facility
from applicants.filters import FacilityFilter
from applicants.forms import FacilityForm, blank_choice_label, ward_swap_attrs
from applicants.models import Facility
from applicants.queries import facilities_visible_to
from core.forms import AccountForm, add_service_errors, call_service, style_fields
from core.history import history_rows
from core.http import require_form, require_safe
from core.models import Organisation, Ward
from core.roles import Role, is_staff_role, role_of
from core.spreadsheets.delivery import with_filters

PAGE_SIZE = 25


def field_labels() -> dict[str, str]:
    """Facility field name -> its label, from the model so pages and forms say the same."""
    return {field.name: capfirst(field.verbose_name) for field in Facility._meta.fields}


def _initial_facility_data() -> dict:
    # Most facilities of a provincial center lie in its own province: preselect it so its
    # wards are listed even before JavaScript (or without it).
    province = Organisation.current().province
    return {"province": province.pk} if province else {}


def _facility_for(user, pk) -> Facility:
    """The facility if the user may see it; 404 otherwise, so its existence is not revealed."""
    facility = get_object_or_404(Facility.objects.select_related("province", "ward"), pk=pk)
    if not rules.can_view_facility(user, facility):
        raise Http404
    return facility


PRIORITY_FILTERS = (
    "exporter",
    "local_materials_over_half",
    "has_artisan",
    "woman_owned",
    "ethnic_minority_owned",
)


@require_safe
@login_required
def facility_list(request):
    if role_of(request.user) == Role.APPLICANT:
        return redirect("home")  # an applicant's facilities are on their home page
    if not is_staff_role(request.user):
        raise PermissionDenied
    filterset = FacilityFilter(request.GET or None, queryset=facilities_visible_to(request.user))
    form = filterset.form
    province_code = form.data.get("province") if filterset.is_bound else None
    # Listing 3,321 wards would weigh more than the page: only the chosen province's.
    form.fields["ward"].queryset = Ward.objects.filter(province_id=province_code or None)
    # The empty option reads as in the ward options swapped in (django-filter's is "---------").
    for name in ("province", "ward", "legal_form"):
        form.fields[name].empty_label = blank_choice_label()
    # The priority filters: "any" (the select's empty option), yes or no.
    for name in PRIORITY_FILTERS:
        form.fields[name].widget.choices = [
            ("", blank_choice_label()),
            ("true", _("Yes")),
            ("false", _("No")),
        ]
    form.fields["province"].widget.attrs.update(ward_swap_attrs())
    style_fields(form)
    page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "priority_fields": [form[name] for name in PRIORITY_FILTERS],
        "priority_filtered": any(request.GET.get(name) for name in PRIORITY_FILTERS),
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number),
        "can_create": rules.can_create_facility(request.user),
        "labels": field_labels(),
        "export_url": with_filters(reverse("applicants:export"), request.GET),
    }
    return render(request, "applicants/facility_list.html", context)


@require_safe
@login_required
def facility_detail(request, pk):
    facility = _facility_for(request.user, pk)
    context = {
        "facility": facility,
        "labels": field_labels(),
        "eligibility": is_rural_industrial_facility(facility),
        "can_edit": rules.can_edit_facility(request.user, facility),
    }
    # Staff see who acts for the facility and every change made to it.
    context["show_history"] = rules.can_see_facility_history(request.user, facility)
    if context["show_history"]:
        context["history"] = history_rows(facility)
        context["members"] = facility.memberships.select_related("user").order_by("created_at")
    return render(request, "applicants/facility_detail.html", context)


@require_form
@login_required
def facility_create(request):
    if not rules.can_create_facility(request.user):
        raise PermissionDenied
    form = FacilityForm(request.POST or None, initial=_initial_facility_data())
    if request.method == "POST":
        facility = call_service(
            form, lambda: services.create_facility(actor=request.user, data=form.service_data())
        )
        if facility is not None:
            messages.success(request, _("The facility was registered."))
            return redirect("applicants:detail", pk=facility.pk)
    return render(request, "applicants/facility_form.html", {"form": form, "facility": None})


@require_form
@login_required
def facility_edit(request, pk):
    facility = _facility_for(request.user, pk)
    if not rules.can_edit_facility(request.user, facility):
        raise PermissionDenied
    form = FacilityForm(request.POST or None, instance=facility)
    if request.method == "POST":
        saved = call_service(
            form,
            lambda: services.update_facility(
                actor=request.user, facility=facility, data=form.service_data()
            ),
        )
        if saved is not None:
            messages.success(request, _("The changes were saved."))
            return redirect("applicants:detail", pk=facility.pk)
    return render(request, "applicants/facility_form.html", {"form": form, "facility": facility})


@require_form
def register(request):
    """Self-registration: an applicant account and its facility in one step."""
    if request.user.is_authenticated:
        return redirect("home")
    account_form = AccountForm(request.POST or None)
    form = FacilityForm(request.POST or None, initial=_initial_facility_data())
    # Both halves run every check, their services' included, so every error shows at once.
    if request.method == "POST" and all([account_form.is_valid(), form.is_valid()]):
        account = account_form.cleaned_data
        try:
            user, facility = services.register_facility(
                username=account["username"],
                password=account["password1"],
                full_name=account["full_name"],
                email=account["account_email"],
                facility_data=form.service_data(),
            )
        except ValidationError as error:
            _show_registration_errors(error, account_form, form)
        else:
            login(request, user)
            messages.success(request, _("Welcome! Your account and facility were registered."))
            return redirect("applicants:detail", pk=facility.pk)
    context = {"account_form": account_form, "form": form, "forms": [account_form, form]}
    return render(request, "applicants/register.html", context)


def _show_registration_errors(error, account_form, facility_form) -> None:
    """The service answers with one dict for both halves; the account's keys (its email is
    "account_email") go to the account form, the rest to the facility form."""
    if not hasattr(error, "error_dict"):
        add_service_errors(account_form, error)
        return
    errors = error.error_dict
    account_keys = AccountForm.SERVICE_FIELDS
    account = {key: value for key, value in errors.items() if key in account_keys}
    facility = {key: value for key, value in errors.items() if key not in account_keys}
    if account:
        add_service_errors(account_form, ValidationError(account), account_keys)
    if facility:
        add_service_errors(facility_form, ValidationError(facility))


@require_GET
def ward_options(request):
    """The <option>s of a province's wards, swapped into a ward select by htmx. Public: the
    registration page needs it before anyone is logged in."""
    code = request.GET.get("province", "")
    wards = Ward.objects.filter(province_id=code) if code else Ward.objects.none()
    context = {"wards": wards, "blank_label": blank_choice_label()}
    return render(request, "applicants/_ward_options.html", context)


@require_safe
@login_required
def facility_export(request):
    """The facility registry as an official list, with the list page's filters (issue 9)."""
    from applicants.exports import FacilityRegistryExporter
    from core.spreadsheets import ExportNotAllowed
    from core.spreadsheets.delivery import respond

    try:
        return respond(request, FacilityRegistryExporter(user=request.user, params=request.GET))
    except ExportNotAllowed:
        raise PermissionDenied from None
