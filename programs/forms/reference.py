"""The forms of the reference and appraisal pages: a support rule, a council being set up (its
decision, the proposals it appraises and its members as rows) and proposals added to a council.
They parse; programs.services.reference and programs.services.appraisal decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applicants.forms import DATE_INPUT_FORMATS
from core.editing import full_clean_errors, set_fields
from core.forms import BootstrapMixin, ServiceChecksMixin, field_label
from core.roles import Role
from programs.forms.proposals import date_widget, money_widget
from programs.models import AppraisalCouncil, CouncilRole, FundSource, SupportRule
from programs.services.reference import RULE_FIELDS

# Blank member rows are offered on the council's form; a council rarely has more.
MEMBER_ROWS = 5
# Who may sit on a council: the center's staff and the judges.
MEMBER_ROLES = (Role.OFFICER, Role.MANAGER, Role.ADMIN, Role.JUDGE)


class SupportRuleForm(BootstrapMixin, ServiceChecksMixin, forms.ModelForm):
    """A support rule (programs.services.reference.save_support_rule). The model's checks run
    in the form's validation too, so that one submit shows every error; the overlap with
    another rule is the service's, under its lock."""

    class Meta:
        model = SupportRule
        fields = list(RULE_FIELDS)
        widgets = {
            "ceiling": money_widget(),
            "max_rate": forms.NumberInput(attrs={"min": "0", "max": "100", "step": "0.01"}),
            "line_multiplier": forms.NumberInput(attrs={"min": "1", "max": "10", "step": "0.01"}),
            "legal_basis": forms.Textarea({"rows": 2}),
            "valid_from": date_widget(),
            "valid_to": date_widget(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund_source"].choices = FundSource.choices
        for name in ("valid_from", "valid_to"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS

    def service_checks(self, data: dict, exclude: set[str]) -> None:
        # On a copy: the instance stays as stored for save_support_rule to change.
        pk = self.instance.pk
        copy = SupportRule() if pk is None else SupportRule.objects.get(pk=pk)
        set_fields(copy, {k: v for k, v in data.items() if k not in exclude}, RULE_FIELDS)
        errors = full_clean_errors(copy, exclude=list(exclude), all_to="valid_to")
        if errors:
            raise ValidationError(errors)


def member_choices():
    """Active users who may sit on a council, by name."""
    groups = [role.value for role in MEMBER_ROLES]
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name__in=groups) | Q(is_superuser=True))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class ProposalsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.title}"


class CouncilForm(BootstrapMixin, forms.Form):
    """A council for a plan (programs.services.appraisal.create_council): its establishing
    decision, the plan's proposals under appraisal it takes, and its members as rows of a user
    and a role; a row without a user is left out."""

    name = forms.CharField(
        label=field_label(AppraisalCouncil, "name"),
        max_length=AppraisalCouncil._meta.get_field("name").max_length,
    )
    decision_number = forms.CharField(
        label=field_label(AppraisalCouncil, "decision_number"), max_length=100, required=False
    )
    decision_date = forms.DateField(
        label=field_label(AppraisalCouncil, "decision_date"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=date_widget(),
    )
    proposals = ProposalsField(
        label=field_label(AppraisalCouncil, "proposals"), queryset=None, required=False
    )

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = proposals
        users = member_choices()
        for number in range(1, MEMBER_ROWS + 1):
            self.fields[f"member_{number}"] = MemberChoiceField(
                label=_("Member %(number)s") % {"number": number},
                queryset=users,
                required=False,
            )
            self.fields[f"role_{number}"] = forms.ChoiceField(
                label=_("Role of member %(number)s") % {"number": number},
                choices=CouncilRole.choices,
                # A blank row needs none; a row sent without one (not from the page, whose
                # select always sends a role) seats an ordinary member.
                required=False,
                initial=CouncilRole.CHAIR if number == 1 else CouncilRole.MEMBER,
            )
        # The widgets added above get their Bootstrap classes too.
        for name, field in self.fields.items():
            if name.startswith(("member_", "role_")):
                field.widget.attrs.setdefault("class", "form-select")

    def member_rows(self):
        """(user field, role field) per row, for the template."""
        return [(self[f"member_{n}"], self[f"role_{n}"]) for n in range(1, MEMBER_ROWS + 1)]

    def members(self) -> list[tuple]:
        rows = ((self.cleaned_data.get(f"member_{n}"), n) for n in range(1, MEMBER_ROWS + 1))
        return [
            (user, self.cleaned_data[f"role_{n}"] or CouncilRole.MEMBER)
            for user, n in rows
            if user is not None
        ]

    def service_data(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in ("name", "decision_number", "decision_date")
        }


class AddProposalsForm(BootstrapMixin, forms.Form):
    """More of the plan's proposals under appraisal for a council (appraisal.add_proposals)."""

    proposals = ProposalsField(label=_("Proposals to add"), queryset=None)

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = proposals
