"""Reading a PDF as a screen reader or an archive would: structure tree, language, title, PDF/A identity.

Each check raises AssertionError naming what is missing, so that a test fails when tagging,
the language, the title, the header cells or (for an archive) the PDF/A identification and
its attached data are removed.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from io import BytesIO

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


@dataclass
class StructureSummary:
    tags: list[str] = field(default_factory=list)
    """Every structure element's type (/S), in document (reading) order."""
    figures_without_alt: int = 0
    tables: int = 0
    tables_without_th: int = 0
    cells_without_headers: int = 0


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def structure(reader: PdfReader) -> StructureSummary:
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "no structure tree: the PDF is not tagged"
    summary = StructureSummary()

    def walk(node, in_table: list[bool]):
        node = _resolve(node)
        if not isinstance(node, DictionaryObject):
            return
        tag = node.get("/S")
        if tag is not None:
            tag = str(tag)
            summary.tags.append(tag)
            if tag == "/Figure" and not node.get("/Alt"):
                summary.figures_without_alt += 1
            if tag == "/TD":
                attributes = _resolve(node.get("/A"))
                if not (isinstance(attributes, DictionaryObject) and attributes.get("/Headers")):
                    summary.cells_without_headers += 1
            if tag == "/TH" and in_table:
                in_table[-1] = True
        kids = _resolve(node.get("/K"))
        if kids is None:
            return
        if not isinstance(kids, ArrayObject):
            kids = [kids]
        if tag == "/Table":
            summary.tables += 1
            flag = [False]
            for kid in kids:
                walk(kid, flag)
            if not flag[0]:
                summary.tables_without_th += 1
            return
        for kid in kids:
            walk(kid, in_table)

    walk(root["/StructTreeRoot"], [])
    return summary


def headings(summary: StructureSummary) -> list[int]:
    return [int(tag[2:]) for tag in summary.tags if re.fullmatch(r"/H[1-6]", tag)]


def xmp(reader: PdfReader) -> str:
    metadata = reader.trailer["/Root"].get("/Metadata")
    assert metadata is not None, "no XMP metadata stream"
    return _resolve(metadata).get_data().decode("utf-8")


def check_accessible(content: bytes, *, title: str | None = None) -> tuple[PdfReader, StructureSummary]:
    """The rules every Copilote PDF follows (PDF/UA-1 as WeasyPrint writes it):

    - tagged: a structure tree whose root element is /Document, /MarkInfo /Marked true;
    - /Lang fr in the catalogue;
    - a title in the document information and the XMP (dc:title), shown by the viewer
      (/ViewerPreferences /DisplayDocTitle true);
    - one /H1, and headings that never skip a level (H1 → H3);
    - every /Table has header cells (/TH) and every data cell (/TD) names its headers;
    - every /Figure (SVG chart, logo, photo) has a text alternative (/Alt);
    - the XMP says which standard it follows (pdfuaid:part 1).
    """
    reader = PdfReader(BytesIO(content))
    root = reader.trailer["/Root"]
    summary = structure(reader)
    assert summary.tags and summary.tags[0] == "/Document", summary.tags[:3]
    assert bool(_resolve(root.get("/MarkInfo", {})).get("/Marked")), "not marked as tagged (/MarkInfo)"
    assert root.get("/Lang") == "fr", f"language: {root.get('/Lang')!r}"
    assert reader.metadata is not None and reader.metadata.title, "no title in the document information"
    if title is not None:
        assert reader.metadata.title == title, reader.metadata.title
    assert bool(_resolve(root.get("/ViewerPreferences", {})).get("/DisplayDocTitle")), (
        "the title is not displayed"
    )
    levels = headings(summary)
    assert levels.count(1) == 1, f"one H1 expected: {levels}"
    assert levels[0] == 1, f"the first heading is not H1: {levels}"
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"a heading level is skipped (H{before} → H{after}): {levels}"
    assert summary.tables_without_th == 0, f"{summary.tables_without_th} table(s) without header cells"
    assert summary.cells_without_headers == 0, f"{summary.cells_without_headers} data cell(s) without headers"
    assert summary.figures_without_alt == 0, (
        f"{summary.figures_without_alt} figure(s) without a text alternative"
    )
    metadata = xmp(reader)
    assert "<dc:title>" in metadata and reader.metadata.title in metadata.replace("&amp;", "&"), (
        "no dc:title in the XMP"
    )
    assert 'pdfuaid:part="1"' in metadata, "no PDF/UA identification in the XMP"
    return reader, summary


def embedded_files(reader: PdfReader) -> dict[str, dict]:
    """{file name: {"relationship", "subtype", "content"}} from the catalogue's /AF (PDF/A-3 associated files)."""
    root = reader.trailer["/Root"]
    files = {}
    for reference in _resolve(root.get("/AF", ArrayObject())):
        spec = _resolve(reference)
        stream = _resolve(_resolve(spec["/EF"])["/F"])
        files[str(spec.get("/UF") or spec["/F"])] = {
            "relationship": str(spec.get("/AFRelationship")),
            "subtype": str(stream.get("/Subtype")),
            "content": stream.get_data(),
        }
    return files


