"""The state machines of rounds, entries and score sheets, one module each. Importing this
package attaches them to the models (`AwardRound.workflow`, `Entry.workflow`,
`ScoreSheet.workflow`); awards.apps does it when the app is ready."""

from awards.workflows import entries, rounds, sheets

__all__ = ["entries", "rounds", "sheets"]
