"""The translation pages; the publishing box's routes join the same blueprint."""

from translate_flow.workflow.web.translations import publishing_controls  # noqa: F401
