"""Language codes between the desk (BCP 47) and the providers."""

import pytest

from translate_flow.machine.languages import (
    desk_code,
    from_google,
    from_iso639_3,
    to_deepl_source,
    to_deepl_target,
    to_google,
    to_iso639_3,
)


@pytest.mark.parametrize(
    ("apertium", "desk"),
    [
        ("spa", "es"),
        ("eng", "en"),
        ("eng_US", "en-US"),
        ("por_BR", "pt-BR"),
        ("hbs", "sr-Latn"),
        ("cat_valencia", "ca-valencia"),
        ("zho_Hant", "zh-Hant"),
        ("epo", "eo"),
    ],
)
def test_apertium_codes_read_as_desk_codes_and_back(apertium, desk):
    assert from_iso639_3(apertium) == desk
    assert to_iso639_3(desk) == apertium


@pytest.mark.parametrize(
    ("desk", "three"), [("de", "deu"), ("fr", "fra"), ("zh", "zho"), ("ar", "ara")]
)
def test_terminology_codes_are_preferred_over_bibliographic_ones(desk, three):
    assert to_iso639_3(desk) == three


@pytest.mark.parametrize(
    ("desk", "target"),
    [
        ("en", "EN-US"),
        ("en-GB", "EN-GB"),
        ("pt", "PT-PT"),
        ("pt-BR", "PT-BR"),
        ("zh-Hant", "ZH-HANT"),
        ("zh", "ZH-HANS"),
        ("de", "DE"),
    ],
)
def test_deepl_targets_name_a_variant_where_deepl_wants_one(desk, target):
    assert to_deepl_target(desk) == target


def test_deepl_falls_back_to_the_base_language_it_offers():
    assert to_deepl_target("es-MX", frozenset({"ES", "EN-US"})) == "ES"
    assert to_deepl_source("pt-BR") == "PT"


def test_google_spells_chinese_scripts_as_regions():
    assert to_google("zh-Hant") == "zh-TW"
    assert from_google("zh-CN") == "zh-Hans"
    assert from_google("iw") == "he"
    assert desk_code("EN-US") == "en-US"
