"""The API's ordering filter: `?ordering=name` sorts names in Vietnamese dictionary order.

A viewset lists what clients may order by in `ordering_fields`, as the fields of its
representation; `ordering_keys` maps a name to the column that sorts it (its core.text.sort_key),
so "Đồng Tháp" comes after "Dĩ An", whatever the database's collation. Each ordering ends with the
primary key, so pages never overlap when the sort values tie.
"""

from rest_framework.filters import OrderingFilter


class VietnameseOrderingFilter(OrderingFilter):
    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if not ordering:
            return ordering
        keys = getattr(view, "ordering_keys", {})
        mapped = []
        for term in ordering:
            descending = term.startswith("-")
            name = term.lstrip("-")
            mapped.append(("-" if descending else "") + keys.get(name, name))
        if not any(term.lstrip("-") == "pk" for term in mapped):
            mapped.append("pk")
        return mapped
