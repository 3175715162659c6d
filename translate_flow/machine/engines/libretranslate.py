"""LibreTranslate's HTTP API (https://libretranslate.com/docs): POST /translate, GET /languages."""

from __future__ import annotations

import threading
from typing import Any

import httpx

from translate_flow.machine.engine import (
    Engine,
    EngineLimits,
    EngineSettings,
    register_engine,
)
from translate_flow.machine.languages import base_language, desk_code


@register_engine
class LibreTranslateEngine(Engine):
    kind = "libretranslate"
    label = "LibreTranslate"
    # A server's char_limit and batch_limit are its own; these fit the defaults of public ones.
    default_limits = EngineLimits(max_texts=25, max_chars=5_000, timeout=30.0)

    def __init__(self, settings: EngineSettings, http: httpx.Client) -> None:
        super().__init__(settings, http)
        self._codes: dict[str, str] | None = None  # desk code → the server's code
        self._pairs: frozenset[tuple[str, str]] | None = None
        self._lock = threading.Lock()

    def _read_languages(self) -> tuple[dict[str, str], frozenset[tuple[str, str]]]:
        with self._lock:
            if self._codes is not None and self._pairs is not None:
                return self._codes, self._pairs
        body = self._json(self._send("GET", f"{self.endpoint}/languages"))
        if not isinstance(body, list):
            raise self._malformed("/languages is not a list")
        codes: dict[str, str] = {}
        pairs = set()
        for entry in body:
            if not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
                continue
            source = entry["code"]
            codes[desk_code(source)] = source
            for target in entry.get("targets") or []:
                if isinstance(target, str) and target != source:
                    pairs.add((desk_code(source), desk_code(target)))
        with self._lock:
            self._codes, self._pairs = codes, frozenset(pairs)
        return codes, frozenset(pairs)

    def provider_pairs(self) -> frozenset[tuple[str, str]] | None:
        return self._read_languages()[1]

    def _server_code(self, code: str) -> str:
        """The server's spelling: newer ones list `pt-BR` and `zh-Hant`, older only `pt`, `zh`."""
        codes = self._codes or {}
        normalised = desk_code(code)
        return (
            codes.get(normalised)
            or codes.get(base_language(normalised))
            or base_language(normalised)
        )

    def translate_batch(
        self, texts: list[str], source_language: str, target_language: str
    ) -> list[str]:
        payload: dict[str, Any] = {
            "q": texts,
            "source": self._server_code(source_language),
            "target": self._server_code(target_language),
            "format": "text",
        }
        if self.settings.key:
            payload["api_key"] = self.settings.key
        body = self._json(self._send("POST", f"{self.endpoint}/translate", json=payload))
        translated = body.get("translatedText") if isinstance(body, dict) else None
        if isinstance(translated, str) and len(texts) == 1:
            translated = [translated]
        if not isinstance(translated, list) or not all(isinstance(t, str) for t in translated):
            raise self._malformed("translatedText is not a list of texts")
        return self._one_each(list(translated), len(texts))
