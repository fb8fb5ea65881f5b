"""Extension programmes (app `programs`): yearly plans, proposals (đề án khuyến công) through
appraisal, approval, contract, payments, acceptance and settlement, support rules as dated
data, and equipment-support projects (domain.md §3).

Empty for now: it is the next capability on the roadmap (shared/roadmap.md, item 2) and sits
in the layout from the start so that apps, URLs and tests keep one shape.
"""
