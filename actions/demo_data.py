"""The demo's content, as written in the seeds (003 for the branch, 002 for ACIA, 001 for PRST 4).

Kept apart from `demo.py` (which builds the rows) so the texts can be read and checked
against the seeds on their own.
"""

# (code, title, needs, objectives, means, governance, pilotage, budget (min, max, note),
#  funders, steps, (preparation, deployment, duration note), evaluation, conditions [(title, text)],
#  technical support, pertinence, feasibility, themes, target sizes, phase reached)
BRANCH_ACTIONS = [
    {
        "code": "01",
        "title": "Être guidés dans une démarche reconnue de Qualité de vie au travail",
        "needs": (
            "L'action consiste à accompagner individuellement des établissements volontaires de -250 salariés dans une "
            "démarche de développement de la Qualité de Vie au Travail (QVT). Chaque accompagnement répond aux besoins de "
            "l'établissement pour l'une ou plusieurs de ces étapes : diagnostic de situation et potentiel de développement "
            "QVT, accompagnement de la mise en œuvre d'action, aide à la négociation et conclusion d'un accord et/ou d'un "
            "plan d'actions."
        ),
        "description": (
            "L'accompagnement est concerté entre employeur et salariés et adapté à la situation sociale, économique et "
            "technique de l'entreprise.\n\nLe déploiement est réalisé à partir d'un appui-conseil, c'est-à-dire un dispositif "
            "national coordonné de consultants habilités, experts en conditions de travail, spécialistes des relations "
            "sociales et du droit. L'appui-conseil est piloté et assorti d'un budget."
        ),
        "objectives": [
            "Aider les entreprises, en particulier de tailles petites à moyennes (-250), à recourir à des compétences externes pour être guidées dans le déploiement d'une démarche QVT (accompagnement individuel).",
            "Capitaliser avec les consultants de l'appui-conseil sur l'ensemble des démarches d'entreprises : conditions de réussite, retours d'expérience, préconisations.",
            "Faire monter en attractivité l'ensemble des entreprises de la branche, en particulier les petites structures. Capitaliser au sein de la branche sur les résultats.",
        ],
        "means": [
            "Construire un dispositif d'appui-conseil composé de consultants formés, coordonnés et sélectionnés par la branche. Définir en amont les conditions clefs de succès de la démarche d'appui-conseil : engagement de la Direction, participation des acteurs et dialogue social, thématiques types traitées...",
            "Soutenir le recours à un appui-conseil par l'entreprise au travers d'une aide au choix du consultant et une prise en charge partielle des jours d'intervention.",
            "Poser avec l'entreprise bénéficiaire un diagnostic (social, stratégique et réglementaire) et faciliter la construction d'un plan d'actions. Accompagner les actions sur 24 mois avec évaluation à 12 et 24 mois.",
        ],
        "governance": "5 représentants patronaux + 5 représentants salariés + pilote technique + financeurs",
        "pilotage": "Intervenant opérationnel + comité expert (5 personnes)",
        "budget": (100, 300, "annuel ; pilotage + consultants"),
        "funders": [
            ("ADESATT", 120000, None, "accorde"),
            ("Prévoyance branche", 60000, None, "accorde"),
            ("Fact", 50000, None, "verse"),
        ],
        "steps": [
            "Définition processus technique et financier",
            "Constitution du dispositif d'appui-conseil",
            "20 à 50 accompagnements annuels",
            "Capitalisation et valorisation",
        ],
        "duration": (6, 30, "36 mois (préparation, déploiement) + 6 mois évaluation"),
        "evaluation": "Nombre d'établissements accompagnés. Analyse des effets à 6 mois",
        "conditions": [
            (
                "Incitation économique",
                "Proposer un reste à charge progressif selon l'effectif de l'entreprise (20 % -10 salariés à 80 % + 100 salariés).",
            ),
            (
                "Compétences de l'appui-conseil",
                "Constituer un groupe d'intervenants diversifiés en termes de positionnement et de compétences et partageant un socle commun de savoirs sur la QVT (définition et méthode).",
            ),
            (
                "Communication",
                "Promouvoir le dispositif au travers les outils habituels de la branche, des fédérations et des syndicats.",
            ),
        ],
        "support": "Experts pluri compétents QVT + Communication",
        "ratings": (5, 3),
        "themes": ["engagement-management", "relations-climat-social", "sante-travail"],
        "target": "Établissements de moins de 250 salariés",
        "phase": 4,
    },
    {
        "code": "02",
        "title": "Identifier précocement nos besoins par un diagnostic de situation",
        "needs": (
            "Soutenir les établissements qui éprouvent des difficultés et souhaitent à terme les traiter par une démarche de "
            "Qualité de Vie au Travail (QVT) ou de prévention des risques, mais qui ne réussissent pas à poser clairement de "
            "diagnostic sur leur situation. Ce soutien se traduit par l'intervention d'un tiers débouchant sur un diagnostic "
            "ainsi que le repérage des conditions de réussite d'une démarche de Qualité de Vie au Travail. L'établissement "
            "bénéficiaire pourra ainsi s'appuyer sur un socle de connaissances pour développer sa démarche."
        ),
        "description": (
            "L'intervention est de courte durée, réalisée par un expert externe à partir d'un format préétabli, comprenant : "
            "personnes à rencontrer, données à collecter, problématiques recherchées a priori, champs d'analyse et "
            "d'investigations, formats des livrables."
        ),
        "objectives": [
            "Pouvoir anticiper les situations avant qu'elles ne deviennent chroniques et provoquent des impacts négatifs sur l'entreprise et les salariés (démarche anticipatrice de prévention).",
            "Repérer les premiers signaux permettant d'identifier les tensions à l'origine de dysfonctionnements sociaux, en particulier pour les entreprises de taille modeste.",
            "Identifier précocement les besoins des salariés et de l'entreprise en matière de préservation de la santé et de QVT.",
        ],
        "means": [
            "Construire avec des universitaires et des consultants experts une grille d'analyse de la situation et une méthode de déploiement dans les entreprises.",
            "Ouvrir le diagnostic aux entreprises de la branche de -250 salariés par un groupe de consultants identifiés et formés. Adresser le résultat à l'entreprise bénéficiaire ainsi que des recommandations adaptées.",
            "Capitaliser sur les résultats (qualitatif) et alimenter une grille comparative inter-entreprises (quantitative).",
        ],
        "governance": "5 représentants patronaux + 5 représentants salariés + pilote technique + financeurs",
        "pilotage": "Intervenant opérationnel + comité expert (5 personnes)",
        "budget": (50, 150, "annuel : pilotage + consultants"),
        "funders": [
            ("ADESATT", 50000, None, "accorde"),
            ("Prévoyance branche", 30000, None, "sollicite"),
            ("Fact", 40000, None, "sollicite"),
        ],
        "steps": [
            "Définition processus technique et financier",
            "Constitution du groupe experts-intervenants",
            "10 à 30 accompagnements annuels",
            "Capitalisation et amélioration méthodologique",
        ],
        "duration": (4, 20, "24 mois (préparation + déploiement)"),
        "evaluation": "Nombre d'établissements accompagnés. Questionnaire de satisfaction",
        "conditions": [
            (
                "Recours hors du droit commun",
                "L'offre est complémentaire aux appuis de droit commun de l'établissement (SST par exemple) et ne se substitue pas à cette possibilité de recours.",
            ),
            (
                "Démarche concertée",
                "Les établissements bénéficiaires ont préalablement posé une demande conjointe employeur – représentants du personnel.",
            ),
            (
                "Communication",
                "Promouvoir l'offre de diagnostic au travers des outils habituels de la branche, des fédérations et des syndicats.",
            ),
        ],
        "support": "Experts pluri compétents QVT",
        "ratings": (5, 3),
        "themes": ["sante-travail", "relations-climat-social"],
        "target": "Établissements de moins de 250 salariés",
        "phase": 3,
    },
    {
        "code": "03",
        "title": "Performance & QVT : 2 enjeux concourants pour la réussite de l'entreprise",
        "needs": (
            "La faiblesse des démarches de Qualité de Vie au Travail ou de préservation de la santé s'explique souvent par "
            "l'absence de repérage des liens entre la performance de l'entreprise et le bien-être des salariés et de leur "
            "dirigeant. En conséquence, la QVT ou la prévention sont souvent vues à tort comme des sources de coûts et non "
            "comme des sources de compétitivité. Il s'agit de construire une argumentation socio-économique qui fait la "
            "démonstration de la convergence des 2 objectifs (bien-être et compétitivité) puis de la diffuser."
        ),
        "description": "Cette argumentation sera construite à partir de cas réels d'établissements de la branche.",
        "objectives": [
            "Aider les directions d'entreprises à s'engager dans la prise en compte du bien-être au travail par des arguments économiques.",
            "Montrer de manière concrète quels sont les liens entre le bien-être des salariés et la performance pour agir précisément sur ces liens (qualité, niveau de service, coûts cachés, évolution des indicateurs absentéisme, présentéisme, ...).",
            "Éviter à terme de supporter les coûts cachés de la non-prise en compte de la santé et du bien-être au travail.",
        ],
        "means": [
            "Faire la démonstration au travers l'expertise de quelques cas d'entreprises que les démarches de Qualité de vie au travail et de compétitivité sont concourantes, y compris sur le plan économique.",
            "Créer un petit outil d'auto-positionnement permettant à chaque entreprise de mesurer son niveau de cohésion entre performance et bien-être au travail.",
            "Animation de conférences ou de MOC (Massive Online Course), par des experts reconnus en performance sociale : impact économique et leviers d'action.",
        ],
        "governance": "3 représentants patronaux + 3 représentants salariés + pilote technique",
        "pilotage": "Expert opérationnel socio-économique + communication + informatique",
        "budget": (35, 55, "expertise + support de valorisation"),
        "funders": [("ADESATT", 48000, None, "verse")],
        "steps": [
            "Appel d'offres à partir d'un cahier des charges",
            "Synthèse bibliographique",
            "3 expertises d'établissements",
            "Conception support web d'auto-positionnement (vidéo + document technique) et diffusion MOC",
        ],
        "duration": (3, 9, "12 mois"),
        "evaluation": "Notoriété de l'étude. Nombre de valorisations du support de communication",
        "conditions": [
            (
                "Expertise socio-économique",
                "Choix de l'expert intervenant : spécialiste reconnu des questions de performance socio-économiques.",
            ),
            (
                "Exploitation de démarches similaires",
                "Repérage et exploitation de démarches déjà existantes dans d'autres branches professionnelles (BTP par exemple) ou pour des thématiques spécifiques (TMS par exemple).",
            ),
            (
                "Outil web",
                "Construire l'outil à partir d'un socle expert et de témoignages incarnés d'acteurs de la branche.",
            ),
        ],
        "support": "Experts socio-économiques, Communication, Informatique",
        "ratings": (5, 5),
        "themes": ["contenu-travail", "engagement-management"],
        "target": "Toutes tailles",
        "phase": 7,
        "closed": True,
    },
    {
        "code": "04",
        "title": "Accéder à une plateforme numérique des meilleures expériences QVT",
        "needs": (
            "Faut-il s'engager dans une démarche de Qualité de Vie au Travail (QVT) ? Quel est le sens de la démarche ? Quel "
            "bénéfice en attendre ? Comment s'y prendre pour conduire une telle démarche ? Quels exemples d'une démarche "
            "réussie ? Il est possible de répondre à ces questions de manière dynamique et didactique par un web documentaire."
        ),
        "description": (
            "C'est un portail en ligne, proposant de manière matricielle des courtes vidéos et des documents techniques. Y "
            "sont narrées des histoires d'entreprises (témoignages de démarche par les acteurs) et des repères pour réussir la "
            "démarche (témoignages et documents d'experts QVT). Les « histoires QVT » sont celles d'entreprises de la branche."
        ),
        "objectives": [
            "Consulter en ligne des ressources montrant de manière pédagogique et encourageante des expériences réussies de prévention et de Qualité de vie au travail menées dans des entreprises de la branche (témoignages d'entreprises). Centraliser et structurer toutes ces informations sur un même espace.",
            "Écouter des recommandations d'experts prévention et QVT traitant de la démarche globale et de points spécifiques (articulation des temps, open-space, épuisement émotionnel, lecture sur écran, qualité du management...).",
            "Décliner des recommandations concrètes, adaptées et illustrées à chacune des activités de la branche mais également en fonction des effectifs des entreprises.",
        ],
        "means": [
            "Création d'une plateforme en ligne type web documentaire. Elle présente de manière pédagogique des expériences d'entreprises selon les 5 activités de la branche et selon les petites, moyennes et grandes structures.",
            "Recueil de témoignages vidéo d'entreprises (Story) qui ont développé des politiques, des actions concrètes de préservation de la santé et de développement de la QVT. Les expériences sont illustrées et présentées par des témoignages d'acteurs de l'entreprise (Dirigeant, manager, salarié, mandaté...) et de ses conseillers (médecin du travail, OPCO, intervenants extérieurs...).",
            "Promotion de la plate-forme à partir d'événementiels locaux et relayée par les fédérations et organisations syndicales.",
        ],
        "governance": "3 représentants patronaux + 3 représentants salariés + pilote technique",
        "pilotage": "Duo de prestataires experts QVT et communication (support web et réalisateur)",
        "budget": (75, 90, "architecture + enregistrements et montage + documents source"),
        "funders": [
            ("ADESATT", 45000, None, "accorde"),
            ("Prévoyance branche", 20000, None, "sollicite"),
            ("Fact", None, 20, "sollicite"),
        ],
        "steps": [
            "Recherche de prestataire",
            "Construction matricielle",
            "Témoignages 5 entreprises et 5 experts",
            "Montage et mise en ligne",
            "Promotion",
        ],
        "duration": (10, 12, "10 mois + alimentation continue 12 mois"),
        "evaluation": "Consultations. Nombre de valorisations du support de communication",
        "conditions": [
            (
                "Pertinence des témoignages",
                "Rechercher des témoignages concrets et crédibles, ancrés sur les réalités des activités de la branche. Interview d'experts reconnus.",
            ),
            (
                "Attractivité du support et accessibilité",
                "Forte attractivité de l'outil web documentaire (navigation aisée et ludique / esthétique soignée), structuration de l'information facile à identifier.",
            ),
        ],
        "support": "Experts prévention et QVT, Informatique, Communication",
        "ratings": (5, 3),
        "themes": ["contenu-travail", "sante-travail"],
        "target": "Toutes tailles, 5 activités de la branche",
        "phase": 2,
    },
    {
        "code": "05",
        "title": "Intégrer à la Convention collective des éléments de progrès QVT",
        "needs": (
            "La Convention collective du 15 décembre 1987 est un socle commun relativement pauvre en matière de Qualité de Vie "
            "au Travail (QVT) et de Prévention des Risques Professionnels (PRP). Cela constitue une fragilité pour la branche "
            "car elle manque un argument pour son attractivité. Une fragilité aussi pour toute entreprise de la branche qui, "
            "pour reconstituer un socle contemporain de droits et devoirs, entreprend en interne des négociations parfois "
            "coûteuses. S'appuyant sur un dialogue social outillé, il s'agit d'intégrer à la convention collective des "
            "éléments nouveaux traitant de QVT et de PRP et constituant ainsi un socle attractif renouvelé."
        ),
        "description": "",
        "objectives": [
            "Construire un socle de droits collectifs minimaux pour les salariés de la Branche traitant spécifiquement de la préservation de la santé et du développement de la QVT.",
            "Adapter la Convention collective au regard des évolutions sociétales, des aspirations des salariés et changements organisationnels des entreprises.",
            "Augmenter à terme la notoriété et l'attractivité de nos métiers par la structuration d'un cadre clarifié et évolutif sur lequel les entreprises peuvent s'appuyer.",
        ],
        "means": [
            "Négocier entre partenaires sociaux de la branche un accord de méthode. Réaliser une négociation sociale solide, appuyée par un diagnostic portant sur les attentes des salariés et des employeurs.",
            "Réaliser avec experts et partenaires sociaux un benchmark auprès d'autres branches professionnelles permettant d'identifier des dispositions intéressantes et utiles à la branche Bétic.",
            "Y introduire explicitement des socles minimaux en matière de préservation de la santé et développement de la QVT, traitant par exemple du télétravail, de l'articulation des temps...",
        ],
        "governance": "Représentants patronaux + Représentants des OS + tiers facilitateur",
        "pilotage": "Tiers facilitateur et collectif experts (juridique et QVT)",
        "budget": (25, 50, "écritures contenus + recueil d'expériences + consultation experts"),
        "funders": [("ADESATT", 40000, None, "verse")],
        "steps": [
            "Engagements des parties",
            "Séminaire prospectif (diagnostic et ambitions)",
            "Étude de faisabilité",
            "Négociation et accord",
            "Promotion",
        ],
        "duration": (3, 9, "12 mois"),
        "evaluation": "Réalité des modifications de la CC. Notoriété de la CC en matière de pratiques sociales",
        "conditions": [
            (
                "Un dialogue social ambitieux et fructueux",
                "Concentrer les efforts collectifs sur les intérêts communs de la QVT. S'appuyer sur un tiers externe permettant de se centrer sur les bénéfices communs plus que les désavantages individuels.",
            ),
            (
                "Un bénéfice sincère",
                "Engager des transformations sociales sur des éléments dont les bénéfices sont tangibles et concrets.",
            ),
            (
                "Une incitation aidante mais non coercitive",
                "Permettre aux entreprises de la branche de disposer d'un cadre structurant et d'être appuyée sans pour autant engendrer des contraintes supplémentaires.",
            ),
        ],
        "support": "Experts juridiques et QVT + conduite de projet",
        "ratings": (5, 5),
        "themes": ["relations-climat-social", "egalite-professionnelle", "parcours-professionnels"],
        "target": "Toute la branche",
        "phase": 6,
    },
    {
        "code": "06",
        "title": "Déployer une démarche à partir d'un kit pédagogique et didactique",
        "needs": (
            "Il existe nombre de publications, digitales, print... qui promeuvent des expériences et des méthodes en matière "
            "de bien-être, de prévention, de Qualité de Vie au Travail (QVT)... Mais il est parfois difficile pour des "
            "entreprises de la branche d'identifier celles qui leur sont adaptées et efficaces."
        ),
        "description": (
            "En s'appuyant sur un kit pédagogique simple, les entreprises de la branche -en particulier celles de petite "
            "taille- pourront découvrir ce qu'est une démarche QVT structurée et identifier des réalisations concrètes faites "
            "par d'autres entreprises de la branche. Le kit est un guide pédagogique en ligne qui aide à progresser en QVT, "
            "jusqu'à l'évaluation des résultats."
        ),
        "objectives": [
            "Déployer assez rapidement une démarche QVT par un kit pédagogique et ludique conçu par la branche : méthodologie, acteurs, rôles, étapes, actions.",
            "Entrer assez rapidement dans la démarche sans être contraint à une longue préparation méthodologique.",
            "Bénéficier d'expériences déjà passées d'entreprises similaires intégrées au kit pour s'inspirer de leurs actions et identifier les conditions de réussite.",
        ],
        "means": [
            "Un kit complet en ligne ouvert de manière spécifique pour chaque entreprise candidate. Connexion en multi-utilisateurs par entreprise (direction, management, CSE...).",
            "Parcours de progrès : séquences d'information et de formation, séquences de diagnostic, de conduite d'actions spécifiques... Évaluation des étapes et des résultats.",
            "Témoignages d'entreprises et exemples d'actions déjà mises en œuvre montrant les méthodes, les rôles et les responsabilités. Ressources techniques et thématiques expertes.",
        ],
        "governance": "3 Représentants patronaux + 3 Représentants des OS + pilote technique",
        "pilotage": "Opérateur aidé par un collectif d'experts (santé et QVT)",
        "budget": (60, 85, "étude juridique + animation tiers + consultation experts"),
        "funders": [("ADESATT", 40000, None, "accorde"), ("Prévoyance branche", 30000, None, "sollicite")],
        "steps": [
            "Définition des contenus et des usages",
            "Recherche et sélection prestataire",
            "Constitution des contenus",
            "Diffusion et promotion",
        ],
        "duration": (6, 24, "6 mois préparation, 24 mois passation"),
        "evaluation": "Effectivité du kit. Notoriété et nombre de consultations du site",
        "conditions": [
            (
                "Un outil ludique",
                "Forme très attractive sur un support digital responsive. Un fil conducteur clair jalonné par des étapes et des contenus thématiques multi-niveaux (novices/experts). Des illustrations s'appuyant sur des exemples solides et des témoignages de pairs.",
            ),
            (
                "Une entrée multi-acteurs",
                "Engager plusieurs acteurs de l'entreprise dans un parcours de progression sur l'outil (employeur, management, représentant du personnel, salarié...).",
            ),
        ],
        "support": "Experts thématiques + opérationnels, Communication",
        "ratings": (5, 3),
        "themes": ["contenu-travail", "engagement-management"],
        "target": "Petites entreprises de la branche",
        "phase": 2,
        "late": True,
    },
    {
        "code": "07",
        "title": "Des clusters pour outiller le dialogue social et développer la QVT",
        "needs": (
            "Les clusters sont des groupes d'entreprises travaillant de manière périodique alternativement en collectif et en "
            "intersession. Basé sur le principe de la mutualisation des expertises et des échanges de pratiques, les "
            "participants s'y engagent dans un objectif de progrès."
        ),
        "description": (
            "Chaque cluster QVT est basé sur un dialogue social croisé, il est pour cela composé de 8 à 12 entreprises "
            "représentées chacune par au moins un membre de la direction et un représentant du personnel. La démarche est "
            "ponctuée de 4 rendez-vous annuel : échanges de pratiques et apports d'experts. Un appui technique est proposé en "
            "intersession."
        ),
        "objectives": [
            "Promouvoir et soutenir le dialogue social comme l'un des déterminants de la réussite des démarches de prévention et de Qualité de vie au travail.",
            "Outiller les CSE pour faciliter leur juste implication dans les démarches au développement de la QVT au sein de mon entreprise : droit, rôle et responsabilité.",
            "Renforcer la démarche de l'entreprise sur le long terme par un effort concourant Direction et représentants du personnel : l'intégrer au plus haut niveau dans la stratégie de l'entreprise.",
        ],
        "means": [
            "Animer des clusters locaux paritaires (dirigeant et représentant du personnel) d'entreprises permettant de former et d'encourager les démarches prévention et QVT.",
            "Apporter dans ces clusters des informations concrètes sur le cadre de droit, les méthodes et des exemples de réalisation permettant de conduire soi-même une démarche (avocat, expert...).",
            "Aider ses membres à réaliser la démarche (aide à l'analyse de leurs besoins, indicateurs, appuis techniques), ponctuée de rendez-vous du cluster. Aller, pour les entreprises qui le peuvent, jusqu'à la conclusion d'accords d'entreprise.",
        ],
        "governance": "3 Représentants patronaux + 3 Représentants des OS + pilote technique",
        "pilotage": "Opérateur / Expertise QVT et animation",
        "budget": (35, 40, "par cluster constitué"),
        "funders": [("ADESATT", 40000, None, "accorde"), ("Prévoyance branche", 35000, None, "accorde")],
        "steps": [
            "Recrutement des entreprises",
            "Animation d'une séance collective",
            "Travaux et appuis individuels intersession",
            "Itération",
        ],
        "duration": (3, 9, "12 mois"),
        "evaluation": "Nombre de clusters et de participants. Valorisation de la démarche",
        "conditions": [
            (
                "Proximité et non-concurrence",
                "L'échange entre pairs nécessite une proximité géographique des entreprises (forte densité : métropoles) et une absence de position concurrentielle.",
            ),
            (
                "Acteur fédérateur",
                "Le recrutement des clusters est un point stratégique, nécessairement porté par des acteurs légitimes de la branche (fédérations par exemple).",
            ),
            (
                "Facteur de disponibilité",
                "Lever la contrainte liée à la mobilisation d'un duo d'acteurs d'entreprises : nécessite un engagement fort de la part de l'entreprise dès le démarrage de la démarche (disponibilité et travail intersession).",
            ),
        ],
        "support": "Experts QVT",
        "ratings": (5, 3),
        "themes": ["relations-climat-social"],
        "target": "Entreprises d'une même métropole, 8 à 12 par cluster",
        "phase": 4,
        "late": True,
    },
    {
        "code": "08",
        "title": "S'informer pour pouvoir agir en prévention et en Qualité de vie au travail",
        "needs": (
            "La veille en matière de santé, de prévention et de Qualité de Vie au Travail (QVT) est parfois laborieuse et "
            "induit des temps significatifs de recherche de la bonne information parmi un flux d'informations est abondant. "
            "Il s'agit de faciliter l'accès aux connaissances en créant une veille traitant des pratiques, des expertises et "
            "des textes juridiques. Une base d'alerte périodique sur les actualités et permettant des requêtes de recherches "
            "thématiques."
        ),
        "description": "",
        "objectives": [
            "Saisir les opportunités et éviter l'écueil juridique en étant informés très tôt des évolutions réglementaires et jurisprudentielles.",
            "Accéder facilement aux principales documentations synthétiques ou détaillées traitant des principes, méthodes et exemples de déploiement d'actions santé ou QVT au sein de la branche.",
            "Identifier des exemples de bonnes pratiques d'entreprises de tailles variées de la branche et dont l'activité est comparable à la nôtre.",
            "Mieux comprendre le rôle et les compétences des acteurs de prévention et des conseils susceptibles d'aider notre entreprise dans une démarche de progrès santé ou QVT.",
        ],
        "means": [
            "Création par la branche d'un espace numérique en ligne qui offre une veille réglementaire, des informations sur les rôles et les responsabilités au sein de l'entreprise (dirigeant, CSE, salarié).",
            "Consultation de cas d'entreprises témoins appréciés positivement par la branche : témoignages des bénéficiaires (dirigeants et salariés), explication des méthodes par les conseillers (médecin du travail, consultant interne ou externe...).",
            "Animation de MOC (Massive Online Course) par des experts sur la méthode de déploiement et sur des thématiques précises (stress, conception du bureau, open-space, management...)",
        ],
        "governance": "3 Représentants patronaux + 3 Représentants des OS + pilote technique",
        "pilotage": "Opérateur de conduite de projet + experts QVT et juridique + opérateurs informatiques pour création espace numérique",
        "budget": (10, 20, "10 k€ départ + 10 k€ annuels"),
        "funders": [("ADESATT", 20000, None, "verse")],
        "steps": [
            "Cahier des charges et sélection du prestataire",
            "Réalisation des veilles périodiques et diffusion",
            "Promotion par les fédérations et syndicats",
        ],
        "duration": (4, 32, "36 mois"),
        "evaluation": "Nombre de consultations et requêtes. Évaluation des contenus",
        "conditions": [
            (
                "Valeur ajoutée",
                "Le contenu de la veille doit être fortement différenciant au regard des multiples outils de veille sociale existants. Les besoins des entreprises s'orientent vers un dispositif facilement accessible, bien structuré, avec de l'information filtrée et hiérarchisée.",
            ),
            (
                "Intégration",
                "Diffusion de la veille de manière gratuite en s'appuyant sur les réseaux professionnels existants au sein de la branche",
            ),
        ],
        "support": "Experts QVT / juridique, Informatique, Communication",
        "ratings": (5, 5),
        "themes": ["sante-travail", "contenu-travail"],
        "target": "Toutes tailles",
        "phase": 5,
    },
    {
        "code": "09",
        "title": "Se former et agir collectivement en prévention et en Qualité de vie au travail",
        "needs": (
            "Conduire une démarche de progrès social et de performance par le déploiement de la prévention et de la Qualité "
            "de Vie au Travail est en soi une compétence. Compétence de pilotage de la démarche et compétence sur les "
            "thématiques traitées. Il s'agit de développer ces compétences par des cycles de formation (à distance ou en "
            "présentiel, intra ou inter entreprises), adressés à différents acteurs de l'entreprise selon leurs profils."
        ),
        "description": "",
        "objectives": [
            "Augmenter le niveau de connaissances des entreprises en matière de prévention et de QVT de manière à augmenter les compétences internes et déconstruire les idées reçues.",
            "Outiller chacun des rôles dans l'entreprise pour déployer avec succès une démarche structurée et efficace sur le long terme.",
            "Engager et conduire avec méthode une démarche de progrès profonde et durable sur le long terme pour notre entreprise avec l'appui d'un collectif d'entreprises.",
        ],
        "means": [
            "Définir un cadre clair pour engager l'action : volonté de la Direction, attentes, ressources temporelles, pilotage, acteurs impliqués, évaluation.",
            "Participer à des modules de formation-action intra ou inter-entreprises, par métier (direction, management...), animés par des spécialistes reconnus et alternant des apports de connaissances et des témoignages d'expériences réussies.",
            "Mettre en œuvre les principes et les méthodes apprises pour construire un plan d'actions et le déployer au sein de l'entreprise de manière participative et adaptée à nos besoins.",
        ],
        "governance": "3 Représentants patronaux + 3 Représentants des OS + pilote technique",
        "pilotage": "Branche / accompagnement par un opérateur en conduite de projet + identifications des formations et formateurs",
        "budget": (None, None, "Fonctionnement courant ; suivant typologie des formations"),
        "funders": [("Uniformation", None, 100, "sollicite")],
        "steps": [
            "Définition des besoins",
            "Repérage des prestataires",
            "Promotion d'une offre de formation",
        ],
        "duration": (6, 30, "36 mois"),
        "evaluation": "Volume de formation consommée. Évaluation de satisfaction",
        "conditions": [
            (
                "Centrer la formation sur le projet QVT",
                "Centrer la formation sur la conduite d'un projet QVT au sein d'une entreprise : processus, méthode, thématiques, acteurs...",
            ),
            (
                "Impliquer plusieurs niveaux d'acteurs",
                "Impliquer et engager en formation différents niveaux d'acteurs stratégiques (Direction, CSE) et techniques (responsable RH ou santé/QVT) ...",
            ),
        ],
        "support": "Conduite de projet + Formateurs thématiques et profils",
        "ratings": (5, 5),
        "themes": ["parcours-professionnels", "engagement-management"],
        "target": "Direction, management, CSE, RH",
        "phase": 3,
    },
    {
        "code": "10",
        "title": "« QVT on line », le service en ligne pour me guider en santé et en QVT",
        "needs": (
            "La conduite d'une démarche de Qualité de Vie au Travail (QVT) peut tout à fait être réussie pour des entreprises "
            "en ayant la volonté et jouissant d'une certaine autonomie. Mais parfois ces mêmes entreprises ont des besoins "
            "ponctuels pour être guidées sur l'une des étapes de la démarche."
        ),
        "description": "Un service en ligne permettrait de répondre à ces besoins ponctuels. Il propose aux entreprises des conseils pour l'une de ses interrogations.",
        "objectives": [
            "Accéder rapidement à un appui technique en ligne nous donnant les principaux points de repère d'une démarche de prévention et de QVT.",
            "Pouvoir solliciter un appui simple et gratuit, en particulier lorsqu'on est une entreprise de taille modeste et que l'on ne dispose pas de personne ressource interne.",
            "Engager une démarche QVT avec un appui professionnel, de manière simple et souple et permettant à l'entreprise d'avoir une réponse directe à ses questions (orientations, appuis, ...)",
        ],
        "means": [
            "Mise en place d'un numéro gratuit accessible pour toute entreprise (dirigeant, représentant du personnel, mandaté...) s'engageant a minima dans une démarche de progrès.",
            "Appel spontané ou sur rendez-vous. Au bout du fil : un conseil donnant des indications pertinentes pour nous guider dans le diagnostic de situation et la mise en œuvre des actions.",
            "Aide à la progression par un suivi des actions : rendez-vous téléphonique ou visio-conférences périodiques selon les actions engagées, points de pilotage.",
        ],
        "governance": "3 Représentants patronaux + 3 Représentants des OS + pilote technique",
        "pilotage": "Opérateur conduite de projet pour identification des prestataires et tenue du dispositif",
        "budget": (20, 30, "annuels"),
        "funders": [("ADESATT", 15000, None, "sollicite"), ("Prévoyance branche", 10000, None, "sollicite")],
        "steps": [
            "Cahier des charges et sélection du prestataire",
            "Choix des systèmes de réservation de rdv et communication",
            "Promotion par les fédérations et syndicats",
        ],
        "duration": (4, 20, "24 mois"),
        "evaluation": "Nombre de consultations. Évaluation de la satisfaction",
        "conditions": [
            (
                "Qualité du conseil",
                "Le conseil en ligne est d'un haut niveau d'appui à une démarche QVT. Capacité à identifier la problématique posée et qualité de l'orientation et des recommandations.",
            ),
            (
                "Disponibilité",
                "Service en ligne avec prise de rendez-vous préalable. Appui en ligne confidentiel et sur un temps long.",
            ),
        ],
        "support": "Conduite de projet + opérateur technique",
        "ratings": (5, 5),
        "themes": ["sante-travail"],
        "target": "Entreprises de taille modeste sans personne ressource interne",
        "phase": 1,
    },
    {
        "code": "11",
        "title": "S'engager dans un label, une certification en santé et QVT",
        "needs": (
            "Il existe une multitude de démarches dites de bien-être au travail, de prévention du harcèlement du stress ou des "
            "risques psychosociaux, de qualité de vie au travail... Face à cette variété d'initiative et d'appellations, les "
            "entreprises ont parfois des difficultés à identifier précisément de quoi il s'agit, qu'elle en est la démarche et "
            "les résultats escomptés. Le choix d'un label ou une certification reconnue et promue par la branche permettra aux "
            "entreprises de se « reconnaître » dans un cadre stable et identifié."
        ),
        "description": "",
        "objectives": [
            "Donner une meilleure lisibilité d'une démarche santé et QVT solide, efficace et reconnue... au regard des nombreuses initiatives existantes et parfois superficielles.",
            "Être reconnus en interne et en externe pour la qualité de la démarche dans laquelle nous nous sommes engagés « Bien-être des salariés » ou « entreprise en QVT ».",
            "Entretenir durablement cette démarche par un esprit de stimulation et de compétition positive interne (collaborateurs) et externe (entreprises).",
        ],
        "means": [
            "Identifier et choisir le label ou certification le plus pertinent adapté à notre effectif et notre activité. S'y préparer, mobiliser en interne, solliciter l'obtention du label puis le promouvoir.",
            "Développer en interne la démarche pour augmenter notre respect des critères du label. S'appuyer sur des exemples du label et des échanges.",
            "Accéder à différents niveaux de reconnaissance QVT, dont par exemple : l'action innovante, l'action participative, l'action santé, l'action gestion du temps...",
        ],
        "governance": "3 Représentants patronaux + 3 Représentants des OS + pilote technique",
        "pilotage": "Opérateur externe (ou pilotage interne) appuyé par un groupe expert",
        "budget": (10, 15, ""),
        "funders": [("ADESATT", 8000, None, "sollicite"), ("Prévoyance branche", 5000, None, "sollicite")],
        "steps": [
            "Sélection du prestataire",
            "Inventaire et choix de marque (labels et certifications)",
            "Incitation à l'engagement",
            "Promotion des entreprises agréées",
        ],
        "duration": (6, 30, "36 mois"),
        "evaluation": "Nombre d'entreprises reconnues",
        "conditions": [
            (
                "Qualité du label/certification",
                "Le choix du cadre de label ou certification est décisif quant aux effets attendus en interne, en particulier au regard de la définition QVT retenue.",
            ),
        ],
        "support": "Prestataire Communication",
        "ratings": (5, 5),
        "themes": ["engagement-management", "sante-travail"],
        "target": "Toutes tailles",
        "phase": 1,
        "late": True,
    },
    {
        "code": "T1",
        "title": "Priorité transverse aux actions : renforcer la participation des salariés",
        "needs": (
            "La participation des salariés et la concertation sont des principes forts d'une démarche de Qualité de Vie au "
            "travail réussie. Une démarche QVT solide fait ainsi le pari d'une dynamique « remontante » pour influencer sur la "
            "gouvernance de l'entreprise.\n\nOr de nombreuses déclinaisons de la QVT par les entreprises sont « descendantes », "
            "c'est-à-dire qu'elles sont pensées par la gouvernance de l'entreprise pour être ensuite déclinées auprès des "
            "salariés."
        ),
        "description": (
            "L'objectif de cette priorité transverse est de soutenir les démarches qui font le pari de la participation des "
            "salariés en laissant une large place à la participation et en autorisant les processus de codécision."
        ),
        "objectives": [
            "Soutenir les démarches qui font le pari de la participation des salariés en laissant une large place à la participation et en autorisant les processus de codécision.",
        ],
        "means": [
            "Expérimenter des ateliers d'expression des salariés permettant de constituer les priorités de QVT de l'entreprise.",
            "Accompagner des processus participatifs à l'occasion de projets de conception organisationnels ou techniques (SI, locaux, management...).",
            "Développer des démarches d'entreprises QVT basées sur le principe de la participation et de la créativité de tous les niveaux hiérarchiques.",
            "Capitaliser sur les expérimentations et valoriser.",
        ],
        "governance": "",
        "pilotage": "",
        "budget": (None, None, ""),
        "funders": [],
        "steps": [],
        "duration": (None, None, ""),
        "evaluation": "",
        "conditions": [],
        "support": "",
        "ratings": (5, 5),
        "themes": ["relations-climat-social", "engagement-management"],
        "target": "",
        "phase": 1,
        "draft": True,
    },
]

