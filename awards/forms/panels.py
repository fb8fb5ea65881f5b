"""The forms of the judging panel pages and the judge's declaration. They only parse input:
awards.services.judging validates and saves, and its errors come back onto the fields that
caused them (the i-th seat's "members.<i>.judge" onto the i-th filled row, a conflict's
"conflicts.<i>.reason" onto that facility's reason)."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awards.models import SCORING_ROLES, AwardRound, Entry, Panel, PanelRole, ProductGroup
from awards.services import check_panel
from core.forms import BootstrapMixin, add_service_errors, clean_text_inputs, style_fields
from core.roles import Role

User = get_user_model()


def judge_accounts():
    """The active judge accounts, by name."""
    return (
        User.objects.filter(groups__name=Role.JUDGE, is_active=True)
        .distinct()
        .order_by("full_name", "username")
    )


class JudgeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.username


class PanelForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Panel name"), max_length=200)
    product_groups = forms.ModelMultipleChoiceField(
        label=_("Product groups judged"),
        queryset=ProductGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, award_round: AwardRound, panel: Panel | None = None, **kwargs):
        if panel is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": panel.name,
                "product_groups": list(panel.product_groups.all()),
            }
        super().__init__(*args, **kwargs)
        self.award_round, self.panel = award_round, panel
        field = self.fields["product_groups"]
        # Only the round's open groups are offered; whether a group may be judged (open, not
        # another panel's) is the service's rule, answered on the field.
        field.widget.choices = [(g.pk, str(g)) for g in award_round.product_groups.all()]
        field.widget.attrs["class"] = "form-check-input"
        if panel is not None and award_round.phase.scores:
            field.disabled = True
            field.help_text = _("Judging has started: the groups a panel judges no longer change.")


class MemberRowForm(BootstrapMixin, forms.Form):
    judge = JudgeChoiceField(label=_("Judge"), queryset=User.objects.none(), required=False)
    role = forms.ChoiceField(
        label=_("Role on the panel"), choices=PanelRole.choices, initial=PanelRole.MEMBER
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judge"].queryset = judge_accounts()

    def has_changed(self):
        # A row counts when a judge is chosen: the role alone has a default.
        return bool(self.data.get(self.add_prefix("judge"))) if self.is_bound else False


class BaseMemberFormSet(forms.BaseFormSet):
    """The panel's seats as rows; a row without a judge is dropped."""

    def filled_rows(self) -> list[MemberRowForm]:
        return [f for f in self.forms if f.cleaned_data.get("judge") is not None]

    def members(self) -> list[tuple]:
        return [(f.cleaned_data["judge"], f.cleaned_data["role"]) for f in self.filled_rows()]

    def add_service_errors(self, error: ValidationError) -> list[str]:
        """The service's "members.<i>.<field>" at the i-th filled row; "members" returned."""
        rows = self.filled_rows()
        others = []
        for key, errors in getattr(error, "error_dict", {}).items():
            parts = key.split(".")
            if parts[0] != "members":
                continue
            if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(rows):
                rows[int(parts[1])].add_error(parts[2], errors)
            else:
                others.extend(m for e in errors for m in e.messages)
        return others


MemberFormSet = forms.formset_factory(MemberRowForm, formset=BaseMemberFormSet, extra=3)


def member_formset(data, panel: Panel | None):
    initial = None
    if panel is not None:
        initial = [
            {"judge": seat.judge_id, "role": seat.role}
            for seat in panel.members.select_related("judge").order_by("role", "id")
        ]
    formset = MemberFormSet(data, initial=initial, prefix="members")
    return formset


def validate_panel_forms(form: PanelForm, formset: BaseMemberFormSet) -> tuple[bool, list[str]]:
    """Both forms' own checks, then the service's (awards.services.check_panel), each error on
    its field; the seats' errors about the whole list are returned."""
    valid = form.is_valid() & formset.is_valid()
    if not valid:
        return False, []
    try:
        check_panel(
            award_round=form.award_round,
            panel=form.panel,
            name=form.cleaned_data["name"],
            product_groups=list(form.cleaned_data["product_groups"]),
            members=formset.members(),
        )
    except ValidationError as error:
        return False, place_panel_errors(form, formset, error)
    return True, []


def place_panel_errors(form, formset, error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return []
    others = formset.add_service_errors(error)
    own = {k: v for k, v in error.error_dict.items() if not k.startswith("members")}
    if own:
        add_service_errors(form, ValidationError(own))
    return others


class AssignmentForm(BootstrapMixin, forms.Form):
    """One more assignment on a panel: an entry of its groups, a scoring member."""

    entry = forms.ModelChoiceField(label=_("Entry"), queryset=Entry.objects.none())
    judge = JudgeChoiceField(label=_("Judge"), queryset=User.objects.none())

    def __init__(self, *args, panel: Panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = Entry.objects.filter(
            round=panel.round_id,
            state=Entry.State.ELIGIBLE,
            product_group__in=panel.product_groups.all(),
        ).order_by("product_group__code", "voting_code", "id")
        self.fields["entry"].label_from_instance = lambda e: f"{e.voting_code} – {e.product_name}"
        self.fields["judge"].queryset = User.objects.filter(
            panel_seats__panel=panel, panel_seats__role__in=SCORING_ROLES
        ).order_by("full_name", "username")


class DeclarationForm(forms.Form):
    """The conflict-of-interest declaration: for each facility taking part, a box and a
    reason; or "I have no conflict of interest". Facilities already declared are not asked
    again."""

    none = forms.BooleanField(
        label=_("I have no conflict of interest in this round"), required=False
    )

    def __init__(self, *args, facilities, declared_ids=(), allow_none=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        if not allow_none:
            del self.fields["none"]
        for facility in facilities:
            if facility.pk in declared_ids:
                continue
            box, reason = f"conflict_{facility.pk}", f"reason_{facility.pk}"
            self.fields[box] = forms.BooleanField(label=facility.name, required=False)
            self.fields[reason] = forms.CharField(
                label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.rows.append((facility, box, reason))
        style_fields(self)
        clean_text_inputs(self)

    def row_fields(self):
        return [(facility, self[box], self[reason]) for facility, box, reason in self.rows]

    def conflicts(self) -> list[tuple]:
        return [
            (facility, self.cleaned_data[reason])
            for facility, box, reason in self.rows
            if self.cleaned_data.get(box)
        ]

    def add_service_errors(self, error: ValidationError) -> None:
        chosen = [(box, reason) for _f, box, reason in self.rows if self.cleaned_data.get(box)]
        by_key = error.error_dict if hasattr(error, "error_dict") else {"__all__": error.error_list}
        for key, errors in by_key.items():
            parts = key.split(".")
            if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(chosen):
                box, reason = chosen[int(parts[1])]
                self.add_error(reason if parts[2] == "reason" else box, errors)
            elif key == "none" and "none" in self.fields:
                self.add_error("none", errors)
            else:
                self.add_error(None, errors)
