"""Money mentions: (input, value, value_max, qualifier, per) and inputs that are not money."""

from __future__ import annotations

import pytest

from extractors.amounts import find_amounts

M, MD = 1e6, 1e9
NBSP, THIN, NNBSP = "\u00a0", "\u2009", "\u202f"

AMOUNTS = [
    # plain kronor, digit grouping
    ("Regionen får 21 000 000 kronor.", 21_000_000, None, "exact", None),
    # billions are money in public finance even without a money word; a compound keeps its scale
    ("Nära en miljard till regionerna för vårdköerna", 1e9, None, "under", None),
    ("Staten skjuter till 7 välfärdsmiljarder nästa år.", 7e9, None, "exact", None),
    ("Därtill föreslås 3 miljarder till 2026.", 3e9, None, "exact", None),
    ("Beloppet är 21" + NBSP + "000" + NBSP + "000 kronor.", 21_000_000, None, "exact", None),
    ("Beloppet är 21" + THIN + "000" + THIN + "000 kronor.", 21_000_000, None, "exact", None),
    ("Beloppet är 21" + NNBSP + "000" + NNBSP + "000 kr.", 21_000_000, None, "exact", None),
    ("Kommunen fick 1.500 kronor per elev.", 1_500, None, "exact", "elev"),
    ("Avgiften är 1 500,50 kronor.", 1500.5, None, "exact", None),
    ("Totalt 10 799 951 kronor betalas ut.", 10_799_951, None, "exact", None),
    ("Stödet blev 926 456 kronor.", 926_456, None, "exact", None),
    ("Det kostar 500 kr.", 500, None, "exact", None),
    ("Det kostar 500 kr. Sedan mer.", 500, None, "exact", None),
    ("Priset är 250:- per person.", 250, None, "exact", "person"),
    ("Ersättningen är 1 200 SEK.", 1200, None, "exact", None),
    ("Ersättningen är 75 kronorna.", 75, None, "exact", None),
    ("Totalt 3 450 000 kronor fördelas.", 3_450_000, None, "exact", None),
    ("Bidraget uppgår till 12 345 678 kr", 12_345_678, None, "exact", None),
    # millions
    ("Regionen har sökt 82,9 miljoner kronor.", 82.9 * M, None, "exact", None),
    ("Det handlar om 83 miljoner kronorna.", 83 * M, None, "exact", None),
    ("Kommunen får 1 miljon kronor.", 1 * M, None, "exact", None),
    ("Kommunen får en miljon kronor.", 1 * M, None, "exact", None),
    ("Kommunen får tio miljoner kronor.", 10 * M, None, "exact", None),
    ("Kommunen får två miljoner kronor.", 2 * M, None, "exact", None),
    ("Kommunen får fem miljoner kronor.", 5 * M, None, "exact", None),
    ("Kommunen får femton miljoner kronor.", 15 * M, None, "exact", None),
    ("Kommunen får tjugo miljoner kronor.", 20 * M, None, "exact", None),
    ("Kommunen får hundra miljoner kronor.", 100 * M, None, "exact", None),
    ("Kommunen får en halv miljon kronor.", 0.5 * M, None, "exact", None),
    ("ca 30 mkr tilldelas länet.", 30 * M, None, "approx", None),
    ("Länet tilldelas 23 mkr.", 23 * M, None, "exact", None),
    ("Länet tilldelas 23 Mkr.", 23 * M, None, "exact", None),
    ("Länet tilldelas 23 MSEK.", 23 * M, None, "exact", None),
    ("Länet tilldelas 23 mnkr.", 23 * M, None, "exact", None),
    ("Länet tilldelas 23 mn kr.", 23 * M, None, "exact", None),
    ("Länet tilldelas 23 milj. kr.", 23 * M, None, "exact", None),
    ("Länet tilldelas 23 milj kronor.", 23 * M, None, "exact", None),
    ("Länet tilldelas 23 miljoner.", 23 * M, None, "exact", None),
    ("(sökt 208,8 mnkr)", 208.8 * M, None, "exact", None),
    ("Sökt belopp: 4,25 miljoner kronor.", 4.25 * M, None, "exact", None),
    ("Satsningen omfattar 150 miljoner kronor.", 150 * M, None, "exact", None),
    ("Budgeten är 2.5 miljoner kronor.", 2.5 * M, None, "exact", None),
    ("Vinsten blev 0,8 miljoner kronor.", 0.8 * M, None, "exact", None),
    ("Pengarna räcker till 56,4 miljonerna.", 56.4 * M, None, "exact", None),
    # billions
    ("Sektorns resultat blev 12,4 miljarder kronor.", 12.4 * MD, None, "exact", None),
    ("Regeringen avsätter 1 miljard kronor.", 1 * MD, None, "exact", None),
    ("Regeringen avsätter en miljard kronor.", 1 * MD, None, "exact", None),
    ("Regeringen avsätter två miljarder kronor.", 2 * MD, None, "exact", None),
    ("Regeringen avsätter en halv miljard kronor.", 0.5 * MD, None, "exact", None),
    ("Regeringen avsätter 1,5 miljard kronor.", 1.5 * MD, None, "exact", None),
    ("Regeringen avsätter 3 mdkr.", 3 * MD, None, "exact", None),
    ("Regeringen avsätter 3 mdr kronor.", 3 * MD, None, "exact", None),
    ("Regeringen avsätter 3 miljarder.", 3 * MD, None, "exact", None),
    ("Resultatet blev 3 \nmiljarder kronor högre än väntat.", 3 * MD, None, "exact", None),
    ("de 7 miljarderna för 2023 kronor", 7 * MD, None, "exact", None),
    ("ökats med sammanlagt 31,5 miljarder kronor", 31.5 * MD, None, "exact", None),
    ("Anslaget är 17,5 miljarder kr.", 17.5 * MD, None, "exact", None),
    ("Anslaget är 0,8 miljarder kronor.", 0.8 * MD, None, "exact", None),
    # thousands
    ("Bidraget är 450 tkr.", 450_000, None, "exact", None),
    ("Bidraget är 450 tusen kronor.", 450_000, None, "exact", None),
    ("Bidraget är 450 kkr.", 450_000, None, "exact", None),
    ("Bidraget är 12 tusen kronor.", 12_000, None, "exact", None),
    ("Bidraget är 1 250 tkr.", 1_250_000, None, "exact", None),
    # euro
    ("EU bidrar med 5 miljoner euro.", 5 * M, None, "exact", None),
    ("EU bidrar med 5 miljoner EUR.", 5 * M, None, "exact", None),
    ("Projektet får 300 000 €.", 300_000, None, "exact", None),
    ("Projektet får 300 000 euro.", 300_000, None, "exact", None),
    # qualifiers: approx
    ("cirka 40 miljoner kronor", 40 * M, None, "approx", None),
    ("ca. 40 miljoner kronor", 40 * M, None, "approx", None),
    ("c:a 40 miljoner kronor", 40 * M, None, "approx", None),
    ("omkring 40 miljoner kronor", 40 * M, None, "approx", None),
    ("ungefär 1 miljard kronor", 1 * MD, None, "approx", None),
    ("runt 40 miljoner kronor", 40 * M, None, "approx", None),
    ("kring 40 miljoner kronor", 40 * M, None, "approx", None),
    ("i storleksordningen 6 miljarder \nkronor", 6 * MD, None, "approx", None),
    ("uppskattningsvis 12 miljoner kronor", 12 * M, None, "approx", None),
    ("Ca 12 mkr", 12 * M, None, "approx", None),
    ("Cirka 12 mkr", 12 * M, None, "approx", None),
    # qualifiers: over
    ("drygt 249 miljoner kronor", 249 * M, None, "over", None),
    ("Drygt 249 miljoner kronor", 249 * M, None, "over", None),
    ("över 100 miljoner kronor", 100 * M, None, "over", None),
    ("mer än 10 miljarder kronor", 10 * MD, None, "over", None),
    ("mer \nän 10 miljarder kronor", 10 * MD, None, "over", None),
    ("minst 5 miljoner kronor", 5 * M, None, "over", None),
    ("strax över 5 miljoner kronor", 5 * M, None, "over", None),
    ("åtminstone 5 miljoner kronor", 5 * M, None, "over", None),
    # qualifiers: under
    ("knappt 2,3 miljarder kronor", 2.3 * MD, None, "under", None),
    ("nästan 2 miljarder kronor", 2 * MD, None, "under", None),
    ("under 5 miljoner kronor", 5 * M, None, "under", None),
    ("upp till 5 miljoner kronor", 5 * M, None, "under", None),
    ("högst 5 miljoner kronor", 5 * M, None, "under", None),
    ("maximalt 5 miljoner kronor", 5 * M, None, "under", None),
    ("strax under 5 miljoner kronor", 5 * M, None, "under", None),
    ("mindre än 5 miljoner kronor", 5 * M, None, "under", None),
    ("närmare 5 miljoner kronor", 5 * M, None, "under", None),
    ("uppemot 5 miljoner kronor", 5 * M, None, "under", None),
    ("Knappt 300 000 kronor", 300_000, None, "under", None),
    # ranges
    ("10–20 miljarder kronor", 10 * MD, 20 * MD, "exact", None),
    ("10-20 miljarder kronor", 10 * MD, 20 * MD, "exact", None),
    ("10 – 20 miljarder kronor", 10 * MD, 20 * MD, "exact", None),
    ("10—20 miljarder kronor", 10 * MD, 20 * MD, "exact", None),
    ("10 till 20 miljarder kronor", 10 * MD, 20 * MD, "exact", None),
    ("mellan 5 och 10 miljoner kronor", 5 * M, 10 * M, "exact", None),
    ("Mellan 5 och 10 miljoner kronor", 5 * M, 10 * M, "exact", None),
    ("mellan 5 och 10 miljoner, enligt budgeten", 5 * M, 10 * M, "exact", None),
    ("ca 5–7 mkr", 5 * M, 7 * M, "approx", None),
    ("2,5–3,5 miljoner kronor", 2.5 * M, 3.5 * M, "exact", None),
    ("100–150 tkr", 100_000, 150_000, "exact", None),
    ("500–800 kronor per invånare", 500, 800, "exact", "invånare"),
    ("fem till tio miljoner kronor", 5 * M, 10 * M, "exact", None),
    # per
    ("193 kronor per invånare", 193, None, "exact", "invånare"),
    ("193 kr per invånare", 193, None, "exact", "invånare"),
    ("ungefär 2 miljarder kronor i månaden", 2 * MD, None, "approx", "månad"),
    ("450 miljoner kronor i månaden", 450 * M, None, "exact", "månad"),
    ("5 miljoner kronor per månad", 5 * M, None, "exact", "månad"),
    ("6 miljoner kronor per år", 6 * M, None, "exact", "år"),
    ("5 miljoner kronor om året", 5 * M, None, "exact", "år"),
    ("5 miljoner kronor årligen", 5 * M, None, "exact", "år"),
    ("2 000 kronor per elev", 2000, None, "exact", "elev"),
    ("2 000 kronor per barn", 2000, None, "exact", "barn"),
    ("800 kronor per dygn", 800, None, "exact", "dygn"),
    ("120 kronor per timme", 120, None, "exact", "timme"),
    ("40 kronor per capita", 40, None, "exact", "invånare"),
    ("350 kronor per person", 350, None, "exact", "person"),
    ("3 000 kronor per patient", 3000, None, "exact", "patient"),
    ("9 000 kronor per plats", 9000, None, "exact", "plats"),
    ("10 miljoner kronor per kommun", 10 * M, None, "exact", "kommun"),
    ("10 miljoner kronor per region", 10 * M, None, "exact", "region"),
    ("10 miljoner kronor i veckan", 10 * M, None, "exact", "vecka"),
    # unit carried from context
    ("Elva regioner delar på 43,2 miljoner, medan resten går till kommunerna.", 43.2 * M, None, "exact", None),
    ("Bidraget på 12 miljoner ska användas till digitalisering.", 12 * M, None, "exact", None),
    ("Kostnaden beräknas till 35 miljoner.", 35 * M, None, "exact", None),
    ("Anslaget höjs med 2 miljarder.", 2 * MD, None, "exact", None),
    ("Pengarna, 7 miljoner, går till skolan.", 7 * M, None, "exact", None),
    ("Statsbidraget blir 4,2 miljarder nästa år.", 4.2 * MD, None, "exact", None),
    ("Regionen har sökt stöd på 9 miljoner.", 9 * M, None, "exact", None),
    ("Underskottet väntas bli 120 miljoner.", 120 * M, None, "exact", None),
    ("Överskottet blev 45 miljoner.", 45 * M, None, "exact", None),
    ("Investeringar för 800 miljoner planeras.", 800 * M, None, "exact", None),
    # lists, tables
    ("Region Uppsala: 8 412 306 kronor", 8_412_306, None, "exact", None),
    (" 7. Region Dalarna:  3 504 218 kronor", 3_504_218, None, "exact", None),
    ("Bjurholms kommun, 103,7 miljoner kronor (sökt 208,8 mnkr)", 103.7 * M, None, "exact", None),
    ("Digitala vårdmöten | 25 000 000 kronor", 25_000_000, None, "exact", None),
    ("• Region Skåne 4,5 mkr", 4.5 * M, None, "exact", None),
    ("- Malå kommun: 3 mkr", 3 * M, None, "exact", None),
    # glued footnotes and line breaks
    ("9 miljarder kronor under 2024.17 Regeringen", 9 * MD, None, "exact", None),
    ("ett tillskott på 2 miljar-\nder kronor", None, None, None, None),  # joined by normalize; see test below
    ("Beloppet 450\nkronor betalas ut.", 450, None, "exact", None),
    # a hyphen left where a line broke inside the unit, after the lines were joined
    ("Myndigheten tilldelas 2,5 miljo-ner kronor för uppdraget.", 2.5 * M, None, "exact", None),
    ("Anslaget höjs med 4 mil-jarder kronor.", 4 * MD, None, "exact", None),
    ("Stödet är 80 000 kro-nor per elev.", 80_000, None, "exact", "elev"),
    ("Beloppet om 1 200 000\nkronor betalas ut.", 1_200_000, None, "exact", None),
    ("utgifter på 3 miljarder kronor", 3 * MD, None, "exact", None),
    ("lönekostnad om 420 miljoner kronor.", 420 * M, None, "exact", None),
    ("Kommunen fick 2020 kronor per elev.", 2020, None, "exact", "elev"),
    ("Summan, 3 miljoner kronor, betalas ut i maj.", 3 * M, None, "exact", None),
    ("Regeringen sköt till 1 miljard kr till idrotten.", 1 * MD, None, "exact", None),
    ("Regeringen sköt till 6 miljarder kronor.", 6 * MD, None, "exact", None),
    ("Satsningen är på 700 miljoner svenska kronor.", 700 * M, None, "exact", None),
    # number words Swedish builds: a ten and a unit in one word, a unit and a half
    ("Kommunen får tjugofem miljoner kronor.", 25 * M, None, "exact", None),
    ("Staten satsar tre och en halv miljard på vägarna.", 3.5 * MD, None, "exact", None),
    # number phrases: a couple of hundred thousand; a known sum named with `den`
    ("Stöden ligger på ett par hundra tusen kronor.", 200_000, None, "exact", None),
    ("Skolorna får dela på den miljard som regeringen har avsatt.", 1 * MD, None, "exact", None),
    # new or extra millions are money by themselves
    ("Sex nya miljoner till våtmarker i länet", 6 * M, None, "exact", None),
    ("Länsstyrelsen har beviljat tre nya miljoner i bidrag.", 3 * M, None, "exact", None),
    ("Skolan får 10 extra miljoner i år.", 10 * M, None, "exact", None),
    # an acronym's genitive (`MSB:s`) before the sum is no page reference (`s. 12`)
    ("Därtill kommer MSB:s 12.400.000 kronor för övningar.", 12_400_000, None, "exact", None),
    ("SKR:s 3 miljoner kronor går till utbildning.", 3 * M, None, "exact", None),
    # signs: a glued minus, a minus word, a named deficit; a difference or a bullet stays positive
    ("Årets resultat landar på minus 212 miljoner kronor.", -212 * M, None, "exact", None),
    ("Prognos för helåret: -87 mnkr jämfört med budget.", -87 * M, None, "exact", None),
    ("Nämnden | –2 450 tkr", -2_450_000, None, "exact", None),
    ("Kommunen redovisar ett underskott på 31 miljoner kronor.", -31 * M, None, "exact", None),
    ("Regionerna väntas gå knappt minus 3 miljarder kronor.", -3 * MD, None, "under", None),
    ("Utfallet blev 7 miljarder sämre än i budgeten.", 7 * MD, None, "exact", None),
    ("Kostnaderna ökade, en minskning med 40 miljoner kronor väntas.", 40 * M, None, "exact", None),
    ("- 15 miljoner kronor till Region Örebro län", 15 * M, None, "exact", None),
    ("Resultatet per invånare ligger mellan -300 och -1 200 kronor per invånare.", -1200, -300, "exact", "invånare"),
    ("Intervallet spänner mellan +2 000 och –900 kronor per invånare.", -900, 2000, "exact", "invånare"),
]


