"""Schemathesis hooks for .ci/schemathesis: path parameters that name real objects.

Ids drawn at random name nothing, so every detail operation would only ever answer 404 and the
transitions, edits and files would go untested. For each persona the script writes, into
FUZZ_IDS, the ids of objects that persona can see, by the path they belong under
({"/api/v1/entries/{id}": [{"id": 7}, …], "/api/v1/entries/{entry_pk}/attachments/{id}":
[{"entry_pk": 7, "id": 31}, …]}); half of the generated cases use one of them, the other half
keep what Schemathesis drew (so unknown and odd ids are still tried).
"""

import json
import os

import schemathesis
from hypothesis import strategies as st

KNOWN = json.loads(os.environ.get("FUZZ_IDS", "{}"))


def _known_for(path: str) -> list[dict]:
    prefixes = sorted((p for p in KNOWN if path.startswith(p)), key=len, reverse=True)
    return KNOWN[prefixes[0]] if prefixes else []


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    known = _known_for(context.operation.path) if path_parameters else []
    if not known:
        return st.just(path_parameters)
    real = st.sampled_from(known).map(lambda ids: {**path_parameters, **ids})
    return st.one_of(st.just(path_parameters), real)
