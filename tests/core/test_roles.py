import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import ActivityLog, User
from core.roles import Role, role_of, roles_creatable_by
from core.services import create_user
from tests.factories import UserFactory


@pytest.mark.django_db
def test_role_groups_exist_for_every_role():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


@pytest.mark.django_db
def test_role_of_picks_most_powerful_group():
    user = UserFactory(role=Role.APPLICANT)
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get(name="officer"))
    assert role_of(User.objects.get(pk=user.pk)) == Role.OFFICER


@pytest.mark.django_db
def test_role_of_superuser_is_admin_and_anonymous_is_none():
    from django.contrib.auth.models import AnonymousUser

    assert role_of(UserFactory(is_superuser=True)) == Role.ADMIN
    assert role_of(AnonymousUser()) is None
    assert role_of(UserFactory()) is None


@pytest.mark.django_db
def test_roles_creatable_by_officer_and_admin(officer, admin_user, manager):
    assert roles_creatable_by(officer) == {Role.JUDGE, Role.APPLICANT}
    assert roles_creatable_by(admin_user) == set(Role)
    assert roles_creatable_by(manager) == set()


@pytest.mark.django_db
def test_create_user_by_officer_refused_for_officer_role(officer):
    with pytest.raises(PermissionDenied):
        create_user(actor=officer, username="x", password="Mat-khau-2026!", role=Role.OFFICER)
    assert not User.objects.filter(username="x").exists()


@pytest.mark.django_db
def test_create_user_logs_and_assigns_role(officer):
    user = create_user(
        actor=officer,
        username="giamkhao1",
        password="Mat-khau-2026!",
        role=Role.JUDGE,
        full_name="Phạm Văn Giám",
    )
    assert role_of(User.objects.get(pk=user.pk)) == Role.JUDGE
    log = ActivityLog.objects.get(object_id=str(user.pk), action="created")
    assert log.after["role"] == "judge"
    assert "password" not in log.after


@pytest.mark.django_db
def test_create_user_weak_password_refused():
    with pytest.raises(ValidationError) as caught:
        create_user(actor=None, username="yeu", password="123", role=Role.APPLICANT)
    assert list(caught.value.message_dict) == ["password"]
