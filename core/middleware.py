from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


class LanguageMiddleware:
    """Pages are in Vietnamese unless the user picked English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many browsers in
    Vietnam are set to English: staff would get an English product without asking for it. Pages
    therefore read only the language cookie (set by /i18n/setlang/). API clients state their
    language explicitly, so under /api/ an Accept-Language header is honoured too.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.available and request.path.startswith("/api/"):
            language = translation.get_language_from_request(request)
        if language not in self.available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        response.headers.setdefault("Content-Language", language)
        return response


class NulCharacterMiddleware:
    """Refuses a request whose query string, or a page's form data, holds a NUL character.

    No value of this product ever holds one, and PostgreSQL cannot even compare a text holding
    one (DataError): a select's value "86\\x00" would otherwise end in a 500 wherever a view or a
    form looks it up. Text fields drop the control characters anyway (core.text.clean_text);
    this refuses them where they are keys. Pages answer the 400 page; the API its JSON 400
    (its bodies are checked by its serializers and parsers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            message = _("The request holds a character that is not allowed (NUL).")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            raise BadRequest(message)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if any("\x00" in key or "\x00" in value for key, value in _items(request.GET)):
            return True
        if request.method == "POST" and not request.path.startswith("/api/"):
            # Pages only: the CSRF check reads the same parsed form right after.
            return any("\x00" in key or "\x00" in value for key, value in _items(request.POST))
        return False


def _items(query_dict):
    for key, values in query_dict.lists():
        for value in values:
            yield key, value
