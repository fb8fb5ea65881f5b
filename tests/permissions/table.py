"""The permission matrix: for every endpoint and method, the exact answer each persona gets.

One row per (endpoint, method): the URL name as in config.urls, then the nine personas.

    anon   not signed in
    appl   `applicant`, a member of the facility that owns the object the row acts on
    other  `other_applicant`, a member of another facility
    judge  a judge assigned the entry the row acts on (a member of its panel)
    ojdg   `other_judge`, a judge on no panel of the row's round, assigned nothing
    chair  `chair`, a judge who chairs the panel of the row's entry
    offi(cer), mana(ger), admin

Before judging (rows of endpoints that know no panel) the three judges are alike.

What the answers mean:

    401    the API without credentials (TokenAuthentication comes first, so DRF answers 401 with
           `WWW-Authenticate: Token`, not 403)
    LOGIN  a page without a session: 302 to the login page (?next=…)
    404    the object exists but the persona may not see it: its existence is not revealed (the
           querysets of queries.py, the pages' round_for/entry_for)
    403    the persona may not do this: it sees the object, or the check comes before the
           object is looked up (a role check in a DRF permission class's has_permission)
    302    a page done (a valid form saved, then a redirect), or sending the persona to the
           page meant for its role (an applicant's facility list is its home page)
    200, 201, 204  allowed: the row's body (targets.py) is valid for the persona it is for

What each row acts on (the draft round, the complete draft entry…) is in targets.OBJECTS and
the world it comes from in world.py.

A later issue adds its endpoints here: one row per method, the object in targets.OBJECTS, a
body in targets.BODIES for a state-changing method, and the objects in world.py. Where an answer
looks wrong today, the row holds today's answer with a `# FINDING:` comment: whoever fixes the
product flips the value.
"""

from typing import NamedTuple

LOGIN = "LOGIN"

PERSONAS = (
    "anonymous",
    "applicant",
    "other_applicant",
    "judge",
    "other_judge",
    "chair",
    "officer",
    "manager",
    "admin",
)


class Row(NamedTuple):
    endpoint: str
    method: str
    anonymous: int | str
    applicant: int | str
    other_applicant: int | str
    judge: int | str
    other_judge: int | str
    chair: int | str
    officer: int | str
    manager: int | str
    admin: int | str

    def expected(self) -> dict[str, int | str]:
        return {persona: getattr(self, persona) for persona in PERSONAS}


