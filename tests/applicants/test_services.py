import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from applicants import services
from applicants.models import Facility, FacilityMember, LegalForm
from core.activity import history_of
from core.models import User, Ward
from core.roles import Role, role_of
from tests.factories import ward_in


def facility_data(**overrides):
    ward = ward_in("86")
    data = {
        "name": "Cơ sở kẹo dừa Thanh Long",
        "legal_form": LegalForm.HOUSEHOLD_BUSINESS,
        "tax_code": "",
        "representative_name": "Lê Thị Mai",
        "phone": "0912 345 678",
        "province": ward.province,
        "ward": ward,
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_create_facility_by_applicant_makes_member_and_logs(applicant):
    facility = services.create_facility(actor=applicant, data=facility_data())
    assert FacilityMember.objects.filter(facility=facility, user=applicant).count() == 1
    assert facility.phone == "0912345678"
    log = history_of(facility).get()
    assert (log.action, log.actor) == ("created", applicant)
    assert log.after["name"] == "Cơ sở kẹo dừa Thanh Long"


@pytest.mark.django_db
def test_create_facility_by_officer_adds_no_member(officer):
    facility = services.create_facility(actor=officer, data=facility_data())
    assert facility.memberships.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["judge", "manager"])
def test_create_facility_refused_for_role(personas, persona):
    with pytest.raises(PermissionDenied):
        services.create_facility(actor=personas[persona], data=facility_data())
    assert Facility.objects.count() == 0


@pytest.mark.django_db
def test_create_facility_normalizes_branch_tax_code(officer):
    facility = services.create_facility(
        actor=officer,
        data=facility_data(legal_form=LegalForm.SMALL_ENTERPRISE, tax_code="0300588569001"),
    )
    assert facility.tax_code == "0300588569-001"


@pytest.mark.django_db
def test_create_facility_tax_code_required_except_household(officer):
    with pytest.raises(ValidationError) as caught:
        services.create_facility(
            actor=officer, data=facility_data(legal_form=LegalForm.COOPERATIVE, tax_code="")
        )
    assert list(caught.value.message_dict) == ["tax_code"]


@pytest.mark.django_db
def test_create_facility_duplicate_tax_code_refused_in_any_spelling(officer):
    data = facility_data(legal_form=LegalForm.SMALL_ENTERPRISE, tax_code="0300588569")
    services.create_facility(actor=officer, data=data)
    with pytest.raises(ValidationError) as caught:
        services.create_facility(actor=officer, data={**data, "tax_code": "0300 588 569"})
    assert list(caught.value.message_dict) == ["tax_code"]
    assert Facility.objects.count() == 1


@pytest.mark.django_db
def test_create_facility_household_businesses_may_share_empty_tax_code(officer):
    services.create_facility(actor=officer, data=facility_data(name="Hộ A"))
    services.create_facility(actor=officer, data=facility_data(name="Hộ B"))
    assert Facility.objects.filter(tax_code__isnull=True).count() == 2


@pytest.mark.django_db
def test_create_facility_ward_outside_province_refused(officer):
    ward = Ward.objects.filter(province_id="01").first()
    with pytest.raises(ValidationError) as caught:
        services.create_facility(actor=officer, data=facility_data(ward=ward))
    assert list(caught.value.message_dict) == ["ward"]


@pytest.mark.django_db
def test_update_facility_logs_changed_fields_only(applicant, facility):
    old_name = facility.name
    services.update_facility(
        actor=applicant, facility=facility, data={"name": "Tên mới", "phone": facility.phone}
    )
    log = history_of(facility).filter(action="updated").get()
    assert log.before == {"name": old_name}
    assert log.after == {"name": "Tên mới"}
    assert log.changed_fields() == [("name", old_name, "Tên mới")]


@pytest.mark.django_db
def test_update_facility_without_change_writes_no_log(applicant, facility):
    services.update_facility(actor=applicant, facility=facility, data={"name": facility.name})
    assert history_of(facility).filter(action="updated").count() == 0


@pytest.mark.django_db
def test_update_facility_invalid_change_saves_nothing(applicant, facility):
    with pytest.raises(ValidationError):
        services.update_facility(
            actor=applicant, facility=facility, data={"name": "X", "tax_code": "0300588568"}
        )
    facility.refresh_from_db()
    assert facility.name != "X"
    assert history_of(facility).count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("applicant", True),
        ("other_applicant", False),
        ("judge", False),
        ("officer", True),
        ("manager", False),
        ("admin", True),
    ],
)
def test_update_facility_permission_by_role(personas, facility, persona, allowed):
    call = lambda: services.update_facility(  # noqa: E731
        actor=personas[persona], facility=facility, data={"name": "Đổi tên"}
    )
    if allowed:
        assert call().name == "Đổi tên"
    else:
        with pytest.raises(PermissionDenied):
            call()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["applicant", "judge", "officer", "manager"])
