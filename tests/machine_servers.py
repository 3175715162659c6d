"""Machine-translation servers for the tests: the real apertium-apy on a loopback port, and local
fakes of the providers that cannot run here (DeepL, Google v3, LibreTranslate, an
OpenAI-compatible model), answering as their documentation shows, errors and quotas included.

The fakes sit on pytest-httpserver's `httpserver`. Each one "translates" by prefixing the target
language (`[EN-US] Hola {0}`), so tokens pass through as a well-behaved engine's would; `queue`
holds canned answers (a 429, a 503...) served before the normal ones.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

APY = Path("/usr/bin/apertium-apy")
SPA_ENG_MODE = Path("/usr/share/apertium/modes/spa-eng.mode")


def apertium_missing() -> str | None:
    """Why the real Apertium cannot run here, or None."""
    if not APY.exists():
        return f"{APY} is absent (apt-get install apertium-apy)"
    if not SPA_ENG_MODE.exists():
        return f"{SPA_ENG_MODE} is absent (apt-get install apertium-eng-spa)"
    return None


@contextmanager
def apertium_apy(start_timeout: float = 30.0) -> Iterator[str]:
    """apertium-apy through the desk's loopback launcher, on a free port; yields its URL."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "translate_flow.machine.apertium_loopback",
            "--port",
            "0",
            "--exit-with-stdin",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    assert process.stdout is not None
    assert process.stdin is not None
    try:
        ready, _, _ = select.select([process.stdout], [], [], start_timeout)
        line = process.stdout.readline() if ready else ""
        if not line.startswith("listening on "):
            raise RuntimeError(f"apertium-apy did not start: {line!r}")
        yield line.removeprefix("listening on ").strip()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stdin.close()


@pytest.fixture(scope="session")
def apertium_url() -> Iterator[str]:
    reason = apertium_missing()
    if reason:
        pytest.skip(reason)
    with apertium_apy() as url:
        yield url


# --- fakes -------------------------------------------------------------------------------------


def fake_translation(text: str, target: str) -> str:
    return f"[{target}] {text}"


@dataclass
class Canned:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

    def response(self) -> Response:
        if self.delay:
            time.sleep(self.delay)
        data = self.body if isinstance(self.body, str) else json.dumps(self.body)
        return Response(
            data, status=self.status, headers=self.headers, content_type="application/json"
        )


@dataclass
class FakeProvider:
    """What every fake shares: canned answers first, and a record of what was sent."""

    server: HTTPServer
    key: str | None = None
    queue: list[Canned] = field(default_factory=list)
    bodies: list[Any] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def _route(self, path: str, method: str, answer: Callable[[Request], Response]) -> None:
        def handle(request: Request) -> Response:
            if request.method == "POST":
                try:
                    self.bodies.append(request.get_json(force=True))
                except Exception:
                    self.bodies.append(request.form.to_dict())
            if self.queue:
                return self.queue.pop(0).response()
            return answer(request)

        self.server.expect_request(path, method=method).respond_with_handler(handle)

    def then(self, *answers: Canned) -> None:
        self.queue.extend(answers)


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json")


class FakeDeepL(FakeProvider):
    """POST /v2/translate and GET /v2/languages as https://developers.deepl.com documents them."""

    SOURCES = ("ES", "EN", "DE", "JA", "PT", "ZH")
    TARGETS = ("ES", "EN-US", "EN-GB", "DE", "JA", "PT-BR", "PT-PT", "ZH-HANS", "ZH-HANT")

    def install(self) -> FakeDeepL:
        self._route("/v2/translate", "POST", self._translate)
        self._route("/v2/languages", "GET", self._languages)
        return self

    def _authorised(self, request: Request) -> bool:
        return request.headers.get("Authorization") == f"DeepL-Auth-Key {self.key}"

    def _translate(self, request: Request) -> Response:
        if not self._authorised(request):
            return _json({"message": "Authorization failure, check auth_key"}, 403)
        body = request.get_json(force=True)
        texts, target = body.get("text"), body.get("target_lang")
        if not isinstance(texts, list) or len(texts) > 50:
            return _json({"message": "Too many texts"}, 400)
        if target not in self.TARGETS:
            return _json({"message": "Value for 'target_lang' not supported."}, 400)
        return _json(
            {
                "translations": [
                    {
                        "detected_source_language": body.get("source_lang", "ES"),
                        "text": fake_translation(text, target),
                    }
                    for text in texts
                ]
            }
        )

    def _languages(self, request: Request) -> Response:
        if not self._authorised(request):
            return _json({"message": "Authorization failure, check auth_key"}, 403)
        codes = self.TARGETS if request.args.get("type") == "target" else self.SOURCES
        return _json([{"language": code, "name": code} for code in codes])


