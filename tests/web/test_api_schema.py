"""The API against its own OpenAPI document, checked by machine (Schemathesis).

Every operation of /api/v1/openapi.json is called with generated requests, as each role,
over HTTP on a loopback port, on each database: no answer may be a server error, and every
answer must be one the document describes (status, content type, body). Requests that break
the document must be refused; requests that keep to it must be accepted, except where the
document cannot say everything the desk requires (see TOLERANT). The run is deterministic
(Hypothesis' derandomised mode, no example database): the same requests every time.
"""

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import jsonschema_rs
import pytest
import schemathesis
from click.testing import Result
from flask import Flask
from schemathesis.engine import events
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from tests.desk import ENGLISH, Desk
from translate_flow.domain.models import Role

# Per role: the coverage phase's cases (every boundary and every kind of wrong value) plus
# this many fuzzed ones per operation and mode; about 15 s a role on this machine.
MAX_EXAMPLES = 10
# Operations whose every rule the document cannot state: a language must be one CLDR
# knows, a person or outlet must exist and have the pair or role, a due date must be in
# the future, some actions need a reason, a snapshot is compared with a snapshot, a save's
# base_version is one the segment has had. Valid requests to these may be refused with 400;
# everything else about them is checked.
TOLERANT = [
    # Random bytes are never an XLIFF of the translation (issue 22).
    "importTranslation",
    "translateWithMachine",
    "saveSegment",
    "createArticle",
    "correctArticle",
    "createOutlet",
    "createTranslation",
    "assignTranslation",
    "moveTranslation",
    "diffTranslation",
    "listTranslations",
    "updateMe",
    # The file must be a TMX with units in a pair of the desk: random bytes never are.
    "importMemoryTmx",
    # A term's languages must be ones CLDR knows and differ, and it needs a target form
    # unless it is not to be translated.
    "createTerm",
    "replaceTerm",
    "updateTerm",
    # Random bytes are never a CSV or TBX termbase either.
    "importTermsFile",
    # The checks' languages must be ones CLDR knows (issue 20).
    "runChecks",
    # So must the concordance's: DFz_XDE has a tag's shape and is refused with 400.
    "searchMemory",
    # Statistics' languages must be ones CLDR knows, its outlet and translator exist, and its
    # period run forwards and span at most ten years (issue 24).
    "getStatistics",
]
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429"]


class _Quiet(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


@pytest.fixture
def api_url(app: Flask) -> Iterator[str]:
    """The app on 127.0.0.1 at a free port: the run goes through real HTTP, as clients do."""
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_Quiet)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def _token(app: Flask, email: str) -> str:
    result: Result = app.test_cli_runner().invoke(args=["users", "token", email])
    assert result.exit_code == 0, result.output
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture
def tokens(app: Flask, desk: Desk, make_user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A token for each role, held by people around the desk's translation."""
    admin = make_user(Role.ADMIN)
    people = {
        "translator": desk.translator,
        "reviewer": desk.reviewer,
        "coordinator": desk.coordinator,
        "admin": admin,
    }
    return {role: _token(app, person.email) for role, person in people.items()}


def _config(token: str) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "generation": {
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
                # NUL is refused on purpose (PostgreSQL cannot store it): test_out_of_range.
                "allow-x00": False,
            },
            # No crash replay from one run to the next: the same requests every time.
            "cache": {"enabled": False},
            "headers": {"Authorization": f"Bearer {token}"},
            "checks": {
                "enabled": True,
                "positive_data_acceptance": {"expected-statuses": ACCEPTED},
            },
            "operations": [
                {
                    "include-operation-id": TOLERANT,
                    "checks": {
                        "positive_data_acceptance": {"expected-statuses": [*ACCEPTED, "400"]}
                    },
                }
            ],
        }
    )


@dataclass
class Run:
    cases: int = 0
    operations: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)


def _run(base_url: str, token: str) -> Run:
    schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json", config=_config(token))
    run = Run()
    for event in schemathesis.engine.from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            run.cases += len(event.recorder.cases)
            run.operations.add(event.recorder.label)
            for checks in event.recorder.checks.values():
                for check in checks:
                    if check.failure_info is not None:
                        failure = check.failure_info.failure
                        run.failures.append(
                            f"{check.name} on {event.recorder.label}: {failure.title}\n"
                            f"{failure.message}\n{check.failure_info.code_sample[:2000]}"
                        )
        elif isinstance(event, events.NonFatalError):
            run.failures.append(f"error on {event.label}: {event.value!r}")
        elif isinstance(event, events.FatalError):
            run.failures.append(f"fatal: {event.exception!r}")
    return run