# Number words for parts and hundreds, as news items and memos write sums out: a half or a quarter glued to the
# scale word or before it, a count of hundreds in one word, and `en dryg`/`en knapp` (a little over, under).
PARTS_AND_HUNDREDS = [
    ("Kommunen får en halvmiljon kronor till lekplatser.", 0.5 * M, None, "exact", None),
    ("Regeringen satsar en halvmiljard på vägarna.", 0.5 * MD, None, "exact", None),
    ("Regeringen avsätter en kvarts miljard kronor.", 0.25 * MD, None, "exact", None),
    ("Föreningen får tre kvarts miljon kronor.", 0.75 * M, None, "exact", None),
    ("Kommunen får fyrahundra tusen kronor.", 400_000, None, "exact", None),
    ("Föreningen får tvåhundrafemtio tusen kronor.", 250_000, None, "exact", None),
    ("Kommunen får en dryg miljon kronor.", 1 * M, None, "over", None),
    ("Regionen får en knapp miljard i år.", 1 * MD, None, "under", None),
    # must not change: a half before the scale word, a compound that keeps its scale, hundreds as digits
    ("Kommunen får en halv miljon kronor.", 0.5 * M, None, "exact", None),
    ("Staten skjuter till 5 välfärdsmiljarder.", 5 * MD, None, "exact", None),
    ("Kommunen får 400 tusen kronor.", 400_000, None, "exact", None),
]


