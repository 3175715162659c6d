"""A language model behind an OpenAI-compatible chat-completions API (OpenAI, vLLM, llama.cpp,
Ollama, LocalAI...).

One request carries a batch as a JSON array and must answer with a JSON object holding exactly
as many strings. Batching keeps one article's segments in one context (terms and names stay
consistent) and pays for the instructions once instead of once per segment; asking for JSON,
rather than stripping the quotes and remarks a model adds to free text, lets us validate the
answer and refuse it when the count or the shape is wrong.
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar

import httpx

from translate_flow.core.errors import UnknownLanguage
from translate_flow.machine.engine import (
    Engine,
    EngineLimits,
    EngineSettings,
    MachineError,
    register_engine,
)
from translate_flow.machine.protection import BRACES, TokenStyle
from translate_flow.text.languages import get_language

SYSTEM_PROMPT = """\
You are a translation engine for a newsroom. The user sends a JSON object {{"texts": [...]}} \
with strings in {source}. Translate each string into {target}, faithfully and completely, \
keeping the tone of news writing. Tokens made of a number in braces, such as {{0}} or {{12}}, \
stand for links, tags and names: copy each one unchanged into the place where it belongs in the \
translation, and never add, drop or renumber them. Answer with one JSON object \
{{"translations": [...]}} holding exactly {count} strings, the translation of each input string \
in the same order, and nothing else: no explanations, no notes, no quotation marks around \
a translation, no Markdown."""

_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def language_name(code: str) -> str:
    try:
        language = get_language(code)
    except UnknownLanguage:
        return code
    return f"{language.name} ({code})"


@register_engine
class OpenAICompatibleEngine(Engine):
    kind = "openai"
    label = "Language model"
    token_style: ClassVar[TokenStyle] = BRACES
    # Small batches: the answer must fit the model's output tokens, and one bad answer costs
    # only a few segments.
    default_limits = EngineLimits(max_texts=20, max_chars=6_000, timeout=60.0)

    def __init__(self, settings: EngineSettings, http: httpx.Client) -> None:
        if not settings.model:
            raise ValueError("the OpenAI-compatible engine needs a model name")
        super().__init__(settings, http)

    def translate_batch(
        self, texts: list[str], source_language: str, target_language: str
    ) -> list[str]:
        system = SYSTEM_PROMPT.format(
            source=language_name(source_language),
            target=language_name(target_language),
            count=len(texts),
        )
        payload: dict[str, Any] = {
            "model": self.settings.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": json.dumps({"texts": texts}, ensure_ascii=False)},
            ],
        }
        headers = {"Authorization": f"Bearer {self.settings.key}"} if self.settings.key else {}
        body = self._json(
            self._send("POST", f"{self.endpoint}/chat/completions", json=payload, headers=headers)
        )
        return self._translations(body, len(texts))

    def _translations(self, body: Any, count: int) -> list[str]:
        try:
            choice = body["choices"][0]
            content = choice["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise self._malformed("no choices[0].message.content") from None
        if choice.get("finish_reason") == "length":
            raise MachineError("unavailable", "the language model's answer was cut off")
        if not isinstance(content, str):
            raise self._malformed("the message content is not text")
        fenced = _FENCE.match(content)
        if fenced:
            content = fenced.group(1)
        try:
            answer = json.loads(content)
        except json.JSONDecodeError:
            raise MachineError(
                "unavailable", "the language model did not answer with JSON"
            ) from None
        translations = answer.get("translations") if isinstance(answer, dict) else answer
        if not isinstance(translations, list) or not all(isinstance(t, str) for t in translations):
            raise MachineError("unavailable", "the language model's JSON holds no list of texts")
        if len(translations) != count:
            raise MachineError(
                "unavailable",
                f"the language model returned {len(translations)} translations for {count} texts",
            )
        return translations
