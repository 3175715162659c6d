"""Demo outlets and source articles in several languages and scripts (original text)."""

from dataclasses import replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.domain.models import Article, Priority, Translation, User
from translate_flow.intake.articles import (
    ArticleInput,
    correct_article,
    create_article,
    current_input,
)
from translate_flow.intake.formats import BodyFormat
from translate_flow.intake.outlets import OutletInput, create_outlet

DEMO_OUTLETS = [
    OutletInput(
        name="Tōkai Shimbun", language="ja", country="JP", homepage="https://tokai.example/"
    ),
    OutletInput(
        name="Diario del Sur", language="es", country="AR", homepage="https://diario.example/"
    ),
    OutletInput(name="Rheinische Rundschau", language="de", country="DE"),
    OutletInput(name="Al-Masaa", language="ar", country="EG"),
    OutletInput(name="Vechernie Vesti", language="ru", country="RU"),
]

DEMO_ARTICLES = [
    (
        "Tōkai Shimbun",
        ArticleInput(
            title="米大統領選が映す分断",
            standfirst="同盟国の視点から見たアメリカの選挙",
            author="山田 花子",
            source_language="ja",
            body_format=BodyFormat.MARKDOWN,
            body=(
                "アメリカの大統領選挙は、日本でも大きな関心を集めている。\n\n"
                "## 同盟の行方\n\n"
                "日米同盟は七十年以上にわたり地域の安定を支えてきた。しかし、"
                "選挙のたびに同盟の将来をめぐる議論が起きる。\n\n"
                "> 「同盟は当然のものではない」と元外交官は語る。\n\n"
                "私たちは冷静に議論を見守る必要がある。"
            ),
            published_on=date(2026, 11, 3),
            priority=Priority.HIGH,
            tags=["elections", "alliance"],
            notes="Keep the diplomat's quote close to the original wording.",
        ),
    ),
    (
        "Diario del Sur",
        ArticleInput(
            title="Washington y el precio de los alimentos",
            author="María López",
            source_language="es",
            body=(
                "Los aranceles anunciados por Estados Unidos afectan a los productores "
                "del sur del continente.\n\n"
                "Las cooperativas temen perder mercados que tardaron décadas en abrir.\n\n"
                "El gobierno prepara una respuesta para la próxima semana."
            ),
            published_on=date(2026, 11, 12),
            tags=["trade"],
        ),
    ),
    (
        "Rheinische Rundschau",
        ArticleInput(
            title="Was Amerikas Wahl für Europa bedeutet",
            author="Jonas Becker",
            source_language="de",
            body_format=BodyFormat.HTML,
            body=(
                "<p>Europa blickt mit <em>gemischten Gefühlen</em> über den Atlantik.</p>"
                "<h2>Sicherheit</h2><p>Die Frage der Verteidigungsausgaben bleibt offen.</p>"
                "<ul><li>Handel</li><li>Klima</li><li>Verteidigung</li></ul>"
            ),
            published_on=date(2026, 11, 8),
            priority=Priority.NORMAL,
            tags=["elections", "europe"],
        ),
    ),
    # A follow-up that repeats the first German article's phrasing: claimed and opened in the
    # editor, its paragraphs show that article's published English as memory matches.
    (
        "Rheinische Rundschau",
        ArticleInput(
            title="Europa nach der Wahl",
            author="Jonas Becker",
            source_language="de",
            body_format=BodyFormat.HTML,
            body=(
                "<p>Europa blickt mit <em>gemischten Gefühlen</em> über den Atlantik.</p>"
                "<p>Die Frage der Verteidigungsausgaben bleibt auch nach der Wahl offen.</p>"
                "<p>In Brüssel beginnt die Suche nach einer gemeinsamen Antwort.</p>"
            ),
            published_on=date(2026, 11, 20),
            priority=Priority.NORMAL,
            tags=["elections", "europe"],
        ),
    ),
    (
        "Al-Masaa",
        ArticleInput(
            title="واشنطن والشرق الأوسط: ماذا بعد؟",
            author="ليلى حداد",
            source_language="ar",
            body=(
                "تتابع العواصم العربية النقاش الأمريكي حول السياسة الخارجية باهتمام كبير.\n\n"
                "ويرى محللون أن الاستقرار الإقليمي يحتاج إلى شراكات طويلة الأمد."
            ),
            published_on=date(2026, 11, 15),
            priority=Priority.URGENT,
            tags=["middle east"],
        ),
    ),
    (
        "Vechernie Vesti",
        ArticleInput(
            title="Америка глазами соседей",
            source_language="ru",
            body=(
                "Американская политика остаётся главной темой международных новостей.\n\n"
                "Эксперты спорят о том, как изменятся отношения в ближайшие годы."
            ),
            priority=Priority.LOW,
        ),
    ),
]

# A correction the outlet made after publication, so the demo shows a revision.
CORRECTED_SPANISH_BODY = (
    "Los aranceles anunciados por Estados Unidos afectan a los productores "
    "del sur del continente.\n\n"
    "Las cooperativas agrícolas temen perder mercados que tardaron tres décadas en abrir.\n\n"
    "El gobierno prepara una respuesta para la próxima semana."
)


# A volunteer's start on the Spanish piece, so the correction below has text to flag.
SPANISH_TRANSLATION_START = [
    "Washington and the price of food",
    "The tariffs announced by the United States hit producers in the south of the continent.",
    "The cooperatives fear losing markets that took decades to open.",
]


def _translate_start(session: Session, article: Article) -> None:
    translation = session.scalar(select(Translation).where(Translation.article_id == article.id))
    if translation is None:
        return
    rows = sorted(translation.segments, key=lambda row: row.segment.position)
    for row, text in zip(rows, SPANISH_TRANSLATION_START, strict=False):
        row.text = text
    session.flush()


def load_demo_articles(session: Session, coordinator: User, targets: list[str]) -> int:
    """Outlets and articles, once: nothing is added if the desk already has articles."""
    if session.scalar(select(func.count()).select_from(Article)):
        return 0
    outlet_ids = {o.name: create_outlet(session, coordinator, o).id for o in DEMO_OUTLETS}
    created = {}
    for outlet_name, data in DEMO_ARTICLES:
        created[outlet_name] = create_article(
            session,
            coordinator,
            replace(data, outlet_id=outlet_ids[outlet_name]),
            target_languages=targets,
        )
    spanish = created["Diario del Sur"]
    _translate_start(session, spanish)
    correct_article(
        session,
        coordinator,
        spanish,
        replace(current_input(spanish), body=CORRECTED_SPANISH_BODY, body_format=BodyFormat.TEXT),
        note="The outlet corrected the second paragraph.",
    )
    return len(created)
