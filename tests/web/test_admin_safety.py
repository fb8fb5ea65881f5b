"""The Django admin never bypasses the services and the activity log: award data is read-only
there, and facility memberships are added through applicants.services.add_member and removed
with a log row."""

import pytest
from django.urls import reverse

from applicants.models import FacilityMember
from awards.models import AwardRound, CriteriaTemplate, Entry, ProductGroup
from core.activity import history_of
from core.roles import Role
from tests.factories import FacilityMemberFactory, UserFactory

INLINE_PREFIX = "memberships"


@pytest.fixture
def site_admin(db):
    """An administrator who may use the Django admin site."""
    return UserFactory(username="site_admin", is_staff=True, is_superuser=True, role=Role.ADMIN)


@pytest.fixture
def admin_client(client, site_admin):
    client.force_login(site_admin)
    return client


def admin_url(obj_or_model, action, *args):
    meta = obj_or_model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=args)


# ---- Award data: read-only ------------------------------------------------------------------


@pytest.fixture
def award_objects(entry):
    """A round (with its criteria copy), an entry and the default criteria template."""
    return {
        "round": entry.round,
        "entry": entry,
        "template": CriteriaTemplate.objects.get(is_default=True),
    }


@pytest.mark.parametrize("name", ["round", "entry", "template"])
def test_admin_award_object_listed_and_shown_read_only(name, admin_client, award_objects):
    obj = award_objects[name]

    listing = admin_client.get(admin_url(obj, "changelist"))
    page = admin_client.get(admin_url(obj, "change", obj.pk))

    assert listing.status_code == 200
    assert str(obj) in listing.content.decode()
    assert page.status_code == 200
    # The view-only page: no save buttons, no delete link.
    assert 'name="_save"' not in page.content.decode()
    assert admin_url(obj, "delete", obj.pk) not in page.content.decode()


@pytest.mark.parametrize("name", ["round", "entry", "template"])
def test_admin_award_object_add_refused(name, admin_client, award_objects):
    response = admin_client.get(admin_url(award_objects[name], "add"))

    assert response.status_code == 403


def test_admin_round_change_refused_state_unchanged(admin_client, award_round):
    data = {"title": "Đổi tên", "state": "published"}

    response = admin_client.post(admin_url(award_round, "change", award_round.pk), data)

    title = award_round.title
    award_round.refresh_from_db()
    assert response.status_code == 403
    assert (award_round.title, award_round.state) == (title, AwardRound.State.REGISTRATION)
    assert list(history_of(award_round)) == []


def test_admin_entry_change_refused(admin_client, entry):
    name = entry.product_name
    data = {"product_name": "Đổi tên", "state": "eligible"}

    response = admin_client.post(admin_url(entry, "change", entry.pk), data)

    entry.refresh_from_db()
    assert response.status_code == 403
    assert (entry.product_name, entry.state) == (name, Entry.State.DRAFT)
    assert list(history_of(entry)) == []


@pytest.mark.parametrize("name", ["round", "entry", "template"])
def test_admin_award_object_delete_refused(name, admin_client, award_objects):
    obj = award_objects[name]

    response = admin_client.post(admin_url(obj, "delete", obj.pk), {"post": "yes"})

    assert response.status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists() is True


def test_admin_round_page_shows_criteria_copy_read_only(admin_client, award_round):
    response = admin_client.get(admin_url(award_round, "change", award_round.pk))

    body = response.content.decode()
    codes = list(award_round.criteria.values_list("code", flat=True))
    # The inline shows the round's copy, with no input to change a criterion or add one.
    assert len(codes) >= 4
    [inline] = response.context["inline_admin_formsets"]
    assert len(inline.formset.forms) == len(codes)
    assert (inline.has_add_permission, inline.has_change_permission) == (False, False)
    assert 'name="criteria-0-code"' not in body


def test_admin_criteria_template_change_refused(admin_client):
    template = CriteriaTemplate.objects.get(is_default=True)
    name = template.name

    response = admin_client.post(admin_url(template, "change", template.pk), {"name": "Khác"})

    template.refresh_from_db()
    assert response.status_code == 403
    assert template.name == name


def test_admin_product_group_stays_editable(admin_client):
    group = ProductGroup.objects.get(code=4)

    response = admin_client.post(
        admin_url(group, "change", group.pk), {"code": "4", "name": "Sản phẩm khác", "_save": "1"}
    )

    group.refresh_from_db()
    assert response.status_code == 302
    assert group.name == "Sản phẩm khác"


# ---- Facility members: through the service, removals logged --------------------------------


