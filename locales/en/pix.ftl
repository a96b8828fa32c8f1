# The Pix pages: a pupil's results, a class's campaigns, the import of a Pix Orga export.
# Variables: { $name }; a message with variables becomes a method of PixTexts (app/build.rs).

title = My Pix results
intro = Your digital skills as Pix measures them, on the 16 competences of the reference framework (CRCN): where you stand, how you progress, and what to work on next.
id-title = My Sillage id for Pix
id-intro = If a Pix campaign of your school asks for an id, type:
empty = No results yet. They arrive when your school imports a Pix campaign you sent your profile to, or when you record a certification below.
latest-title = My profile today
source = Source
certified = Certification
domains-title = By domain
average-level = Average level { $level } / { $max }
work-on-first = Work on first: { $competence }
radar-title = Pix levels of the 16 competences
radar-desc = Level reached in each competence, 0 to 8: { $levels }.
radar-caption = Each spoke is a competence (1.1 to 5.2), from the centre (level 0) to the edge (level 8). The table below gives the same values.
radar-before = The dashed outline shows your previous levels.
table-caption = My levels by competence
col-competence = Competence
col-level = Level
col-pix = Pix
col-change = Change
col-next = Next step
col-date = Date
col-total = Total pix
col-max = Highest possible that day
col-median = Median level
col-pupil = Pupil
col-class = Class
col-line = Line
col-participant = Participant (file)
col-outcome = What the import will do
unchanged = steady
progression-title = My progress
progression-desc = Total pix at each result: { $totals }.
totals-caption = Total pix by date
no-totals = No total to follow yet (a certification gives levels, not a total).
max-label = max. { $top }
history-title = History
delete = Delete
delete-intro = This result will be deleted from your history. The others stay.
delete-confirm = Delete this result
cert-title = Record a Pix certification
cert-intro = Copy your certificate: the date, the verification code, the score and, if you like, each competence's level. The global level is worked out from the score.
cert-saved = Certification recorded.
cert-problems = The certification was not recorded:
cert-student = Pupil
cert-date = Certification date
cert-code = Verification code
cert-code-hint = On the certificate: P- then 8 characters.
cert-score = Score (certified pix)
cert-score-hint = From 0 to 1023 (895 at most today).
cert-levels = Certified level per competence (optional, 0 to 8)
cert-submit = Record the certification
shared-title = Pix results
shared-empty = No Pix result yet.
shared-latest = Latest result: { $date }
class-title = Pix of my classes
class-intro = Import a Pix Orga campaign's « collecte de profils » export, then follow your pupils' levels per competence.
import-title = Import a Pix Orga campaign
import-intro = In Pix Orga, open the campaign, « Activité » or « Résultats » tab, then « Exporter les résultats »: upload the CSV file as it is (without opening it in a spreadsheet). Nothing is imported before you read the preview and confirm.
upload-label = CSV file exported from Pix Orga
upload-hint = « ; » separator, UTF-8, largest size { $max }
upload-submit = Upload and preview
upload-sending = Sending the file…
upload-reading = File sent, reading it…
upload-failed = The upload failed (connection lost or file too large). Try again.
upload-empty = Choose a CSV file exported from Pix Orga (the file sent is empty).
cohort-title = My pupils' levels
cohort-empty = No results imported for these pupils.
filter-class = Class
filter-campaign = Campaign
all-classes = All classes
all-campaigns = All campaigns
filter-submit = Show
pupils-caption = Each pupil's latest campaign result
distribution-caption =
    Number of pupils per level, for each competence ({ $pupils ->
         [one] { $pupils } pupil
        *[other] { $pupils } pupils
    })
preview-title = Pix import preview
preview-gone = This preview no longer exists: it was imported already, or it is more than a day old. Upload the file again.
back-to-class = Back to « Pix of my classes »
file = File
campaign = Campaign
nothing-imported = Nothing was imported. Fix the file (or export it again from Pix Orga), then upload it again.
upload-again = Upload another file
preview-summary = What the import will do
preview-explain = Lines not matched are not imported: they are listed below with the reason. Importing the same file again changes nothing.
confirm-import = Confirm the import
cancel = Cancel
confirm-failed = The import did not happen (the preview expired or was imported already). Nothing was changed.
lines-title = Line by line
show-on-page = Also show my Pix results on this page (profile, levels, certification)

## Sentences with values
radar-level = { $code }: level { $level }
progression-point = { $date }: { $total } of { $max }
level-column = Lvl { $level }
certification-summary = { $level } — { $score } pix ({ $date }, { $code })
delete-result = Delete ({ $result })
count-created = Results created: { $count }
count-updated = Results updated: { $count }
count-skipped = Lines skipped: { $count }
count-unresolved = Lines not matched: { $count }
imported-message =
    Import done: { $created ->
         [one] { $created } result created
        *[other] { $created } results created
    }, { $updated } updated, { $skipped ->
         [one] { $skipped } line skipped
        *[other] { $skipped } lines skipped
    }, { $unresolved } not matched.
