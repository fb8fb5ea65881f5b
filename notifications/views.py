"""The user's notifications: the list, opening one (marks it read, then goes to its object),
marking one or all read, and the preferences. Every change is a POST and redirects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.http import require_form, require_POST, require_safe
from core.roles import Role, role_of
from notifications import services
from notifications.forms import PreferencesForm
from notifications.models import NotificationPreferences

PAGE_SIZE = 20


def _own(request, pk):
    """One of the user's own notifications; anyone else's is 404, as one that does not exist."""
    return get_object_or_404(services.notifications_of(request.user), pk=pk)


def _back_to_list(request):
    """Back where the list was (its page), else the list's first page."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


@require_safe
@login_required
def notification_list(request):
    notifications = services.notifications_of(request.user)
    page_obj = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number),
    }
    return render(request, "notifications/list.html", context)


@require_POST
@login_required
def notification_open(request, pk):
    notification = _own(request, pk)
    services.mark_read(user=request.user, notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_POST
@login_required
def notification_read(request, pk):
    notification = _own(request, pk)
    services.mark_read(user=request.user, notification=notification)
    return _back_to_list(request)


@require_POST
@login_required
def notification_read_all(request):
    count = services.mark_all_read(user=request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked as read.",
                "%(count)d notifications marked as read.",
                count,
            )
            % {"count": count},
        )
    return _back_to_list(request)


@require_form
@login_required
def preferences(request):
    current = NotificationPreferences.of(request.user)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        instance=current,
        for_facility=role_of(request.user) == Role.APPLICANT,
    )
    if request.method == "POST" and form.is_valid():
        services.save_preferences(
            user=request.user,
            email=form.cleaned_data["email"],
            round_openings=form.cleaned_data.get("round_openings", current.round_openings),
        )
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    context = {"form": form, "has_email": bool(request.user.email)}
    return render(request, "notifications/preferences.html", context)
