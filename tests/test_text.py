"""Reading every format to normalized text: hyphenation, boilerplate, headers, page maps, bad input."""

from __future__ import annotations

import io
import zipfile

import pytest

from pipeline.read import formats
from pipeline.read.document import process_bytes, read_text
from pipeline.read.normalize import join_pages, normalize
from pipeline.read.text_pdf import drop_running_lines
from tests.fixtures import builders


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("pande-\nmin", "pandemin"),
        ("verksamhe\ufffeten", "verksamheten"),
        ("hälso\ufffeoch sjukvård", "hälso-och sjukvård"),
        ("hälso- och sjukvård", "hälso- och sjukvård"),
        ("hälso- \noch sjukvård", "hälso-\noch sjukvård"),
        ("biljett- och betalsystemet", "biljett- och betalsystemet"),
        ("EU-\nkommissionen", "EU-kommissionen"),
        ("covid-\n19", "covid-19"),
        ("hante-\n ring", "hantering"),
        ("Migrations-\nverket", "Migrationsverket"),
        ("regering-\nens", "regeringens"),
        ("soft\u00adhyphen", "softhyphen"),
        ("a  b\t c", "a b c"),
        ("21\u00a0000\u00a0000 kronor", "21\u00a0000\u00a0000 kronor"),
        ("rad ett   \nrad två", "rad ett\nrad två"),
        ("rad ett\n \t rad två", "rad ett\nrad två"),
        ("rad ett \n \nrad två", "rad ett\n\nrad två"),
        ("kronor\u00a0\nrad", "kronor\u00a0\nrad"),  # a lone no-break space is not a blank to trim
        ("stycke ett\n\n\n\nstycke två", "stycke ett\n\nstycke två"),
        ("Cafe\u0301", "Café"),
        ("a\r\nb", "a\nb"),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw).text == expected


def test_page_map_survives_hyphenation_across_pages():
    norm = normalize(join_pages(["Sidan ett slutar med kostna-", "der och sidan två fortsätter."]))
    assert norm.text == "Sidan ett slutar med kostnader och sidan två fortsätter."
    assert norm.page_of(norm.text.index("kostnader")) == 1
    assert norm.page_of(norm.text.index("fortsätter")) == 2


def test_running_headers_and_page_numbers_are_dropped():
    bodies = [
        ["Regeringen föreslår mer pengar.", "Kommunerna välkomnar det."],
        ["SKR räknar med underskott.", "Prognosen är osäker."],
        ["Regionerna söker stöd.", "Beslut väntas i augusti."],
        ["Staten måste ta ansvar.", "Det återstår att se."],
    ]
    pages = [["EKONOMIN I SEKTORN", *body, f"Sida {i} av 4"] for i, body in enumerate(bodies, 1)]
    assert drop_running_lines(pages) == bodies


@pytest.mark.parametrize(
    "data,name,expected",
    [
        (b"%PDF-1.7\n...", "x.bin", formats.PDF),
        (b"<!DOCTYPE html><html><body>x</body></html>", "x.pdf", formats.HTML),
        (b"  <html><p>x</p></html>", "x", formats.HTML),
        ("Vanlig text med åäö".encode(), "x.html", formats.TEXT),
        ("Vanlig text med åäö".encode("cp1252"), "x.txt", formats.TEXT),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "skanning.pdf", formats.PNG),  # a scan, whatever its name
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "x", formats.JPEG),
        (b"II*\x00" + b"\x00" * 20, "x", formats.TIFF),
        (b"MM\x00*" + b"\x00" * 20, "x", formats.TIFF),
    ],
)
def test_sniff_by_content(data, name, expected):
    assert formats.sniff(data, name) == expected


def test_docx_is_recognised_inside_its_zip():
    data, _ = builders.memo_docx()
    assert formats.sniff(data, "memo.bin") == formats.DOCX


@pytest.mark.parametrize(
    "data,message",
    [
        (b"GIF89a" + b"\x00" * 20, "GIF image"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 20, "legacy"),
        (b"PK\x03\x04garbage", "corrupt zip"),
        (b"\x00\x01\x02binary", "binary"),
    ],
)
def test_unknown_formats_are_named(data, message):
    with pytest.raises(formats.UnknownFormat, match=message):
        formats.sniff(data, "x")


def test_other_zip_is_not_docx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("data.csv", "a,b")
    with pytest.raises(formats.UnknownFormat, match="not a Word"):
        formats.sniff(buf.getvalue(), "x.zip")


