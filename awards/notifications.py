"""What the award workflows tell people once a change has committed (after-commit effects of
awards.workflows): a dossier returned, decided eligible or ineligible, a round opening for
registration. Each function has the signature of a core.workflow effect."""

from core.workflow import Change


def entry_returned(entry, change: Change) -> None:
    """The facility's members: their dossier was returned for completion, with the reason."""


def entry_eligible(entry, change: Change) -> None:
    """The facility's members: their entry was screened in, with its voting code."""


def entry_ineligible(entry, change: Change) -> None:
    """The facility's members: their entry was declared ineligible, with the reason."""


def round_opened(award_round, change: Change) -> None:
    """Facilities of the round's province that asked to hear of new rounds."""
