"""Text helpers for Vietnamese."""

import unicodedata

# The Vietnamese alphabet in dictionary order; ă, â, đ, ê, ô, ơ, ư are letters of their own.
ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
# Tone marks, in the order dictionaries list them (level, grave, hook, tilde, acute, dot below).
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def sort_key(text: str) -> str:
    """A key that sorts Vietnamese names in dictionary order whatever the database's collation.

    Letters compare first by the Vietnamese alphabet (a < ă < â < b …, d < đ), then by tone,
    so "Đồng Tháp" sorts after "Dĩ An" instead of after "Yên Bái" as code points would put it.
    The text itself ends the key to keep the order total.
    """
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", text.casefold()):
        decomposed = unicodedata.normalize("NFD", char)
        tone = next((_TONES[mark] for mark in decomposed if mark in _TONES), "0")
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONES))
        if base in _LETTER_RANK:
            letters.append(f"{100 + _LETTER_RANK[base]}")
        elif base.isspace():
            letters.append("000")
        elif base.isdigit():
            letters.append(f"01{base}")
        else:
            letters.append(f"9{ord(base) % 100:02d}")
        tones.append(tone)
    return f"{''.join(letters)}|{''.join(tones)}|{text}"
