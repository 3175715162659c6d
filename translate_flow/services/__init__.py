"""Domain operations: plain functions over a Session that check, write history, flush and raise."""
