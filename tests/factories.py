"""factory_boy factories. Facilities get valid tax codes and real wards of the loaded units."""

import datetime
import io

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils.timezone import localdate
from PIL import Image

from applicants.models import Facility, FacilityMember, LegalForm
from awards.dossier import MIN_PHOTOS, required_documents
from awards.models import CriteriaTemplate, ProductGroup
from awards.workflows.rounds import copy_criteria
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


# ---- Award rounds -----------------------------------------------------------------------------


def png_bytes(width: int = 8, height: int = 8, color: str = "red") -> bytes:
    """A real PNG image, small."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class AwardRoundFactory(factory.django.DjangoModelFactory):
    """A provincial round open for registration today (the criteria copied as the workflow
    would when it leaves draft). Use state="draft" for a round still being set up."""

    class Meta:
        model = "awards.AwardRound"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh, đợt {n}")
    year = 2026
    level = "province"
    organiser_name = "Sở Công Thương tỉnh Vĩnh Long"
    criteria_template = factory.LazyFunction(lambda: CriteriaTemplate.objects.get(is_default=True))
    registration_opens = factory.LazyFunction(lambda: localdate() - datetime.timedelta(days=10))
    registration_closes = factory.LazyFunction(lambda: localdate() + datetime.timedelta(days=20))
    judging_ends = factory.LazyFunction(lambda: localdate() + datetime.timedelta(days=60))
    state = "registration"

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if not create:
            return
        self.product_groups.set(extracted or ProductGroup.objects.all())
        if self.state != "draft":
            copy_criteria(self, None)


class EntryFactory(factory.django.DjangoModelFactory):
    """A draft entry of `facility` in `round`, with the Mẫu 02 fields filled."""

    class Meta:
        model = "awards.Entry"

    round = factory.SubFactory(AwardRoundFactory)
    facility = factory.SubFactory(FacilityFactory)
    product_name = factory.Sequence(lambda n: f"Kẹo dừa sầu riêng {n}")
    product_group = factory.LazyFunction(lambda: ProductGroup.objects.get(code=2))
    features = "Kẹo dừa dẻo, vị sầu riêng, đóng gói 400 g."
    materials = "Dừa khô, đường mía, mạch nha."
    production_process = "Nấu thủ công, 2 tấn/tháng."
    markets = "Trong tỉnh, TP Hồ Chí Minh, xuất khẩu Trung Quốc."
    price = "35.000 đ/hộp"
    state = "draft"
    # An eligible entry has a voting code (a database constraint): one is made up for it.
    voting_code = factory.LazyAttributeSequence(
        lambda e, n: (
            f"T{e.round.year}-{e.product_group.code}-{900 + n % 100:03d}"
            if e.state == "eligible"
            else None
        )
    )


class AttachmentFactory(factory.django.DjangoModelFactory):
    """An attachment row with a real small file (tests only; uploads go through the service)."""

    class Meta:
        model = "awards.Attachment"

    entry = factory.SubFactory(EntryFactory)
    kind = "photo"
    original_name = factory.LazyAttribute(lambda a: "anh.png" if a.kind == "photo" else "ho-so.pdf")
    content_type = factory.LazyAttribute(
        lambda a: "image/png" if a.kind == "photo" else "application/pdf"
    )
    file = factory.LazyAttribute(
        lambda a: ContentFile(png_bytes() if a.kind == "photo" else PDF_BYTES, a.original_name)
    )
    size = factory.LazyAttribute(lambda a: a.file.size)


def complete_dossier(entry) -> None:
    """Three photos and the documents the entry's level requires."""
    for _ in range(MIN_PHOTOS):
        AttachmentFactory(entry=entry, kind="photo")
    for kind in required_documents(entry.round.level):
        AttachmentFactory(entry=entry, kind=kind)


# ---- Judging (issue 8) ---------------------------------------------------------------------


class PanelFactory(factory.django.DjangoModelFactory):
    """A panel of a judging round for every open group (pass groups=[…] for fewer)."""

    class Meta:
        model = "awards.Panel"
        skip_postgeneration_save = True

    round = factory.SubFactory(AwardRoundFactory, state="judging")
    name = factory.Sequence(lambda n: f"Hội đồng bình chọn {n}")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.product_groups.set(extracted or self.round.product_groups.all())


class PanelMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.PanelMember"

    panel = factory.SubFactory(PanelFactory)
    judge = factory.SubFactory(UserFactory, role=Role.JUDGE)
    role = "member"


class ScoreSheetFactory(factory.django.DjangoModelFactory):
    """An empty draft sheet: `judge` assigned `entry` on `panel` (made directly, not by the
    assignment service)."""

    class Meta:
        model = "awards.ScoreSheet"

    panel = factory.SubFactory(PanelFactory)
    round = factory.LazyAttribute(lambda s: s.panel.round)
    entry = factory.SubFactory(
        EntryFactory, round=factory.SelfAttribute("..round"), state="eligible"
    )
    judge = factory.SubFactory(UserFactory, role=Role.JUDGE)


def give_scores(sheet, points, *, submit: bool = False):
    """Write `points` (one per scored criterion, in the sheet's order, or {code: points})
    straight into the sheet and keep its total; `submit` marks it submitted. For tests that need
    scored sheets without going through the scoring service."""
    from decimal import Decimal

    from django.utils import timezone

    from awards.judging_rules import scored_criteria
    from awards.models import Score

    criteria = scored_criteria(sheet.round)
    if not isinstance(points, dict):
        points = {c.code: p for c, p in zip(criteria, points, strict=True)}
    by_code = {c.code: c for c in criteria}
    sheet.scores.all().delete()
    Score.objects.bulk_create(
        Score(sheet=sheet, criterion=by_code[code], points=Decimal(str(value)))
        for code, value in points.items()
    )
    sheet.total = sum((Decimal(str(value)) for value in points.values()), Decimal("0"))
    if submit:
        sheet.state = "submitted"
        sheet.submitted_at = timezone.now()
    sheet.save()
    return sheet


# ---- Judging (issue 8): panels -----------------------------------------------------------------


def ready_for_judging(award_round, *, entries: int = 1):
    """Make a screening round startable (awards.services.judging.judging_requirements): an
    eligible entry (group 2) unless it has one, and one panel for all its open groups with as
    many scoring judges as it needs per entry. Returns the panel."""
    if not award_round.entries.filter(state="eligible").exists():
        for _ in range(entries):
            EntryFactory(round=award_round, state="eligible")
    panel = PanelFactory(round=award_round)
    needed = max(award_round.min_score_sheets, award_round.judges_per_entry or 0)
    for index in range(needed):
        PanelMemberFactory(panel=panel, role="chair" if index == 0 else "member")
    return panel
