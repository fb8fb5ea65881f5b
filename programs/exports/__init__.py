"""The official lists of an extension plan (domain.md §3, §5), one module per list. Importing
this package registers them (core.spreadsheets.registry); ProgramsConfig.ready() does."""

from programs.exports import equipment, payments, proposals  # noqa: F401
