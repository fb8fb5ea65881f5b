"""The error summary above a form and the widget of a field with errors.

Used by templates/includes/form_errors.html and templates/includes/field.html, which every form
of the site includes."""

from django import template
from django.forms.formsets import BaseFormSet

register = template.Library()


def _anchor(bound_field) -> str | None:
    """The id of the element a summary link moves to: the widget itself, or for a group of
    radio buttons or checkboxes (which have no single widget) its first one."""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    return f"{bound_field.auto_id}_0" if bound_field.auto_id else None


def summary_items(form) -> list[dict]:
    """Every error of a bound form (or formset), in the order of the page: those of the whole
    form first, then each field's. An item is {"label", "text", "anchor"}; errors of the whole
    form and of hidden fields have no label and no anchor."""
    if form is None or not getattr(form, "is_bound", False):
        return []
    if isinstance(form, BaseFormSet):
        items = [{"label": "", "text": error, "anchor": None} for error in form.non_form_errors()]
        for subform in form.forms:
            items += summary_items(subform)
        return items
    if not hasattr(form, "non_field_errors") or not form.errors:
        return []
    items = [{"label": "", "text": error, "anchor": None} for error in form.non_field_errors()]
    for bound_field in form:
        for error in bound_field.errors:
            if bound_field.is_hidden:
                items.append({"label": "", "text": error, "anchor": None})
            else:
                items.append(
                    {"label": bound_field.label, "text": error, "anchor": _anchor(bound_field)}
                )
    return items


@register.simple_tag
def error_summary(form=None, forms=None) -> list[dict]:
    """{% error_summary form forms as items %}: the summary of `form`, or of each form of
    `forms` (a page with several forms submitted together, such as self-registration)."""
    items = []
    for each in forms or [form]:
        items += summary_items(each)
    return items


@register.simple_tag
def field_widget(bound_field):
    """{% field_widget field %}: the field's widget as {{ field }} renders it, with Bootstrap's
    `is-invalid` added when the field has errors (Django adds aria-invalid and points
    aria-describedby at the error text, "<id>_error")."""
    attrs = None
    if bound_field.errors:
        classes = bound_field.field.widget.attrs.get("class", "")
        attrs = {"class": f"{classes} is-invalid".strip()}
    html = bound_field.as_widget(attrs=attrs)
    if bound_field.field.show_hidden_initial:
        html += bound_field.as_hidden(only_initial=True)
    return html
