# Guidance: ONISEP's data, « mon projet d'orientation ».

## Importing ONISEP's files (server admin onisep import)

dataset-metiers = Idéo-Métiers
dataset-formations = Idéo-Formations initiales
import-refused =
    { $file } ({ $count ->
         [one] one problem
        *[other] { $count } problems
    }): nothing was loaded.
import-more-problems =
    { $count ->
         [one] … and one more problem
        *[other] … and { $count } more problems
    }
import-done =
    { $dataset } ({ $form }, { $file }): { $items ->
         [one] one record read.
        *[other] { $items } records read.
    }
import-done-counts = Created: { $created }, updated: { $updated }, unchanged: { $unchanged }, withdrawn (« n'existe plus dans les données Onisep »): { $withdrawn }.
import-remarks =
    { $file }: { $count ->
         [one] one unusual value, loaded as ONISEP wrote it
        *[other] { $count } unusual values, loaded as ONISEP wrote them
    }:
import-unread-columns = { $file }: columns Sillage does not read (added by ONISEP?): { $columns }
import-same-dataset-twice = Two { $dataset } files in one import: give only one.
import-unreadable-file = { $file }: unreadable ({ $reason }).
at-file = File: { $problem }.
at-file-column = File, column « { $column } »: { $problem }.
at-line = Line { $line }: { $problem }.
at-line-column = Line { $line }, column « { $column } »: { $problem }.
at-record = Record { $record }: { $problem }.
at-record-column = Record { $record }, key « { $column } »: { $problem }.
problem-too-large = the file is larger than { $max }
problem-empty = the file has no data row
problem-not-utf8 = the text is not UTF-8: use the file as ONISEP publishes it
problem-json-syntax = unreadable JSON at line { $line }, column { $column }
problem-not-an-array = this JSON is not a list of objects as ONISEP publishes them
problem-unknown-dataset = neither Idéo-Métiers nor Idéo-Formations initiales: the header has neither « lien site onisep.fr » nor « URL et ID Onisep »
problem-missing-column = missing column: ONISEP changed the file's structure, Sillage must be updated to read it
problem-wrong-field-count = { $found } values instead of { $expected }
problem-not-text = text was expected
problem-missing-value = missing value
problem-too-long = more than { $max } characters
problem-not-an-onisep-link = not an onisep.fr link ending with the expected id (MET.… for a métier, FOR.… for a formation)
problem-not-a-rome-code = not a ROME code (a letter and four digits)
problem-rome-lists-differ = { $codes } ROME codes, { $labels } labels and { $links } links: there must be as many of each
problem-not-a-domain-pair = not a « domaine/sous-domaine » pair
problem-not-a-date = not a DD/MM/YYYY date
problem-not-a-year = not a year
problem-not-a-number = not a code of digits and letters
problem-duplicate-id = same id as { $first }
first-at-line = line { $line }
first-at-record = record { $record }

## Exploring careers and courses (/orientation)

explore-title = Careers and courses
explore-intro = Look for a career (métier), a course (formation) or a field: ONISEP describes them, and each page says where they lead.
search-label = A career, a course, a field…
search-hint = For example « infirmière », « boulanger », « mécanique auto ». Accents and typos do not matter.
search-button = Search
filters = Narrow down
filter-kind = Search among
kind-all = careers and courses
kind-metiers = careers
kind-formations = courses
filter-domaine = Field
filter-type = Diploma
filter-level = Level on leaving
any = All
results-heading = Results
results-count =
    { $count ->
         [one] One result
        *[other] { $count } results
    }
no-results = No results. Try another word, fewer words, or remove a filter.
kind-metier = Career
kind-formation = Course
pages = Result pages
page-previous = Previous page
page-next = Next page
page-of = Page { $page } of { $pages }

## A career's page, a course's page

metier-title = Career
formation-title = Course
back-to-search = Look for another career or course
withdrawn = This career or course is no longer in ONISEP's data: the page stays for those who had chosen it.
gfe = Employment field
domaines = Fields
romes = ROME sheets (France Travail)
publications = ONISEP publications
onisep-page = The full sheet on onisep.fr
formations-heading = Courses that lead to it
formations-why = Courses of the same fields as this career, the closest first.
metiers-heading = Careers it leads to
metiers-why = Careers of the same fields as this course, the closest first.
linked-because = Fields in common:
linked-none = ONISEP links no page to this one yet.
linked-more =
    { $count ->
         [one] One more shares a field: narrow down with the search.
        *[other] { $count } more share a field: narrow down with the search.
    }
type-of-formation = Type of course
exit-level = Level on leaving
duration = Duration
certification = Certification level
rncp = RNCP sheet
tutelle = Supervising ministry
source = Source: Onisep.
source-dated = Source: Onisep, data of { $date }.
licence = ODbL licence

## My guidance plan (/orientation/projet) and favourites

favourite-heading = My favourites
favourite-is = In your favourites.
favourite-note-label = Why it interests me (optional)
favourite-note-hint = A few words to remember it and talk about it with your guidance counsellor, { $max } characters at most.
favourite-add = Add to my favourites
favourite-save = Save my note
favourite-remove = Remove from my favourites
favourite-note-too-long = Your note is longer than { $max } characters: shorten it.
favourite-too-many = You already have { $max } favourites: remove one first.
project-title = My guidance plan
project-intro = Your favourite careers and courses, with what draws you to them. They are yours: no one else sees them.
project-empty = No favourite yet: look for a career or a course, then choose “Add to my favourites”.
project-search = Look for careers and courses
favourites-heading =
    { $count ->
         [one] One favourite
        *[other] { $count } favourites
    }
no-note = No note.

## Interests and suggestions (/orientation/projet)

interests-heading = My interests
interests-intro = Tick the fields that draw you: Sillage suggests careers and courses from them and from your favourites.
interests-save = Save my interests
suggestions-heading = Suggestions
suggestions-intro = Each suggestion says why it is there. “Do not show again” sets it aside; you can see it again below.
suggestions-none = No suggestion yet: tick some fields, or add a favourite.
reason-chosen-domaine = Because you chose the field « { $domaine } ».
reason-near-favourite = Close to your favourite « { $favourite } » (same sub-field: « { $sous_domaine } »).
suggestion-dismiss = Do not show again
suggestion-restore = Show again
dismissed-heading =
    { $count ->
         [one] One suggestion set aside
        *[other] { $count } suggestions set aside
    }
