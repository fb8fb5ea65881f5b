"""The printable forms of a dossier, filled from what the facility typed: the registration form
(Mẫu 01) and the product description (Mẫu 02) of TT 26/2014/TT-BCT as amended by TT 14/2018.

Each form is built once as data (`Printout`: header, title, numbered items, enclosures, place and
date, signature) by mau01.py and mau02.py; the print page (awards/templates/awards/print_form.html)
and the .docx writer (docx.py) both render that data, so the two never disagree.

The forms are Vietnamese whatever the interface language: their wording is Vietnamese legal and
administrative text, kept here as constants, and the labels they borrow from the models are read
in Vietnamese (`translation.override("vi")` in `build`).
"""

from django.utils import translation

from awards.models import Entry
from awards.printouts import mau01, mau02
from awards.printouts.common import Printout

# The forms by the code their URLs and file names use.
FORMS = {"mau-01": mau01.build, "mau-02": mau02.build}


def build(code: str, entry: Entry) -> Printout:
    """The form `code` ("mau-01", "mau-02") of the entry, in Vietnamese."""
    with translation.override("vi"):
        return FORMS[code](entry)
