#!/usr/bin/env python3
"""Rebuild the generated entries of factex's default gazetteer from the public source lists.

Usage:
    python3 tools/gazetteer/build.py SOURCES_DIR [--data DIR] [--check] [--explain]

SOURCES_DIR holds the downloaded lists (see data/entities/SOURCES.md):
    nsi_car_brands.json                    name-suggestion-index, brands/shop/car (BSD-3-Clause)
    car_logos_dataset_brands.json          filippofilip95/car-logos-dataset (MIT)
    countries_mledoze.json                 mledoze/countries (ODbL 1.0)
    nsi_ev_charging_brands_operators.json  name-suggestion-index, amenity/charging_station (BSD-3)

What the script owns, per file in data/entities/ (default DIR):
    places.tsv             one entry per country of mledoze/countries (rules in `countries`)
    demonyms.tsv           one entry per English demonym of mledoze/countries (`demonyms`)
    charging_networks.tsv  the allow-listed EV-charging networks of the NSI list (`charging`)
Every other line of those files, and every line of the other files, is hand-written: the script
keeps it as it is. A line whose id the script generates is replaced, so edit the tables below,
not the generated lines. The script keeps each file's leading comment block, sorts the entries by
id and then checks the whole gazetteer the way the Rust tests do (unique ids and aliases, parents
that exist, known kinds) and that every car brand of the NSI and car-logos lists is either in
automakers.tsv (or another file) or excluded below with a reason.

--check writes nothing and exits 1 when a file would change. --explain prints why each dropped
source record was dropped. Python 3.9+, standard library only. The Rust build and tests do not
use this script or the source lists.
"""

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

KINDS = {
    "automaker", "battery_maker", "brand", "charging_network", "demonym", "group",
    "joint_venture", "place", "supplier",
}
FIELDS = ["id", "name", "kind", "wikidata", "aliases", "parents", "flags"]

# --------------------------------------------------------------------------------------------
# Countries (mledoze/countries) -> places.tsv
# --------------------------------------------------------------------------------------------

# The id is the slug of the `common` name; the name is `common`; the aliases are `official` and
# the `altSpellings` that pass `keep_country_alias`; the parent is a continent.

# Wikidata ids carried over from the hand-written list this replaced (mledoze has none).
COUNTRY_WIKIDATA = {
    "china": "Q148", "germany": "Q183", "india": "Q668", "japan": "Q17", "united-states": "Q30",
}

# Spellings added on purpose (short forms that news text uses, two-letter forms we accept).
COUNTRY_EXTRA_ALIASES = {
    "china": ["PRC", "mainland China"],
    "czechia": ["Czech Republic"],
    "hong-kong": ["Hong Kong SAR"],
    "ivory-coast": ["Côte d'Ivoire", "Côte d’Ivoire"],
    "myanmar": ["Burma"],
    "south-korea": ["Korea"],
    "taiwan": [],
    "turkiye": ["Turkey"],
    "united-kingdom": ["UK", "U.K.", "Britain"],
    "united-states": ["US", "U.S.", "U.S.A.", "America"],
    "vietnam": ["Viet Nam"],
}

# Alternative spellings from the source that are dropped, with the reason.
COUNTRY_DROP_ALIASES = {
    "Island": "Iceland's Icelandic name; matches 'Rhode Island', 'Long Island'",
    "Thai": "the demonym (demonyms.tsv), not the country",
    "Togolese": "the demonym (demonyms.tsv), not the country",
    "Saudi": "used as the adjective; an alias of the demonym `saudi-arabian`",
    "Prathet": "Thai for 'country'",
    "Emirates": "usually the airline",
    "Dominique": "a given name",
    "Lao": "the language and people; the country is Laos",
    "Viti": "Fijian name, a common word in other languages",
    "Reunion": "a common word; 'Réunion' is kept",
    "Nippon": "mostly part of company names (Nippon Steel, Nippon Paint)",
    "Nihon": "mostly part of company names (Nihon Keizai)",
    "Zhonghua": "part of many Chinese company and brand names",
    "Guiana": "the wider Guiana region, not French Guiana",
    "Virgin Islands": "shared by the British and the US Virgin Islands",
    "RSA": "RSA the cryptosystem and company",
    "Timor": "the island, shared by Timor-Leste and Indonesia",
    "Mann": "Manx name of the Isle of Man; a common surname",
    "Suisse": "mostly in Credit Suisse",
}

# mledoze `region` -> parent place id. Americas is split by SOUTH_AMERICA.
REGION_PARENT = {
    "Africa": "africa", "Asia": "asia", "Europe": "europe", "Oceania": "oceania",
    "Antarctic": "antarctica",
}
SOUTH_AMERICA = {"AR", "BO", "BR", "CL", "CO", "EC", "FK", "GF", "GY", "PE", "PY", "SR", "UY", "VE"}
COUNTRY_PARENT_OVERRIDES = {"hong-kong": ["china"], "macau": ["china"], "antarctica": []}

