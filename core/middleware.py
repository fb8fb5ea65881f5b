from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
