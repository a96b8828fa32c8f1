# The portfolio pages: entries, competences, evidence, pages shared with counsellors and by link.

title = Mon portfolio
intro = Ce que vous avez fait, ce que vous en avez appris, et les compétences que cela montre. Vous seul·e le voyez tant que vous ne partagez rien.
new-entry = Ajouter une entrée
views-label = Affichage du portfolio
view-order = Mon ordre
view-timeline = Chronologie
view-competences = Par compétence
empty = Votre portfolio est vide pour l'instant. Commencez par une expérience, un projet ou un stage.
move-up = Monter
move-down = Descendre
edit = Modifier
delete = Supprimer…
delete-confirm-intro = La suppression est définitive.
delete-confirm = Supprimer définitivement
deleted = Entrée supprimée.
back-to-portfolio = Retour au portfolio
kind = Type
entry-title = Titre
entry-title-hint = Par exemple : Stage d'observation en boulangerie.
started-on = Date de début
ended-on = Date de fin
ended-on-hint = Facultative. Laissez vide si c'est en cours.
place = Lieu
description = Ce que j'ai fait
reflection = Ce que j'ai appris
reflection-hint = Ce qui a marché, ce qui a été difficile, ce que vous referiez autrement.
competences = Compétences
competences-hint = Pour chaque compétence que cette entrée montre, indiquez où vous en êtes.
status = Où j'en suis
not-linked = — non liée —
level = Niveau
no-level = — niveau —
own-skills = Mes compétences
new-skill = Ajouter une compétence à moi
new-skill-hint = Facultatif. Par exemple : Parler en public.
save = Enregistrer
saving = Enregistrement…
errors-title = L'entrée n'a pas été enregistrée. Corrigez ces points :
new-title = Nouvelle entrée
edit-title = Modifier l'entrée
not-found = Cette entrée n'existe pas ou ne vous appartient pas.
dates-from = Depuis le { $date }
dates-to = au
no-competence = Aucune compétence liée.
what-i-learned = Ce que j'ai appris
entries-count = { $count ->
        [one] { $count } entrée
       *[other] { $count } entrées
    }
competence-entries = Entrées qui montrent cette compétence
competence-none = Aucune entrée ne montre encore cette compétence.
best-status = Au mieux
required = obligatoire
evidence-title = Preuves
evidence-none = Aucune preuve pour l'instant : une photo, un document, un enregistrement montrent ce que vous avez fait.
evidence-file-label = Ajouter une preuve
evidence-hint = PDF, image (PNG, JPEG, GIF, WebP), son (MP3, Ogg, WAV, M4A) ou vidéo courte (MP4, WebM), au plus { $max }.
evidence-upload = Envoyer le fichier
evidence-added = Preuve ajoutée.
evidence-removed = Preuve supprimée.
evidence-remove = Supprimer
pages-title = Mes pages de présentation
pages-intro = Composez une page à partir de vos entrées pour la montrer à qui vous voulez : un lien secret ne donne accès qu'à cette page.
pages-empty = Aucune page pour l'instant.
page-new-title = Titre de la nouvelle page
page-create = Créer la page
page-errors-title = La page n'a pas été enregistrée :
page-active-links = { $count ->
        [one] { $count } lien actif
       *[other] { $count } liens actifs
    }