# A unit glued to its number, as PDF tables, scans and hurried web pages write it (`250 000kr`, `2,5mkr`, `5Mkr`).
GLUED_UNITS = [
    ("Kommunen får 250 000kr i stöd.", 250_000, None, "exact", None),
    ("Kommunen får 2,5mkr för lekplatsen.", 2.5 * M, None, "exact", None),
    ("Regionen får 5Mkr i stöd.", 5 * M, None, "exact", None),
    ("Föreningen får 12tkr.", 12_000, None, "exact", None),
    ("Staten satsar 3mdkr på vägarna.", 3 * MD, None, "exact", None),
    ("Föreningen får 25kkr i bidrag.", 25_000, None, "exact", None),
    # must not change: a unit after a space, and letters glued to a number that are no unit
    ("Kommunen får 250 000 kr i stöd.", 250_000, None, "exact", None),
]


@pytest.mark.parametrize("text,value,value_max,qualifier,per", AMOUNTS + PARTS_AND_HUNDREDS + GLUED_UNITS)
def test_amount(text, value, value_max, qualifier, per):
    found = find_amounts(text)
    if value is None:  # not an amount as written (a word split by a line-end hyphen is joined by normalize first)
        assert found == []
        return
    assert found, f"no amount in {text!r}"
    a = found[0]
    assert a.value == pytest.approx(value)
    assert (a.value_max is None) == (value_max is None)
    if value_max is not None:
        assert a.value_max == pytest.approx(value_max)
    assert a.qualifier == qualifier
    assert a.per == per
    assert text[a.start : a.end] == a.text


