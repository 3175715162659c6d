"""Articles through the real UI: paste and preview, upload, refusals that keep the typing,
import by address, and a correction that becomes revision 2 with its diff."""

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect
from sqlalchemy import func, select

from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer, labelled, sign_in
from tests.e2e.desk_data import COORDINATOR, YEN_TITLE, db_of, nav, person
from tests.factories import ArticleFactory
from tests.webserver import LocalSite
from translate_flow.domain.models import Article, User
from translate_flow.intake.outlets import OutletInput, create_outlet

pytestmark = E2E_MARKS

PAGES = Path(__file__).parent.parent / "data" / "pages"
ARTICLE_URL = re.compile(r"/articles/\d+$")
# Japanese, Chinese and Thai sources are counted, and labelled, in characters (issue 16).
COUNTS = re.compile(r"^(\d+) segments · (\d+) (?:words|characters)")

JA_TITLE = YEN_TITLE
JA_PARAGRAPHS = [
    "円相場が一ドル百五十円を超えて久しい。輸入物価の上昇は家計を直撃し、"
    "政府と日銀への不満は日ごとに強まっている。",
    "だが、通貨の弱さは原因ではなく結果である。三十年にわたり生産性が伸びず、"
    "賃金も横ばいのまま据え置かれてきたことこそが、問われるべき本丸だ。",
    "ある地方の部品メーカーの社長は「人手が足りないのに、給料を上げる余力がない」と語る。"
    "こうした声は決して珍しくない。",
    "為替介入で時間を稼ぐことはできても、構造を変えることはできない。"
    "働き方と投資の在り方を根本から見直す覚悟が、いま政治に求められている。",
]

AR_TITLE = "ترميم السوق القديم يعيد الحياة إلى قلب المدينة"
AR_PARAGRAPHS = [
    "عادت أصوات الباعة إلى ممرات السوق القديم بعد ثلاث سنوات من أعمال الترميم.",
    "يقول أحد التجار إن رائحة الهيل والقرفة عادت مع الزبائن.",
]

ES_TITLE = "Los embalses del sur llegan al verano bajo mínimos"
ES_PARAGRAPHS = [
    "Los embalses de la cuenca están al 30 % de su capacidad, según la confederación.",
    "Los regantes piden un plan de emergencia antes de agosto.",
    "El Gobierno regional promete camiones cisterna para los municipios más afectados.",
]

DE_MARKDOWN = """Der Stadtrat hat das neue Nachtbusnetz beschlossen. Ab Dezember fahren die Busse
in jeder Nacht von Freitag auf Samstag.

## Was sich ändert

- Fünf neue Linien verbinden die Außenbezirke.
- Der Takt wird auf dreißig Minuten verdichtet.
- Tickets gelten ohne Aufpreis.

> Wer nachts arbeitet, darf nicht auf das Taxi angewiesen sein.

Die Kosten trägt zur Hälfte das Land.
"""


def segments(scope: Page | Locator) -> Locator:
    return scope.locator("ol.segments > li.segment")


def segment_texts(scope: Page | Locator) -> list[str]:
    return [text.strip() for text in segments(scope).locator(".segment-text").all_inner_texts()]


def article_count(live_server: LiveServer) -> int:
    with db_of(live_server).session(write=False) as session:
        return session.scalar(select(func.count()).select_from(Article)) or 0


def demo_person(live_server: LiveServer, email: str) -> User:
    with db_of(live_server).session(write=False) as session:
        return person(session, email)


def search_for(page: Page, words: str) -> None:
    """Searches the article list; a server error fails at once rather than after a timeout."""
    page.get_by_role("searchbox", name="Search").fill(words)
    with page.expect_response(re.compile(r"/articles/\?")) as answer:
        page.get_by_role("button", name="Filter").click()
    assert answer.value.status == 200, f"searching for {words!r}: {answer.value.status}"


