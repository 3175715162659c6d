"""One table of queries × documents in many scripts, run on SQLite and PostgreSQL with the same
expected answers: both index the same analyser tokens (`text.search_tokens`)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from translate_flow.core.full_text import search_problem, search_query
from translate_flow.core.indexed_languages import article_languages
from translate_flow.domain.models import Article, Publication
from translate_flow.intake.article_list import ArticleFilters, filtered, search_of
from translate_flow.publishing import public_site
from translate_flow.text.search_tokens import document_tokens, query_groups

# key: (language, title, body)
DOCS = {
    "en": ("en", "Elections in the United States", "Voters were running to the polling stations."),
    "de": ("de", "Die Straße nach Köln", "Der Stadtrat beschloss neue Nachtbusse für die Städte."),
    "fr": ("fr", "L'école ferme ses portes", "Les élèves changent de quartier à Paris."),
    "es": ("es", "La sequía en el sur", "Los embalses llegan al verano con poca agua."),
    "vi": ("vi", "Việt Nam tăng trưởng kinh tế", "Hà Nội công bố kế hoạch mới."),
    "tr": ("tr", "İstanbul'da seçim", "Istanbul ve Ankara'da ışıklar yandı."),
    "pl": ("pl", "Łódź i Gdańsk", "Władze miasta ogłosiły nowy plan."),
    "ru": ("ru", "Москва закрывает станции", "Жители Москвы недовольны ремонтом. Ёлка стоит."),
    "uk": ("uk", "Київ готується до зими", "Українські енергетики працюють."),
    "el": ("el", "ΟΔΥΣΣΕΥΣ ΚΑΙ ΑΘΗΝΑ", "Ο Οδυσσέας επέστρεψε στην Ιθάκη."),
    "ar": ("ar", "الانتخابات في مِصْرَ", "أعلنت الحكومةُ المصريةُ عن خطةٍ جديدة للمدرسة"),
    "ar2": ("ar", "الكـــتاب الجديد", "إسلام و أحمد في القاهرة"),
    "fa": ("fa", "کتاب فارسی یک", "می‌خواهم به ایران بروم"),
    "he": ("he", "שָׁלוֹם עֲלֵיכֶם", "צה״ל הודיע על תרגיל בירושלים"),
    "hi": ("hi", "भारत में हिन्दी समाचार", "दिल्ली में नई योजना की घोषणा हुई।"),
    "bn": ("bn", "বাংলাদেশের নির্বাচন", "ঢাকায় ভোট গ্রহণ শুরু হয়েছে।"),
    "ta": ("ta", "தமிழ்நாடு அரசு", "சென்னையில் மழை பெய்தது."),
    "hy": ("hy", "Հայաստանի ընտրություններ", "Երևանում քվեարկությունը սկսվեց։"),
    "ka": ("ka", "საქართველოს არჩევნები", "თბილისში ხმის მიცემა დაიწყო."),
    "zh": ("zh", "中华人民共和国成立", "北京举行了庆祝活动，习近平出席。"),
    "zh2": ("zh", "台湾选举", "民进党赢得了多数席位。"),
    "ja": (
        "ja",
        "岸田首相が記者会見",
        "東京で２０２４年の選挙について話した。カタカナのニュース。",
    ),
    "ja2": ("ja", "京都の秋", "紅葉を見に行きましょう。"),
    "ko": ("ko", "서울에서 열린 회의", "대통령은 국회를 방문했다."),
    "th": ("th", "ประเทศไทยมีประชากร", "กรุงเทพมหานครเป็นเมืองหลวง"),
    "lo": ("lo", "ສະບາຍດີປະເທດລາວ", "ວຽງຈັນເປັນນະຄອນຫຼວງ"),
    "km": ("km", "ព្រះរាជាណាចក្រកម្ពុជា", "ភ្នំពេញជារាជធានី"),
    "my": ("my", "မြန်မာနိုင်ငံသည်", "ရန်ကုန်မြို့တွင်ရှိသည်"),
}

# query → the documents it finds. Every case runs on both databases.
CASES: list[tuple[str, set[str]]] = [
    # English: stems, case, prefix of the last word
    ("elections", {"en"}),
    ("election", {"en"}),
    ("ELECTIONS", {"en"}),
    ("elect", {"en"}),
    ("run", {"en"}),
    ("running", {"en"}),
    ("voter", {"en"}),
    ("polling station", {"en"}),
    ("united states", {"en"}),
    ("states united", {"en"}),
    ("elections tsunami", set()),
    ("tsunami", set()),
    ("Vot", {"en"}),
    # A last word of two letters is a word, not the start of thousands: "vo" finds no "voter"
    ("vo", set()),
    ("stations.", {"en"}),
    # German: ß and ss, umlauts folded, stems
    ("Straße", {"de"}),
    ("strasse", {"de"}),
    ("STRASSE", {"de"}),
    ("Köln", {"de"}),
    ("koln", {"de"}),
    ("Stadt", {"de"}),
    ("nachtbus", {"de"}),
    ("Städte", {"de"}),
    ("stadte", {"de"}),
    # French: elision, accents
    ("école", {"fr"}),
    ("ecole", {"fr"}),
    ("l'école", {"fr"}),
    ("lecole", {"fr"}),
    ("élève", {"fr"}),
    ("eleves", {"fr"}),
    ("ÉCOLE", {"fr"}),
    ("paris", {"fr"}),
    # Spanish
    ("sequía", {"es"}),
    ("sequia", {"es"}),
    ("embalse", {"es"}),
    ("EMBALSES", {"es"}),
    ("verano agua", {"es"}),
    ("agua", {"es"}),
    # Vietnamese: diacritics folded
    ("Việt Nam", {"vi"}),
    ("viet nam", {"vi"}),
    ("Ha Noi", {"vi"}),
    ("hà nội", {"vi"}),
    ("kinh te", {"vi"}),
    ("tăng trưởng", {"vi"}),
    # Turkish: dotted and dotless i all fold to i
    ("istanbul", {"tr"}),
    ("İSTANBUL", {"tr"}),
    ("ISTANBUL", {"tr"}),
    ("ışıklar", {"tr"}),
    ("isiklar", {"tr"}),
    ("ankara", {"tr"}),
    # Polish: ł and ń
    ("Łódź", {"pl"}),
    ("lodz", {"pl"}),
    ("gdansk", {"pl"}),
    ("wladze", {"pl"}),
    # Russian: another case, ё
    ("Москва", {"ru"}),
    ("москвы", {"ru"}),
    ("МОСКВЕ", {"ru"}),
    ("Москву", {"ru"}),
    ("станция", {"ru"}),
    ("ёлка", {"ru"}),
    ("елка", {"ru"}),
    ("ремонт", {"ru"}),
    ("жители", {"ru"}),
    # Ukrainian (no stemmer: exact words and prefixes)
    ("Київ", {"uk"}),
    ("київ", {"uk"}),
    ("зими", {"uk"}),
    ("українські", {"uk"}),
    # Greek: capitals, final sigma, tonos
    ("Οδυσσευς", {"el"}),
    ("ΟΔΥΣΣΕΥΣ", {"el"}),
    ("οδυσσεύς", {"el"}),
    ("Αθηνα", {"el"}),
    ("Ιθακη", {"el"}),
    ("ιθάκη", {"el"}),
    ("αθήνα", {"el"}),
    # Arabic: without vowel marks, alef forms, tatweel, teh marbuta, stems
    ("مصر", {"ar"}),
    ("مِصْرَ", {"ar"}),
    ("الانتخابات", {"ar"}),
    ("الحكومة", {"ar"}),
    ("الحكومه", {"ar"}),
    ("المدرسة", {"ar"}),
    ("اعلنت", {"ar"}),
    ("أعلنت", {"ar"}),
    ("الكتاب", {"ar2"}),
    ("كتاب", {"ar2", "fa"}),
    ("اسلام", {"ar2"}),
    ("احمد", {"ar2"}),
    ("القاهرة", {"ar2"}),
    # Persian: yeh and kaf either way, ZWNJ or not
    ("کتاب", {"ar2", "fa"}),
    ("فارسی", {"fa"}),
    ("فارسي", {"fa"}),
    ("یک", {"fa"}),
    ("يك", {"fa"}),
    ("می‌خواهم", {"fa"}),
    ("میخواهم", {"fa"}),
    ("ایران", {"fa"}),
    # Hebrew: without points, gershayim
    ("שלום", {"he"}),
    ("שָׁלוֹם", {"he"}),
    ("עליכם", {"he"}),
    ("צה״ל", {"he"}),
    ('צה"ל', {"he"}),
    ("צהל", {"he"}),
    ("בירושלים", {"he"}),
    ("תרגיל", {"he"}),
    # Hindi and Bengali, with their marks
    ("हिन्दी", {"hi"}),
    ("समाचार", {"hi"}),
    ("दिल्ली", {"hi"}),
    ("योजना", {"hi"}),
    ("भारत", {"hi"}),
    ("বাংলাদেশের", {"bn"}),
    ("ঢাকায়", {"bn"}),
    ("নির্বাচন", {"bn"}),
    # Tamil, Armenian, Georgian
    ("தமிழ்நாடு", {"ta"}),
    ("சென்னையில்", {"ta"}),
    ("Հայաստանի", {"hy"}),
    ("Երևանում", {"hy"}),
    ("საქართველოს", {"ka"}),
    ("თბილისში", {"ka"}),
    # Chinese: any word by its characters, simplified
    ("中华", {"zh"}),
    ("人民", {"zh"}),
    ("共和国", {"zh"}),
    ("北京", {"zh"}),
    ("习近平", {"zh"}),
    ("庆祝", {"zh"}),
    ("选举", {"zh2"}),
    ("選挙", {"ja"}),
    ("民进党", {"zh2"}),
    ("台湾", {"zh2"}),
    ("北京 台湾", set()),
    ("国", {"zh"}),
    ("党", {"zh2"}),
    # Japanese: kana and kanji, full-width and half-width digits and kana
    ("岸田", {"ja"}),
    ("岸田首相", {"ja"}),
    ("記者会見", {"ja"}),
    ("東京", {"ja"}),
    ("２０２４年", {"ja"}),
    ("2024年", {"ja"}),
    ("2024", {"ja"}),
    ("カタカナ", {"ja"}),
    ("ｶﾀｶﾅ", {"ja"}),
    ("ニュース", {"ja"}),
    ("京都", {"ja2"}),
    ("紅葉", {"ja2"}),
    ("見に行き", {"ja2"}),
    ("東京 紅葉", set()),
    # Korean: with and without particles
    ("서울", {"ko"}),
    ("서울에서", {"ko"}),
    ("서울은", {"ko"}),
    ("대통령", {"ko"}),
    ("대통령이", {"ko"}),
    ("국회", {"ko"}),
    ("국회를", {"ko"}),
    ("회의", {"ko"}),
    # Thai, Lao, Khmer, Myanmar: dictionary words
    ("ประเทศไทย", {"th"}),
    ("ประชากร", {"th"}),
    ("กรุงเทพมหานคร", {"th"}),
    ("เมืองหลวง", {"th"}),
    ("ສະບາຍດີ", {"lo"}),
    ("ລາວ", {"lo"}),
    ("ព្រះរាជាណាចក្រ", {"km"}),
    ("កម្ពុជា", {"km"}),
    ("မြန်မာနိုင်ငံ", {"my"}),
    # Mixed scripts, and nothing at all to search
    ("Москва 岸田", set()),
    ("Kyoto", set()),
    ("!!!", set()),
    ("🙂🙂", set()),
    ("— … ¿?", set()),
    ('"OR" NOT * (', set()),
]


def _insert_documents(app) -> dict[int, str]:  # type: ignore[no-untyped-def]
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        session.execute(delete(Article))
        rows = {
            key: Article(title=title, search_text=body, source_language=language)
            for key, (language, title, body) in DOCS.items()
        }
        session.add_all(rows.values())
        session.flush()
        return {article.id: key for key, article in rows.items()}


def _found(app, keys: dict[int, str], query: str) -> set[str]:  # type: ignore[no-untyped-def]
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        statement = filtered(session, ArticleFilters(text=query, status=None))
        return {keys[row_id] for row_id in session.scalars(statement.with_only_columns(Article.id))}


def test_the_table_covers_enough_cases_and_scripts():
    assert len(CASES) >= 150
    assert len({language for language, _t, _b in DOCS.values()}) >= 25


def test_every_query_finds_the_same_documents_on_this_database(app):
    keys = _insert_documents(app)
    found = {query: _found(app, keys, query) for query, _expected in CASES}
    assert found == dict(CASES)


def test_only_punctuation_or_emoji_has_nothing_to_search():
    for typed in ("!!!", "🙂🙂", "— … ¿?"):
        assert search_query(typed).nothing_to_search
        assert "no letters or digits" in search_query(typed).problem
    assert not search_query("").nothing_to_search
    assert not search_query("岸田").nothing_to_search


WORDS = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "M", "N", "P", "Z"]), max_size=40
)


@settings(max_examples=300)
@given(typed=st.text(max_size=30))
def test_the_pages_tell_nothing_to_search_as_the_search_does(typed):
    """The pages say why a search found nothing without stemming its words again; what they
    say is what the whole analysis concludes, for any text, emoji and marks included."""
    assert search_problem(typed) == search_query(typed).problem


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=WORDS, language=st.sampled_from(["en", "ru", "ar", "ja", "th", "ko", "de", "xx"]))
def test_any_document_is_found_by_any_of_its_own_words(app, text, language):
    keys = _insert_documents_one(app, text, language)
    # Its words, not its stems: Snowball's stems are not always stems of themselves (German
    # "aee0" → "ae0" → "a0"), and nobody types a stem.
    words = [token for token in sorted(document_tokens(text, language)) if ":" not in token]
    for word in words[:10]:
        if not query_groups(word):
            continue
        assert keys in _ids(app, word), (text, word)


def _insert_documents_one(app, text: str, language: str) -> int:  # type: ignore[no-untyped-def]
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        session.execute(delete(Article))
        article = Article(title="", search_text=text, source_language=language)
        session.add(article)
        session.flush()
        return article.id


def _ids(app, query: str) -> set[int]:  # type: ignore[no-untyped-def]
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        statement = filtered(session, ArticleFilters(text=query, status=None))
        return set(session.scalars(statement.with_only_columns(Article.id)))


def test_a_stored_article_holds_its_tokens(app):
    keys = _insert_documents(app)
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        stored = session.scalars(select(Article.search_tokens).where(Article.id.in_(keys))).all()
    assert all(stored)


# --- The public site: a reader finds a translation by the original's words -----------------


def test_a_reader_finds_the_translation_by_the_originals_japanese(app, desk):
    desk.publish()
    reader = app.test_client()
    slug = "/read/before-lamenting-the-weak-yen"
    assert slug in reader.get("/?q=円安").get_data(as_text=True)  # the original's title
    assert slug in reader.get("/?q=嘆く").get_data(as_text=True)
    assert slug in reader.get("/?q=stagnation").get_data(as_text=True)  # the translation's
    assert slug not in reader.get("/?q=京都").get_data(as_text=True)
    items = reader.get("/api/v1/published?q=円安").get_json()["items"]
    assert [item["slug"] for item in items] == ["before-lamenting-the-weak-yen"]


def test_public_searches_of_as_many_words_share_one_statement(app, desk):
    # Built once for each number of words, it runs with each search's own words (a word
    # left bound from an earlier search would find that search's translation).
    desk.publish()
    reader = app.test_client()
    slug = "/read/before-lamenting-the-weak-yen"
    public_site._statements.cache_clear()
    assert slug in reader.get("/?q=円安").get_data(as_text=True)
    assert slug not in reader.get("/?q=京都").get_data(as_text=True)
    assert slug in reader.get("/?q=stagnation").get_data(as_text=True)
    assert slug in reader.get("/?q=stagnation 円安").get_data(as_text=True)
    assert slug not in reader.get("/?q=stagnation 京都").get_data(as_text=True)
    built = public_site._statements.cache_info()
    assert (built.misses, built.hits) == (2, 3)


def test_one_word_of_the_translation_and_one_of_the_original_find_it_together(app, desk):
    """The original's words are looked up in its article's index, word by word, so a query
    may mix both languages; the publication's own tokens hold only the translation's words."""
    desk.publish()
    reader = app.test_client()
    slug = "/read/before-lamenting-the-weak-yen"
    assert slug in reader.get("/?q=stagnation 円安").get_data(as_text=True)
    assert slug not in reader.get("/?q=stagnation 京都").get_data(as_text=True)
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        tokens = session.scalar(select(Publication.search_tokens))
    assert tokens is not None and "stagnation" in tokens.split()
    assert not {"円安", "円", "安"} & set(tokens.split())


def test_the_public_search_says_why_punctuation_finds_nothing(app, desk):
    desk.publish()
    reader = app.test_client()
    page = reader.get("/?q=%21%21%21").get_data(as_text=True)
    assert "/read/before-lamenting-the-weak-yen" not in page
    assert "no letters or digits to look for" in page
    answer = reader.get("/api/v1/published?q=%21%21%21").get_json()
    assert answer["items"] == [] and "no letters or digits" in answer["search_problem"]
    assert "search_problem" not in reader.get("/api/v1/published?q=yen").get_json()


# --- Reindexing ----------------------------------------------------------------------------------


def test_reindex_fills_what_is_not_indexed_and_resumes(app):
    from click.testing import CliRunner
    from sqlalchemy import update

    from translate_flow.cli import search_reindex

    keys = _insert_documents(app)
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        session.execute(update(Article).values(search_tokens=None))
    assert _found(app, keys, "岸田") == set()
    result = CliRunner().invoke(search_reindex, ["--batch", "7"], obj=_script_info(app))
    assert result.exit_code == 0, result.output
    assert f"Indexed {len(DOCS)} rows." in result.output
    assert _found(app, keys, "岸田") == {"ja"}
    again = CliRunner().invoke(search_reindex, [], obj=_script_info(app))
    assert "up to date" in again.output
    everything = CliRunner().invoke(search_reindex, ["--all"], obj=_script_info(app))
    assert f"Indexed {len(DOCS)} rows." in everything.output
    assert _found(app, keys, "москвы") == {"ru"}
    if database.is_sqlite:
        with database.engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO article_search(article_search) VALUES ('integrity-check')"
            )


def _script_info(app):  # type: ignore[no-untyped-def]
    from flask.cli import ScriptInfo

    return ScriptInfo(create_app=lambda: app)


def test_words_are_stemmed_for_the_desks_languages_and_a_new_one_at_once(app):
    """A query's word is stemmed only for the languages articles are in (`indexed_languages`);
    an article in a language new to the desk brings that language's stems to the next search."""
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        session.execute(delete(Article))
        session.add(Article(title="Elections", search_text="", source_language="en"))
    with database.transaction() as session:
        assert article_languages(session) == ["en"]
        groups = search_of(ArticleFilters(text="выборов"), article_languages(session)).groups
        assert all(":" not in token for alt in groups[0] for token in alt.tokens)
    assert _ids(app, "election") != set()
    with database.transaction() as session:
        session.add(Article(title="Выборы", search_text="", source_language="ru"))
    with database.transaction() as session:
        assert article_languages(session) == ["en", "ru"]
    # "выборов" (genitive plural) is found through the Russian stem of "Выборы".
    assert len(_ids(app, "выборов")) == 1
