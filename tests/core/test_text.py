"""core.text on tricky inputs: what is stored (clean_text), when two names are the same
(same_name_key), how names are searched (fold) and how they sort (sort_key)."""

import unicodedata

import pytest

from core.text import clean_text, fold, same_name_key, sort_key


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


KEO_DUA = "Kẹo dừa"
# Each of the invisible characters clean_text removes.
INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "byte-order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "bell (a control character)": "\x07",
    "escape (a control character)": "\x1b",
    "delete (a control character)": "\x7f",
    "right-to-left mark": "\u200f",
}


# ---- clean_text ---------------------------------------------------------------------------


def test_clean_text_composes_a_decomposed_name():
    decomposed = nfd(KEO_DUA)
    assert len(decomposed) == 10  # "ẹ" and "ừ" are three code points each

    cleaned = clean_text(decomposed)

    assert cleaned == KEO_DUA
    assert len(cleaned) == 7
    assert unicodedata.is_normalized("NFC", cleaned)


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_clean_text_removes_an_invisible_character(char):
    assert clean_text(f"Kẹo{char} dừa{char}") == KEO_DUA


def test_clean_text_of_only_invisible_characters_is_empty():
    assert clean_text("".join(INVISIBLE.values())) == ""


def test_clean_text_keeps_line_breaks_and_tabs_of_a_multiline_text_as_newlines():
    text = "Kẹo dừa\r\nBánh tráng\rBánh pía\u2028Nem\u2029Chả\x85Giò\tlụa"

    assert clean_text(text, multiline=True) == "Kẹo dừa\nBánh tráng\nBánh pía\nNem\nChả\nGiò\tlụa"


def test_clean_text_turns_line_breaks_and_tabs_of_a_single_line_into_spaces():
    assert clean_text("Ấp 3\r\nxã Phú Hưng\tVĩnh Long") == "Ấp 3 xã Phú Hưng Vĩnh Long"


def test_clean_text_keeps_ordinary_spaces_and_punctuation():
    text = "Cơ sở  Đồ da (Thành Công), 35.000 đ/hộp – 100%"

    assert clean_text(text) == text


def test_clean_text_composes_a_mark_that_an_invisible_character_kept_apart():
    """A zero-width space between a decomposed letter and its mark: once it is gone, the mark
    composes with the letter ("e" + U+0323 is "ẹ"), so the stored name is NFC."""
    cleaned = clean_text("Ke\u200b\u0323o du\u031b\u200b\u0300a")

    assert cleaned == KEO_DUA
    assert unicodedata.is_normalized("NFC", cleaned)


# ---- same_name_key ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        KEO_DUA,
        nfd(KEO_DUA),
        "Kẹo\u200b dừa",
        "Kẹo dừa\ufeff",
        "KẸO DỪA",
        "kẹo dừa",
        "  Kẹo   dừa  ",
        "Kẹo\tdừa",
        "Ke\u200b\u0323o dừa",
    ],
    ids=["same", "decomposed", "zwsp", "bom", "upper", "lower", "spaces", "tab", "zwsp in nfd"],
)
def test_same_name_key_is_equal_for_variants_of_one_name(variant):
    assert same_name_key(variant) == "kẹo dừa"


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Kẹo dừa", "Kẹo dứa"),  # coconut candy, pineapple candy
        ("Kẹo dừa", "Keo dua"),
        ("Đồ da", "Do da"),
        ("Bánh pía", "Bánh pịa"),
    ],
)
def test_same_name_key_keeps_the_marks_that_tell_words_apart(name, other):
    assert same_name_key(name) != same_name_key(other)


def test_same_name_key_casefolds_sharp_s():
    assert same_name_key("STRASSE") == same_name_key("Straße") == "strasse"


def test_same_name_key_of_nothing_is_empty():
    assert same_name_key("") == ""
    assert same_name_key(None) == ""