# Country names that are also given names, surnames, other places or common words.
COUNTRY_AMBIGUOUS = {
    "chad": "a given name",
    "congo": "also the DR Congo and the river",
    "georgia": "also the US state (`georgia-us-state`)",
    "jersey": "also short for New Jersey (Central Jersey), and the garment",
    "jordan": "a given name and surname; the river",
}


def keep_country_alias(alias):
    """Why an alternative spelling is dropped, or None to keep it."""
    if alias in COUNTRY_DROP_ALIASES:
        return COUNTRY_DROP_ALIASES[alias]
    if re.fullmatch(r"[A-Z]{2}", alias):
        return "two-letter code"
    if ", " in alias:
        return "inverted form ('Korea, Republic of') that running text never uses"
    if not is_latin(alias):
        return "not in Latin script"
    return None


def countries(mledoze, explain):
    out = {}
    for c in mledoze:
        cid = slug(c["common"])
        aliases = [c["official"]]
        for alt in c["altSpellings"]:
            reason = keep_country_alias(alt)
            if reason is None:
                aliases.append(alt)
            elif explain:
                print(f"country {cid}: drop alias {alt!r}: {reason}")
        aliases += COUNTRY_EXTRA_ALIASES.get(cid, [])
        if cid in COUNTRY_PARENT_OVERRIDES:
            parents = COUNTRY_PARENT_OVERRIDES[cid]
        elif c["region"] == "Americas":
            parents = ["south-america" if c["cca2"] in SOUTH_AMERICA else "north-america"]
        else:
            parents = [REGION_PARENT[c["region"]]]
        out[cid] = entry(
            cid, c["common"], "place", COUNTRY_WIKIDATA.get(cid, ""), aliases, parents,
            ["ambiguous"] if cid in COUNTRY_AMBIGUOUS else [],
        )
    return out


# --------------------------------------------------------------------------------------------
# Demonyms (mledoze/countries demonym_eng) -> demonyms.tsv
# --------------------------------------------------------------------------------------------

# A demonym shared by several countries goes to all of them unless it is listed here.
DEMONYM_PARENTS = {
    "American": ["united-states"],
    "Dutch": ["netherlands"],
    "French": ["france"],
    "Indian": ["india"],
    "Norwegian": ["norway"],
}
# Source spelling -> the usual English spelling (the source spelling stays an alias).
DEMONYM_RENAME = {
    "Cape Verdian": "Cape Verdean",
    "Ecuadorean": "Ecuadorian",
    "Kirghiz": "Kyrgyz",
    "Maldivan": "Maldivian",
    "Tadzhik": "Tajik",
}
DEMONYM_EXTRA_ALIASES = {"Saudi Arabian": ["Saudi"], "Filipino": ["Philippine"]}
DEMONYM_AMBIGUOUS = {"Georgian": "also the US state and the British architectural era"}


def demonyms(mledoze, country_entries, explain):
    names = {a for e in country_entries.values() for a in aliases_of(e)}
    owners = defaultdict(list)
    for c in mledoze:
        cid = slug(c["common"])
        for form in {c["demonym_eng"]["m"], c["demonym_eng"]["f"]}:
            for d in re.split(r", | or ", form):
                d = d.strip()
                if not d:
                    continue
                if d in names:
                    if explain:
                        print(f"demonym {d!r} ({cid}): dropped, it is a country name or alias")
                    continue
                if cid not in owners[d]:
                    owners[d].append(cid)
    out = {}
    for d, cids in owners.items():
        name = DEMONYM_RENAME.get(d, d)
        aliases = ([d] if name != d else []) + DEMONYM_EXTRA_ALIASES.get(name, [])
        did = slug(name)
        out[did] = entry(
            did, name, "demonym", "", aliases, DEMONYM_PARENTS.get(d, sorted(cids)),
            ["ambiguous"] if name in DEMONYM_AMBIGUOUS else [],
        )
    return out


# --------------------------------------------------------------------------------------------
# EV charging (NSI amenity/charging_station) -> charging_networks.tsv
# --------------------------------------------------------------------------------------------

