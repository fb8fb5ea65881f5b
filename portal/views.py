"""The home page: a landing page for visitors, and for each role what it works on first."""

import datetime

from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.utils import timezone

from applicants.eligibility import is_rural_industrial_facility
from applicants.models import Facility
from applicants.queries import facilities_visible_to
from core.http import require_safe
from core.roles import STAFF_ROLES, Role, role_of
from portal import dashboards

# How far back "recently registered" reaches on the staff dashboard.
RECENT_DAYS = 30


@require_safe
def home(request):
    role = role_of(request.user)
    if not request.user.is_authenticated:
        return render(request, "portal/landing.html")
    if role == Role.APPLICANT:
        return render(request, "portal/home_applicant.html", _applicant_context(request.user))
    if role in STAFF_ROLES:
        context = {**_staff_context(), **dashboards.center_dashboard()}
        context["is_manager"] = role == Role.MANAGER
        return render(request, "portal/home_staff.html", context)
    if role == Role.JUDGE:
        return render(request, "portal/home_judge.html", dashboards.judge_dashboard(request.user))
    return render(request, "portal/home_no_role.html")


def _applicant_context(user) -> dict:
    facilities = facilities_visible_to(user)
    return {
        "cards": [(f, is_rural_industrial_facility(f)) for f in facilities],
        **dashboards.applicant_dashboard(user),
    }


def _staff_context() -> dict:
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    return {
        "facility_count": Facility.objects.count(),
        "recent_facility_count": Facility.objects.filter(created_at__gte=since).count(),
        "applicant_count": get_user_model()
        .objects.filter(groups__name=Role.APPLICANT, is_active=True)
        .count(),
        "recent_days": RECENT_DAYS,
    }
