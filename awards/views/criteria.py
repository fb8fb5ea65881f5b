"""The criteria template pages: the staff's list, and the officer's form to create or edit a
template (its criteria as a table of rows; a sub-criterion names its parent's code). Saving goes
through awards.services.save_criteria_template, as in the API; rounds that have started keep
their own copy of the criteria, so editing a template never changes them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Prefetch, Subquery, Sum
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from awards import rules, services
from awards.forms import CriteriaTemplateForm, CriterionRowForm, CriterionRowFormSet
from awards.models import CriteriaTemplate, TemplateCriterion
from core.http import require_form, require_safe
from core.roles import is_staff_role

ROWS_PREFIX = "criteria"


def _top_criteria():
    return Prefetch(
        "criteria",
        queryset=TemplateCriterion.objects.filter(parent=None).prefetch_related("children"),
        to_attr="top_criteria",
    )


@require_safe
@login_required
def template_list(request):
    """Every template with its total points and the number of rounds using it: staff read
    them, officers and administrators write them."""
    if not is_staff_role(request.user):
        raise PermissionDenied
    totals = (
        TemplateCriterion.objects.filter(template=OuterRef("pk"), parent=None)
        .order_by()
        .values("template")
        .annotate(total=Sum("max_points"))
        .values("total")
    )
    templates = CriteriaTemplate.objects.annotate(
        total_points=Subquery(totals), round_count=Count("rounds")
    ).prefetch_related(_top_criteria())
    context = {"templates": templates, "can_manage": rules.can_manage_rounds(request.user)}
    return render(request, "awards/template_list.html", context)


@require_form
@login_required
def template_create(request):
    """A new template; `?from=<id>` starts from a copy of another template's criteria."""
    if not rules.can_manage_rounds(request.user):
        raise PermissionDenied
    source = None
    if request.GET.get("from", "").isdigit():
        source = CriteriaTemplate.objects.filter(pk=request.GET["from"]).first()
    return _template_form(request, None, source=source)


@require_form
@login_required
def template_edit(request, pk):
    if not rules.can_manage_rounds(request.user):
        raise PermissionDenied
    template = get_object_or_404(CriteriaTemplate, pk=pk)
    return _template_form(request, template, source=template)


def _rows_of(template: CriteriaTemplate) -> list[dict]:
    """The template's criteria as rows of the table: each criterion, then its sub-criteria."""
    rows = []
    top = template.criteria.filter(parent=None).prefetch_related("children")
    for criterion in top:
        rows.append(_row(criterion, parent=""))
        rows.extend(_row(child, parent=criterion.code) for child in criterion.children.all())
    return rows


def _row(criterion: TemplateCriterion, *, parent: str) -> dict:
    return {
        "code": criterion.code,
        "text": criterion.text,
        "max_points": criterion.max_points,
        "parent": parent,
    }


def _posted_rows(data: QueryDict) -> list[dict]:
    """The rows as typed (not validated), blank ones included: to show them again, with more
    blank rows below."""
    names = [*CriterionRowForm.base_fields]
    try:
        count = int(data.get(f"{ROWS_PREFIX}-TOTAL_FORMS", 0))
    except ValueError:
        count = 0
    return [
        {name: data.get(f"{ROWS_PREFIX}-{index}-{name}", "") for name in names}
        for index in range(min(count, CriterionRowFormSet.absolute_max))
    ]


def _template_form(request, template: CriteriaTemplate | None, *, source: CriteriaTemplate | None):
    """Create (`template` None) or edit `template`; the empty form shows the criteria of
    `source`. The formset offers CriterionRowFormSet.extra blank rows below the criteria;
    "Add rows" shows the page again, as typed, with that many more."""
    # Kept apart: a refused save may leave the instance with the name that was refused.
    current_name = template.name if template else ""
    if request.method == "POST" and "add_rows" in request.POST:
        # More blank rows without JavaScript: nothing is checked or saved yet.
        form = CriteriaTemplateForm(initial=request.POST.dict(), instance=template)
        formset = CriterionRowFormSet(initial=_posted_rows(request.POST), prefix=ROWS_PREFIX)
    elif request.method == "POST":
        form = CriteriaTemplateForm(request.POST, instance=template)
        formset = CriterionRowFormSet(request.POST, prefix=ROWS_PREFIX)
        # Both validated, each with its part of the service's checks: every error at once.
        if all([form.is_valid(), formset.is_valid()]):
            try:
                saved = services.save_criteria_template(
                    actor=request.user,
                    template=template,
                    criteria=formset.criteria(),
                    **form.service_data(),
                )
            except ValidationError as error:
                # Only what changed since the checks (a name taken meanwhile).
                for message in formset.add_service_errors(error, form):
                    form.add_error(None, message)
            else:
                if template is None:
                    message = _("The criteria template “%(name)s” was created.")
                else:
                    message = _("The criteria template “%(name)s” was saved.")
                messages.success(request, message % {"name": saved.name})
                return redirect("awards:template-list")
    else:
        form = CriteriaTemplateForm(instance=template)
        rows = _rows_of(source) if source else []
        formset = CriterionRowFormSet(initial=rows, prefix=ROWS_PREFIX)
    # The errors of the criteria as a whole, shown above the table.
    criteria_errors = list(formset.non_form_errors()) if formset.is_bound else []
    context = {
        "template": template,
        "current_name": current_name,
        "form": form,
        "formset": formset,
        "forms": [form, formset],
        "criteria_errors": criteria_errors,
        "has_errors": bool(
            criteria_errors
            or (form.is_bound and form.errors)
            or (formset.is_bound and not formset.is_valid())
        ),
    }
    return render(request, "awards/template_form.html", context)
