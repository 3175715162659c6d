"""People through the real UI: an invitation from coordinator to outbox to a new volunteer's desk,
and a volunteer's own profile and API token."""

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import (
    DESK_URL,
    E2E_MARKS,
    BrowserProblems,
    LiveServer,
    labelled,
    sign_in,
)
from tests.e2e.desk_data import ADMIN, COORDINATOR, TRANSLATOR, TRANSLATOR_NAME, nav

pytestmark = E2E_MARKS

INVITEE = "kenji.watanabe@example.org"
INVITEE_NAME = "Kenji Watanabe"
INVITEE_PASSWORD = "paper lanterns over the river"


def test_coordinator_invites_a_volunteer_who_joins_through_the_emailed_link(
    page: Page,
    new_context: Callable[[], BrowserContext],
    live_server: LiveServer,
    problems: BrowserProblems,
    artifacts: Path,
):
    # The coordinator invites a Japanese translator who may also review.
    sign_in(page, COORDINATOR)
    expect(page.locator("#coordinator-home table.coverage")).to_be_visible()
    page.screenshot(path=artifacts / "coordinator-desk.png", full_page=True)

    nav(page).get_by_role("link", name="People", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    expect(page.get_by_role("row").filter(has_text=TRANSLATOR_NAME)).to_be_visible()
    page.screenshot(path=artifacts / "people.png", full_page=True)

    page.get_by_role("button", name="Invite a volunteer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite a volunteer")
    labelled(page, "E-mail address").fill(INVITEE)
    translator = page.get_by_role("checkbox", name="Translator", exact=True)
    expect(translator).to_be_checked()  # the usual case is ticked already
    page.get_by_role("checkbox", name="Reviewer", exact=True).check()
    page.get_by_label("Pair 1: from", exact=True).fill("ja")
    page.get_by_label("Pair 1: into", exact=True).fill("en")
    page.get_by_role("checkbox", name="Pair 1: may review").check()
    page.get_by_role("button", name="Send the invitation").click()

    expect(page.get_by_role("status")).to_have_text(f"Invitation sent to {INVITEE}.")
    expect(page).to_have_url(re.compile(r"/people/\d+$"))
    expect(page.get_by_text("invitation not yet accepted")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Reviewer", exact=True)).to_be_checked()
    expect(page.get_by_label("Pair 1: from", exact=True)).to_have_value("ja")
    expect(page.get_by_label("Pair 1: into", exact=True)).to_have_value("en")

    # An admin reads the invitation in the outbox.
    admin = new_context().new_page()
    problems.watch(admin)
    sign_in(admin, ADMIN)
    expect(admin.locator("#admin-home")).to_contain_text("1 sent")
    nav(admin).get_by_role("link", name="Outbox", exact=True).click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Outbox")
    row = admin.get_by_role("row").filter(has_text=INVITEE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("sent")
    row.get_by_role("link", name="Corinne Coordinator invites you to translate").click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text(
        "Corinne Coordinator invites you to translate"
    )
    body = admin.locator("pre.mail-body")
    expect(body).to_contain_text("/invite/")
    link = re.search(r"https?://\S+/invite/\S+", body.inner_text())
    assert link is not None, body.inner_text()
    assert link.group(0).startswith(f"{live_server.url}/invite/")

    # The volunteer, signed out in a browser of their own, follows the link.
    volunteer = new_context().new_page()
    problems.watch(volunteer)
    volunteer.goto(link.group(0))
    expect(volunteer.get_by_role("heading", level=1)).to_have_text("Welcome to translate_flow")
    expect(volunteer.get_by_text(f"You are joining as {INVITEE}")).to_be_visible()
    labelled(volunteer, "Your name").fill(INVITEE_NAME)
    labelled(volunteer, "New password").fill(INVITEE_PASSWORD)
    labelled(volunteer, "Repeat the password").fill(INVITEE_PASSWORD)
    volunteer.get_by_role("button", name="Join the desk").click()

    expect(volunteer).to_have_url(DESK_URL)
    expect(volunteer.get_by_role("heading", level=1)).to_have_text(f"Hello, {INVITEE_NAME}")
    expect(volunteer.get_by_role("status")).to_have_text(
        f"Welcome to translate_flow, {INVITEE_NAME}."
    )
    expect(volunteer.locator("#translator-home")).to_contain_text("ja→en")
    expect(volunteer.locator("#reviewer-home")).to_contain_text("ja→en")
    expect(volunteer.locator("#coordinator-home")).to_have_count(0)
    expect(nav(volunteer).get_by_role("link", name="People", exact=True)).to_have_count(0)

    # The link has done its work: a second use is refused (with 400).
    problems.allow_status(400)
    volunteer.goto(link.group(0))
    expect(volunteer.get_by_role("heading", level=1)).to_have_text("This link does not work")

    # And the coordinator now sees the volunteer as active, under the chosen name.
    page.goto("/people/?q=kenji")
    invited_row = page.get_by_role("row").filter(has_text=INVITEE)
    expect(invited_row).to_contain_text(INVITEE_NAME)
    expect(invited_row.get_by_role("cell").last).to_have_text("active")
    assert problems.messages == []


def test_volunteer_edits_their_bio_and_uses_an_api_token(
    page: Page, new_context: Callable[[], BrowserContext], problems: BrowserProblems
):
    bio = "Translates Japanese commentary; also reads Korean — slowly."
    sign_in(page, TRANSLATOR)

    nav(page).get_by_role("link", name=TRANSLATOR_NAME, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    labelled(page, "Public bio").fill(bio)
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_have_text("Your profile is saved.")
    page.reload()
    expect(labelled(page, "Public bio")).to_have_value(bio)

    page.get_by_role("link", name="Manage your API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    expect(page.get_by_text("You have no tokens.")).to_be_visible()
    labelled(page, "Token name").fill("feed importer")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("heading", name="Your new token")).to_be_visible()
    secret_field = page.get_by_label("New API token")
    expect(secret_field).not_to_have_value("")
    secret = secret_field.input_value()
    token_row = page.get_by_role("row").filter(has_text="feed importer")
    expect(token_row).to_contain_text("never")

    # Shown only once: the list keeps the start of it, never the whole secret.
    page.goto("/account/tokens")
    expect(page.get_by_role("heading", name="Your new token")).to_have_count(0)
    expect(page.get_by_label("New API token")).to_have_count(0)
    expect(token_row).to_be_visible()
    assert secret not in page.content()

    # A program with the token, and no cookie at all, is the translator.
    api = new_context().request
    headers = {"Authorization": f"Bearer {secret}"}
    answer = api.get("/api/v1/me", headers=headers)
    assert answer.status == 200, answer.text()
    me = answer.json()
    assert me["email"] == TRANSLATOR
    assert me["name"] == TRANSLATOR_NAME
    assert me["bio"] == bio
    answer.dispose()

    # Revoking it (after the confirmation app.js asks for) locks the program out.
    page.reload()
    expect(token_row).not_to_contain_text("never")  # the API call was recorded
    page.once("dialog", lambda dialog: dialog.accept())
    token_row.get_by_role("button", name="Revoke").click()
    expect(page.get_by_role("status")).to_contain_text("Token “feed importer” is revoked")
    refused = api.get("/api/v1/me", headers=headers)
    assert refused.status == 401
    assert refused.json()["error"]["code"] == "unauthorized"
    refused.dispose()
    assert problems.messages == []