BRANCH_COMPANIES = [
    # name, city, headcount, group, status, du, plan, system (months before today, None = not yet)
    ("ACI Le Relais Solidaire", "Lyon", 42, "Groupe Rhône", "engagee", 10, 6, 2),
    ("Association Tremplin Vert", "Grenoble", 28, "Groupe Isère", "engagee", 9, 4, None),
    ("Recyclerie du Forez", "Saint-Étienne", 35, "Groupe Loire", "engagee", 8, None, None),
    ("Chantier École Bâti Insertion", "Clermont-Ferrand", 18, "Groupe Auvergne", "engagee", None, None, None),
    ("Association Passerelle Emploi", "Valence", 24, "Groupe Isère", "selectionnee", None, None, None),
    ("ACI Maraîchage Solidaire des Monts", "Annecy", 15, "Groupe Rhône", "sortie", None, None, None),
]
CLUSTER_COMPANIES = [
    ("Atelier Textile Solidaire", "Lyon", 22, "Cluster métropole lyonnaise", "engagee", 5, None, None),
    ("Ressourcerie des Pentes", "Lyon", 31, "Cluster métropole lyonnaise", "engagee", None, None, None),
    (
        "Jardins d'Insertion de Villeurbanne",
        "Villeurbanne",
        19,
        "Cluster métropole lyonnaise",
        "engagee",
        4,
        2,
        None,
    ),
    ("ACI Bois et Services", "Vénissieux", 26, "Cluster métropole lyonnaise", "ciblee", None, None, None),
]

