# Guidance: ONISEP's data, « mon projet d'orientation ».

## Importing ONISEP's files (server admin onisep import)

dataset-metiers = Idéo-Métiers
dataset-formations = Idéo-Formations initiales
dataset-offers = Idéo-Actions de formation initiale
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
import-done-offer-counts = Created: { $created }, updated: { $updated }, unchanged: { $unchanged }, removed (in none of the import's files): { $removed }.
import-done-counts = Created: { $created }, updated: { $updated }, unchanged: { $unchanged }, withdrawn (« n'existe plus dans les données Onisep »): { $withdrawn }.
import-remarks =
    { $file }: { $count ->
         [one] one unusual value (the record is loaded; the value as ONISEP wrote it, unless it says it was left out)
        *[other] { $count } unusual values (the records are loaded; the values as ONISEP wrote them, except those said to be left out)
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
problem-not-a-uai = not a UAI (7 digits and a letter): left out
problem-not-a-web-address = not a web address (http or https): left out
problem-duplicate-id = same id as { $first }
first-at-line = line { $line }
first-at-record = record { $record }

## Exploring careers and courses (/orientation)

explore-title = Careers and courses
explore-intro = Look for a career (métier), a course (formation) or a field: ONISEP describes them, and each page says where they lead.
search-label = A career, a course, a field…
suggestions = Suggestions
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
filter-academie = Taught in the académie
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
offers-title = Where to study it
offers-intro =
    { $academies ->
         [one] Taught in { $count ->
             [one] one school
            *[other] { $count } schools
         } of one académie.
        *[other] Taught in { $count } schools of { $academies } académies.
    }
offers-academie = Académie
offers-pick = Choose an académie
offers-academie-count =
    { $count ->
         [one] { $academie } (1 school)
        *[other] { $academie } ({ $count } schools)
    }
offers-show = Show the schools
offers-heading = Schools
offers-heading-home = In your académie ({ $academie })
offers-heading-in = In the académie of { $academie }
offers-more =
    { $count ->
         [one] One more school of this académie is not shown.
        *[other] { $count } more schools of this académie are not shown.
    }
offers-dated = Schools: source Onisep, data of { $date }.

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
interests-intro = Tick the fields that draw you: Sillage suggests careers and courses from them, your favourites, the competences of your portfolio and your Pix results.
interests-save = Save my interests
suggestions-heading = Suggestions
suggestions-intro = Each suggestion says why it is there. “Do not show again” sets it aside; you can see it again below.
suggestions-none = No suggestion yet: tick some fields, add a favourite, or note competences in your portfolio.
reason-chosen-domaine = Because you chose the field « { $domaine } ».
reason-near-favourite = Close to your favourite « { $favourite } » (same sub-field: « { $sous_domaine } »).
reason-portfolio = Because your portfolio shows « { $competence } » (« { $entry } »).
reason-pix = Because you reached level { $level } on Pix in « { $competence } ».
suggestion-dismiss = Do not show again
suggestion-restore = Show again
dismissed-heading =
    { $count ->
         [one] One suggestion set aside
        *[other] { $count } suggestions set aside
    }

## The year's plan (/orientation/plan)

plan-title = My plan for the year
plan-link = My plan for the year: wishes, steps and dates
plan-year = School year { $year }.
plan-intro = The decisions of your schooling and their dates: your wishes, in the order you choose, and the steps you set yourself to prepare them. They are yours: no one else sees them.
plan-provisional = Provisional dates: this year's official calendar is not published yet. Check them with your school.
plan-undated = This year's calendar is not in Sillage yet: the decisions are here, without their dates.
plan-source = Calendar:
plan-this-year = Your decision this year
plan-before-troisieme = Your first guidance decision comes in 3e (Year 10); you can prepare it already.
plan-no-grade = Sillage does not know your class: choose the decision that concerns you.
plan-other-decisions = The other decisions
plan-project = My favourites and suggestions
decision-apres-3e = After 3e (Year 10)
decision-apres-3e-intro = General and technological, vocational, CAP, apprenticeship: your wishes for next year, the one you prefer first.
decision-specialites-1re = My specialities for 1re (Year 12)
decision-specialites-1re-intro = In 2de (Year 11), you choose three specialities for the general 1re, or a technological track. Rank those that appeal to you.
decision-specialites-terminale = My specialities for terminale (Year 13)
decision-specialites-terminale-intro = In 1re (Year 12), you keep two of your three specialities for terminale.
decision-parcoursup = Parcoursup
decision-parcoursup-intro = In terminale (Year 13), your course wishes on Parcoursup, added from your favourite courses.
decision-keep = You will keep { $keep }.
deadlines-heading = Dates to remember
deadline-on = on { $date }
deadline-around = around { $date }, depending on your school
deadline-in =
    { $count ->
        [0] today
        [1] tomorrow
       *[other] in { $count } days
    }
deadline-passed = passed
deadline-next = Next date: { $what }, { $when }.
milestone-intentions-provisoires = Your guidance intentions (dialogue form, 2nd term)
milestone-choix-definitifs = Your final choices (3rd term)
milestone-affectation-voeux = Your wishes for a lycée (Affelnet)
milestone-affectation-resultats = The lycée assignment results
milestone-specialites-envisagees = The specialities you consider (dialogue form, 2nd term)
milestone-specialites-choisies = Your three specialities for 1re (3rd term)
milestone-specialite-abandonnee = The speciality you drop for terminale
milestone-parcoursup-catalogue = Parcoursup's courses online
milestone-parcoursup-inscription = Parcoursup registration and wishes open
milestone-parcoursup-voeux-fin = Last day to add a wish on Parcoursup
milestone-parcoursup-confirmation = Last day to complete and confirm your wishes
milestone-parcoursup-reponses = Parcoursup's first answers
milestone-parcoursup-phase-complementaire = The complementary phase opens
wishes-heading =
    { $count ->
        [0] My wishes
       *[other] My wishes ({ $count } of { $max } at most)
    }
wishes-none = No wish yet.
wish-add-label = Add a wish
wish-add = Add this wish
wish-options = This year's choices
wish-favourite-formations = My favourite courses
wish-no-favourite-formation = To add a course, first add it to your favourites from its page.
wish-full = You have { $max } wishes, the most allowed: remove one to add another.
wish-too-many = You already have { $max } wishes: remove one first.
wish-up = Move up
wish-down = Move down
wish-remove = Remove
wish-not-offered = No longer offered this year.
wish-taught-nearby =
    { $count ->
        [0] Not taught in any school of your académie ({ $academie }): see where it is
        [one] Taught in 1 school of your académie ({ $academie })
       *[other] Taught in { $count } schools of your académie ({ $academie })
    }
steps-heading = My steps
steps-none = No step yet. For example: an open day, an observation internship, a meeting with the guidance counsellor.
wish-evidence-heading = What backs it:
wish-evidence-add = Attach an entry of my portfolio
wish-evidence-entry = The entry
wish-evidence-note = What it showed me (optional)
wish-evidence-note-hint = “This placement confirmed that…”: { $max } characters at most.
wish-evidence-send = Attach to this wish
wish-evidence-remove = Detach
wish-evidence-note-too-long = The note is longer than { $max } characters: shorten it.
wish-evidence-too-many = This wish already has { $max } entries attached: detach one first.
step-label = New step
step-label-hint = One line, { $max } characters at most.
step-due = By (optional)
step-add = Add the step
step-done = Done
step-to-do = To do
step-late = Late
step-due-on = by { $date }
step-mark-done = It is done
step-mark-to-do = Not done yet
step-remove = Remove
step-idea-open-day = Lycée open day
step-idea-internship = Observation internship
step-idea-counsellor = Meet the guidance counsellor
step-idea-teacher = Talk about it with my form teacher
step-idea-fair = Guidance fair
step-problem-empty = Write the step.
step-problem-too-long = The step is longer than { $max } characters: shorten it.
step-problem-bad-date = This date does not exist: pick it in the calendar.
step-problem-too-many = You already have { $max } steps for this decision: remove one first.

## The plan shared with counsellors, their recommendations

share-heading = Share my plan
share-intro = The counsellors of your school (guidance counsellor, form teacher) and your parents or guardians see your plan, favourites and interests when you share them, read-only; counsellors can comment on it and recommend a career, a course or a step to you. Portfolio entries attached to a wish show there by their title and your note, nothing more. You choose each person and can stop whenever you like; each share is written in your journal.
share-nobody = No counsellor of your school and no parent or guardian is linked to your account in Sillage yet.
share-on = Shared
share-start = Share
share-stop = Stop sharing
recommendations-heading = Recommendations
recommendations-none = No recommendation yet.
recommended-by = Recommended by { $author }.
recommend-author-gone = a counsellor
recommendation-waiting = Waiting for your answer
recommendation-accepted = Added to your favourites
recommendation-declined = Declined
recommendation-accept = Add to my favourites
recommendation-decline = Decline
recommend-heading = Recommend to a pupil
recommend-nobody = No pupil has shared their plan with you yet.
recommend-pupil = The pupil
recommend-note = Why I recommend it (optional)
recommend-note-hint = The pupil reads these words with the recommendation, { $max } characters at most.
recommend-send = Recommend
recommend-sent = Recommendation sent to { $name }.
recommend-note-too-long = The note is longer than { $max } characters: shorten it.
recommend-too-many = This pupil already has { $max } recommendations without an answer: wait for an answer.
recommend-search = Look for a career or a course to recommend
shared-plans-title = Guidance plans shared with me
shared-plans-intro = The guidance plans pupils shared with you, read-only. Opening a plan is written in the pupil's journal.
shared-plans-none = No pupil has shared their plan with you yet.
shared-plans-back = All plans shared with me
shared-plan-counts = Favourites: { $favourites } · wishes: { $wishes } · recommendations without an answer: { $unanswered }
shared-plan-title = A pupil's guidance plan
shared-plan-of = { $name }'s plan
shared-plan-intro = Read-only: the pupil decides on their plan.
shared-plan-nothing = Nothing yet.

## The guidance plan on a showcase page

plan-show-on-page = Also show my guidance plan on this page (interests, favourites with my notes, wishes, steps; never my counsellors' comments or recommendations)
plan-on-page-title = My guidance plan
plan-on-page-empty = No guidance plan yet.
plan-on-page-wishes = My wishes, in my order:

## What a counsellor writes on a shared plan: comments, recommended steps

comments-heading = Comments
comments-none = No comment yet.
comment-by = { $author }, on { $date }
comment-label = Your comment
comment-hint = The pupil reads it on their plan, as do the parents they entrust it to. { $max } characters at most.
comment-send = Post the comment
comment-remove = Take my comment back
comment-problem-empty = Write your comment.
comment-problem-too-long = The comment is longer than { $max } characters: shorten it.
comment-too-many = This plan already has { $max } comments: take one of yours back first.
step-recommend-heading = Recommend a step
step-recommend-send = Recommend this step
step-recommend-too-many = This pupil already has { $max } recommended steps without an answer: wait for an answer.
step-recommendations-heading = Recommended steps
step-recommended-for = For: { $decision }
step-recommendation-accept = Add to my steps
step-recommendation-accepted = Added to the plan

## The counsellor's overview (/orientation/eleves)

shared-plans-list = The plans
cohort-heading = Overview
cohort-intro = Among the pupils who shared their plan with you, by level. A group of fewer than { $min } pupils is not counted: a small number names someone.
cohort-no-level = Unknown level
cohort-too-few = Fewer than { $min } pupils: nothing is counted.
cohort-counts = { $pupils } pupils: { $with_wishes } with wishes, { $with_steps } with steps.
cohort-unprepared =
    Next date, on { $date }: { $milestone }. { $unprepared ->
        [0] All have prepared it.
        [one] { $unprepared } pupil has neither wish nor step yet.
       *[other] { $unprepared } pupils have neither wish nor step yet.
    }
cohort-domaines = The most chosen fields
cohort-domaines-none = No field is chosen by { $min } pupils or more.
