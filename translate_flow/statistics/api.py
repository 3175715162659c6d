"""API v1 of statistics: the desk's figures for a period, as the statistics page shows them."""

from flask import abort, jsonify, request
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.api.openapi import describe
from translate_flow.core.api.views import bp
from translate_flow.core.web.request_db import db_session
from translate_flow.domain.models import utcnow
from translate_flow.domain.permissions import can_coordinate_translations
from translate_flow.statistics import figures
from translate_flow.statistics.capacity_kept import kept_capacity
from translate_flow.statistics.openapi import statistics_paths, statistics_schemas
from translate_flow.statistics.period import read_filters
from translate_flow.statistics.report_json import desk_json

describe("statistics", statistics_paths, statistics_schemas)


@bp.route("/statistics")
@login_required
def get_statistics() -> Response:
    if not can_coordinate_translations(current_user):
        abort(403, "Only coordinators see the desk's statistics.")
    session = db_session()
    filters = read_filters(session, request.args, utcnow().date(), empty_is_absent=False)
    return jsonify(desk_json(figures.desk_report(session, filters, capacity=kept_capacity)))
