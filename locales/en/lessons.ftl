# The vault's short lessons (/coffre-fort/lecons/…): a title and paragraphs each.


## phrase-de-passe
phrase-de-passe-title = A passphrase rather than a password
phrase-de-passe-1 = Password-guessing programs first try the most common ones (123456, qwerty, sunshine…), then dictionary words, first names, dates and key sequences. “Sunshine2012!” falls in seconds.
phrase-de-passe-2 = What counts is randomness and length. Eight words picked at random from a list give more than 80 bits: the target the CNIL (France's data protection authority) recommends for a password used alone. Guessing it would take millions of years.
phrase-de-passe-3 = The words must be drawn at random (by the generator, or with dice), not chosen: a meaningful sentence, a song or a quote can be guessed.
phrase-de-passe-4 = One passphrase is enough for the vault. For all your other accounts, let the generator make random passwords: the vault remembers them for you.

## un-compte-un-mot-de-passe
un-compte-un-mot-de-passe-title = One account, one password
un-compte-un-mot-de-passe-1 = Websites have their password databases stolen every week. Attackers then try the same username and password everywhere else: email, social networks, school platforms.
un-compte-un-mot-de-passe-2 = If each account has its own password, a leak only touches one account. Your vault's check-up shows the passwords used more than once: change them one by one, starting with your email (it can reset all the others).

## double-authentification
double-authentification-title = Two-factor authentication
double-authentification-1 = Two-factor authentication asks, besides the password, for proof that it is really you: a code received or shown on your phone, or a passkey. Even if your password is stolen, the account stays shut.
double-authentification-2 = Turn it on in the security settings of your most important accounts (email, social networks, games with purchases), then tick it in the vault: the check-up will remember.
double-authentification-3 = Never give a code you received by text message to someone who asks for it, even if they claim to be support: it is always a scam.

## changer-ses-mots-de-passe
changer-ses-mots-de-passe-title = When to change a password
changer-ses-mots-de-passe-1 = No need to change a good password every month. Change it when it is weak, when it is used on several accounts, when a site announces a leak, or if you gave it away or typed it on a device that is not yours.
changer-ses-mots-de-passe-2 = The check-up flags passwords over a year old: a good time to check whether the account is still used, and to delete it if not.

## cle-de-secours
cle-de-secours-title = Why Sillage cannot read your vault
cle-de-secours-1 = Your vault is encrypted in your browser with a key that only your passphrase (or recovery key, or passkey) can open. The server only receives encrypted data: neither your school, nor your parents, nor Sillage can read it.
cle-de-secours-2 = That is also why nobody can give you access back if you lose both the passphrase and the recovery key. Keep the recovery key on paper, at home, away from your phone.
