"""A text gives the same dates, amounts and document date whether it arrives as plain text or rendered.

`benchmarks/render_corpus.py` renders a text file as a web page and a Word file with one paragraph per
non-blank line (lines of ` | ` cells as a table). Plain text keeps its own line breaks: lines wrapped
inside a paragraph, blank lines between paragraphs. Whatever reads a date must read the same date from
both: a rule that leans on a single line break, on a blank line or on the first line behaves the same
whichever format the text came in.
"""

from __future__ import annotations

import pytest

from benchmarks.render_corpus import as_docx, as_html
from pipeline.read.document import process_bytes

# Each row: a short document in the style of one kind the archive reads (own wording throughout).
DOCUMENTS = {
    "news-publicerad": (
        "Kommunen får pengar till nya cykelvägar\n"
        "Publicerad 3 maj 2021 kl 10.15\n\n"
        "Tekniska nämnden har fått 2,4 miljoner kronor från Trafikverket.\n"
        "Arbetet börjar i augusti och ska vara klart i december."
    ),
    "news-uppdaterad": (
        "Fler platser i förskolan\n"
        "Publicerad 12 januari 2022\nUppdaterad 14 januari 2022 kl 08.02\n\n"
        "Barn- och utbildningsnämnden räknar med att öppna två nya avdelningar i mars.\n"
        "Kostnaden beräknas till 3,1 mkr per år."
    ),
    "news-comma-time": (
        "Regionen satsar på vårdcentraler\n"
        "3 maj 2021, 10:15\n\n"
        "Regionstyrelsen beslutade i april att avsätta 40 miljoner kronor.\n"
        "Pengarna fördelas under hösten."
    ),
    "news-tt": (
        "Pengar till räddningstjänsten\n\n"
        "STOCKHOLM 3 maj (TT)\n"
        "Regeringen ger 150 miljoner kronor extra till kommunernas räddningstjänst i år.\n"
        "Beslutet fattades i slutet av april."
    ),
    "news-date-alone": (
        "Nytt bidrag till föreningar\n"
        "2023-09-18\n\n"
        "Kultur- och fritidsnämnden delar ut 850 000 kronor till föreningar i oktober."
    ),
    "news-date-last": (
        "Bygget av simhallen försenas\n\n"
        "Kommunen räknar nu med att simhallen öppnar i februari.\n"
        "Den totala kostnaden har stigit till 212 miljoner kronor.\n\n"
        "14 november 2022"
    ),
    "memo-datum": (
        "Tjänsteskrivelse\n"
        "Datum: 2024-03-04\n"
        "Dnr KS 2024/118\n\n"
        "Ärende: Ansökan om statsbidrag\n"
        "Förvaltningen föreslår att kommunen ansöker om 1,2 miljoner kronor.\n"
        "Ansökan ska vara inne senast den 15 april."
    ),
    "memo-sammantradesdatum": (
        "Protokollsutdrag\n"
        "Sammanträdesdatum 2022-06-13\n\n"
        "§ 12 Budget för år 2023\n"
        "Kommunfullmäktige fastställer en ram på 980 mnkr för nämnderna.\n"
        "Ramen ses över igen i oktober."
    ),
    "protocol-paragraph": (
        "Kommunstyrelsen\nProtokoll\n2021-11-22\n\n"
        "§ 12\nMedel till landsbygdsutveckling\n"
        "Kommunstyrelsen beviljar föreningen 75 000 kronor för år 2022.\n\n"
        "§ 13\nÖvriga frågor\nInga övriga frågor togs upp."
    ),
    "decision-beslutsdatum": (
        "Beslut\n"
        "Beslutsdatum: 10 februari 2023\n"
        "Diarienummer 2023-00412\n\n"
        "Länsstyrelsen beviljar Region Kronoberg 4 500 000 kronor.\n"
        "Medlen ska användas före den 31 december 2024."
    ),
    "press-release": (
        "Pressmeddelande 4 april 2022\n\n"
        "Regionen investerar i ny ambulansstation\n"
        "Regionfullmäktige har beslutat att bygga en ny station för 65 miljoner kronor.\n"
        "Bygget startar i juni och stationen tas i bruk under 2024."
    ),
    "footer-senast-andrad": (
        "Bidrag till lokala kulturprojekt\n\n"
        "Föreningar kan söka upp till 50 000 kronor per projekt.\n"
        "Nästa ansökningsomgång stänger i september.\n\n"
        "Senast ändrad 2 juni 2023"
    ),
    "list-lines": (
        "Fördelning av stimulansmedel 2022\n\n"
        "Så här fördelas pengarna:\n"
        "- Skolan får 1,5 miljoner kronor från januari\n"
        "- Äldreomsorgen får 900 000 kronor från mars\n"
        "- Kulturen får 300 000 kronor från maj"
    ),
    "table-cells": (
        "Bidrag per kommun\n\n"
        "Kommun | Belopp | Datum\n"
        "Alvesta kommun | 120 000 kronor | 2023-01-15\n"
        "Ljungby kommun | 95 000 kronor | 2023-02-01\n\n"
        "Utbetalning sker i mars."
    ),
    "month-without-year": (
        "Ny mottagning öppnar\n\n"
        "Vårdcentralen i centrum öppnar sin nya mottagning i oktober.\n"
        "Ombyggnaden har kostat 6 miljoner kronor."
    ),
    "dates-head-and-far": (
        "Årsredovisning 2021\n"
        "Fastställd 2022-04-25\n\n"
        "Kommunens resultat blev 42 miljoner kronor.\n\n"
        "Nämnderna redovisade sina bokslut i februari.\n\n"
        "Revisionen lämnade sin berättelse i april.\n\n"
        "Nästa budgetdialog hålls i maj 2022."
    ),
    "wrapped-paragraph": (
        "Regionen får extra medel\n\n"
        "Regionen har tagit emot 18 miljoner kronor som ska\n"
        "användas under 2022 för att korta vårdköerna. Pengarna\n"
        "betalas ut i september och en uppföljning görs i\n"
        "december."
    ),
    "wrapped-year-in-earlier-sentence": (
        "Satsning på äldreomsorgen\n\n"
        "Under 2020 lade kommunen 12 miljoner kronor på\n"
        "äldreomsorgen. Året därpå höjdes beloppet.\n"
        "Nästa uppföljning sker i mars."
    ),
    "blank-line-paragraphs": (
        "Satsning på äldreomsorgen\n\n"
        "Under 2020 lade kommunen 12 miljoner kronor på äldreomsorgen.\n\n"
        "Året därpå höjdes beloppet.\n\n"
        "Nästa uppföljning sker i mars."
    ),
    "ort-den": (
        "Yttrande över remiss\n\n"
        "Växjö den 8 september 2021\n\n"
        "Kommunen tillstyrker förslaget om 30 miljoner kronor till regionala insatser.\n"
        "Remissvaret ska vara inne i oktober."
    ),
    "heading-with-date": (
        "Kort om regionstyrelsen 14 maj 2021\n\n"
        "Styrelsen beslutade att fördela 5 miljoner kronor till kollektivtrafiken i juni."
    ),
    "date-line-in-body": (
        "Information om ansökan\n\nSista dag att söka bidraget är\n30 september 2023\noch beslut lämnas i november."
    ),
    "one-paragraph-no-blank-lines": (
        "Plan för 2024\n"
        "Kommunen planerar 2024 och 2024 års budget omfattar 55 miljoner kronor.\n"
        "Investeringarna för 2024 prioriteras.\n"
        "Under 2019 fick skolan 2 miljoner kronor av staten.\n"
        "Pengarna betalades ut i maj."
    ),
    "heading-year-then-month": (
        "Bokslut 2020 och plan för 2023\n\n"
        "Budget för 2023 är 9 miljoner kronor och 2023 års satsning gäller skolan.\n"
        "Stödet till skolan 2020\n"
        "Utbetalning sker i juni."
    ),
    "date-line-late-in-head": (
        "Kommunstyrelsen\nKallelse\nLedamöter\nErsättare\nFör kännedom\nKommunchef\nEkonomichef\n"
        "Nämndsekreterare\nSkolchef\nSocialchef\nKulturchef\nTeknisk chef\nMiljöchef\nHR-chef\n"
        "Kommunikationschef\nRevisorer\nValberedning\nÖverförmyndare\nKommunfullmäktiges ordförande\n"
        "Förste vice ordförande\nAndre vice ordförande\nGruppledare\nPressen\nArkivet\nRegistrator\n"
        "Plats: Stadshuset, sal A\nTid: klockan 13.00 till ungefär 16.30 med paus för kaffe\n"
        "Ärenden enligt bifogad förteckning, handlingar finns hos nämndsekreteraren\n"
        "Föredragningslista och underlag skickas ut digitalt till samtliga ledamöter\n"
        "Mötet hålls\n"
        "20 oktober 2021\n\n"
        "Budgeten omfattar 14 miljoner kronor och följs upp i december."
    ),
    "no-break-spaces": (
        "Medel till vägföreningar\n\n"
        "Beslutet fattades den 3\u00a0maj\u00a02021 och 1\u00a0200\u00a0000 kronor fördelas i juni."
    ),
    "tabs-and-crlf": (
        "Ansökan om bidrag\r\n\r\nDatum:\t2022-05-10\r\nBelopp:\t300 000 kronor\r\nBeslut väntas i augusti.\r\n"
    ),
    "form-feed-page-break": (
        "Delårsrapport\n\n"
        "Prognosen visar ett överskott på 8 miljoner kronor för 2023.\n\x0c\n"
        "Uppföljning sker i november."
    ),
}


