"""Account operations: creating users with a role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.activity import Action, log_activity, snapshot
from core.roles import Role, roles_creatable_by

User = get_user_model()

USER_LOG_FIELDS = ["username", "full_name", "email", "phone", "is_active"]


def assign_role(user, role: Role) -> None:
    """Put the user in exactly one role group. Groups are created by a migration; get_or_create
    keeps this working on a database that was flushed by a transactional test."""
    group, _created = Group.objects.get_or_create(name=role.value)
    user.groups.remove(*user.groups.filter(name__in=Role.values))
    user.groups.add(group)
    user._role_cache = role


def check_new_user(*, exclude=(), password: str = "", **fields):
    """The checks of a new account (uniqueness, the model's rules, the password validators),
    writing nothing: the unsaved user, or a ValidationError keyed by field ("password" for the
    password). `exclude` names fields already refused elsewhere (a form's own checks), which are
    not checked again; a form runs this in its validation so that every error shows at once."""
    user = User(**fields)
    # Errors keep their codes (error_dict / error_list) so the API can report them per field.
    errors = {}
    try:
        user.full_clean(exclude=["password", *exclude])
    except ValidationError as error:
        errors.update(error.error_dict)
    if "password" not in exclude:
        try:
            validate_password(password, user)
        except ValidationError as error:
            errors["password"] = error.error_list
    if errors:
        raise ValidationError(errors)
    return user


def create_user(
    *,
    actor,
    username: str,
    password: str,
    role: Role | str,
    full_name: str = "",
    email: str = "",
    phone: str = "",
):
    """Create an account with a role. `actor` None means the system (seed, self-registration
    checks its own role); otherwise the actor's role must be allowed to create that role."""
    role = Role(role)
    if actor is not None and role not in roles_creatable_by(actor):
        raise PermissionDenied(_("You may not create accounts with the role “%s”.") % role.label)
    user = check_new_user(
        username=username, password=password, full_name=full_name, email=email, phone=phone
    )
    with transaction.atomic():
        user.set_password(password)
        user.save()
        assign_role(user, role)
        log_activity(
            actor=actor,
            action=Action.CREATED,
            target=user,
            after={**snapshot(user, USER_LOG_FIELDS), "role": role.value},
        )
    return user
