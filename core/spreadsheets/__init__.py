"""Official Excel lists (domain.md §5): the exporter interface (base), the writer that lays any
exporter out as a Vietnamese administrative document (writer) and their delivery as a download
or a background job."""

from core.spreadsheets.base import (
    Column,
    Exporter,
    ExportNotAllowed,
    Group,
    Kind,
    ListExporter,
    Progress,
    Signature,
    WorkbookExporter,
    register,
    registry,
)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

__all__ = [
    "XLSX_CONTENT_TYPE",
    "Column",
    "ExportNotAllowed",
    "Exporter",
    "Group",
    "Kind",
    "ListExporter",
    "Progress",
    "Signature",
    "WorkbookExporter",
    "register",
    "registry",
]