def test_sum_gives_two_amounts():
    found = find_amounts("de 12 + 4 miljarder kronor för 2022 som ingår i krispaketen")
    assert [(a.text, a.value) for a in found] == [("12", 12 * MD), ("4 miljarder kronor", 4 * MD)]


EACH = [
    # two sums before one unit, each its own amount; a qualifier before the first is its own
    (
        "Malå och Åsele tilldelas i år knappt 2 respektive 5 miljoner kronor.",
        [("knappt 2", 2 * M, "under"), ("5 miljoner kronor", 5 * M, "exact")],
    ),
    ("Projekten beviljas 12,5 resp. 8 mkr.", [("12,5", 12.5 * M, "exact"), ("8 mkr.", 8 * M, "exact")]),
    # a sum changed from one to another: two sums, not a range
    (
        "Anslaget höjs från 80 till 120 miljoner kronor nästa år.",
        [("80", 80 * M, "exact"), ("120 miljoner kronor", 120 * M, "exact")],
    ),
    ("Avgiften sänktes från 1 200 till 900 kronor.", [("1 200", 1200, "exact"), ("900 kronor", 900, "exact")]),
    # must not change: a range of sums a grant may have, and years told with `respektive`, are no pair
    ("Bidrag kan sökas från 50 000 till 500 000 kronor.", [("50 000 till 500 000 kronor", 50_000, "exact")]),
    ("Under 2019 respektive 2020 fick de 3 miljoner kronor.", [("3 miljoner kronor", 3 * M, "exact")]),
]


