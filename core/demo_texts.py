"""Texts of core's demo pages, in French and in English (StreamField data in raw form)."""

CONTACT_EMAIL = "contact@example.org"
ACCESSIBILITY_EMAIL = "accessibilite@example.org"
POSTAL_ADDRESS = "Conservatoire augmenté\n1 place de la Musique\n75000 Paris\nFrance"

SITE_SETTINGS = {
    "site_name": "Conservatoire augmenté",
    "tagline": "Se former à la musique, partout et pour tous",
    "tagline_en": "Learning music, anywhere and for everyone",
    "contact_email": CONTACT_EMAIL,
    "postal_address": POSTAL_ADDRESS,
    "social_links": [
        {
            "type": "social_link",
            "value": {"network": "mastodon", "url": "https://mastodon.example/@conservatoire"},
        },
        {
            "type": "social_link",
            "value": {"network": "peertube", "url": "https://peertube.example/c/conservatoire"},
        },
    ],
}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


# --- Home page --------------------------------------------------------------

HOME_FR = {
    "title": "Conservatoire augmenté",
    "slug": "accueil",
    "seo_title": "Conservatoire augmenté : se former à la musique en ligne",
    "search_description": (
        "Des formations, une médiathèque partagée et des enregistrements immersifs pour "
        "les élèves, les enseignants et les curieux des conservatoires."
    ),
    "intro": (
        "<p>Le Conservatoire augmenté prolonge l'enseignement des conservatoires et des écoles "
        "de musique en ligne. Le <b>Campus</b> propose des formations suivies pas à pas, le "
        "<b>Learning Hub</b> une médiathèque libre enrichie par ses membres, et le "
        "<b>Studio</b> des enregistrements immersifs (vidéo 360°, son spatialisé) pour "
        "observer le geste musical au plus près.</p>"
    ),
}

HOME_EN = {
    "title": "Conservatoire augmenté",
    "slug": "home",
    "seo_title": "Conservatoire augmenté: learn music online",
    "search_description": (
        "Courses, a shared library and immersive recordings for the students, teachers and "
        "friends of music schools."
    ),
    "intro": (
        "<p>Conservatoire augmenté takes the teaching of conservatories and music schools "
        "online. The <b>Campus</b> offers courses you follow step by step, the "
        "<b>Learning Hub</b> a free library its members enrich, and the <b>Studio</b> "
        "immersive recordings (360° video, spatial sound) to watch musicians play from "
        "up close.</p>"
    ),
}


def _home_body(*, statement, legal, text):
    return [
        {
            "type": "featured_section",
            "value": {
                "heading": text["section_heading"],
                "text": text["section_text"],
                "items": [
                    {
                        "page": statement.pk,
                        "label": text["statement_label"],
                        "summary": text["statement_summary"],
                        "image": None,
                    },
                    {
                        "page": legal.pk,
                        "label": text["legal_label"],
                        "summary": text["legal_summary"],
                        "image": None,
                    },
                ],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": text["cta_heading"],
                "text": text["cta_text"],
                "link": {"page": statement.pk, "url": "", "label": text["cta_label"]},
            },
        },
    ]


def home_body_fr(*, statement, legal):
    return _home_body(
        statement=statement,
        legal=legal,
        text={
            "section_heading": "Une plateforme pensée pour tous",
            "section_text": (
                "<p>Chacun doit pouvoir apprendre, enseigner et partager la musique, "
                "quels que soient son handicap, son appareil ou sa connexion.</p>"
            ),
            "statement_label": "Une plateforme accessible",
            "statement_summary": (
                "Conçue selon le RGAA : navigation au clavier, lecteurs d'écran, contrastes, "
                "sous-titres. Ce qui reste à faire est dit dans la déclaration d'accessibilité."
            ),
            "legal_label": "Vos données respectées",
            "legal_summary": (
                "Aucun traceur publicitaire, seulement les cookies nécessaires au service. "
                "Vos droits et nos engagements sont dans les mentions légales."
            ),
            "cta_heading": "Un contenu vous reste inaccessible ?",
            "cta_text": (
                "Dites-le-nous : nous vous proposerons une alternative et corrigerons le problème."
            ),
            "cta_label": "Lire la déclaration d'accessibilité",
        },
    )


