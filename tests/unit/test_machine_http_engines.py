"""DeepL, Google v3, LibreTranslate and an OpenAI-compatible model, against local fakes."""

import json
import socket

import httpx
import pytest

from tests.machine_servers import (
    Canned,
    FakeChatModel,
    FakeDeepL,
    FakeGoogle,
    FakeLibreTranslate,
)
from translate_flow.machine.calling import RetryPolicy, translate
from translate_flow.machine.circuit import CircuitBoard
from translate_flow.machine.engine import EngineSettings, MachineError
from translate_flow.machine.engines.deepl import FREE_ENDPOINT, PRO_ENDPOINT, DeepLEngine
from translate_flow.machine.engines.google import GoogleEngine
from translate_flow.machine.engines.libretranslate import LibreTranslateEngine
from translate_flow.machine.engines.openai_compatible import OpenAICompatibleEngine

NO_RETRY = RetryPolicy(attempts=1)


@pytest.fixture
def http():
    with httpx.Client() as client:
        yield client


def call(engine, texts, source="es", target="en", retry=NO_RETRY):
    return translate(engine, texts, source, target, retry=retry, circuits=CircuitBoard())


def failure(engine, texts=("Hola",)) -> MachineError:
    """The MachineError that translating `texts` raises."""
    with pytest.raises(MachineError) as raised:
        call(engine, list(texts))
    return raised.value


# --- DeepL -------------------------------------------------------------------------------------


@pytest.fixture
def deepl(httpserver, http):
    fake = FakeDeepL(httpserver, key="secret").install()
    engine = DeepLEngine(EngineSettings("deepl", fake.url, key="secret", timeout=0.5), http)
    return fake, engine


def test_deepl_translates_with_placeholders_as_ignored_xml_tags(deepl):
    fake, engine = deepl
    result = call(engine, ["Lee {1}esto{/1} & aquello", "Hola"], "es", "en")
    assert result == ["[EN-US] Lee {1}esto{/1} & aquello", "[EN-US] Hola"]
    [sent] = fake.bodies
    assert sent["text"] == ['Lee <x id="0"/>esto<x id="1"/> &amp; aquello', "Hola"]
    assert sent["source_lang"] == "ES"
    assert sent["tag_handling"] == "xml"
    assert sent["ignore_tags"] == ["x"]


def test_deepl_sends_at_most_fifty_texts_a_request(deepl):
    fake, engine = deepl
    texts = [f"Frase número {n}" for n in range(120)]
    assert len(call(engine, texts)) == 120
    assert [len(body["text"]) for body in fake.bodies] == [50, 50, 20]


def test_deepl_free_keys_go_to_the_free_host(http):
    assert DeepLEngine(EngineSettings("deepl", None, key="abc:fx"), http).endpoint == FREE_ENDPOINT
    assert DeepLEngine(EngineSettings("deepl", None, key="abc"), http).endpoint == PRO_ENDPOINT


def test_deepl_quota_exceeded_is_a_quota_error(deepl):
    fake, engine = deepl
    fake.then(Canned(456, {"message": "Quota exceeded"}))
    error = failure(engine)
    assert error.kind == "quota"
    assert "Quota exceeded" in error.message


def test_deepl_refuses_a_wrong_key(httpserver, http):
    fake = FakeDeepL(httpserver, key="secret").install()
    engine = DeepLEngine(EngineSettings("deepl", fake.url, key="wrong"), http)
    error = failure(engine)
    assert error.kind == "refused"


def test_deepl_pairs_come_from_its_language_lists(deepl):
    _, engine = deepl
    pairs = engine.supported_pairs()
    assert ("es", "en-US") in pairs
    assert ("es", "en") in pairs
    assert ("ja", "zh-Hant") in pairs
    assert ("es", "es") not in pairs


def test_a_slow_answer_is_a_timeout(deepl):
    fake, engine = deepl
    fake.then(Canned(200, {"translations": []}, delay=1.0))
    error = failure(engine)
    assert error.kind == "timeout"


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        (Canned(500, {"message": "Internal error"}), "unavailable"),
        (Canned(503, "<html>Service Unavailable</html>"), "unavailable"),
        (Canned(200, "not json"), "unavailable"),
        (Canned(200, {"translations": "nope"}), "unavailable"),
        (Canned(200, {"translations": [{"text": "uno"}]}), "unavailable"),  # one for two
        (Canned(413, {"message": "Request Entity Too Large"}), "refused"),
        (Canned(429, {"message": "Too many requests"}, {"Retry-After": "7"}), "quota"),
    ],
)
def test_provider_errors_map_to_machine_errors(deepl, answer, kind):
    fake, engine = deepl
    fake.then(answer)
    error = failure(engine, ("Hola", "Adiós"))
    assert error.kind == kind
    if answer.status == 429:
        assert error.retry_after == 7


def test_an_engine_that_is_not_listening_is_unavailable(http):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    engine = DeepLEngine(EngineSettings("deepl", f"http://127.0.0.1:{port}", key="k"), http)
    error = failure(engine)
    assert error.kind == "unavailable"


