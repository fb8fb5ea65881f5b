"""Persona fixtures: one user per role, plus a second applicant, each with a known password."""

import pytest
from rest_framework.test import APIClient

from core.roles import Role
from tests.factories import (
    PASSWORD,
    AwardRoundFactory,
    EntryFactory,
    FacilityFactory,
    FacilityMemberFactory,
    UserFactory,
    complete_dossier,
)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def storage_root(settings, tmp_path):
    """Every uploaded file of a test goes under pytest's tmp_path, removed with it."""
    root = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": None},
        },
    }
    return root


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def applicant(db):
    return UserFactory(username="applicant", role=Role.APPLICANT)


@pytest.fixture
def other_applicant(db):
    return UserFactory(username="other_applicant", role=Role.APPLICANT)


@pytest.fixture
def judge(db):
    return UserFactory(username="judge", role=Role.JUDGE)


@pytest.fixture
def other_judge(db):
    return UserFactory(username="other_judge", role=Role.JUDGE)


@pytest.fixture
def chair(db):
    return UserFactory(username="chair", role=Role.JUDGE)


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role=Role.OFFICER)


@pytest.fixture
def manager(db):
    return UserFactory(username="manager", role=Role.MANAGER)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin_user", role=Role.ADMIN)


@pytest.fixture
def personas(applicant, other_applicant, judge, other_judge, chair, officer, manager, admin_user):
    """Every persona by role key; anonymous is None."""
    return {
        "applicant": applicant,
        "other_applicant": other_applicant,
        "judge": judge,
        "other_judge": other_judge,
        "chair": chair,
        "officer": officer,
        "manager": manager,
        "admin": admin_user,
        "anonymous": None,
    }


@pytest.fixture
def facility(applicant):
    """A facility whose member is `applicant`."""
    return FacilityMemberFactory(user=applicant).facility


@pytest.fixture
def other_facility(other_applicant):
    return FacilityMemberFactory(user=other_applicant).facility


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def api_as():
    """api_as(user) -> an APIClient authenticated as that user (None: anonymous)."""

    def make(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def client_as(client):
    """client_as(user) -> the Django test client logged in as that user (None: anonymous)."""

    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def award_round(db):
    """A provincial round in registration, open today, the four groups, criteria copied."""
    return AwardRoundFactory()


@pytest.fixture
def draft_round(db):
    return AwardRoundFactory(state="draft")


@pytest.fixture
def entry(award_round, facility):
    """A draft entry of `facility` (member: `applicant`) with its Mẫu 02 fields filled."""
    return EntryFactory(round=award_round, facility=facility)


@pytest.fixture
def complete_entry(entry):
    """`entry` with three photos and the documents its level requires: ready to submit."""
    complete_dossier(entry)
    return entry


@pytest.fixture
def submitted_entry(complete_entry, applicant):
    from core.workflow import transition

    return transition(complete_entry, to="submitted", actor=applicant)


__all__ = ["FacilityFactory"]
