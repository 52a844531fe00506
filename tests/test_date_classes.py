"""A battery of Swedish date expressions by class, as ANNOTATION.md reads them.

Each row is a sentence of the kind public-sector news, decisions, memos, regleringsbrev and budget texts
use, written for this table, with the intervals (start, end) every date in it must give, in order. The
classes: full dates in each written form, months with and without a year, years, spans, halves and
quarters, school and budget years, the turn of a year; then relatives that are skipped and numbers that
are no dates (amounts, counts, references to laws and documents, identifiers, named programmes).
"""

from __future__ import annotations

from datetime import date

import pytest

from extractors.dates import find_dates
from pipeline.read.document import read_text

REF = date(2024, 5, 15)  # the item's own date, for days and months written without a year

Y24 = ("2024-01-01", "2024-12-31")

CLASSES = [
    # full dates, every written form
    ("Regeringen beslutade den 3 mars 2024 om stödet.", [("2024-03-03", "2024-03-03")]),
    ("Regeringen beslutade 3 mars 2024 om stödet.", [("2024-03-03", "2024-03-03")]),
    ("Ansökan ska vara inne senast 3/3 2024.", [("2024-03-03", "2024-03-03")]),
    ("Beslutet är daterat 2024-03-03 och gäller omedelbart.", [("2024-03-03", "2024-03-03")]),
    ("Utbetalningen sker den 3 mar. 2024.", [("2024-03-03", "2024-03-03")]),
    ("Utbetalningen sker den 3 mar 2024.", [("2024-03-03", "2024-03-03")]),
    ("Utbetalningen sker den 12 sept. 2024.", [("2024-09-12", "2024-09-12")]),
    ("Rapporten lämnas den 1 okt. 2024.", [("2024-10-01", "2024-10-01")]),
    ("Sammanträdet hölls 2024-03-03 kl. 13.00.", [("2024-03-03", "2024-03-03")]),
    ("Beslut 3.3.2024", [("2024-03-03", "2024-03-03")]),
    ("Bidraget gäller från 1/7-2024.", [("2024-07-01", "2024-07-01")]),
    ("Medlen ska vara förbrukade 31/12-2025.", [("2025-12-31", "2025-12-31")]),
    ("Medlen ska redovisas senast den 31 mars 2025.", [("2025-03-31", "2025-03-31")]),
    ("Fr.o.m. den 1 januari 2024 höjs bidraget.", [("2024-01-01", "2024-01-01")]),
    ("Från och med den 1 juli 2024 gäller nya regler.", [("2024-07-01", "2024-07-01")]),
    ("Stödet kan sökas t.o.m. den 30 september 2024.", [("2024-09-30", "2024-09-30")]),
    ("Tisdagen den 4 juni 2024 sammanträder nämnden.", [("2024-06-04", "2024-06-04")]),
    # days and months without a year take the item's year
    ("Ansökan ska vara inne den 3 mars.", [("2024-03-03", "2024-03-03")]),
    ("Ansökan ska vara inne 20 juni.", [("2024-06-20", "2024-06-20")]),
    ("Pengarna betalas ut i augusti.", [("2024-08-01", "2024-08-31")]),
    ("Ansökan ska vara inne senast 31/3.", [("2024-03-31", "2024-03-31")]),
    ("Bidraget gäller från den 1/7.", [("2024-07-01", "2024-07-01")]),
    ("Beslut fattas under oktober.", [("2024-10-01", "2024-10-31")]),
    # months with a year
    ("I mars 2024 fattade styrelsen beslut.", [("2024-03-01", "2024-03-31")]),
    ("Rapporten kom i januari 2023.", [("2023-01-01", "2023-01-31")]),
    ("Utlysningen stänger i sept. 2024.", [("2024-09-01", "2024-09-30")]),
    # years that denote time
    ("Under 2024 fördelas 40 miljoner kronor.", [Y24]),
    ("Anslaget för 2024 uppgår till 12 miljoner kronor.", [Y24]),
    ("Budgetåret 2024 får myndigheten använda anslaget.", [Y24]),
    ("Regleringsbrev för budgetåret 2024 avseende Kammarkollegiet.", [Y24]),
    ("Verksamhetsåret 2024 gav ett överskott.", [Y24]),
    ("Stödet betalas ut t.o.m. 2025.", [("2025-01-01", "2025-12-31")]),
    ("2024 års bidrag betalas ut i juni.", [Y24, ("2024-06-01", "2024-06-30")]),
    ("Till och med år 2026 får kommunen behålla medlen.", [("2026-01-01", "2026-12-31")]),
    ("Kommunen fick 5 miljoner kronor under 2024 och 2025.", [Y24, ("2025-01-01", "2025-12-31")]),
    # a year after a place or a body in a running sentence, at the sentence's end
    ("Pengarna går till Region Gävleborg 2021.", [("2021-01-01", "2021-12-31")]),
    ("Så många fick stöd i Västra Götaland 2024.", [Y24]),
    ("Bidragen fördelades av Boverket 2022.", [("2022-01-01", "2022-12-31")]),
    # spans of years
    ("Satsningen pågår 2023–2025.", [("2023-01-01", "2025-12-31")]),
    ("Satsningen pågår 2023-2025.", [("2023-01-01", "2025-12-31")]),
    ("Satsningen pågår under åren 2023–2025.", [("2023-01-01", "2025-12-31")]),
    ("Under perioden 2023 till 2025 fördelas medlen.", [("2023-01-01", "2025-12-31")]),
    ("Projektet löper 2023 till och med 2025.", [("2023-01-01", "2025-12-31")]),
    ("Planen gäller för 2024–26.", [("2024-01-01", "2026-12-31")]),
    # the dash as a PDF or a word processor writes it: hyphen, non-breaking hyphen, figure dash, minus
    ("Satsningen pågår 2023\u20102025.", [("2023-01-01", "2025-12-31")]),
    ("Satsningen pågår 2023\u20122025.", [("2023-01-01", "2025-12-31")]),
    ("Satsningen pågår 2023\u22122025.", [("2023-01-01", "2025-12-31")]),
    ("Ansökan är öppen 1\u201115 mars 2024.", [("2024-03-01", "2024-03-15")]),
    ("Kostnaderna var höga mellan åren 2020 och 2022 i hela länet.", [("2020-01-01", "2022-12-31")]),
    # must not change: `mellan åren … och …` beside a word of change compares two years
    (
        "Mellan åren 2020 och 2022 ökade kostnaderna.",
        [("2020-01-01", "2020-12-31"), ("2022-01-01", "2022-12-31")],
    ),
    # spans of days and months
    (
        "Bidraget avser perioden 1 juli 2023 – 30 juni 2024.",
        [("2023-07-01", "2024-06-30")],
    ),
    ("Bidraget avser perioden 1 juli 2023–30 juni 2024.", [("2023-07-01", "2024-06-30")]),
    (
        "Stödet gäller från och med den 1 juli 2023 till och med den 30 juni 2024.",
        [("2023-07-01", "2024-06-30")],
    ),
    ("Stödet gäller fr.o.m. 1 juli 2023 t.o.m. 30 juni 2024.", [("2023-07-01", "2024-06-30")]),
    ("Avtalet löper 2023-07-01 t.o.m. 2024-06-30.", [("2023-07-01", "2024-06-30")]),
    ("Ansökan är öppen 1–31 mars 2024.", [("2024-03-01", "2024-03-31")]),
    ("Ansökan är öppen mars–april 2024.", [("2024-03-01", "2024-04-30")]),
    ("Ansökan är öppen från 1 mars till 15 april 2024.", [("2024-03-01", "2024-04-15")]),
    ("Ansökan är öppen jan–mar 2024.", [("2024-01-01", "2024-03-31")]),
    ("Projektet löper september 2024 – juni 2025.", [("2024-09-01", "2025-06-30")]),
    ("Projektet löper sep. 2024–jun. 2025.", [("2024-09-01", "2025-06-30")]),
    # must not change: two months with their years told apart stay two months
    (
        "Beslut kom i mars 2024 och i juni 2025.",
        [("2024-03-01", "2024-03-31"), ("2025-06-01", "2025-06-30")],
    ),
    # halves, quarters, school years, the turn of a year
    ("Första halvåret 2024 ökade kostnaderna.", [("2024-01-01", "2024-06-30")]),
    ("Under andra halvåret 2024 betalas resten.", [("2024-07-01", "2024-12-31")]),
    ("Redovisningen sker kvartal 3 2024.", [("2024-07-01", "2024-09-30")]),
    ("Redovisningen sker Q3 2024.", [("2024-07-01", "2024-09-30")]),
    ("Redovisningen sker under tredje kvartalet 2024.", [("2024-07-01", "2024-09-30")]),
    ("Redovisningen sker under 3:e kvartalet 2024.", [("2024-07-01", "2024-09-30")]),
    ("Utfallet för kv. 2 2024 var lägre.", [("2024-04-01", "2024-06-30")]),
    ("Utfallet för andra tertialet 2024 var lägre.", [("2024-05-01", "2024-08-31")]),
    ("Prognosen efter tertial 1 2024 visar underskott.", [("2024-01-01", "2024-04-30")]),
    ("Skolan får bidraget för läsåret 2023/24.", [("2023-01-01", "2024-12-31")]),
    ("Skolan får bidraget för läsåret 2023/2024.", [("2023-01-01", "2024-12-31")]),
    ("Kring årsskiftet 2023/2024 betalades medlen ut.", [("2023-12-01", "2024-01-31")]),
    ("Vid årsskiftet 2023/24 betalades medlen ut.", [("2023-12-01", "2024-01-31")]),
    # must not change: a date beside a link, not in it
    ("Publicerad 2024-05-03. Mer på www.example.se", [("2024-05-03", "2024-05-03")]),
    ("Fördelning 2024 (pdf, 300 kB)", [Y24]),
    # a season gives its year only
    ("Under hösten 2024 fördelas resten.", [Y24]),
    ("Våren 2025 startar projektet.", [("2025-01-01", "2025-12-31")]),
    # a school's terms as seasons: the year
    ("Kursen ges HT 2024 och VT 2025.", [Y24, ("2025-01-01", "2025-12-31")]),
]

