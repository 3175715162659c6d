"""The termbase at scale: 20,000 terms of a pair, the matcher built, an article matched.

    python -m bench.terms_bench                      # SQLite, and PostgreSQL if it answers
    python -m bench.terms_bench --backend sqlite --terms 20000 --runs 30

Each backend gets a scratch database (a file in a temporary directory; on PostgreSQL a
database named tf_terms_bench, made and dropped here) with the schema from the migrations.
Two pairs are filled with 20,000 terms each, as a desk's style sheet has them:

- ja→en: people (kanji family and given names, and katakana foreign names), organisations
  and places (kanji compounds ending 省, 党, 銀行, 県…), terms (two to four kanji, some
  katakana loanwords), a few Latin acronyms written full-width;
- es→en: names and places (capitalised, one to three words), common nouns with plurals as
  variants, a few case-sensitive acronyms.

Then, in process: building the pair's matcher from the database (cold: the cache emptied)
and matching a 150-segment article with `finding.terms_in_any` (warm: the cache in use), as
the editor's GET /translations/{id}/terms does. The article's segments are sentences of the
pair's script with three to six of the pair's terms set in them. Median and p95 over the runs;
the issue's target is a match under 20 ms.

`run(backend)` returns the figures as a dict and `markdown(figures)` the lines of a table, for
bench/run.py.
"""

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from translate_flow.core.db import Database
from translate_flow.core.migrate import upgrade
from translate_flow.domain.models import Term, TermAction, TermChange, utcnow
from translate_flow.terms.finding import forget_cached_terms, pair_terms, terms_in_any
from translate_flow.terms.folding import term_key

POSTGRES_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
POSTGRES_NAME = "tf_terms_bench"
TARGET_MS = 20.0
SEGMENTS = 150
PAIRS = (("ja", "en"), ("es", "en"))

# --- Synthetic terms ------------------------------------------------------------------------

