"""The desk's own attributes in an XLIFF file of either version (namespace `tf`): the file's
translation and article, and each unit's source segment, version at download, state and kind,
by which `xliff_reading` matches an upload and saves it on the right base."""

from translate_flow.interchange.units import NAMESPACE, PREFIX, OfflineDocument, OfflineUnit

DECLARATION = f'xmlns:{PREFIX}="{NAMESPACE}"'


def file_marks(document: OfflineDocument) -> str:
    return (
        f'{PREFIX}:translation="{document.translation_id}" {PREFIX}:article="{document.article_id}"'
    )


def unit_marks(unit: OfflineUnit) -> str:
    return (
        f'{PREFIX}:segment="{unit.segment_id}" {PREFIX}:version="{unit.version}" '
        f'{PREFIX}:state="{unit.state.value}" {PREFIX}:kind="{unit.kind}"'
    )