# ---- fold ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    ["Kẹo dừa", "keo dua", "KẸO DỪA", "Kẹo Dừa", nfd("kẹo dừa"), "Kẹo\u200b  dừa\u00ad"],
    ids=["nfc", "bare", "upper", "title", "decomposed", "invisible and spaces"],
)
def test_fold_of_every_spelling_of_keo_dua(variant):
    assert fold(variant) == "keo dua"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đồ da Thành Công", "do da thanh cong"),
        ("đồ da", "do da"),
        ("ĐỒ DA", "do da"),
        (nfd("Đồ da"), "do da"),
        ("ăâêôơư ĂÂÊÔƠƯ", "aaeoou aaeoou"),
        ("Straße", "strasse"),
        ("ﬃ", "ffi"),
        ("Bánh pía\r\nsầu riêng", "banh pia sau rieng"),
        ("  ", ""),
        ("\u200b\u2060", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_of_nothing_is_empty():
    assert fold(None) == ""


# ---- sort_key -----------------------------------------------------------------------------


def in_order(names):
    return sorted(names, key=sort_key)


def test_sort_key_orders_tones_as_dictionaries_do():
    # Level, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot below (nặng).
    tones = ["a", "à", "ả", "ã", "á", "ạ"]
    assert sorted(tones) != tones  # code points would put á before ã

    assert in_order(reversed(tones)) == tones
    assert in_order(nfd(t) for t in reversed(tones)) == [nfd(t) for t in tones]


def test_sort_key_orders_the_vietnamese_alphabet():
    # ă, â, đ, ê, ô, ơ and ư are letters of their own, right after a, a, d, e, o, o, u.
    letters = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
    assert sorted(letters) != letters

    assert in_order(reversed(letters)) == letters


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Anh", "Ăn"),
        ("Ăn", "Ân"),
        ("Ân", "Ba"),
        ("Dương", "Đà"),
        ("Dũng", "Đa"),  # the letter comes before the tone
        ("Em", "Êm"),
        ("On", "Ôn"),
        ("Ôn", "Ơn"),
        ("Uy", "Ưa"),
        ("Ưu", "Va"),
    ],
)
def test_sort_key_letter_pairs(first, second):
    assert sort_key(first) < sort_key(second)


def test_sort_key_uppercase_and_lowercase_sort_together():
    assert sort_key("ĐÔNG HẢI") == sort_key("Đông Hải") == sort_key(nfd("đông hải"))


def test_sort_key_puts_digits_before_letters():
    names = ["Ấp 2", "Ấp 10", "Ấp Bắc", "Ấp 1"]

    assert in_order(names) == ["Ấp 1", "Ấp 10", "Ấp 2", "Ấp Bắc"]


def test_sort_key_puts_a_shorter_name_before_a_longer_one_it_begins():
    names = ["Anh", "An Bình", "An", "Ánh", "A"]

    assert in_order(names) == ["A", "An", "An Bình", "Anh", "Ánh"]


def test_sort_key_example_differs_from_code_point_and_casefold_order():
    expected = ["Anh Thư", "Ấp Bắc", "Dương Minh", "Đông Hải"]
    assert sorted(expected) == ["Anh Thư", "Dương Minh", "Đông Hải", "Ấp Bắc"]
    assert sorted(expected, key=str.casefold) == ["Anh Thư", "Dương Minh", "Đông Hải", "Ấp Bắc"]

    assert in_order(reversed(expected)) == expected


def test_sort_key_is_digits_only_so_every_collation_agrees():
    key = sort_key("Cơ sở Đồ da (Thành Công) – 35.000 đ, ß, ﬃ, 漢")

    assert key.isdigit()
    assert key.isascii()


def test_sort_key_ignores_invisible_characters():
    assert sort_key("Kẹo\u200b dừa\u00ad") == sort_key("Kẹo dừa")


def test_sort_key_length_is_four_digits_per_character_plus_one():
    assert len(sort_key("ễ" * 255)) == 255 * 4 + 1
    assert len(sort_key("")) == 1


def test_sort_key_cut_to_its_letters_still_sorts_by_them():
    """A key cut to a column's length keeps the letters (three digits each) first, so two long
    names still sort by their first letters."""
    first, second = "A" * 300 + "b", "A" * 300 + "c"
    cut = 300 * 3 + 3

    assert sort_key(first)[:cut] < sort_key(second)[:cut]
