"""The seed study's 22 figures, as read in ../shared/seed/READING.md (the ground truth for tests)."""

FIGURES = {
    "recours-outil": 90,
    "rdv-en-ligne": 78,
    "rdv-en-ligne@2020": 70,
    "services-assurance-maladie": 56,
    "services-assurance-maladie@2020": 48,
    "echanges-professionnel": 39,
    "echanges-professionnel@2020": 32,
    "donnees-protegees": 64,
    "donnees-sensibles": 86,
    "craintes-usages": 78,
    "connaissent-mes": 82,
    "connaissance-mes.utilise": 50,
    "connaissance-mes.jamais-utilise": 32,
    "connaissance-mes.inconnu": 18,
    "droit-acces": 93,
    "recommandation-proches": 91,
    "confiance-securite": 75,
    "pleinement-convaincus": 23,
    "top-freins.utilite": 29,
    "top-freins.temps": 26,
    "top-freins.informations": 24,
    "prets-recommandation": 57,
}

QUOTE_OPENINGS = [
    "Avec le dosage de thyroïde",
    "C’est mon iPhone qui m’a permis",
    "Mon médecin m’a conseillé",
]
QUOTE_ENDINGS = ["enfin bien dosée.", "m’a envoyé l’ordonnance.", "mon médecin est top."]
SOURCE_2020 = "Sondage OpinionWay pour Think-Out et l’Agence du Numérique en Santé"
BASE_NOTE = "Base considérée"
