"""Google Cloud Translation v3 (projects.locations.translateText), with an OAuth bearer token."""

from __future__ import annotations

import threading

import httpx

from translate_flow.machine.engine import (
    Engine,
    EngineLimits,
    EngineSettings,
    register_engine,
)
from translate_flow.machine.languages import from_google, to_google


@register_engine
class GoogleEngine(Engine):
    kind = "google"
    label = "Google Translate"
    default_endpoint = "https://translation.googleapis.com"
    # v3 takes up to 1024 contents; Google recommends under 5,000 code points a request.
    default_limits = EngineLimits(max_texts=128, max_chars=5_000, timeout=20.0)

    def __init__(self, settings: EngineSettings, http: httpx.Client) -> None:
        if not settings.key:
            raise ValueError("the Google engine needs an access token")
        if not settings.model:
            raise ValueError("the Google engine needs a project id (settings.model)")
        super().__init__(settings, http)
        self._pairs: frozenset[tuple[str, str]] | None = None
        self._lock = threading.Lock()

    @property
    def _location(self) -> str:
        return f"{self.endpoint}/v3/projects/{self.settings.model}/locations/global"

    @property
    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.settings.key}"}

    def provider_pairs(self) -> frozenset[tuple[str, str]] | None:
        with self._lock:
            if self._pairs is not None:
                return self._pairs
        body = self._json(
            self._send("GET", f"{self._location}/supportedLanguages", headers=self._headers)
        )
        languages = body.get("languages") if isinstance(body, dict) else None
        if not isinstance(languages, list):
            raise self._malformed("supportedLanguages has no languages list")
        sources, targets = set(), set()
        for entry in languages:
            if not isinstance(entry, dict) or not isinstance(entry.get("languageCode"), str):
                continue
            code = from_google(entry["languageCode"])
            if entry.get("supportSource"):
                sources.add(code)
            if entry.get("supportTarget"):
                targets.add(code)
        pairs = frozenset((s, t) for s in sources for t in targets if s != t)
        with self._lock:
            self._pairs = pairs
        return pairs

    def translate_batch(
        self, texts: list[str], source_language: str, target_language: str
    ) -> list[str]:
        payload = {
            "contents": texts,
            "mimeType": "text/plain",
            "sourceLanguageCode": to_google(source_language),
            "targetLanguageCode": to_google(target_language),
        }
        response = self._send(
            "POST", f"{self._location}:translateText", json=payload, headers=self._headers
        )
        return self._listed_texts(self._json(response), "translatedText", len(texts))
