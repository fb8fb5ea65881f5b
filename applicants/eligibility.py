"""Is a facility a rural industrial facility (cơ sở công nghiệp nông thôn)? A dated rule.

NĐ 45/2012/NĐ-CP defined the facilities that extension funds may support; NĐ 235/2025/NĐ-CP,
in force from 15/10/2025, widened the places they may be: communes, wards and special zones
alike. Before that date urban wards (phường) were excluded unless the facility was in a craft
village recognised by the province. The legal forms are the same in both texts.

Each version is a `RuleVersion` with the date it takes effect; `is_rural_industrial_facility`
applies the version in force on the given day. A later decree is one more entry in RULE_VERSIONS.

The place condition is checked against the facility's commune-level unit, which is a unit of the
2025 reform (in force 1 July 2025). Before that day the facility lay in a unit that no longer
exists (written only in its old address: "xã Sơn Đông, thành phố Bến Tre" is now "Phường Sơn
Đông"), so for an earlier day the rule cannot tell a ward from a commune and leaves the place to
the officer who screens the dossier.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import LegalForm
from core.models import Ward

ELIGIBLE_LEGAL_FORMS = frozenset(LegalForm)


@dataclass(frozen=True)
class RuleVersion:
    valid_from: datetime.date
    legal_basis: str
    # Kinds of commune-level unit where any facility qualifies; elsewhere only a facility in a
    # recognised craft village does.
    open_ward_kinds: frozenset[str]


# The administrative units of the 2025 reform (Ward) exist from this day (Nghị quyết
# 202/2025/QH15 and the resolutions arranging each province's units).
UNITS_REFORMED_ON = datetime.date(2025, 7, 1)

RULE_VERSIONS = (
    RuleVersion(
        valid_from=datetime.date(2012, 7, 1),
        legal_basis="Nghị định 45/2012/NĐ-CP",
        open_ward_kinds=frozenset({Ward.Kind.COMMUNE, Ward.Kind.SPECIAL_ZONE}),
    ),
    RuleVersion(
        valid_from=datetime.date(2025, 10, 15),
        legal_basis="Nghị định 45/2012/NĐ-CP, sửa đổi bởi Nghị định 235/2025/NĐ-CP",
        open_ward_kinds=frozenset(Ward.Kind),
    ),
)


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    legal_basis: str
    on: datetime.date
    reasons: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.eligible


def rule_in_force(on: datetime.date) -> RuleVersion | None:
    applicable = [rule for rule in RULE_VERSIONS if rule.valid_from <= on]
    return applicable[-1] if applicable else None


def is_rural_industrial_facility(facility, on: datetime.date | None = None) -> Eligibility:
    """Whether `facility` qualifies on day `on` (today by default), and why not when it fails."""
    on = on or timezone.localdate()
    rule = rule_in_force(on)
    if rule is None:
        return Eligibility(False, "", on, [_("No eligibility rule was in force on that date.")])
    reasons = []
    if facility.legal_form not in ELIGIBLE_LEGAL_FORMS:
        reasons.append(_("Its legal form is not one that extension support covers."))
    in_craft_village = bool(facility.craft_village.strip())
    place_known = on >= UNITS_REFORMED_ON
    if place_known and facility.ward.kind not in rule.open_ward_kinds and not in_craft_village:
        reasons.append(
            _(
                "Before 15/10/2025 a facility in an urban ward (%(ward)s) qualified only inside a "
                "craft village recognised by the province."
            )
            % {"ward": facility.ward.name}
        )
    return Eligibility(not reasons, rule.legal_basis, on, reasons)
