"""The analyser's own rules that the script table does not reach: the order of Korean
particles, joined words met twice, the stem cache's bound, and the shortest last word taken as
the start of longer ones."""

from translate_flow.text import search_tokens
from translate_flow.text.search_tokens import MIN_PREFIX, document_tokens, query_groups


def test_a_korean_word_loses_its_longest_particle():
    # 에서는 ends in 는 and in 에서는: the noun is what is left after the longest.
    assert "서울" in document_tokens("서울에서는 비가 온다", "ko")
    assert "서울에서" not in document_tokens("서울에서는 비가 온다", "ko")


def test_a_joined_word_gives_its_parts_even_after_its_letters_came_alone():
    tokens = document_tokens("lhomme puis l'homme", "fr")
    assert {"lhomme", "l", "homme"} <= set(tokens)


def test_the_stem_cache_is_emptied_when_full_and_gives_the_same_tokens(monkeypatch):
    monkeypatch.setattr(search_tokens, "STEM_CACHE_SIZE", 3)
    monkeypatch.setattr(search_tokens, "_STEM_TOKENS", {})
    text = "running runners ran runs running quickly"
    first = document_tokens(text, "en")
    # Checked as each document starts: the next one finds it full and starts afresh.
    assert document_tokens("ran quickly", "en") == ["ran", "en:ran", "quickly", "en:quick"]
    assert set(search_tokens._STEM_TOKENS["en"]) == {"ran", "quickly"}
    assert document_tokens(text, "en") == first
    assert "en:run" in first


def test_only_a_last_word_of_three_letters_or_more_is_also_a_start():
    def prefixes(query: str) -> set[str]:
        return {
            alternative.tokens[-1]
            for group in query_groups(query, ["en"])
            for alternative in group
            if alternative.prefix
        }

    assert MIN_PREFIX == 3
    assert prefixes("united sta") == {"sta"}
    assert prefixes("united st") == set()  # "st" begins thousands of words: looked for whole
    assert prefixes("20") == set()
    assert prefixes("서울") == set()
    assert prefixes("서울에") == {"서울에"}