def test_plain_text_falls_back_to_cp1252():
    got = read_text("Region Värmland fick 30 miljoner kronor – mer än väntat.".encode("cp1252"), "a.txt")
    assert got.norm.text == "Region Värmland fick 30 miljoner kronor – mer än väntat."


def test_html_keeps_the_story_and_drops_the_page():
    data, _ = builders.news_html()
    got = read_text(data, "news.html")
    text = got.norm.text
    assert "Socialstyrelsen fördelar sammanlagt" in text
    assert "Så fördelar sig pengarna" in text
    for furniture in ("cookies", "Logga in", "Foto:", "prenumerant", "Läs också", "©", "Nyheter"):
        assert furniture not in text
    assert got.title == "Så mycket får regionerna för att korta vårdköerna"
    assert str(got.published) == "2023-03-14" and got.published_source == "html-metadata"
    # list items keep their own lines and their list marker
    assert any(line.startswith(("• Region", "• Västra")) for line in text.splitlines())


def test_an_articles_own_header_and_fact_box_are_the_story_and_the_pages_are_not():
    page = (
        "<html><body><header class='site'><a href='/'>Tidningen</a><nav>Nyheter Sport</nav></header>"
        "<article><header><h1>Region Gotland får 5 miljoner kronor</h1><p>Pengarna går till vården.</p>"
        "<nav class='share'>Dela artikeln</nav></header><p>Socialstyrelsen har fattat beslutet.</p>"
        "<aside class='faktaruta'><p>Fakta: Medlen betalas ut i mars 2024.</p></aside>"
        "<aside class='related'><p>Region Uppsala får 30 miljoner kronor</p></aside></article>"
        "<aside><p>Mest läst: Region Skåne får 14 miljoner kronor</p></aside><footer>Kontakt</footer></body></html>"
    )
    text = read_text(page.encode(), "nyhet.html").norm.text
    assert text.split("\n\n") == [
        "Region Gotland får 5 miljoner kronor",
        "Pengarna går till vården.",
        "Socialstyrelsen har fattat beslutet.",
        "Fakta: Medlen betalas ut i mars 2024.",  # an article's own fact box is the story
    ]
    assert "Tidningen" not in text and "Nyheter Sport" not in text and "Dela" not in text


def test_docx_paragraphs_and_table_rows_in_order():
    data, _ = builders.memo_docx()
    text = read_text(data, "memo.docx").norm.text
    assert text.index("Ärendebeskrivning") < text.index("Förslag till beslut") < text.index("Digitala vårdmöten")
    assert "Digitala vårdmöten | 25 000 000 kronor" in text


# (a table's rows as cells, the cells to merge in its last row, the rows as the reader gives them)
DOCX_CELLS = [
    # neighbours with the same sum are cells of their own: one sum for each year
    (
        [["", "2025", "2026", "2027"], ["Stöd till bygdegårdar", "30", "30", "30"]],
        None,
        ["2025 | 2026 | 2027", "Stöd till bygdegårdar | 30 | 30 | 30"],
    ),
    # a merged cell is one cell, however many columns it spans
    (
        [["Förening", "Beviljat", "Utbetalt", "Kvar"], ["Bygdegården i Näs", "Inget bidrag", "", ""]],
        (1, 3),
        ["Förening | Beviljat | Utbetalt | Kvar", "Bygdegården i Näs | Inget bidrag"],
    ),
]


@pytest.mark.parametrize("rows,merge,expected", DOCX_CELLS)
def test_docx_table_cells_as_written(rows, merge, expected):
    import docx as python_docx

    document = python_docx.Document()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    if merge:
        last = table.rows[-1].cells
        last[merge[0]].merge(last[merge[1]])
    buf = io.BytesIO()
    document.save(buf)
    lines = read_text(buf.getvalue(), "tabell.docx").norm.text.split("\n")
    assert [ln for ln in lines if "|" in ln] == expected


def test_two_column_pdf_text_pages_and_footnotes():
    data, _ = builders.report_pdf(pages=3)
    got = read_text(data, "r.pdf")
    norm = got.norm
    assert got.n_pages == 3
    assert "EKONOMIN I KOMMUNSEKTORN" not in norm.text  # running header
    assert norm.page_starts[0] == 0 and len(norm.page_starts) == 3
    assert norm.page_of(len(norm.text) - 1) == 3
    assert "Sveriges Kommuner och Regioner bedömer" in norm.text