# fmt: off
API = [
    #   endpoint                            method     anon  appl other judge  ojdg chair  offi  mana admin
    Row("api:api-root",                         "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    # Everyone exchanges their own credentials (anonymous: the applicant's) for a token.
    Row("api:token",                            "POST",     200,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:me",                               "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    # Accounts: officers (judges and applicants) and administrators (any role).
    Row("api:user-list",                        "GET",      401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:user-list",                        "POST",     401,   403,   403,   403,   403,   403,   201,   403,   201),
    Row("api:user-detail",                      "GET",      401,   403,   403,   403,   403,   403,   200,   403,   200),
    # Administrative units: public (the self-registration page needs them).
    Row("api:province-list",                    "GET",      200,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:ward-list",                        "GET",      200,   200,   200,   200,   200,   200,   200,   200,   200),
    # Facilities: the applicant's own; staff see all; officers and admins edit; admins delete.
    Row("api:facility-list",                    "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:facility-list",                    "POST",     401,   201,   201,   403,   403,   403,   201,   403,   201),
    Row("api:facility-detail",                  "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("api:facility-detail",                  "PUT",      401,   200,   404,   404,   404,   404,   200,   403,   200),
    Row("api:facility-detail",                  "PATCH",    401,   200,   404,   404,   404,   404,   200,   403,   200),
    Row("api:facility-detail",                  "DELETE",   401,   403,   404,   404,   404,   404,   403,   403,   204),
    # Product groups and criteria templates: staff read templates, officers and admins write.
    Row("api:product-group-list",               "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:criteria-template-list",           "GET",      401,   403,   403,   403,   403,   403,   200,   200,   200),
    Row("api:criteria-template-list",           "POST",     401,   403,   403,   403,   403,   403,   201,   403,   201),
    Row("api:criteria-template-detail",         "GET",      401,   403,   403,   403,   403,   403,   200,   200,   200),
    Row("api:criteria-template-detail",         "PUT",      401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:criteria-template-detail",         "PATCH",    401,   403,   403,   403,   403,   403,   200,   403,   200),
    # Rounds. The detail rows act on a draft round, which only staff see; the role check of
    # a change comes first (403 for any id), a transition looks the round up first (404).
    Row("api:round-list",                       "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:round-list",                       "POST",     401,   403,   403,   403,   403,   403,   201,   403,   201),
    Row("api:round-detail",                     "GET",      401,   404,   404,   404,   404,   404,   200,   200,   200),
    Row("api:round-detail",                     "PUT",      401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:round-detail",                     "PATCH",    401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:round-detail",                     "DELETE",   401,   403,   403,   403,   403,   403,   204,   403,   204),
    Row("api:round-transition",                 "POST",     401,   404,   404,   404,   404,   404,   200,   403,   200),
    # The history of the round open for registration, which everyone signed in sees.
    Row("api:round-history",                    "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    # Entries: the facility's members register, edit and submit; staff read and screen.
    # Another facility's id in a registration is an invalid choice (400), as an unknown one.
    Row("api:entry-list",                       "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:entry-list",                       "POST",     401,   201,   400,   403,   403,   403,   403,   403,   403),
    Row("api:entry-detail",                     "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("api:entry-detail",                     "PUT",      401,   200,   404,   404,   404,   404,   403,   403,   403),
    Row("api:entry-detail",                     "PATCH",    401,   200,   404,   404,   404,   404,   403,   403,   403),
    Row("api:entry-history",                    "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    # Submitting the complete draft entry: the workflow lets only the facility's members.
    Row("api:entry-transition",                 "POST",     401,   200,   404,   404,   404,   404,   403,   403,   403),
    # Screening a submitted entry: the role check comes before the entry is looked up.
    Row("api:entry-screening",                  "POST",     401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:entry-bulk-transition",            "POST",     401,   403,   403,   403,   403,   403,   200,   403,   200),
    # The entry's dossier files.
    Row("api:entry-attachment-list",            "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("api:entry-attachment-list",            "POST",     401,   201,   404,   404,   404,   404,   403,   403,   403),
    Row("api:entry-attachment-detail",          "DELETE",   401,   204,   404,   404,   404,   404,   403,   403,   403),
    Row("api:entry-attachment-file",            "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("api:entry-attachment-thumbnail",       "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    # Notifications (issue 7)
    # Everyone signed in has their own; another's is not found. The row acts on the
    # applicant's notification.
    Row("api:notification-list",                "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:notification-read",                "POST",     401,   200,   404,   404,   404,   404,   404,   404,   404),
    Row("api:notification-read-all",            "POST",     401,   200,   200,   200,   200,   200,   200,   200,   200),
    # Judging (issue 8): scoring
    # The judge's own sheet (`sheet`): the judge reads, writes and submits it; the chair of its
    # panel reads it (without the points) and may not write or submit it; a judge on no panel
    # and applicants do not find it; staff read every sheet and write none (the service).
    Row("api:score-sheet-list",                 "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:score-sheet-detail",               "GET",      401,   404,   404,   200,   404,   200,   200,   200,   200),
    Row("api:score-sheet-detail",               "PUT",      401,   404,   404,   200,   404,   403,   403,   403,   403),
    Row("api:score-sheet-detail",               "PATCH",    401,   404,   404,   200,   404,   403,   403,   403,   403),
    Row("api:score-sheet-history",              "GET",      401,   404,   404,   200,   404,   200,   200,   200,   200),
    Row("api:score-sheet-transition",           "POST",     401,   404,   404,   200,   404,   403,   403,   403,   403),
    # The judging round's progress: staff and the panel's chair; judges 403; applicants do not
    # find a round in judging.
    Row("api:round-progress",                   "GET",      401,   404,   404,   403,   403,   200,   200,   200,   200),
    # Judging (issue 8): panels
    # Panels: staff read all, a judge the panels they sit on (the detail row: the screening
    # round's panel, which `judge` and `chair` sit on); officers and admins write.
    Row("api:panel-list",                       "GET",      401,   403,   403,   200,   200,   200,   200,   200,   200),
    Row("api:panel-list",                       "POST",     401,   403,   403,   403,   403,   403,   201,   403,   201),
    Row("api:panel-detail",                     "GET",      401,   403,   403,   200,   404,   200,   200,   200,   200),
    Row("api:panel-detail",                     "PUT",      401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:panel-detail",                     "PATCH",    401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:panel-detail",                     "DELETE",   401,   403,   403,   403,   403,   403,   204,   403,   204),
    # Declarations: a judge their own, staff all; only a judge seated on a panel of the round
    # declares (`other_judge` sits on none: the service refuses).
    Row("api:conflict-list",                    "GET",      401,   403,   403,   200,   200,   200,   200,   200,   200),
    Row("api:conflict-list",                    "POST",     401,   403,   403,   201,   403,   201,   403,   403,   403),
    # Assignments: staff read all, a chair their panel's (a member judge reads none of them:
    # their own sheets are the score sheets' endpoint); officers and admins add and remove.
    Row("api:assignment-list",                  "GET",      401,   403,   403,   200,   200,   200,   200,   200,   200),
    Row("api:assignment-list",                  "POST",     401,   403,   403,   403,   403,   403,   201,   403,   201),
    Row("api:assignment-detail",                "GET",      401,   403,   403,   404,   404,   200,   200,   200,   200),
    Row("api:assignment-detail",                "DELETE",   401,   403,   403,   403,   403,   403,   204,   403,   204),
    # Judging (issue 8): results
    # A deliberating round's results: staff and the panel's chair (without facilities); the
    # round is not public, so the others do not find it. Proposing and nominating: officers
    # and administrators (the role is checked before the round is looked up: 403).
    Row("api:round-results",                    "GET",      401,   404,   404,   404,   404,   200,   200,   200,   200),
    Row("api:round-recognition",                "POST",     401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:round-nominations",                "POST",     401,   403,   403,   403,   403,   403,   201,   403,   201),
    # Certificates: staff all, the applicant their facility's once published, others none.
    Row("api:certificate-list",                 "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:certificate-detail",               "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    # Issue 9: the official lists. A finalized round is not public (404 to whoever may not see
    # it); its chair downloads the recognised list without facilities; staff all.
    Row("api:round-export-recognized",          "GET",      401,   404,   404,   404,   404,   200,   200,   200,   200),
    Row("api:round-export-nominees",            "GET",      401,   404,   404,   404,   404,   200,   200,   200,   200),
    Row("api:round-export-scores",              "GET",      401,   404,   404,   404,   404,   200,   200,   200,   200),
    # The score sheets carry every judge's points: staff only (a chair is answered as for the
    # register of entries: the round's page is not theirs).
    Row("api:round-export-score-sheets",        "GET",      401,   404,   404,   404,   404,   404,   200,   200,   200),
    # The register of entries: staff only (a chair sees the round's results, not its entries).
    Row("api:round-export-entries",             "GET",      401,   404,   404,   404,   404,   404,   200,   200,   200),
    # The facility registry: staff only (the role is checked first: 403).
    Row("api:facility-export",                  "GET",      401,   403,   403,   403,   403,   403,   200,   200,   200),
    # Issue 9: background exports. The officer's job: the officer and the other staff.
    Row("api:export-job",                       "GET",      401,   404,   404,   404,   404,   404,   200,   200,   200),
    Row("api:export-job-file",                  "GET",      401,   404,   404,   404,   404,   404,   200,   200,   200),
    # Issue 10: extension programmes
    # Activities and support rules are reference data: everyone signed in reads them (a facility
    # reads the rates it applies under); officers and administrators keep them (role first: 403).
    Row("api:activity-list",                    "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:activity-list",                    "POST",     401,   403,   403,   403,   403,   403,   201,   403,   201),
    Row("api:activity-detail",                  "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:activity-detail",                  "PUT",      401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:activity-detail",                  "PATCH",    401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:support-rule-list",                "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:support-rule-list",                "POST",     401,   403,   403,   403,   403,   403,   201,   403,   201),
    Row("api:support-rule-detail",              "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:support-rule-detail",              "PUT",      401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:support-rule-detail",              "PATCH",    401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:support-rule-detail",              "DELETE",   401,   403,   403,   403,   403,   403,   204,   403,   204),
    # Plans (the detail rows: the plan being drawn up). Staff see every plan, applicants the
    # plans taking proposals, judges none (404); officers and administrators write (role
    # first: 403); a manager (or an administrator) approves, the workflow refuses the others.
    Row("api:plan-list",                        "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:plan-list",                        "POST",     401,   403,   403,   403,   403,   403,   201,   403,   201),
    Row("api:plan-detail",                      "GET",      401,   200,   200,   404,   404,   404,   200,   200,   200),
    Row("api:plan-detail",                      "PUT",      401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:plan-detail",                      "PATCH",    401,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("api:plan-history",                     "GET",      401,   200,   200,   404,   404,   404,   200,   200,   200),
    Row("api:plan-transition",                  "POST",     401,   403,   403,   404,   404,   404,   403,   200,   200),
    # Proposals (the detail rows: `facility`'s complete draft). Staff see all, an applicant its
    # facilities' (another's is not found). A member or an officer draws one up (another
    # facility as beneficiary is an invalid choice: 400), changes and deletes the draft and
    # submits it; a manager sees it and may do none of that (the services and the workflow).
    Row("api:proposal-list",                    "GET",      401,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("api:proposal-list",                    "POST",     401,   201,   400,   403,   403,   403,   201,   403,   201),
    Row("api:proposal-detail",                  "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("api:proposal-detail",                  "PUT",      401,   200,   404,   404,   404,   404,   200,   403,   200),
    Row("api:proposal-detail",                  "PATCH",    401,   200,   404,   404,   404,   404,   200,   403,   200),
    Row("api:proposal-detail",                  "DELETE",   401,   204,   404,   404,   404,   404,   204,   403,   204),
    Row("api:proposal-history",                 "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("api:proposal-transition",              "POST",     401,   200,   404,   404,   404,   404,   200,   403,   200),
    # The support limit: whoever sees the proposal computes it (the POST saves nothing).
    Row("api:proposal-support-limit",           "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("api:proposal-support-limit",           "POST",     401,   200,   404,   404,   404,   404,   200,   200,   200),
    # The draft's budget lines and equipment: read by whoever sees it, written by its facility
    # or an officer while it is editable (a manager: 403).
    Row("api:proposal-budget-line-list",        "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("api:proposal-budget-line-list",        "POST",     401,   201,   404,   404,   404,   404,   201,   403,   201),
    Row("api:proposal-budget-line-detail",      "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("api:proposal-budget-line-detail",      "PUT",      401,   200,   404,   404,   404,   404,   200,   403,   200),
    Row("api:proposal-budget-line-detail",      "PATCH",    401,   200,   404,   404,   404,   404,   200,   403,   200),
    Row("api:proposal-budget-line-detail",      "DELETE",   401,   204,   404,   404,   404,   404,   204,   403,   204),
    Row("api:proposal-equipment-item-list",     "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("api:proposal-equipment-item-list",     "POST",     401,   201,   404,   404,   404,   404,   201,   403,   201),
    Row("api:proposal-equipment-item-detail",   "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("api:proposal-equipment-item-detail",   "PUT",      401,   200,   404,   404,   404,   404,   200,   403,   200),
    Row("api:proposal-equipment-item-detail",   "PATCH",    401,   200,   404,   404,   404,   404,   200,   403,   200),
    Row("api:proposal-equipment-item-detail",   "DELETE",   401,   204,   404,   404,   404,   404,   204,   403,   204),
    # Checking an item of a proposal in progress: the center's officers (the facility sees it).
    Row("api:proposal-equipment-item-acceptance", "POST",   401,   403,   404,   404,   404,   404,   200,   403,   200),
    # Payments of a contracted proposal: read by whoever sees it, recorded by officers.
    Row("api:proposal-payment-list",            "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("api:proposal-payment-list",            "POST",     401,   403,   404,   404,   404,   404,   201,   403,   201),
    # The proposal's documents: who sees the draft lists and downloads them; its facility and
    # the officers add and remove its dossier files while it is editable (a manager does not).
    Row("api:proposal-attachment-list",         "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("api:proposal-attachment-list",         "POST",     401,   201,   404,   404,   404,   404,   201,   403,   201),
    Row("api:proposal-attachment-detail",       "DELETE",   401,   204,   404,   404,   404,   404,   204,   403,   204),
    Row("api:proposal-attachment-file",         "GET",      401,   200,   404,   404,   404,   404,   200,   200,   200),
    # A plan's lists: staff only. The plan being drawn up is seen by the facilities (403: the
    # role comes next); judges see no plan (404).
    Row("api:plan-export-proposals",            "GET",      401,   403,   403,   404,   404,   404,   200,   200,   200),
    Row("api:plan-export-equipment",            "GET",      401,   403,   403,   404,   404,   404,   200,   200,   200),
    Row("api:plan-export-payments",             "GET",      401,   403,   403,   404,   404,   404,   200,   200,   200),
    # Appraisal councils (the detail rows: `council`, chaired by `chair`, `judge` a member, the
    # officer its secretary). A facility never learns one exists (404); staff see all, a judge
    # the councils they sit on; officers and administrators set up and conclude; a member
    # other than the secretary gives opinions (the secretary and other staff: 403).
    Row("api:appraisal-list",                   "GET",      401,   404,   404,   200,   200,   200,   200,   200,   200),
    Row("api:appraisal-list",                   "POST",     401,   404,   404,   403,   403,   403,   201,   403,   201),
    Row("api:appraisal-detail",                 "GET",      401,   404,   404,   200,   404,   200,   200,   200,   200),
    Row("api:appraisal-opinions",               "GET",      401,   404,   404,   200,   404,   200,   200,   200,   200),
    Row("api:appraisal-opinions",               "POST",     401,   404,   404,   200,   404,   200,   403,   403,   403),
    Row("api:appraisal-conclude",               "POST",     401,   404,   404,   403,   404,   403,   200,   403,   200),
]

PAGES = [
    #   endpoint                            method     anon  appl other judge  ojdg chair  offi  mana admin
    Row("home",                                 "GET",      200,   200,   200,   200,   200,   200,   200,   200,   200),
    # Self-registration is for visitors; anyone signed in is sent home.
    Row("register",                             "GET",      200,   302,   302,   302,   302,   302,   302,   302,   302),
    Row("register",                             "POST",     302,   302,   302,   302,   302,   302,   302,   302,   302),
    # Facilities. Applicants have their facilities on their home page (302 home).
    Row("applicants:list",                      "GET",    LOGIN,   302,   302,   403,   403,   403,   200,   200,   200),
    Row("applicants:create",                    "GET",    LOGIN,   200,   200,   403,   403,   403,   200,   403,   200),
    Row("applicants:create",                    "POST",   LOGIN,   302,   302,   403,   403,   403,   302,   403,   302),
    Row("applicants:ward-options",              "GET",      200,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("applicants:detail",                    "GET",    LOGIN,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("applicants:edit",                      "GET",    LOGIN,   200,   404,   404,   404,   404,   200,   403,   200),
    Row("applicants:edit",                      "POST",   LOGIN,   302,   404,   404,   404,   404,   302,   403,   302),
    # Rounds: the staff's list (applicants are sent to the open rounds), the draft round's
    # pages (404 to whoever may not see a draft).
    Row("awards:round-list",                    "GET",    LOGIN,   302,   302,   403,   403,   403,   200,   200,   200),
    Row("awards:open-rounds",                   "GET",    LOGIN,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("awards:round-create",                  "GET",    LOGIN,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("awards:round-create",                  "POST",   LOGIN,   403,   403,   403,   403,   403,   302,   403,   302),
    Row("awards:round-detail",                  "GET",    LOGIN,   404,   404,   404,   404,   404,   200,   200,   200),
    Row("awards:round-edit",                    "GET",    LOGIN,   404,   404,   404,   404,   404,   200,   403,   200),
    Row("awards:round-edit",                    "POST",   LOGIN,   404,   404,   404,   404,   404,   302,   403,   302),
    Row("awards:round-transition",              "POST",   LOGIN,   404,   404,   404,   404,   404,   302,   403,   302),
    # The round open for registration: applicants register; staff list and screen entries.
    Row("awards:entry-register",                "GET",    LOGIN,   200,   200,   403,   403,   403,   403,   403,   403),
    # Another facility's id is not among the sender's choices: the form answers again (200).
    Row("awards:entry-register",                "POST",   LOGIN,   302,   200,   403,   403,   403,   403,   403,   403),
    Row("awards:round-entries",                 "GET",    LOGIN,   403,   403,   403,   403,   403,   200,   200,   200),
    # Opened directly, the bulk address leads back to the list (which then decides).
    Row("awards:entries-bulk",                  "GET",    LOGIN,   302,   302,   302,   302,   302,   302,   302,   302),
    Row("awards:entries-bulk",                  "POST",   LOGIN,   403,   403,   403,   403,   403,   302,   403,   302),
    # Criteria templates: staff read them, officers and admins write them.
    Row("awards:template-list",                 "GET",    LOGIN,   403,   403,   403,   403,   403,   200,   200,   200),
    Row("awards:template-create",               "GET",    LOGIN,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("awards:template-create",               "POST",   LOGIN,   403,   403,   403,   403,   403,   302,   403,   302),
    Row("awards:template-edit",                 "GET",    LOGIN,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("awards:template-edit",                 "POST",   LOGIN,   403,   403,   403,   403,   403,   302,   403,   302),
    # Entries: the facility's pages (staff read them; they are sent to the rounds' list from
    # "my entries"), the officer's screening page of a submitted entry.
    Row("awards:my-entries",                    "GET",    LOGIN,   200,   200,   403,   403,   403,   302,   302,   302),
    Row("awards:entry-detail",                  "GET",    LOGIN,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("awards:entry-update",                  "POST",   LOGIN,   302,   404,   404,   404,   404,   403,   403,   403),
    Row("awards:entry-upload",                  "POST",   LOGIN,   302,   404,   404,   404,   404,   403,   403,   403),
    Row("awards:entry-submit",                  "POST",   LOGIN,   302,   404,   404,   404,   404,   403,   403,   403),
    Row("awards:entry-withdraw",                "GET",    LOGIN,   200,   404,   404,   404,   404,   200,   403,   200),
    Row("awards:entry-withdraw",                "POST",   LOGIN,   302,   404,   404,   404,   404,   302,   403,   302),
    Row("awards:entry-screening",               "GET",    LOGIN,   403,   404,   404,   404,   404,   200,   403,   200),
    Row("awards:entry-screening",               "POST",   LOGIN,   403,   404,   404,   404,   404,   302,   403,   302),
    Row("awards:entry-attachment-delete",       "POST",   LOGIN,   302,   404,   404,   404,   404,   403,   403,   403),
    Row("awards:attachment-download",           "GET",    LOGIN,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("awards:attachment-thumbnail",          "GET",    LOGIN,   200,   404,   404,   404,   404,   200,   200,   200),
    # Accounts (django.contrib.auth's views, with the site's forms). Django's form views
    # answer PUT as a POST without data: the form again.
    Row("login",                                "GET",      200,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("login",                                "POST",     302,   302,   302,   302,   302,   302,   302,   302,   302),
    Row("login",                                "PUT",      200,   200,   200,   200,   200,   200,   200,   200,   200),
    # Logging out leads to the login page, for everyone.
    Row("logout",                               "POST",   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    Row("password_change",                      "GET",    LOGIN,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("password_change",                      "POST",   LOGIN,   302,   302,   302,   302,   302,   302,   302,   302),
    Row("password_change",                      "PUT",    LOGIN,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("password_change_done",                 "GET",    LOGIN,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("password_reset",                       "GET",      200,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("password_reset",                       "POST",     302,   302,   302,   302,   302,   302,   302,   302,   302),
    Row("password_reset",                       "PUT",      200,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("password_reset_done",                  "GET",      200,   200,   200,   200,   200,   200,   200,   200,   200),
    # A valid reset link works for whoever holds it: it moves its token into the session.
    Row("password_reset_confirm",               "GET",      302,   302,   302,   302,   302,   302,   302,   302,   302),
    Row("password_reset_confirm",               "POST",     302,   302,   302,   302,   302,   302,   302,   302,   302),
    Row("password_reset_confirm",               "PUT",      302,   302,   302,   302,   302,   302,   302,   302,   302),
    Row("password_reset_complete",              "GET",      200,   200,   200,   200,   200,   200,   200,   200,   200),
    # Printable forms (issue 7): Mẫu 01 and Mẫu 02 of the entry, a page and a .docx each, for
    # whoever sees the entry (its facility's members and staff; judges see entries by code only).
    Row("awards:entry-mau-01",                  "GET",    LOGIN,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("awards:entry-mau-01-docx",             "GET",    LOGIN,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("awards:entry-mau-02",                  "GET",    LOGIN,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("awards:entry-mau-02-docx",             "GET",    LOGIN,   200,   404,   404,   404,   404,   200,   200,   200),
    # Notifications (issue 7)
    # Everyone signed in has their own list and preferences; opening or marking read another's
    # notification is not found. The rows act on the applicant's notification.
    Row("notifications:list",                   "GET",    LOGIN,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("notifications:read-all",               "POST",   LOGIN,   302,   302,   302,   302,   302,   302,   302,   302),
    Row("notifications:preferences",            "GET",    LOGIN,   200,   200,   200,   200,   200,   200,   200,   200),
    Row("notifications:preferences",            "POST",   LOGIN,   302,   302,   302,   302,   302,   302,   302,   302),
    Row("notifications:open",                   "POST",   LOGIN,   302,   404,   404,   404,   404,   404,   404,   404),
    Row("notifications:read",                   "POST",   LOGIN,   302,   404,   404,   404,   404,   404,   404,   404),
    # Entry page (issue 7): the description's draft, saved as the facility types (its status
    # fragment); only the facility's members, as the description's save.
    Row("awards:entry-autosave",                "POST",   LOGIN,   200,   404,   404,   404,   404,   403,   403,   403),
    # Judging (issue 8): scoring
    # The progress page: staff and the panel's chair. Reopening the submitted `sheet`: an
    # officer or administrator, or the chair (their own step); a manager may not.
    Row("awards:round-progress",                "GET",    LOGIN,   404,   404,   403,   403,   200,   200,   200,   200),
    Row("awards:sheet-reopen",                  "POST",   LOGIN,   404,   404,   403,   403,   302,   302,   403,   302),
    # Judging (issue 8): panels
    # The round's panels: staff read, officers and admins set up (the judging round is seen
    # by staff only: 404 to the others). The declaration: a judge seated in the round.
    Row("awards:panel-list",                    "GET",    LOGIN,   404,   404,   404,   404,   404,   200,   200,   200),
    Row("awards:panel-create",                  "GET",    LOGIN,   404,   404,   404,   404,   404,   200,   403,   200),
    Row("awards:panel-create",                  "POST",   LOGIN,   404,   404,   404,   404,   404,   302,   403,   302),
    Row("awards:panel-detail",                  "GET",    LOGIN,   404,   404,   404,   404,   404,   200,   200,   200),
    Row("awards:panel-edit",                    "GET",    LOGIN,   404,   404,   404,   404,   404,   200,   403,   200),
    Row("awards:panel-edit",                    "POST",   LOGIN,   404,   404,   404,   404,   404,   302,   403,   302),
    Row("awards:panel-delete",                  "POST",   LOGIN,   404,   404,   404,   404,   404,   302,   403,   302),
    Row("awards:assignment-add",                "POST",   LOGIN,   404,   404,   404,   404,   404,   302,   403,   302),
    Row("awards:assignment-remove",             "POST",   LOGIN,   404,   404,   404,   404,   404,   302,   403,   302),
    Row("awards:judging-declaration",           "GET",    LOGIN,   403,   403,   200,   404,   200,   403,   403,   403),
    Row("awards:judging-declaration",           "POST",   LOGIN,   403,   403,   302,   404,   302,   403,   403,   403),
    # Judging (issue 8): results
    # The results page of a deliberating round (the chair without facilities); the officer's
    # proposal; the nominations of the finalized round (which the chair still reads: 403).
    Row("awards:round-results",                 "GET",    LOGIN,   404,   404,   404,   404,   200,   200,   200,   200),
    Row("awards:round-recognition",             "POST",   LOGIN,   404,   404,   404,   404,   403,   302,   403,   302),
    Row("awards:round-nominations",             "POST",   LOGIN,   404,   404,   404,   404,   403,   302,   403,   302),
    # Judging (issue 8): judgepages
    # The judge's pages: judges only (a role check first: 403 for everyone else). A round, a
    # sheet or a panel the judge has no seat for is not found. The sheet page is its judge's
    # (and the panel's secretary's); the panel page its chair's (and secretary's): a member of
    # the panel is refused it. The POST of the sheet saves a draft (the scoring service).
    Row("awards:judging",                       "GET",    LOGIN,   403,   403,   200,   200,   200,   403,   403,   403),
    Row("awards:judging-round",                 "GET",    LOGIN,   403,   403,   200,   404,   200,   403,   403,   403),
    Row("awards:judging-sheet",                 "GET",    LOGIN,   403,   403,   200,   404,   404,   403,   403,   403),
    Row("awards:judging-sheet",                 "POST",   LOGIN,   403,   403,   302,   404,   404,   403,   403,   403),
    Row("awards:judging-panel",                 "GET",    LOGIN,   403,   403,   403,   404,   200,   403,   403,   403),
    Row("awards:judging-panel",                 "POST",   LOGIN,   403,   403,   403,   404,   302,   403,   403,   403),
    # Issue 9: the official lists, as the API answers them.
    Row("awards:round-export-recognized",       "GET",    LOGIN,   404,   404,   404,   404,   200,   200,   200,   200),
    Row("awards:round-export-nominees",         "GET",    LOGIN,   404,   404,   404,   404,   200,   200,   200,   200),
    Row("awards:round-export-scores",           "GET",    LOGIN,   404,   404,   404,   404,   200,   200,   200,   200),
    Row("awards:round-export-score-sheets",     "GET",    LOGIN,   404,   404,   404,   404,   404,   200,   200,   200),
    Row("awards:round-export-entries",          "GET",    LOGIN,   404,   404,   404,   404,   404,   200,   200,   200),
    Row("applicants:export",                    "GET",    LOGIN,   403,   403,   403,   403,   403,   200,   200,   200),
    # Issue 9: background exports (the officer's job).
    Row("export-job",                           "GET",    LOGIN,   404,   404,   404,   404,   404,   200,   200,   200),
    Row("export-job-file",                      "GET",    LOGIN,   404,   404,   404,   404,   404,   200,   200,   200),
    Row("export-job-retry",                     "POST",   LOGIN,   404,   404,   404,   404,   404,   302,   302,   302),
    # Issue 10: extension programmes (pages)
    # Proposals: staff list every one, a facility its own (judges: 403). A member or an officer
    # applies (another facility as beneficiary is not among the choices: the form again, 200);
    # a manager may not. The detail rows act on `facility`'s complete draft: a judge or another
    # facility does not see it (404); its facility and officers edit it and compute the support
    # as typed (the fragment: 200), a manager reads it only (403).
    Row("programs:proposal-list",               "GET",    LOGIN,   200,   200,   403,   403,   403,   200,   200,   200),
    Row("programs:proposal-create",             "GET",    LOGIN,   200,   200,   403,   403,   403,   200,   403,   200),
    Row("programs:proposal-create",             "POST",   LOGIN,   302,   200,   403,   403,   403,   302,   403,   302),
    Row("programs:proposal-detail",             "GET",    LOGIN,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("programs:proposal-edit",               "GET",    LOGIN,   200,   404,   404,   404,   404,   200,   403,   200),
    Row("programs:proposal-edit",               "POST",   LOGIN,   302,   404,   404,   404,   404,   302,   403,   302),
    # The proposal's documents on its page: as in the API.
    Row("programs:proposal-document-upload",    "POST",   LOGIN,   302,   404,   404,   404,   404,   302,   403,   302),
    Row("programs:proposal-document-download",  "GET",    LOGIN,   200,   404,   404,   404,   404,   200,   200,   200),
    Row("programs:proposal-document-delete",    "POST",   LOGIN,   302,   404,   404,   404,   404,   302,   403,   302),
    Row("programs:proposal-support",            "POST",   LOGIN,   200,   404,   404,   404,   404,   200,   403,   200),
    # Submitting the draft: its facility or an officer (the workflow refuses a manager: 403).
    Row("programs:proposal-transition",         "POST",   LOGIN,   302,   404,   404,   404,   404,   302,   403,   302),
    # Payments of the contracted proposal and the check of an item of the one in progress: the
    # center's officers; its facility and a manager see the proposal and may not (403).
    Row("programs:payment-create",              "POST",   LOGIN,   403,   404,   404,   404,   404,   302,   403,   302),
    Row("programs:item-check",                  "POST",   LOGIN,   403,   404,   404,   404,   404,   302,   403,   302),
    # Plans are the staff's pages: the list refuses the others (403); the plan being drawn up
    # is not found by them (a facility applies to it without seeing its page). A manager or an
    # administrator approves it; the workflow refuses an officer (403).
    Row("programs:plan-list",                   "GET",    LOGIN,   403,   403,   403,   403,   403,   200,   200,   200),
    Row("programs:plan-detail",                 "GET",    LOGIN,   404,   404,   404,   404,   404,   200,   200,   200),
    # Its lists, downloaded from the plan page: staff only, answered as the API answers (the
    # facilities see the plan taking proposals: 403).
    Row("programs:plan-export-proposals",       "GET",    LOGIN,   403,   403,   404,   404,   404,   200,   200,   200),
    Row("programs:plan-export-equipment",       "GET",    LOGIN,   403,   403,   404,   404,   404,   200,   200,   200),
    Row("programs:plan-export-payments",        "GET",    LOGIN,   403,   403,   404,   404,   404,   200,   200,   200),
    Row("programs:plan-transition",             "POST",   LOGIN,   404,   404,   404,   404,   404,   403,   302,   302),
    # `council`: staff and its members see it (a facility and `other_judge`: 404). A member
    # other than the secretary (`officer`) gives an opinion, other staff may not (403); officers
    # and administrators conclude, its members who are judges may not (403).
    Row("programs:council-detail",              "GET",    LOGIN,   404,   404,   200,   404,   200,   200,   200,   200),
    Row("programs:opinion-save",                "POST",   LOGIN,   404,   404,   302,   404,   302,   403,   403,   403),
    Row("programs:council-conclude",            "POST",   LOGIN,   404,   404,   403,   404,   403,   302,   403,   302),
    # A council is set up from the plan's page by officers and administrators (a manager sees
    # the plan and may not: 403; the others do not see the plan page: 404), and they add the
    # plan's proposals under appraisal on the council's page (its members who are judges see
    # it and may not: 403).
    Row("programs:council-create",              "GET",    LOGIN,   404,   404,   404,   404,   404,   200,   403,   200),
    Row("programs:council-create",              "POST",   LOGIN,   404,   404,   404,   404,   404,   302,   403,   302),
    Row("programs:council-add-proposals",       "POST",   LOGIN,   404,   404,   403,   404,   403,   302,   403,   302),
    # The support rules (`support_rule`): the staff read them; officers and administrators
    # add, change and delete them (a manager: 403); facilities and judges are refused (403).
    Row("programs:rule-list",                   "GET",    LOGIN,   403,   403,   403,   403,   403,   200,   200,   200),
    Row("programs:rule-create",                 "GET",    LOGIN,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("programs:rule-create",                 "POST",   LOGIN,   403,   403,   403,   403,   403,   302,   403,   302),
    Row("programs:rule-edit",                   "GET",    LOGIN,   403,   403,   403,   403,   403,   200,   403,   200),
    Row("programs:rule-edit",                   "POST",   LOGIN,   403,   403,   403,   403,   403,   302,   403,   302),
    Row("programs:rule-delete",                 "POST",   LOGIN,   403,   403,   403,   403,   403,   302,   403,   302),
]
# fmt: on

ROWS = API + PAGES
