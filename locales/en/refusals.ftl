# What Sillage answers when it is not a page (an API call, a file sent, a plain-text refusal):
# the caller may be a program, so these go out in both languages (app::i18n::Bilingual).

not-signed-in = not signed in
forbidden = not allowed
not-found = not found
unavailable = service unavailable
bad-request = bad request
fields-invalid = Request refused: some fields are not valid.
field-malformed = Bad request: a field is missing or malformed.
cross-site = Request refused: it comes from another site.
too-large = Request too large.
busy = The server is busy: try again in a few seconds.
export-under-way = An export of your portfolio is already under way: wait for it to finish, then try again.
too-slow = The request arrived too slowly: check your connection and try again.
counsellors-only = For counsellors only.
journal-not-yours = This log is not yours.
unknown-language = unknown language
passkeys-unavailable = Passkeys are not available on this instance.
passkeys-sign-in-first = Sign in first.
passkeys-sign-in-again = For your safety, sign in again before adding a passkey.
passkeys-too-many = You already have 10 passkeys: remove one first.
passkeys-bad-name = Give this passkey a name of 1 to 60 characters.
passkeys-already-registered = This passkey is already registered.
passkeys-internal = Sillage could not finish. Nothing was kept: try again.
passkeys-not-verified = The passkey could not be verified. Try again.