# Only allow-listed records become entries: dedicated EV-charging networks and operators whose
# name is distinctive. Everything else is dropped (see `charging_drop_reason` for the rules that
# explain why). The NSI record is named by `displayName`; several records may give one entry.
# displayName -> (id, name, aliases, parents, flags)
CHARGING_KEEP = {
    "Allego": ("allego", "Allego", [], [], []),
    "AmpCharge": ("ampcharge", "AmpCharge", [], [], []),
    "Applegreen Electric": ("applegreen-electric", "Applegreen Electric", [], [], []),
    "Aral pulse": ("aral-pulse", "Aral pulse", ["Aral Pulse"], [], []),
    "Atlante": ("atlante", "Atlante", [], [], []),
    "Be Charge": ("be-charge", "Be Charge", [], [], []),
    "Be.EV": ("be-ev", "Be.EV", [], [], []),
    "Believ": ("believ", "Believ", ["Liberty Charge"], [], []),
    "Blink": ("blink", "Blink", ["Blink Charging"], [], ["ambiguous"]),
    "bp pulse": ("bp-pulse", "bp pulse", ["BP Pulse", "BP pulse", "BP Chargemaster", "Chargemaster"], [], []),
    "char.gy": ("char-gy", "char.gy", [], [], []),
    "ChargePoint": ("chargepoint", "ChargePoint", ["ChargePoint Holdings"], [], []),
    "ChargePoint Austria GmbH": ("chargepoint", None, [], [], []),
    "Chargefox": ("chargefox", "Chargefox", [], [], []),
    "ChargeNet NZ": ("chargenet-nz", "ChargeNet NZ", ["ChargeNet"], [], []),
    "ChargePlace Scotland": ("chargeplace-scotland", "ChargePlace Scotland", [], [], []),
    "Chargy": ("chargy", "Chargy", [], [], []),
    "Circuit électrique": ("circuit-electrique", "Circuit électrique", ["Circuit Électrique", "Electric Circuit"], [], []),
    "Comfortcharge": ("comfortcharge", "Comfortcharge", [], [], []),
    "Connected Kerb": ("connected-kerb", "Connected Kerb", [], [], []),
    "E.ON Drive": ("eon-drive", "E.ON Drive", [], [], []),
    "E.ON Drive Infrastructure GmbH": ("eon-drive", None, [], [], []),
    "Eldrive": ("eldrive", "Eldrive", [], [], []),
    "Electra": ("electra", "Electra", [], [], ["ambiguous"]),
    "Electrify America": ("electrify-america", "Electrify America", [], ["volkswagen-group"], []),
    "Electrify Canada": ("electrify-canada", "Electrify Canada", [], ["volkswagen-group"], []),
    "Eleport": ("eleport", "Eleport", [], [], []),
    "EnBW Energie Baden-Württemberg AG": ("enbw", "EnBW", ["EnBW mobility+", "EnBW Energie Baden-Württemberg"], [], []),
    "EnBW mobility+ AG und Co.KG": ("enbw", None, [], [], []),
    "EnBW Ostwürttemberg DonauRies AG": ("enbw", None, [], [], []),
    "Enefit Volt": ("enefit-volt", "Enefit Volt", [], [], []),
    "Enel X Way": ("enel-x-way", "Enel X Way", [], [], []),
    "ENGIE Vianeo": ("engie-vianeo", "ENGIE Vianeo", ["Engie Vianeo"], [], []),
    "ESB ecars": ("esb-ecars", "ESB ecars", ["ESB eCars"], [], []),
    "EV Connect": ("ev-connect", "EV Connect", [], [], []),
    "EVgo": ("evgo", "EVgo", [], [], []),
    "Evie Networks": ("evie-networks", "Evie Networks", [], [], []),
    "evpass": ("evpass", "evpass", [], [], []),
    "evyve": ("evyve", "evyve", [], [], []),
    "EWE Go": ("ewe-go", "EWE Go", [], [], []),
    "Ewiva": ("ewiva", "Ewiva", [], ["enel-x-way", "volkswagen-group"], []),
    "Fastned": ("fastned", "Fastned", [], [], []),
    "FLO": ("flo", "FLO", [], [], []),
    "Free to X": ("free-to-x", "Free to X", [], [], []),
    "Freshmile": ("freshmile", "Freshmile", [], [], []),
    "GeniePoint": ("geniepoint", "GeniePoint", [], [], []),
    "GOFAST": ("gofast", "GOFAST", [], [], []),
    "GreenWay": ("greenway", "GreenWay", [], [], []),
    "Gridserve": ("gridserve", "Gridserve", ["Gridserve Electric Highway"], [], []),
    "InstaVolt": ("instavolt", "InstaVolt", ["Instavolt"], [], []),
    "Ionity": ("ionity", "Ionity", ["IONITY GmbH", "Ionity GmbH"],
               ["bmw", "ford", "hyundai-motor-group", "mercedes-benz-group", "volkswagen-group"], []),
    "IONNA": ("ionna", "IONNA", ["Ionna"],
              ["bmw", "general-motors", "honda", "hyundai-motor-group", "mercedes-benz-group",
               "stellantis", "toyota"], []),
    "Izivia": ("izivia", "Izivia", [], [], []),
    "WiiiZ": ("izivia", None, [], [], []),
    "Milence": ("milence", "Milence", [], ["daimler-truck", "traton", "volvo-group"], []),
    "Mobilize Power Solutions": ("mobilize-power-solutions", "Mobilize Power Solutions", [], ["renault"], []),
    "MOL Plugee": ("mol-plugee", "MOL Plugee", [], [], []),
    "NIO Power Charger": ("nio-power", "NIO Power", ["NIO Power Swap", "NIO Power Charger"], ["nio"], []),
    "NIO Power Destination": ("nio-power", None, [], [], []),
    "NIO Power Swap": ("nio-power", None, [], [], []),
    "蔚来换电站": ("nio-power", None, [], [], []),
    "蔚来目充站": ("nio-power", None, [], [], []),
    "蔚来超充站": ("nio-power", None, [], [], []),
    "NovaCHARGE": ("novacharge", "NovaCHARGE", [], [], []),
    "Osprey": ("osprey", "Osprey", ["Osprey Charging"], [], ["ambiguous"]),
    "Plugit": ("plugit", "Plugit", [], [], []),
    "Pod Point": ("pod-point", "Pod Point", [], [], []),
    "Powerdot": ("powerdot", "Powerdot", ["Power Dot"], [], []),
    "Power Dot France": ("powerdot", None, [], [], []),
    "Qwello": ("qwello", "Qwello", [], [], []),
    "Rivian Adventure Network": ("rivian-adventure-network", "Rivian Adventure Network", [], ["rivian"], []),
    "Rivian Waypoints": ("rivian-waypoints", "Rivian Waypoints", [], ["rivian"], []),
    "SemaConnect": ("semaconnect", "SemaConnect", [], ["blink"], []),
    "Shell Recharge": ("shell-recharge", "Shell Recharge", ["Shell Recharge Solutions", "NewMotion"], [], []),
    "SMATRICS": ("smatrics", "SMATRICS", ["Smatrics"], [], []),
    "Source London": ("source-london", "Source London", [], [], []),
    "Swisscharge": ("swisscharge", "Swisscharge", [], [], []),
    "SWTCH": ("swtch", "SWTCH", ["SWTCH Energy"], [], []),
    "Tesla Supercharger": ("tesla-supercharger", "Tesla Supercharger",
                           ["Tesla Superchargers", "Supercharger", "Superchargers"], ["tesla"],
                           ["ambiguous"]),  # a supercharger is also an engine part
    "ubitricity": ("ubitricity", "ubitricity", ["Ubitricity"], [], []),
    "Vattenfall InCharge": ("vattenfall-incharge", "Vattenfall InCharge", ["InCharge"], [], []),
    "VIRTA": ("virta", "VIRTA", ["Virta"], [], []),
    "Wenea": ("wenea", "Wenea", [], [], []),
    "Wirelane": ("wirelane", "Wirelane", [], [], []),
    "Zunder": ("zunder", "Zunder", [], [], []),
    "国家电网": ("state-grid", "State Grid", ["State Grid Corporation of China", "SGCC"], [], ["ambiguous"]),
    "南方电网": ("china-southern-power-grid", "China Southern Power Grid", ["Southern Power Grid"], [], []),
    "特来电": ("teld", "TELD", ["Teld", "TELD New Energy"], [], []),
}

