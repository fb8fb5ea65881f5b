"""The state machines of rounds and entries, one module each. Importing this package attaches
them to the models (`AwardRound.workflow`, `Entry.workflow`); awards.apps does it when the app is
ready."""

from awards.workflows import entries, rounds

__all__ = ["entries", "rounds"]