@pytest.mark.parametrize(
    "data,status,error",
    [
        (b"%PDF-1.4\nthis is not really a pdf", "failed", "PDF"),
        (builders.scanned_pdf(), "no_text", "no text layer"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "failed", "image"),
        (b"", "no_text", "no text"),
        (b"PK\x03\x04broken", "failed", "zip"),
    ],
)
def test_bad_input_becomes_a_row(data, status, error):
    res = process_bytes(data, "bad.pdf")
    assert res.document.status == status
    assert error in res.document.error
    assert res.tables == {} or all(not rows for rows in res.tables.values())


def test_encrypted_pdf_is_failed_with_reason(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("hemligt", canPrint=0))
    c.drawString(100, 700, "Region Uppsala fick 5 miljoner kronor.")
    c.showPage()
    c.save()
    res = process_bytes(buf.getvalue(), "locked.pdf")
    assert res.document.status == "failed"
    assert "encrypted" in res.document.error.lower() or "password" in res.document.error.lower()


@pytest.mark.parametrize(
    "text,published",
    [
        ("Tjänsteskrivelse\nDatum: 2024-02-12\nRegionstyrelsen föreslås besluta om 12 miljoner kronor.", "2024-02-12"),
        ("Publicerad 3 februari 2023\nKommunen får 4 miljoner kronor i statsbidrag för läxhjälp.", "2023-02-03"),
        (
            "Kortnytt från regionstyrelsen 28 april 2020\n\nPrognosen pekar på ett underskott på 12 miljoner kronor.",
            "2020-04-28",
        ),
    ],
)
def test_a_date_in_the_documents_own_text_is_its_published_date(text, published):
    got = read_text(text.encode(), "memo.txt")
    assert (str(got.published), got.published_source) == (published, "text")


def test_list_items_and_table_rows_keep_their_shape_in_html_and_docx():
    import io

    import docx as python_docx

    html = (
        "<html><body><main><p>Pengarna fördelas så här:</p><ul><li>Region Halland får 12 miljoner kronor</li>"
        "<li><p>Region Gotland får 3 miljoner kronor</p></li></ul><table><tr><th>Region</th><th>Belopp (kr)</th></tr>"
        "<tr><td>Region Halland</td><td>12 000 000</td></tr></table></main></body></html>"
    ).encode()
    lines = read_text(html, "a.html").norm.text.split("\n")
    assert "• Region Halland får 12 miljoner kronor" in lines and "• Region Gotland får 3 miljoner kronor" in lines
    assert lines[lines.index("Region | Belopp (kr)") + 1] == "Region Halland | 12 000 000"  # header right above
    document = python_docx.Document()
    document.add_paragraph("Pengarna fördelas så här:")
    document.add_paragraph("Region Halland får 12 miljoner kronor", style="List Bullet")
    document.add_paragraph("Region Gotland får 3 miljoner kronor", style="List Number")
    data = io.BytesIO()
    document.save(data)
    lines = read_text(data.getvalue(), "a.docx").norm.text.split("\n")
    # a paragraph, a blank line, then the list, one item a line
    assert lines == [
        "Pengarna fördelas så här:",
        "",
        "• Region Halland får 12 miljoner kronor",
        "• Region Gotland får 3 miljoner kronor",
    ]


@pytest.mark.parametrize(
    "raw,expected",
    [
        # a number split by a PDF's line break inside its digit groups is one number again
        ("Regionen beviljades 415\n000 000 kronor för vården.", "Regionen beviljades 415 000 000 kronor för vården."),
        ("Ramen är 2 734\n500 000 kr för året.", "Ramen är 2 734 500 000 kr för året."),
        # a year, a page number or a count before a line break stays where it was
        ("Sida 12\n2023 var ett tufft år.", "Sida 12\n2023 var ett tufft år."),
        ("Under 2019\n500 000 kronor betalades ut.", "Under 2019\n500 000 kronor betalades ut."),
        ("Det kom 212\n120 ansökningar.", "Det kom 212\n120 ansökningar."),
        # a table a PDF ran into lines: a number split inside its groups, or split from its label
        ("Leksand 12 604 227 Mora 9 318\n452 Orsa 7 540 913", "Leksand 12 604 227 Mora 9 318 452 Orsa 7 540 913"),
        (
            "Summa kommuner 271 905 118 Totalt länet\n344 120 576 Gotlands län",
            "Summa kommuner 271 905 118 Totalt länet 344 120 576 Gotlands län",
        ),
        # … but not a sum in prose, nor lines of a table with one number each
        ("Bygget kostade\n344 120 576 kronor.", "Bygget kostade\n344 120 576 kronor."),
        ("Falun 26 318 402\nGagnef 5 207 933", "Falun 26 318 402\nGagnef 5 207 933"),
    ],
)
def test_numbers_split_across_lines_are_joined(raw, expected):
    assert normalize(raw).text == expected