_SURNAMES = [
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
    "山崎",
    "森",
    "池田",
    "橋本",
    "阿部",
    "石川",
    "山下",
    "中島",
    "石井",
    "小川",
    "前田",
    "岡田",
    "長谷川",
    "藤田",
    "後藤",
    "近藤",
    "村上",
    "遠藤",
    "青木",
    "坂本",
    "斉藤",
    "福田",
    "太田",
    "西村",
    "藤井",
    "金子",
    "岡本",
    "藤原",
    "中野",
    "三浦",
    "原田",
    "中川",
    "松田",
    "竹内",
    "小野",
    "田村",
    "中山",
    "和田",
    "石田",
    "森田",
    "上田",
    "原",
    "柴田",
    "酒井",
    "工藤",
    "横山",
    "宮崎",
    "宮本",
    "内田",
    "高木",
    "安藤",
    "谷口",
    "大野",
    "丸山",
    "今井",
    "河野",
    "藤本",
    "村田",
    "武田",
    "上野",
    "杉山",
    "増田",
    "平野",
    "大塚",
    "千葉",
    "久保",
    "松井",
    "小島",
    "岩崎",
    "岸田",
]
_GIVEN = [
    "文雄",
    "太郎",
    "一郎",
    "健",
    "誠",
    "大輔",
    "直樹",
    "浩",
    "茂",
    "勝",
    "博",
    "明",
    "修",
    "隆",
    "聡",
    "剛",
    "翔",
    "蓮",
    "悠真",
    "陽翔",
    "湊",
    "花子",
    "裕子",
    "恵子",
    "幸子",
    "美咲",
    "陽菜",
    "結衣",
    "葵",
    "愛",
    "真由美",
    "由美子",
    "直子",
    "智子",
    "晋三",
    "義偉",
    "純一郎",
    "洋子",
    "玲奈",
    "拓也",
    "和也",
    "達也",
    "信二",
    "正樹",
    "恭子",
    "千尋",
    "早苗",
    "紀子",
    "雅子",
    "昭恵",
]
_KANJI = (
    "日本政府経済安全保障外交防衛財政金融市場通貨為替物価賃金雇用労働社会福祉医療教育環境"
    "気候変動電力原子力再生可能資源農業漁業貿易関税投資企業産業技術情報通信選挙議会憲法改正"
    "司法裁判警察治安災害復興地震津波台風少子高齢人口地方自治都市交通鉄道港湾空港観光文化"
)
_ORGANISATION_ENDS = [
    "省",
    "庁",
    "党",
    "銀行",
    "協会",
    "機構",
    "委員会",
    "研究所",
    "大学",
    "新聞",
    "会議",
    "連合",
]
_PLACE_ENDS = ["県", "市", "町", "村", "区", "湾", "島", "山", "川", "港"]
_KANA = [
    "ア",
    "イ",
    "ウ",
    "エ",
    "オ",
    "カ",
    "キ",
    "ク",
    "ケ",
    "コ",
    "サ",
    "シ",
    "ス",
    "セ",
    "ソ",
    "タ",
    "チ",
    "ツ",
    "テ",
    "ト",
    "ナ",
    "ニ",
    "ヌ",
    "ネ",
    "ノ",
    "ハ",
    "ヒ",
    "フ",
    "ヘ",
    "ホ",
    "マ",
    "ミ",
    "ム",
    "メ",
    "モ",
    "ヤ",
    "ユ",
    "ヨ",
    "ラ",
    "リ",
    "ル",
    "レ",
    "ロ",
    "ワ",
    "ン",
    "ガ",
    "ギ",
    "グ",
    "ゲ",
    "ゴ",
    "ザ",
    "ジ",
    "ズ",
    "ゼ",
    "ゾ",
    "ダ",
    "デ",
    "ド",
    "バ",
    "ビ",
    "ブ",
    "ベ",
    "ボ",
    "パ",
    "ピ",
    "プ",
    "ペ",
    "ポ",
    "ー",
]
_ROMAJI = [
    "ka",
    "ki",
    "ku",
    "ke",
    "ko",
    "sa",
    "shi",
    "su",
    "ta",
    "chi",
    "tsu",
    "na",
    "ni",
    "no",
    "ha",
    "hi",
    "fu",
    "ma",
    "mi",
    "mo",
    "ya",
    "yu",
    "yo",
    "ra",
    "ri",
    "ru",
]
_SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "ca",
    "ce",
    "ci",
    "co",
    "cu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "fa",
    "fe",
    "fi",
    "fo",
    "ga",
    "ge",
    "gi",
    "go",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "pa",
    "pe",
    "pi",
    "po",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "su",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
    "va",
    "ve",
    "vi",
    "za",
    "ze",
    "zo",
    "cha",
    "che",
    "chi",
    "llo",
    "lla",
    "rra",
    "rre",
    "ño",
    "ña",
]


def _romaji(rnd: random.Random, syllables: int) -> str:
    return "".join(rnd.choices(_ROMAJI, k=syllables)).capitalize()


def _japanese(rnd: random.Random) -> tuple[str, list[str], str, bool]:
    """(source, targets, category, case_sensitive) of one Japanese term."""
    roll = rnd.random()
    if roll < 0.35:
        source = rnd.choice(_SURNAMES) + rnd.choice(_GIVEN)
        return source, [f"{_romaji(rnd, 2)} {_romaji(rnd, 3)}"], "person", False
    if roll < 0.45:
        source = "・".join("".join(rnd.choices(_KANA, k=rnd.randint(2, 5))) for _ in range(2))
        return source, [f"{_romaji(rnd, 2)} {_romaji(rnd, 3)}"], "person", False
    if roll < 0.6:
        stem = "".join(rnd.choices(_KANJI, k=rnd.randint(2, 4)))
        return (
            stem + rnd.choice(_ORGANISATION_ENDS),
            [f"{_romaji(rnd, 3)} Agency"],
            "organisation",
            False,
        )
    if roll < 0.7:
        stem = "".join(rnd.choices(_KANJI, k=rnd.randint(1, 3)))
        return stem + rnd.choice(_PLACE_ENDS), [_romaji(rnd, 3)], "place", False
    if roll < 0.97:
        if rnd.random() < 0.8:
            source = "".join(rnd.choices(_KANJI, k=rnd.randint(2, 4)))
        else:
            source = "".join(rnd.choices(_KANA, k=rnd.randint(3, 6)))
        return source, [f"{_romaji(rnd, 2).lower()} {_romaji(rnd, 2).lower()}"], "term", False
    # Acronyms as Japanese text writes them, full-width: ＮＡＴＯ, ＩＭＦ.
    acronym = "".join(chr(0xFF21 + rnd.randrange(26)) for _ in range(rnd.randint(3, 5)))
    return acronym, [acronym], "organisation", True