def facility_change_data(facility, **overrides):
    """The facility admin form as the browser posts it back unchanged, with its member rows."""
    members = list(facility.memberships.order_by("pk"))
    data = {
        "name": facility.name,
        "legal_form": facility.legal_form,
        "tax_code": facility.tax_code or "",
        "business_registration_number": facility.business_registration_number,
        "business_registration_date": "",
        "representative_name": facility.representative_name,
        "representative_title": facility.representative_title,
        "phone": facility.phone,
        "email": facility.email,
        "province": facility.province_id,
        "ward": facility.ward_id,
        "address_line": facility.address_line,
        "old_address": facility.old_address,
        "sector": facility.sector,
        "craft_village": facility.craft_village,
        "main_products": facility.main_products,
        "workers": "",
        "founded_year": "",
        f"{INLINE_PREFIX}-TOTAL_FORMS": str(len(members)),
        f"{INLINE_PREFIX}-INITIAL_FORMS": str(len(members)),
        f"{INLINE_PREFIX}-MIN_NUM_FORMS": "0",
        f"{INLINE_PREFIX}-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index, member in enumerate(members):
        data[f"{INLINE_PREFIX}-{index}-id"] = str(member.pk)
        data[f"{INLINE_PREFIX}-{index}-facility"] = str(facility.pk)
    data.update(overrides)
    return data


def test_admin_add_member_goes_through_service_and_logs(
    admin_client, site_admin, facility, other_applicant
):
    response = admin_client.post(
        reverse("admin:applicants_facilitymember_add"),
        {"facility": facility.pk, "user": other_applicant.pk, "_save": "1"},
    )

    assert response.status_code == 302
    assert set(facility.memberships.values_list("user__username", flat=True)) == {
        "applicant",
        "other_applicant",
    }
    [log] = history_of(facility)
    assert (log.action, log.actor, log.before, log.after) == (
        "updated",
        site_admin,
        {},
        {"member_added": "other_applicant"},
    )


def test_admin_add_member_refuses_non_applicant_account(admin_client, facility, judge):
    response = admin_client.post(
        reverse("admin:applicants_facilitymember_add"),
        {"facility": facility.pk, "user": judge.pk, "_save": "1"},
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert {name: [e.code for e in errs] for name, errs in errors.items()} == {"user": ["role"]}
    assert list(facility.memberships.values_list("user__username", flat=True)) == ["applicant"]
    assert list(history_of(facility)) == []


def test_admin_member_change_refused(admin_client, facility, other_applicant):
    member = facility.memberships.get()

    page = admin_client.get(admin_url(member, "change", member.pk))
    response = admin_client.post(
        admin_url(member, "change", member.pk),
        {"facility": facility.pk, "user": other_applicant.pk, "_save": "1"},
    )

    member.refresh_from_db()
    assert page.status_code == 200
    assert response.status_code == 403
    assert member.user.username == "applicant"


def test_admin_delete_member_logs_removal(admin_client, site_admin, facility):
    member = facility.memberships.get()

    response = admin_client.post(admin_url(member, "delete", member.pk), {"post": "yes"})

    assert response.status_code == 302
    assert facility.memberships.exists() is False
    [log] = history_of(facility)
    assert (log.action, log.actor, log.before, log.after) == (
        "updated",
        site_admin,
        {"member_removed": "applicant"},
        {},
    )


def test_admin_bulk_delete_members_logs_each_removal(admin_client, facility, other_facility):
    members = FacilityMember.objects.order_by("pk")

    response = admin_client.post(
        reverse("admin:applicants_facilitymember_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(pk) for pk in members.values_list("pk", flat=True)],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert FacilityMember.objects.exists() is False
    assert [log.before for log in history_of(facility)] == [{"member_removed": "applicant"}]
    assert [log.before for log in history_of(other_facility)] == [
        {"member_removed": "other_applicant"}
    ]


def test_admin_facility_inline_adds_member_through_service(
    admin_client, site_admin, facility, other_applicant
):
    data = facility_change_data(
        facility,
        **{
            f"{INLINE_PREFIX}-TOTAL_FORMS": "2",
            f"{INLINE_PREFIX}-1-facility": str(facility.pk),
            f"{INLINE_PREFIX}-1-user": str(other_applicant.pk),
        },
    )

    response = admin_client.post(admin_url(facility, "change", facility.pk), data)

    assert response.status_code == 302
    assert set(facility.memberships.values_list("user__username", flat=True)) == {
        "applicant",
        "other_applicant",
    }
    [log] = history_of(facility)
    assert (log.actor, log.after) == (site_admin, {"member_added": "other_applicant"})


def test_admin_facility_inline_refuses_non_applicant_member(admin_client, facility, judge):
    data = facility_change_data(
        facility,
        **{
            f"{INLINE_PREFIX}-TOTAL_FORMS": "2",
            f"{INLINE_PREFIX}-1-facility": str(facility.pk),
            f"{INLINE_PREFIX}-1-user": str(judge.pk),
        },
    )

    response = admin_client.post(admin_url(facility, "change", facility.pk), data)

    assert response.status_code == 200
    [formset] = response.context["inline_admin_formsets"]
    errors = formset.formset.forms[1].errors.as_data()
    assert {name: [e.code for e in errs] for name, errs in errors.items()} == {"user": ["role"]}
    assert list(facility.memberships.values_list("user__username", flat=True)) == ["applicant"]
    assert list(history_of(facility)) == []


def test_admin_facility_inline_cannot_change_member(admin_client, facility, other_applicant):
    member = facility.memberships.get()
    data = facility_change_data(facility, **{f"{INLINE_PREFIX}-0-user": str(other_applicant.pk)})

    response = admin_client.post(admin_url(facility, "change", facility.pk), data)

    member.refresh_from_db()
    assert response.status_code == 302
    assert member.user.username == "applicant"
    assert list(history_of(facility)) == []


def test_admin_facility_inline_delete_member_logs_removal(admin_client, site_admin, facility):
    data = facility_change_data(facility, **{f"{INLINE_PREFIX}-0-DELETE": "on"})

    response = admin_client.post(admin_url(facility, "change", facility.pk), data)

    assert response.status_code == 302
    assert facility.memberships.exists() is False
    [log] = history_of(facility)
    assert (log.action, log.actor, log.before) == (
        "updated",
        site_admin,
        {"member_removed": "applicant"},
    )


def test_admin_member_pages_render(admin_client, facility):
    FacilityMemberFactory(facility=facility)

    assert admin_client.get(reverse("admin:applicants_facilitymember_changelist")).status_code == (
        200
    )
    assert admin_client.get(reverse("admin:applicants_facilitymember_add")).status_code == 200
    change = admin_client.get(admin_url(facility, "change", facility.pk))
    assert change.status_code == 200
