from functools import cache

from notifications.services import unread_count


def unread_notifications(request):
    """The signed-in user's unread count for the navbar's bell: one query, made only when a
    page shows it (a template calls the function, once)."""
    user = getattr(request, "user", None)

    @cache
    def count() -> int:
        return unread_count(user) if user is not None else 0

    return {"unread_notifications": count}
