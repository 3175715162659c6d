"""The one blueprint of the operations' routes (/readyz, /metrics): machines read them."""

from flask import Blueprint

bp = Blueprint("observability", __name__)
