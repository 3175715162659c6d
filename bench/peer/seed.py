"""Seed the peer: an administrator, a project with one component of 150 paragraph units in
Weblate's "no remote repository" mode (a PO file committed to a local git repository; Weblate
refuses file:// remotes), its translation memory, and its memory as a suggestion service.
Prints the units the load generator asks for (ids and the checksums a save must send).

    WEBLATE_VENV/bin/python bench/peer/seed.py TEXTS.json > UNITS.json

Runs in Weblate's virtualenv with DJANGO_SETTINGS_MODULE set (bench/peer/run.py does that);
it imports nothing of the desk. A second run reuses what the first made.
"""

import json
import os
import sys
from typing import Any

import django

PROJECT = "peer"
COMPONENT = "articles"
USERNAME = "bench"
PASSWORD = "bench-password-0123"  # noqa: S105 -- a throwaway benchmark account
MEMORY_SERVICE = "weblate-translation-memory"


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _po(units: list[dict[str, str]], language: str) -> str:
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {language}\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
        "",
    ]
    for number, unit in enumerate(units, 1):
        lines += [
            f"#: article.html:{number}",
            f"msgctxt {_po_string(f'paragraph-{number}')}",
            f"msgid {_po_string(unit['source'])}",
            f"msgstr {_po_string(unit['target'])}",
            "",
        ]
    return "\n".join(lines)


def seed(texts: dict[str, Any]) -> dict[str, Any]:
    django.setup()
    # Imported after setup, as Django requires.
    from django.db import connection
    from weblate.auth.models import User
    from weblate.configuration.models import Setting, SettingCategory
    from weblate.lang.models import Language
    from weblate.memory.models import Memory
    from weblate.trans.models import Component, Project
    from weblate.utils.hash import hash_to_checksum
    from weblate.vcs.git import LocalRepository

    user = User.objects.filter(username=USERNAME).first()
    if user is None:
        user = User.objects.create_user(USERNAME, f"{USERNAME}@example.com", PASSWORD)
        user.is_superuser = True
        user.full_name = "Benchmark"
        user.save()
    source = Language.objects.get(code=texts["source_language"])
    target = Language.objects.get(code=texts["target_language"])
    project, _created = Project.objects.get_or_create(
        slug=PROJECT, defaults={"name": "Peer benchmark", "web": "https://example.com/"}
    )
    component = Component.objects.filter(project=project, slug=COMPONENT).first()
    if component is None:
        fake = Component(project=project, slug=COMPONENT, name="Articles")
        with LocalRepository.build_local_repo(fake.full_path, "Seeded by bench-peer"):
            os.makedirs(os.path.join(fake.full_path, "po"), exist_ok=True)
            path = os.path.join(fake.full_path, "po", f"{target.code}.po")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(_po(texts["units"], target.code))
        component = Component(
            project=project,
            slug=COMPONENT,
            name="Articles",
            vcs="local",
            repo="local:",
            push="",
            branch="main",
            filemask="po/*.po",
            file_format="po",
            new_lang="none",  # one translation, no base file to start others from
            source_language=source,
        )
        component.acting_user = user
        component.full_clean()
        component.save()
    if not Setting.objects.filter(category=SettingCategory.MT, name=MEMORY_SERVICE).exists():
        Setting.objects.create(category=SettingCategory.MT, name=MEMORY_SERVICE, value={})
    have = Memory.objects.filter(source_language=source, target_language=target).count()
    for entry in texts["memory"][have:]:
        Memory.objects.update_entry(
            source=entry["source"],
            target=entry["target"],
            source_language=source,
            target_language=target,
            context="",
            origin="bench-peer",
            status=1,  # active, as Weblate's own imports leave entries
            user=None,
            project=project,
            from_file=True,
            shared=False,
        )
    # Statistics for the planner: without them PostgreSQL runs the memory's fuzzy lookup as
    # a nested loop of minutes (autovacuum would get there later; a benchmark cannot wait).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    translation = component.translation_set.get(language=target)
    units = [
        {
            "id": unit.pk,
            "position": unit.position,
            "checksum": unit.checksum,
            "contentsum": hash_to_checksum(unit.edit_content_hash),
            "translationsum": hash_to_checksum(unit.get_target_hash()),
        }
        for unit in translation.unit_set.order_by("position")
    ]
    return {
        "username": USERNAME,
        "password": PASSWORD,
        "path": f"{PROJECT}/{COMPONENT}/{target.code}",
        "memory_service": MEMORY_SERVICE,
        "memory_units": Memory.objects.filter(
            source_language=source, target_language=target
        ).count(),
        "units": units,
    }


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: seed.py TEXTS.json")
    with open(sys.argv[1], encoding="utf-8") as handle:
        texts = json.load(handle)
    json.dump(seed(texts), sys.stdout)


if __name__ == "__main__":
    main()
