"""Moderating readers' comments on the public site."""
