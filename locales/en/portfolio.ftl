# The portfolio pages: entries, competences, evidence, pages shared with counsellors and by link.

title = My portfolio
intro = What you did, what you learned from it, and the competences it shows. Only you see it until you share something.
new-entry = Add an entry
views-label = Portfolio views
view-order = My order
view-timeline = Timeline
view-competences = By competence
empty = Your portfolio is empty for now. Start with an experience, a project or an internship.
move-up = Move up
move-down = Move down
edit = Edit
delete = Delete…
delete-confirm-intro = Deleting cannot be undone.
delete-confirm = Delete for good
deleted = Entry deleted.
back-to-portfolio = Back to the portfolio
kind = Kind
entry-title = Title
entry-title-hint = For example: Work-experience week at a bakery.
started-on = Start date
ended-on = End date
ended-on-hint = Optional. Leave empty if it is ongoing.
place = Place
description = What I did
reflection = What I learned
reflection-hint = What worked, what was hard, what you would do differently.
competences = Competences
competences-hint = For each competence this entry shows, say where you are with it.
status = Where I am
not-linked = — not linked —
level = Level
no-level = — level —
own-skills = My own skills
new-skill = Add a skill of my own
new-skill-hint = Optional. For example: Public speaking.
save = Save
saving = Saving…
errors-title = The entry was not saved. Please fix these:
new-title = New entry
edit-title = Edit the entry
not-found = This entry does not exist or is not yours.
dates-from = From { $date }
dates-to = to
no-competence = No competence linked.
what-i-learned = What I learned
entries-count = { $count ->
        [one] { $count } entry
       *[other] { $count } entries
    }
competence-entries = Entries that show this competence
competence-none = No entry shows this competence yet.
best-status = At best
required = required
evidence-title = Evidence
evidence-none = No evidence yet: a photo, a document, a recording show what you did.
evidence-file-label = Add evidence
evidence-hint = PDF, image (PNG, JPEG, GIF, WebP), sound (MP3, Ogg, WAV, M4A) or short video (MP4, WebM), at most { $max }.
evidence-upload = Upload the file
evidence-added = Evidence added.
evidence-removed = Evidence removed.
evidence-remove = Remove
pages-title = My showcase pages
pages-intro = Compose a page from your entries to show whoever you choose: a secret link opens that page only.
pages-empty = No page yet.
page-new-title = Title of the new page
page-create = Create the page
page-errors-title = The page was not saved:
page-active-links = { $count ->
        [one] { $count } active link
       *[other] { $count } active links
    }
page-intro-label = Introduction (what the reader should know)
page-entries = Entries shown on the page
page-position = Position
page-order-hint = Tick the entries to show. To choose their order, number them (1, 2, 3…); without a number they follow your portfolio's order.
page-delete = Delete the page…
share-title = Share by secret link
share-intro = Anyone with the link sees this page, and nothing else. Every view goes to your access log. You can revoke a link at any time.
link-lifetime-label = Link lifetime
link-create = Create a link
link-created = New link (copy it now: it will not be shown again)
link-created-hint = Send it only to the people you choose.
links-none = No link for this page.
links-caption = Links of this page
link-created-at = Created
link-state = State
link-views = Views
link-revoke = Revoke the link
link-revoke-made = { link-revoke } ({ $date })
link-revoked = Revoked { $date }
link-expired = Expired { $date }
link-expires = Expires { $date }
link-no-end = No end date
link-last-view = { $views } (last { $date })
shared-title = Shared page
shared-gone = This link does not exist, has expired or was revoked by its author.
shared-by = Page by { $author }
received-title = Pages shared with me
received-none = No pupil has shared a page with you yet.
comments-title = Comments
comments-none = No comment yet.
comment-label = Your comment
comment-send = Send the comment
verify = Mark as verified
unverify = Remove « verified »
verified = Verified
verified-by = by { $by }, { $at }
share-with-title = Share with a counsellor or a parent
share-with-intro = The counsellors of your school you share the page with can read it, comment on its entries and mark them verified. Your parents or guardians linked to your account can only read it. Every reading goes to your access log.
share-with-label = With whom
share-with-button = Share the page
share-with-none = Nobody else to share with: no other counsellor of your school is in Sillage, and no other parent or guardian is linked to your account.
share-with-nobody = The page is not shared with anybody.
share-group-counsellors = Counsellors of my school
share-group-guardians = My parents and guardians
share-family-hint = Link a parent's account to share pages with them
unshare = Stop sharing with
archive-title = Export / import
export-title = Take my portfolio with me
export-intro = A ZIP archive holds all your entries, competences, pages and evidence: keep it, or import it into the Sillage of another académie.
export-zip = Download the archive (ZIP)
export-print = Printable version
import-title = Import an archive
import-intro = The archive's entries are added to your portfolio. Everything is checked first: if anything is refused, nothing is imported.
import-label = Sillage archive (.zip)
import-button = Import
import-done = Import done: { $entries ->
        [one] { $entries } entry
       *[other] { $entries } entries
    }, { $files ->
        [one] { $files } file
       *[other] { $files } files
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }.
import-refused = Nothing was imported.
import-done-guidance =
    { $added ->
        [one] Guidance: { $added } item added (favourites, interests, wishes, steps, recommendations).
       *[other] Guidance: { $added } items added (favourites, interests, wishes, steps, recommendations).
    }
