"""The access report: everything held about one person, where it went and who changed it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from desktop_app.documents.layout import (
    BODY,
    CENTER,
    HEADING,
    MARGIN,
    PAGE,
    TITLE,
    a4_document,
    escape,
    numbered_canvas,
    table,
    widths_to_fit,
)

HEADING_WITH_TABLE = ParagraphStyle("heading_with_table", parent=HEADING, keepWithNext=1)


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    columns: tuple[str, ...]
    rows: Sequence[Sequence[str]]
    weights: tuple[float, ...]  # relative column widths
    empty: str = "Tidak ada."


def write_access_report(title: str, intro: str, sections: list[Section], path: Path) -> None:
    doc = a4_document(path, title, bottomMargin=18 * mm)
    width = PAGE[0] - 2 * MARGIN
    story = [Paragraph("LAPORAN AKSES DATA PRIBADI", TITLE), Paragraph(escape(title), CENTER)]
    story += [Spacer(1, 3 * mm), Paragraph(escape(intro), BODY)]
    for s in sections:
        story.append(Paragraph(escape(s.heading), HEADING_WITH_TABLE))
        if s.rows:
            story.append(table(s.columns, s.rows, widths_to_fit(s.weights, width)))
        else:
            story.append(Paragraph(escape(s.empty), BODY))
    doc.build(story, canvasmaker=numbered_canvas(title))