def check_archive(reader: PdfReader) -> str:
    """PDF/A-3 (level A: tagged): identification in the XMP, sRGB output intent, fonts embedded;
    author (the sending organisation), subject and date in the XMP. Returns the XMP."""
    metadata = xmp(reader)
    assert re.search(r'pdfaid:part="3"', metadata), "no PDF/A-3 identification (pdfaid:part=3) in the XMP"
    assert re.search(r'pdfaid:conformance="A"', metadata), "not PDF/A-3a (conformance A: tagged)"
    assert "<dc:creator>" in metadata, "no author (the sending organisation) in the XMP"
    assert "<dc:description>" in metadata, "no subject in the XMP"
    assert "<xmp:CreateDate>" in metadata, "no date in the XMP"
    intents = _resolve(reader.trailer["/Root"].get("/OutputIntents"))
    assert intents and str(_resolve(intents[0])["/S"]) == "/GTS_PDFA1", "no PDF/A output intent"
    assert "sRGB" in str(_resolve(intents[0]).get("/OutputConditionIdentifier")), (
        "the output intent is not sRGB"
    )
    for page in reader.pages:
        fonts = _resolve(_resolve(page.get("/Resources", {})).get("/Font", {}))
        for font in (fonts or {}).values():
            font = _resolve(font)
            descendants = _resolve(font.get("/DescendantFonts"))
            holder = _resolve(descendants[0]) if descendants else font
            descriptor = _resolve(holder.get("/FontDescriptor"))
            assert descriptor is not None and any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ), f"font {font.get('/BaseFont')} is not embedded"
    return metadata


def check_not_archive(reader: PdfReader) -> None:
    assert "pdfaid:part" not in xmp(reader), "a PDF/A identification where none is expected"
    assert not reader.trailer["/Root"].get("/AF"), "data files attached to a document that is not an archive"


def pdftotext(content: bytes) -> str:
    """The text as a reader extracting it gets it (poppler's pdftotext, reading order)."""
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed"
    completed = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return completed.stdout.decode("utf-8")


def in_order(text: str, *parts: str) -> bool:
    """Every part found, each after the previous one (line breaks inside a cell read as spaces)."""
    text = " ".join(text.split())
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


# --- Documents of every kind, from the demo -----------------------------------------------------
ARCHIVE_KINDS = {
    "governance.minutes",  # once approved
    "governance.register",
    "evaluation.action_report",
    "evaluation.programme_synthesis",
    "adherents.restitution",
}
DATA_ATTACHED = {"governance.minutes", "evaluation.action_report", "evaluation.programme_synthesis"}


def demo_targets() -> dict:
    """{kind: target} for every registered kind, taken from the loaded demo (the richest object)."""
    from django.db.models import Count

    from actions.models import CollectiveAction, Programme
    from adherents.models import PreventionVisit, Survey
    from calls.models import Application, Call
    from governance.models import Committee, Meeting, Minutes
    from raci.models import Matrix

    approved = (
        Minutes.objects.filter(status=Minutes.Status.APPROVED)
        .select_related("meeting")
        .order_by("-pk")
        .first()
    )
    meeting = approved.meeting if approved else Meeting.objects.order_by("-starts_at").first()
    visit = (
        PreventionVisit.objects.exclude(done_on=None)
        .annotate(n=Count("work_units"))
        .order_by("-n", "pk")
        .first()
    )
    programme = Programme.objects.annotate(n=Count("actions")).order_by("-n", "pk").first()
    closed = CollectiveAction.objects.filter(status=CollectiveAction.Status.CLOSED).first()
    return {
        "actions.fiche": CollectiveAction.objects.annotate(n=Count("phases")).order_by("-n", "pk").first(),
        "actions.recap": programme,
        "adherents.restitution": visit,
        "adherents.synthesis": visit,
        "adherents.survey_results": Survey.objects.annotate(n=Count("responses"))
        .order_by("-n", "pk")
        .first(),
        "calls.application": Application.objects.exclude(submitted_at=None).order_by("pk").first(),
        "calls.selection_table": Call.objects.annotate(n=Count("applications")).order_by("-n", "pk").first(),
        "directory.export": None,
        "evaluation.action_report": closed or CollectiveAction.objects.first(),
        "evaluation.programme_synthesis": programme,
        "governance.convocation": meeting,
        "governance.minutes": meeting,
        "governance.attendance": meeting,
        "governance.register": Committee.objects.annotate(n=Count("meetings__decisions"))
        .order_by("-n", "pk")
        .first(),
        "raci.matrix": Matrix.objects.annotate(n=Count("activities")).order_by("-n", "pk").first(),
    }


def unsaved_document(kind: str, target, requester):
    """A document row as the worker receives it (not saved: nothing is stored)."""
    from django.contrib.contenttypes.models import ContentType

    from reports.models import Document
    from reports.registry import get_kind

    label = get_kind(kind).label
    return Document(
        kind=kind,
        title=f"{label} — {target}" if target is not None else str(label),
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        requested_by=requester,
    )