# Rules that explain the drops (only for --explain; dropping is the default).
CHARGING_AUTOMAKERS = {
    "Audi AG", "BMW", "Daimler AG", "Hyundai", "Mercedes-Benz", "Nissan", "Porsche", "Renault",
    "TESLA France SARL", "Tesla Destination Charger", "Tesla Germany GmbH", "VinFast", "Volkswagen",
    "小鹏超充站", "理想超级充电站", "Elli",
}
CHARGING_RETAIL_FUEL = re.compile(
    r"^(7-Eleven|Aldi|Auchan|Avia|Bauhaus|Booths|BP|Carrefour|Circle K|Continente|Coop|Copec|"
    r"DATS 24|E\.Leclerc|EDEKA|Esso|EuroSpin|Galp|IKEA|Intermarché|K-Lataus|Kaufland|Lidl|Lotos|"
    r"McDonald's|Mercadona|METRO|Migrol|Moeve|Motor Fuel Group|My Market|N1|OK|OMV|Orlen|"
    r"Penny|Petro|Petrol|Q8|Repsol|Rewe|Shell$|Smart Charge|Spar|Super U|Tank|TotalEnergies|"
    r"Total |Uno-X|V-MARKT|Walmart|Whole Foods|ΑΒ|Γαλαξίας|Μασούτης|Σκλαβενίτης)"
)
CHARGING_PUBLIC_OR_UTILITY = re.compile(
    r"(Stadtwerk|Werke|werke|Energie|Energi|Energy|energie|Gemeente|Gemeinde|kommune|Kommun|"
    r"Council|City of|Kreis|Syndicat|Fédération|Mairie|Ville de|University|Electricity|Power$|"
    r"Hydro|Electric$|Enel$|Enel X$|Endesa|Engie$|EDP|Iberdrola|Innogy|Vattenfall$|Eneco|"
    r"Luminus|GmbH|AG$|AB$|SE$|Kft|mbH|S\.A\.|^SDE|^SIE|^SY)"
)
CHARGING_GENERIC = {
    "Bump", "Clever", "Delta", "EO", "Ella", "Helen", "Indigo", "Jolt", "Loop", "Mer", "Monta",
    "Moon", "MOVE", "Orion", "Plug", "Recharge", "team", "Vector", "Witty", "Zero", "Zest", "Zeus",
    "eMotion", "eMobility", "First Charge", "Charge Your Car", "EV+", "Power EV",
}


