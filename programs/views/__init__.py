"""The programme pages: applying, the proposal's page and its steps, the lists, plans and
appraisal councils. Views parse, call one service (or core.workflow.transition) and render."""
