"""Forms of the memory's pages: the search, a TMX file to import, a deletion to confirm."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SearchField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from translate_flow.core.web.forms import WholeNumberField

# As the API's concordance: a phrase longer than a paragraph is not a search.
MAX_PHRASE_CHARS = 500


class SearchForm(FlaskForm):
    """The concordance: a pair and a phrase, read from the address (a GET form)."""

    class Meta:
        csrf = False

    pair = SelectField("Language pair", choices=[], validators=[Optional()])
    q = SearchField(
        "Word or phrase",
        validators=[Optional(), Length(max=MAX_PHRASE_CHARS)],
        description="Every word, in the source or the translation; case, accents, vowel marks "
        "and word endings do not matter.",
    )


class ImportForm(FlaskForm):
    file = FileField(
        "TMX file",
        validators=[FileRequired(message="Choose a TMX file to import.")],
        description="TMX 1.4b or 1.1, from OmegaT, Trados, memoQ, Phrase…",
        render_kw={"accept": ".tmx,.xml,application/x-tmx+xml,application/xml,text/xml"},
    )
    collection = StringField(
        "Collection name",
        validators=[DataRequired(message="Name the collection."), Length(max=200)],
        description="Units are kept under this name; an existing name in the pair adds to it.",
    )
    pair = SelectField(
        "Language pair",
        choices=[],
        validators=[Optional()],
        description="For a file with more than two languages: the pair to take from it.",
    )


class ConfirmDeleteForm(FlaskForm):
    """Deleting a collection or a unit: its id, and where the person came from."""

    item_id = WholeNumberField(validators=[InputRequired(), NumberRange(min=1)])
    # The search to go back to after a unit is deleted ("pair", "q", "page" as sent).
    back_pair = HiddenField(validators=[Optional(), Length(max=50)])
    back_q = HiddenField(validators=[Optional(), Length(max=MAX_PHRASE_CHARS)])
    back_page = HiddenField(validators=[Optional(), Length(max=10)])