def charging_drop_reason(rec):
    name = rec["displayName"]
    if name in CHARGING_AUTOMAKERS:
        return "a car maker or its own chargers: the maker is in automakers.tsv"
    if name in CHARGING_GENERIC:
        return "a common word or too generic to match safely"
    if not is_latin(name):
        return "not in Latin script and no allow-listed English name"
    if CHARGING_RETAIL_FUEL.search(name):
        return "a retailer, restaurant or fuel-station chain that also has chargers"
    if CHARGING_PUBLIC_OR_UTILITY.search(name):
        return "a utility, municipality, public body or company with chargers on the side"
    return "not a dedicated, widely named EV-charging network (not allow-listed)"


def charging(nsi, explain):
    out = {}
    for rec in nsi:
        keep = CHARGING_KEEP.get(rec["displayName"])
        if keep is None:
            if explain:
                print(f"charging {rec['displayName']!r}: drop: {charging_drop_reason(rec)}")
            continue
        cid, name, aliases, parents, flags = keep
        e = out.get(cid)
        if e is None:
            if name is None:
                raise SystemExit(f"CHARGING_KEEP: the first record of {cid} must give its name")
            e = out[cid] = entry(cid, name, "charging_network", "", aliases, parents, flags)
        if not e["wikidata"] and rec.get("wikidata"):
            e["wikidata"] = rec["wikidata"]
    missing = sorted(set(CHARGING_KEEP) - {r["displayName"] for r in nsi})
    if missing:
        raise SystemExit(f"CHARGING_KEEP names records the source lacks: {missing}")
    return out


# --------------------------------------------------------------------------------------------
# Car brands (NSI brands/shop/car, car-logos-dataset) -> checked against automakers.tsv
# --------------------------------------------------------------------------------------------

# Source names that are covered by an entry whose name or aliases do not spell them.
CAR_COVERED_BY = {
    "Karma": "karma-automotive",
    "NIO House": "nio",
    "NIO Space": "nio",
    "Tata": "tata-motors",  # NSI's "Tata" is Tata Motors (Q188514); the bare name is `tata-group`
    "UD": "ud-trucks",
}
# NSI brands whose Wikidata id is deliberately not on the entry they map to.
CAR_WIKIDATA_ELSEWHERE = {"Tata"}

