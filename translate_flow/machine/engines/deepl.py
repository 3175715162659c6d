"""DeepL API v2 (https://developers.deepl.com/docs/api-reference/translate)."""

from __future__ import annotations

import threading
from typing import ClassVar

import httpx

from translate_flow.machine.engine import (
    Engine,
    EngineLimits,
    EngineSettings,
    register_engine,
)
from translate_flow.machine.languages import (
    base_language,
    desk_code,
    to_deepl_source,
    to_deepl_target,
)
from translate_flow.machine.protection import XML, TokenStyle

PRO_ENDPOINT = "https://api.deepl.com"
FREE_ENDPOINT = "https://api-free.deepl.com"


@register_engine
class DeepLEngine(Engine):
    kind = "deepl"
    label = "DeepL"
    token_style: ClassVar[TokenStyle] = XML
    # DeepL: at most 50 texts per request and 128 KiB per request body.
    default_limits = EngineLimits(max_texts=50, max_chars=30_000, timeout=20.0)

    def __init__(self, settings: EngineSettings, http: httpx.Client) -> None:
        if not settings.key:
            raise ValueError("the DeepL engine needs an authentication key")
        super().__init__(settings, http)
        self._languages: dict[str, frozenset[str]] = {}
        self._lock = threading.Lock()

    @classmethod
    def default_endpoint_for(cls, settings: EngineSettings) -> str | None:
        # Keys of the free plan end in ":fx" and work only on the free host.
        return FREE_ENDPOINT if (settings.key or "").endswith(":fx") else PRO_ENDPOINT

    @property
    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"DeepL-Auth-Key {self.settings.key}"}

    def _language_codes(self, kind: str) -> frozenset[str]:
        with self._lock:
            if kind in self._languages:
                return self._languages[kind]
        body = self._json(
            self._send(
                "GET", f"{self.endpoint}/v2/languages", params={"type": kind}, headers=self._headers
            )
        )
        if not isinstance(body, list):
            raise self._malformed("/v2/languages is not a list")
        codes = frozenset(
            entry["language"].upper()
            for entry in body
            if isinstance(entry, dict) and isinstance(entry.get("language"), str)
        )
        with self._lock:
            self._languages[kind] = codes
        return codes

    def provider_pairs(self) -> frozenset[tuple[str, str]] | None:
        sources = {desk_code(code) for code in self._language_codes("source")}
        targets = {desk_code(code) for code in self._language_codes("target")}
        # The desk's `en` and `pt` reach DeepL's EN-US and PT-PT (see languages.py).
        targets |= {base_language(code) for code in targets}
        return frozenset(
            (s, t) for s in sources for t in targets if base_language(s) != base_language(t)
        )

    def translate_batch(
        self, texts: list[str], source_language: str, target_language: str
    ) -> list[str]:
        targets = self._languages.get("target")
        payload = {
            "text": texts,
            "source_lang": to_deepl_source(source_language),
            "target_lang": to_deepl_target(target_language, targets),
            # Protected placeholders travel as <x id="n"/>, which DeepL places but never translates.
            "tag_handling": "xml",
            "ignore_tags": ["x"],
        }
        response = self._send(
            "POST", f"{self.endpoint}/v2/translate", json=payload, headers=self._headers
        )
        return self._listed_texts(self._json(response), "text", len(texts))
