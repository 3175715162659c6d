"""Finding terms in sources across scripts: substrings where words have no spaces, whole words
where they do, width, case and Arabic vowels aside, the longest of overlapping terms, and spans
in code points of the text as written."""

import pytest

from translate_flow.domain.models import Role, TermCategory
from translate_flow.terms.finding import terms_in
from translate_flow.terms.matcher import MatchableTerm, TermMatcher
from translate_flow.terms.operations import ForbiddenForm, TermInput, create_term


def found(terms: list[MatchableTerm], text: str) -> list[tuple[int, str]]:
    """(term id, the text found) for each hit, in order."""
    return [(hit.term_id, text[hit.start : hit.end]) for hit in TermMatcher(terms).find(text)]


def term(term_id: int, *forms: str, **flags: bool) -> MatchableTerm:
    return MatchableTerm(term_id, forms, **flags)


# --- Scripts without spaces: substrings ---------------------------------------------------


def test_a_japanese_term_is_found_inside_a_run_of_characters():
    text = "日米両政府は在日米軍駐留経費の負担、いわゆる思いやり予算を延長した。"
    assert found([term(1, "思いやり予算"), term(2, "日米")], text) == [
        (2, "日米"),
        (2, "日米"),  # in 在日米軍: no word boundaries in Japanese
        (1, "思いやり予算"),
    ]


def test_a_japanese_term_marked_whole_word_is_still_found_inside_a_run():
    # There are no spaces to bound a Japanese word; a whole-word rule would find nothing.
    assert found([term(1, "岸田", whole_word=True)], "岸田文雄首相は") == [(1, "岸田")]


def test_a_chinese_term_is_found_as_a_substring():
    text = "国务院总理李强在北京会见了来访的外国领导人。"
    assert found([term(1, "李强"), term(2, "国务院")], text) == [(2, "国务院"), (1, "李强")]


def test_a_thai_term_is_found_as_a_substring():
    assert found([term(1, "กรุงเทพ")], "ผู้ว่าราชการกรุงเทพมหานครกล่าวว่า") == [(1, "กรุงเทพ")]


def test_full_width_latin_inside_japanese_matches_a_half_width_term():
    text = "ＮＡＴＯ首脳会議に岸田首相が出席した。"
    assert found([term(1, "NATO")], text) == [(1, "ＮＡＴＯ")]


def test_a_full_width_term_matches_half_width_text_and_half_width_katakana():
    assert found([term(1, "ＮＡＴＯ")], "The NATO summit") == [(1, "NATO")]
    assert found([term(1, "ナトー")], "ﾅﾄｰ加盟国") == [(1, "ﾅﾄｰ")]


def test_a_latin_term_in_japanese_text_needs_no_spaces_around_it():
    # Kana and kanji bound a Latin word as spaces do; Latin letters around it still do not.
    assert found([term(1, "NATO")], "日本はNATOと協力する") == [(1, "NATO")]
    assert found([term(1, "NATO")], "日本はNATOSと協力する") == []
    assert found([term(1, "Uniqlo")], "ｶﾞUniqlo") == [(1, "Uniqlo")]


# --- Spaced scripts: whole words -----------------------------------------------------------


def test_a_german_term_is_not_found_inside_a_compound():
    text = "Die Bundestagswahl ist im Herbst; der Bundestag tagt morgen."
    hits = TermMatcher([term(1, "Bundestag")]).find(text)
    assert [(text[h.start : h.end], h.start) for h in hits] == [
        ("Bundestag", text.index("Bundestag tagt"))
    ]


def test_a_term_not_marked_whole_word_is_found_inside_a_compound():
    text = "Die Bundestagswahl ist im Herbst."
    assert found([term(1, "Bundestag", whole_word=False)], text) == [(1, "Bundestag")]


def test_punctuation_and_text_ends_bound_a_word():
    text = "Bundestag, (Bundestag) «Bundestag». Bundestag"
    assert len(found([term(1, "Bundestag")], text)) == 4


