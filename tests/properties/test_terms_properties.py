"""Properties of term matching: a term set in any text is found exactly where it was put, and
hits never overlap, whatever the terms and the text."""

from itertools import pairwise

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from translate_flow.terms.folding import term_key
from translate_flow.terms.matcher import MatchableTerm, TermMatcher

_ANY = st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cn"))
_TEXT = st.text(alphabet=_ANY, max_size=60)
# A term's characters: no spaces or controls, and none that folding drops (Arabic vowel
# marks, the tatweel), which a span at the term's edge would leave outside it.
_TERM_CHAR = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Co", "Cn", "Cc", "Cf", "Zs", "Zl", "Zp")
).filter(lambda char: term_key(char) != "" and " " not in term_key(char))
_FLAGS = st.fixed_dictionaries({"case_sensitive": st.booleans(), "whole_word": st.booleans()})


@given(_TEXT, st.text(alphabet=_TERM_CHAR, min_size=1, max_size=12), _TEXT, _FLAGS)
@settings(max_examples=400)
def test_a_term_set_between_spaces_in_any_text_is_found_at_its_span(before, form, after, flags):
    assume(form == form.strip() and not form[0].isspace())
    text = f"{before} {form} {after}"
    start = len(before) + 1
    hits = TermMatcher([MatchableTerm(1, (form,), **flags)]).find(text)
    assert (start, start + len(form)) in [(hit.start, hit.end) for hit in hits]


_KANJI_KANA = "思いやり予算日米岸田文雄"
# Text around it that cannot make another occurrence overlapping it (no character that
# folds into one of the term's).
_OTHER = st.text(
    alphabet=_ANY.filter(lambda char: not set(term_key(char)) & set(_KANJI_KANA)), max_size=30
)


@given(_OTHER, st.text(alphabet=_KANJI_KANA, min_size=1, max_size=8), _OTHER, _FLAGS)
@settings(max_examples=300)
def test_a_japanese_term_is_found_at_its_span_with_no_spaces_around_it(before, form, after, flags):
    text = f"{before}{form}{after}"
    hits = TermMatcher([MatchableTerm(1, (form,), **flags)]).find(text)
    assert (len(before), len(before) + len(form)) in [(hit.start, hit.end) for hit in hits]


# Few letters, so that terms overlap, nest and repeat; full-width and case forms fold together.
_SMALL = st.sampled_from(list("abAＢ日本語 -"))


@given(
    st.lists(
        st.tuples(
            st.lists(st.text(alphabet=_SMALL, min_size=1, max_size=5), min_size=1, max_size=3),
            _FLAGS,
        ),
        min_size=1,
        max_size=8,
    ),
    st.text(alphabet=_SMALL, max_size=40),
)
@settings(max_examples=500)
def test_hits_never_overlap_and_each_is_one_of_its_terms_forms(terms, text):
    matchable = [
        MatchableTerm(number, tuple(forms), **flags)
        for number, (forms, flags) in enumerate(terms, start=1)
    ]
    hits = TermMatcher(matchable).find(text)
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(text)
        forms = matchable[hit.term_id - 1].forms
        assert hit.form in forms
        assert term_key(text[hit.start : hit.end]) == term_key(hit.form)
    for first, second in pairwise(hits):
        assert first.end <= second.start
