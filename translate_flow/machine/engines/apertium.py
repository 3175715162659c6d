"""Apertium through apertium-apy: rule-based, offline, a handful of pairs (Debian: es, ca, eu,
eo, gl, hbs, is, mk into English). APY speaks ISO 639-3 codes (`spa|eng`, `eng_US`)."""

from __future__ import annotations

import threading
import time
from typing import ClassVar

import httpx

from translate_flow.machine.engine import (
    Engine,
    EngineLimits,
    EngineSettings,
    MachineError,
    register_engine,
)
from translate_flow.machine.languages import base_language, desk_code, from_iso639_3
from translate_flow.machine.protection import BRACES, TokenStyle

# APY's /listPairs changes only when a pair is installed; asking once in a while is plenty.
PAIRS_MAX_AGE = 300.0


@register_engine
class ApertiumEngine(Engine):
    kind = "apertium"
    label = "Apertium"
    token_style: ClassVar[TokenStyle] = BRACES
    # APY's /translate takes one text; the call is local and fast (13–45 ms a paragraph).
    default_limits = EngineLimits(max_texts=1, max_chars=20_000, timeout=10.0)

    def __init__(self, settings: EngineSettings, http: httpx.Client) -> None:
        super().__init__(settings, http)
        self._apy_pairs: dict[tuple[str, str], tuple[str, str]] | None = None
        self._pairs_read_at = 0.0
        self._pairs_lock = threading.Lock()

    def _pairs(self) -> dict[tuple[str, str], tuple[str, str]]:
        """Desk-code pairs → APY's codes for them, from /listPairs."""
        with self._pairs_lock:
            fresh = time.monotonic() - self._pairs_read_at < PAIRS_MAX_AGE
            if self._apy_pairs is not None and fresh:
                return self._apy_pairs
        body = self._json(self._send("GET", f"{self.endpoint}/listPairs"))
        listed = body.get("responseData") if isinstance(body, dict) else None
        if not isinstance(listed, list):
            raise self._malformed("/listPairs has no responseData list")
        pairs: dict[tuple[str, str], tuple[str, str]] = {}
        for entry in listed:
            if not isinstance(entry, dict):
                raise self._malformed("/listPairs lists something that is not a pair")
            source, target = entry.get("sourceLanguage"), entry.get("targetLanguage")
            if isinstance(source, str) and isinstance(target, str):
                pairs[(from_iso639_3(source), from_iso639_3(target))] = (source, target)
        with self._pairs_lock:
            self._apy_pairs = pairs
            self._pairs_read_at = time.monotonic()
        return pairs

    def provider_pairs(self) -> frozenset[tuple[str, str]] | None:
        pairs = self._pairs()
        # A desk asking for plain `en` is served by `eng` (or by a variant where only that exists).
        offered = set(pairs)
        offered.update((base_language(s), base_language(t)) for s, t in pairs)
        return frozenset(offered)

    def _apy_pair(self, source_language: str, target_language: str) -> tuple[str, str]:
        pairs = self._pairs()
        wanted = (desk_code(source_language), desk_code(target_language))
        if wanted in pairs:
            return pairs[wanted]
        bases = (base_language(wanted[0]), base_language(wanted[1]))
        if bases in pairs:
            return pairs[bases]
        for (source, target), apy_pair in sorted(pairs.items()):
            if (base_language(source), base_language(target)) == bases:
                return apy_pair
        raise MachineError(
            "refused", f"Apertium here has no {source_language} → {target_language} pair"
        )

    def translate_batch(
        self, texts: list[str], source_language: str, target_language: str
    ) -> list[str]:
        source, target = self._apy_pair(source_language, target_language)
        out = []
        for text in texts:
            # POST, form-encoded: a paragraph may not fit in a URL.
            response = self._send(
                "POST",
                f"{self.endpoint}/translate",
                data={
                    "langpair": f"{source}|{target}",
                    "q": text,
                    "markUnknown": "no",
                    "format": "txt",
                },
            )
            body = self._json(response)
            data = body.get("responseData") if isinstance(body, dict) else None
            translated = data.get("translatedText") if isinstance(data, dict) else None
            if not isinstance(translated, str):
                raise self._malformed("no responseData.translatedText")
            out.append(translated)
        return out
