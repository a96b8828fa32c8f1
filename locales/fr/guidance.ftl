# L'orientation : les données de l'Onisep, « mon projet d'orientation ».

## L'import des fichiers de l'Onisep (server admin onisep import)

dataset-metiers = Idéo-Métiers
dataset-formations = Idéo-Formations initiales
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
import-done-counts = Créées : { $created }, mises à jour : { $updated }, inchangées : { $unchanged }, retirées (« n'existe plus dans les données Onisep ») : { $withdrawn }.
import-remarks =
    { $file } : { $count ->
         [one] une valeur inhabituelle, chargée telle que l'Onisep l'a écrite
        *[other] { $count } valeurs inhabituelles, chargées telles que l'Onisep les a écrites
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
problem-duplicate-id = même identifiant que { $first }
first-at-line = la ligne { $line }
first-at-record = l'enregistrement { $record }

## Explorer les métiers et les formations (/orientation)

explore-title = Métiers et formations
explore-intro = Cherchez un métier, une formation ou un domaine : l'Onisep les décrit, et chaque page dit où ils mènent.
search-label = Un métier, une formation, un domaine…
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
interests-intro = Cochez les domaines qui vous attirent : Sillage vous suggère des métiers et des formations à partir d'eux et de vos favoris.
interests-save = Enregistrer mes centres d'intérêt
suggestions-heading = Suggestions
suggestions-intro = Chaque suggestion dit pourquoi elle est là. « Ne plus voir » l'écarte ; vous pouvez la revoir plus bas.
suggestions-none = Pas encore de suggestion : cochez des domaines, ou ajoutez un favori.
reason-chosen-domaine = Parce que vous avez choisi le domaine « { $domaine } ».
reason-near-favourite = Proche de votre favori « { $favourite } » (même sous-domaine : « { $sous_domaine } »).
suggestion-dismiss = Ne plus voir
suggestion-restore = Revoir
dismissed-heading =
    { $count ->
         [one] Une suggestion écartée
        *[other] { $count } suggestions écartées
    }