ACIA_AXES = [
    (
        1,
        "Outiller les acteurs de terrain dans la conduite de projet en lien avec l'implémentation d'un nouvel outil numérique",
        "Définir et acculturer les acteurs terrain dans la mise en œuvre d'une démarche séquencée afin de cadrer et, suivre pas "
        "à pas, la mise en place opérationnelle et sécurisée d'un outil numérique au regard des enjeux liés aux conditions de "
        "travail.",
    ),
    (
        2,
        "Accompagner les acteurs de terrain dans la création de nouveaux usages partagés",
        "Que les outils déployés soient des supports de l'activité et permettent aux différents usagers de se coordonner, "
        "organiser les données de santé et favoriser un accompagnement de qualité tout en répondant aux critères de gestion de "
        "l'activité.",
    ),
]
ACIA_STEPS = [
    (
        1,
        "Cadrage",
        "Mai à fin juin",
        2,
        "Créer la dynamique du projet à l'échelle des structures et du collectif de l'ACIA et identifier les spécificités des "
        "différents terrains : création du comité de pilotage, approfondissement de l'axe choisi, groupe de travail inter-structure.",
    ),
    (
        2,
        "Déploiement",
        "Début juillet à fin novembre",
        6,
        "Outiller les comités de pilotage et le collectif sur les axes d'accompagnement : groupes de travail et espaces de "
        "discussion auprès des terrains, partage de l'avancée des projets entre structures.",
    ),
    (
        3,
        "Bilan",
        "Début décembre à fin février",
        2,
        "Les comités de pilotage réalisent un bilan sur leur capacité à réaliser d'autres projets en lien avec le numérique ; le "
        "groupe évalue sa capacité à déployer les projets travaillés.",
    ),
]
# Invented managing organisations (OG) of Corsican ESMS, one action each.
ACIA_STRUCTURES = [
    # name, acronym, city, headcount, sector, axis, tool, phase
    (
        "Association A Ziglia — foyers d'accueil médicalisés",
        "A Ziglia",
        "Ajaccio",
        140,
        "Personnes handicapées (PH)",
        1,
        "dossier usager informatisé (DUI)",
        4,
    ),
    (
        "Mutualité Corse Solidarité — EHPAD",
        "MCS",
        "Bastia",
        210,
        "Personnes âgées (PA)",
        2,
        "dossier de soins informatisé",
        5,
    ),
    (
        "Association Aiutu è Casa — SSIAD et aide à domicile",
        "Aiutu è Casa",
        "Corte",
        85,
        "Domicile (PA/PH)",
        1,
        "application mobile de planification des tournées",
        3,
    ),
    (
        "Fondation Lisula — protection de l'enfance",
        "Lisula",
        "Porto-Vecchio",
        95,
        "Protection de l'enfance (PDE)",
        2,
        "messagerie sécurisée et DUI",
        4,
    ),
]