@pytest.mark.parametrize("text,expected", EACH)
def test_two_sums_told_together(text, expected):
    assert [(a.text, a.value, a.qualifier) for a in find_amounts(text)] == expected


def test_currency_and_spans():
    found = find_amounts("Projektet får 300 000 € och 2 miljoner kronor.")
    assert [(a.currency, a.text) for a in found] == [("EUR", "300 000 €"), ("SEK", "2 miljoner kronor")]


def test_hyphenated_scale_word_after_normalization():
    from pipeline.read.normalize import normalize

    text = normalize("ett tillskott på 2 miljar-\nder kronor till kommunerna").text
    found = find_amounts(text)
    assert [(a.value, a.text) for a in found] == [(2 * MD, "2 miljarder kronor")]


def test_bare_scale_after_money_in_same_sentence():
    text = "Elva regioner delar på 43,2 miljoner, medan 151,6 miljoner går till 170 av landets kommuner."
    assert [a.value for a in find_amounts(text)] == [43.2 * M, 151.6 * M]


def amounts_by_sentence(text: str) -> list[float]:
    """The amounts as the pipeline reads them: each bare scale word judged by its own sentence."""
    from extractors.mentions import sentence_finder
    from extractors.sentences import SegmentIndex, line_blocks

    return [a.value for a in find_amounts(text, sentence_finder(text, SegmentIndex(text, line_blocks(text))))]


