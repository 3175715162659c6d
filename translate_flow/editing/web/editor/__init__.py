"""The side-by-side editor, segment history, comments and diffs."""
