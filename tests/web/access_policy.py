"""Who may reach each route: the one table the access-control matrix test reads.

A route that is not listed here fails the matrix test, so every new route must say
who may use it.
"""

from enum import Enum


class Access(Enum):
    PUBLIC = "anyone, signed in or not"
    SIGNED_IN = "any active person"
    # Also who manages articles, outlets and feeds: the same two roles.
    PEOPLE_MANAGERS = "coordinators and admins"
    ADMINS = "admins"
    # Reachable by any active person, but the workflow itself decides by their pairs, role
    # and the item's state, so a signed-in person may still get 403 (tested elsewhere).
    WORKFLOW = "any active person; the workflow decides"


ROLES = ("anonymous", "translator", "reviewer", "coordinator", "admin")

ALLOWED = {
    Access.PUBLIC: set(ROLES),
    Access.SIGNED_IN: {"translator", "reviewer", "coordinator", "admin"},
    Access.PEOPLE_MANAGERS: {"coordinator", "admin"},
    Access.ADMINS: {"admin"},
    Access.WORKFLOW: {"translator", "reviewer", "coordinator", "admin"},
}

POLICY: dict[str, Access] = {
    "static": Access.PUBLIC,
    "home.health": Access.PUBLIC,
    "observability.ready": Access.PUBLIC,
    # Guarded by its own token (TRANSLATE_FLOW_METRICS_TOKEN), not by a person's role.
    "observability.metrics": Access.PUBLIC,
    "home.index": Access.SIGNED_IN,
    "auth.login": Access.PUBLIC,
    "auth.logout": Access.PUBLIC,
    "auth.accept_invitation": Access.PUBLIC,
    "auth.forgot_password": Access.PUBLIC,
    "auth.reset_password": Access.PUBLIC,
    "account.profile": Access.SIGNED_IN,
    "account.change_password": Access.SIGNED_IN,
    "account.tokens": Access.SIGNED_IN,
    "account.revoke_token": Access.SIGNED_IN,
    "people.index": Access.PEOPLE_MANAGERS,
    "people.invite": Access.PEOPLE_MANAGERS,
    "people.edit": Access.PEOPLE_MANAGERS,
    "people.deactivate": Access.PEOPLE_MANAGERS,
    "people.reactivate": Access.PEOPLE_MANAGERS,
    "admin.outbox": Access.ADMINS,
    "admin.outbox_message": Access.ADMINS,
    "admin.send_outbox": Access.ADMINS,
    "api.me": Access.SIGNED_IN,
    "api.update_me": Access.SIGNED_IN,
    "api.openapi": Access.PUBLIC,
    "articles.index": Access.SIGNED_IN,
    "articles.show": Access.SIGNED_IN,
    "articles.compare": Access.SIGNED_IN,
    "articles.new": Access.PEOPLE_MANAGERS,
    "articles.import_url": Access.PEOPLE_MANAGERS,
    "articles.edit": Access.PEOPLE_MANAGERS,
    "articles.archive": Access.PEOPLE_MANAGERS,
    "outlets.index": Access.PEOPLE_MANAGERS,
    "outlets.new": Access.PEOPLE_MANAGERS,
    "outlets.show": Access.PEOPLE_MANAGERS,
    "outlets.edit": Access.PEOPLE_MANAGERS,
    "feeds.inbox": Access.PEOPLE_MANAGERS,
    "feeds.poll": Access.PEOPLE_MANAGERS,
    "feeds.dismiss": Access.PEOPLE_MANAGERS,
    "api.list_articles": Access.SIGNED_IN,
    "api.get_article": Access.SIGNED_IN,
    "api.create_article": Access.PEOPLE_MANAGERS,
    "api.correct_article": Access.PEOPLE_MANAGERS,
    "api.list_outlets": Access.SIGNED_IN,
    "api.create_outlet": Access.PEOPLE_MANAGERS,
    "api.create_translation": Access.PEOPLE_MANAGERS,
    "api.list_translations": Access.SIGNED_IN,
    "api.get_translation": Access.SIGNED_IN,
    "api.translation_events": Access.SIGNED_IN,
    "api.assign_translation": Access.PEOPLE_MANAGERS,
    # Translators of the pair claim; everyone else gets 403 (tests/web/test_translations_api).
    "api.claim_translation": Access.WORKFLOW,
    "api.transition_translation": Access.WORKFLOW,
    # Each person sees and marks only their own (someone else's id answers 404).
    "notifications.index": Access.SIGNED_IN,
    "notifications.read": Access.SIGNED_IN,
    "notifications.read_all": Access.SIGNED_IN,
    "account.notification_settings": Access.SIGNED_IN,
    # Any active person reads a translation; its buttons are the workflow's to allow.
    "translations.show": Access.SIGNED_IN,
    "translations.fire_action": Access.WORKFLOW,
    "translations.assign": Access.PEOPLE_MANAGERS,
    "translations.board": Access.PEOPLE_MANAGERS,
    # The editor: anyone on the desk reads; editing is the workflow's to allow (its own tests).
    "editor.edit": Access.SIGNED_IN,
    "editor.save_all": Access.WORKFLOW,
    "editor.history": Access.SIGNED_IN,
    "editor.restore": Access.WORKFLOW,
    "editor.compare": Access.SIGNED_IN,
    "editor.add_comment": Access.SIGNED_IN,
    # The thread's author, translator, reviewer and coordinators (tests/web/test_editor_pages).
    "editor.resolve_comment": Access.WORKFLOW,
    # The translator, the reviewer and coordinators see the reviewer's changes.
    "editor.review_changes": Access.WORKFLOW,
    "editor.mark_seen": Access.WORKFLOW,
    "api.save_segment": Access.WORKFLOW,
    "api.dismiss_finding": Access.WORKFLOW,
    # The memory (issue 18): reading for the desk, forgetting for coordinators.
    "api.segment_suggestions": Access.SIGNED_IN,
    "api.prefill_translation": Access.WORKFLOW,
    "api.memory_concordance": Access.SIGNED_IN,
    "api.list_collections": Access.SIGNED_IN,
    "api.delete_collection": Access.PEOPLE_MANAGERS,
    "api.delete_unit": Access.PEOPLE_MANAGERS,
    # The termbase (issue 19).
    "api.translation_terms_api": Access.SIGNED_IN,
    # Quality checks over any text (issue 20): stateless, for whoever may view articles.
    "api.run_checks_api": Access.SIGNED_IN,
    # Terms through the API: reading for the desk; writing by the pair's rights, which
    # terms.rights decides (tests/web/test_terms_api.py).
    "api.list_terms": Access.SIGNED_IN,
    "api.get_term": Access.SIGNED_IN,
    "api.create_term": Access.WORKFLOW,
    "api.change_term": Access.WORKFLOW,
    "api.delete_term": Access.WORKFLOW,
    "api.decide_term": Access.WORKFLOW,
    # TMX in and out of the memory: coordinators and admins.
    "api.import_memory_tmx": Access.PEOPLE_MANAGERS,
    "api.export_memory_tmx": Access.PEOPLE_MANAGERS,
    # Termbase files (issue 19): coordinators and the pair's reviewers import (the import
    # decides by the file's pairs, tests/web/test_terms_files_api.py); the desk exports.
    "api.import_terms_file": Access.WORKFLOW,
    "api.export_terms_file": Access.SIGNED_IN,
    "api.segment_revisions": Access.SIGNED_IN,
    "api.translation_diff": Access.SIGNED_IN,
    "api.list_comments": Access.SIGNED_IN,
    "api.add_comment": Access.SIGNED_IN,
    "api.resolve_comment": Access.WORKFLOW,
    "api.csrf_token": Access.SIGNED_IN,
    # The public site: no sign-in.
    "public.index": Access.PUBLIC,
    "public.article": Access.PUBLIC,
    "public.comment": Access.PUBLIC,
    "public.comment_token": Access.PUBLIC,
    "public.export": Access.PUBLIC,
    "public.translator": Access.PUBLIC,
    "public.outlet": Access.PUBLIC,
    "public.feed": Access.PUBLIC,
    "public.language_feed": Access.PUBLIC,
    "public.translator_feed": Access.PUBLIC,
    "public.sitemap": Access.PUBLIC,
    "public.robots": Access.PUBLIC,
    "api.list_published": Access.PUBLIC,
    "api.get_published": Access.PUBLIC,
    "moderation.queue": Access.PEOPLE_MANAGERS,
    "moderation.decide": Access.PEOPLE_MANAGERS,
    "moderation.reply": Access.PEOPLE_MANAGERS,
    "translations.wordpress_export": Access.PEOPLE_MANAGERS,
    # Coordinators and reviewers with publishing rights for the pair (test_publishing_pages).
    "translations.schedule": Access.WORKFLOW,
    "translations.unschedule": Access.WORKFLOW,
    # phones (issue 16): the public site's own "not found" for dead public links, and the
    # preview of the public page for the people who may publish (test_publishing_controls).
    "public.missing": Access.PUBLIC,
    "translations.preview": Access.WORKFLOW,
    # review (issue 16): per-segment "checked" marks (the reviewer who took the review), how
    # far a review has got, and a coordinator's answer to a proposed due date
    # (tests/web/test_review_in_editor.py).
    "api.check_segment": Access.WORKFLOW,
    "api.uncheck_segment": Access.WORKFLOW,
    "api.review_status": Access.SIGNED_IN,
    "api.decide_due_proposal": Access.WORKFLOW,
    "translations.decide_due_proposal": Access.WORKFLOW,
    # memory pages (issue 18): the concordance for the desk; collections, import and
    # deletions for coordinators; pre-fill for the translator or a coordinator while the
    # translation may be edited (tests/web/test_memory_pages.py).
    "memory.search": Access.SIGNED_IN,
    "memory.collections_page": Access.PEOPLE_MANAGERS,
    "memory.import_file": Access.PEOPLE_MANAGERS,
    "memory.delete_collection": Access.PEOPLE_MANAGERS,
    "memory.delete_unit": Access.PEOPLE_MANAGERS,
    "memory.prefill_from_memory": Access.WORKFLOW,
    # termbase pages (issue 19): reading for the desk; adding, editing, deciding, deleting and
    # importing as the pair's rights say (tests/web/test_terms_pages.py).
    "terms.index": Access.SIGNED_IN,
    "terms.show": Access.SIGNED_IN,
    "terms.proposals_page": Access.SIGNED_IN,
    "terms.new": Access.WORKFLOW,
    "terms.edit": Access.WORKFLOW,
    "terms.decide": Access.WORKFLOW,
    "terms.delete": Access.WORKFLOW,
    "terms.import_file": Access.WORKFLOW,
    # working offline (issue 22): XLIFF out for who may edit the text or read the review's
    # changes, back in for who may edit it (tests/web/test_interchange_*.py).
    "api.export_translation": Access.WORKFLOW,
    "api.import_translation": Access.WORKFLOW,
    "interchange.offline": Access.WORKFLOW,
    "interchange.upload": Access.WORKFLOW,
    # machine translation (issue 21): the admin page for admins; translating through the API
    # for the pair's people, coordinators and admins (tests/web/test_machine_api.py); the
    # engines listed for the desk.
    "machine.engines": Access.ADMINS,
    "machine.add_engine": Access.ADMINS,
    "machine.enable_engine": Access.ADMINS,
    "machine.disable_engine": Access.ADMINS,
    "machine.remove_engine": Access.ADMINS,
    "machine.set_pair": Access.ADMINS,
    "api.translate_with_machine": Access.WORKFLOW,
    "api.list_machine_engines": Access.SIGNED_IN,
    # The whole-article machine draft: the translation's translator (or a coordinator) where
    # the pair allows drafts (tests/web/test_machine_in_editor.py).
    "api.machine_draft": Access.WORKFLOW,
    "machine_editor.draft_from_machine": Access.WORKFLOW,
    # statistics (issue 24): the desk's for coordinators and admins; one's own for everyone,
    # anyone's for coordinators (a translator asking for another's gets 403,
    # tests/web/test_statistics_pages.py).
    "statistics.desk": Access.PEOPLE_MANAGERS,
    "statistics.desk_csv": Access.PEOPLE_MANAGERS,
    "statistics.person": Access.WORKFLOW,
    "statistics.person_csv": Access.WORKFLOW,
    "api.get_statistics": Access.PEOPLE_MANAGERS,
}
