"""Forms of the termbase's pages: the list's filters, a term, a decision, a file to import."""

import re

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SearchField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from translate_flow.core.errors import ValidationFailed
from translate_flow.domain.models import Term, TermCategory, TermStatus
from translate_flow.terms.operations import MAX_NOTE_CHARS, ForbiddenForm, TermInput
from translate_flow.terms.web.queries import Flag, Pair

CATEGORY_LABELS = {
    TermCategory.PERSON: "Person",
    TermCategory.ORGANISATION: "Organisation",
    TermCategory.PLACE: "Place",
    TermCategory.TERM: "Term",
}
FLAG_LABELS = {
    Flag.CASE_SENSITIVE: "Case-sensitive",
    Flag.WHOLE_WORD: "Whole words only",
    Flag.DO_NOT_TRANSLATE: "Do not translate",
    Flag.HAS_FORBIDDEN: "Has forbidden forms",
}
STATUS_LABELS = {
    TermStatus.APPROVED: "Approved",
    TermStatus.PROPOSED: "Proposed",
    TermStatus.REJECTED: "Rejected",
}
# "form — reason": an em dash or a bar, or an en dash or hyphen between spaces (so that
# "host-nation" stays one form).
FORBIDDEN_LINE = re.compile(r"\s*[—|]\s*|\s+[–-]\s+")
MAX_LINES_CHARS = 20_000


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def forbidden_forms(text: str | None) -> list[ForbiddenForm]:
    """One forbidden form a line, its reason after a dash: "sympathy budget — a nickname"."""
    forms = []
    for line in _lines(text):
        parts = FORBIDDEN_LINE.split(line, maxsplit=1)
        forms.append(ForbiddenForm(parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""))
    return forms


def forbidden_text(term: Term) -> str:
    return "\n".join(
        item["form"] + (f" — {item['reason']}" if item.get("reason") else "")
        for item in term.forbidden
    )


def pair_choices(pairs: list[Pair], labels: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(f"{s}:{t}", f"{labels.get(s, s)} → {labels.get(t, t)}") for s, t in pairs]


class ListForm(FlaskForm):
    """The list's pair and filters, read from the address (a GET form)."""

    class Meta:
        csrf = False

    pair = SelectField("Language pair", choices=[], validators=[Optional()])
    q = SearchField(
        "Search",
        validators=[Optional(), Length(max=500)],
        description="In the source, targets, variants and notes; case and width do not matter.",
    )
    category = SelectField(
        "Category",
        choices=[
            SelectChoice("", "Any"),
            *(SelectChoice(c.value, label) for c, label in CATEGORY_LABELS.items()),
        ],
        validators=[Optional()],
    )
    flag = SelectField(
        "Flag",
        choices=[
            SelectChoice("", "Any"),
            *(SelectChoice(f.value, label) for f, label in FLAG_LABELS.items()),
        ],
        validators=[Optional()],
    )
    status = SelectField(
        "Status",
        choices=[
            SelectChoice("", "Approved and proposed"),
            *(SelectChoice(s.value, label) for s, label in STATUS_LABELS.items()),
        ],
        validators=[Optional()],
    )


class TermForm(FlaskForm):
    pair = SelectField("Language pair", choices=[], validators=[DataRequired("Choose a pair.")])
    source = StringField(
        "Source form",
        validators=[DataRequired("Write the word or name as the source has it."), Length(max=500)],
        description="As the source writes it, e.g. 思いやり予算 or Fumio Kishida.",
    )
    targets = TextAreaField(
        "Target forms",
        validators=[Optional(), Length(max=MAX_LINES_CHARS)],
        description="One a line; the first is the preferred one, which the editor inserts.",
        render_kw={"rows": 3},
    )
    variants = TextAreaField(
        "Variant source forms",
        validators=[Optional(), Length(max=MAX_LINES_CHARS)],
        description="One a line: plurals, other spellings; they are marked in sources too.",
        render_kw={"rows": 2},
    )
    forbidden = TextAreaField(
        "Forbidden target forms",
        validators=[Optional(), Length(max=MAX_LINES_CHARS)],
        description="One a line, the reason after a dash: “sympathy budget — a press nickname”.",
        render_kw={"rows": 2},
    )
    note = TextAreaField(
        "Note",
        validators=[Optional(), Length(max=MAX_NOTE_CHARS)],
        description="Usage, a source, a link.",
        render_kw={"rows": 3},
    )
    category = SelectField(
        "Category",
        choices=[SelectChoice(c.value, label) for c, label in CATEGORY_LABELS.items()],
        default=TermCategory.TERM.value,
    )
    case_sensitive = BooleanField("Case-sensitive (found only as written)")
    whole_word = BooleanField("Whole words only (spaced scripts)", default=True)
    do_not_translate = BooleanField("Do not translate: the translation keeps the source form")

    def to_input(self, pair: Pair) -> TermInput:
        try:
            category = TermCategory(self.category.data)
        except ValueError as error:
            raise ValidationFailed("Choose a category from the list.") from error
        return TermInput(
            source_language=pair[0],
            target_language=pair[1],
            source=self.source.data or "",
            targets=_lines(self.targets.data),
            variants=_lines(self.variants.data),
            forbidden=forbidden_forms(self.forbidden.data),
            note=self.note.data or "",
            category=category,
            case_sensitive=bool(self.case_sensitive.data),
            whole_word=bool(self.whole_word.data),
            do_not_translate=bool(self.do_not_translate.data),
        )

    def fill_from(self, term: Term) -> None:
        self.pair.data = f"{term.source_language}:{term.target_language}"
        self.source.data = term.source
        self.targets.data = "\n".join(term.targets)
        self.variants.data = "\n".join(term.variants)
        self.forbidden.data = forbidden_text(term)
        self.note.data = term.note
        self.category.data = term.category.value
        self.case_sensitive.data = term.case_sensitive
        self.whole_word.data = term.whole_word
        self.do_not_translate.data = term.do_not_translate


class DecisionForm(FlaskForm):
    comment = TextAreaField(
        "Comment",
        validators=[Optional(), Length(max=1000)],
        description="Said in the term's history, e.g. why it was rejected.",
        render_kw={"rows": 2},
    )
    approve = SubmitField("Approve")
    reject = SubmitField("Reject")


class ImportForm(FlaskForm):
    file = FileField(
        "Termbase file",
        validators=[FileRequired(message="Choose a CSV or TBX file to import.")],
        description="CSV with a header naming its columns, or TBX (TBX-Basic, TBX v2).",
        render_kw={"accept": ".csv,.tbx,.xml,text/csv,application/x-tbx+xml,application/xml"},
    )
    format = SelectField(
        "Format",
        choices=[
            SelectChoice("", "From the file"),
            SelectChoice("csv", "CSV"),
            SelectChoice("tbx", "TBX"),
        ],
        validators=[Optional()],
    )
    pair = SelectField(
        "Language pair",
        choices=[],
        validators=[Optional()],
        description="For a CSV file whose columns do not name the languages.",
    )