# Relatives, weekdays, times of day, and numbers that are no dates: nothing.
NONE = [
    "Beslut fattas i höst.",
    "Nästa år fördelas mer pengar.",
    "I våras sökte föreningen stöd.",
    "Nämnden sammanträder på tisdag.",
    "Mötet börjar klockan 13.30.",
    "Mötet börjar kl. 9.00.",
    "Kommunen fick 2 024 000 kronor.",
    # a fraction is no day
    "Staten står för 2/3 av kostnaden.",
    "Den 1/3 av medlen som återstår fördelas senare.",
    "Föreningen fick 2024 kronor.",
    "Bidraget är 2025 kr per elev.",
    "Se avsnitt 3.2 nedan.",
    "Dnr 2023/1234",
    "Diarienummer: 2023/1234",
    "Enligt SFS 2023:123 får bidrag lämnas.",
    "Förordningen (2023:123) om statsbidrag.",
    "Ring 010-223 10 00 för frågor.",
    "Telefon: 0771-67 00 00",
    "Kommunen har 2000 invånare.",
    "I orten bor 2100 personer.",
    "Se sidan 2024 i bilagan.",
    "Organisationsnummer 212000-2031",
    "Org.nr 202100-2031",
    "Arbetet följer Agenda 2030.",
    "Kommunens Vision 2030 lyfter fram kulturen.",
    "Se prop. 2023/24:1 utg.omr. 25.",
    "Enligt bet. 2023/24:FiU2.",
    "Beslut i ärende 2024:15.",
    "Beställ broschyren, artikelnummer 2024-112.",
    "Postadress: Box 2024, 103 11 Stockholm",
    "Utsläppen minskade med 2030 ton koldioxid.",
    # a date inside a link or a file's name names the page or the file
    "Källa: https://www.example.se/nyheter/kommunen-far-stod-2023-05-24",
    "Läs mer på www.example.se/arkiv?ar=2021",
    "Ladda ner fordelning-2024.xlsx",
    "Frågor till bidrag2024@example.se",
    # must not change: an author and a year that open a reference
    "Enligt Statskontoret 2019, s. 12.",
    "(Socialstyrelsen 2021).",
    "Se Kommuninvest 2022.",
    "Certifierad enligt ISO 14001:2015.",
    "Ärendet har nummer 2024-00123.",
    "Horisont 2020 finansierar forskningen.",
    "På sidan 2024 finns tabellen.",
]


