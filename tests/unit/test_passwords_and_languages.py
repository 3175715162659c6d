"""Password hashing and rules; languages with their names and direction."""

import re

import pytest

from translate_flow.core.errors import UnknownLanguage
from translate_flow.core.passwords import PasswordPolicy, Passwords, password_problem
from translate_flow.text.collation import collation_key
from translate_flow.text.languages import (
    TABLE_PATH,
    all_languages,
    base_languages_from_cldr,
    get_language,
    normalise_code,
    write_language_table,
)


def test_production_hash_is_argon2id_and_verifies():
    passwords = Passwords()
    stored = passwords.hash("a long enough password")
    assert stored.startswith("$argon2id$")
    assert "m=65536,t=3" in stored
    assert passwords.verify(stored, "a long enough password")
    assert not passwords.verify(stored, "a long enough passworD")
    assert not passwords.verify(None, "anything")
    assert not passwords.verify("not a hash", "anything")


def test_cheaper_old_hashes_are_flagged_for_rehash():
    old = Passwords(PasswordPolicy(time_cost=1, memory_cost_kib=64)).hash("pw pw pw pw")
    assert Passwords().needs_rehash(old)


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", "at least 10"),
        ("aaaaaaaaaaaa", "variety"),
        ("dorothy-phoenix-1", "name or e-mail"),
        ("x" * 1025, "at most"),
    ],
)
def test_weak_passwords_are_explained(password, problem):
    assert problem in (
        password_problem(password, email="dorothy@example.org", name="Dorothy Phoenix") or ""
    )


def test_good_password_has_no_problem():
    assert password_problem("correct horse battery", email="a@example.org", name="Ann") is None


@pytest.mark.parametrize(
    ("code", "name", "direction"),
    [
        ("ja", "Japanese", "ltr"),
        ("zh-Hant", "Chinese (Traditional)", "ltr"),
        ("ar", "Arabic", "rtl"),
        ("he", "Hebrew", "rtl"),
        ("fa", "Persian", "rtl"),
        ("ur", "Urdu", "rtl"),
        ("ru", "Russian", "ltr"),
        ("pt_BR", "Portuguese (Brazil)", "ltr"),
    ],
)
def test_languages_know_their_name_and_direction(code, name, direction):
    language = get_language(code)
    assert language.name == name
    assert language.direction == direction


def test_codes_are_normalised_to_bcp47_spelling():
    assert normalise_code(" PT_br ") == "pt-BR"
    assert get_language("AR").code == "ar"
    assert get_language("ja").label == "Japanese (日本語)"


@pytest.mark.parametrize("code", ["", "xx", "klingon", "ja-", "12"])
def test_unknown_languages_are_refused_with_a_message(code):
    with pytest.raises(UnknownLanguage, match="not a language code we know"):
        get_language(code)


def test_language_list_is_sorted_and_large():
    languages = all_languages()
    assert len(languages) > 200
    names = [language.name for language in languages]
    assert names == sorted(names, key=collation_key)


def test_the_stored_language_table_is_what_babel_says(tmp_path):
    """If a Babel upgrade changed a name, run `python -m translate_flow.text.languages`."""
    assert list(all_languages()) == sorted(
        base_languages_from_cldr(), key=lambda language: collation_key(language.name)
    )
    written = tmp_path / "language_table.py"
    write_language_table(written)
    made_from = re.compile(r"Made from Babel \S+ ")
    assert made_from.sub("", written.read_text(encoding="utf-8")) == made_from.sub(
        "", TABLE_PATH.read_text(encoding="utf-8")
    )


def test_a_regional_code_is_described_from_its_locale():
    assert get_language("pt-br").name == "Portuguese (Brazil)"
    assert get_language("ar-EG").direction == "rtl"
