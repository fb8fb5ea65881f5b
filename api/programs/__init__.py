"""The API of the extension programmes (programs): plans, reference data, proposals with their
budget, equipment and payments, and appraisal councils."""
