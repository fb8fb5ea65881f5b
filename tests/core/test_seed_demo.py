import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from applicants.demo import FACILITIES
from applicants.models import Facility, FacilityMember, LegalForm
from core.models import ActivityLog, Organisation
from core.roles import Role, role_of

User = get_user_model()

ROLES = {
    "applicant": Role.APPLICANT,
    "judge": Role.JUDGE,
    "officer": Role.OFFICER,
    "manager": Role.MANAGER,
    "admin": Role.ADMIN,
}


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", "--force", stdout=out)
    return out.getvalue()


def printed_passwords(output: str) -> dict[str, str]:
    """{username: password} read from the accounts table the command prints."""
    rows = re.findall(r"^(\w+)\s+(\w+)\s+(\S+)$", output, flags=re.MULTILINE)
    return {username: password for username, role, password in rows if username in ROLES}


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "facilities": Facility.objects.count(),
        "memberships": FacilityMember.objects.count(),
        "activity": ActivityLog.objects.count(),
        "organisations": Organisation.objects.count(),
    }


@pytest.mark.django_db
def test_seed_demo_twice_creates_nothing_more():
    seed()
    first = counts()
    seed()

    assert first == {
        "users": 5,
        "facilities": 40,
        "memberships": 2,
        # 5 accounts + 40 facilities, each created by a service that logs it.
        "activity": 45,
        "organisations": 1,
    }
    assert counts() == first


@pytest.mark.django_db
def test_seed_demo_organisation_is_vinh_long():
    seed()

    organisation = Organisation.current()
    assert organisation.province_id == "86"
    assert organisation.province.name == "Tỉnh Vĩnh Long"
    assert organisation.province_name == "UBND TỈNH VĨNH LONG"
    assert organisation.department_name == "SỞ CÔNG THƯƠNG"
    assert organisation.center_name == "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI"


@pytest.mark.django_db
def test_seed_demo_keeps_an_edited_organisation():
    seed()
    Organisation.objects.filter(pk=1).update(center_name="TRUNG TÂM KHUYẾN CÔNG")
    seed()

    assert Organisation.current().center_name == "TRUNG TÂM KHUYẾN CÔNG"


@pytest.mark.django_db
def test_seed_demo_accounts_log_in_with_printed_passwords():
    output = seed()
    passwords = printed_passwords(output)

    assert "http://127.0.0.1:8000" in output
    assert sorted(passwords) == sorted(ROLES)
    for username, role in ROLES.items():
        user = authenticate(username=username, password=passwords[username])
        assert user is not None, username
        assert role_of(user) == role
    admin = User.objects.get(username="admin")
    assert admin.is_staff is True
    assert admin.is_superuser is True


@pytest.mark.django_db
def test_seed_demo_second_run_prints_the_same_passwords():
    first = printed_passwords(seed())

    assert printed_passwords(seed()) == first


@pytest.mark.django_db
def test_seed_demo_reports_a_changed_password():
    seed()
    officer = User.objects.get(username="officer")
    officer.set_password("Mat-khau-moi-2026")
    officer.save()

    output = seed()

    assert "officer" not in printed_passwords(output)
    assert re.search(r"^officer\s+officer\s+\(changed", output, flags=re.MULTILINE)


@pytest.mark.django_db
def test_seed_demo_facilities_are_valid():
    seed()

    facilities = list(Facility.objects.select_related("ward", "province"))
    assert len(facilities) == len(FACILITIES) == 40
    for facility in facilities:
        facility.full_clean()
        assert facility.province_id == "86"
        assert facility.ward.province_id == "86"


@pytest.mark.django_db
def test_seed_demo_facilities_cover_the_registry():
    seed()

    facilities = Facility.objects.all()
    assert set(facilities.values_list("legal_form", flat=True)) == set(LegalForm.values)
    assert set(facilities.values_list("ward__kind", flat=True)) == {"commune", "ward"}
    without_tax_code = facilities.filter(tax_code__isnull=True)
    assert without_tax_code.count() == 5
    assert set(without_tax_code.values_list("legal_form", flat=True)) == {"household_business"}
    assert facilities.filter(woman_owned=True).exists()
    assert facilities.filter(ethnic_minority_owned=True).exists()
    assert facilities.exclude(craft_village="").exists()
    assert facilities.filter(workers__gte=50).exists()


@pytest.mark.django_db
def test_seed_demo_applicant_is_member_of_two_facilities():
    seed()

    applicant = User.objects.get(username="applicant")
    names = set(Facility.objects.filter(memberships__user=applicant).values_list("name", flat=True))
    assert names == {"Công ty TNHH Thực phẩm Dừa Lan Anh", "Hộ kinh doanh Bánh phồng Lan Anh"}


@pytest.mark.django_db
def test_seed_demo_facilities_are_logged_with_their_creator():
    seed()

    facility = Facility.objects.get(name="Hợp tác xã Dệt chiếu Cà Hom")
    own = Facility.objects.get(name="Hộ kinh doanh Bánh phồng Lan Anh")
    log = ActivityLog.objects.filter(action="created")
    assert log.get(object_id=str(facility.pk), object_repr=facility.name).actor.username == (
        "officer"
    )
    assert log.get(object_id=str(own.pk), object_repr=own.name).actor.username == "applicant"


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())

    assert User.objects.count() == 0
