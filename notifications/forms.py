from django import forms

from notifications.models import NotificationPreferences


class PreferencesForm(forms.ModelForm):
    """The user's preferences; the round openings only for a facility's account (staff and
    judges do not register products)."""

    class Meta:
        model = NotificationPreferences
        fields = ["email", "round_openings"]

    def __init__(self, *args, for_facility: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_facility:
            del self.fields["round_openings"]
