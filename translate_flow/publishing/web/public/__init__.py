"""The public site: published translations, their translators, feeds, readers' comments."""
