"""The offline page's one form: the file coming back."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired


class UploadForm(FlaskForm):
    file = FileField(
        "File",
        validators=[FileRequired(message="Choose the file to upload.")],
        description=(
            "The XLIFF or Word file downloaded here, after your CAT tool, Word or LibreOffice "
            "saved it."
        ),
        render_kw={"accept": ".xlf,.xliff,.xml,.docx,application/xliff+xml,application/xml"},
    )
