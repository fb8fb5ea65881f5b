"""The API's parsers: DRF's, refusing what they cannot read with a 400 in the request's language.

DRF's own parsers answer a bad body with English text ("JSON parse error - Expecting value…",
"Multipart form parse error - …"), and a JSON body nested deeper than Python's recursion limit
escapes them as a RecursionError (a 500). These keep DRF's behaviour otherwise and are the
defaults of every view (settings.REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]).
"""

import codecs
import json
import math

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


def _encoding(parser_context) -> str:
    """The request's charset (DRF accepts only text encodings), refused in our words."""
    try:
        return parsers.get_encoding(parser_context or {})
    except ParseError:
        raise ParseError(_("The request's character set is not one this API reads.")) from None


def _finite_float(text: str) -> float:
    # "1e400" is JSON but no float: Python reads it as infinity, which DRF's strict JSON refuses
    # when written as "Infinity" and which reaches the database as an id or a number otherwise.
    number = float(text)
    if math.isinf(number):
        raise ValueError(text)
    return number


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = _encoding(parser_context)
        try:
            return json.load(
                codecs.getreader(encoding)(stream),
                parse_constant=parsers.json.strict_constant if self.strict else None,
                parse_float=_finite_float,
            )
        except json.JSONDecodeError as error:
            raise ParseError(
                _("The body is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": error.lineno, "column": error.colno}
            ) from None
        except RecursionError:
            raise ParseError(_("The JSON body is nested too deeply.")) from None
        except ValueError:
            # Bytes that are not text in the charset, NaN or Infinity, a number out of range or
            # with more digits than Python converts.
            raise ParseError(
                _("The JSON body holds characters or numbers that cannot be read.")
            ) from None


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        _encoding(parser_context)
        return super().parse(stream, media_type, parser_context)


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        _encoding(parser_context)
        try:
            return super().parse(stream, media_type, parser_context)
        except ParseError:
            # Django's MultiPartParserError (no or bad boundary, a truncated body), in English.
            raise ParseError(_("The multipart body cannot be read.")) from None
