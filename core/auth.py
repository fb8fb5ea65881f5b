"""Signing in with a username as it is stored.

Django stores usernames NFKC-normalized (User.normalize_username, run by full_clean; our
CleanTextMixin makes them NFC without invisible characters before that). The web login form
normalizes what is typed the same way, but the API's token endpoint passes it on as sent: a
phone that sends "nguyễn" decomposed (NFD) would not find the account. This backend normalizes
the username on every path before looking it up.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from core.text import clean_text


class NormalizedUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username is None:
            username = kwargs.pop(user_model.USERNAME_FIELD, None)
        if isinstance(username, str):
            username = user_model.normalize_username(clean_text(username)).strip()
        return super().authenticate(request, username=username, password=password, **kwargs)
