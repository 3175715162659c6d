"""The public site's blueprint, shared by its pages (`views`) and readers' comments (`comments`)."""

from flask import Blueprint

bp = Blueprint("public", __name__)
