"""factory_boy factories. Facilities get valid tax codes and real wards of the loaded units."""

import factory
from django.contrib.auth import get_user_model

from applicants.models import Facility, FacilityMember, LegalForm
from core.models import Ward
from core.roles import Role
from core.services import assign_role
from core.validators import tax_code_check_digit

PASSWORD = "Mat-khau-2026!"


def valid_tax_code(seed: int) -> str:
    """A 10-digit tax code with a correct check digit, different for each seed."""
    n = seed
    while True:
        head = f"{(3_100_000_00 + n * 7919) % 1_000_000_000:09d}"
        check = tax_code_check_digit(head)
        if check is not None:
            return f"{head}{check}"
        n += 100_003


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            assign_role(self, Role(extracted))
        if create:
            self.save()


def ward_in(province_code: str = "86", kind: str = Ward.Kind.COMMUNE) -> Ward:
    """A real ward of the province (Vĩnh Long by default) of the given kind."""
    return Ward.objects.filter(province_id=province_code, kind=kind).order_by("code").first()


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    name = factory.Sequence(lambda n: f"Cơ sở sản xuất số {n}")
    legal_form = LegalForm.SMALL_ENTERPRISE
    tax_code = factory.Sequence(valid_tax_code)
    representative_name = "Trần Thị Hoa"
    representative_title = "Giám đốc"
    phone = "0912345678"
    ward = factory.LazyFunction(ward_in)
    province = factory.LazyAttribute(lambda f: f.ward.province)
    address_line = "Ấp 1"
    sector = "Chế biến thực phẩm"
    main_products = "Kẹo dừa"


class FacilityMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacilityMember

    facility = factory.SubFactory(FacilityFactory)
    user = factory.SubFactory(UserFactory, role=Role.APPLICANT)
