import zipfile
from io import BytesIO

from library.extract import extract_text
from tests.library.factories import docx_bytes, pdf_bytes


def test_text_of_a_pdf_is_extracted():
    text = extract_text(pdf_bytes("La fiche de cadrage sécurise la démarche."), "pdf")
    assert "fiche de cadrage" in text and "sécurise" in text


def test_text_of_a_pdf_without_pypdf_comes_from_pdftotext(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pypdf(name, *args, **kwargs):
        if name == "pypdf":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pypdf)
    assert "cadrage" in extract_text(pdf_bytes("Réunion de cadrage"), "pdf")


def test_text_of_a_docx_is_extracted_paragraph_by_paragraph():
    text = extract_text(
        docx_bytes("Premier paragraphe\nCahier des charges de l’espace de discussion"), "docx"
    )
    assert text == "Premier paragraphe Cahier des charges de l’espace de discussion"


def test_a_docx_with_an_entity_bomb_gives_no_text():
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">'
            '<!ENTITY b "&a;&a;&a;&a;">]><w:document xmlns:w="x">&b;</w:document>',
        )
    assert extract_text(buffer.getvalue(), "docx") == ""


def test_damaged_files_and_other_kinds_give_no_text():
    assert extract_text(b"%PDF-1.4 garbage", "pdf") == ""
    assert extract_text(b"PK not a zip", "docx") == ""
    assert extract_text(b"\x89PNG", "png") == ""