@pytest.mark.parametrize("text,intervals", CLASSES)
def test_each_class_of_date_gives_its_interval(text, intervals):
    found = [(str(d.date_start), str(d.date_end)) for d in find_dates(text, REF)]
    assert found == intervals


@pytest.mark.parametrize("text", NONE)
def test_relatives_and_numbers_that_are_no_dates(text):
    assert [d.text for d in find_dates(text, REF)] == []


INFERRED = [
    ("Ansökan ska vara inne den 3 mars.", True),
    ("Pengarna betalas ut i augusti.", True),
    ("Ansökan ska vara inne den 3 mars 2024.", False),
    ("Under 2024 fördelas 40 miljoner kronor.", False),
]


@pytest.mark.parametrize("text,inferred", INFERRED)
def test_a_year_left_out_is_marked_inferred(text, inferred):
    assert find_dates(text, REF)[0].inferred_year is inferred


# A file named after its day gives that day to dates that leave their year out, when the text prints no
# date of its own; a dateline in the text still decides. Rows: (file name, text, the first date's start).
FILE_NAMES = [
    ("nyhet-2021-02-10.txt", "Kommunen får stöd.\n\nPengarna betalas ut den 3 mars.", "2021-03-03"),
    ("arkiv/2019-05-02/protokoll-2020-11-30.txt", "Nämnden beslutade i oktober om bidragen.", "2020-10-01"),
    ("nyhet-2021-02-10.txt", "Publicerad 2023-06-01\n\nPengarna betalas ut den 3 mars.", "2023-06-01"),
    # must not change: a name without a whole day, or a day that does not exist, gives nothing
    ("nyhet-2021-02.txt", "Rapporten kom 2018. Pengarna betalas ut den 3 mars.", "2018-01-01"),
    ("nyhet-2021-02-30.txt", "Rapporten kom 2018. Pengarna betalas ut den 3 mars.", "2018-01-01"),
]