def _read(name: str, data: bytes) -> dict:
    result = process_bytes(data, name)
    assert result.document.status == "ok", result.document.error
    t = result.tables
    return {
        "dates": [
            (str(d.date_start), str(d.date_end), d.granularity, d.inferred_year)
            for d in sorted(t["dates"], key=lambda d: (d.date_start, d.date_end, d.granularity))
        ],
        "amounts": sorted(a.value for a in t["amounts"]),
        # a Word file always carries a creation stamp (python-docx's template's, here): it stands in only where
        # the text names no date of its own, so it is compared where it came from the text
        "published": None if result.document.published_source == "docx-metadata" else result.document.published,
    }


@pytest.mark.parametrize("stem", sorted(DOCUMENTS))
def test_text_html_and_docx_read_alike(stem: str) -> None:
    text = DOCUMENTS[stem]
    plain = _read(f"{stem}.txt", text.encode())
    assert plain["dates"] or plain["amounts"], "every battery document holds something to compare"
    assert _read(f"{stem}.html", as_html(text)) == plain
    assert _read(f"{stem}.docx", as_docx(text)) == plain


# The year a month without one takes, read from plain text alone: a sentence wrapped over lines lends its own
# year (one sentence, whatever its line breaks); a sentence that ends its line does not lend it to the next
# line, which takes the year the document names most (here 2024), as it does from a web page or a Word file.
YEAR_ROWS = [
    ("Under 2019 fick skolan 2 miljoner kronor av staten och\npengarna betalades ut i maj.", "2019-05-01"),
    ("Under 2019 fick skolan 2 miljoner kronor av staten.\nPengarna betalades ut i maj.", "2024-05-01"),
    ("Under 2019 fick skolan 2 miljoner kronor av staten. Pengarna betalades ut i maj.", "2019-05-01"),
    ("Under 2019 fick skolan 2 miljoner kronor.\n\nPengarna betalades ut i maj.", "2024-05-01"),
    ("Stöd till skolan 2019\nPengarna betalades ut i maj.", "2024-05-01"),  # a heading line above
    ("Stöd till skolan 2019\npengarna betalades ut i maj.", "2019-05-01"),  # … a wrapped line goes on
    ("Stöd till skolan 2019 Pengarna betalades ut i maj.", "2019-05-01"),
]
PLAN = "Plan för 2024\nBudgeten för 2024 omfattar 55 miljoner kronor och 2024 blir ett år av satsningar.\n\n"


@pytest.mark.parametrize(("paragraph", "month_start"), YEAR_ROWS)
def test_a_year_carries_within_a_sentence_not_past_a_line_that_ends_one(paragraph: str, month_start: str) -> None:
    got = _read("plan.txt", (PLAN + paragraph).encode())
    months = [d for d in got["dates"] if d[2] == "month"]
    assert [(d[0], d[3]) for d in months] == [(month_start, True)]