def test_a_word_with_a_combining_mark_after_it_is_not_a_whole_word():
    # "e" + COMBINING ACUTE is "é": the term "cafe" is not the word "café".
    assert found([term(1, "cafe")], "un cafe\u0301 noir") == []


# --- Arabic ---------------------------------------------------------------------------------


def test_an_arabic_name_matches_with_or_without_its_vowel_marks():
    plain, voweled = "محمد", "مُحَمَّد"
    text = f"قال {voweled} إن {plain} سيحضر"
    assert found([term(1, plain)], text) == [(1, voweled), (1, plain)]
    assert found([term(1, voweled)], text) == [(1, voweled), (1, plain)]


def test_an_arabic_word_stretched_with_tatweel_matches():
    assert found([term(1, "محمد")], "قال محـــمد") == [(1, "محـــمد")]


def test_an_arabic_term_is_a_whole_word():
    # "الكتاب" (the book) is not found inside "الكتابة" (the writing).
    assert found([term(1, "الكتاب")], "فن الكتابة") == []
    assert found([term(1, "الكتاب")], "قرأ الكتاب") == [(1, "الكتاب")]


# --- Case -----------------------------------------------------------------------------------


def test_case_does_not_count_unless_the_term_says_so():
    text = "The EU and the eu."
    assert found([term(1, "EU")], text) == [(1, "EU"), (1, "eu")]
    assert found([term(1, "EU", case_sensitive=True)], text) == [(1, "EU")]


def test_a_case_sensitive_term_tells_a_name_from_a_word():
    text = "Apple sold an apple."
    assert found([term(1, "Apple", case_sensitive=True)], text) == [(1, "Apple")]


def test_a_case_sensitive_term_still_folds_width():
    assert found([term(1, "NATO", case_sensitive=True)], "ＮＡＴＯ and nato") == [(1, "ＮＡＴＯ")]


def test_case_folding_handles_the_german_sharp_s():
    # casefold("Straße") is "strasse": the spelling with "ss" is one and the same word.
    assert found([term(1, "Straße")], "Die STRASSE ist lang") == [(1, "STRASSE")]


def test_a_case_sensitive_and_an_insensitive_term_with_one_spelling_are_told_apart():
    terms = [term(1, "Polish", case_sensitive=True), term(2, "polish", case_sensitive=True)]
    assert found(terms, "Polish shoe polish") == [(1, "Polish"), (2, "polish")]


# --- Variants, overlaps ------------------------------------------------------------------


def test_variant_forms_match_as_the_term():
    terms = [term(1, "host-nation support", "host nation support", "HNS")]
    text = "HNS, or host nation support, is also called host-nation support."
    assert found(terms, text) == [
        (1, "HNS"),
        (1, "host nation support"),
        (1, "host-nation support"),
    ]


def test_of_overlapping_terms_the_longest_wins():
    text = "The Liberal Democratic Party of Japan met."
    terms = [term(1, "Liberal Democratic Party"), term(2, "Democratic Party of Japan")]
    # 27 characters against 24: the longer is kept and the other, overlapping it, dropped.
    assert found(terms, text) == [(2, "Democratic Party of Japan")]


def test_a_nested_term_gives_way_to_the_term_around_it():
    text = "在日米軍駐留経費の負担"
    terms = [term(1, "在日米軍"), term(2, "在日米軍駐留経費"), term(3, "経費")]
    assert found(terms, text) == [(2, "在日米軍駐留経費")]


def test_terms_side_by_side_are_all_kept():
    terms = [term(1, "Tokyo"), term(2, "Stock Exchange"), term(3, "Tokyo Stock Exchange")]
    assert found(terms, "Tokyo, Stock Exchange") == [(1, "Tokyo"), (2, "Stock Exchange")]
    assert found(terms, "the Tokyo Stock Exchange") == [(3, "Tokyo Stock Exchange")]


