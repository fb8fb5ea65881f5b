from django.utils.functional import SimpleLazyObject

from core.models import Organisation
from core.roles import role_of


def organisation(request):
    """The organisation names for page headers, and the user's role, both looked up lazily."""
    return {
        "organisation": SimpleLazyObject(Organisation.current),
        "user_role": SimpleLazyObject(lambda: role_of(getattr(request, "user", None))),
    }
