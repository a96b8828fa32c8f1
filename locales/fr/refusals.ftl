# What Sillage answers when it is not a page (an API call, a file sent, a plain-text refusal):
# the caller may be a program, so these go out in both languages (app::i18n::Bilingual).

not-signed-in = non connecté·e
forbidden = non autorisé
not-found = introuvable
unavailable = service indisponible
bad-request = requête invalide
fields-invalid = Requête refusée : des champs ne sont pas valides.
field-malformed = Requête invalide : un champ manque ou n'a pas la forme attendue.
cross-site = Requête refusée : elle vient d'un autre site.
too-large = Requête trop volumineuse.
busy = Le serveur est très sollicité : réessayez dans quelques secondes.
export-under-way = Un export de votre portfolio est déjà en cours : attendez qu'il se termine, puis réessayez.
too-slow = La requête est arrivée trop lentement : vérifiez votre connexion et réessayez.
counsellors-only = Réservé aux conseillers et professeurs principaux.
journal-not-yours = Ce journal n'est pas le vôtre.
unknown-language = langue inconnue
passkeys-unavailable = Les clés d'accès ne sont pas disponibles sur cette instance.
passkeys-sign-in-first = Connectez-vous d'abord.
passkeys-sign-in-again = Par sécurité, reconnectez-vous avant d'ajouter une clé d'accès.
passkeys-too-many = Vous avez déjà 10 clés d'accès : supprimez-en une d'abord.
passkeys-bad-name = Donnez à cette clé un nom de 1 à 60 caractères.
passkeys-already-registered = Cette clé d'accès est déjà enregistrée.
passkeys-internal = Sillage n'a pas pu terminer. Rien n'a été enregistré : réessayez.
passkeys-not-verified = La clé d'accès n'a pas pu être vérifiée. Réessayez.