@pytest.mark.parametrize("name,text,start", FILE_NAMES)
def test_a_file_named_after_its_day_gives_the_year(name, text, start):
    got = read_text(text.encode("utf-8"), name)
    found = find_dates(got.norm.text, got.reference)
    assert str(found[-1].date_start)[:4] == start[:4] and str(found[0].date_start) == start
    assert got.published_source in (None, "text")  # the name is no published date of the contract


# A month later in the year than the item's own date (REF: May), without a year: told in the preterite it lies
# in the year before the item's; told otherwise it is still to come, in the item's year. The preterite is a
# class of verbs (first conjugation in -ade/-ades, the others listed), not every word ending in -ade: a
# participle after `vara`/`är`/`bli` is a state still to come, and a noun or loanword ending in -ade is no verb.
Y23_NOV, Y24_NOV = ("2023-11-01", "2023-11-30"), ("2024-11-01", "2024-11-30")
Y23_DEC, Y24_DEC = ("2023-12-01", "2023-12-31"), ("2024-12-01", "2024-12-31")
PAST_TOLD = [
    # preterite, first conjugation and passive: the year before
    ("Utlysningen öppnade i november och stängde i januari.", Y23_NOV),
    ("Beslutet om fördelningen fattades i december.", Y23_DEC),
    ("I november beviljade nämnden stöd till tre föreningar.", Y23_NOV),
    # preterite of the other conjugations and strong verbs: the year before
    ("Kommunen sökte i november pengar till projektet.", Y23_NOV),
    ("Nämnden gjorde i december en ny prioritering av medlen.", Y23_DEC),
    ("Regeringen beslöt i december att förlänga stödet.", Y23_DEC),
    ("Bidraget infördes i november som en tillfällig åtgärd.", Y23_NOV),
    ("I december höjdes ramen för stödet.", Y23_DEC),
    ("Styrelsen ställde i november krav på en ny redovisning.", Y23_NOV),
    ("Länsstyrelsen skickade i december ut besluten.", Y23_DEC),
    ("I november lät regeringen utreda frågan.", Y23_NOV),
    ("Utlysningen gjordes i november.", Y23_NOV),
    # a participle after `vara`, `är`, `bli`: a state to come, the item's year
    ("Medlen ska vara förbrukade i december.", Y24_DEC),
    ("Pengarna ska vara utbetalade i november.", Y24_NOV),
    ("Åtgärderna ska vara avslutade i december enligt beslutet.", Y24_DEC),
    ("Insatserna beräknas bli färdigställda och redovisade i november.", Y24_NOV),
    ("Alla projekt är planerade i november.", Y24_NOV),
    # a noun or a loanword ending in -ade is no verb: the item's year
    ("Föreningen köper en ny spade i november för trädplanteringen.", Y24_NOV),
    ("Kommunen visar utställningen Arkade i december.", Y24_DEC),
    # must not change: present, future and a preterite earlier in the year than the item
    ("Pengarna betalas ut i november.", Y24_NOV),
    ("Nämnden beslutar i december om fördelningen.", Y24_DEC),
    ("Kommunen sökte i mars pengar till projektet.", ("2024-03-01", "2024-03-31")),
    ("Mötet i december blir det sista för året.", Y24_DEC),
    ("Kommunen ska i december söka pengar till projektet.", Y24_DEC),
    # a preterite that opens the sentence or the line is capitalised as its first word: still the year before
    ("Beviljades i november: 3 miljoner kronor till Laholms kommun.", Y23_NOV),
    ("Ansökan kom in i tid.\nBeviljades i december av nämnden.", Y23_DEC),
    ("Stödet var en engångssumma. Utbetalades i december till alla.", Y23_DEC),
]


@pytest.mark.parametrize("text,interval", PAST_TOLD)
def test_a_month_told_in_the_preterite_lies_in_the_year_before(text, interval):
    first = find_dates(text, REF)[0]
    assert (str(first.date_start), str(first.date_end)) == interval