@pytest.mark.parametrize(
    "head,body,published",
    [
        # a teaser's date beside the story is not the story's date
        (
            "",
            '<div class="sidokolumn"><time datetime="2023-11-02">2 nov</time> Annan nyhet</div>'
            '<div class="story"><p><time datetime="2024-03-12">12 mars</time></p><p>' + "Regionen får pengar. " * 20,
            "2024-03-12",
        ),
        # the page's own JSON-LD
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-05-06T08:00"}</script>',
            "<div><p>" + "Regionen får pengar. " * 20,
            "2024-05-06",
        ),
    ],
)
def test_a_web_pages_date_is_its_own(head, body, published):
    html = f"<html><head>{head}</head><body>{body}</p></div></body></html>".encode()
    got = read_text(html, "a.html")
    assert (str(got.published), got.published_source) == (published, "html-metadata")


def test_a_read_more_paragraph_with_content_stays_and_a_link_line_goes():
    html = (
        "<html><body><article><h1>Pengar till vården</h1><p>" + "Regionerna får mer pengar i år. " * 5 + "</p>"
        "<p>Läs mer: Region Halland får 40 miljoner kronor för att korta köerna.</p>"
        "<p>Läs också: Så fungerar statsbidragen</p></article></body></html>"
    ).encode()
    text = read_text(html, "a.html").norm.text
    assert "Region Halland får 40 miljoner kronor" in text
    assert "Så fungerar statsbidragen" not in text


def test_pdf_headings_and_paragraphs_stay_apart():
    data, _ = builders.memo_pdf()
    text = read_text(data, "memo.pdf").norm.text
    # a heading in a larger type is its own paragraph: it never runs into the text under it
    assert "\n\nÄrendebeskrivning\n\n" in text
    assert "\n\nFörslag till beslut\n\n" in text


@pytest.mark.parametrize("ruled", [False, True])
def test_a_pdf_heading_in_body_type_stays_apart_from_a_paragraph_that_opens_with_a_figure(ruled):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body, _, _ = builders._pdf_styles()
    story = [
        Paragraph("Ansökan är öppen till 14 september 2025. " + "Informationsmöten hålls i augusti. " * 8, body),
        Spacer(1, 10),
        Paragraph("Fördelning av medel", body),  # a heading in the body's own type
        Spacer(1, 10),
        Paragraph("31 000 000 kronor går till fortbildning av personalen. " + "Fler kan söka i höst. " * 10, body),
    ]
    if ruled:  # a page with a ruled table gets its paragraphs too
        table = Table([["Region", "Belopp"], ["Region Gotland", "3 000 000"]])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        story += [Spacer(1, 10), table]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(story)
    text = read_text(buf.getvalue(), "utlysning.pdf").norm.text
    assert "\n\nFördelning av medel\n\n31 000 000 kronor" in text


def test_running_header_and_footer_of_a_two_page_pdf_go():
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    body, _, _ = builders._pdf_styles()

    def furniture(canvas, doc):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(50, 810, "Region Testland Regionstyrelsen Sammanträde 2024-05-02")
        canvas.drawString(50, 30, "Postadress Box 123, 831 00 Östersund Org.nr 232100-0000")

    story = [Paragraph("Regionen får 12 miljoner kronor för vårdköerna.", body), PageBreak()]
    story += [Paragraph("Beslutet gäller från den 1 juni 2024.", body)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    text = read_text(buf.getvalue(), "two.pdf").norm.text
    assert "Sammanträde" not in text and "Org.nr" not in text
    assert "12 miljoner kronor" in text and "1 juni 2024" in text


def test_a_one_page_letter_loses_its_letterhead_and_keeps_its_text():
    from tests.fixtures.formats import LETTER_FOOTER, LETTER_HEADER, PARAGRAPHS, letter_pdf

    text = read_text(letter_pdf(), "brev.pdf").norm.text
    assert "Org.nr" not in text and "www.socialstyrelsen.se" not in text and "Box 1234" not in text
    assert " ".join(PARAGRAPHS[0].split()[:6]) in " ".join(text.split())
    assert LETTER_FOOTER not in text and LETTER_HEADER not in text
