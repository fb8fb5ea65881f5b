"""The API's pagination: pages by number (`?page=`), with a size the client may choose."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of REST_FRAMEWORK["PAGE_SIZE"] rows (DRF reads the setting), or `?page_size=` rows.

    A size above `max_page_size` is cut to it, and a size that is not a positive integer falls
    back to the default (DRF's behaviour), so no client gets an unbounded page by asking."""

    page_size_query_param = "page_size"
    max_page_size = 100