page-intro-label = Introduction (ce que le lecteur doit savoir)
page-entries = Entrées montrées sur la page
page-position = Position
page-order-hint = Cochez les entrées à montrer. Pour choisir leur ordre, numérotez-les (1, 2, 3…) ; sans numéro, elles suivent l'ordre de votre portfolio.
page-delete = Supprimer la page…
share-title = Partager par lien secret
share-intro = Toute personne qui a le lien voit cette page, et rien d'autre. Chaque consultation est inscrite dans votre journal d'accès. Vous pouvez retirer un lien à tout moment.
link-lifetime-label = Durée du lien
link-create = Créer un lien
link-created = Nouveau lien (copiez-le maintenant : il ne sera plus affiché)
link-created-hint = Envoyez-le seulement aux personnes choisies.
links-none = Aucun lien pour cette page.
links-caption = Liens de cette page
link-created-at = Créé le
link-state = État
link-views = Consultations
link-revoke = Retirer le lien
link-revoke-made = { link-revoke } ({ $date })
link-revoked = Retiré le { $date }
link-expired = Expiré le { $date }
link-expires = Expire le { $date }
link-no-end = Sans date de fin
link-last-view = { $views } (dernière le { $date })
shared-title = Page partagée
shared-gone = Ce lien n'existe pas, a expiré ou a été retiré par son auteur·e.
shared-by = Page de { $author }
received-title = Pages partagées avec moi
received-none = Aucun·e élève ne vous a encore partagé de page.
comments-title = Commentaires
comments-none = Pas encore de commentaire.
comment-label = Votre commentaire
comment-send = Envoyer le commentaire
verify = Marquer « vérifié »
unverify = Retirer « vérifié »
verified = Vérifié
verified-by = par { $by }, { $at }
share-with-title = Partager avec un·e conseiller·ère ou un parent
share-with-intro = Les conseiller·ères (Psy-EN, professeur·e principal·e) de votre établissement avec qui vous partagez la page peuvent la lire, commenter ses entrées et les marquer « vérifié ». Vos responsables légaux reliés à votre compte peuvent seulement la lire. Chaque lecture est inscrite dans votre journal.
share-with-label = Avec qui
share-with-button = Partager la page
share-with-none = Personne d'autre à qui partager : aucun·e autre conseiller·ère de votre établissement n'est dans Sillage, et aucun autre responsable légal n'est relié à votre compte.
share-with-nobody = La page n'est partagée avec personne.
share-group-counsellors = Conseiller·ères de mon établissement
share-group-guardians = Mes responsables légaux
share-family-hint = Relier le compte d'un parent pour lui partager des pages
unshare = Ne plus partager avec
archive-title = Exporter / importer
export-title = Emporter mon portfolio
export-intro = Une archive ZIP contient toutes vos entrées, compétences, pages et preuves : gardez-la, ou importez-la dans le Sillage d'une autre académie.
export-zip = Télécharger l'archive (ZIP)
export-print = Version imprimable
import-title = Importer une archive
import-intro = Les entrées de l'archive s'ajoutent à votre portfolio. Tout est vérifié avant : si un élément est refusé, rien n'est importé.
import-label = Archive Sillage (.zip)
import-button = Importer
import-done = Import terminé : { $entries ->
        [one] { $entries } entrée
       *[other] { $entries } entrées
    }, { $files ->
        [one] { $files } preuve
       *[other] { $files } preuves
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }.
import-refused = Rien n'a été importé.
import-done-guidance =
    { $added ->
        [one] Orientation : { $added } élément ajouté (favoris, centres d'intérêt, vœux, étapes, recommandations).
       *[other] Orientation : { $added } éléments ajoutés (favoris, centres d'intérêt, vœux, étapes, recommandations).
    }
import-done-guidance-left-out =
    { $added ->
        [one] Orientation : { $added } élément ajouté
       *[other] Orientation : { $added } éléments ajoutés
    } ; { $left_out ->
        [one] { $left_out } laissé de côté : ce Sillage ne le connaît pas (données de l'Onisep ou calendrier d'une autre date).
       *[other] { $left_out } laissés de côté : ce Sillage ne les connaît pas (données de l'Onisep ou calendrier d'une autre date).
    }
import-error-guidance = Les données d'orientation de l'archive (orientation.json) ne sont pas lisibles par ce Sillage.
import-error-guidance-limit = Avec les données d'orientation de l'archive, vous dépasseriez le nombre de favoris, de vœux ou d'étapes permis : retirez-en d'abord, puis réessayez.
import-error-zip = Ce fichier n'est pas une archive ZIP lisible.
import-error-format = Cette archive n'est pas un portfolio exporté de Sillage.
import-error-version = Cette archive vient d'une version de Sillage que celle-ci ne lit pas.
import-error-entry = Une entrée de l'archive est invalide : entrée n° { $index }.
import-error-page = Une page de l'archive est invalide : page n° { $index }.
import-error-file = Un fichier de preuve manque, a été modifié, est trop gros ou d'un type refusé.
import-error-too-large = L'archive est trop grosse pour cette instance.
import-error-too-many = Une entrée a plus de preuves que cette instance n'en accepte.
import-error-too-many-members = Cette archive contient plus de fichiers qu'aucun export de cette instance : elle n'a pas été lue.
import-error-empty = Aucun fichier n'a été choisi.
import-error-quota = Les fichiers de l'archive ne tiennent pas dans la place qui vous reste : supprimez des preuves dont vous n'avez plus besoin, puis réessayez.
import-error-busy = Un import de votre portfolio est déjà en cours : attendez qu'il se termine, puis réessayez.
storage-used = Espace de stockage de vos preuves : { $used } utilisés sur { $quota }
print-hint = Utilisez la commande Imprimer de votre navigateur (ou « Enregistrer en PDF »).
pager-label = Pages du portfolio
pager-entries = Entrées { $first }–{ $last } sur { $total }
pager-first = Entrées 1–{ $last }
pager-previous = ← Entrées précédentes
pager-next = Entrées suivantes →

## What domain::portfolio names
kind-experience = Expérience
kind-project = Projet
kind-internship = Stage
kind-club = Club, association, bénévolat
kind-certification = Certification
kind-school-work = Travail scolaire
status-begun = Commencé
status-in-progress = En cours
status-acquired = Acquis
entry-missing = Ce champ est obligatoire.
entry-too-long = Ce texte est trop long ({ $max } caractères au plus).
entry-control-characters = Ce texte contient des caractères invisibles non autorisés.
entry-unknown-kind = Choisissez un type dans la liste.
entry-not-a-date = Date invalide : utilisez le format AAAA-MM-JJ.
entry-ends-before-start = La date de fin est avant la date de début.
entry-unknown-competence = Compétence inconnue : { $competence }.
entry-unknown-status = Statut inconnu pour la compétence { $competence }.
entry-level-out-of-range = Le niveau de { $competence } doit être entre 1 et { $max }.
refusal-empty = Le fichier est vide ou aucun fichier n'a été choisi.
refusal-too-large = Le fichier est trop gros ({ $max_size } au plus).
refusal-svg = Les images SVG ne sont pas acceptées : elles peuvent contenir du code. Envoyez un PNG ou un JPEG.
refusal-executable = Ce fichier est un programme, pas un document : il est refusé, quel que soit son nom.
refusal-unknown-type = Type de fichier non accepté. Acceptés : PDF, images (PNG, JPEG, GIF, WebP), son (MP3, Ogg, WAV, M4A), vidéo (MP4, WebM).
refusal-too-many = Cette entrée a déjà { $max_files } preuves, le maximum.
refusal-over-quota = Votre espace de stockage est plein : supprimez des preuves dont vous n'avez plus besoin (ce que vous utilisez est indiqué sur la page « Exporter / importer »).
comment-empty = Le commentaire est vide.
comment-too-long = Le commentaire est trop long (2 000 caractères au plus).
comment-control-characters = Le commentaire contient des caractères invisibles non autorisés.
page-title-missing = Donnez un titre à la page.
page-title-too-long = Le titre est trop long (120 caractères au plus).
page-intro-too-long = L'introduction est trop longue (4 000 caractères au plus).
page-control-characters = Le texte contient des caractères invisibles non autorisés.
page-unknown-entry = Une des entrées choisies n'existe pas ou n'est pas à vous.
page-order-invalid = Une position sur la page doit être un nombre entier de 1 à 10 000 (ou rester vide).
link-week = 7 jours
link-month = 30 jours
link-quarter = 90 jours
link-unlimited = sans date de fin (jusqu'à ce que je le retire)
level-number = Niveau { $level }
