# The journal (/journal and its CSV): what a line says besides its action (domain::audit::AuditDetail).

sign-in-passkey = avec une clé d'accès
sign-in-demo = compte de démonstration
sign-in-provider = par { $provider }
role = rôle : { $role }
reason-passkey-unknown = clé d'accès retirée ou inconnue
reason-passkey-not-verified = la clé d'accès n'a pas pu être vérifiée
reason-account-gone = compte supprimé
reason-ceremony-expired = l'opération a pris trop de temps
reason-malformed = réponse de l'appareil mal formée
reason-already-registered = clé d'accès déjà enregistrée
reason-other = refus : { $code }
repeated-views =
    { $of } — { $more ->
        [one] une fois de plus
       *[other] { $more } fois de plus
    } entre { $from } et { $to }
evidence-file = fichier « { $file } »
evidence-file-by-link = fichier « { $file } » (lien)
pix-certification = certification du { $date } ({ $score } pix)
pix-result = résultat du { $date }
pix-campaign = campagne { $id } « { $name } »
share-link = page « { $page } » (lien n° { $link })
page = page « { $title } »
entry = entrée « { $title } »
page-and-person = page « { $page } » — { $person }
entry-verified = entrée « { $entry } »
entry-unverified = entrée « { $entry } » (marque retirée)
vault-items-imported =
    { $count ->
        [one] { $count } élément
       *[other] { $count } éléments
    }, { $source }
vault-exported = format { $format }
vault-passphrase = phrase de passe (Argon2id { $memory } Mio, t={ $iterations }, p={ $parallelism })
vault-recovery-key = clé de secours
vault-deleted =
    { $items ->
        [one] { $items } élément
       *[other] { $items } éléments
    }
guardian-linked = jusqu'au { $until }
guardian-renewed = { $person } : renouvelé jusqu'au { $until }
