"""The methods a page answers, declared on each view (anything else is 405 Method Not Allowed):
`require_safe` for a page that only shows something, `require_form` for a page with a form,
shown on GET and sent by POST, and Django's `require_POST` for an action."""

from django.views.decorators.http import require_http_methods, require_POST, require_safe

require_form = require_http_methods(["GET", "HEAD", "POST"])

__all__ = ["require_POST", "require_form", "require_safe"]
