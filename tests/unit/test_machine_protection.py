"""Placeholders, URLs, addresses and handles travel as tokens and come back as they were."""

import pytest

from translate_flow.machine.protection import BRACES, BRACKETS, XML, protect, restore

SOURCE = (
    "Hola {1}mundo{/1}, visita https://example.com/a_(b). Escribe a ana@example.org, "
    "@periodista o @ana@mastodon.social.{3/}Fin \\{2} & <b>"
)


@pytest.mark.parametrize("style", [BRACES, BRACKETS, XML], ids=lambda style: style.name)
def test_every_protected_thing_becomes_a_token_and_comes_back(style):
    protected = protect(SOURCE, style)
    assert protected.spans == (
        "{1}",
        "{/1}",
        "https://example.com/a_(b)",
        "ana@example.org",
        "@periodista",
        "@ana@mastodon.social",
        "{3/}",
        "\\{2}",
    )
    tokens = [int(match.group(1)) for match in style.pattern.finditer(protected.text)]
    assert tokens == list(range(len(protected.spans)))
    assert "http" not in protected.text
    assert "@" not in protected.text
    restored = restore(protected.text, protected, style)
    assert restored.text == SOURCE
    assert restored.missing == ()


def test_a_full_stop_after_a_url_is_not_part_of_it():
    assert protect("Ver https://example.com/nota.", BRACES).spans == ("https://example.com/nota",)


def test_text_that_looks_like_a_token_travels_as_one():
    protected = protect("El [X0X] y {12345} quedan", BRACKETS)
    assert protected.spans == ("[X0X]",)
    assert (
        restore("The [X0X] and {12345} stay", protected, BRACKETS).text
        == "The [X0X] and {12345} stay"
    )


def test_tokens_the_engine_spaced_or_lowercased_are_still_found():
    protected = protect("Lee {1}esto{/1}", BRACKETS)
    assert restore("Read [ x0X]this[X1 X]", protected, BRACKETS).text == "Read {1}this{/1}"


def test_a_dropped_token_is_appended_and_reported():
    protected = protect("Lee {1}esto{/1} en https://example.com", BRACES)
    restored = restore("Read {0}this in {2}", protected, BRACES)
    assert restored.text == "Read {1}this in https://example.com {/1}"
    assert restored.missing == ("{/1}",)


def test_a_token_the_engine_invented_is_removed():
    protected = protect("Lee {1}esto{/1}", BRACES)
    assert restore("Read {0}this{1}{9}", protected, BRACES).text == "Read {1}this{/1}"


def test_xml_style_escapes_the_text_between_tokens():
    protected = protect("A & B < C {1}", XML)
    assert protected.text == 'A &amp; B &lt; C <x id="0"/>'
    assert restore('A &amp; B &lt; C <x id="0"></x>', protected, XML).text == "A & B < C {1}"


def test_a_text_of_only_protected_things_has_nothing_to_translate():
    assert not protect("https://example.com {1}", BRACES).has_words
    assert protect("Hola https://example.com", BRACES).has_words
