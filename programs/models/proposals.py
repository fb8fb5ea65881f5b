"""Proposals (đề án khuyến công): what a facility or the center asks the fund for, its budget,
its equipment, the money paid and the documents of each step.

The proposal's state machine is declared in programs/workflows.py and attached there. Totals are
derived from the lines and items (programs.money), never stored beside them.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applicants.models import Facility
from core.models import CleanTextMixin, DerivedFieldsMixin, LongTextField, Province, Ward
from core.text import fold
from programs.models.plans import Activity, Plan


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPRAISAL = "appraisal", _("Under appraisal")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CONTRACTED = "contracted", _("Contract signed")
    IN_PROGRESS = "in_progress", _("In progress")
    ACCEPTED = "accepted", _("Accepted")
    SETTLED = "settled", _("Settled")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


S = ProposalState
# From approval on, the proposal has approved funding and belongs to the plan's list.
FUNDED = (S.APPROVED, S.CONTRACTED, S.IN_PROGRESS, S.ACCEPTED, S.SETTLED, S.CLOSED)
# Asked for and not yet decided: counted apart on the plan page.
PENDING = (S.SUBMITTED, S.APPRAISAL, S.RETURNED)
# A manager may cancel from these; the facility its own draft or submitted proposal.
OPEN = (S.DRAFT, S.SUBMITTED, S.APPRAISAL, S.RETURNED, *FUNDED[:4])
# What the facility writes and may change: only while the proposal is in its hands.
EDITABLE = (S.DRAFT, S.RETURNED)
# Money is paid once the contract is signed; the settlement once the work is accepted.
PAYABLE = (S.CONTRACTED, S.IN_PROGRESS, S.ACCEPTED)


class ImplementingUnit(models.TextChoices):
    CENTER = "center", _("The extension center")
    FACILITY = "facility", _("A beneficiary facility")
    OTHER = "other", _("Another organisation")


class AcceptanceResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    PASSED_WITH_CHANGES = "passed_with_changes", _("Passed with corrections")
    FAILED = "failed", _("Not passed")


class Proposal(CleanTextMixin, DerivedFieldsMixin, models.Model):
    State = ProposalState

    derived_fields = {"title_folded": ("title", fold)}

    code = models.CharField(_("code"), max_length=30, unique=True, editable=False)
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("plan")
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("activity")
    )
    title = models.CharField(_("title"), max_length=500)
    title_folded = models.TextField(editable=False, default="")
    implementing_unit = models.CharField(
        _("implementing unit"),
        max_length=20,
        choices=ImplementingUnit.choices,
        default=ImplementingUnit.FACILITY,
    )
    # The organisation's name when it is neither the center nor a beneficiary.
    implementing_name = models.CharField(_("implementing organisation"), max_length=300, blank=True)
    beneficiaries = models.ManyToManyField(
        Facility, related_name="proposals", blank=True, verbose_name=_("beneficiary facilities")
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("commune / ward"),
    )
    objectives = LongTextField(_("objectives"), blank=True)
    expected_results = LongTextField(_("expected results"), blank=True)
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)

    state = models.CharField(
        _("state"), max_length=20, choices=S.choices, default=S.DRAFT, db_index=True
    )
    # What the facility must read: why the proposal was returned, rejected or cancelled.
    state_reason = LongTextField(_("reason"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Set when a manager approves: the extension funding asked then (the plan's commitment).
    approved_funding = models.BigIntegerField(
        _("approved extension funding"), null=True, blank=True
    )
    approval_number = models.CharField(_("approval decision number"), max_length=100, blank=True)
    approval_date = models.DateField(_("approval decision date"), null=True, blank=True)
    contract_number = models.CharField(_("contract number"), max_length=100, blank=True)
    contract_date = models.DateField(_("contract date"), null=True, blank=True)
    contract_value = models.BigIntegerField(_("contract value (VND)"), null=True, blank=True)
    acceptance_date = models.DateField(_("acceptance date"), null=True, blank=True)
    acceptance_result = models.CharField(
        _("acceptance result"), max_length=30, choices=AcceptanceResult.choices, blank=True
    )
    acceptance_findings = LongTextField(_("acceptance findings"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Not auto_now_add: a proposal of a past plan is entered on its day (core.clock).
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["plan", "activity__position", "code"]
        verbose_name = _("extension proposal")
        verbose_name_plural = _("extension proposals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=S.values), name="proposal_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="proposal_dates_in_order",
                violation_error_message=_("The proposal cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=FUNDED) | models.Q(approved_funding__isnull=False),
                name="proposal_funded_has_amount",
                violation_error_message=_("An approved proposal has its approved funding."),
            ),
            models.CheckConstraint(
                condition=models.Q(approved_funding__isnull=True)
                | models.Q(approved_funding__gte=0),
                name="proposal_approved_funding_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def fund_source(self) -> str:
        return self.plan.fund_source


def line_cost(quantity: Decimal, unit_cost: int) -> int:
    """Quantity × unit cost in whole đồng (a quantity may be 2.5 m²)."""
    return int((Decimal(quantity) * unit_cost).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class BudgetLine(CleanTextMixin, models.Model):
    """A line of the proposal's budget estimate. Its cost is quantity × unit cost; the part the
    fund pays is `extension_share`, the rest is counterpart funding (derived, not stored)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="budget_lines")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    item = models.CharField(_("item"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50)
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    unit_cost = models.BigIntegerField(_("unit cost (VND)"), validators=[MinValueValidator(0)])
    extension_share = models.BigIntegerField(
        _("extension funding (VND)"), validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["proposal", "position", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=0)
                & models.Q(unit_cost__gte=0)
                & models.Q(extension_share__gte=0),
                name="budget_line_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.item

    @property
    def cost(self) -> int:
        return line_cost(self.quantity, self.unit_cost)

    @property
    def counterpart_share(self) -> int:
        return self.cost - self.extension_share


class EquipmentItem(CleanTextMixin, models.Model):
    """A machine or piece of equipment of an equipment-support project, as approved and, at
    acceptance, as delivered."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="equipment")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=300)
    specification = LongTextField(_("specification"), blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    unit_price = models.BigIntegerField(_("unit price (VND)"), validators=[MinValueValidator(0)])
    supplier = models.CharField(_("supplier"), max_length=300, blank=True)
    origin = models.CharField(_("origin"), max_length=100, blank=True)
    is_new = models.BooleanField(_("new"), default=True)
    production_line = models.BooleanField(_("part of a production line"), default=False)
    # At acceptance (nghiệm thu): what was delivered and whether it matches the approved item.
    delivered_on = models.DateField(_("delivery date"), null=True, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=200, blank=True)
    matches = models.BooleanField(_("matches the approved item"), null=True, blank=True)
    mismatch_reason = LongTextField(_("why it differs"), blank=True)

    class Meta:
        ordering = ["proposal", "position", "id"]
        verbose_name = _("equipment item")
        verbose_name_plural = _("equipment items")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1) & models.Q(unit_price__gte=0),
                name="equipment_item_amounts_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def cost(self) -> int:
        return self.quantity * self.unit_price


class PaymentKind(models.TextChoices):
    ADVANCE = "advance", _("Advance")
    INSTALMENT = "instalment", _("Further payment")
    SETTLEMENT = "settlement", _("Settlement")


class Payment(CleanTextMixin, models.Model):
    """Money paid from the fund on an approved proposal. Recorded by programs.services.payments
    under the proposal's row lock: the sum never exceeds the approved funding."""

    Kind = PaymentKind

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(_("kind"), max_length=20, choices=PaymentKind.choices)
    amount = models.BigIntegerField(_("amount (VND)"), validators=[MinValueValidator(1)])
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("document number"), max_length=100, blank=True)
    note = LongTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["proposal", "paid_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payment_amount_positive"
            ),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=models.Q(kind=PaymentKind.SETTLEMENT),
                name="payment_one_settlement_per_proposal",
                violation_error_message=_("This proposal is already settled."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


class DocumentKind(models.TextChoices):
    APPLICATION = "application", _("Proposal document (thuyết minh)")
    BUDGET_ESTIMATE = "budget_estimate", _("Budget estimate")
    QUOTATION = "quotation", _("Quotation")
    APPROVAL_DECISION = "approval_decision", _("Approval decision")
    CONTRACT = "contract", _("Contract")
    ACCEPTANCE_RECORD = "acceptance_record", _("Acceptance record")
    SETTLEMENT = "settlement", _("Settlement dossier")
    PHOTO = "photo", _("Photo")
    OTHER = "other", _("Other")


class ProposalDocument(CleanTextMixin, models.Model):
    """A file of the proposal's dossier or of one of its steps (a photo of a delivered machine
    names its item). Stored privately, downloaded through a permission check."""

    Kind = DocumentKind

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="documents")
    item = models.ForeignKey(
        EquipmentItem, on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to="proposals/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["proposal", "kind", "id"]
        verbose_name = _("proposal document")
        verbose_name_plural = _("proposal documents")

    def __str__(self) -> str:
        return self.original_name