HEADINGS = [
    # a news heading states the sum in short; the paragraph under it says it is money
    (
        "18 miljoner till nya cykelvägar\n\nKommunen har beviljats 18 miljoner kronor från staten för att bygga.",
        [18 * M, 18 * M],
    ),
    ("Ytterligare 40 miljoner till forskning om skogen\n\nStiftelsen fördelar medlen i två omgångar.", [40 * M]),
    # must not change: a heading about people or with no money below, and a sentence that is no heading
    ("Två miljoner fler resenärer\n\nTåget blev populärare under året, visar statistiken.", []),
    ("Sverige passerar elva miljoner\n\nBefolkningen växte i fjol, enligt statistiken.", []),
    ("Föreningen har 3 miljoner skäl att fira.\n\nBidraget kom i går.", []),
    ("Stadens nya park\n\nParken har 2 miljoner besökare. Bidraget kom i går.", []),
]


NEIGHBOURS = [
    # a bare scale word whose money words stand in the sentence before or after it
    (
        "Föreningen ber kommunen om hjälp efter branden. Totalt handlar det om drygt 2,5 miljoner. "
        "Pengarna ska gå till ett nytt tak.",
        [2.5 * M],
    ),
    ("Stiftelsen har en pott på 330 miljoner att fördela. Av dessa går 120 miljoner till gårdar.", [330 * M, 120 * M]),
    # must not change: a count names its noun, and a paragraph with no money word around it is no money
    ("Kommunen fick 3 miljoner kronor i bidrag. Staden har 1,2 miljoner besökare per år.", [3 * M]),
    ("Regionen växer snabbt. I dag bor 2,1 miljoner här. Många flyttar till kusten.", []),
    ("Föreningen har 3 miljoner skäl att fira.\n\nBidraget kom i går.", []),
]