class FakeGoogle(FakeProvider):
    """Cloud Translation v3: translateText and supportedLanguages of one project."""

    project = "desk-project"

    def install(self) -> FakeGoogle:
        base = f"/v3/projects/{self.project}/locations/global"
        self._route(f"{base}:translateText", "POST", self._translate)
        self._route(f"{base}/supportedLanguages", "GET", self._languages)
        return self

    def _denied(self, request: Request) -> Response | None:
        if request.headers.get("Authorization") != f"Bearer {self.key}":
            return _json(
                {
                    "error": {
                        "code": 401,
                        "message": "Request had invalid authentication credentials.",
                        "status": "UNAUTHENTICATED",
                    }
                },
                401,
            )
        return None

    def _translate(self, request: Request) -> Response:
        denied = self._denied(request)
        if denied:
            return denied
        body = request.get_json(force=True)
        if body.get("mimeType") != "text/plain":
            return _json(
                {"error": {"code": 400, "message": "mimeType", "status": "INVALID_ARGUMENT"}}, 400
            )
        target = body["targetLanguageCode"]
        return _json(
            {
                "translations": [
                    {"translatedText": fake_translation(text, target)} for text in body["contents"]
                ]
            }
        )

    def _languages(self, request: Request) -> Response:
        denied = self._denied(request)
        if denied:
            return denied
        codes = ["es", "en", "ja", "zh-CN", "zh-TW", "iw"]
        return _json(
            {
                "languages": [
                    {"languageCode": code, "supportSource": True, "supportTarget": True}
                    for code in codes
                ]
            }
        )


class FakeLibreTranslate(FakeProvider):
    """LibreTranslate's POST /translate (q as a list) and GET /languages."""

    def install(self) -> FakeLibreTranslate:
        self._route("/translate", "POST", self._translate)
        self._route("/languages", "GET", self._languages)
        return self

    def _translate(self, request: Request) -> Response:
        body = request.get_json(force=True)
        if self.key is not None and body.get("api_key") != self.key:
            return _json({"error": "Invalid API key"}, 403)
        if body.get("format") != "text":
            return _json({"error": "Invalid request: format"}, 400)
        q, target = body["q"], body["target"]
        if isinstance(q, list):
            return _json({"translatedText": [fake_translation(text, target) for text in q]})
        return _json({"translatedText": fake_translation(q, target)})

    def _languages(self, request: Request) -> Response:
        return _json(
            [
                {"code": "en", "name": "English", "targets": ["en", "es", "pt-BR"]},
                {"code": "es", "name": "Spanish", "targets": ["en", "es"]},
            ]
        )


class FakeChatModel(FakeProvider):
    """An OpenAI-compatible POST /v1/chat/completions; `mode` makes it misbehave as models do."""

    mode: str = "json"  # json | fenced | prose | short | drop-tokens | cut-off

    def install(self) -> FakeChatModel:
        self._route("/v1/chat/completions", "POST", self._complete)
        return self

    def _complete(self, request: Request) -> Response:
        if self.key is not None and request.headers.get("Authorization") != f"Bearer {self.key}":
            return _json(
                {
                    "error": {
                        "message": "Incorrect API key provided",
                        "type": "invalid_request_error",
                    }
                },
                401,
            )
        body = request.get_json(force=True)
        texts = json.loads(body["messages"][-1]["content"])["texts"]
        translations = [fake_translation(text, "en") for text in texts]
        if self.mode == "short":
            translations = translations[:-1]
        if self.mode == "drop-tokens":
            translations = [t.replace("{0}", "") for t in translations]
        content = json.dumps({"translations": translations}, ensure_ascii=False)
        if self.mode == "fenced":
            content = f"```json\n{content}\n```"
        if self.mode == "prose":
            content = f'Sure! Here is the translation: "{translations[0]}"'
        finish = "length" if self.mode == "cut-off" else "stop"
        return _json(
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": finish,
                    }
                ],
            }
        )
