"""French capability templates: one table per PHENOMENA class (P1..P14) and CAMEO root.

Slots carry the contracted forms (``{B_de}`` « du Mali », ``{B_a}`` « aux États-Unis »,
``{B_in}`` « en France »); demonyms are masculine singular, so they only qualify masculine nouns.
"""

from __future__ import annotations

from .spec import SYMMETRIC as S
from .spec import Row, Template, build

_CELLS: dict[str, list[Row]] = {
    # Classes de PHENOMENA (phrases écrites pour cette suite).
    "P1": [
        ("Des vivres offerts par {A} ont été remis lundi {B_a}.", "A", "B", "07"),
        ("{A} a répliqué en expulsant deux diplomates {B_de}.", "A", "B", "16"),
        ("Le gouvernement {A_dem} a publié un communiqué condamnant {B}.", "A", "B", "11"),
        ("Le ministre {B_dem}, reçu mardi par le président {A_dem}, a évoqué la crise.",
         "A", "B", "04"),
        ("En fermant sa frontière, {A} a défié {B}.", "A", "B", "11"),
        # a gerund hung on a noun's participle is still the clause subject's
        ("{A} a fermé sa frontière aux camions venant {B_de}, en accusant {B} de soutenir "
         "les rebelles.", "A", "B", "11"),
        # a participle after a comma qualifies the subject, not the object before it
        ("Le ministre {A_dem} a jugé la décision illégale, accusant {B} de mentir.",
         "A", "B", "11"),
    ],
    "P2": [
        ("{A} a averti que toute incursion {B_de} aurait un prix.", "A", "B", "13"),
        ("{A} a mis en garde {B} contre toute nouvelle provocation.", "A", "B", "13"),
        ("{A} a qualifié le régime {B_de} de fantoche.", "A", "B", "11"),
        ("{A} a exigé que les diplomates {B_de} quittent le pays sous deux jours.",
         "A", "B", "16"),
    ],
    "P3": [
        ("Selon l'état-major {A_dem}, les soldats ont tiré sur des positions {B_de}.",
         "A", "B", "19"),
        ("Le ministère de la Défense {A_de} a indiqué que l'aviation avait bombardé {B}.",
         "A", "B", "19"),
        ("La police {A_de} a arrêté vendredi trois ressortissants {B_de}.", "A", "B", "17"),
        ("Le porte-parole du gouvernement {A_dem} a accusé {B} de violer la trêve.",
         "A", "B", "11"),
    ],
    "P4": [
        ("Le chef de l'État {A_dem} a condamné mardi {B}.", "A", "B", "11"),
        ("Les deux dirigeants, {LEADER_A} et {LEADER_B}, se sont rencontrés lundi à Genève.",
         "LEADER_A", "LEADER_B", "04", S),
        ("Les ministres {A_de} et {B_de} ont discuté à Vienne.", "A", "B", "04", S),
        ("Le chef de l'État {A_dem} a reçu l'ambassadeur {B_de}.", "A", "B", "04"),
    ],
    "P5": [
        ("{A} et {B} s'opposent sur le barrage. Dimanche, {A} a rappelé son ambassadeur.",
         "A", "B", "16"),
        ("Des inondations ont frappé {B}. {A} a envoyé mardi cinquante tonnes d'aide "
         "alimentaire.", "A", "B", "07"),
        ("La tension monte entre {A} et {B}. {A} a menacé lundi de riposter.",
         "A", "B", "13"),
        ("{B} a saisi un bateau de pêche {A_de} la semaine dernière. {A} a vivement "
         "condamné cette saisie.", "A", "B", "11"),
    ],
    "P6": [
        ("{A} a déclaré deux diplomates {B_de} persona non grata.", "A", "B", "16"),
        ("Des combats ont éclaté entre {A} et {B} le long de la frontière.",
         "A", "B", "19", S),
        ("{A} a balayé les exigences {B_de}.", "A", "B", "12"),
        ("{A} a accordé un prêt de deux milliards de dollars {B_a}.", "A", "B", "07"),
        ("{LEADER_A} a atterri lundi {B_in} pour une visite de deux jours.",
         "LEADER_A", "B", "04"),
    ],
    "P7": [
        ("« Nous riposterons si {B} franchit la ligne », a averti le ministre {A_dem} de "
         "la Défense.", "A", "B", "13"),
        ("« Nous condamnons fermement les agissements {B_de} », a déclaré le ministre "
         "{A_dem} des Affaires étrangères.", "A", "B", "11"),
        ("« {B} doit libérer nos ressortissants », a déclaré {LEADER_A}.",
         "LEADER_A", "B", "10"),
        ("« Nous sommes prêts à aider {B} à se reconstruire », a affirmé le président "
         "{A_dem}.", "A", "B", "03"),
    ],
    "P8": [
        ("{A} a pour sa part gelé les avoirs de dirigeants {B_de}.", "A", "B", "16"),
        ("{LEADER_A} a téléphoné vendredi à {LEADER_B}.", "LEADER_A", "LEADER_B", "04"),
        ("{A} a imposé des sanctions {B_a}, {B} ayant refusé de signer l'accord.",
         "A", "B", "16"),
        ("Le ministre a dit que {A} patrouillait dans le détroit et a exhorté {B} à "
         "retirer ses navires.", "A", "B", "10"),
    ],
    "P9": [
        ("{A} a expulsé trois diplomates {B_de}.", "A", "B", "16"),
        ("{A} a annoncé le retrait de son ambassadeur {B_in}.", "A", "B", "16"),
        ("{A} a annoncé son intention de renvoyer vingt diplomates {B_de}.", "A", "B", "16"),
        ("{A} a fini par accepter le plan de retrait exigé par {B}.", "A", "B", "08"),
    ],
    "P10": [
        ("{A} et {B} se sont rencontrés et ont signé un pacte à Oslo.", "A", "B", "04", S),
        ("{A} a critiqué les liens {B_de} avec la Biélorussie.", "A", "B", "11"),
        ("{A} a condamné les bombardements de villages par {B}.", "A", "B", "11"),
        ("{A} a fustigé une violation « inédite » de son espace aérien par {B}.",
         "A", "B", "11"),
        ("{A} a dénoncé l'accord minier {B_de} avec la Zambie.", "A", "B", "11"),
        ("{B} a affirmé que des soldats {A_de} avaient bombardé deux de ses villages.",
         "A", "B", "19"),
    ],
    "P11": [
        ("{A} a rejeté le rapport et accusé {B} de provocation.", "A", "B", "11"),
        ("{A} doit tenir des pourparlers avec {B} la semaine prochaine.", "A", "B", "04"),
        ("{A} a démenti ces accusations et condamné {B}.", "A", "B", "11"),
        ("{A} n'a fait aucun commentaire mais a ensuite imposé des sanctions {B_a}.",
         "A", "B", "16"),
        ("{A} s'est engagé à négocier avec {B}.", "A", "B", "03"),
        ("{A} s'est dit prêt à tenir des consultations avec {B}.", "A", "B", "03"),
    ],
    "P12": [
        ("{A}, protecteur de longue date du régime, a condamné lundi {B}.", "A", "B", "11"),
        ("À la veille de l'échéance fixée par le bloc, {A} a rejeté l'offre {B_de}.",
         "A", "B", "12"),
        ("Lors d'une conférence de presse lundi, {A} a accusé {B} d'espionnage.",
         "A", "B", "11"),
        ("À la demande du Premier ministre, {A} a critiqué {B}.", "A", "B", "11"),
    ],
    "P13": [
        ("{A} a affirmé que des soldats {B_de} avaient bombardé deux de ses villages.",
         "A", "B", "11"),
        ("« Il n'y aura pas de retrait », a lancé le ministre {A_dem} de la Défense à "
         "l'adresse {B_de}.",
         "A", "B", "12"),
        ("{A} a assuré que {B} était derrière l'attaque contre son ambassade.",
         "A", "B", "11"),
    ],
    "P14": [
        ("La Croix-Rouge {A_de} a envoyé des équipes médicales {B_in}.", "A", "B", "07"),
        ("Le Sénat {A_de} a condamné mercredi {B}.", "A", "B", "11"),
        ("Le parlement {A_de} a approuvé des sanctions contre {B}.", "A", "B", "16"),
        ("{ORG_A} a condamné jeudi {B}.", "ORG_A", "B", "11"),
    ],
    # Racines CAMEO.
    "R01": [
        ("{A} a présenté ses condoléances {B_a} après le séisme.", "A", "B", "01"),
        ("{LEADER_A} s'est dit optimiste sur les relations avec {B}.", "LEADER_A", "B", "01"),
        ("{A} a refusé de commenter la proposition {B_de}.", "A", "B", "01"),
    ],
    "R02": [
        ("{A} a exhorté {B} à libérer les journalistes détenus.", "A", "B", "02"),
        ("{A} a lancé un appel {B_a} pour obtenir une aide humanitaire.", "A", "B", "02"),
        ("{ORG_A} a appelé {B} à reprendre les négociations.", "ORG_A", "B", "02"),
        ("{LEADER_A} a demandé {B_a} d'extrader les suspects.", "LEADER_A", "B", "02"),
        # a request in an adjunct: the genitive asks the clause's agent
        ("Des soldats {B_de} sont arrivés vendredi à la demande {A_de}.", "A", "B", "02"),
    ],
    "R03": [
        ("{A} a promis de développer ses échanges avec {B}.", "A", "B", "03"),
        ("{A} a déclaré vouloir négocier avec {B}.", "A", "B", "03"),
        ("{LEADER_A} a promis d'envoyer de l'aide {B_a}.", "LEADER_A", "B", "03"),
        ("{A} a proposé sa médiation entre {B} et les rebelles.", "A", "B", "03"),
    ],
    "R04": [
        ("{A} a tenu des pourparlers avec {B} à Genève.", "A", "B", "04", S),
        ("{LEADER_A} s'est rendu lundi {B_in}.", "LEADER_A", "B", "04"),
        ("{LEADER_A} a rencontré {LEADER_B} jeudi à Bruxelles.", "LEADER_A", "LEADER_B",
         "04", S),
        ("{ORG_A} a reçu une délégation {B_de}.", "ORG_A", "B", "04"),
    ],
    "R05": [
        ("{A} a salué le rôle {B_de} dans les négociations.", "A", "B", "05"),
        ("{A} a signé un accord de coopération avec {B}.", "A", "B", "05", S),
        ("{A} a rétabli ses relations diplomatiques avec {B}.", "A", "B", "05"),
        ("{LEADER_A} a présenté ses excuses {B_a} pour l'incident.", "LEADER_A", "B", "05"),
    ],
    "R06": [
        ("{A} a accepté de partager ses renseignements avec {B}.", "A", "B", "06"),
        ("{A} a renforcé sa coopération économique avec {B}.", "A", "B", "06"),
        ("{A} et {B} ont lancé des manœuvres militaires conjointes.", "A", "B", "06", S),
    ],
    "R07": [
        ("{A} a envoyé de l'aide humanitaire {B_a}.", "A", "B", "07"),
        ("{A} a octroyé un prêt de 500 millions de dollars {B_a}.", "A", "B", "07"),
        ("{ORG_A} a livré du matériel médical {B_a}.", "ORG_A", "B", "07"),
        ("{A} a fourni des armes {B_a}.", "A", "B", "07"),
    ],
    "R08": [
        ("{A} a levé ses sanctions contre {B}.", "A", "B", "08"),
        ("{A} a retiré ses troupes {B_de}.", "A", "B", "08"),
        ("{A} a libéré vingt prisonniers {B_de}.", "A", "B", "08"),
        ("{A} a accepté un cessez-le-feu avec {B}.", "A", "B", "08"),
    ],
    "R09": [
        ("{A} a ouvert une enquête sur le rôle {B_de} dans l'attentat.", "A", "B", "09"),
        ("{ORG_A} a lancé une enquête sur les exactions commises par {B}.",
         "ORG_A", "B", "09"),
        ("{A} a enquêté sur {B} au sujet des fonds disparus.", "A", "B", "09"),
    ],
    "R10": [
        ("{A} a exigé que {B} retire ses troupes.", "A", "B", "10"),
        ("{A} a exigé des excuses {B_de}.", "A", "B", "10"),
        ("{LEADER_A} a exigé que {B} libère les otages.", "LEADER_A", "B", "10"),
    ],
    "R11": [
        ("{A} a condamné {B} après l'incident frontalier.", "A", "B", "11"),
        ("{A} a accusé {B} de soutenir les rebelles.", "A", "B", "11"),
        ("{LEADER_A} a critiqué {B} pour son programme nucléaire.", "LEADER_A", "B", "11"),
        ("{ORG_A} a dénoncé vendredi {B}.", "ORG_A", "B", "11"),
    ],
    "R12": [
        ("{A} a rejeté la proposition {B_de} de nouvelles discussions.", "A", "B", "12"),
        ("{A} a refusé de négocier avec {B}.", "A", "B", "12"),
        ("{LEADER_A} a rejeté les exigences {B_de}.", "LEADER_A", "B", "12"),
    ],
    "R13": [
        ("{A} a menacé {B} de sanctions.", "A", "B", "13"),
        ("{A} a menacé de couper ses livraisons de gaz {B_a}.", "A", "B", "13"),
        ("{A} a adressé un ultimatum {B_a}.", "A", "B", "13"),
        ("{LEADER_A} a menacé {B} d'une action militaire.", "LEADER_A", "B", "13"),
    ],
    "R14": [
        ("Des étudiants {A_de} ont manifesté contre {B} devant son ambassade.",
         "A", "B", "14"),
        ("Des milliers de manifestants {A_de} ont protesté dimanche contre {B}.",
         "A", "B", "14"),
        ("Des ouvriers {A_de} se sont mis en grève pour protester contre {B}.",
         "A", "B", "14"),
    ],
    "R15": [
        ("{A} a déployé des troupes à sa frontière avec {B}.", "A", "B", "15"),
        ("{A} a placé son armée en état d'alerte près de la frontière {B_de}.",
         "A", "B", "15"),
        ("{A} a mobilisé des réservistes le long de sa frontière avec {B}.",
         "A", "B", "15"),
    ],
    "R16": [
        ("{A} a rompu ses relations diplomatiques avec {B}.", "A", "B", "16"),
        ("{A} a imposé des sanctions {B_a}.", "A", "B", "16"),
        ("{A} a rappelé son ambassadeur {B_in}.", "A", "B", "16"),
        ("{ORG_A} a suspendu son aide {B_a}.", "ORG_A", "B", "16"),
        # a duty on goods (hung by the parser on the rate) targets the goods' origin
        ("{A} a annoncé des taxes de 25 % sur deux milliards d'euros de produits {B_de}.",
         "A", "B", "16"),
        # the parser hangs the object on « pour consultations »
        ("{A} a rappelé pour consultations ses ambassadeurs {B_in}.", "A", "B", "16"),
        # the recalled envoys' nationality is the recalling state
        ("Lundi a été annoncé le rappel de l'ambassadeur {A_dem} accrédité {B_in}.",
         "A", "B", "16"),
    ],
    "R17": [
        ("{A} a arrêté deux ressortissants {B_de} accusés d'espionnage.", "A", "B", "17"),
        ("{A} a saisi un pétrolier appartenant {B_a}.", "A", "B", "17"),
        ("{A} a expulsé des dizaines de migrants {B_de}.", "A", "B", "17"),
    ],
    "R18": [
        ("Des soldats {A_de} ont enlevé deux ressortissants {B_de}.", "A", "B", "18"),
        ("La police {A_de} a frappé des migrants {B_de} à la frontière.", "A", "B", "18"),
        ("Un commando {A_dem} a enlevé un diplomate {B_de}.",
         "A", "B", "18"),
    ],
    "R19": [
        ("{A} a lancé des frappes aériennes contre {B}.", "A", "B", "19"),
        ("L'artillerie {A_de} a pilonné des positions {B_de}.", "A", "B", "19"),
        ("{A} a attaqué {B} avec des drones dans la nuit.", "A", "B", "19"),
        ("Les forces {A_de} ont envahi {B}.", "A", "B", "19"),
        # a demonym on the act noun names its agent
        ("Des avions ont survolé la zone pendant un bombardement {A_dem} contre {B}.",
         "A", "B", "19"),
    ],
    "R20": [
        ("{A} a utilisé des armes chimiques contre {B}.", "A", "B", "20"),
        ("Les forces {A_de} ont massacré des centaines de civils {B_in}.", "A", "B", "20"),
        ("{A} a mené une campagne de nettoyage ethnique contre la population {B_de}.",
         "A", "B", "20"),
    ],
}

TEMPLATES_FR: tuple[Template, ...] = tuple(
    t for cell, rows in _CELLS.items() for t in build("fr", cell, rows))
