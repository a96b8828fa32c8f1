# The journal (/journal and its CSV): what a line says besides its action (domain::audit::AuditDetail).

sign-in-passkey = with a passkey
sign-in-demo = demo account
sign-in-provider = through { $provider }
role = role: { $role }
reason-passkey-unknown = passkey removed or unknown
reason-passkey-not-verified = the passkey could not be verified
reason-account-gone = account deleted
reason-ceremony-expired = it took too long
reason-malformed = malformed answer from the device
reason-already-registered = passkey already registered
reason-other = refused: { $code }
repeated-views =
    { $of } — { $more ->
        [one] once more
       *[other] { $more } more times
    } between { $from } and { $to }
evidence-file = file « { $file } »
evidence-file-by-link = file « { $file } » (link)
pix-certification = certification of { $date } ({ $score } pix)
pix-result = result of { $date }
pix-campaign = campaign { $id } « { $name } »
share-link = page « { $page } » (link no. { $link })
page = page « { $title } »
entry = entry « { $title } »
page-and-person = page « { $page } » — { $person }
entry-verified = entry « { $entry } »
entry-unverified = entry « { $entry } » (mark removed)
vault-items-imported =
    { $count ->
        [one] { $count } item
       *[other] { $count } items
    }, { $source }
vault-exported = { $format } format
vault-passphrase = passphrase (Argon2id { $memory } MiB, t={ $iterations }, p={ $parallelism })
vault-recovery-key = recovery key
vault-deleted =
    { $items ->
        [one] { $items } item
       *[other] { $items } items
    }
guardian-linked = until { $until }
guardian-renewed = { $person }: renewed until { $until }