# Why the other names of the two lists are not entries.
DEALER = "dealer, retailer, used-car or rental chain, not a car maker"
TUNER = "tuner, coachbuilder or design house"
MODEL = "a model or sub-brand name; the maker is an entry"
DEFUNCT = "defunct or obscure marque, rarely in news"
BOUTIQUE = "low-volume boutique maker, rarely in news"
WORD = "the name is a common word, a person or a place; not worth the false matches"
TRUCKS = "small truck, bus or special-vehicle maker, rarely in news"
MOTO = "motorcycle or e-bike maker"
CAR_EXCLUDED = {
    # NSI brands/shop/car
    "AAA Auto": DEALER, "America's Car-Mart": DEALER, "Arnold Clark": DEALER,
    "AutoNation": DEALER, "Avis Car Sales": DEALER, "Byrider": DEALER, "CarMax": DEALER,
    "CarShop": DEALER, "Cazoo": DEALER, "Das WeltAuto": DEALER, "Distinxion": DEALER,
    "DriveTime": DEALER, "Enterprise Car Sales": DEALER, "Ewigo": DEALER,
    "Hertz Car Sales": DEALER, "HOT大聯盟": DEALER, "L'Agence Automobilière": DEALER,
    "Ligier Store": DEALER, "Sytner Select": DEALER, "Vertu": DEALER, "We Buy Any Car": DEALER,
    "Автомир": DEALER, "КорсГрупп": DEALER, "نمایندگی ایران خودرو": DEALER, "ガリバー": DEALER,
    "スズキアリーナ": DEALER, "ネクステージ": DEALER, "ネッツ": DEALER, "ビッグモーター": DEALER,
    "Defender": MODEL + " (JLR's Defender; also a common word)",
    "Discovery": MODEL + " (JLR's Discovery; also a common word)",
    # car-logos-dataset
    "9ff": TUNER, "Abadal": DEFUNCT, "Abbott-Detroit": DEFUNCT, "ABT": TUNER,
    "AC": WORD + " (two letters)", "Alta": WORD, "Alvis": DEFUNCT, "AMC": "covered: American Motors",
    "Apollo": WORD, "Arash": BOUTIQUE, "Ariel": WORD, "ARO": DEFUNCT, "Arrinera": BOUTIQUE,
    "Arrival": WORD + " (and defunct)", "Artega": BOUTIQUE, "Ascari": BOUTIQUE, "Askam": DEFUNCT,
    "Aspark": BOUTIQUE, "Atalanta": WORD, "Auburn": WORD, "Austin": WORD + " (the Texas city)",
    "Autobacs": DEALER, "Autobianchi": DEFUNCT, "Axon": WORD, "BAC": WORD + " (acronym)",
    "BeiBen": TRUCKS, "Berkeley": WORD, "Berliet": DEFUNCT, "Bertone": TUNER, "Bitter": WORD,
    "Bizzarrini": BOUTIQUE, "BMW M": MODEL, "Borgward": DEFUNCT, "Bowler": WORD, "Brabus": TUNER,
    "Brammo": MOTO, "Bristol": WORD + " (the city)", "Brooke": WORD, "Bufori": BOUTIQUE,
    "Byton": DEFUNCT, "CAMC": TRUCKS, "Caparo": BOUTIQUE, "Carlsson": TUNER,
    "Caterham": WORD + " (the Surrey town); boutique", "Changfeng": DEFUNCT,
    "Chevrolet Corvette": MODEL, "Cisitalia": DEFUNCT, "Cizeta": BOUTIQUE, "Cole": WORD,
    "Corre La Licorne": DEFUNCT, "Daewoo": WORD + " (the Daewoo conglomerate); GM Daewoo is `gm-korea`",
    "Dartz": BOUTIQUE, "David Brown": WORD, "Dayun": TRUCKS, "De Tomaso": DEFUNCT,
    "Delage": DEFUNCT, "DeSoto": DEFUNCT, "Detroit Electric": DEFUNCT, "Devel Sixteen": BOUTIQUE,
    "Diatto": DEFUNCT, "DINA": TRUCKS, "DKW": DEFUNCT, "DMC": DEFUNCT, "Dodge Viper": MODEL,
    "Donkervoort": BOUTIQUE, "Drako": BOUTIQUE, "Duesenberg": DEFUNCT, "Eagle": WORD,
    "EDAG": TUNER, "Edsel": WORD + " (Edsel Ford)", "Elemental": WORD, "Elfin": WORD,
    "Elva": DEFUNCT, "Englon": DEFUNCT, "ERF": DEFUNCT, "Eterniti": DEFUNCT,
    "Facel Vega": DEFUNCT, "Fioravanti": TUNER, "Foden": DEFUNCT, "Ford Mustang": MODEL,
    "FPV": TUNER, "Franklin": WORD, "FSO": DEFUNCT, "Gardner Douglas": BOUTIQUE,
    "Geo": WORD + " (and defunct)", "Geometry": WORD + " (Geely brand merged into Galaxy)",
    "Gilbern": DEFUNCT, "Gillet": BOUTIQUE, "Ginetta": BOUTIQUE, "Golden Dragon": TRUCKS,
    "Gonow": DEFUNCT, "Grinnall": BOUTIQUE, "Gumpert": DEFUNCT, "Hafei": DEFUNCT,
    "Hawtai": DEFUNCT, "Hennessey": TUNER, "Hillman": DEFUNCT, "Hispano-Suiza": BOUTIQUE,
    "Hommell": BOUTIQUE, "Hongyan": TRUCKS, "Horch": DEFUNCT, "HSV": TUNER, "Hudson": WORD,
    "Hupmobile": DEFUNCT, "IC Bus": TRUCKS, "IH": DEFUNCT, "Innocenti": DEFUNCT,
    "Intermeccanica": BOUTIQUE, "International": WORD + "; Navistar's trucks are `navistar`",
    "Irizar": TRUCKS, "Isdera": BOUTIQUE, "Iso": WORD, "Jawa": MOTO, "JBA Motors": BOUTIQUE,
    "Jensen": WORD, "Jetta": MODEL + " (VW Jetta; the China-only brand is rare in news)",
    "Kaiser": WORD, "Karlmann King": BOUTIQUE, "Keating": WORD, "KTM": MOTO,
    "Lagonda": DEFUNCT, "Landwind": DEFUNCT, "Laraki": BOUTIQUE, "Leyland": WORD + " (the town); see Ashok Leyland",
    "Ligier": BOUTIQUE, "Lister": WORD, "Lloyd": WORD, "Lobini": BOUTIQUE,
    "Lordstown": WORD + " (the Ohio town); defunct", "Mansory": TUNER, "Marcos": WORD,
    "Marlin": WORD, "Mastretta": BOUTIQUE, "Mazzanti": BOUTIQUE, "Melkus": BOUTIQUE,
    "Merkur": DEFUNCT, "MEV": BOUTIQUE, "Microcar": WORD, "Mitsuoka": BOUTIQUE, "MK": WORD,
    "Morgan": WORD + " (Morgan Stanley, JPMorgan, surname)", "Morris": WORD, "Mosler": BOUTIQUE,
    "NEVS": DEFUNCT, "Nikola": WORD + " (Nikola Tesla); bankrupt 2025",
    "Nissan GT-R": MODEL, "Nissan Nismo": MODEL, "Noble": WORD, "Oltcit": DEFUNCT,
    "OSCA": DEFUNCT, "Packard": DEFUNCT, "Panhard": DEFUNCT, "Panoz": BOUTIQUE, "Pegaso": DEFUNCT,
    "PGO": BOUTIQUE, "Pierce-Arrow": DEFUNCT, "Pininfarina": TUNER, "Praga": BOUTIQUE,
    "Premier": WORD, "Prodrive": TUNER, "Radical": WORD, "Rambler": DEFUNCT, "Ranz": DEFUNCT,
    "Rezvani": BOUTIQUE, "Riley": WORD, "Rinspeed": TUNER, "Ronart": BOUTIQUE, "Rossion": BOUTIQUE,
    "RUF": TUNER, "Saleen": BOUTIQUE, "Scion": WORD + " (and defunct)", "Setra": TRUCKS,
    "SEV": BOUTIQUE, "Simca": DEFUNCT, "Singer": WORD, "Singulato": DEFUNCT, "Sisu": WORD,
    "Spania GTA": BOUTIQUE, "Spirra": BOUTIQUE, "Spyker": BOUTIQUE, "SSC": BOUTIQUE,
    "Sterling": WORD, "Studebaker": DEFUNCT, "Stutz": DEFUNCT, "Suffolk": WORD, "Talbot": WORD,
    "Tauro": BOUTIQUE, "TechArt": TUNER, "Toyota Alphard": MODEL, "Toyota Century": MODEL,
    "Toyota Crown": MODEL, "Tramontana": BOUTIQUE, "Trion": BOUTIQUE, "Triumph": WORD,
    "Troller": DEFUNCT, "Tucker": WORD, "TVR": BOUTIQUE, "Ultima": WORD,
    "Vandenbrink": BOUTIQUE, "Vector": WORD, "Vencer": BOUTIQUE, "Venturi": BOUTIQUE,
    "VLF": BOUTIQUE, "W Motors": BOUTIQUE, "Wanderer": WORD, "Wartburg": DEFUNCT,
    "Western Star": TRUCKS, "Westfield": WORD, "Wiesmann": BOUTIQUE,
    "Willys-Overland": DEFUNCT, "Workhorse": WORD, "Zarooq Motors": BOUTIQUE,
    "Zastava": DEFUNCT, "ZAZ": DEFUNCT, "Zenos": BOUTIQUE, "Zenvo": BOUTIQUE, "Zinoro": DEFUNCT,
    "Zotye": DEFUNCT,
}