def _operations(document: dict[str, Any]) -> set[str]:
    """What the run calls: every operation but the document's own, which Schemathesis skips."""
    return {
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method in operations
        if method != "parameters" and path != "/openapi.json"
    }


def test_schemathesis_finds_no_server_error_and_no_departure_from_the_document(
    app, api_url, tokens
):
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    problems: dict[str, list[str]] = {}
    for role, token in tokens.items():
        run = _run(api_url, token)
        print(f"Schemathesis as {role}: {run.cases} cases")  # shown with -rP
        # Every operation was called, and not just a handful of times.
        assert _operations(document) <= run.operations, role
        assert run.cases > 30 * len(_operations(document)), (role, run.cases)
        if run.failures:
            problems[role] = sorted(set(run.failures))
    assert not problems, "\n\n".join(
        f"--- as {role}:\n" + "\n\n".join(found) for role, found in problems.items()
    )


# --- What the run found, each pinned by a test of its own -------------------------------------


@pytest.mark.parametrize("method", ["TRACE", "PROPFIND", "BREW"])
@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("/api/v1/me", {"GET", "HEAD", "OPTIONS", "PATCH"}),
        ("/api/v1/articles", {"GET", "HEAD", "OPTIONS", "POST"}),
        ("/desk/", {"GET", "HEAD", "OPTIONS"}),
    ],
)
def test_an_unsupported_method_is_a_405_that_says_what_is_allowed(client, method, url, allowed):
    response = client.open(url, method=method)
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == allowed


def _validator(document: dict[str, Any], *pointer: str) -> Any:
    """A validator for the schema at `pointer` inside the document, its `$ref`s resolved."""
    path = "/".join(quote(part.replace("~", "~0").replace("/", "~1")) for part in pointer)
    return jsonschema_rs.validator_for({**document, "$ref": f"#/{path}"})


def test_a_409_body_matches_exactly_one_of_its_schemas(app, desk, client):
    """An edit conflict is an error too: the 409's `oneOf` must tell the two apart."""
    document = client.get("/api/v1/openapi.json").get_json()
    path = "/translations/{translation_id}/segments/{segment_id}"
    validator = _validator(
        document,
        "paths",
        path,
        "put",
        "responses",
        "409",
        "content",
        "application/json",
        "schema",
    )
    desk.write(desk.translator, 1, "The yen has long been above 150 to the dollar.")
    headers = {"Authorization": f"Bearer {_token(app, desk.translator.email)}"}
    url = f"/api/v1/translations/{desk.translation_id}/segments/{desk.segment_ids[1]}"
    conflict = client.put(url, json={"text": "Something else", "base_version": 0}, headers=headers)
    assert conflict.status_code == 409
    assert conflict.get_json()["error"]["code"] == "edit_conflict"
    validator.validate(conflict.get_json())
    for index, text in enumerate(ENGLISH):
        desk.write(desk.translator, index, text)
    desk.submit()  # in review: the translator may no longer edit
    refused = client.put(url, json={"text": "Late", "base_version": 1}, headers=headers)
    assert refused.status_code == 409
    assert refused.get_json()["error"]["code"] != "edit_conflict"
    validator.validate(refused.get_json())


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("per_page=0", "per_page"),
        ("page=0", "page"),
        ("published_to=", "published_to"),
        ("priority=", "priority"),
        ("outlet_id=", "outlet_id"),
    ],
)
def test_a_list_filter_outside_the_document_is_refused(app, desk, client, query, name):
    headers = {"Authorization": f"Bearer {_token(app, desk.coordinator.email)}"}
    response = client.get(f"/api/v1/articles?{query}", headers=headers)
    assert response.status_code == 400
    assert name in response.get_json()["error"]["message"]


def test_a_whole_number_written_as_a_json_float_is_a_whole_number(app, desk, client):
    headers = {"Authorization": f"Bearer {_token(app, desk.coordinator.email)}"}
    url = f"/api/v1/translations/{desk.translation_id}/comments"
    response = client.post(
        url,
        json={"body": "On the title", "segment_id": float(desk.segment_ids[0])},
        headers=headers,
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.get_json()["segment_id"] == desk.segment_ids[0]


def test_a_string_field_sent_as_null_is_refused(app, desk, client):
    headers = {"Authorization": f"Bearer {_token(app, desk.coordinator.email)}"}
    response = client.post(
        "/api/v1/outlets", json={"name": "Asahi", "language": "ja", "notes": None}, headers=headers
    )
    assert response.status_code == 400
    assert "notes must be a string" in response.get_json()["error"]["message"]
