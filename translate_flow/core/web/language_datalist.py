"""The language-code suggestions that every form with a language field offers."""

from functools import cache

from markupsafe import Markup

from translate_flow.text.languages import all_languages


@cache
def language_datalist() -> Markup:
    """`<datalist id="language-codes">` with all 331 languages, written once per process: the
    list never changes while the app runs, and rendering it took about a millisecond of every
    article list, article form and outlet form."""
    option = Markup('<option value="{}">{}</option>')
    options = Markup("").join(
        option.format(language.code, language.label) for language in all_languages()
    )
    return Markup('<datalist id="language-codes">{}</datalist>').format(options)