def check_car_brands(nsi_cars, logos, by_alias, by_id, explain):
    """Every source car name is covered by an entry or excluded; Wikidata ids agree."""
    problems = []
    # An alias also matches in capitals, so "RAM" is covered by "Ram".
    by_upper = {a.upper(): eid for a, eid in by_alias.items()}
    names = [(r["displayName"], r.get("wikidata"), r.get("other_names", {})) for r in nsi_cars]
    names += [(r["name"], None, {}) for r in logos]
    for name, qid, other in names:
        if name in CAR_EXCLUDED:
            if explain:
                print(f"car brand {name!r}: excluded: {CAR_EXCLUDED[name]}")
            continue
        eid = CAR_COVERED_BY.get(name) or by_alias.get(name) or (by_upper.get(name) if name.isupper() else None)
        if eid is None and not is_latin(name):
            english = other.get("brand:en") or other.get("name:en")
            eid = by_alias.get(english) if english else None
        if eid is None:
            problems.append(f"car brand {name!r} is neither an entry nor in CAR_EXCLUDED")
            continue
        have = by_id[eid]["wikidata"]
        if qid and name not in CAR_WIKIDATA_ELSEWHERE and have != qid:
            problems.append(f"car brand {name!r}: NSI says {qid}, entry {eid} has {have or 'none'}")
    stale = sorted(set(CAR_EXCLUDED) - {n for n, _, _ in names})
    if stale:
        problems.append(f"CAR_EXCLUDED names brands the sources lack: {stale}")
    return problems


# --------------------------------------------------------------------------------------------
# TSV files
# --------------------------------------------------------------------------------------------