upload-too-large = The file is too large (at most { $max }): export one campaign, or one class, at a time.
file-problems =
    { $count ->
         [one] The file has one problem
        *[other] The file has { $count } problems
    }
lines-hidden =
    Every line to check is shown; { $count ->
         [one] one other line is not (it is counted above)
        *[other] { $count } other lines are not (they are counted above)
    }.

## A problem of a Pix Orga export (domain::pix::orga_csv), where it is
csv-at-column = Line { $line }, column « { $column } »: { $problem }.
csv-at-line = Line { $line }: { $problem }.
csv-not-utf8 = the file is not UTF-8: export it again from Pix Orga without opening it in a spreadsheet, or save it as « CSV UTF-8 »
csv-truncated = the file stops in the middle of a quoted value: it is truncated
csv-stray-quote = misplaced quote
csv-too-large = the file is larger than { $max }
csv-interrupted = reading the file was interrupted
csv-empty = the file is empty
csv-wrong-separator = columns are not separated by « ; » as in Pix Orga exports
csv-missing-column = missing column
csv-unknown-competence = competence unknown in the CRCN
csv-incomplete-competence = this competence lacks its « Niveau » or « Nombre de pix » column
csv-wrong-field-count = { $found } values instead of { $expected }
csv-not-yes-no = « Oui » or « Non » expected
csv-not-a-date = date expected (DD/MM/YYYY HH:MM, or YYYY-MM-DD in an older export)
csv-not-a-number = whole number expected
csv-level-out-of-range = level outside 0 to 8
csv-pix-out-of-range = pix outside 0 to 64
csv-level-not-pix = the level does not match the pix (8 pix per level)
csv-total-mismatch = the total is not the sum of the competences ({ $sum })
csv-missing-value = missing value
csv-duplicate-participant = same participant as on line { $line }
csv-other-campaign = another campaign than line 2's: import one campaign at a time

## What the import preview says of a line (domain::pix::matching)
found-by-sillage-id = by Sillage id
found-by-name = by name
found-by-name-and-class = by name and class
line-created = Created (pupil found { $by })
line-updated = Updated: the pupil sent their profile again (found { $by })
line-not-shared = Skipped: the pupil did not send their profile (Envoi = Non)
line-unchanged = Skipped: already imported, nothing changed
line-no-pupil = Not matched: no pupil of your schools has this name (the pupil must have signed in to Sillage once)
line-homonyms = Not matched: { $count } pupils have this name; ask them to type their Sillage id in the campaign
line-id-name-mismatch = Not matched: the Sillage id belongs to a pupil of another name
line-same-pupil-twice = Not matched: same pupil as on line { $line }

## A problem of the certification form (domain::pix::certification)
cert-date-missing = Give the certification's date.
cert-date-invalid = The date must read YYYY-MM-DD (for example 2026-05-12).
cert-date-in-future = The date cannot be in the future.
cert-code-missing = Give the verification code printed on the certificate.
cert-code-invalid = A verification code is P- then 8 characters (digits 2 to 9 but 5, letters without vowels), for example P-3BFH7MQT.
cert-score-missing = Give the score (certified pix).
cert-score-invalid = The score is a whole number from 0 to 1023.
cert-level-invalid = Competence { $code }: the level is a number from 0 to 8, or leave it blank.
cert-unknown-competence = A competence sent does not exist in the CRCN.

## What to do next in a competence (domain::pix::results::NextStep)
next-step-start = Not measured yet: on pix.fr, start the « { $competence } » course; the first questions are enough for level 1.
next-step-reach-pix = Next step: level { $target }, { $pix } more pix. Take « { $competence } » again on pix.fr: each success brings harder questions.
next-step-reach = Next step: level { $target }. Take « { $competence } » again on pix.fr to aim for it.
next-step-at-the-top = The highest level Pix opens today for « { $competence } »: well done! Help a classmate, or consider the certification.

## A certification's level, as Pix names it
certification-pre-beginner = Pre-beginner
certification-beginner-1 = Beginner 1
certification-beginner-2 = Beginner 2
certification-independent-3 = Independent 3
certification-independent-4 = Independent 4
certification-advanced-5 = Advanced 5
certification-advanced-6 = Advanced 6
certification-expert-7 = Expert 7
certification-expert-8 = Expert 8

## Where a result comes from
source-campaign = Campaign « { $name } »
source-certification = Pix certification
source-manual = Typed in
