"""JSON Schemas of the drafters' files, generated from the pydantic models of the records, for editors.

An editor with a YAML language server completes keys, shows what a key means and marks
a misspelled one while the drafter types. The structure comes from the models alone;
the descriptions are the drafters' language (Dutch) and live here, one per model and
field: a field without one simply has none in the schema.
"""

from __future__ import annotations

import json
from typing import Any

from .agenda import Agenda
from .dossier import Dossier
from .footnotes import SharedNotes
from .modelbase import Base
from .pydantic_models import pydantic_model

DIALECT = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS: dict[str, type[Base]] = {"agenda": Agenda, "dossier": Dossier, "voetnoten": SharedNotes}
"""Schema name → model: ``agendas/*.yaml``, ``positions/*.yaml``, ``positions/_voetnoten.yaml``."""

TITLES = {
    "agenda": "briefgen: agenda van één Raad (agendas/*.yaml)",
    "dossier": "briefgen: dossier met de Nederlandse standpunten (positions/*.yaml)",
    "voetnoten": "briefgen: gedeelde voetnoten (positions/_voetnoten.yaml)",
}

BESCHRIJVINGEN: dict[str, str] = {
    "Agenda": "Eén Raad: de agendapunten en de gegevens voor de Kamerbrieven en de nota.",
    "Agenda.id": "Gelijk aan de bestandsnaam, bijvoorbeeld milieuraad-2026-03-17.",
    "Agenda.raad": "De Raadsformatie of bijeenkomst zoals de stukken haar noemen, bijvoorbeeld Milieuraad; kiest ook de formatie als 'formatie' ontbreekt.",
    "Agenda.datum": "De datum van de Raad (JJJJ-MM-DD).",
    "Agenda.plaats": "Waar de Raad vergadert, bijvoorbeeld Brussel.",
    "Agenda.voorzitterschap": "Optioneel: het voorzitterschap als bijvoeglijk naamwoord, bijvoorbeeld Cypriotische; standaard volgt het uit de datum.",
    "Agenda.agendastatus": "Optioneel: wat het voorzitterschap heeft gedeeld: geen (nog niets), concept, voorlopig of definitief.",
    "Agenda.stand_van_zaken": "Optioneel: wat er over de stukken bekend is, na de eerste zin van de GA.",
    "Agenda.voetnoten": "Voetnoten voor de eigen teksten van de agenda (GA, brief, nota), als [^sleutel].",
    "Agenda.punten": "De agendapunten, in volgorde.",
    "Agenda.brief": "De Kamerbrieven; zonder dit deel worden ze niet geschreven.",
    "Agenda.nota": "De nota ter beslissing; zonder dit deel wordt die niet geschreven.",
    "Agendapunt": "Eén agendapunt.",
    "Agendapunt.dossier": "Optioneel: het dossier (bestandsnaam in positions/ zonder .yaml).",
    "Agendapunt.soort": "Het soort punt, zoals beleidsdebat of diversen (zie templates/_soorten.md.j2).",
    "Agendapunt.onderwerp": "Het onderwerp in de agendaregel; anders de titel van het dossier.",
    "Agendapunt.kop": "Optioneel: de kop van het punt in plaats van de korte naam van het dossier.",
    "Agendapunt.toelichting": "Optioneel: toelichting bij een diversenpunt.",
    "Agendapunt.deel": "Optioneel: een kop in de GA boven dit punt en de punten erna met dezelfde (‘Eurogroep’, ‘I. Binnenlandse Zaken’); met ga.kopnummers begint de nummering in elk deel opnieuw.",
    "Agendapunt.verslagkop": "Optioneel: de kop van dit punt in het verslag, als die anders is dan in de GA.",
    "Agendapunt.portefeuille": "Optioneel: de portefeuille voor de arcering, in plaats van die van het dossier.",
    "Brief": "De begeleidende brieven aan de Tweede en de Eerste Kamer.",
    "Brief.datum": "De datum van de brief (JJJJ-MM-DD).",
    "Brief.afzender": "Regels bovenaan de referentiekolom; de eerste vet (het ministerie).",
    "Brief.bezoekadres": "Optioneel: het bezoekadres in de referentiekolom, één regel per element.",
    "Brief.postadres": "Optioneel: het postadres in de referentiekolom en in de retouradresregel.",
    "Brief.retouradres": "Optioneel: het adres in de retouradresregel boven de geadresseerde; anders het postadres.",
    "Brief.kenmerk": "Optioneel: Ons kenmerk.",
    "Brief.bijlagen": "Optioneel: het aantal bijlagen (Bijlage(n)).",
    "Brief.rubricering": "Optioneel: de rubricering, bijvoorbeeld Intern gebruik.",
    "Brief.ondertekenaars": "Eén ondertekening per bewindspersoon; twee of meer geeft 'wij'.",
    "Brief.mede_namens": "Optioneel: namens wie de brief mede wordt gestuurd.",
    "Brief.alineas": "Optioneel: alinea's na de vaste opening.",
    "Ondertekenaar": "Een bewindspersoon die ondertekent.",
    "Ondertekenaar.functie": "De functie zoals in lopende tekst: de Minister van …",
    "Ondertekenaar.naam": "De naam onder de handtekening.",
    "Nota": "De interne nota ter beslissing voor de bewindspersoon.",
    "Nota.datum": "De datum van de nota (JJJJ-MM-DD).",
    "Nota.referentie": "Onze referentie.",
    "Nota.betreft": "Optioneel: de onderwerpregel op bladzijde 1; anders de Raad en de datum.",
    "Nota.opgesteld_door": "Opgesteld door: één regel per element.",
    "Nota.rubricering": "Optioneel: de rubricering.",
    "Nota.beslistermijn": "De datum waarop het besluit nodig is (JJJJ-MM-DD).",
    "Nota.beslistermijn_toelichting": "Optioneel: de tekst onder Beslistermijn.",
    "Nota.geadviseerd_besluit": "De geadviseerde besluiten, genummerd 1), 2), …",
    "Nota.niet_openbaar": "Informatie die niet openbaar gemaakt kan worden (standaard N.v.t.).",
    "Nota.toelichting": "De secties van de Toelichting, in volgorde.",
    "Nota.bijlagen": "De bijlagen; hun aantal staat in de referentiekolom.",
    "NotaSectie": "Een sectie van de Toelichting.",
    "NotaSectie.kop": "De kop van de sectie.",
    "NotaSectie.tekst": "Optioneel: de tekst (Markdown).",
    "NotaSectie.agendapunten": "Zet de samenvatting per agendapunt na deze sectie.",
    "Bijlage": "Eén bijlage in de tabel Bijlagen.",
    "Bijlage.volgnummer": "Optioneel: het volgnummer; volgende bijlagen nummeren hierna door.",
    "Bijlage.naam": "De naam van de bijlage.",
    "Bijlage.informatie": "Optioneel: een korte beschrijving.",
    "Agenda.formatie": "Optioneel: de Raadsformatie (elke naam of afkorting, bijvoorbeeld JBZ-Raad): kiest templates/<formatie>/, het Kamerstukdossier, het ministerie en de manier van aanbieden (standaard: raad).",
    "Agenda.afkorting": "Optioneel: de afkorting van de formatie, bijvoorbeeld RAZ; standaard die van de formatie.",
    "Agenda.einddatum": "Optioneel: de laatste dag van een bijeenkomst van meer dagen (JJJJ-MM-DD).",
    "Agenda.dagen": "Optioneel: hoe de stukken de dagen van een bijeenkomst van meer dagen noemen: reeks (‘16–18 juli’) of opsomming (‘16, 17 en 18 juli’, ‘23 en 24 juni’); standaard die van de formatie.",
    "Agenda.land": "Optioneel: het land bij de plaats, geschreven als ‘Aalborg, Denemarken’.",
    "Agenda.voorzetsel": "Optioneel: ‘in’ of ‘te’ voor de plaats; standaard die van de formatie (Transportraad: te, anders in).",
    "Agenda.ga": "Optioneel: de eigen zinnen van de GA, te vervangen of weg te laten.",
    "Agenda.delen": "Optioneel: delen na de agenda (‘II. …’), zoals in de brief van de Landbouw- en Visserijraad.",
    "Agendapunt.tekst": "Optioneel: de tekst van een punt zonder dossier (Markdown).",
    "Agendapunt.opening": "Optioneel: de openingszin van dit punt. Weglaten houdt de standaardzin, tekst vervangt hem, false laat hem weg.",
    "Agendapunt.slotzin": "Optioneel: de slotzin van dit punt. Weglaten houdt de standaardzin, tekst vervangt hem, false laat hem weg.",
    "Agendapunt.kopjes": "Optioneel: de tussenkopjes van dit punt; false laat ze alle drie weg.",
    "Brief.betreft": "Optioneel: de Betreft-regel in plaats van de standaardregel.",
    "Brief.agendastatus": "Optioneel: de stand van de agenda zoals de brief die noemt, als die anders is dan in de GA.",
    "Brief.relatief": "Optioneel: true dateert de Raad in de brief als ‘5 juni a.s.’ (na de Raad: ‘jl.’) in plaats van met het jaar; standaard die van de formatie.",
    "Brief.aanbieding": "Optioneel: hoe de brief de GA aanbiedt: sturen, zenden, aanbieden, toekomen, ontvangen, met deze brief of informeren; standaard die van de formatie.",
    "Verslag.nummering": "Optioneel: true zet Romeinse cijfers voor de delen van het verslag (I., II., …), false laat ze weg; standaard die van de formatie (alleen de Landbouw- en Visserijraad nummert).",
    "Verslag.aanbieding": "Optioneel: hoe de brief het verslag aanbiedt: sturen, zenden, aanbieden, toekomen, ontvangen, met deze brief of informeren (‘Met deze brief informeren wij u … over de … die op … plaatsvond.’); standaard die van de formatie.",
    "Brief.opening": "Optioneel: de eerste zin van de brief. Weglaten houdt de standaardzin, tekst vervangt hem, false laat hem weg.",
    "Brief.deelname": "Optioneel: de zin over deelname van het kabinet. Weglaten houdt de standaardzin, tekst vervangt hem, false laat hem weg.",
    "Brief.stand_van_zaken": "Optioneel: de zin over de stand van zaken van de agenda. Weglaten houdt de standaardzin, tekst vervangt hem, false laat hem weg.",
    "Deel": "Een deel na de agenda: een kop, een openingstekst en eigen onderwerpen.",
    "Deel.kop": "De kop van het deel.",
    "Deel.tekst": "Optioneel: de openingstekst (Markdown).",
    "Deel.onderwerpen": "Optioneel: de onderwerpen van het deel, elk met kop en tekst.",
    "Onderwerp": "Een onderwerp in een deel na de agenda.",
    "Onderwerp.kop": "De kop van het onderwerp.",
    "Onderwerp.tekst": "Optioneel: de tekst (Markdown).",
    "GaTeksten": "De eigen zinnen van de GA; opening, slotzin en kopjes gelden voor elk punt.",
    "GaTeksten.titel": "Optioneel: de titelregel van de GA.",
    "GaTeksten.inleiding": "Optioneel: de zin over het voorzitterschap en de stand van de agenda. Weglaten houdt de standaardzin, tekst vervangt hem, false laat hem weg.",
    "GaTeksten.deelname": "Optioneel: een zin over deelname in de GA zelf, na de inleiding (standaard geen).",
    "GaTeksten.aankondiging": "Optioneel: ‘Tijdens de … staan de volgende onderwerpen geagendeerd:’. Weglaten houdt de standaardzin, tekst vervangt hem, false laat hem weg.",
    "GaTeksten.diversen": "Optioneel: de zin die de diversenpunten aankondigt. Weglaten houdt de standaardzin, tekst vervangt hem, false laat hem weg.",
    "GaTeksten.vorm": "Optioneel: lijst (genummerde punten), proza (één lopende alinea) of geen (alleen de inleiding); standaard die van de formatie (Milieuraad: proza; Ecofinraad, JBZ-Raad, EPSCO-Raad, Raad voor Concurrentievermogen, Transportraad: geen; anders lijst).",
    "GaTeksten.kopnummers": "Optioneel: true nummert de koppen van de agendapunten met Words eigen nummering (‘1. Beleidsdebat …’), zoals sommige ministeries hun GA schrijven; standaard zonder nummers.",
    "GaTeksten.soortkop": "Optioneel: voor (‘Beleidsdebat CO2-normen’), onder (de kop is het onderwerp, het soort een regel eronder) of aard (eronder als ‘Aard bespreking: Gedachtewisseling’, Ecofin); standaard die van de formatie.",
    "GaTeksten.opening": "Optioneel: de openingszin van elk punt. Weglaten houdt de standaardzin, tekst vervangt hem, false laat hem weg.",
    "GaTeksten.slotzin": "Optioneel: de slotzin van elk punt. Weglaten houdt de standaardzin, tekst vervangt hem, false laat hem weg.",
    "GaTeksten.diversen_opsommen": "Optioneel: false telt de diversenpunten alleen (‘Tot slot staan drie diversenpunten op de agenda.’) in plaats van ze te noemen.",
    "GaTeksten.diversentekst": "Optioneel: een alinea die het diversendeel opent, onder zijn kop en voor het eerste punt.",
    "GaTeksten.vooraf": "Optioneel: een eigen alinea die de GA (het eerste deel) opent, voor de openingszinnen; bijvoorbeeld een woord van dank.",
    "GaTeksten.volgorde": "Optioneel: de volgorde van de openingszinnen: inleiding, stand_van_zaken, deelname, aankondiging, diversen; niet genoemde volgen op hun gewone plaats.",
    "GaTeksten.getal": "Optioneel: enkelvoud (‘staat’) of meervoud (‘staan’) in de aankondiging; standaard naar wat als eerste genoemd wordt (‘staat een beleidsdebat over …, een …’; ‘staan gedachtewisselingen over …’).",
    "GaTeksten.agendastatus": "Optioneel: de stand van de agenda zoals de GA die noemt, als die anders is dan die van de agenda: geen, concept, voorlopig of definitief.",
    "GaTeksten.waar": "Optioneel: waar de Raad is zoals de lopende tekst van de GA het zegt (‘in Aalborg’); false: niet genoemd.",
    "GaTeksten.waar_achteraan": "Optioneel: true noemt de plaats achteraan (‘vindt de RAZ plaats in Brussel’) in plaats van vooraan (‘vindt in Brussel de RAZ plaats’).",
    "GaTeksten.jaar": "Optioneel: false dateert de Raad in de lopende tekst van de GA zonder jaar; true met jaar.",
    "GaTeksten.voetnoot_bij": "Optioneel: een voetnoot op een standaardzin, per naam van de zin (aankondiging, inleiding, …): de sleutel van een voetnoot van de agenda, of {noot: sleutel, na: woorden} voor een plaats in de zin.",
    "Brief.volgorde": "Optioneel: de volgorde van de zinnen van de openingsalinea: opening, deelname, stand_van_zaken; niet genoemde volgen op hun gewone plaats.",
    "Brief.waar": "Optioneel: waar de Raad is zoals de brief het zegt (‘te Luxemburg’); false: niet genoemd.",
    "Brief.jaar": "Optioneel: false dateert de Raad in de brief zonder jaar; true met jaar (standaard die van de formatie).",
    "Brief.voetnoot_bij": "Optioneel: een voetnoot op een standaardzin van de brief, per naam van de zin (opening, deelname, stand_van_zaken).",
    "NootPlaats": "Een voetnoot op een standaardzin: de voetnoot ‘noot’ na de woorden ‘na’, anders aan het eind van de zin.",
    "NootPlaats.noot": "De sleutel van de voetnoot (in voetnoten van de agenda of positions/_voetnoten.yaml).",
    "NootPlaats.na": "Optioneel: de woorden in de zin waarna de voetnoot staat (de eerste keer dat ze voorkomen).",
    "Agendapunt.verslagdeel": "Optioneel: een kop in het verslag boven dit punt en de volgende punten met dezelfde kop (‘Eurogroep in reguliere samenstelling’).",
    "Agendapunt.door": "Optioneel: wie presenteert of informeert (‘het Voorzitterschap’, ‘Frankrijk’), voor de soorten die dat noemen (presentatie, informatie, voortgangsrapportage).",
    "Agendapunt.slotzin_na": "Optioneel: na hoeveel alinea's van de inzet de slotzin staat (0: ervoor); standaard na de hele inzet.",
    "GaTeksten.kopjes": "Optioneel: de tussenkopjes van elk punt; false laat ze alle drie weg.",
    "Kopjes": "De tussenkopjes boven de teksten van een punt: elk te vervangen door tekst of weg te laten met false.",
    "Kopjes.introductie": "Optioneel: het kopje Introductie. Weglaten houdt de standaardkop, tekst vervangt hem, false laat hem weg.",
    "Kopjes.inzet": "Optioneel: het kopje Inzet Nederland. Weglaten houdt de standaardkop, tekst vervangt hem, false laat hem weg.",
    "Kopjes.krachtenveld": "Optioneel: het kopje Krachtenveld. Weglaten houdt de standaardkop, tekst vervangt hem, false laat hem weg.",
    "Dossier": "Eén dossier met het Nederlandse standpunt per Raad.",
    "Dossier.id": "Gelijk aan de bestandsnaam, bijvoorbeeld co2-normen.",
    "Dossier.titel": "De volledige titel van het dossier.",
    "Dossier.kort": "De korte naam, in de kop van het agendapunt.",
    "Dossier.portefeuille": "Optioneel: de portefeuille, voor de arcering in de reviewversie.",
    "Dossier.voetnoten": "Voetnoten voor de teksten van dit dossier, als [^sleutel].",
    "Dossier.standpunten": "Eén standpunt per Raad, oudste eerst.",
    "Standpunt": "Het Nederlandse standpunt voor één Raad.",
    "Standpunt.raad": "De agenda-id van de Raad, bijvoorbeeld milieuraad-2026-03-17.",
    "Standpunt.introductie": "Optioneel: de Introductie (Markdown).",
    "Standpunt.inzet": "Optioneel: de Inzet Nederland (Markdown).",
    "Standpunt.kern": "Optioneel: de korte samenvatting voor de nota.",
    "Standpunt.krachtenveld": "Optioneel: het Krachtenveld (Markdown).",
    "Kamerstuk": "Een Kamerstuk: Kamerstukken II, 2025-2026, 22 112, nr. 4238.",
    "Kamerstuk.kamer": "II voor de Tweede Kamer, I voor de Eerste Kamer.",
    "Kamerstuk.vergaderjaar": "Het vergaderjaar, bijvoorbeeld 2025-2026.",
    "Kamerstuk.dossier": "Het dossiernummer, bijvoorbeeld 22 112; in de eigen voetnoten van een agenda weg te laten voor het Kamerstukdossier van de formatie (21 501-08 voor de Milieuraad).",
    "Kamerstuk.nr": "Optioneel: het volgnummer (Tweede Kamer).",
    "Kamerstuk.letter": "Optioneel: de letter (Eerste Kamer).",
    "KamerstukVoetnoot": "Een voetnoot die een Kamerstuk citeert.",
    "KamerstukVoetnoot.kamerstuk": "Het Kamerstuk.",
    "Standpunt.uitkomst": "Optioneel: de uitkomst van de Raad voor dit dossier, in de verleden tijd, voor het verslag (Markdown).",
    "Agendapunt.uitkomst": "Optioneel: de uitkomst van een punt zonder dossier, in de verleden tijd, voor het verslag (Markdown).",
    "Agenda.verslag": "Optioneel: het verslag na de Raad; met dit deel worden het verslag en de brieven erbij geschreven.",
    "Verslag": "Het verslag na de Raad en de brief aan de Kamers die erbij hoort.",
    "Verslag.datum": "De datum van de brief bij het verslag (JJJJ-MM-DD).",
    "Verslag.betreft": "Optioneel: de Betreft-regel in plaats van ‘Verslag <Raad> <datum>’.",
    "Verslag.afzender": "Optioneel: de regels bovenaan de referentiekolom; anders die van brief.",
    "Verslag.kenmerk": "Optioneel: Ons kenmerk van de brief bij het verslag.",
    "Verslag.rubricering": "Optioneel: de rubricering van de brief bij het verslag.",
    "Verslag.ondertekenaars": "Optioneel: wie de brief ondertekent; anders die van brief.",
    "Verslag.mede_namens": "Optioneel: namens wie de brief mede wordt gestuurd; anders die van brief ([] voor niemand).",
    "Verslag.opening": "Optioneel: de eerste zin van de brief. Weglaten houdt de standaardzin, tekst vervangt hem, false laat hem weg.",
    "Verslag.alineas": "Optioneel: alinea's van de brief na de opening.",
    "Verslag.diversenkop": "Optioneel: de kop boven de diversen in plaats van ‘Diversen’; false laat hem weg.",
    "Verslag.waar": "Optioneel: waar de Raad was zoals de brief bij het verslag het zegt (‘te Brussel’); false: niet genoemd.",
    "Verslag.jaar": "Optioneel: false dateert de Raad in de brief bij het verslag zonder jaar; true met jaar.",
    "Verslag.kop": "Optioneel: de kop van deel I in plaats van ‘Verslag <Raad> <datum>’ (RAZ en RBZ: ‘Verslag <Raad> van <datum>’, de Landbouw- en Visserijraad: ‘I. Verslag <Raad>’ zonder datum); false laat hem weg.",
    "Verslag.inleiding": "Optioneel: de eerste zin van het verslag, vóór de samenvatting. RAZ en RBZ schrijven standaard ‘Op <weekdag> <datum> jl. vond de <Raad> (<afkorting>) plaats in <plaats>.’; tekst vervangt hem (of voegt hem toe bij andere formaties), false laat hem weg.",
    "Verslag.samenvatting": "Optioneel: de samenvatting van de Raad, na de kop van deel I (Markdown).",
    "Verslag.diversen": "Optioneel: diversenpunten die anderen inbrachten, na de diversenpunten van de agenda.",
    "Verslag.marge": "Optioneel: bijeenkomsten rond de Raad (ontbijt, lunch, en marge), elk met kop en tekst.",
    "Verslag.delen": "Optioneel: verdere delen na het verslag (II., III., …), elk met kop en tekst.",
    "Verslag.bijlagen": "Optioneel: de verdere bijlagen van de brief; ze tellen mee in Bijlage(n).",
    "VerslagPassage": "Een passage van het verslag: een kop (optioneel) en een tekst.",
    "VerslagPassage.kop": "Optioneel: de kop van de passage.",
    "VerslagPassage.tekst": "De tekst (Markdown).",
    "VerslagDeel": "Een verder deel na het verslag.",
    "VerslagDeel.kop": "De kop van het deel, na het Romeinse cijfer.",
    "VerslagDeel.tekst": "De tekst (Markdown).",
    "SharedNotes": "Voetnoten die meerdere dossiers gebruiken.",
    "SharedNotes.voetnoten": "Sleutel en tekst (of Kamerstuk) per voetnoot, als [^sleutel] te gebruiken.",
}


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file (a key of ``SCHEMAS``), with Dutch descriptions."""
    model = SCHEMAS[name]
    generated = pydantic_model(model).model_json_schema()
    models = {model.__name__: generated, **generated.get("$defs", {})}
    for model_name, definition in models.items():
        definition.pop("description", None)
        _describe(definition, BESCHRIJVINGEN.get(model_name))
        for field, prop in definition.get("properties", {}).items():
            _describe(prop, BESCHRIJVINGEN.get(f"{model_name}.{field}"))
    return {"$schema": DIALECT, **generated, "title": TITLES[name]}


def _describe(definition: dict[str, Any], text: str | None) -> None:
    if text is not None:
        definition["description"] = text


def schema_json(name: str) -> str:
    return json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"