def test_of_equal_overlapping_terms_the_earliest_wins():
    assert found([term(1, "ab cd"), term(2, "cd ef")], "ab cd ef") == [(1, "ab cd")]


def test_of_two_terms_with_one_form_the_first_is_reported_once():
    # The operations refuse a duplicate source, but a variant of one may be another's source.
    terms = [term(2, "HNS"), term(1, "host-nation support", "HNS")]
    assert found(terms, "HNS funds") == [(1, "HNS")]


def test_a_term_whose_variant_equals_its_source_is_reported_once():
    assert found([term(1, "Kishida", "KISHIDA")], "Kishida") == [(1, "Kishida")]


def test_no_terms_and_empty_text_find_nothing():
    assert TermMatcher([]).find("anything") == []
    assert TermMatcher([term(1, "x")]).find("") == []
    assert TermMatcher([term(1, "   ")]).find("   ") == []


# --- Spans ------------------------------------------------------------------------------


@pytest.mark.parametrize("before", ["🙂 ", "𠮷野家の", "👩‍👩‍👧 ", "ｶﾞ", "ﬁ "])
def test_spans_are_code_points_of_the_text_as_written(before):
    text = f"{before}NATO首脳会議"
    (hit,) = TermMatcher([term(1, "NATO")]).find(text)
    assert (hit.start, hit.end) == (len(before), len(before) + 4)
    assert text[hit.start : hit.end] == "NATO"


def test_a_span_covers_every_character_that_folded_into_the_term():
    # "ﬁ" (one code point) folds to "fi": the term "fish" starts inside the ligature.
    text = "ﬁsh market"
    (hit,) = TermMatcher([term(1, "fish", whole_word=False)]).find(text)
    assert (hit.start, hit.end) == (0, 3)


def test_a_span_after_an_astral_character_in_japanese():
    text = "𠮷野家の思いやり予算"
    (hit,) = TermMatcher([term(1, "思いやり予算")]).find(text)
    assert (hit.start, hit.end) == (4, 10)


# --- Through the database: what a found term offers the translation ---------------------


@pytest.fixture
def coordinator(make_user, session):
    return session.merge(make_user(Role.COORDINATOR))


def test_a_do_not_translate_term_offers_its_source_form(session, coordinator):
    create_term(
        session,
        coordinator,
        TermInput("ja", "en", "Uniqlo", do_not_translate=True, category=TermCategory.ORGANISATION),
    )
    (hit,) = terms_in(session, "ja", "en", "ユニクロとUniqloは同じ")
    assert hit.preferred == "Uniqlo"
    assert hit.allowed == ("Uniqlo",)
    assert hit.as_json()["flags"]["do_not_translate"] is True
    assert hit.as_json()["preferred"] == "Uniqlo"


def test_a_found_term_exposes_its_targets_and_forbidden_forms(session, coordinator):
    create_term(
        session,
        coordinator,
        TermInput(
            "ja",
            "en",
            "思いやり予算",
            targets=["host-nation support", "HNS"],
            forbidden=[ForbiddenForm("sympathy budget", "a press nickname")],
            note="The government's own English name",
        ),
    )
    text = "いわゆる思いやり予算"
    (hit,) = terms_in(session, "ja", "en", text)
    assert (hit.start, hit.end, hit.found) == (4, 10, "思いやり予算")
    assert hit.preferred == "host-nation support"
    assert hit.allowed == ("host-nation support", "HNS")
    assert hit.as_json()["forbidden"] == [{"form": "sympathy budget", "reason": "a press nickname"}]
    assert hit.as_json()["note"] == "The government's own English name"


def test_a_regional_pair_uses_the_base_languages_terms(session, coordinator):
    create_term(session, coordinator, TermInput("es", "en", "Congreso", targets=["Congress"]))
    assert [hit.preferred for hit in terms_in(session, "es-AR", "en-GB", "El Congreso")] == [
        "Congress"
    ]
    assert terms_in(session, "es", "fr", "El Congreso") == []
