# The Pix pages: a pupil's results, a class's campaigns, the import of a Pix Orga export.
# Variables: { $name }; a message with variables becomes a method of PixTexts (app/build.rs).

title = Mes résultats Pix
intro = Vos compétences numériques mesurées par Pix, sur les 16 compétences du cadre de référence (CRCN) : où vous en êtes, comment vous progressez, et quoi travailler ensuite.
id-title = Mon identifiant Sillage pour Pix
id-intro = Si une campagne Pix de votre établissement vous demande un identifiant, saisissez :
empty = Aucun résultat pour l'instant. Vos résultats arrivent quand votre établissement importe une campagne Pix à laquelle vous avez envoyé votre profil, ou quand vous enregistrez une certification ci-dessous.
latest-title = Mon profil aujourd'hui
source = Source
certified = Certification
domains-title = Par domaine
average-level = Niveau moyen { $level } / { $max }
work-on-first = À travailler d'abord : { $competence }
radar-title = Niveaux Pix des 16 compétences
radar-desc = Niveau atteint dans chaque compétence, de 0 à 8 : { $levels }.
radar-caption = Chaque branche est une compétence (1.1 à 5.2), du centre (niveau 0) au bord (niveau 8). Le tableau dessous donne les mêmes valeurs.
radar-before = Le contour en pointillés montre vos niveaux précédents.
table-caption = Mes niveaux par compétence
col-competence = Compétence
col-level = Niveau
col-pix = Pix
col-change = Évolution
col-next = Prochaine étape
col-date = Date
col-total = Pix total
col-max = Maximum possible ce jour-là
col-median = Niveau médian
col-pupil = Élève
col-class = Classe
col-line = Ligne
col-participant = Participant (fichier)
col-outcome = Ce que fera l'import
unchanged = stable
progression-title = Ma progression
progression-desc = Pix total à chaque résultat : { $totals }.
totals-caption = Pix total par date
no-totals = Pas encore de total à suivre (une certification donne des niveaux, pas de total).
max-label = max. { $top }
history-title = Historique
delete = Supprimer
delete-intro = Ce résultat sera supprimé de votre historique. Les autres restent.
delete-confirm = Supprimer ce résultat
cert-title = Enregistrer une certification Pix
cert-intro = Recopiez votre certificat : la date, le code de vérification, le score et, si vous le souhaitez, le niveau de chaque compétence. Le niveau global est calculé à partir du score.
cert-saved = Certification enregistrée.
cert-problems = La certification n'a pas été enregistrée :
cert-student = Élève
cert-date = Date de la certification
cert-code = Code de vérification
cert-code-hint = Sur le certificat : P- suivi de 8 caractères.
cert-score = Score (pix certifiés)
cert-score-hint = De 0 à 1023 (895 au plus aujourd'hui).
cert-levels = Niveau certifié par compétence (facultatif, 0 à 8)
cert-submit = Enregistrer la certification
shared-title = Résultats Pix
shared-empty = Pas encore de résultat Pix.
shared-latest = Dernier résultat : { $date }
class-title = Pix de mes classes
class-intro = Importez l'export « collecte de profils » d'une campagne Pix Orga, puis suivez les niveaux de vos élèves par compétence.
import-title = Importer une campagne Pix Orga
import-intro = Dans Pix Orga, ouvrez la campagne, onglet « Activité » ou « Résultats », puis « Exporter les résultats » : déposez le fichier CSV tel quel (sans l'ouvrir dans un tableur). Rien n'est importé avant que vous ayez relu l'aperçu et confirmé.
upload-label = Fichier CSV exporté de Pix Orga
upload-hint = Séparateur « ; », UTF-8, taille maximale { $max }
upload-submit = Envoyer et voir l'aperçu
upload-sending = Envoi du fichier…
upload-reading = Fichier envoyé, lecture en cours…
upload-failed = L'envoi a échoué (connexion coupée ou fichier trop gros). Réessayez.
upload-empty = Choisissez un fichier CSV exporté de Pix Orga (le fichier envoyé est vide).
cohort-title = Niveaux de mes élèves
cohort-empty = Aucun résultat importé pour ces élèves.
filter-class = Classe
filter-campaign = Campagne
all-classes = Toutes les classes
all-campaigns = Toutes les campagnes
filter-submit = Afficher
pupils-caption = Dernier résultat de campagne de chaque élève
distribution-caption =
    Nombre d'élèves par niveau, pour chaque compétence ({ $pupils ->
         [one] { $pupils } élève
        *[other] { $pupils } élèves
    })
