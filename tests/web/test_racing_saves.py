"""Two people × 300 saves racing on one segment through the app, on each database: every text
either lands, merges, or is refused and kept; nothing is ever lost."""

import threading

from flask.testing import FlaskClient

from tests.desk import Desk
from tests.web.racing import WORDS, Typist, check_nothing_was_lost
from tests.web.test_articles_api import token_client
from translate_flow.editing import saving as editing

SAVES = 300


def sender(client: FlaskClient, url: str):  # type: ignore[no-untyped-def]
    def send(body):  # type: ignore[no-untyped-def]
        response = client.put(url, json=body)
        return response.status_code, response.get_json()

    return send


def test_two_people_racing_300_saves_each_lose_nothing(app, desk: Desk):
    start = " ".join(f"w{n}" for n in range(WORDS))
    desk.write(desk.translator, 1, start)
    url = f"/api/v1/translations/{desk.translation_id}/segments/{desk.segment_ids[1]}"
    typists = [
        Typist("a", 0, sender(token_client(app, desk.translator), url), seed=1, version=1),
        # The coordinator stepping in stands for "another person"; two tabs of one person
        # are the same to the server: each carries its own base_version.
        Typist("b", 1, sender(token_client(app, desk.coordinator), url), seed=2, version=1),
    ]
    errors: list[BaseException] = []

    def run(typist: Typist) -> None:
        try:
            typist.run(SAVES)
        except BaseException as error:  # reported below, with the thread's name
            errors.append(error)

    threads = [threading.Thread(target=run, args=(t,), name=t.name) for t in typists]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    with desk.session() as session:
        row = editing.find_row(session, desk.translation(session), desk.segment_ids[1])
        check_nothing_was_lost(session, row.id, typists)
    # The race really raced: some saves merged, some were refused.
    assert sum(t.merged for t in typists) > 0
    assert sum(len(t.refused) for t in typists) > 0