KRONOR_LEFT_OUT = [
    # a sum in kronor that the sentence tells without its unit, after one with it
    ("Anslaget ökar med 300 000 kronor, varav teatern får 100 000 kronor och konsthallen 200 000.", [3e5, 1e5, 2e5]),
    ("Föreningen fick 45 000 kronor och klubben 30 000, enligt beslutet.", [45_000, 30_000]),
    # must not change: a count names its noun, a phone number is no sum, and the next sentence is not this one
    ("Kommunen fick 300 000 kronor och har 12 000 invånare.", [300_000]),
    ("Bidraget är 50 000 kronor. Ring 070 123 45 67.", [50_000]),
    ("Bidraget är 50 000 kronor. Sedan dess har 20 000 besökt parken och 1 500.", [50_000]),
]


@pytest.mark.parametrize("text,expected", KRONOR_LEFT_OUT)
def test_a_sum_in_kronor_may_leave_its_unit_out(text, expected):
    assert amounts_by_sentence(text) == expected


@pytest.mark.parametrize("text,expected", NEIGHBOURS)
def test_a_bare_scale_word_reads_the_sentences_beside_it(text, expected):
    assert amounts_by_sentence(text) == expected


@pytest.mark.parametrize("text,expected", HEADINGS)
def test_a_heading_reads_the_paragraph_under_it(text, expected):
    assert amounts_by_sentence(text) == expected


