"""Every change to plans, rules and proposals, one function per operation. State changes are
transitions (programs/workflows.py); these functions write what the transitions read."""
