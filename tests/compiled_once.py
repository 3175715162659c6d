"""What an app compiles, compiled once per test process instead of once per app.

Every test builds its own app, and a new app compiles again what the last one compiled: the
URL builder of each of its 90-odd routes (Werkzeug generates and compiles a function per
route and way of building, 25 ms an app) and each template on its first render (20 ms for
the sign-in page alone). Both come out the same for the same input, so each is kept, keyed
by everything it is made from, and handed to the next app.
"""

from collections.abc import Callable
from typing import Any

from flask import Flask
from jinja2.bccache import Bucket, BytecodeCache
from werkzeug.routing.rules import Rule


class SharedBytecodeCache(BytecodeCache):
    """Compiled templates in memory, for every app of this process.

    Jinja's bytecode cache is made to be shared between environments: it keys the compiled
    code by the template's name and file and checks it against a hash of the source, so an
    edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


COMPILED = SharedBytecodeCache()


def share_compiled_templates(app: Flask) -> Flask:
    app.jinja_env.bytecode_cache = COMPILED
    return app


# A route's builder is made from the rule's parsed parts, the defaults that fill some of them,
# the kinds of converters, and whether unknown arguments are appended; it reaches the rule's
# own converters through its first argument, the rule it is bound to. So one builder serves
# every rule with the same key, in any app.
_BUILDERS: dict[tuple[Any, ...], Callable[..., tuple[str, str]]] = {}
_compile_builder = Rule._compile_builder


def _builder_key(rule: Rule, append_unknown: bool) -> tuple[Any, ...]:
    return (
        rule.rule,
        tuple(rule._trace),
        tuple(sorted((name, repr(value)) for name, value in (rule.defaults or {}).items())),
        tuple(sorted((name, type(converter)) for name, converter in rule._converters.items())),
        append_unknown,
    )


def _compile_builder_once(
    self: Rule, append_unknown: bool = True
) -> Callable[..., tuple[str, str]]:
    key = _builder_key(self, append_unknown)
    builder = _BUILDERS.get(key)
    if builder is None:
        builder = _BUILDERS[key] = _compile_builder(self, append_unknown)
    return builder


def share_compiled_url_builders() -> None:
    """From now on, in this process, each distinct route builder is compiled once."""
    Rule._compile_builder = _compile_builder_once  # type: ignore[method-assign]
