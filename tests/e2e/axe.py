"""axe-core in the browser tests: running it on a page as it is now (whatever its Content
Security Policy), the rules the pages keep, and a readable account of what it found."""

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal

from playwright.sync_api import Locator, Page

AXE_JS = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA: what the law in most places asks of a public site.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")

# What the test needs of axe's answer, cut down in the page: the full answer is megabytes.
RUN_AXE = """async ([context, options]) => {
  const result = await axe.run(context || document, {...options, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map(String).join(" "),
      html: n.html.slice(0, 160),
      data: [...n.any, ...n.all, ...n.none]
        .map((c) => c.data)
        .filter((d) => d && typeof d === "object"),
    })),
  }));
}"""
# Rules outside WCAG's tags (axe's "best practice") for a page's structure, which the pages
# keep whatever axe thinks of their impact: one main landmark, everything in a landmark, one
# h1, headings in order, no empty heading or column header.
STRUCTURE_RULES = [
    "landmark-one-main",
    "landmark-unique",
    "region",
    "page-has-heading-one",
    "heading-order",
    "empty-heading",
    "empty-table-header",
]
EVERY_RULE = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "rules": {rule: {"enabled": True} for rule in STRUCTURE_RULES},
}
# Only these rules read colours, so only they can answer differently in the other scheme.
COLOUR_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
FINISH_TRANSITIONS = "document.getAnimations().forEach((a) => a.finish())"
OPEN_DISCLOSURES = "document.querySelectorAll('details').forEach((d) => { d.open = true; })"


def failing_violations(
    page: Page, options: Mapping[str, object], within: Locator | None = None
) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations of the page as it is now (or of one element
    of it), and any of the structure rules.

    The app's Content-Security-Policy allows only its own scripts, so a <script> tag added to
    the page (`add_script_tag`) would be refused; an evaluation through the DevTools protocol is
    not subject to the page's CSP, and the policy stays as it is served.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    context = within.element_handle() if within is not None else None
    try:
        found = page.evaluate(RUN_AXE, [context, options])
    finally:
        if context is not None:
            context.dispose()
    return [v for v in found if v["impact"] in BLOCKING or v["id"] in STRUCTURE_RULES]


@cache
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def _contrast(data: dict[str, Any]) -> str:
    if "contrastRatio" not in data:
        return ""
    return (
        f" — contrast {data['contrastRatio']}:1, needs {data.get('expectedContrastRatio')}"
        f" ({data.get('fgColor')} on {data.get('bgColor')}, {data.get('fontSize')}"
        f" {data.get('fontWeight')})"
    )


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            contrast = "".join(_contrast(data) for data in node["data"])
            lines.append(f"  - {node['target']}{contrast}")
            lines.append(f"      {node['html']}")
    return "\n".join(lines)


def violations_in_both_schemes(page: Page) -> dict[str, list[dict[str, Any]]]:
    """What fails on the page as it is now: every rule in the light colour scheme, and the rules
    that read colours again in the dark one."""
    found: dict[str, list[dict[str, Any]]] = {}
    schemes: list[tuple[Literal["light", "dark"], Mapping[str, object]]] = [
        ("light", EVERY_RULE),
        ("dark", COLOUR_RULES),
    ]
    for scheme, options in schemes:
        page.emulate_media(color_scheme=scheme)
        assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
        # Pico eases colours over 0.2 s; the check reads them where they come to rest.
        page.evaluate(FINISH_TRANSITIONS)
        found[scheme] = failing_violations(page, options)
    return found


def describe_schemes(found: Mapping[str, list[dict[str, Any]]]) -> str:
    """The violations of each scheme, described; empty when there are none."""
    return "\n".join(
        f"{len(violations)} in the {scheme} scheme:\n{describe(violations)}"
        for scheme, violations in found.items()
        if violations
    )