import-done-guidance-left-out =
    { $added ->
        [one] Guidance: { $added } item added
       *[other] Guidance: { $added } items added
    }; { $left_out ->
        [one] { $left_out } left out: this Sillage does not know it (ONISEP data or calendar of another date).
       *[other] { $left_out } left out: this Sillage does not know them (ONISEP data or calendar of another date).
    }
import-error-guidance = The archive's guidance data (orientation.json) cannot be read by this Sillage.
import-error-guidance-limit = With the archive's guidance data you would have more favourites, wishes or steps than allowed: remove some first, then try again.
import-error-zip = This file is not a readable ZIP archive.
import-error-format = This archive is not a portfolio exported from Sillage.
import-error-version = This archive comes from a Sillage version this one cannot read.
import-error-entry = An entry of the archive is invalid: entry no. { $index }.
import-error-page = A page of the archive is invalid: page no. { $index }.
import-error-file = An evidence file is missing, altered, too large or of a refused type.
import-error-too-large = The archive is too large for this instance.
import-error-too-many = An entry has more evidence files than this instance accepts.
import-error-too-many-members = This archive holds more files than any export of this instance: it was not read.
import-error-empty = No file was chosen.
import-error-quota = The archive's files do not fit in the space you have left: delete evidence you no longer need, then try again.
import-error-busy = An import of your portfolio is already under way: wait for it to end, then try again.
storage-used = Storage space for your evidence: { $used } used of { $quota }
print-hint = Use your browser's Print command (or « Save as PDF »).
pager-label = Portfolio pages
pager-entries = Entries { $first }–{ $last } of { $total }
pager-first = Entries 1–{ $last }
pager-previous = ← Previous entries
pager-next = Next entries →

## What domain::portfolio names
kind-experience = Experience
kind-project = Project
kind-internship = Internship
kind-club = Club, association, volunteering
kind-certification = Certification
kind-school-work = School work
status-begun = Begun
status-in-progress = In progress
status-acquired = Acquired
entry-missing = This field is required.
entry-too-long = This text is too long (at most { $max } characters).
entry-control-characters = This text contains invisible characters that are not allowed.
entry-unknown-kind = Choose a kind from the list.
entry-not-a-date = Invalid date: use YYYY-MM-DD.
entry-ends-before-start = The end date is before the start date.
entry-unknown-competence = Unknown competence: { $competence }.
entry-unknown-status = Unknown status for competence { $competence }.
entry-level-out-of-range = The level of { $competence } must be between 1 and { $max }.
refusal-empty = The file is empty, or no file was chosen.
refusal-too-large = The file is too large (at most { $max_size }).
refusal-svg = SVG images are not accepted: they can contain code. Send a PNG or a JPEG.
refusal-executable = This file is a program, not a document: it is refused, whatever its name.
refusal-unknown-type = File type not accepted. Accepted: PDF, images (PNG, JPEG, GIF, WebP), sound (MP3, Ogg, WAV, M4A), video (MP4, WebM).
refusal-too-many = This entry already has { $max_files } pieces of evidence, the maximum.
refusal-over-quota = Your storage space is full: delete evidence you no longer need (what you use is shown on the “Export / import” page).
comment-empty = The comment is empty.
comment-too-long = The comment is too long (at most 2,000 characters).
comment-control-characters = The comment contains invisible characters that are not allowed.
page-title-missing = Give the page a title.
page-title-too-long = The title is too long (at most 120 characters).
page-intro-too-long = The introduction is too long (at most 4,000 characters).
page-control-characters = The text contains invisible characters that are not allowed.
page-unknown-entry = One of the chosen entries does not exist or is not yours.
page-order-invalid = A position on the page must be a whole number from 1 to 10,000 (or left blank).
link-week = 7 days
link-month = 30 days
link-quarter = 90 days
link-unlimited = no end date (until I revoke it)
level-number = Level { $level }
