"""Untranslated text: the source copied, or a run of its script left in the target."""

from translate_flow.checks.base import CheckContext, Severity
from translate_flow.checks.untranslated import UntranslatedCheck
from translate_flow.terms.finding import FoundTerm

CHECK = UntranslatedCheck()


def run(source: str, target: str, pair: tuple[str, str] = ("ja", "en"), terms=None):  # type: ignore[no-untyped-def]
    context = CheckContext(*pair, terms=terms)
    if not CHECK.applies(source, target, context):
        return []
    return CHECK.check(source, target, context)


def test_a_japanese_source_copied_into_english_is_an_error() -> None:
    [finding] = run("岸田首相は述べた。", "岸田首相は述べた。")
    assert finding.severity is Severity.ERROR


def test_a_copy_with_other_tags_and_spacing_is_still_a_copy() -> None:
    assert len(run("{1}岸田首相{/1}は述べた。", "岸田首相は  述べた。")) == 1


def test_a_spanish_sentence_copied_is_a_warning_but_a_name_is_not() -> None:
    [finding] = run("El gobierno estudia cortes.", "El gobierno estudia cortes.", ("es", "en"))
    assert finding.severity is Severity.WARNING
    assert run("Buenos Aires", "Buenos Aires", ("es", "en")) == []
    assert run("Twitter", "Twitter", ("es", "en")) == []


def test_same_language_and_text_without_letters_say_nothing() -> None:
    assert run("2024年", "2024年", ("ja", "ja")) == []
    assert run("1.500", "1.500", ("es", "en")) == []
    assert run("—", "—", ("ja", "en")) == []


def test_kana_or_kanji_left_in_english_is_flagged_with_its_span() -> None:
    target = "He spoke in 東京 at a press conference."
    [finding] = run("東京で会見した。", target)
    assert [target[s.start : s.end] for s in finding.target_spans] == ["東京"]
    assert finding.severity is Severity.WARNING


def test_a_katakana_name_with_its_dot_is_one_run() -> None:
    target = "Then ドナルド・トランプ spoke."
    [finding] = run("ドナルド・トランプ氏が話した。", target)
    assert [target[s.start : s.end] for s in finding.target_spans] == ["ドナルド・トランプ"]


def test_hangul_and_cyrillic_left_in_english_are_flagged() -> None:
    assert len(run("서울에서 회의가 열렸다.", "A meeting was held in 서울.", ("ko", "en"))) == 1
    assert len(run("Путин сказал.", "Путин said.", ("ru", "en"))) == 1


def test_a_short_gloss_in_brackets_or_quotes_is_allowed() -> None:
    assert run("令和元年に始まった。", "It began in the first year of Reiwa (令和).") == []
    assert run("可愛いと言った。", "She called it “可愛い”, cute.") == []
    assert run("可愛いと言った。", "She called it 「可愛い」.") == []


def test_a_long_run_in_brackets_is_still_flagged() -> None:
    assert len(run("会見した。", "He said (首相官邸で記者団に述べた).")) == 1


def test_a_do_not_translate_term_in_the_source_script_is_allowed() -> None:
    term = FoundTerm(1, "朝日新聞", "朝日新聞", 0, 4, (), (), "", "org", False, True, True)
    assert run("朝日新聞が報じた。", "The 朝日新聞 reported.", terms=[term]) == []


def test_latin_names_in_a_russian_target_are_not_runs() -> None:
    assert run("Twitter anunció cambios.", "Twitter объявил изменения.", ("es", "ru")) == []


def test_a_japanese_target_may_keep_kanji_of_a_chinese_source() -> None:
    assert run("东京举行会议。", "東京で会議が開かれた。", ("zh", "ja")) == []
