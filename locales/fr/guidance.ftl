# L'orientation : les données de l'Onisep, « mon projet d'orientation ».

## L'import des fichiers de l'Onisep (server admin onisep import)

dataset-metiers = Idéo-Métiers
dataset-formations = Idéo-Formations initiales
dataset-offers = Idéo-Actions de formation initiale
import-refused =
    { $file } ({ $count ->
         [one] un problème
        *[other] { $count } problèmes
    }) : rien n'a été chargé.
import-more-problems =
    { $count ->
         [one] … et un autre problème
        *[other] … et { $count } autres problèmes
    }
import-done =
    { $dataset } ({ $form }, { $file }) : { $items ->
         [one] une fiche lue.
        *[other] { $items } fiches lues.
    }
import-done-offer-counts = Créées : { $created }, mises à jour : { $updated }, inchangées : { $unchanged }, supprimées (dans aucun des fichiers de l'import) : { $removed }.
import-done-counts = Créées : { $created }, mises à jour : { $updated }, inchangées : { $unchanged }, retirées (« n'existe plus dans les données Onisep ») : { $withdrawn }.
import-remarks =
    { $file } : { $count ->
         [one] une valeur inhabituelle (la fiche est chargée ; la valeur telle que l'Onisep l'a écrite, sauf si elle est dite laissée de côté)
        *[other] { $count } valeurs inhabituelles (les fiches sont chargées ; les valeurs telles que l'Onisep les a écrites, sauf celles dites laissées de côté)
    } :
import-unread-columns = { $file } : colonnes que Sillage ne lit pas (ajoutées par l'Onisep ?) : { $columns }
import-same-dataset-twice = Deux fichiers { $dataset } dans un même import : donnez-en un seul.
import-unreadable-file = { $file } : illisible ({ $reason }).
at-file = Fichier : { $problem }.
at-file-column = Fichier, colonne « { $column } » : { $problem }.
at-line = Ligne { $line } : { $problem }.
at-line-column = Ligne { $line }, colonne « { $column } » : { $problem }.
at-record = Enregistrement { $record } : { $problem }.
at-record-column = Enregistrement { $record }, clé « { $column } » : { $problem }.
problem-too-large = le fichier dépasse { $max }
problem-empty = le fichier n'a aucune ligne de données
problem-not-utf8 = le texte n'est pas en UTF-8 : prenez le fichier tel que l'Onisep le publie
problem-json-syntax = JSON illisible ligne { $line }, colonne { $column }
problem-not-an-array = ce JSON n'est pas une liste d'objets comme l'Onisep les publie
problem-unknown-dataset = ni Idéo-Métiers ni Idéo-Formations initiales : l'en-tête n'a ni « lien site onisep.fr » ni « URL et ID Onisep »
problem-missing-column = colonne absente : l'Onisep a changé la structure du fichier, Sillage doit être mis à jour pour la lire
problem-wrong-field-count = { $found } valeurs au lieu de { $expected }
problem-not-text = un texte était attendu
problem-missing-value = valeur manquante
problem-too-long = plus de { $max } caractères
problem-not-an-onisep-link = pas un lien onisep.fr terminé par l'identifiant attendu (MET.… pour un métier, FOR.… pour une formation)
problem-not-a-rome-code = pas un code ROME (une lettre et quatre chiffres)
problem-rome-lists-differ = { $codes } codes ROME, { $labels } libellés et { $links } liens : il en faut autant de chaque
problem-not-a-domain-pair = pas une paire « domaine/sous-domaine »
problem-not-a-date = pas une date JJ/MM/AAAA
problem-not-a-year = pas une année
problem-not-a-number = pas un code de chiffres et de lettres
problem-not-a-uai = pas un code UAI (7 chiffres et une lettre) : laissé de côté
problem-not-a-web-address = pas une adresse web (http ou https) : laissée de côté
problem-duplicate-id = même identifiant que { $first }
first-at-line = la ligne { $line }
first-at-record = l'enregistrement { $record }

## Explorer les métiers et les formations (/orientation)

explore-title = Métiers et formations
explore-intro = Cherchez un métier, une formation ou un domaine : l'Onisep les décrit, et chaque page dit où ils mènent.
search-label = Un métier, une formation, un domaine…
suggestions = Suggestions
search-hint = Par exemple « infirmière », « boulanger », « mécanique auto ». Les accents et les fautes de frappe ne gênent pas.
search-button = Chercher
filters = Affiner
filter-kind = Chercher parmi
kind-all = les métiers et les formations
kind-metiers = les métiers
kind-formations = les formations
filter-domaine = Domaine
filter-type = Diplôme
filter-level = Niveau à la sortie
filter-academie = Enseignée dans l'académie
any = Tous
results-heading = Résultats
results-count =
    { $count ->
         [one] Un résultat
        *[other] { $count } résultats
    }
no-results = Aucun résultat. Essayez un autre mot, moins de mots, ou retirez un filtre.
kind-metier = Métier
kind-formation = Formation
pages = Pages de résultats
page-previous = Page précédente
page-next = Page suivante
page-of = Page { $page } sur { $pages }

## Les pages d'un métier, d'une formation

metier-title = Métier
formation-title = Formation
back-to-search = Chercher un autre métier ou une autre formation
withdrawn = Ce métier ou cette formation n'existe plus dans les données de l'Onisep : la page reste pour ceux qui l'avaient choisi.
gfe = Grand domaine d'emploi
domaines = Domaines
romes = Fiches ROME (France Travail)
publications = Publications de l'Onisep
onisep-page = La fiche complète sur onisep.fr
formations-heading = Les formations qui y mènent
formations-why = Des formations des mêmes domaines que ce métier, les plus proches d'abord.
metiers-heading = Les métiers auxquels elle mène
metiers-why = Des métiers des mêmes domaines que cette formation, les plus proches d'abord.
linked-because = Domaines en commun :
linked-none = L'Onisep ne relie encore aucune page à celle-ci.
linked-more =
    { $count ->
         [one] Une autre partage un domaine : affinez avec la recherche.
        *[other] { $count } autres partagent un domaine : affinez avec la recherche.
    }
type-of-formation = Type de formation
exit-level = Niveau à la sortie
duration = Durée
certification = Niveau de certification
rncp = Fiche RNCP
tutelle = Ministère de tutelle
source = Source : Onisep.
source-dated = Source : Onisep, données du { $date }.
licence = Licence ODbL
offers-title = Où se former
offers-intro =
    { $academies ->
         [one] Enseignée dans { $count ->
             [one] un établissement
            *[other] { $count } établissements
         } d'une académie.
        *[other] Enseignée dans { $count } établissements de { $academies } académies.
    }
offers-academie = Académie
offers-pick = Choisissez une académie
offers-academie-count =
    { $count ->
         [one] { $academie } (1 établissement)
        *[other] { $academie } ({ $count } établissements)
    }
offers-show = Voir les établissements
offers-heading = Établissements
offers-heading-home = Dans votre académie ({ $academie })
offers-heading-in = Dans l'académie de { $academie }
offers-more =
    { $count ->
         [one] Un autre établissement de cette académie n'est pas affiché.
        *[other] { $count } autres établissements de cette académie ne sont pas affichés.
    }
offers-dated = Établissements : source Onisep, données du { $date }.

## Mon projet d'orientation (/orientation/projet) et les favoris

favourite-heading = Mes favoris
favourite-is = Dans vos favoris.
favourite-note-label = Pourquoi ça m'intéresse (facultatif)
favourite-note-hint = Quelques mots pour vous en souvenir et en parler avec votre Psy-EN, { $max } caractères au plus.
favourite-add = Ajouter à mes favoris
favourite-save = Enregistrer ma note
favourite-remove = Retirer de mes favoris
favourite-note-too-long = Votre note dépasse { $max } caractères : raccourcissez-la.
favourite-too-many = Vous avez déjà { $max } favoris : retirez-en un d'abord.
project-title = Mon projet d'orientation
project-intro = Vos métiers et formations favoris, avec ce qui vous y attire. Ils sont à vous : personne d'autre ne les voit.
project-empty = Pas encore de favori : cherchez un métier ou une formation, puis « Ajouter à mes favoris ».
project-search = Chercher des métiers et des formations
favourites-heading =
    { $count ->
         [one] Un favori
        *[other] { $count } favoris
    }
no-note = Pas de note.

## Centres d'intérêt et suggestions (/orientation/projet)

interests-heading = Mes centres d'intérêt
interests-intro = Cochez les domaines qui vous attirent : Sillage vous suggère des métiers et des formations à partir d'eux, de vos favoris, des compétences de votre portfolio et de vos résultats Pix.
interests-save = Enregistrer mes centres d'intérêt
suggestions-heading = Suggestions
suggestions-intro = Chaque suggestion dit pourquoi elle est là. « Ne plus voir » l'écarte ; vous pouvez la revoir plus bas.
suggestions-none = Pas encore de suggestion : cochez des domaines, ajoutez un favori, ou notez des compétences dans votre portfolio.
reason-chosen-domaine = Parce que vous avez choisi le domaine « { $domaine } ».
reason-near-favourite = Proche de votre favori « { $favourite } » (même sous-domaine : « { $sous_domaine } »).
reason-portfolio = Parce que votre portfolio montre « { $competence } » (« { $entry } »).
reason-pix = Parce que vous avez atteint le niveau { $level } sur Pix en « { $competence } ».
suggestion-dismiss = Ne plus voir
suggestion-restore = Revoir
dismissed-heading =
    { $count ->
         [one] Une suggestion écartée
        *[other] { $count } suggestions écartées
    }

## Le plan de l'année (/orientation/plan)

plan-title = Mon plan pour l'année
plan-link = Mon plan pour l'année : vœux, étapes et dates
plan-year = Année scolaire { $year }.
plan-intro = Les décisions de votre scolarité et leurs dates : vos vœux, dans l'ordre que vous choisissez, et les étapes que vous vous donnez pour les préparer. Ils sont à vous : personne d'autre ne les voit.
plan-provisional = Dates indicatives : le calendrier officiel de cette année n'est pas encore publié. Vérifiez-les auprès de votre établissement.
plan-undated = Le calendrier de cette année n'est pas encore dans Sillage : les décisions sont là, sans leurs dates.
plan-source = Calendrier :
plan-this-year = Votre décision cette année
plan-before-troisieme = Votre première décision d'orientation viendra en 3e ; vous pouvez déjà la préparer.
plan-no-grade = Sillage ne connaît pas votre classe : choisissez la décision qui vous concerne.
plan-other-decisions = Les autres décisions
plan-project = Mes favoris et mes suggestions
decision-apres-3e = Après la 3e
decision-apres-3e-intro = Voie générale et technologique, voie professionnelle, CAP, apprentissage : vos vœux pour l'an prochain, celui que vous préférez en premier.
decision-specialites-1re = Mes spécialités de 1re
decision-specialites-1re-intro = En 2de, vous choisissez trois spécialités pour la 1re générale, ou une série technologique. Classez celles qui vous tentent.
decision-specialites-terminale = Mes spécialités de terminale
decision-specialites-terminale-intro = En 1re, vous gardez deux de vos trois spécialités pour la terminale.
decision-parcoursup = Parcoursup
decision-parcoursup-intro = En terminale, vos vœux de formations sur Parcoursup, ajoutés depuis vos formations favorites.
decision-keep = Vous en garderez { $keep }.
deadlines-heading = Les dates à retenir
deadline-on = le { $date }
deadline-around = vers le { $date }, selon votre établissement
deadline-in =
    { $count ->
        [0] aujourd'hui
        [1] demain
       *[other] dans { $count } jours
    }
deadline-passed = passée
deadline-next = Prochaine date : { $what }, { $when }.
milestone-intentions-provisoires = Vos intentions d'orientation (fiche dialogue, 2e trimestre)
milestone-choix-definitifs = Vos choix définitifs (3e trimestre)
milestone-affectation-voeux = Vos vœux d'affectation en lycée
milestone-affectation-resultats = Les résultats de l'affectation
milestone-specialites-envisagees = Les spécialités envisagées (fiche dialogue, 2e trimestre)
milestone-specialites-choisies = Vos trois spécialités de 1re (3e trimestre)
milestone-specialite-abandonnee = La spécialité que vous ne gardez pas en terminale
milestone-parcoursup-catalogue = Les formations de Parcoursup en ligne
milestone-parcoursup-inscription = Ouverture de l'inscription et des vœux sur Parcoursup
milestone-parcoursup-voeux-fin = Dernier jour pour ajouter un vœu sur Parcoursup
milestone-parcoursup-confirmation = Dernier jour pour compléter et confirmer vos vœux
milestone-parcoursup-reponses = Les premières réponses de Parcoursup
milestone-parcoursup-phase-complementaire = Ouverture de la phase complémentaire
wishes-heading =
    { $count ->
        [0] Mes vœux
       *[other] Mes vœux ({ $count } sur { $max } au plus)
    }
wishes-none = Pas encore de vœu.
wish-add-label = Ajouter un vœu
wish-add = Ajouter ce vœu
wish-options = Les choix de cette année
wish-favourite-formations = Mes formations favorites
wish-no-favourite-formation = Pour ajouter une formation, mettez-la d'abord dans vos favoris depuis sa page.
wish-full = Vous avez { $max } vœux, le maximum : retirez-en un pour en ajouter un autre.
wish-too-many = Vous avez déjà { $max } vœux : retirez-en un d'abord.
wish-up = Monter
wish-down = Descendre
wish-remove = Retirer
wish-not-offered = N'est plus proposé cette année.
wish-taught-nearby =
    { $count ->
        [0] Enseignée dans aucun établissement de votre académie ({ $academie }) : voir où elle l'est
        [one] Enseignée dans 1 établissement de votre académie ({ $academie })
       *[other] Enseignée dans { $count } établissements de votre académie ({ $academie })
    }
steps-heading = Mes étapes
steps-none = Pas encore d'étape. Par exemple : une journée portes ouvertes, un stage d'observation, un rendez-vous avec la Psy-EN.
wish-evidence-heading = Ce qui m'appuie :
wish-evidence-add = Relier une entrée de mon portfolio
wish-evidence-entry = L'entrée
wish-evidence-note = Ce qu'elle m'a montré (facultatif)
wish-evidence-note-hint = « Ce stage m'a confirmé que… » : { $max } caractères au plus.
wish-evidence-send = Relier à ce vœu
wish-evidence-remove = Détacher
wish-evidence-note-too-long = La note dépasse { $max } caractères : raccourcissez-la.
wish-evidence-too-many = Ce vœu a déjà { $max } entrées reliées : détachez-en une d'abord.
step-label = Nouvelle étape
step-label-hint = Une ligne, { $max } caractères au plus.
step-due = Pour le (facultatif)
step-add = Ajouter l'étape
step-done = Faite
step-to-do = À faire
step-late = En retard
step-due-on = pour le { $date }
step-mark-done = C'est fait
step-mark-to-do = Pas encore fait
step-remove = Retirer
step-idea-open-day = Journée portes ouvertes du lycée
step-idea-internship = Stage d'observation
step-idea-counsellor = Rencontrer la Psy-EN
step-idea-teacher = En parler avec mon professeur principal
step-idea-fair = Salon de l'orientation
step-problem-empty = Écrivez l'étape.
step-problem-too-long = L'étape dépasse { $max } caractères : raccourcissez-la.
step-problem-bad-date = Cette date n'existe pas : choisissez-la dans le calendrier.
step-problem-too-many = Vous avez déjà { $max } étapes pour cette décision : retirez-en une d'abord.

## Le plan partagé avec les conseillers, leurs recommandations

share-heading = Partager mon plan
share-intro = Les conseillers de votre établissement (Psy-EN, professeur principal) et vos responsables légaux voient votre plan, vos favoris et vos centres d'intérêt quand vous le leur partagez, en lecture seule ; les conseillers peuvent le commenter et vous recommander un métier, une formation ou une étape. Les entrées de votre portfolio reliées à un vœu y apparaissent par leur titre et votre note, rien d'autre. Vous choisissez chaque personne et pouvez arrêter quand vous voulez ; chaque partage est noté dans votre journal.
share-nobody = Aucun conseiller de votre établissement ni responsable légal n'est encore relié à votre compte dans Sillage.
share-on = Partagé
share-start = Partager
share-stop = Ne plus partager
recommendations-heading = Recommandations
recommendations-none = Pas encore de recommandation.
recommended-by = Recommandé par { $author }.
recommend-author-gone = un conseiller
recommendation-waiting = En attente de votre réponse
recommendation-accepted = Ajoutée à vos favoris
recommendation-declined = Déclinée
recommendation-accept = Ajouter à mes favoris
recommendation-decline = Décliner
recommend-heading = Recommander à un élève
recommend-nobody = Aucun élève ne vous a encore partagé son plan.
recommend-pupil = L'élève
recommend-note = Pourquoi je le recommande (facultatif)
recommend-note-hint = L'élève lira ces mots avec la recommandation, { $max } caractères au plus.
recommend-send = Recommander
recommend-sent = Recommandation envoyée à { $name }.
recommend-note-too-long = La note dépasse { $max } caractères : raccourcissez-la.
recommend-too-many = Cet élève a déjà { $max } recommandations sans réponse : attendez qu'il réponde.
recommend-search = Chercher un métier ou une formation à recommander
shared-plans-title = Projets d'orientation partagés avec moi
shared-plans-intro = Les plans d'orientation que des élèves vous ont partagés, en lecture seule. Ouvrir un plan est noté dans le journal de l'élève.
shared-plans-none = Aucun élève ne vous a encore partagé son plan.
shared-plans-back = Tous les plans partagés avec moi
shared-plan-counts = Favoris : { $favourites } · vœux : { $wishes } · recommandations sans réponse : { $unanswered }
shared-plan-title = Plan d'orientation d'un élève
shared-plan-of = Le plan de { $name }
shared-plan-intro = En lecture seule : l'élève décide de son plan.
shared-plan-nothing = Rien pour l'instant.

## Le projet d'orientation sur une page de présentation

plan-show-on-page = Montrer aussi mon projet d'orientation sur cette page (centres d'intérêt, favoris avec mes notes, vœux, étapes ; jamais les commentaires ni les recommandations de mes conseillers)
plan-on-page-title = Mon projet d'orientation
plan-on-page-empty = Pas encore de projet d'orientation.
plan-on-page-wishes = Mes vœux, dans mon ordre :

## Ce qu'un conseiller écrit sur un plan partagé : commentaires, étapes recommandées

comments-heading = Commentaires
comments-none = Pas encore de commentaire.
comment-by = { $author }, le { $date }
comment-label = Votre commentaire
comment-hint = L'élève le lit sur son plan, et les parents à qui il le confie. { $max } caractères au plus.
comment-send = Publier le commentaire
comment-remove = Retirer mon commentaire
comment-problem-empty = Écrivez votre commentaire.
comment-problem-too-long = Le commentaire dépasse { $max } caractères : raccourcissez-le.
comment-too-many = Ce plan a déjà { $max } commentaires : retirez d'abord l'un des vôtres.
step-recommend-heading = Recommander une étape
step-recommend-send = Recommander cette étape
step-recommend-too-many = Cet élève a déjà { $max } étapes recommandées sans réponse : attendez qu'il réponde.
step-recommendations-heading = Étapes recommandées
step-recommended-for = Pour : { $decision }
step-recommendation-accept = Ajouter à mes étapes
step-recommendation-accepted = Ajoutée au plan

## Vue d'ensemble du conseiller (/orientation/eleves)

shared-plans-list = Les plans
cohort-heading = Vue d'ensemble
cohort-intro = Parmi les élèves qui vous ont partagé leur plan, par niveau. Un groupe de moins de { $min } élèves n'est pas compté : un petit nombre désigne quelqu'un.
cohort-no-level = Niveau inconnu
cohort-too-few = Moins de { $min } élèves : rien n'est compté.
cohort-counts = { $pupils } élèves : { $with_wishes } avec des vœux, { $with_steps } avec des étapes.
cohort-unprepared =
    Prochaine date, le { $date } : { $milestone }. { $unprepared ->
        [0] Tous l'ont préparée.
        [one] { $unprepared } élève n'a encore ni vœu ni étape.
       *[other] { $unprepared } élèves n'ont encore ni vœu ni étape.
    }
cohort-domaines = Les domaines les plus choisis
cohort-domaines-none = Aucun domaine n'est choisi par { $min } élèves ou plus.