def home_body_en(*, statement, legal):
    return _home_body(
        statement=statement,
        legal=legal,
        text={
            "section_heading": "A platform designed for everyone",
            "section_text": (
                "<p>Everyone should be able to learn, teach and share music, whatever their "
                "disability, device or connection.</p>"
            ),
            "statement_label": "An accessible platform",
            "statement_summary": (
                "Built to the French accessibility standard (RGAA): keyboard navigation, "
                "screen readers, contrast, captions. What remains to be done is listed in "
                "the accessibility statement."
            ),
            "legal_label": "Your data, respected",
            "legal_summary": (
                "No advertising trackers, only the cookies the service needs. Your rights and "
                "our commitments are set out in the legal notice."
            ),
            "cta_heading": "Is some content out of your reach?",
            "cta_text": "Tell us: we will offer you an alternative and fix the problem.",
            "cta_label": "Read the accessibility statement",
        },
    )


# --- Accessibility statement ----------------------------------------------------

ACCESSIBILITY_FR = {
    "title": "Déclaration d'accessibilité",
    "slug": "accessibilite",
    "search_description": (
        "État de conformité du Conservatoire augmenté au RGAA, contenus non accessibles, "
        "contact et voies de recours."
    ),
    "intro": (
        "<p>Le Conservatoire augmenté s'engage à rendre ses services numériques accessibles, "
        "conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette "
        "déclaration d'accessibilité s'applique au site du Conservatoire augmenté.</p>"
    ),
    "body": [
        heading("État de conformité"),
        paragraph(
            "<p>Le site du Conservatoire augmenté est <b>partiellement conforme</b> avec le "
            "référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, en "
            "raison des non-conformités énumérées ci-dessous.</p>"
        ),
        heading("Résultats des tests"),
        paragraph(
            "<p>Un audit de conformité complet sera réalisé par un prestataire indépendant "
            "avant l'ouverture publique de la plateforme. D'ici là, chaque page est vérifiée "
            "automatiquement (axe-core) et manuellement, au clavier et avec un lecteur "
            "d'écran, à chaque évolution du site.</p>"
        ),
        heading("Contenus non accessibles"),
        heading("Non-conformités", "h3"),
        paragraph(
            "<ul><li>Certaines vidéos immersives (360°) n'ont pas encore de transcription "
            "textuelle ni d'audiodescription.</li><li>Certains documents PDF déposés dans la "
            "médiathèque ne sont pas balisés pour les technologies d'assistance.</li>"
            "<li>Le lecteur 360° ne propose pas encore de commande au clavier pour "
            "l'orientation de la vue sur tous les navigateurs.</li></ul>"
        ),
        heading("Contenus non soumis à l'obligation d'accessibilité", "h3"),
        paragraph(
            "<p>Les contenus de tiers intégrés aux pages (vidéos ou partitions hébergées sur "
            "d'autres sites) qui ne sont ni financés, ni développés par le Conservatoire "
            "augmenté, ni sous son contrôle.</p>"
        ),
        heading("Établissement de cette déclaration"),
        paragraph(
            "<p>Cette déclaration a été établie à l'ouverture du programme bêta.</p>"
            "<p>Technologies utilisées pour la réalisation du site : HTML, CSS, JavaScript, "
            "WAI-ARIA.</p>"
            "<p>Vérifications faites avec NVDA et Firefox, JAWS et Chrome, VoiceOver et "
            "Safari (macOS et iOS), TalkBack et Chrome (Android), ainsi qu'avec un zoom de "
            "200 % et à 320 pixels de large.</p>"
        ),
        heading("Retour d'information et contact"),
        paragraph(
            "<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez "
            "nous contacter pour être orienté vers une alternative accessible ou obtenir le "
            "contenu sous une autre forme :</p>"
            f'<ul><li>par courriel : <a href="mailto:{ACCESSIBILITY_EMAIL}">'
            f"{ACCESSIBILITY_EMAIL}</a> ;</li>"
            "<li>par courrier : Conservatoire augmenté, 1 place de la Musique, 75000 Paris.</li>"
            "</ul><p>Nous vous répondons sous deux semaines au plus.</p>"
        ),
        heading("Voies de recours"),
        paragraph(
            "<p>Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un "
            "contenu ou à une fonctionnalité du site, que vous nous le signalez et que vous "
            "ne parvenez pas à obtenir de réponse de notre part, vous êtes en droit de faire "
            "parvenir vos doléances ou une demande de saisine au Défenseur des droits. "
            "Plusieurs moyens sont à votre disposition :</p>"
            '<ul><li>écrire un message au Défenseur des droits avec le <a href="'
            'https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a> ;</li>'
            '<li>contacter <a href="https://www.defenseurdesdroits.fr/saisir/delegues">le '
            "délégué du Défenseur des droits dans votre région</a> ;</li>"
            "<li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : "
            "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li></ul>"
        ),
    ],
}

