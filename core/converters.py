"""The `<id:…>` path converter: a row id as the database stores it (a signed 64-bit integer).

Django's `<int:…>` accepts any number of digits, and a number beyond 64 bits reaches the
database, which refuses it (SQLite: OverflowError; PostgreSQL: out of range) with a 500. An id
that no row can have simply matches no URL (404). Importing this module registers the converter;
every URL configuration that uses `<id:…>` imports it.
"""

from django.urls import register_converter

# The largest value of a BigAutoField (and of every 64-bit integer column).
MAX_INT64 = 2**63 - 1
MIN_INT64 = -(2**63)


class IdConverter:
    # 19 digits hold every positive 64-bit integer; the bound is checked in to_python.
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_INT64:
            # A ValueError makes the URL resolver try the next pattern: no match, 404.
            raise ValueError(f"{value} is not a row id")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
