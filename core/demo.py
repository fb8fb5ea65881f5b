"""Demo data of the core app: the organisation (tỉnh Vĩnh Long) and one account per role.

Used by `manage.py seed_demo`. Idempotent: what exists is kept as it is (an edited organisation
or a changed password survives a new `make run`); only what is missing is created.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from core.models import Organisation, Province
from core.roles import Role
from core.services import create_user

ORGANISATION = {
    "province_code": "86",
    "province_name": "UBND TỈNH VĨNH LONG",
    "department_name": "SỞ CÔNG THƯƠNG",
    "center_name": "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI",
    # The lists the Sở hands in are signed by its director; the name is left for the pen.
    "signing_place": "Vĩnh Long",
    "signer_title": "GIÁM ĐỐC",
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    full_name: str
    password: str

    @property
    def email(self) -> str:
        # example.com is reserved (RFC 2606): demo mail never reaches a real person.
        return f"{self.username}@example.com"


# Known passwords that pass Django's validators (length, not common, not numeric, not like the
# username). They are printed by seed_demo; never use this command on a production database.
ACCOUNTS = [
    DemoAccount("applicant", Role.APPLICANT, "Nguyễn Thị Lan", "Coso-Keodua-2026"),
    DemoAccount("judge", Role.JUDGE, "Trần Văn Minh", "Giamkhao-Chamdiem-2026"),
    DemoAccount("officer", Role.OFFICER, "Lê Thị Thu Hà", "Canbo-Khuyencong-2026"),
    DemoAccount("manager", Role.MANAGER, "Phạm Quốc Hùng", "Lanhdao-Pheduyet-2026"),
    DemoAccount("admin", Role.ADMIN, "Võ Minh Khoa", "Quantri-Hethong-2026"),
]


@dataclass(frozen=True)
class SeededAccount:
    account: DemoAccount
    user: object
    created: bool


def seed_organisation() -> bool:
    """Save the organisation row unless one exists already. True when it was created."""
    if Organisation.objects.exists():
        return False
    Organisation(
        province=Province.objects.get(code=ORGANISATION["province_code"]),
        province_name=ORGANISATION["province_name"],
        department_name=ORGANISATION["department_name"],
        center_name=ORGANISATION["center_name"],
        signing_place=ORGANISATION["signing_place"],
        signer_title=ORGANISATION["signer_title"],
    ).save()
    return True


def seed_accounts() -> list[SeededAccount]:
    """Create the missing demo accounts through core.services.create_user (validated, logged)."""
    User = get_user_model()
    seeded = []
    for account in ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        created = user is None
        if created:
            with transaction.atomic():
                user = create_user(
                    actor=None,
                    username=account.username,
                    password=account.password,
                    role=account.role,
                    full_name=account.full_name,
                    email=account.email,
                )
                if account.role == Role.ADMIN:
                    # The administrator also manages reference data in the Django admin.
                    user.is_staff = user.is_superuser = True
                    user.save(update_fields=["is_staff", "is_superuser"])
        seeded.append(SeededAccount(account, user, created))
    return seeded
