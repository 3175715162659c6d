"""The admin page of machine translation: engines, where the desk's text goes, modes per pair."""
