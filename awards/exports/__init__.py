"""The official lists of an award round (domain.md §5), one module per list. Importing this
package registers them (core.spreadsheets.registry); AwardsConfig.ready() does."""

from awards.exports import entries, nominees, recognized, score_sheets, scores  # noqa: F401