# --- Google --------------------------------------------------------------------------------------


@pytest.fixture
def google(httpserver, http):
    fake = FakeGoogle(httpserver, key="token").install()
    settings = EngineSettings("google", fake.url, key="token", model=FakeGoogle.project)
    return fake, GoogleEngine(settings, http)


def test_google_v3_translates_plain_text_with_bracket_tokens(google):
    fake, engine = google
    assert call(engine, ["Ver {1}nota{/1}"], "es", "zh-Hant") == ["[zh-TW] Ver {1}nota{/1}"]
    [sent] = fake.bodies
    assert sent == {
        "contents": ["Ver [X0X]nota[X1X]"],
        "mimeType": "text/plain",
        "sourceLanguageCode": "es",
        "targetLanguageCode": "zh-TW",
    }


def test_google_batches_by_characters(google):
    fake, engine = google
    texts = ["a" * 3000, "b" * 3000, "c" * 1000]
    assert len(call(engine, texts)) == 3
    assert [len(body["contents"]) for body in fake.bodies] == [1, 2]


def test_google_pairs_read_in_desk_codes(google):
    _, engine = google
    pairs = engine.supported_pairs()
    assert ("es", "zh-Hant") in pairs
    assert ("he", "en") in pairs


def test_google_rejects_a_bad_token(httpserver, http):
    fake = FakeGoogle(httpserver, key="token").install()
    engine = GoogleEngine(EngineSettings("google", fake.url, key="old", model=fake.project), http)
    error = failure(engine)
    assert error.kind == "refused"
    assert "invalid authentication credentials" in error.message


# --- LibreTranslate ------------------------------------------------------------------------------


@pytest.fixture
def libre(httpserver, http):
    fake = FakeLibreTranslate(httpserver, key="k").install()
    return fake, LibreTranslateEngine(EngineSettings("libretranslate", fake.url, key="k"), http)


def test_libretranslate_translates_a_list_with_its_key(libre):
    fake, engine = libre
    assert call(engine, ["Hola", "Adiós"]) == ["[en] Hola", "[en] Adiós"]
    assert fake.bodies == [
        {"q": ["Hola", "Adiós"], "source": "es", "target": "en", "format": "text", "api_key": "k"}
    ]


def test_libretranslate_pairs_and_a_slow_down_answer(libre):
    fake, engine = libre
    assert ("en", "pt-BR") in engine.supported_pairs()
    fake.then(Canned(429, {"error": "Too many request limits violations"}))
    error = failure(engine)
    assert error.kind == "quota"


def test_libretranslate_refuses_a_wrong_key(httpserver, http):
    fake = FakeLibreTranslate(httpserver, key="k").install()
    engine = LibreTranslateEngine(EngineSettings("libretranslate", fake.url, key="x"), http)
    error = failure(engine)
    assert error.kind == "refused"
    assert "Invalid API key" in error.message


# --- OpenAI-compatible ---------------------------------------------------------------------------


@pytest.fixture
def model(httpserver, http):
    fake = FakeChatModel(httpserver, key="sk").install()
    settings = EngineSettings("openai", f"{fake.url}/v1", key="sk", model="small-model")
    return fake, OpenAICompatibleEngine(settings, http)


def test_a_language_model_translates_a_batch_as_json(model):
    fake, engine = model
    assert call(engine, ["Lee {1}esto{/1}", "Hola"]) == ["[en] Lee {1}esto{/1}", "[en] Hola"]
    [sent] = fake.bodies
    assert sent["model"] == "small-model"
    assert sent["temperature"] == 0
    system, user = sent["messages"]
    assert "Spanish (es)" in system["content"]
    assert "English (en)" in system["content"]
    assert "exactly 2 strings" in system["content"]
    assert json.loads(user["content"]) == {"texts": ["Lee {0}esto{1}", "Hola"]}


def test_json_in_a_markdown_fence_is_accepted(model):
    fake, engine = model
    fake.mode = "fenced"
    assert call(engine, ["Hola"]) == ["[en] Hola"]


@pytest.mark.parametrize("mode", ["prose", "short", "cut-off"])
def test_an_answer_that_is_not_the_asked_json_is_refused(model, mode):
    fake, engine = model
    fake.mode = mode
    error = failure(engine, ("Hola", "Adiós"))
    assert error.kind == "unavailable"


def test_a_placeholder_the_model_dropped_is_appended(model):
    fake, engine = model
    fake.mode = "drop-tokens"
    assert call(engine, ["Lee {1}esto{/1}"]) == ["[en] Lee esto{/1} {1}"]


def test_a_language_model_key_is_sent_as_a_bearer_token(httpserver, http):
    fake = FakeChatModel(httpserver, key="sk").install()
    engine = OpenAICompatibleEngine(
        EngineSettings("openai", f"{fake.url}/v1", key="other", model="m"), http
    )
    error = failure(engine)
    assert error.kind == "refused"