def entry(eid, name, kind, wikidata, aliases, parents, flags):
    seen, clean = {name}, []
    for a in aliases:
        a = a.strip()
        if a and a not in seen:
            seen.add(a)
            clean.append(a)
    return {"id": eid, "name": name, "kind": kind, "wikidata": wikidata or "",
            "aliases": clean, "parents": list(parents), "flags": list(flags)}


def aliases_of(e):
    return [e["name"]] + e["aliases"]


def read_tsv(path):
    """(leading comment lines, {id: entry}) of a gazetteer file."""
    header, entries, in_header = [], {}, True
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if in_header and (line.startswith("#") or not line.strip()):
            header.append(line)
            continue
        in_header = False
        if line.startswith("#") or not line.strip():
            continue
        f = [x.strip() for x in line.split("\t")] + [""] * 7
        split = lambda s: [x.strip() for x in s.split("|") if x.strip()]
        e = entry(f[0], f[1], f[2], f[3], split(f[4]), split(f[5]), split(f[6]))
        if e["id"] in entries:
            raise SystemExit(f"{path}:{n}: duplicate id {e['id']}")
        entries[e["id"]] = e
    return header, entries


def render(header, entries):
    lines = list(header)
    for eid in sorted(entries):
        e = entries[eid]
        row = [e["id"], e["name"], e["kind"], e["wikidata"], "|".join(e["aliases"]),
               "|".join(e["parents"]), "|".join(e["flags"])]
        lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def validate(files):
    problems, ids, owner = [], {}, {}
    for fname, entries in files.items():
        for e in entries.values():
            if e["id"] in ids:
                problems.append(f"id {e['id']} in {ids[e['id']]} and {fname}")
            ids[e["id"]] = fname
            if not re.fullmatch(r"[a-z0-9-]+", e["id"]):
                problems.append(f"{fname}: bad id {e['id']!r}")
            if e["kind"] not in KINDS:
                problems.append(f"{fname}: {e['id']} has unknown kind {e['kind']}")
            if e["wikidata"] and not re.fullmatch(r"Q\d+", e["wikidata"]):
                problems.append(f"{fname}: {e['id']} has bad wikidata {e['wikidata']}")
            for flag in e["flags"]:
                if flag not in ("ci", "ambiguous"):
                    problems.append(f"{fname}: {e['id']} has unknown flag {flag}")
            for a in aliases_of(e):
                if a in owner and owner[a] != e["id"]:
                    problems.append(f"alias {a!r} in both {owner[a]} and {e['id']}")
                owner[a] = e["id"]
    for fname, entries in files.items():
        for e in entries.values():
            for p in e["parents"]:
                if p not in ids:
                    problems.append(f"{fname}: {e['id']} names unknown parent {p}")
            if e["kind"] == "joint_venture" and len(e["parents"]) < 2:
                problems.append(f"{fname}: joint venture {e['id']} must name its partners")
    return problems, owner


# --------------------------------------------------------------------------------------------


def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def is_latin(s):
    for ch in s:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sources", type=Path, help="directory with the downloaded source lists")
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "data" / "entities")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    ap.add_argument("--explain", action="store_true", help="print why each source record was dropped")
    args = ap.parse_args()

    load = lambda name: json.loads((args.sources / name).read_text(encoding="utf-8"))
    mledoze = load("countries_mledoze.json")
    nsi_cars = load("nsi_car_brands.json")
    logos = load("car_logos_dataset_brands.json")
    nsi_charging = load("nsi_ev_charging_brands_operators.json")

    country_entries = countries(mledoze, args.explain)
    generated = {
        "places.tsv": country_entries,
        "demonyms.tsv": demonyms(mledoze, country_entries, args.explain),
        "charging_networks.tsv": charging(nsi_charging, args.explain),
    }

    files, texts = {}, {}
    for path in sorted(args.data.glob("*.tsv")):
        header, entries = read_tsv(path)
        for eid, e in generated.get(path.name, {}).items():
            entries[eid] = e
        files[path.name] = entries
        texts[path.name] = render(header, entries)

    problems, owner = validate(files)
    by_id = {e["id"]: e for entries in files.values() for e in entries.values()}
    problems += check_car_brands(nsi_cars, logos, owner, by_id, args.explain)
    for p in problems:
        print("error:", p, file=sys.stderr)

    changed = [name for name, text in texts.items()
               if (args.data / name).read_text(encoding="utf-8") != text]
    if args.check:
        for name in changed:
            print(f"{name} would change", file=sys.stderr)
        sys.exit(1 if changed or problems else 0)
    for name in changed:
        (args.data / name).write_text(texts[name], encoding="utf-8")
        print(f"wrote {name}")
    for name, entries in sorted(files.items()):
        print(f"{name}: {len(entries)} entries")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
