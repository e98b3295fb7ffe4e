"""A trainee's feedback report (PDF): the score, and each finding with where it is, the
points it cost and its explanation, in the trainee's language; the CJK font is embedded."""
from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from carbonmgr.common.i18n import translate
from carbonmgr.io.fileio import atomic_write
from carbonmgr.report.fonts import register_pdf_font


def write_feedback(result, path: str | os.PathLike, *, title: str = "", lang: str = "zh") -> Path:
    """Write the feedback report of one graded submission (a ``GradeResult``) to ``path``."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from carbonmgr.training.gradebook import trainee_label

    lang = "zh" if lang == "zh" else "en"
    font = register_pdf_font()
    wrap = "CJK" if lang == "zh" else None
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=14, spaceAfter=4, wordWrap=wrap)
    cell = ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=11, wordWrap=wrap)
    h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=22, spaceAfter=8,
                        textColor=colors.HexColor("#1f4e79"), wordWrap=wrap)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=11.5, leading=16, spaceBefore=8, spaceAfter=4,
                        textColor=colors.HexColor("#1f4e79"), wordWrap=wrap)

    def t(code: str, **params) -> str:
        return translate(code, lang, **params)

    def p(text: str, style=body) -> Paragraph:
        return Paragraph(escape(str(text)), style)

    story = [p(t("feedback.title"), h1)]
    if title:
        story.append(p(title, h2))
    facts = [(t("feedback.trainee"), trainee_label(result)), (t("feedback.submission"), Path(result.submission or "").name)]
    if result.graded:
        facts += [(t("feedback.score"), t("feedback.score_value", score=f"{result.score:g}")),
                  (t("feedback.points"), f"{result.points_kept:g} / {result.points_possible:g}")]
    facts.append((t("feedback.seal"), t(f"gradebook.seal.{result.seal}")))
    table = Table([[p(a, cell), p(b, cell)] for a, b in facts], colWidths=[40 * mm, 130 * mm])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9aa5b1")),
                               ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef2f6")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [table, Spacer(1, 4 * mm)]
    if not result.graded:
        story += [p(t("feedback.unreadable"), h2), p(result.problem_text(lang))]
    elif not result.findings:
        story.append(p(t("feedback.no_findings"), h2))
    else:
        story.append(p(t("feedback.findings", count=len(result.findings)), h2))
        rows = [[p(t(k), cell) for k in ("feedback.col.n", "feedback.col.kind", "feedback.col.where",
                                         "feedback.col.points")]]
        for n, f in enumerate(result.findings, 1):
            where = []
            if f.key_row is not None:
                where.append(t("feedback.key_row", row=f.key_row))
            if f.rows:
                where.append(t("feedback.your_rows", rows=f.rows))
            rows.append([p(str(n), cell), p(t(f"grade.kind.{f.kind}"), cell), p(t("sep.semicolon").join(where) or "-", cell),
                         p(f"-{f.points:g}", cell)])
        table = Table(rows, colWidths=[14 * mm, 50 * mm, 84 * mm, 22 * mm], repeatRows=1)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font),
                                   ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9aa5b1")),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe7ef")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [table, Spacer(1, 3 * mm), p(t("feedback.explanations"), h2)]
        for n, f in enumerate(result.findings, 1):
            story.append(p(f"{n}. {f.text(lang)}"))
    hints = sum(result.hints_revealed.values())
    if hints:
        story.append(p(t("feedback.hints_used", count=hints, points=f"{hints * result.hint_cost:g}")))
    with atomic_write(path, code="report.write_failed") as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                                bottomMargin=18 * mm, title=t("feedback.title"), author="CarbonMgr",
                                initialFontName=font, invariant=1, lang="zh-CN" if lang == "zh" else "en")
        doc.build(story)
    return Path(path)