def test_delete_facility_refused_unless_admin(personas, facility, persona):
    with pytest.raises(PermissionDenied):
        services.delete_facility(actor=personas[persona], facility=facility)
    assert Facility.objects.filter(pk=facility.pk).exists()


@pytest.mark.django_db
def test_delete_facility_by_admin_keeps_a_log_row(admin_user, facility):
    pk = facility.pk
    services.delete_facility(actor=admin_user, facility=facility)
    assert not Facility.objects.filter(pk=pk).exists()
    assert FacilityMember.objects.filter(facility_id=pk).count() == 0
    from core.models import ActivityLog

    log = ActivityLog.objects.get(object_id=str(pk), action="deleted")
    assert log.before["id"] == pk


@pytest.mark.django_db
def test_register_facility_creates_applicant_facility_and_membership():
    user, facility = services.register_facility(
        username="kedua",
        password="Dua-Ben-Tre-2026",
        full_name="Lê Thị Mai",
        email="mai@example.vn",
        facility_data=facility_data(),
    )
    assert role_of(user) == Role.APPLICANT
    assert list(facility.memberships.values_list("user", flat=True)) == [user.pk]
    assert history_of(facility).get().actor == user


@pytest.mark.django_db
def test_register_facility_bad_facility_and_account_reports_both_and_writes_nothing():
    with pytest.raises(ValidationError) as caught:
        services.register_facility(
            username="kedua",
            password="123",
            full_name="",
            email="mai@example.vn",
            facility_data=facility_data(legal_form=LegalForm.COOPERATIVE, tax_code="123"),
        )
    assert {"password", "tax_code"} <= set(caught.value.message_dict)
    assert User.objects.filter(username="kedua").count() == 0
    assert Facility.objects.count() == 0


@pytest.mark.django_db
def test_register_facility_duplicate_username_writes_nothing(applicant):
    with pytest.raises(ValidationError) as caught:
        services.register_facility(
            username="applicant",
            password="Dua-Ben-Tre-2026",
            full_name="",
            email="",
            facility_data=facility_data(),
        )
    assert list(caught.value.message_dict) == ["username"]
    assert Facility.objects.count() == 0


@pytest.mark.django_db
def test_register_facility_account_email_error_keyed_apart_from_facility_email():
    with pytest.raises(ValidationError) as caught:
        services.register_facility(
            username="kedua",
            password="Dua-Ben-Tre-2026",
            full_name="",
            email="not-an-email",
            facility_data=facility_data(email="also-bad"),
        )
    assert set(caught.value.message_dict) == {"account_email", "email"}


@pytest.mark.django_db
def test_facilities_listed_in_vietnamese_dictionary_order(officer):
    for name in ["Gốm Mang Thít", "Đồ da Sao Mai", "Dệt chiếu Định Yên", "Cơ khí Hai Lợi"]:
        services.create_facility(actor=officer, data=facility_data(name=name))
    assert list(Facility.objects.values_list("name", flat=True)) == [
        "Cơ khí Hai Lợi",
        "Dệt chiếu Định Yên",
        "Đồ da Sao Mai",
        "Gốm Mang Thít",
    ]


@pytest.mark.django_db
def test_delete_facility_with_an_entry_refused_and_kept(admin_user, entry):
    facility = entry.facility
    with pytest.raises(ValidationError) as caught:
        services.delete_facility(actor=admin_user, facility=facility)
    assert caught.value.code == "protected"
    assert Facility.objects.filter(pk=facility.pk).exists()
    assert history_of(facility).filter(action="deleted").count() == 0


@pytest.mark.django_db
def test_add_member_by_officer_logs_once(officer, facility, other_applicant):
    services.add_member(actor=officer, facility=facility, user=other_applicant)
    services.add_member(actor=officer, facility=facility, user=other_applicant)
    assert facility.memberships.filter(user=other_applicant).count() == 1
    assert history_of(facility).filter(after={"member_added": "other_applicant"}).count() == 1


@pytest.mark.django_db
def test_add_member_refused_for_applicant_and_non_applicant_accounts(
    applicant, officer, judge, facility
):
    with pytest.raises(PermissionDenied):
        services.add_member(actor=applicant, facility=facility, user=applicant)
    with pytest.raises(ValidationError):
        services.add_member(actor=officer, facility=facility, user=judge)
