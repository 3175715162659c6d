"""How much of a frozen text is a machine's unedited output: measured once per snapshot.

Measured at submit, approval and publication (`editing.machine_share`), and kept beside the
snapshot it describes: the rows' histories keep changing, what was submitted does not.
"""

from sqlalchemy import CheckConstraint, Float, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from translate_flow.domain.models.base import Base


class MachineShare(Base):
    """One snapshot's machine share: unedited machine tokens over all tokens of the text.

    Tokens are words, or characters in scripts written without spaces (as `text.wordcount`
    counts them). Segments left untranslated are neither machine nor translated text.
    """

    __tablename__ = "machine_shares"

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("snapshots.id", ondelete="CASCADE"), unique=True
    )
    share: Mapped[float] = mapped_column(Float)  # machine_tokens / total_tokens, 0 when empty
    machine_tokens: Mapped[int]
    total_tokens: Mapped[int]
    machine_segments: Mapped[int]  # segments whose text came from a machine suggestion
    untouched_segments: Mapped[int]  # … and still read exactly as the machine wrote them
    total_segments: Mapped[int]  # the segments counted (not left untranslated)

    __table_args__ = (
        # A share is a fraction, and what it counts cannot exceed what there is.
        CheckConstraint("share >= 0 AND share <= 1", name="share_range"),
        CheckConstraint("machine_tokens >= 0 AND machine_tokens <= total_tokens", name="tokens"),
        CheckConstraint(
            "untouched_segments >= 0 AND untouched_segments <= machine_segments "
            "AND machine_segments <= total_segments",
            name="segments",
        ),
    )
