"""Calendar expressions: (text, reference date, start, end, granularity) and inputs that are not dates."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.dates import document_date, find_dates

R22 = date(2022, 4, 12)
R24 = date(2024, 9, 30)

DATES = [
    # days
    ("Beslutet fattades den 4 mars 2024.", None, "2024-03-04", "2024-03-04", "day"),
    ("Beslutet fattades 4 mars 2024.", None, "2024-03-04", "2024-03-04", "day"),
    ("Lagen gäller från 1 januari 2025.", None, "2025-01-01", "2025-01-01", "day"),
    ("De nya reglerna börjar gälla den 1 januari 2025.", None, "2025-01-01", "2025-01-01", "day"),
    ("Enligt SCB 2020-08-17.", None, "2020-08-17", "2020-08-17", "day"),
    ("Uppdaterad 2022-08-31 16:52", None, "2022-08-31", "2022-08-31", "day"),
    ("Mötet hölls 17/10 2024 i Östersund.", None, "2024-10-17", "2024-10-17", "day"),
    ("Protokoll 31.8.2022", None, "2022-08-31", "2022-08-31", "day"),
    ("den 31 december 2021", None, "2021-12-31", "2021-12-31", "day"),
    ("den 15 februari 2023", None, "2023-02-15", "2023-02-15", "day"),
    ("Den 2 maj 2023 beslutade styrelsen", None, "2023-05-02", "2023-05-02", "day"),
    ("den 30 juni 2021", None, "2021-06-30", "2021-06-30", "day"),
    ("den 3 dec 2021", None, "2021-12-03", "2021-12-03", "day"),
    ("den 3 dec. 2021", None, "2021-12-03", "2021-12-03", "day"),
    ("14 okt 2020", None, "2020-10-14", "2020-10-14", "day"),
    ("den 1:a april 2022", None, "2022-04-01", "2022-04-01", "day"),
    ("den 10 november 2019", None, "2019-11-10", "2019-11-10", "day"),
    ("2019-01-01", None, "2019-01-01", "2019-01-01", "day"),
    ("(2021-06-15)", None, "2021-06-15", "2021-06-15", "day"),
    ("Aftonbladet 2020-08-21.", None, "2020-08-21", "2020-08-21", "day"),
    ("den 7 september 2023", None, "2023-09-07", "2023-09-07", "day"),
    ("den 22 juli 2020", None, "2020-07-22", "2020-07-22", "day"),
    ("01.02.2021", None, "2021-02-01", "2021-02-01", "day"),
    ("5/6 2023", None, "2023-06-05", "2023-06-05", "day"),
    ("2023-11-30T10:00", None, "2023-11-30", "2023-11-30", "day"),
    # months
    ("Först i september 2020 kom beskedet.", None, "2020-09-01", "2020-09-30", "month"),
    ("I juli 2024 lämnades förslaget.", None, "2024-07-01", "2024-07-31", "month"),
    ("mars 2024", None, "2024-03-01", "2024-03-31", "month"),
    ("i maj 2021", None, "2021-05-01", "2021-05-31", "month"),
    ("februari 2024", None, "2024-02-01", "2024-02-29", "month"),
    ("februari 2023", None, "2023-02-01", "2023-02-28", "month"),
    ("under december 2022", None, "2022-12-01", "2022-12-31", "month"),
    ("Sedan januari 2021", None, "2021-01-01", "2021-01-31", "month"),
    ("oktober 2019", None, "2019-10-01", "2019-10-31", "month"),
    ("i april 2020", None, "2020-04-01", "2020-04-30", "month"),
    ("november 2025", None, "2025-11-01", "2025-11-30", "month"),
    ("aug 2022", None, "2022-08-01", "2022-08-31", "month"),
    ("juni 2020", None, "2020-06-01", "2020-06-30", "month"),
    # years
    ("för 2022", None, "2022-01-01", "2022-12-31", "year"),
    ("Under 2021 ökade kostnaderna.", None, "2021-01-01", "2021-12-31", "year"),
    ("år 2022", None, "2022-01-01", "2022-12-31", "year"),
    ("2021 års satsningar", None, "2021-01-01", "2021-12-31", "year"),
    ("vid utgången av 2030", None, "2030-01-01", "2030-12-31", "year"),
    ("Sedan 2013 går det att söka stödet.", None, "2013-01-01", "2013-12-31", "year"),
    ("högre än 2019.4 Ökningen", None, "2019-01-01", "2019-12-31", "year"),
    ("kronor för 2021.13 Regeringen", None, "2021-01-01", "2021-12-31", "year"),
    ("våren 2021", None, "2021-01-01", "2021-12-31", "year"),
    ("hösten 2020", None, "2020-01-01", "2020-12-31", "year"),
    ("2016 sysselsatte systemet många", None, "2016-01-01", "2016-12-31", "year"),
    ("I budgetpropositionen 2022 aviseras", None, "2022-01-01", "2022-12-31", "year"),
    ("inför 2023", None, "2023-01-01", "2023-12-31", "year"),
    ("fram till 2025", None, "2025-01-01", "2025-12-31", "year"),
    ("efter 2019", None, "2019-01-01", "2019-12-31", "year"),
    ("tätortsbefolkningen 2015,", None, "2015-01-01", "2015-12-31", "year"),
    ("budgetåret 2024", None, "2024-01-01", "2024-12-31", "year"),
    ("i slutet av 1999", None, "1999-01-01", "1999-12-31", "year"),
    # quarters
    ("första kvartalet 2022", None, "2022-01-01", "2022-03-31", "quarter"),
    ("andra kvartalet 2022", None, "2022-04-01", "2022-06-30", "quarter"),
    ("tredje kvartalet 2021", None, "2021-07-01", "2021-09-30", "quarter"),
    ("fjärde kvartalet 2020", None, "2020-10-01", "2020-12-31", "quarter"),
    ("Q1 2022", None, "2022-01-01", "2022-03-31", "quarter"),
    ("Q4 2023", None, "2023-10-01", "2023-12-31", "quarter"),
    ("kvartal 2 2021", None, "2021-04-01", "2021-06-30", "quarter"),
    # ranges
    ("2004–2029", None, "2004-01-01", "2029-12-31", "range"),
    ("2016 – 2019", None, "2016-01-01", "2019-12-31", "range"),
    ("1999 – 2003", None, "1999-01-01", "2003-12-31", "range"),
    ("2022-2023", None, "2022-01-01", "2023-12-31", "range"),
    ("2019–2020", None, "2019-01-01", "2020-12-31", "range"),
    ("mellan 2021 och 2023", None, "2021-01-01", "2023-12-31", "range"),
    ("Mellan 2010 och 2015 pågick", None, "2010-01-01", "2015-12-31", "range"),
    ("den 1–3 mars 2024", None, "2024-03-01", "2024-03-03", "range"),
    ("1-3 mars 2024", None, "2024-03-01", "2024-03-03", "range"),
    ("mars–maj 2021", None, "2021-03-01", "2021-05-31", "range"),
    ("vecka 34 2022", None, "2022-08-22", "2022-08-28", "range"),
    ("årsskiftet 2021/2022", None, "2021-12-01", "2022-01-31", "range"),
    ("1960–70 talet", None, "1960-01-01", "1979-12-31", "range"),
    ("1960-talet", None, "1960-01-01", "1969-12-31", "range"),
    ("första halvåret 2021", None, "2021-01-01", "2021-06-30", "range"),
    ("2021–22", None, "2021-01-01", "2022-12-31", "range"),
    ("2008–2009", None, "2008-01-01", "2009-12-31", "range"),
    ("under läsåret 2022/2023", None, "2022-01-01", "2023-12-31", "range"),
    ("verksamhetsåret 2024/25", None, "2024-01-01", "2025-12-31", "range"),
    # a period written as two dates is one range
    ("Ansökan är öppen 3 maj till 16 augusti 2024.", None, "2024-05-03", "2024-08-16", "range"),
    ("från den 1 mars 2023 till den 28 februari 2025", None, "2023-03-01", "2025-02-28", "range"),
    ("Avtalet gäller mellan den 15 januari 2020 och den 30 juni 2022.", None, "2020-01-15", "2022-06-30", "range"),
    ("Perioden 1 november–15 december 2023", None, "2023-11-01", "2023-12-15", "range"),
    ("under perioden 2 januari 2018 och 30 juni 2019", None, "2018-01-02", "2019-06-30", "range"),
    ("stödet fördelas på åren 2019–2024. Totalt sett", None, "2019-01-01", "2024-12-31", "range"),
    # a day past the month's end is the month's last day
    ("utfall per 31 april 2023", None, "2023-04-30", "2023-04-30", "day"),
    # years as column headers of a table, one cell per line
    ("Tkr\nKommunen\n2019", None, "2019-01-01", "2019-12-31", "year"),
    # without a year: inferred from the document's date
    ("Beslut väntas i augusti.", R22, "2022-08-01", "2022-08-31", "month"),
    ("Svaret ska lämnas senast den 17 oktober.", R24, "2024-10-17", "2024-10-17", "day"),
    ("Mötet är den 26 mars.", R24, "2024-03-26", "2024-03-26", "day"),
    ("från mars", R22, "2022-03-01", "2022-03-31", "month"),
    ("mellan mars-9 juni i år", R22, "2022-03-01", "2022-06-09", "range"),
    ("i juni", R22, "2022-06-01", "2022-06-30", "month"),
    ("Sedan i maj", R24, "2024-05-01", "2024-05-31", "month"),
    ("i september", R24, "2024-09-01", "2024-09-30", "month"),
    ("i december", R24, "2024-12-01", "2024-12-31", "month"),
    ("den 3 februari", R24, "2024-02-03", "2024-02-03", "day"),
    ("21 augusti", R22, "2022-08-21", "2022-08-21", "day"),
    ("i januari", R22, "2022-01-01", "2022-01-31", "month"),
    ("vecka 12", R24, "2024-03-18", "2024-03-24", "range"),
    # more absolute forms
    ("den 12 juni 2021 beslutade delegationen", None, "2021-06-12", "2021-06-12", "day"),
    ("Stockholm den 12 juni 2021.", None, "2021-06-12", "2021-06-12", "day"),
    ("den 29 februari 2024", None, "2024-02-29", "2024-02-29", "day"),
    ("Beslutsdatum: 2023-05-17", None, "2023-05-17", "2023-05-17", "day"),
    ("2021-12-31 kl. 23.59", None, "2021-12-31", "2021-12-31", "day"),
    ("den 5 april 2020", None, "2020-04-05", "2020-04-05", "day"),
    ("den 19 augusti 2022", None, "2022-08-19", "2022-08-19", "day"),
    ("den 8 januari 2026", None, "2026-01-08", "2026-01-08", "day"),
    ("januari 2020", None, "2020-01-01", "2020-01-31", "month"),
    ("sedan mars 2020", None, "2020-03-01", "2020-03-31", "month"),
    ("i slutet av juni 2023", None, "2023-06-01", "2023-06-30", "month"),
    ("Från och med juli 2022", None, "2022-07-01", "2022-07-31", "month"),
    ("t.o.m. december 2024", None, "2024-12-01", "2024-12-31", "month"),
    ("under 1990", None, "1990-01-01", "1990-12-31", "year"),
    ("för år 2025", None, "2025-01-01", "2025-12-31", "year"),
    ("2023 års budget", None, "2023-01-01", "2023-12-31", "year"),
    ("Under perioden 2018–2020", None, "2018-01-01", "2020-12-31", "range"),
    ("åren 2017–2018", None, "2017-01-01", "2018-12-31", "range"),
    ("den 10–12 maj 2022", None, "2022-05-10", "2022-05-12", "range"),
    ("oktober–december 2023", None, "2023-10-01", "2023-12-31", "range"),
    ("juni–augusti 2021", None, "2021-06-01", "2021-08-31", "range"),
    ("andra halvåret 2022", None, "2022-07-01", "2022-12-31", "range"),
    ("vecka 1 2024", None, "2024-01-01", "2024-01-07", "range"),
    ("1990-talet", None, "1990-01-01", "1999-12-31", "range"),
    ("mellan 2016 och 2019", None, "2016-01-01", "2019-12-31", "range"),
    ("Mellan 1999 – 2003 var nivån låg", None, "1999-01-01", "2003-12-31", "range"),
    ("den 2020-08-17", None, "2020-08-17", "2020-08-17", "day"),
    ("i april", R24, "2024-04-01", "2024-04-30", "month"),
    ("den 1 juli", R22, "2022-07-01", "2022-07-01", "day"),
    ("i oktober", R22, "2022-10-01", "2022-10-31", "month"),
    # year from the text before it (no document date)
    ("Den 4 mars 2024 kom förslaget. Remissen besvaras den 26 mars.", None, "2024-03-04", "2024-03-04", "day"),
    # a span of years is one interval: after a word for a period, or with an inclusive end
    ("Kommunerna får pengar under åren 2011 till 2013.", None, "2011-01-01", "2013-12-31", "range"),
    ("Stödet gäller 2025 till och med 2027.", None, "2025-01-01", "2027-12-31", "range"),
    ("Avtalet löper 2019 t.o.m. 2021.", None, "2019-01-01", "2021-12-31", "range"),
    ("under perioden 2021 fram till 2024", None, "2021-01-01", "2024-12-31", "range"),
    # a press release's dateline, month first
    ("Pressmeddelande • Mar 14, 2023 09:12 CET", None, "2023-03-14", "2023-03-14", "day"),
]


# A day or month without a year in a news item takes the year of the item's own date, not a year the item
# mentions in an earlier sentence; a year in its own sentence, or `i fjol`, `nästa år` after it, still decide.
# Each row: (text, the item's date, the interval of the last date found).
ITEM_YEAR = [
    ("Redan 2019 togs frågan upp. Fullmäktige beslutar den 22 oktober.", R22, "2022-10-22", "2022-10-22"),
    ("Planen från 2018 gäller. Pengarna betalas ut i juni.", R24, "2024-06-01", "2024-06-30"),
    ("Under 2019 lämnade kommunen i mars en ansökan.", R22, "2019-03-01", "2019-03-31"),
    ("Ansökan kom in i november i fjol.", R22, "2021-11-01", "2021-11-30"),
    ("Beslut fattas i mars nästa år.", R22, "2023-03-01", "2023-03-31"),
    ("Arbetet startade 2020. I april fattas beslutet.", None, "2020-04-01", "2020-04-30"),  # no date of its own
    # told in the past tense and later in the year than the item: the year before the item's
    ("Ansökningarna har strömmat in sedan utlysningen öppnade i oktober.", R22, "2021-10-01", "2021-10-31"),
    ("Den 15 december tecknade parterna en överenskommelse.", R22, "2021-12-15", "2021-12-15"),
    ("Beslutet fattades i september.", R22, "2021-09-01", "2021-09-30"),
    # must not change: a month still to come, or past but earlier in the year than the item
    ("Pengarna betalas ut i oktober.", R22, "2022-10-01", "2022-10-31"),
    ("Kommunen fattade beslut i mars.", R22, "2022-03-01", "2022-03-31"),
    ("Beviljade medel betalas ut i december.", R22, "2022-12-01", "2022-12-31"),
]


RESPECTIVE = [
    ("Medlen rekvireras senast den 30 april 2023 respektive 2024.", ["2023-04-30", "2024-04-30"]),
    # must not change: two years told together stay years; a year after `och` keeps its own whole year
    ("Under 2021 respektive 2022 fick föreningarna stöd.", ["2021-01-01", "2022-01-01"]),
    ("Avtalet gäller från den 1 juni 2020 och hela 2021.", ["2020-06-01", "2021-01-01"]),
]


@pytest.mark.parametrize("text,starts", RESPECTIVE)
def test_a_year_after_respektive_takes_the_day_before_it(text, starts):
    assert [str(d.date_start) for d in find_dates(text)] == starts


@pytest.mark.parametrize("text,reference,start,end", ITEM_YEAR)
def test_a_date_without_a_year_takes_the_items_year(text, reference, start, end):
    last = find_dates(text, reference)[-1]
    assert (str(last.date_start), str(last.date_end), last.inferred_year) == (start, end, True)


@pytest.mark.parametrize("text,reference,start,end,granularity", DATES)
def test_date(text, reference, start, end, granularity):
    found = find_dates(text, reference)
    assert found, f"no date in {text!r}"
    d = found[0]
    assert (str(d.date_start), str(d.date_end), d.granularity) == (start, end, granularity)
    assert text[d.start : d.end] == d.text


@pytest.mark.parametrize(
    "text,reference,inferred",
    [
        ("Beslut väntas i augusti.", R22, True),
        ("i augusti 2022", None, False),
        ("Den 4 mars 2024 kom förslaget. Remissen besvaras den 26 mars.", None, False),
    ],
)
def test_inferred_year_flag(text, reference, inferred):
    assert find_dates(text, reference)[0].inferred_year is inferred


def test_year_comes_from_the_sentence_before():
    text = "I juli 2024 presenterades förslaget. Synpunkter ska lämnas senast den 17 oktober."
    found = find_dates(text)
    assert [(str(d.date_start), d.inferred_year) for d in found] == [("2024-07-01", False), ("2024-10-17", True)]


NOT_DATES = [
    "Enligt SFS 2020:193 gäller reglerna.",
    "Se SOU 2018:47.",
    "prop. 2021/22:1",
    "SKR 2020a, 11.",
    "Statskontoret 2019, 7ff.",
    "4. SKL 2019, 49.",
    "Calmfors 2020.",
    "Häggroth et al 2020.",
    "Kommuninvest 2020b, 9.",
    "12. SOU 2018:47, 108ff.",
    "Text.\n17 Riksrevisionen 2021.\n",
    "Diarienummer KS2019-0412",
    "Projektet ”Hållbar landsbygd 2030+” fick stöd.",
    "Bidraget är 2020 kronor.",
    "Det kom 1999 personer.",
    "Ökningen var 2000 procent.",
    "Ring 1177.",
    "Ring 08-452 70 00.",
    "Dnr RS/1234/2024",
    "Det hände på 60-talet.",
    "i våras",
    "i höst",
    "nyligen",
    "de närmaste åren",
    "nästa vecka",
    "på måndag",
    "klockan 16.52",
    "Han sade maj inte.",
    "Ett mål om 1 500 bostäder.",
    "Sidan 12 och 13.",
    "Tabell 3",
    "Motion 2020/21:3456",
    "Bet. 2021/22:FiU1",
    "Rskr. 2021/22:123",
    "Vi fick 3 miljoner kronor.",
    "Kommun nr 2403.",
    "Postnummer 831 82",
    "under hösten",
    "i vintras",
    "Mars är en planet.",
    "Version 2.1",
    "Hela 190 av landets kommuner.",
    "Förra veckan",
    # vague relatives are not dates (ANNOTATION.md), however the document's date would resolve them
    "i år",
    "i fjol",
    "förra året",
    "Skogen är ett av många Natura 2000-områden.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Publicerad 2022-04-12\nRegionerna får mer pengar.", "2022-04-12"),
        ("Publicerad den 12 april 2022 kl 08.30\nText", "2022-04-12"),
        ("Tjänsteskrivelse\n2024-09-30\nDnr RS 2024/123\nÄrendet gäller", "2024-09-30"),
        ("Datum: 2021-10-05\nBakgrund", "2021-10-05"),
        ("Östersund den 4 mars 2024\nTill regionstyrelsen", "2024-03-04"),
        # a page whose text opens with its date, run into one line
        ("2019-03-11 Socialdepartementet Fördelning av medel till regionerna för " + "vårdplatser " * 20, "2019-03-11"),
        ("Nyheter 12 maj\n\n2023-05-12 Pressmeddelande\n\nRegionen satsar", "2023-05-12"),
        ("Kortnytt från kommunfullmäktige 14 november 2023\n\nBudgeten för 2024 antogs", "2023-11-14"),
        ("Pressmeddelande   •   Mar 14, 2023 09:12 CET\n\nRegionen beviljar", "2023-03-14"),
        # a web page's place and time stamp run together
        ("Foto: Anna Berg\n\nDalarna2021-11-03 14:25\n\nRegionen får mer pengar", "2021-11-03"),
        # `den` after a clause is a date the text speaks of, not `Ort den …`
        ("Kommunstyrelsen beslutade den 12 maj 2021 att ge bidrag.\nMer text", "None"),
        # a period a web site prints about its pages is not the item's date
        ("Sidan publicerades under perioden 5 maj 2015 och 12 mars 2022\n\nRegeringen ger", "None"),
    ],
)
def test_document_date(text, expected):
    assert str(document_date(text)) == expected


def test_document_date_ignores_dates_deep_in_the_body():
    text = "Bakgrund\n" + "Text om ekonomin. " * 60 + "\nBeslut fattades 2020-01-10."
    assert document_date(text) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        # a year never crosses a blank line to the day above it
        ("Kort om fullmäktige 27 april\n\n2022-04-28 Nyhet", ["27 april", "2022-04-28"]),
        # a line break inside the date is only a wrapped line
        ("beslutade den 27 april\n2022 att", ["den 27 april\n2022"]),
        # two days that are not joined into a period stay two dates
        ("Mötena hölls den 3 maj 2024 och den 16 augusti 2024.", ["den 3 maj 2024", "den 16 augusti 2024"]),
        # two years compared, not a span: two dates
        ("Från 2019 till 2021 ökade kostnaderna.", ["2019", "2021"]),
        ("Mellan 2021 och 2022 ökade kommunernas intäkter.", ["2021", "2022"]),
        ("Kostnaderna steg kraftigt mellan 2019 och 2020.", ["2019", "2020"]),
        # must not change: without a word of change `mellan … och …` is one span
        ("Projektet pågick mellan 2016 och 2019 i tre län.", ["mellan 2016 och 2019"]),
        # a year after a day and `respektive` takes the day
        ("Medlen rekvireras senast den 30 april 2023 respektive 2024.", ["den 30 april 2023", "2024"]),
        # a count or a day opening a line is no footnote number: the year at the end of it is a date
        ("12 föreningar fick stöd. Några hade intäkter under 20 000 kronor 2021.", ["2021"]),
        ("3 mars 2021 tecknade parterna ett avtal om vaccinationen 2022.\n\nMer", ["3 mars 2021", "2022"]),
    ],
)
def test_date_boundaries(text, expected):
    assert [d.text for d in find_dates(text, date(2022, 4, 27))] == expected