ACCESSIBILITY_EN = {
    "title": "Accessibility statement",
    "slug": "accessibility",
    "search_description": (
        "How far Conservatoire augmenté complies with the French accessibility standard "
        "(RGAA), what is not yet accessible, how to contact us and how to seek redress."
    ),
    "intro": (
        "<p>Conservatoire augmenté is committed to making its digital services accessible, "
        "in accordance with article 47 of French law no. 2005-102 of 11 February 2005. This "
        "accessibility statement applies to the Conservatoire augmenté website.</p>"
    ),
    "body": [
        heading("Compliance status"),
        paragraph(
            "<p>The Conservatoire augmenté website is <b>partially compliant</b> with the "
            "French accessibility standard (RGAA), version 4.1, because of the "
            "non-compliances listed below.</p>"
        ),
        heading("Test results"),
        paragraph(
            "<p>A full compliance audit will be carried out by an independent auditor before "
            "the platform opens to the public. Until then, every page is checked "
            "automatically (axe-core) and by hand, with a keyboard and a screen reader, "
            "whenever the site changes.</p>"
        ),
        heading("Content that is not accessible"),
        heading("Non-compliances", "h3"),
        paragraph(
            "<ul><li>Some immersive (360°) videos do not yet have a text transcript or an "
            "audio description.</li><li>Some PDF documents uploaded to the library are not "
            "tagged for assistive technologies.</li><li>The 360° player does not yet offer "
            "keyboard control of the view direction in every browser.</li></ul>"
        ),
        heading("Content not subject to the accessibility obligation", "h3"),
        paragraph(
            "<p>Third-party content embedded in pages (videos or scores hosted on other "
            "websites) that Conservatoire augmenté neither funds, develops nor controls.</p>"
        ),
        heading("Preparation of this statement"),
        paragraph(
            "<p>This statement was drawn up when the beta programme opened.</p>"
            "<p>Technologies the site relies on: HTML, CSS, JavaScript, WAI-ARIA.</p>"
            "<p>Checked with NVDA and Firefox, JAWS and Chrome, VoiceOver and Safari (macOS "
            "and iOS), TalkBack and Chrome (Android), at 200% zoom and 320 pixels wide.</p>"
        ),
        heading("Feedback and contact"),
        paragraph(
            "<p>If you cannot access some content or a service, contact us to be directed to "
            "an accessible alternative or to receive the content in another form:</p>"
            f'<ul><li>by email: <a href="mailto:{ACCESSIBILITY_EMAIL}">{ACCESSIBILITY_EMAIL}'
            "</a>;</li><li>by post: Conservatoire augmenté, 1 place de la Musique, 75000 Paris, "
            "France.</li></ul><p>We answer within two weeks at most.</p>"
        ),
        heading("Seeking redress"),
        paragraph(
            "<p>If you have reported an accessibility defect that prevents you from using "
            "some content or feature of the site and you have not received an answer from "
            "us, you are entitled to send a complaint or a referral to the Défenseur des "
            "droits (the French rights ombudsman):</p>"
            '<ul><li>write to the Défenseur des droits with the <a href="'
            'https://formulaire.defenseurdesdroits.fr/">online form</a>;</li>'
            '<li>contact <a href="https://www.defenseurdesdroits.fr/saisir/delegues">the '
            "Défenseur des droits' delegate in your region</a>;</li>"
            "<li>send a letter by post (free of charge, no stamp needed): Défenseur des "
            "droits, Libre réponse 71120, 75342 Paris CEDEX 07, France.</li></ul>"
        ),
    ],
}


