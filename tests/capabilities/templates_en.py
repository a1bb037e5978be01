"""English capability templates: one table per PHENOMENA class (P1..P14) and CAMEO root."""

from __future__ import annotations

from .spec import SYMMETRIC as S
from .spec import Row, Template, build

_CELLS: dict[str, list[Row]] = {
    # Phenomena classes (sentences written for this suite).
    "P1": [
        ("Food parcels donated by {A} arrived in {B} on Monday.", "A", "B", "07"),
        ("{A} responded by expelling two diplomats of {B}.", "A", "B", "16"),
        ("The foreign ministry of {A} issued a statement condemning {B}.", "A", "B", "11"),
        ("A truce brokered by {A} between {B} and the rebels took effect on Sunday.",
         "A", "B", "04"),
        ("{A} used its navy to blockade the ports of {B}.", "A", "B", "19"),
    ],
    "P2": [
        ("{A} warned that any incursion by {B} would be met with force.", "A", "B", "13"),
        ("{A} cautioned {B} that further provocations would have consequences.",
         "A", "B", "13"),
        ("{A} called {B} a puppet regime.", "A", "B", "11"),
        ("The {A_dem} navy chief likened the conduct of the {B_dem} crews to piracy.",
         "A", "B", "11"),
        ("{A} insisted that the diplomats of {B} leave the country within two days.",
         "A", "B", "16"),
    ],
    "P3": [
        ("The defence ministry of {A} said its soldiers had fired on troops of {B}.",
         "A", "B", "19"),
        ("According to the {A_dem} general staff, the army shelled positions held by {B}.",
         "A", "B", "19"),
        ("The {A_dem} police arrested three nationals of {B} on Friday.", "A", "B", "17"),
        ("{A}'s spokesman accused {B} of violating the truce.", "A", "B", "11"),
        ("Rebels backed by {B} attacked a town, and {B} said it would press on. {A} closed "
         "its border on Monday. Its foreign ministry accused {B} of arming the rebels.",
         "A", "B", "11"),
    ],
    "P4": [
        ("The head of state of {A} condemned {B} on Tuesday.", "A", "B", "11"),
        ("The two leaders, {LEADER_A} and {LEADER_B}, met in Geneva on Monday.",
         "LEADER_A", "LEADER_B", "04", S),
        ("{A_dem} and {B_dem} ministers held talks in Vienna.", "A", "B", "04", S),
        ("The {A_dem} head of state received the ambassador of {B}.", "A", "B", "04"),
    ],
    "P5": [
        ("{A} and {B} are locked in a dispute over the dam. On Sunday, {A} recalled its "
         "ambassador.", "A", "B", "16"),
        ("Floods have displaced thousands of people in {B}. {A} sent fifty tonnes of food "
         "aid on Tuesday.", "A", "B", "07"),
        ("Tension is rising between {A} and {B}. {A} threatened on Monday to retaliate.",
         "A", "B", "13"),
        ("{B} seized a fishing boat from {A} last week. {A} strongly condemned the "
         "seizure.", "A", "B", "11"),
    ],
    "P6": [
        ("{A} declared two {B_dem} diplomats persona non grata.", "A", "B", "16"),
        ("Fighting broke out between {A} and {B} along the border.", "A", "B", "19", S),
        ("{A} brushed aside the demands of {B}.", "A", "B", "12"),
        ("{A} approved a credit line for {B} worth two billion dollars.", "A", "B", "07"),
        ("{LEADER_A} landed in {B} on Monday for a two-day visit.", "LEADER_A", "B", "04"),
        ("The {A_dem} police rounded up dozens of {B_dem} migrants.", "A", "B", "17"),
        ("{A} sent rescue teams and relief supplies to {B}.", "A", "B", "07"),
        ("{A} put on hold its military assistance to {B}.", "A", "B", "16"),
    ],
    "P7": [
        ("'We will respond if {B} crosses the line,' the {A_dem} defence minister warned.",
         "A", "B", "13"),
        ("'We condemn the actions of {B} in the strongest terms,' the {A_dem} foreign "
         "minister said.", "A", "B", "11"),
        ("'{B} must release our citizens at once,' {LEADER_A} said.", "LEADER_A", "B", "10"),
        ("'We are ready to help {B} rebuild,' the {A_dem} president said.", "A", "B", "03"),
    ],
    "P8": [
        ("{A} for its part froze the assets of {B_dem} officials.", "A", "B", "16"),
        ("{LEADER_A} telephoned {LEADER_B} on Friday.", "LEADER_A", "LEADER_B", "04"),
        ("{A_dem} ministers approved asset freezes against nine {B_dem} officials.",
         "A", "B", "16"),
        ("The minister said {A} was patrolling the strait and urged {B} to withdraw its "
         "ships.", "A", "B", "10"),
    ],
    "P9": [
        ("{A} expelled three {B_dem} diplomats.", "A", "B", "16"),
        ("{A} pulled its envoy out of {B}.", "A", "B", "16"),
        ("{A} announced that it would send home twenty {B_dem} diplomats.", "A", "B", "16"),
        ("{A} finally accepted the withdrawal plan demanded by {B}.", "A", "B", "08"),
    ],
    "P10": [
        ("{A} and {B} met and signed a pact in Oslo.", "A", "B", "04", S),
        ("{A} criticised the ties of {B} with Belarus.", "A", "B", "11"),
        ("{A} condemned the shelling of villages by {B}.", "A", "B", "11"),
        ("{A} denounced the mining deal of {B} with Zambia.", "A", "B", "11"),
        ("{B} said troops of {A} had shelled two of its villages.", "A", "B", "19"),
    ],
    "P11": [
        ("{A} dismissed the report and accused {B} of provocation.", "A", "B", "11"),
        ("Envoys of {A} are to hold talks with {B} next week.", "A", "B", "04"),
        ("{A} rejected the claims and condemned {B}.", "A", "B", "11"),
        ("{A} did not comment but later imposed sanctions on {B}.", "A", "B", "16"),
        ("{A} pledged to hold talks with {B}.", "A", "B", "03"),
        ("{A} said it stood ready to negotiate with {B}.", "A", "B", "03"),
    ],
    "P12": [
        ("{A}, a long-time patron of the regime, condemned {B} on Monday.", "A", "B", "11"),
        ("On the eve of the deadline set by the bloc, {A} rejected the offer of {B}.",
         "A", "B", "12"),
        ("At a press conference on Monday, {A} accused {B} of espionage.", "A", "B", "11"),
        ("{A} criticised {B} in an executive order signed on Friday.", "A", "B", "11"),
    ],
    "P13": [
        ("{A} said troops from {B} had shelled two of its villages.", "A", "B", "11"),
        ("'There will be no withdrawal,' the {A_dem} defence minister told {B}.",
         "A", "B", "12"),
        ("{A} said {B} was behind the attack on its embassy.", "A", "B", "11"),
    ],
    "P14": [
        ("The {A_dem} Red Cross sent medical teams to {B}.", "A", "B", "07"),
        ("The {A_dem} Senate condemned {B} on Wednesday.", "A", "B", "11"),
        ("The parliament of {A} approved sanctions against {B}.", "A", "B", "16"),
        ("{ORG_A} condemned {B} on Thursday.", "ORG_A", "B", "11"),
    ],
    # CAMEO roots.
    "R01": [
        ("{A} expressed its condolences to {B} after the earthquake.", "A", "B", "01"),
        ("{LEADER_A} voiced optimism about relations with {B}.", "LEADER_A", "B", "01"),
        ("{A} declined to comment on the proposal of {B}.", "A", "B", "01"),
        ("{A} declined to elaborate on its plans for {B}.", "A", "B", "01"),
    ],
    "R02": [
        ("{A} urged {B} to release the detained journalists.", "A", "B", "02"),
        ("{A} appealed to {B} for humanitarian assistance.", "A", "B", "02"),
        ("{ORG_A} called on {B} to resume negotiations.", "ORG_A", "B", "02"),
        ("{LEADER_A} asked {B} to extradite the suspects.", "LEADER_A", "B", "02"),
    ],
    "R03": [
        ("{A} pledged to expand trade with {B}.", "A", "B", "03"),
        ("{A} said it was ready to negotiate with {B}.", "A", "B", "03"),
        ("{LEADER_A} promised to send aid to {B}.", "LEADER_A", "B", "03"),
        ("{A} offered to mediate between {B} and the rebels.", "A", "B", "03"),
    ],
    "R04": [
        ("{A} held talks with {B} in Geneva.", "A", "B", "04", S),
        ("{LEADER_A} visited {B} on Monday.", "LEADER_A", "B", "04"),
        ("{LEADER_A} met {LEADER_B} in Brussels on Thursday.", "LEADER_A", "LEADER_B",
         "04", S),
        ("{ORG_A} hosted a delegation from {B}.", "ORG_A", "B", "04"),
    ],
    "R05": [
        ("{A} praised {B} for its role in the negotiations.", "A", "B", "05"),
        ("{A} signed a cooperation agreement with {B}.", "A", "B", "05", S),
        ("{A} restored diplomatic relations with {B}.", "A", "B", "05"),
        ("{LEADER_A} apologised to {B} for the incident.", "LEADER_A", "B", "05"),
    ],
    "R06": [
        ("{A} agreed to share intelligence with {B}.", "A", "B", "06"),
        ("{A} expanded its economic cooperation with {B}.", "A", "B", "06"),
        ("{A} and {B} launched joint military exercises.", "A", "B", "06", S),
    ],
    "R07": [
        ("{A} sent humanitarian aid to {B}.", "A", "B", "07"),
        ("{A} granted a loan of 500 million dollars to {B}.", "A", "B", "07"),
        ("{ORG_A} delivered medical supplies to {B}.", "ORG_A", "B", "07"),
        ("{A} supplied weapons to {B}.", "A", "B", "07"),
    ],
    "R08": [
        ("{A} lifted its sanctions on {B}.", "A", "B", "08"),
        ("{A} withdrew its troops from {B}.", "A", "B", "08"),
        ("{A} released twenty prisoners from {B}.", "A", "B", "08"),
        ("{A} agreed to a ceasefire with {B}.", "A", "B", "08"),
    ],
    "R09": [
        ("{A} opened an investigation into the role of {B} in the attack.", "A", "B", "09"),
        ("{ORG_A} launched an inquiry into abuses by {B}.", "ORG_A", "B", "09"),
        ("{A} investigated {B} over the missing funds.", "A", "B", "09"),
    ],
    "R10": [
        ("{A} demanded that {B} withdraw its troops.", "A", "B", "10"),
        ("{A} demanded an apology from {B}.", "A", "B", "10"),
        ("{LEADER_A} demanded that {B} release the hostages.", "LEADER_A", "B", "10"),
    ],
    "R11": [
        ("{A} condemned {B} over the border incident.", "A", "B", "11"),
        ("{A} accused {B} of supporting the rebels.", "A", "B", "11"),
        ("{LEADER_A} criticised {B} for its nuclear programme.", "LEADER_A", "B", "11"),
        ("{ORG_A} denounced {B} on Friday.", "ORG_A", "B", "11"),
    ],
    "R12": [
        ("{A} rejected the proposal of {B} for new talks.", "A", "B", "12"),
        ("{A} refused to negotiate with {B}.", "A", "B", "12"),
        ("{LEADER_A} rejected the demands of {B}.", "LEADER_A", "B", "12"),
    ],
    "R13": [
        ("{A} threatened {B} with sanctions.", "A", "B", "13"),
        ("{A} threatened to cut off gas supplies to {B}.", "A", "B", "13"),
        ("{A} issued an ultimatum to {B}.", "A", "B", "13"),
        ("{LEADER_A} threatened {B} with military action.", "LEADER_A", "B", "13"),
    ],
    "R14": [
        ("{A_dem} students demonstrated against {B} outside its embassy.", "A", "B", "14"),
        ("Thousands of {A_dem} protesters rallied against {B} on Sunday.", "A", "B", "14"),
        ("{A_dem} workers went on strike to protest against {B}.", "A", "B", "14"),
    ],
    "R15": [
        ("{A} deployed troops to its border with {B}.", "A", "B", "15"),
        ("{A} put its army on high alert near {B}.", "A", "B", "15"),
        ("{A} mobilised reservists along the border with {B}.", "A", "B", "15"),
    ],
    "R16": [
        ("{A} cut diplomatic ties with {B}.", "A", "B", "16"),
        ("{A} imposed sanctions on {B}.", "A", "B", "16"),
        ("{A} recalled its ambassador from {B}.", "A", "B", "16"),
        ("{ORG_A} suspended its aid to {B}.", "ORG_A", "B", "16"),
    ],
    "R17": [
        ("{A} arrested two {B_dem} nationals accused of spying.", "A", "B", "17"),
        ("{A} seized an oil tanker belonging to {B}.", "A", "B", "17"),
        ("{A} deported dozens of migrants from {B}.", "A", "B", "17"),
    ],
    "R18": [
        ("{A_dem} soldiers abducted two citizens of {B}.", "A", "B", "18"),
        ("Police of {A} beat migrants from {B} at the border.", "A", "B", "18"),
        ("Gunmen from {A} kidnapped aid workers of {B}.", "A", "B", "18"),
    ],
    "R19": [
        ("{A} launched air strikes on {B}.", "A", "B", "19"),
        ("{A_dem} artillery shelled {B_dem} positions.", "A", "B", "19"),
        ("{A} attacked {B} with drones overnight.", "A", "B", "19"),
        ("{A_dem} forces invaded {B}.", "A", "B", "19"),
        ("Flights were suspended during a {A_dem} attack on {B}.", "A", "B", "19"),
    ],
    "R20": [
        ("{A} used chemical weapons against {B}.", "A", "B", "20"),
        ("{A_dem} forces massacred hundreds of civilians in {B}.", "A", "B", "20"),
        ("{A} carried out a campaign of ethnic cleansing against the people of {B}.",
         "A", "B", "20"),
    ],
}

TEMPLATES_EN: tuple[Template, ...] = tuple(
    t for cell, rows in _CELLS.items() for t in build("en", cell, rows))