preview-title = Aperçu de l'import Pix
preview-gone = Cet aperçu n'existe plus : il a déjà été importé, ou il date de plus d'un jour. Déposez le fichier à nouveau.
back-to-class = Retour à « Pix de mes classes »
file = Fichier
campaign = Campagne
nothing-imported = Rien n'a été importé. Corrigez le fichier (ou exportez-le à nouveau depuis Pix Orga), puis déposez-le encore.
upload-again = Déposer un autre fichier
preview-summary = Ce que fera l'import
preview-explain = Les lignes non rattachées ne sont pas importées : elles sont listées ci-dessous avec la raison. Importer à nouveau le même fichier ne change rien.
confirm-import = Confirmer l'import
cancel = Annuler
confirm-failed = L'import n'a pas eu lieu (l'aperçu a expiré ou a déjà été importé). Rien n'a été modifié.
lines-title = Ligne par ligne
show-on-page = Montrer aussi mes résultats Pix sur cette page (profil, niveaux, certification)

## Sentences with values
radar-level = { $code } : niveau { $level }
progression-point = { $date } : { $total } sur { $max }
level-column = Niv. { $level }
certification-summary = { $level } — { $score } pix ({ $date }, { $code })
delete-result = Supprimer ({ $result })
count-created = Résultats créés : { $count }
count-updated = Résultats mis à jour : { $count }
count-skipped = Lignes ignorées : { $count }
count-unresolved = Lignes non rattachées : { $count }
imported-message =
    Import terminé : { $created ->
         [one] { $created } résultat créé
        *[other] { $created } résultats créés
    }, { $updated } mis à jour, { $skipped ->
         [one] { $skipped } ligne ignorée
        *[other] { $skipped } lignes ignorées
    }, { $unresolved ->
         [one] { $unresolved } non rattachée
        *[other] { $unresolved } non rattachées
    }.
upload-too-large = Le fichier est trop gros ({ $max } au plus) : exportez une campagne à la fois, ou une classe à la fois.
file-problems =
    { $count ->
         [one] Le fichier a un problème
        *[other] Le fichier a { $count } problèmes
    }
lines-hidden =
    Toutes les lignes à vérifier sont affichées ; { $count ->
         [one] une autre ligne ne l'est pas (elle est comptée ci-dessus)
        *[other] { $count } autres lignes ne le sont pas (elles sont comptées ci-dessus)
    }.

## A problem of a Pix Orga export (domain::pix::orga_csv), where it is
csv-at-column = Ligne { $line }, colonne « { $column } » : { $problem }.
csv-at-line = Ligne { $line } : { $problem }.
csv-not-utf8 = le fichier n'est pas en UTF-8 : ré-exportez-le depuis Pix Orga sans l'ouvrir dans un tableur, ou enregistrez-le en « CSV UTF-8 »
csv-truncated = le fichier s'arrête au milieu d'une valeur entre guillemets : il est tronqué
csv-stray-quote = guillemet mal placé
csv-too-large = le fichier dépasse { $max }
csv-interrupted = lecture du fichier interrompue
csv-empty = le fichier est vide
csv-wrong-separator = les colonnes ne sont pas séparées par « ; » comme dans les exports Pix Orga
csv-missing-column = colonne manquante
csv-unknown-competence = compétence inconnue du CRCN
csv-incomplete-competence = il manque la colonne « Niveau » ou « Nombre de pix » de cette compétence
csv-wrong-field-count = { $found } valeurs au lieu de { $expected }
csv-not-yes-no = « Oui » ou « Non » attendu
csv-not-a-date = date attendue (JJ/MM/AAAA HH:MM, ou AAAA-MM-JJ dans un export ancien)
csv-not-a-number = nombre entier attendu
csv-level-out-of-range = niveau hors de 0 à 8
csv-pix-out-of-range = nombre de pix hors de 0 à 64
csv-level-not-pix = le niveau ne correspond pas au nombre de pix (8 pix par niveau)
csv-total-mismatch = le total n'est pas la somme des compétences ({ $sum })
csv-missing-value = valeur manquante
csv-duplicate-participant = même participant qu'à la ligne { $line }
csv-other-campaign = autre campagne que celle de la ligne 2 : importez une campagne à la fois

## What the import preview says of a line (domain::pix::matching)
found-by-sillage-id = par identifiant Sillage
found-by-name = par le nom
found-by-name-and-class = par le nom et la classe
line-created = Créé (élève trouvé { $by })
line-updated = Mis à jour : l'élève a renvoyé son profil (trouvé { $by })
line-not-shared = Ignoré : l'élève n'a pas envoyé son profil (Envoi = Non)
line-unchanged = Ignoré : déjà importé, rien n'a changé
line-no-pupil = Non rattaché : aucun élève de vos établissements ne porte ce nom (l'élève doit s'être connecté une fois à Sillage)
line-homonyms = Non rattaché : { $count } élèves portent ce nom ; demandez-leur de saisir leur identifiant Sillage dans la campagne
line-id-name-mismatch = Non rattaché : l'identifiant Sillage est celui d'un élève d'un autre nom
line-same-pupil-twice = Non rattaché : même élève qu'à la ligne { $line }

## A problem of the certification form (domain::pix::certification)
cert-date-missing = Indiquez la date de la certification.
cert-date-invalid = La date doit s'écrire AAAA-MM-JJ (par exemple 2026-05-12).
cert-date-in-future = La date ne peut pas être dans le futur.
cert-code-missing = Indiquez le code de vérification imprimé sur le certificat.
cert-code-invalid = Le code de vérification s'écrit P- suivi de 8 caractères (chiffres 2 à 9 sauf 5, lettres sans voyelles), par exemple P-3BFH7MQT.
cert-score-missing = Indiquez le score (nombre de pix certifiés).
cert-score-invalid = Le score est un nombre entier de 0 à 1023.
cert-level-invalid = Compétence { $code } : le niveau est un nombre de 0 à 8, ou laissez vide.
cert-unknown-competence = Une compétence envoyée n'existe pas dans le CRCN.

## What to do next in a competence (domain::pix::results::NextStep)
next-step-start = Pas encore mesurée : sur pix.fr, lancez le parcours « { $competence } » ; les premières questions suffisent pour un niveau 1.
next-step-reach-pix = Prochain palier : niveau { $target }, encore { $pix } pix. Reprenez « { $competence } » sur pix.fr : Pix propose des questions plus difficiles à chaque essai réussi.
next-step-reach = Prochain palier : niveau { $target }. Reprenez « { $competence } » sur pix.fr pour le viser.
next-step-at-the-top = Niveau le plus haut ouvert par Pix aujourd'hui pour « { $competence } » : bravo ! Aidez un camarade, ou pensez à la certification.

## A certification's level, as Pix names it
certification-pre-beginner = Pré-débutant
certification-beginner-1 = Débutant 1
certification-beginner-2 = Débutant 2
certification-independent-3 = Indépendant 3
certification-independent-4 = Indépendant 4
certification-advanced-5 = Avancé 5
certification-advanced-6 = Avancé 6
certification-expert-7 = Expert 7
certification-expert-8 = Expert 8

## Where a result comes from
source-campaign = Campagne « { $name } »
source-certification = Certification Pix
source-manual = Saisie