# --- Legal notice -----------------------------------------------------------------

LEGAL_NOTICE_FR = {
    "title": "Mentions légales",
    "slug": "mentions-legales",
    "search_description": (
        "Éditeur, hébergeur, propriété intellectuelle, données personnelles et cookies du "
        "Conservatoire augmenté."
    ),
    "intro": "<p>Informations prévues par la loi n° 2004-575 du 21 juin 2004.</p>",
    "body": [
        heading("Éditeur du site"),
        paragraph(
            "<p>Conservatoire augmenté, 1 place de la Musique, 75000 Paris, France.<br/>"
            f'Courriel : <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a></p>'
            "<p>Directrice de la publication : la directrice du Conservatoire augmenté.</p>"
        ),
        heading("Hébergement"),
        paragraph(
            "<p>Le site est hébergé dans l'Union européenne ; les coordonnées de l'hébergeur "
            "sont communiquées sur simple demande à l'adresse de contact.</p>"
        ),
        heading("Propriété intellectuelle"),
        paragraph(
            "<p>Les ressources du Learning Hub sont publiées sous la licence libre indiquée "
            "sur chacune d'elles. Les autres contenus (formations, enregistrements du Studio) "
            "ne peuvent être réutilisés sans l'accord de leurs auteurs.</p>"
        ),
        heading("Données personnelles"),
        paragraph(
            "<p>Le Conservatoire augmenté traite les données de ses membres (adresse "
            "électronique, nom affiché, progression dans les formations) pour fournir le "
            "service, sur la base du contrat qui les lie. Elles ne sont ni vendues, ni "
            "cédées.</p><p>Conformément au règlement général sur la protection des données, "
            "vous pouvez accéder à vos données, les télécharger, les rectifier ou supprimer "
            "votre compte depuis votre profil. Pour toute question, écrivez à "
            f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>. Vous pouvez aussi adresser '
            'une réclamation à la <a href="https://www.cnil.fr/">CNIL</a>.</p>'
        ),
        heading("Cookies"),
        paragraph(
            "<p>Le site ne dépose que les cookies nécessaires à son fonctionnement (session, "
            "protection contre la falsification de requêtes, choix de la langue). Il "
            "n'utilise aucun traceur publicitaire ni de mesure d'audience tierce ; aucun "
            "consentement n'est donc demandé.</p>"
        ),
    ],
}

LEGAL_NOTICE_EN = {
    "title": "Legal notice",
    "slug": "legal-notice",
    "search_description": (
        "Publisher, host, intellectual property, personal data and cookies of "
        "Conservatoire augmenté."
    ),
    "intro": "<p>Information required by French law no. 2004-575 of 21 June 2004.</p>",
    "body": [
        heading("Publisher"),
        paragraph(
            "<p>Conservatoire augmenté, 1 place de la Musique, 75000 Paris, France.<br/>"
            f'Email: <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a></p>'
            "<p>Director of publication: the director of Conservatoire augmenté.</p>"
        ),
        heading("Hosting"),
        paragraph(
            "<p>The site is hosted in the European Union; the host's details are available "
            "on request at the contact address.</p>"
        ),
        heading("Intellectual property"),
        paragraph(
            "<p>Learning Hub resources are published under the open licence shown on each of "
            "them. Other content (courses, Studio recordings) may not be reused without the "
            "consent of its authors.</p>"
        ),
        heading("Personal data"),
        paragraph(
            "<p>Conservatoire augmenté processes its members' data (email address, display "
            "name, progress in courses) to provide the service, on the basis of the contract "
            "between us. It is neither sold nor passed on.</p><p>Under the General Data "
            "Protection Regulation, you can access, download and correct your data, or "
            "delete your account, from your profile. For any question, write to "
            f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>. You may also lodge a '
            'complaint with the <a href="https://www.cnil.fr/en">CNIL</a>.</p>'
        ),
        heading("Cookies"),
        paragraph(
            "<p>The site only sets the cookies it needs to work (session, protection against "
            "request forgery, language choice). It uses no advertising trackers and no "
            "third-party audience measurement, so no consent is asked for.</p>"
        ),
    ],
}