def _spanish_word(rnd: random.Random) -> str:
    return "".join(rnd.choices(_SYLLABLES, k=rnd.randint(2, 4)))


def _spanish(rnd: random.Random) -> tuple[str, list[str], str, bool]:
    roll = rnd.random()
    if roll < 0.4:
        words = " ".join(_spanish_word(rnd).capitalize() for _ in range(rnd.randint(1, 3)))
        return words, [words], rnd.choice(["person", "place", "organisation"]), False
    if roll < 0.97:
        words = " ".join(_spanish_word(rnd) for _ in range(rnd.choice([1, 1, 1, 2, 3])))
        return words, [" ".join(_spanish_word(rnd) for _ in words.split())], "term", False
    acronym = "".join(chr(0x41 + rnd.randrange(26)) for _ in range(rnd.randint(2, 5)))
    return acronym, [acronym], "organisation", True


def synthetic_terms(source_language: str, count: int, seed: int) -> list[dict[str, Any]]:
    """`count` distinct terms (by `term_key`) of the pair, as rows of the terms table."""
    rnd = random.Random(f"{seed}-{source_language}")
    make = _japanese if source_language == "ja" else _spanish
    rows: dict[str, dict[str, Any]] = {}
    now = utcnow()
    while len(rows) < count:
        source, targets, category, case_sensitive = make(rnd)
        key = term_key(source)
        if key in rows:
            continue
        variants = []
        if source_language == "es" and category == "term" and " " not in source:
            variants = [source + "s"]  # the plural
        rows[key] = {
            "source_language": source_language,
            "target_language": "en",
            "source": source,
            "source_key": key,
            "variants": variants,
            "targets": targets,
            "forbidden": [],
            "note": "",
            "category": category,
            "case_sensitive": case_sensitive,
            "whole_word": True,
            "do_not_translate": False,
            "status": "approved",
            "created_at": now,
            "updated_at": now,
        }
    return list(rows.values())


def article(source_language: str, terms: list[dict[str, Any]], seed: int) -> list[str]:
    """150 segments of the pair's script, each with three to six of its terms in it."""
    rnd = random.Random(f"{seed}-article-{source_language}")
    segments = []
    for _ in range(SEGMENTS):
        chosen = [term["source"] for term in rnd.sample(terms, rnd.randint(3, 6))]
        if source_language == "ja":
            pieces = []
            for term in chosen:
                filler = "".join(rnd.choices(_KANJI + "のはがをにでともした", k=rnd.randint(4, 12)))
                pieces += [term, filler]
            segments.append("".join(pieces) + "。")
        else:
            words = [_spanish_word(rnd) for _ in range(rnd.randint(10, 30))]
            for term in chosen:
                words.insert(rnd.randrange(len(words) + 1), term)
            segments.append(" ".join(words).capitalize() + ".")
    return segments


# --- Databases ------------------------------------------------------------------------------