PRST_ACTIONS = [
    {
        "code": "PRST-1",
        "pilot": ("Stéphane", "Girard"),  # the directory's person, of the porteur's organisation
        "title": "Prévenir les risques de chute de hauteur dans le BTP",
        "needs": "Capitaliser sur les productions du PRST 3 (plaquette amiante, guides) et cibler moins de sujets pour aller plus en profondeur.",
        "objectives": [
            "Mettre en visibilité les bonnes pratiques des entreprises du BTP",
            "Intégrer la prévention dans les pièces de marché des maîtres d'ouvrage",
        ],
        "means": [
            "Recenser les actions innovantes et les capitaliser",
            "Impliquer les cibles (maîtrise d'ouvrage, maîtrise d'œuvre, jeunes en formation) en mettant en avant les pratiques",
        ],
        "porteur": "OPPBTP",
        "phase": 4,
        "ratings": (5, 4),
        "themes": ["sante-travail"],
    },
    {
        "code": "PRST-2",
        "pilot": ("Élodie", "Fournier"),  # the directory's person, of the porteur's organisation
        "title": "Renforcer la prévention de la désinsertion professionnelle",
        "needs": "Renforcer l'implication des acteurs clés le plus en amont possible pour rédiger la fiche action.",
        "objectives": [
            "Repérer précocement les salariés exposés au risque de désinsertion",
            "Coordonner les acteurs du maintien en emploi",
        ],
        "means": ["Cartographie des acteurs du territoire", "Actions courtes, visibles et bien communiquées"],
        "porteur": "Carsat",
        "phase": 2,
        "ratings": (4, 3),
        "themes": ["parcours-professionnels", "sante-travail"],
    },
    {
        "code": "PRST-3",
        "pilot": ("Valérie", "Chevalier"),  # the directory's person, of the porteur's organisation
        "title": "Faire connaître les outils du PRST et leur efficacité",
        "needs": "Rendre visible le PRST à un plus grand nombre d'acteurs ; manque de visibilité sur le calendrier.",
        "objectives": [
            "Faire connaître les outils et leur efficacité",
            "Diffuser les livrables auprès des cibles identifiées",
        ],
        "means": [
            "Information périodique envoyée par la DREETS",
            "Outil collaboratif partagé entre les membres des groupes de travail",
        ],
        "porteur": "ARACT ARA",
        "phase": 6,
        "ratings": (4, 5),
        "themes": ["contenu-travail"],
    },
]

