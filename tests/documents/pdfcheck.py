"""Look at a real PDF the way a reader would: its text, its fonts, where its
characters sit, and a PNG of each page saved under test-artifacts/documents/."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2
from pypdf import PdfReader

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"


def text(pdf: bytes) -> str:
    """All the text, with runs of white space (narrow no-break spaces included) folded."""
    reader = PdfReader(io.BytesIO(pdf))
    raw = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"[\s\u00a0\u202f]+", " ", raw)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def fonts_embedded(pdf: bytes) -> set[str]:
    """Names of the fonts used; raises AssertionError if one is not embedded."""
    reader = PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        fonts = resources.get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            assert descriptor is not None, f"police sans descripteur : {font.get('/BaseFont')}"
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                f"police non incorporée : {font.get('/BaseFont')}"
            names.add(str(font.get("/BaseFont")))
    return names


def outside_page(pdf: bytes) -> list[tuple[int, str]]:
    """Characters whose box leaves the page (page number, character)."""
    document = pypdfium2.PdfDocument(pdf)
    out = []
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        for i in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(i)
            if left < -0.5 or bottom < -0.5 or right > width + 0.5 or top > height + 0.5:
                out.append((index + 1, textpage.get_text_range(i, 1)))
    return out


def save_pngs(pdf: bytes, name: str, scale: float = 1.0) -> list[Path]:
    """Each page as a PNG under test-artifacts/documents/ (to be looked at)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(pdf)
    paths = []
    for index in range(len(document)):
        path = ARTIFACTS / f"{name}-p{index + 1}.png"
        document[index].render(scale=scale).to_pil().save(path)
        paths.append(path)
    return paths


def check(pdf: bytes, name: str) -> str:
    """The usual checks for any document; returns its text."""
    assert pdf.startswith(b"%PDF")
    fonts_embedded(pdf)
    assert outside_page(pdf) == []
    save_pngs(pdf, name)
    return text(pdf)