@contextmanager
def scratch_database(backend: str) -> Iterator[Database]:
    """An empty database with the schema, gone afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as directory:
            url = f"sqlite:///{Path(directory) / 'terms.sqlite3'}"
            upgrade(url)
            database = Database(url)
            try:
                yield database
            finally:
                database.dispose()
        return
    admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{POSTGRES_NAME}"'))
        connection.execute(text(f'CREATE DATABASE "{POSTGRES_NAME}"'))
    url = make_url(POSTGRES_ADMIN).set(database=POSTGRES_NAME).render_as_string(False)
    try:
        upgrade(url)
        database = Database(url)
        try:
            yield database
        finally:
            database.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{POSTGRES_NAME}"'))
        admin.dispose()


def postgres_answers() -> bool:
    try:
        engine = create_engine(POSTGRES_ADMIN, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


def fill(database: Database, rows: list[dict[str, Any]]) -> float:
    """Insert the terms in one transaction, with one change (the pair's version); seconds."""
    started = time.perf_counter()
    with database.transaction() as session:
        session.execute(insert(Term), rows)
        first = rows[0]
        session.add(
            TermChange(
                term_id=0,
                source_language=first["source_language"],
                target_language=first["target_language"],
                action=TermAction.IMPORTED,
                comment=f"{len(rows):,} terms for the benchmark",
            )
        )
    return time.perf_counter() - started


# --- Measuring ------------------------------------------------------------------------------


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": round(statistics.median(samples) * 1000, 2),
        "p95_ms": round(p95 * 1000, 2),
    }


def measure(
    database: Database, source_language: str, segments: list[str], runs: int
) -> dict[str, Any]:
    pair = (source_language, "en")
    builds = []
    for _ in range(max(3, runs // 6)):
        forget_cached_terms()
        with database.session(write=False) as session:
            started = time.perf_counter()
            cached = pair_terms(session, *pair)
            builds.append(time.perf_counter() - started)
    matches, found = [], 0
    for _ in range(runs):
        with database.session(write=False) as session:
            started = time.perf_counter()
            result = terms_in_any(session, *pair, segments)
            matches.append(time.perf_counter() - started)
        found = sum(len(hits) for hits in result)
    match = _ms(matches)
    return {
        "pair": f"{source_language}→en",
        "automaton_forms": cached.matcher.size,
        "build (load and automaton, cold)": _ms(builds),
        f"match {len(segments)} segments (warm)": match,
        "terms_found": found,
        "target": f"< {TARGET_MS:g} ms: {'met' if match['median_ms'] < TARGET_MS else 'missed'}",
    }


def run(backend: str, *, terms: int = 20_000, runs: int = 30, seed: int = 19) -> dict[str, Any]:
    """Fill a scratch database of `backend` and measure each pair; the figures as a dict."""
    figures: dict[str, Any] = {"backend": backend, "terms_per_pair": terms, "runs": runs}
    with scratch_database(backend) as database:
        for source_language, _target in PAIRS:
            rows = synthetic_terms(source_language, terms, seed)
            seconds = fill(database, rows)
            segments = article(source_language, rows, seed)
            figures[f"{source_language}→en"] = {"fill_seconds": round(seconds, 2)} | measure(
                database, source_language, segments, runs
            )
    forget_cached_terms()
    return figures


def markdown(figures: dict[str, Any]) -> list[str]:
    """The figures as a Markdown table, one row per pair."""
    lines = [
        f"Termbase ({figures['backend']}, {figures['terms_per_pair']:,} terms per pair, "
        f"{figures['runs']} runs), in process:",
        "",
        "| pair | build median ms | build p95 ms | match 150 segments median ms | p95 ms "
        "| terms found | target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for source_language, _target in PAIRS:
        pair = figures[f"{source_language}→en"]
        build = pair["build (load and automaton, cold)"]
        match = next(value for name, value in pair.items() if name.startswith("match "))
        lines.append(
            f"| {pair['pair']} | {build['median_ms']} | {build['p95_ms']} | "
            f"{match['median_ms']} | {match['p95_ms']} | {pair['terms_found']} | {pair['target']} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--terms", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=19)
    arguments = parser.parse_args()
    backends = ["sqlite", "postgresql"] if arguments.backend == "both" else [arguments.backend]
    for backend in backends:
        if backend == "postgresql" and not postgres_answers():
            print(f"PostgreSQL does not answer at {POSTGRES_ADMIN}: not measured.")
            continue
        figures = run(backend, terms=arguments.terms, runs=arguments.runs, seed=arguments.seed)
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        print("\n".join(markdown(figures)), flush=True)


if __name__ == "__main__":
    main()