# The project team (« équipe projet ») of each ACIA structure, in the order of ACIA_STRUCTURES: the same
# people sit on the structure's COPIL, appear in its application to the call, and its pilot is the action's
# pilot. Fictitious people. Slot: direction, personnel (staff representative), pilote (project pilot, the
# ARACT's direct contact), volontaire (volunteer employee), numerique (in charge of the digital tool).
# (slot, first name, last name, job, role in the project team)
ACIA_TEAMS = [
    [
        ("direction", "Jeanne", "Peretti", "Directrice d'établissement", "Représentante de la direction"),
        (
            "personnel",
            "Antoine",
            "Colonna",
            "Aide médico-psychologique, élu du CSE",
            "Représentant du personnel",
        ),
        ("pilote", "Marie", "Orsini", "Cadre de santé", "Pilote de projet"),
        ("volontaire", "Lucie", "Santucci", "Éducatrice spécialisée", "Salariée volontaire"),
        (
            "numerique",
            "Thomas",
            "Ceccaldi",
            "Référent qualité et numérique",
            "Personne en charge du numérique",
        ),
    ],
    [
        ("direction", "Pascal", "Ferracci", "Directeur de l'EHPAD", "Représentant de la direction"),
        ("personnel", "Nadia", "Albertini", "Aide-soignante, élue du CSE", "Représentante du personnel"),
        ("pilote", "Julien", "Leca", "Cadre de santé", "Pilote de projet"),
        ("volontaire", "Céline", "Poggi", "Infirmière", "Salariée volontaire"),
        ("numerique", "Michel", "Ottavi", "Référent numérique", "Personne en charge du numérique"),
    ],
    [
        ("direction", "Hélène", "Giacomoni", "Directrice du service", "Représentante de la direction"),
        ("personnel", "Marc", "Bartoli", "Auxiliaire de vie, élu du CSE", "Représentant du personnel"),
        ("pilote", "Sonia", "Vincensini", "Responsable de secteur", "Pilote de projet"),
        ("volontaire", "Paul", "Cristofari", "Aide-soignant", "Salarié volontaire"),
        ("numerique", "Chloé", "Pinelli", "Assistante de planification", "Personne en charge du numérique"),
    ],
    [
        (
            "direction",
            "Dominique",
            "Susini",
            "Directeur de la maison d'enfants",
            "Représentant de la direction",
        ),
        ("personnel", "Ange", "Paoli", "Éducateur spécialisé, élu du CSE", "Représentant du personnel"),
        ("pilote", "Laetitia", "Pietri", "Cheffe de service éducatif", "Pilote de projet"),
        ("volontaire", "Xavier", "Filippi", "Moniteur-éducateur", "Salarié volontaire"),
        ("numerique", "Romain", "Acquaviva", "Référent numérique", "Personne en charge du numérique"),
    ],
]