def open_new_article(page: Page) -> None:
    nav(page).get_by_role("link", name="Articles", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    page.get_by_role("button", name="New article", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New article")


def test_coordinator_pastes_a_japanese_op_ed_previews_its_segments_then_saves_it(
    page: Page, live_server: LiveServer, problems: BrowserProblems, artifacts: Path
):
    sign_in(page, COORDINATOR)
    open_new_article(page)
    labelled(page, "Title").fill(JA_TITLE)
    expect(page.get_by_role("radio", name="Plain text")).to_be_checked()
    labelled(page, "Article text").fill("\n\n".join(JA_PARAGRAPHS))
    labelled(page, "Source language").fill("ja")
    labelled(page, "Priority").select_option(label="High")
    labelled(page, "Author").fill("佐藤 健一")
    labelled(page, "Published on").fill("2024-03-12")
    labelled(page, "Tags").fill("economy, opinion")
    labelled(page, "Notes for translators").fill("“本丸” is figurative: the real target.")
    page.get_by_role("button", name="Preview", exact=True).click()

    # The preview shows what translators will get, and nothing is stored yet.
    preview = page.get_by_role("region", name="Preview")
    expect(preview).to_be_visible()
    preview_counts = page.get_by_test_id("preview-counts")
    expect(preview_counts).to_have_text(COUNTS)
    counts = COUNTS.match(preview_counts.inner_text())
    assert counts is not None
    segment_count, word_count = int(counts[1]), int(counts[2])
    assert segment_count == 1 + len(JA_PARAGRAPHS)  # the title is a segment too
    assert word_count > 0
    expect(segments(preview)).to_have_count(segment_count)
    expect(segments(preview).first).to_have_class(re.compile(r"\bkind-title\b"))
    expect(segments(preview).nth(1)).to_have_class(re.compile(r"\bkind-paragraph\b"))
    expect(preview.locator("ol.segments")).to_have_attribute("lang", "ja")
    expect(preview.locator("ol.segments")).to_have_attribute("dir", "ltr")
    previewed = segment_texts(preview)
    assert previewed == [JA_TITLE, *JA_PARAGRAPHS]
    assert article_count(live_server) == 0
    # What was typed stays in the form for the save.
    expect(labelled(page, "Title")).to_have_value(JA_TITLE)
    expect(labelled(page, "Priority")).to_have_value("3")
    page.screenshot(path=artifacts / "article-new-preview-ja.png", full_page=True)

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(ARTICLE_URL)
    expect(page.get_by_role("status")).to_have_text(
        f"Saved “\u2068{JA_TITLE}\u2069”: {segment_count} segments, {word_count} characters."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(JA_TITLE)
    expect(page.get_by_test_id("counts")).to_have_text(
        f"{segment_count} segments · {word_count} characters · priority High · revision 1"
    )
    expect(segments(page)).to_have_count(segment_count)
    assert segment_texts(page) == previewed
    expect(page.get_by_text("By 佐藤 健一")).to_be_visible()
    expect(page.locator("aside.notes")).to_contain_text("本丸")
    assert article_count(live_server) == 1
    page.screenshot(path=artifacts / "article-show-ja.png", full_page=True)
    assert problems.messages == []


def test_coordinator_uploads_a_markdown_file_and_gets_headings_and_list_items(
    page: Page, live_server: LiveServer, problems: BrowserProblems, tmp_path: Path
):
    upload = tmp_path / "nachtbus-kommentar.md"
    upload.write_text(DE_MARKDOWN, encoding="utf-8")
    sign_in(page, COORDINATOR)
    open_new_article(page)
    labelled(page, "Title").fill("Nachtbusse für alle Stadtteile")
    labelled(page, "Source language").fill("de")
    labelled(page, "…or upload a file").set_input_files(upload)
    page.get_by_role("button", name="Preview", exact=True).click()

    preview = page.get_by_role("region", name="Preview")
    kinds = preview.locator("ol.segments > li.segment > .segment-kind")
    expect(kinds).to_have_text(
        [
            "title",
            "paragraph",
            "heading",
            "list item",
            "list item",
            "list item",
            "quote",
            "paragraph",
        ]
    )
    expect(segments(preview).filter(has_text="Was sich ändert")).to_have_class(
        re.compile(r"\bkind-heading\b")
    )
    # The file's text is now in the form, as Markdown, so saving needs no second upload.
    expect(page.get_by_role("radio", name="Markdown")).to_be_checked()
    expect(labelled(page, "Article text")).to_have_value(re.compile(r"## Was sich ändert"))
    assert article_count(live_server) == 0

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(ARTICLE_URL)
    expect(page.get_by_test_id("counts")).to_contain_text("8 segments")
    expect(page.locator("li.segment.kind-list_item")).to_have_count(3)
    expect(page.locator("li.segment.kind-heading")).to_have_text(re.compile("Was sich ändert"))
    expect(page.locator("li.segment.kind-quote")).to_contain_text("nicht auf das Taxi")
    assert problems.messages == []


def test_a_bad_language_or_file_is_explained_and_what_was_typed_stays(
    page: Page, live_server: LiveServer, problems: BrowserProblems, tmp_path: Path
):
    title = "La sequía vacía los embalses"
    body = "\n\n".join(ES_PARAGRAPHS)
    problems.allow_status(400)  # the form comes back with 400 Bad Request
    sign_in(page, COORDINATOR)
    open_new_article(page)
    labelled(page, "Title").fill(title)
    labelled(page, "Article text").fill(body)
    labelled(page, "Source language").fill("xx-nonsense")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_role("alert")).to_have_text(
        "Please correct the fields marked below. Nothing has been saved yet."
    )
    language = labelled(page, "Source language")
    expect(language).to_have_attribute("aria-invalid", "true")
    expect(language).to_have_accessible_description(
        re.compile(r"“xx-nonsense” is not a language code we know \(e\.g\. ja, ar, zh\)\.")
    )
    expect(language).to_have_value("xx-nonsense")
    expect(labelled(page, "Title")).to_have_value(title)
    expect(labelled(page, "Article text")).to_have_value(body)
    assert article_count(live_server) == 0

    # A file the desk cannot read is refused by name, and the pasted text survives that too.
    pdf = tmp_path / "nota.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    language.fill("es")
    labelled(page, "…or upload a file").set_input_files(pdf)
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(
        "“nota.pdf” is not a file type the desk can read."
    )
    expect(page.get_by_role("region", name="Preview")).to_have_count(0)
    expect(labelled(page, "Title")).to_have_value(title)
    expect(labelled(page, "Article text")).to_have_value(body)
    expect(labelled(page, "Source language")).to_have_value("es")
    assert article_count(live_server) == 0
    assert problems.messages == []


def test_coordinator_imports_an_arabic_article_by_its_address(
    page: Page,
    live_server: LiveServer,
    local_site: LocalSite,
    problems: BrowserProblems,
    artifacts: Path,
):
    title = AR_TITLE
    address = local_site.add(
        "/culture/2024/05/20/old-souq-restoration",
        (PAGES / "ar_alufuq_souq.html").read_bytes(),
    )
    # The fetcher refuses loopback addresses unless the site is allowed by name.
    live_server.app.config["FETCH_ALLOWED_HOSTS"] = [local_site.host]
    sign_in(page, COORDINATOR)
    nav(page).get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("button", name="Import from a URL", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import an article from its address")
    labelled(page, "Address of the article").fill(address)
    page.get_by_role("button", name="Fetch and preview").click()

    # The article form comes back filled in from the page, with a right-to-left preview.
    expect(page.get_by_role("heading", level=1)).to_have_text("New article")
    expect(page.get_by_text("Found at")).to_contain_text(address)
    expect(labelled(page, "Title")).to_have_value(title)
    expect(labelled(page, "Author")).to_have_value("ليلى حداد")
    expect(labelled(page, "Source language")).to_have_value("ar")
    expect(labelled(page, "Published on")).to_have_value("2024-05-20")
    expect(labelled(page, "Standfirst")).to_have_value(re.compile("^بعد ثلاث سنوات من الأعمال"))
    expect(labelled(page, "Article text")).to_have_value(
        re.compile("عادت أصوات الباعة إلى ممرات السوق القديم")
    )
    expect(labelled(page, "Article text")).not_to_have_value(re.compile("جميع الحقوق محفوظة"))
    expect(labelled(page, "Original URL")).to_have_value(
        "https://www.alufuq.example/culture/2024/05/20/old-souq-restoration"
    )
    preview = page.get_by_role("region", name="Preview")
    expect(preview.locator("ol.segments")).to_have_attribute("dir", "rtl")
    expect(preview.locator("ol.segments")).to_have_attribute("lang", "ar")
    expect(segments(preview).first).to_have_text(re.compile(title))
    preview_counts = COUNTS.match(page.get_by_test_id("preview-counts").inner_text())
    assert preview_counts is not None
    assert article_count(live_server) == 0
    page.screenshot(path=artifacts / "article-import-preview-ar.png", full_page=True)

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(ARTICLE_URL)
    expect(page.get_by_role("heading", level=1)).to_have_attribute("dir", "rtl")
    expect(page.get_by_test_id("counts")).to_contain_text(
        f"{preview_counts[1]} segments · {preview_counts[2]} words"
    )
    expect(page.locator("ol.segments")).to_have_attribute("dir", "rtl")
    page.screenshot(path=artifacts / "article-show-ar.png", full_page=True)

    nav(page).get_by_role("link", name="Articles", exact=True).click()
    row = page.get_by_role("row").filter(has_text=title)
    expect(row).to_contain_text("Arabic")
    expect(row.get_by_role("link", name=title)).to_have_attribute("dir", "rtl")
    assert local_site.requests == ["/culture/2024/05/20/old-souq-restoration"]
    assert problems.messages == []


def test_a_word_from_its_title_finds_the_article(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    coordinator = demo_person(live_server, COORDINATOR)
    make_article = ArticleFactory(live_server.app)
    souq = make_article(
        coordinator, title=AR_TITLE, body="\n\n".join(AR_PARAGRAPHS), source_language="ar"
    )
    make_article(coordinator, title=ES_TITLE, body="\n\n".join(ES_PARAGRAPHS), source_language="es")
    sign_in(page, COORDINATOR)
    nav(page).get_by_role("link", name="Articles", exact=True).click()
    expect(page.get_by_test_id("article-count")).to_have_text("2 articles")

    search_for(page, "السوق")
    expect(page.get_by_test_id("article-count")).to_have_text("1 article")
    page.get_by_role("link", name=AR_TITLE).click()
    expect(page).to_have_url(re.compile(rf"/articles/{souq.id}$"))

    page.go_back()
    search_for(page, "embalses")
    expect(page.get_by_test_id("article-count")).to_have_text("1 article")
    expect(page.get_by_role("link", name=ES_TITLE)).to_be_visible()

    search_for(page, "tranvía")
    expect(page.get_by_test_id("article-count")).to_have_text("0 articles")
    expect(page.get_by_text("No article matches these filters.")).to_be_visible()
    assert problems.messages == []


def test_coordinator_corrects_a_paragraph_and_sees_revision_2_with_its_diff(
    page: Page, live_server: LiveServer, problems: BrowserProblems, artifacts: Path
):
    article = ArticleFactory(live_server.app)(
        demo_person(live_server, COORDINATOR),
        title=ES_TITLE,
        body="\n\n".join(ES_PARAGRAPHS),
        source_language="es",
    )
    sign_in(page, COORDINATOR)
    page.goto(f"/articles/{article.id}")
    expect(page.get_by_test_id("counts")).to_contain_text("4 segments")
    page.get_by_role("button", name="Correct the source").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct the source")

    body = labelled(page, "Article text")
    expect(body).to_have_value(re.compile(r"al 30 %"))
    body.fill(body.input_value().replace("al 30 %", "al 28 %"))
    labelled(page, "What was corrected").fill("El diario corrigió la cifra.")
    page.get_by_role("button", name="Save the correction").click()

    expect(page).to_have_url(ARTICLE_URL)
    expect(page.get_by_role("status")).to_contain_text(
        "Saved as revision 2: 1 changed, 0 added, 0 removed"
    )
    expect(page.get_by_test_id("counts")).to_contain_text("revision 2")
    changed = page.locator("li.segment.change-changed")
    expect(changed).to_have_count(1)
    expect(changed.locator(".segment-text")).to_contain_text("al 28 %")
    diff = changed.locator(".source-diff")
    expect(diff).to_contain_text("changed in revision 2")
    expect(diff.locator("del")).to_have_text(re.compile("30"))
    expect(diff.locator("ins")).to_have_text(re.compile("28"))
    translations = page.get_by_role("region", name="Translations")
    expect(translations.get_by_role("row").filter(has_text="English")).to_be_visible()
    history = page.get_by_role("region", name="Revisions")
    expect(history.locator("tbody tr")).to_have_count(2)
    newest = history.locator("tbody tr").first
    expect(newest).to_contain_text("El diario corrigió la cifra.")
    expect(history.locator("tbody tr").last).to_contain_text("First intake")
    page.screenshot(path=artifacts / "article-show-corrected.png", full_page=True)

    newest.get_by_role("link", name="changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Changes from revision 1 to 2")
    expect(page.get_by_test_id("change-counts")).to_have_text("1 changed · 0 added · 0 removed")
    row = page.locator("li.segment.status-changed")
    expect(row).to_have_count(1)
    expect(row.locator("del")).to_have_text(re.compile("30"))
    expect(row.locator("ins")).to_have_text(re.compile("28"))
    expect(page.locator("li.segment.status-unchanged")).to_have_count(3)
    page.screenshot(path=artifacts / "article-compare.png", full_page=True)
    assert problems.messages == []


def pick_outlet(page: Page, form_name: str, outlet: str, answer_path: str) -> None:
    """Chooses an outlet by its name in a filter form and sends it, as a person would."""
    form = page.get_by_role("form", name=form_name)
    form.get_by_label("Outlet").select_option(label=outlet)
    with page.expect_response(re.compile(answer_path)) as answer:
        form.get_by_role("button", name="Filter").click()
    assert answer.value.status == 200


def add_outlets_with_articles(live_server: LiveServer) -> None:
    """Two outlets, one article from the first and two from the second, each with its open
    English translation on the board."""
    coordinator = demo_person(live_server, COORDINATOR)
    make_article = ArticleFactory(live_server.app)
    with db_of(live_server).transaction() as session:
        actor = session.merge(coordinator)
        tokai = create_outlet(session, actor, OutletInput("Tōkai Shimbun", "ja", "JP")).id
        diario = create_outlet(session, actor, OutletInput("Diario del Sur", "es", "AR")).id
    make_article(coordinator, title=JA_TITLE, body=JA_PARAGRAPHS[0], outlet_id=tokai)
    for title in (ES_TITLE, "El tranvía vuelve al centro"):
        make_article(
            coordinator, title=title, body=ES_PARAGRAPHS[0], source_language="es", outlet_id=diario
        )


def test_picking_an_outlet_narrows_the_article_list_and_the_board(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    add_outlets_with_articles(live_server)
    sign_in(page, COORDINATOR)
    nav(page).get_by_role("link", name="Articles", exact=True).click()
    expect(page.get_by_test_id("article-count")).to_have_text("3 articles")

    pick_outlet(page, "Find articles", "Tōkai Shimbun", r"/articles/\?")
    expect(page.get_by_test_id("article-count")).to_have_text("1 article")
    rows = page.locator("table.articles tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Tōkai Shimbun")
    expect(page.get_by_label("Outlet")).to_have_value(re.compile(r"^\d+$"))

    page.goto(live_server.url + "/board/")
    cards = page.locator("li.card")
    expect(cards).to_have_count(3)
    pick_outlet(page, "Filter the board", "Diario del Sur", r"/board/\?")
    expect(cards).to_have_count(2)
    for index in range(2):
        expect(cards.nth(index)).to_contain_text("Diario del Sur")
    assert problems.messages == []
