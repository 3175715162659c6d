"""Inline markup across languages: a source segment's links and emphasis as numbered tags that
a translation places as placeholders (`{1}…{/1}`, `{3/}`), the rules for placing them, and
their rendering back into the source's elements on every output."""
