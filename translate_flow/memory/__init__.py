"""The translation memory: what the desk translated before, found again beside each segment."""
