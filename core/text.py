"""Text helpers for Vietnamese: what is stored, how names are searched, how they sort.

- `clean_text`: what every text a user sends becomes before it is stored — Unicode NFC (one code
  point for "ễ", whatever the keyboard or the phone sent), without zero-width and control
  characters (an invisible U+200B would make "Kẹo dừa" and "Kẹo​ dừa" two different names).
- `same_name_key`: the form in which two names are the same name (case, spacing and invisible
  characters do not count; marks do).
- `fold`: the form names are searched in — no marks, đ as d, case folded, spaces collapsed — so
  "keo dua", "KẸO DỪA" and a decomposed "kẹo dừa" all find "Kẹo dừa".
- `sort_key`: a key of digits that sorts names in Vietnamese dictionary order whatever the
  database's collation.
"""

import re
import unicodedata

# Line breaks a multi-line text keeps (as "\n") and tabs; everything else of category Cc
# (controls) or Cf (format: zero-width space and joiners, BOM, soft hyphen, bidi controls) goes.
_KEPT_IN_MULTILINE = {"\n", "\t"}
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")
_SPACES = re.compile(r"\s+")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """`value` in NFC without zero-width and control characters. A single-line value has its
    line breaks and tabs turned into spaces; a multi-line one keeps them (as "\\n").

    The invisible characters go before composing: a zero-width space between a letter and its
    decomposed mark ("e", U+200B, U+0323) would otherwise keep them apart, and the stored text
    would not be NFC (nor the same name as "ẹ")."""
    kept = []
    for char in _LINE_BREAKS.sub("\n", value):
        if char in _KEPT_IN_MULTILINE:
            kept.append(char if multiline else " ")
        elif unicodedata.category(char) not in ("Cc", "Cf"):
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def same_name_key(text: str) -> str:
    """The form in which two names are the same name: NFC, case folded, spaces collapsed,
    invisible characters gone — but marks kept, since they tell words apart: "Kẹo dừa" (coconut
    candy) and "Kẹo dứa" (pineapple candy) are two products."""
    return _SPACES.sub(" ", clean_text(text or "").casefold()).strip()


def fold(text: str) -> str:
    """The searchable form of a name: NFC, marks removed, đ → d, case folded, spaces collapsed.
    "Đồ da Thành Công" → "do da thanh cong"."""
    decomposed = unicodedata.normalize("NFD", clean_text(text or "", multiline=True))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = bare.replace("đ", "d").replace("Đ", "d")
    return _SPACES.sub(" ", bare.casefold()).strip()


# The Vietnamese alphabet in dictionary order; ă, â, đ, ê, ô, ơ, ư are letters of their own.
ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
# Tone marks, in the order dictionaries list them (level, grave, hook, tilde, acute, dot below).
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# Every character is three digits, all starting with 1 or more, so the "0" that ends the letters
# sorts a name before every longer name it begins ("An" < "An Bình" < "Anh").
_SEPARATOR = "0"


def sort_key(text: str) -> str:
    """A key that sorts Vietnamese names in dictionary order whatever the database's collation.

    Letters compare first by the Vietnamese alphabet (a < ă < â < b …, d < đ), then by tone,
    so "Đồng Tháp" sorts after "Dĩ An" instead of after "Yên Bái" as code points would put it:
    three digits per character (space 100, digits 110–119, letters 200–228, anything else
    900–999), "0", then one tone digit per character. Only digits, so every collation orders
    the keys alike; the letters come first, so a key cut to its column's length (see
    core.models.DerivedFieldsMixin) still sorts by the letters it keeps. Equal keys are ordered
    by the row's id.
    """
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", clean_text(text or "").casefold()):
        decomposed = unicodedata.normalize("NFD", char)
        tone = next((_TONES[mark] for mark in decomposed if mark in _TONES), "0")
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONES))
        if base in _LETTER_RANK:
            letters.append(f"{200 + _LETTER_RANK[base]}")
        elif base.isspace():
            letters.append("100")
        elif len(base) == 1 and "0" <= base <= "9":
            letters.append(f"11{base}")
        else:
            letters.append(f"9{sum(map(ord, base)) % 100:02d}")
        tones.append(tone)
    return f"{''.join(letters)}{_SEPARATOR}{''.join(tones)}"