NOT_MONEY = [
    "Ärendet har beteckning 12krs-2024.",
    # a unit glued to digits with a hyphen, a letter or a digit after it is a code; a glued `sek` is seconds
    "Artikelnummer 4711kr-B ligger i lagret.",
    "Rum 3sek ligger i plan 2.",
    "Skåpet 12tkrA står i källaren.",
    "Jorden har 8 miljarder invånare.",
    "Universum är 13,8 miljarder år gammalt.",
    "Skolmiljarden fördelas i höst.",
    "Maxtaxa 4 120\nSkolmiljarden 1 305",  # a name on the next line is no unit of the number above
    "Enligt SFS 2020:193 ska bidraget sökas.",
    "Se SOU 2018:47 för detaljer.",
    "Prop. 2021/22:1 behandlar budgeten.",
    "Hela 190 av landets kommuner deltar.",
    "Hela 97 kommuner och 6 regioner redovisade ett underskott.",
    "Skatteunderlaget växer med 1,3 procent.",
    "Andelen ökade med 0,1 procentenheter.",
    "Ring 08-452 70 00 för frågor.",
    "Ring 1177 Vårdguiden om du blir sjuk.",
    "Mötet hålls den 4 mars 2024.",
    "Perioden 2004–2029 omfattar 25 år.",
    "Befolkningen väntas växa från runt 10 till 12 miljoner.",
    "Ett rike med omkring tio miljoner medborgare.",
    "Det gäller 11 miljoner människor.",
    "Resorna ökade till 3 miljoner resor per år.",
    "Vi vaccinerade 2 miljoner personer.",
    "Staden har 1 miljon invånare.",
    "Sidan 12 visar tabellen.",
    "Regionen fick två nya miljoner invånare på femtio år.",
    "Sex nya projekt startar i höst.",
    "Den svenska kronan stärktes mot euron.",
    "Den kronan var värd mer förr.",
    "Tjugofem personer kom till mötet.",
    "Tre och en halv timme tog det.",
    "Se s. 12 kronor och ören i bilagan.",
    "Kapitel 3 handlar om ekonomin.",
    "Under 2021 ökade kostnaderna.",
    "Av de 277 kommunerna redovisar 106 ett underskott.",
    "Tabell 1 visar 193 193 0 i kolumnerna.",
    "Det var 2018.1 Skillnaderna är stora.",
    "Artikel 5 i förordningen.",
    "Ärendet har nummer 2021/1234.",
    "Dnr RS/1234/2024",
    "Klockan 16.52 kom beslutet.",
    "Han är 45 år gammal.",
    "Det finns 26 olika projekt.",
    "Av 21 regioner valde 5 att söka.",
    "Lagen trädde i kraft 2019.",
    "Sju av tio kommuner svarade.",
    "I 60-talets Sverige.",
    "Temperaturen var 20 grader.",
    "Ungefär hälften av kommunerna har medel avsatta.",
    "Det tog 3 miljoner år att bilda berget.",
    "Kön var 1 500 patienter lång.",
    "Version 2.5 av systemet.",
    "Bilaga 4, punkt 2.",
    "Motion 2020/21:3456 av Anna Andersson.",
    "I 18 § står att medlen ska återbetalas.",
    "Fler än 10 000 personer har ansökt.",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text):
    assert find_amounts(text) == []


# A code with a unit's letters glued to its digits (`4711kr-B`) is no amount even where a sum with its unit
# stands close after it; a glued unit ended by a stop, a comma or a space stays money.
GLUED_CODES_BESIDE_MONEY = [
    ("Artikelnummer 4711kr-B kostar 3 miljoner kronor för Hylte kommun.", [3 * M]),
    ("Lokal 2kr3 hyrs ut för 40 000 kronor om året.", [40_000]),
    # must not change: glued units that are money
    ("Regionen får 5Mkr, kommunen 250 000kr.", [5 * M, 250_000]),
    ("Totalt 2,5mkr. Därtill kommer 12tkr i avgifter.", [2.5 * M, 12_000]),
]


@pytest.mark.parametrize("text,values", GLUED_CODES_BESIDE_MONEY)
def test_a_code_glued_to_a_unit_is_no_amount(text, values):
    assert [a.value for a in find_amounts(text)] == values
