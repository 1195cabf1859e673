"""GAs and verslagen as other ministries' writers build them in Word, made by LibreOffice.

Each document is written from scratch in LibreOffice through its UNO API (``uno_write.py``):
heading styles with real outline numbering, numbered lists, bold paragraphs and run-in
labels, a type line under the item heading, Roman-numbered parts, a table, footnotes. The
texts are invented in the genre. ``write(folder)`` makes them all; ``python foreign.py
FOLDER`` does so from the command line, and the fixtures under ``fixtures/foreign`` are made
that way (committed, so the fast tests need no LibreOffice).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("uno_write.py")
H1, H2, TITLE = "Heading 1", "Heading 2", "Title"
LIST = "Numbering 123"


@dataclass(frozen=True)
class Foreign:
    """One document: the Council id to import it for, outline levels numbered, its blocks."""

    raad: str
    blocks: list[dict]
    outline: int = 0


def _p(text: str, **style: object) -> dict:
    return {"text": text, **style}


DOCUMENTS: dict[str, Foreign] = {
    # Heading styles with Word's own "1." numbering on the item headings, the agenda list a
    # real numbered list, the sub-headings one level down.
    "milieuraad-overzicht": Foreign(
        "milieuraad-2027-06-22",
        outline=1,
        blocks=[
            _p("Geannoteerde Agenda Milieuraad 22 juni 2027", style=TITLE),
            _p(
                "Het Poolse Voorzitterschap van de Raad van de Europese Unie (hierna: Voorzitterschap) heeft "
                "een voorlopige agenda voor de Milieuraad gedeeld. Niet alle achtergrondstukken zijn al "
                "beschikbaar.[[De voorlopige agenda is op 2 juni 2027 aan de lidstaten gestuurd.]]"
            ),
            _p(
                "Tijdens de Milieuraad van 22 juni 2027 in Luxemburg staan de volgende onderwerpen geagendeerd:"
            ),
            _p("Het bereiken van een algemene oriëntatie over de verordening verpakkingsafval;", list=LIST),
            _p("Een beleidsdebat over de klimaatdoelstelling voor 2040.", list=LIST),
            _p("Algemene oriëntatie verpakkingsafval", style=H1),
            _p("Introductie", style=H2),
            _p(
                "De Commissie heeft in november een voorstel gedaan om verpakkingen te verminderen en beter "
                "herbruikbaar te maken.[[COM (2026) 677.]] Het Voorzitterschap streeft naar een algemene "
                "oriëntatie tijdens deze Raad."
            ),
            _p("Inzet Nederland", style=H2),
            _p(
                "Het kabinet steunt het doel van het voorstel en wil dat de eisen voor hergebruik haalbaar "
                "blijven voor het midden- en kleinbedrijf.[[Kamerstukken II, 2026-2027, 22 112, nr. 4410.]]"
            ),
            _p("Krachtenveld", style=H2),
            _p(
                "Een grote groep lidstaten steunt de ambitie. Enkele lidstaten vragen om langere "
                "overgangstermijnen voor papieren verpakkingen."
            ),
            _p("Beleidsdebat klimaatdoelstelling 2040", style=H1),
            _p("Introductie", style=H2),
            _p(
                "Het Voorzitterschap wil met de ministers spreken over de weg naar het doel voor 2040 en "
                "over de rol van internationale credits."
            ),
            _p("Inzet Nederland", style=H2),
            _p(
                "Nederland zet in op een doel van ten minste 90 procent reductie, met een beperkte en "
                "strikt begrensde rol voor internationale credits.[[Een credit is een verhandelbaar "
                "bewijs van uitstootvermindering buiten de EU.]]"
            ),
            _p("Krachtenveld", style=H2),
            _p("De lidstaten zijn verdeeld over de hoogte van het doel en over de credits."),
        ],
    ),
    # The item heading names the topic, a line under it the type; run-in bold labels.
    "jbz-soortregel": Foreign(
        "jbz-raad-2027-03-11",
        blocks=[
            _p("Geannoteerde agenda JBZ-Raad 11 maart 2027", style=TITLE),
            _p(
                "Op 11 maart 2027 vindt in Brussel de JBZ-Raad plaats. Hieronder volgt per onderwerp de "
                "inzet van het kabinet."
            ),
            _p("Verordening terugkeer", style=H1),
            _p("Algemene oriëntatie"),
            _p(
                "Het Voorzitterschap wil een algemene oriëntatie bereiken over de verordening die de "
                "terugkeer van derdelanders zonder verblijfsrecht regelt.[[COM (2025) 101.]]"
            ),
            _p(
                "Het kabinet steunt een snelle en effectieve terugkeer en de wederzijdse erkenning van "
                "terugkeerbesluiten.",
                label="Inzet Nederland:",
            ),
            _p("Veel lidstaten steunen de lijn van het Voorzitterschap.", label="Krachtenveld:"),
            _p("Digitalisering van de justitiële samenwerking", style=H1),
            _p("Beleidsdebat"),
            _p(
                "De ministers spreken over het gebruik van digitale middelen in grensoverschrijdende "
                "strafzaken."
            ),
            _p(
                "Nederland pleit voor gemeenschappelijke standaarden en voldoende waarborgen voor de "
                "bescherming van gegevens.",
                label="Inzet Nederland:",
            ),
            _p("Diversen", style=H1),
            _p(
                "Tot slot staan twee diversenpunten op de agenda: 1) de stand van zaken van het "
                "migratiepact en 2) het werkprogramma van het inkomende voorzitterschap."
            ),
        ],
    ),
    # A Milieuraad GA whose writer puts the type on a line of its own, in bold, under a heading
    # numbered by hand; the sub-headings in italic.
    "milieuraad-soortregel": Foreign(
        "milieuraad-2027-10-14",
        blocks=[
            _p("Geannoteerde Agenda Milieuraad 14 oktober 2027", style=TITLE),
            _p(
                "Op 14 oktober 2027 vindt in Luxemburg de Milieuraad plaats. Het Deense Voorzitterschap "
                "heeft een voorlopige agenda gedeeld."
            ),
            _p("1. Klimaatfinanciering COP32", style=H1),
            _p("Raadsconclusies", bold=True),
            _p("Introductie", italic=True),
            _p(
                "De Raad stelt de EU-inzet vast voor de klimaattop in november, met conclusies over "
                "klimaatfinanciering.[[Zie de brief over de COP32, Kamerstukken II, 2027-2028, 31 793, nr. 290.]]"
            ),
            _p("Inzet Nederland", italic=True),
            _p("Nederland wil dat de EU een ambitieus en geloofwaardig bod op tafel legt."),
            _p("2. Bodemmonitoring", style=H1),
            _p("Gedachtewisseling", bold=True),
            _p(
                "De ministers wisselen van gedachten over de uitvoering van de bodemrichtlijn in de "
                "lidstaten."
            ),
        ],
    ),
    # A letter with the GA inside: Roman parts, bold paragraphs as headings, a two-day meeting,
    # a table in a further part.
    "lvr-tweedaags-vet": Foreign(
        "landbouw-en-visserijraad-2027-01-25",
        blocks=[
            _p(
                "Op 25 en 26 januari a.s. vindt de Landbouw- en Visserijraad (hierna: Raad) plaats in Brussel. "
                "Met deze brief informeren we de Kamer over de agenda en de Nederlandse inbreng."
            ),
            _p("I. Geannoteerde agenda Landbouw- en Visserijraad 25-26 januari 2027", bold=True),
            _p("Werkprogramma van het Voorzitterschap", bold=True),
            _p(
                "Tijdens de Raad presenteert het Voorzitterschap zijn werkprogramma voor de komende zes "
                "maanden. Het kabinet verwelkomt de aandacht voor een vereenvoudiging van regels."
            ),
            _p("Marktsituatie", bold=True),
            _p(
                "Tijdens de Raad vindt er een gedachtewisseling plaats over de marktsituatie, met name "
                "over de gevolgen van dierziekten.[[Zie ook het verslag van de vorige Raad.]]"
            ),
            _p("Nederland vraagt aandacht voor de gevolgen van de vogelgriep voor pluimveehouders."),
            _p("II. Overige onderwerpen", bold=True),
            _p("In de tabel hieronder staat de planning van de vangstadviezen."),
            {"cells": [["Bestand", "Advies"], ["Kabeljauw Noordzee", "lager"]]},
        ],
    ),
    # The GA inside its letter as LVR sends it to parliament: salutation, the letter's opening
    # (the template's own sentences) and a paragraph of its own, the parts, then the close with
    # two signatories.
    "lvr-brief-ondertekend": Foreign(
        "landbouw-en-visserijraad-2027-03-29",
        blocks=[
            _p("Geachte voorzitter,"),
            _p(
                "Op 29 maart a.s. vindt de Landbouw- en Visserijraad (hierna: Raad) plaats in Brussel. Met "
                "deze brief informeren we de Kamer over de agenda en de Nederlandse inbreng. Wij zijn "
                "voornemens om deze vergadering bij te wonen."
            ),
            _p(
                "Daarnaast informeren we de Kamer over de uitkomst van de consultatie over het "
                "gemeenschappelijk visserijbeleid.[[Kamerstukken II, 2026-2027, 21 501-32, nr. 1702.]]"
            ),
            _p("I. Geannoteerde agenda Landbouw- en Visserijraad 29 maart 2027", bold=True),
            _p("Bosmonitoring", bold=True),
            _p(
                "Tijdens de Raad vindt er een gedachtewisseling plaats over het voorstel voor een "
                "monitoringskader voor bossen. Het voorzitterschap wil weten hoe de lidstaten de "
                "administratieve lasten willen beperken."
            ),
            _p(
                "Nederland steunt betere gegevens over de staat van de bossen, maar vraagt om aansluiting "
                "bij bestaande nationale inventarisaties. Tijdens de Raad zal Nederland langs deze lijnen "
                "interveniëren."
            ),
            _p("Een aantal lidstaten vreest extra lasten voor boseigenaren."),
            _p("II. Diversen", bold=True),
            _p("Situatie van de bijenhouderij", bold=True),
            _p(
                "De Franse delegatie informeert de Raad over de slechte oogst van de imkers in het "
                "afgelopen seizoen."
            ),
            _p("Hoogachtend,"),
            _p("De Minister van Landbouw, Visserij, Voedselzekerheid en Natuur,"),
            _p("J.A. Voorbeeld"),
            _p("De Staatssecretaris van Landbouw, Visserij, Voedselzekerheid en Natuur,"),
            _p("B.C. Tweede"),
        ],
    ),
    # The same form in another writer's words: an opening of its own (the weekday, the place
    # first), no attendance sentence, the close in capitals, one signatory.
    "lvr-brief-eigen-opening": Foreign(
        "landbouw-en-visserijraad-2027-05-24",
        blocks=[
            _p(
                "Op maandag 24 mei vindt in Brussel de Landbouw- en Visserijraad plaats. Hierbij informeer "
                "ik de Kamer over de geannoteerde agenda. De agenda is nog niet definitief."
            ),
            _p("I. Geannoteerde agenda Landbouw- en Visserijraad 24 mei 2027", bold=True),
            _p("Vereenvoudiging van het landbouwbeleid", bold=True),
            _p(
                "Tijdens de Raad vindt er een beleidsdebat plaats over de vereenvoudiging van het "
                "gemeenschappelijk landbouwbeleid.[[COM (2027) 140.]]"
            ),
            _p(
                "Het kabinet verwelkomt minder regels voor boeren en wil dat de milieudoelen overeind "
                "blijven. Tijdens de Raad zal Nederland langs deze lijnen interveniëren."
            ),
            _p("DE MINISTER VAN LANDBOUW, VISSERIJ, VOEDSELZEKERHEID EN NATUUR,"),
            _p("mr. A.B. de Vries"),
        ],
    ),
    # Numbering typed by hand, bold headings, a footnote in the introduction, prose between items.
    "raz-handnummers": Foreign(
        "raad-algemene-zaken-2027-05-18",
        blocks=[
            _p("Geannoteerde agenda van de Raad Algemene Zaken 18 mei 2027", bold=True),
            _p(
                "Op dinsdag 18 mei a.s. vindt in Brussel de Raad Algemene Zaken plaats.[[De agenda is "
                "op 4 mei gepubliceerd.]] De Minister van Buitenlandse Zaken is voornemens deel te nemen."
            ),
            _p("1. Voorbereiding Europese Raad", bold=True),
            _p(
                "De Raad bereidt de Europese Raad van juni voor. Naar verwachting staan Oekraïne en het "
                "concurrentievermogen op de agenda."
            ),
            _p("Het kabinet zet in op korte en doelgerichte conclusies."),
            _p("2. Uitbreiding", bold=True),
            _p(
                "De Raad bespreekt de voortgang van de kandidaat-lidstaten.[[Kamerstukken II, "
                "2026-2027, 21 501-02, nr. 3120.]]"
            ),
            _p(
                "Nederland blijft streng maar rechtvaardig in de beoordeling van hervormingen.[[!Zie "
                "de uitbreidingsbrief van november 2026.]]"
            ),
        ],
    ),
    # Ecofin's way: the type under the heading as "Aard bespreking: …", headings numbered by
    # hand, a table in an item's text.
    "ecofin-aard": Foreign(
        "ecofinraad-2027-07-14",
        blocks=[
            _p("Geannoteerde agenda Ecofinraad 14 juli 2027", style=TITLE),
            _p(
                "Op 14 juli 2027 vindt in Brussel de Ecofinraad plaats. Het Deense voorzitterschap heeft de "
                "volgende punten geagendeerd."
            ),
            _p("1. Herziening van het begrotingskader", style=H1),
            _p("Aard bespreking: Gedachtewisseling"),
            _p(
                "De ministers wisselen van gedachten over de eerste ervaringen met het herziene "
                "begrotingskader.[[Kamerstukken II, 2026-2027, 21 501-07, nr. 2100.]]"
            ),
            _p("Inzet Nederland", style=H2),
            _p("Het kabinet hecht aan een strikte en voorspelbare toepassing van de regels."),
            {"cells": [["Lidstaat", "Tekort 2026"], ["Nederland", "2,5 procent"]]},
            _p("2. Landspecifieke aanbevelingen", style=H1),
            _p("Aard bespreking: Raadsconclusies"),
            _p("De Raad stelt de landspecifieke aanbevelingen van het Europees Semester vast."),
        ],
    ),
    # A two-day EPSCO: each day's group of items under a bold heading of its own, the type in
    # italics under each item's heading, bold run-in labels.
    "epsco-groepen": Foreign(
        "epsco-raad-2027-06-19",
        blocks=[
            _p("Geannoteerde agenda EPSCO-Raad 19 en 20 juni 2027", bold=True),
            _p(
                "Op 19 en 20 juni a.s. vindt in Luxemburg de EPSCO-Raad plaats. Op 19 juni spreken de "
                "ministers van werkgelegenheid en sociaal beleid, op 20 juni die van volksgezondheid."
            ),
            _p("Werkgelegenheid en sociaal beleid", bold=True),
            _p("Richtlijn stages", bold=True),
            _p("Algemene oriëntatie", italic=True),
            _p(
                "Het voorzitterschap streeft naar een algemene oriëntatie over de richtlijn die de "
                "arbeidsvoorwaarden van stagiairs verbetert.[[COM (2026) 44.]]"
            ),
            _p(
                "Het kabinet steunt het doel, maar wil ruimte houden voor nationale stelsels.",
                label="Inzet Nederland:",
            ),
            _p("Volksgezondheid", bold=True),
            _p("Geneesmiddelenstrategie", bold=True),
            _p("Beleidsdebat", italic=True),
            _p("De ministers bespreken de herziening van de geneesmiddelenwetgeving."),
            _p("Nederland zet in op betaalbare en beschikbare geneesmiddelen.", label="Inzet Nederland:"),
        ],
    ),
    # A verslag letter as sent: salutation, the outcomes, then the close with its signatory.
    "verslag-ecofin-ondertekend": Foreign(
        "ecofinraad-2027-05-11",
        blocks=[
            _p("Geachte voorzitter,"),
            _p("Verslag Ecofinraad 11 mei 2027", style=H1),
            _p(
                "Op 11 mei jl. vond de Ecofinraad plaats in Brussel. De Raad sprak over de bankenunie en "
                "nam conclusies aan over de douane-unie."
            ),
            _p("Bankenunie", style=H2),
            _p(
                "De ministers wisselden van gedachten over een Europees depositogarantiestelsel. Nederland "
                "herhaalde dat risico's eerst verder moeten worden verminderd.[[Kamerstukken II, 2026-2027, "
                "21 501-07, nr. 2130.]]"
            ),
            _p("Douane-unie", style=H2),
            _p("De Raad nam de conclusies over de hervorming van de douane-unie zonder discussie aan."),
            _p("Hoogachtend,"),
            _p("DE MINISTER VAN FINANCIËN,"),
            _p("E. Voorbeeld"),
        ],
    ),
    # An LVR verslag as its letter: the letter's opening, the verslag as part I with bold
    # headings, part II Diversen, the close with the minister.
    "verslag-lvr-brief": Foreign(
        "landbouw-en-visserijraad-2027-03-29",
        blocks=[
            _p("Geachte voorzitter,"),
            _p(
                "Op 29 maart jl. vond de Landbouw- en Visserijraad (hierna: Raad) plaats in Brussel. Met deze "
                "brief informeer ik de Kamer over de uitkomsten van de Raad."
            ),
            _p("I. Verslag Landbouw- en Visserijraad 29 maart 2027", bold=True),
            _p("Bosmonitoring", bold=True),
            _p(
                "De Raad wisselde van gedachten over het monitoringskader voor bossen. Nederland vroeg om "
                "aansluiting bij de nationale bosinventarisatie.[[Kamerstukken II, 2026-2027, 21 501-32, nr. "
                "1710.]]"
            ),
            _p("II. Diversen", bold=True),
            _p("Situatie van de bijenhouderij", bold=True),
            _p("Frankrijk informeerde de Raad over de slechte oogst van de imkers."),
            _p("Hoogachtend,"),
            _p("De Minister van Landbouw, Visserij, Voedselzekerheid en Natuur,"),
            _p("J.A. Voorbeeld"),
        ],
    ),
    # A verslag with heading styles.
    "verslag-ecofin": Foreign(
        "ecofinraad-2027-03-09",
        blocks=[
            _p("Verslag Ecofinraad 9 maart 2027", style=H1),
            _p(
                "Op 9 maart jl. vond de Ecofinraad plaats in Brussel. De Raad sprak over de kapitaalmarktunie "
                "en het Europees Semester."
            ),
            _p("Kapitaalmarktunie", style=H2),
            _p(
                "De Raad wisselde van gedachten over de voortgang van de kapitaalmarktunie.[[COM (2026) 12.]] "
                "Nederland benadrukte het belang van toezicht."
            ),
            _p("Europees Semester", style=H2),
            _p("De Raad nam conclusies aan over het werkprogramma van het Semester."),
        ],
    ),
}


def write(folder: Path, names: list[str] | None = None, python: str = "/usr/bin/python3") -> list[Path]:
    """Each document (or those named) written by LibreOffice to ``folder/NAME.docx``."""
    folder.mkdir(parents=True, exist_ok=True)
    chosen = names or list(DOCUMENTS)
    jobs = [
        {
            "target": str(folder / f"{name}.docx"),
            "author": "Schrijver",
            "outline": DOCUMENTS[name].outline,
            "blocks": DOCUMENTS[name].blocks,
        }
        for name in chosen
    ]
    with tempfile.TemporaryDirectory() as temp:
        job_file = Path(temp) / "jobs.json"
        job_file.write_text(json.dumps(jobs), encoding="utf-8")
        subprocess.run([python, str(SCRIPT), str(job_file)], check=True, timeout=600)
    return [folder / f"{name}.docx" for name in chosen]


if __name__ == "__main__":
    write(Path(sys.argv[1]), sys.argv[2:] or None)
