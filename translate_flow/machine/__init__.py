"""Machine translation: engines that suggest a first draft for a segment, called with care.

Importing translate_flow.machine.engines registers the built-in engine kinds in ENGINE_KINDS.
"""
