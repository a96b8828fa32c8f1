//! Who may do what, in one place. Every server function and handler that reads or changes
//! someone's data asks `authorize` first (through `app::ssr::SignedIn`), with the actor from the
//! session and the **subject** of the action: the actor's own data, or a pupil's, with the ties
//! storage found between the two (`identity::store::ties`), never a request parameter's say-so.
//!
//! Every resource is private to its owner. What reaches someone else goes one of two ways:
//! - a tie the policy decides on here: a counsellor acts on a pupil of a school they serve
//!   (`Subject::Pupil` with `Ties::serves_their_school`), e.g. recording a Pix certification;
//! - an explicit, revocable grant of one page (to a counsellor, to a linked guardian): the reader
//!   acts on their own "shared with me" list (`ReadSharedPages`, subject `Own`), and storage checks
//!   the grant of each page in SQL, in the same statement that reads it. The policy cannot see
//!   a grant per page without reading the page; the SQL is where that row check lives.

use crate::identity::{AccountId, Role};

/// The signed-in person asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub account: AccountId,
    pub role: Role,
}

/// Whose data an action is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The actor's own data (their portfolio, vault, journal, their list of pages shared with
    /// them).
    Own,
    /// Another account's data, with what ties the actor to them (read by storage for this
    /// actor and this account, at the time of the request).
    Pupil { id: AccountId, ties: Ties },
}

/// What ties an actor to an account that is not theirs. A stranger has none (the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ties {
    /// The account is a pupil of a school the actor serves as a counsellor (or administrator):
    /// `counsellor_schools` holds the pupil's school for the actor.
    pub serves_their_school: bool,
    /// The pupil shares their guidance plan with the actor (`guidance_plan_grants`).
    pub shares_guidance_plan: bool,
    /// The actor is a guardian of the pupil, and the link lives (not ended at 18).
    pub guardian_of: bool,
}

/// What is asked, of whose data (the [`Subject`] is passed beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray)]
pub enum Action {
    /// Read an account's profile (name, school, level).
    ReadProfile,
    /// Read an account's security journal.
    ReadJournal,
    /// List where an account is signed in.
    ListSessions,
    /// End one of an account's sessions.
    EndSession,
    /// Add, rename or revoke an account's passkeys.
    ManagePasskeys,
    /// Read a student's portfolio entries and skills.
    ReadPortfolio,
    /// Create, change, reorder or delete a student's portfolio entries and pages.
    EditPortfolio,
    /// Share a student's showcase page (make or revoke a secret link, grant a counsellor).
    SharePortfolio,
    /// Read the pages students shared with me, comment on them, mark entries « vérifié ».
    /// The owner is the counsellor themself; each page's grant is checked by the storage.
    ReviewSharedPages,
    /// Comment on an entry: the student on their own, a counsellor on one shared with them.
    DiscussEntries,
    /// Read the pages students shared with me: a counsellor, or a guardian linked to them.
    /// The owner is the reader themself; each grant (and guardian link) is checked in storage.
    ReadSharedPages,
    /// Make invitation codes for my guardians, renew or end their links (students only).
    ManageGuardians,
    /// Link my account to my child with their code and birth date (guardians only).
    LinkToChild,
    /// Read my Pix results, record a certification, delete a result (students only).
    ManageOwnPix,
    /// Import a campaign export for my schools, see their classes' results, record a pupil's
    /// certification (counsellors; storage checks each pupil is of their schools).
    ManageSchoolPix,
    /// Create, open and change my password vault (students). There is no action to read
    /// someone else's vault: it is in no delegation, page, counsellor view or export.
    UseOwnVault,
    /// Search and read ONISEP's métiers and formations: public data, for every signed-in role.
    ExploreGuidance,
    /// Keep my « projet d'orientation »: favourites and their notes (students).
    PlanOwnGuidance,
    /// Share my guidance plan with the counsellors of my school, and take it back; answer their
    /// recommendations (students).
    ShareGuidancePlan,
    /// Read the guidance plans pupils shared with me and recommend to them (counsellors): on my
    /// own data, the list of plans shared with me; on a pupil, their plan, while they share it
    /// with me and I serve their school.
    ReviewGuidancePlans,
    /// Read a guidance plan shared with me, read-only: a counsellor of the pupil's school, or
    /// a guardian while the link lives. On my own data, the list of plans shared with me.
    ReadSharedGuidancePlans,
}

impl Action {
    /// Every variant, in declaration order (derived: a new variant cannot be left out).
    pub const ALL: &'static [Action] = <Action as strum::VariantArray>::VARIANTS;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("sign-in required (connexion nécessaire)")]
    NotSignedIn,
    #[error("not allowed (non autorisé)")]
    NotAllowed,
}

pub fn authorize(actor: Option<&Actor>, action: Action, subject: &Subject) -> Result<(), Denied> {
    let actor = actor.ok_or(Denied::NotSignedIn)?;
    let allowed = match subject {
        Subject::Own => on_own_data(actor, action),
        Subject::Pupil { id, .. } if *id == actor.account => on_own_data(actor, action),
        Subject::Pupil { ties, .. } => on_a_pupil(actor, action, ties),
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied::NotAllowed)
    }
}

/// What a role may do with its own data.
fn on_own_data(actor: &Actor, action: Action) -> bool {
    match action {
        // A journal and the list of sessions are the owner's alone: administrators run the
        // instance (`server admin verify-audit`), they do not read pupils' journals.
        Action::ReadProfile
        | Action::ReadJournal
        | Action::ListSessions
        | Action::EndSession
        | Action::ManagePasskeys => true,
        // A portfolio is its student's until they share a page or an entry: shares will widen
        // `ReadPortfolio` for the people named, never `EditPortfolio`.
        // Sharing is the student's decision alone (a guardian's delegation does not extend to it).
        // Only pupils keep a portfolio (proposition 14): a staff or guardian account has none
        // to read, fill, upload to or share.
        Action::ReadPortfolio | Action::EditPortfolio | Action::SharePortfolio => {
            actor.role == Role::Student
        }
        Action::ReviewSharedPages => matches!(actor.role, Role::Counsellor | Role::Admin),
        // Guardians read what is delegated to them; they do not write in a pupil's portfolio.
        Action::DiscussEntries => actor.role != Role::Guardian,
        Action::ReadSharedPages => {
            matches!(actor.role, Role::Counsellor | Role::Admin | Role::Guardian)
        }
        Action::ManageGuardians => actor.role == Role::Student,
        Action::LinkToChild => actor.role == Role::Guardian,
        Action::ManageOwnPix => actor.role == Role::Student,
        Action::ManageSchoolPix => matches!(actor.role, Role::Counsellor | Role::Admin),
        Action::UseOwnVault => actor.role == Role::Student,
        Action::ExploreGuidance => true,
        Action::PlanOwnGuidance | Action::ShareGuidancePlan => actor.role == Role::Student,
        Action::ReviewGuidancePlans => matches!(actor.role, Role::Counsellor | Role::Admin),
        Action::ReadSharedGuidancePlans => {
            matches!(actor.role, Role::Counsellor | Role::Admin | Role::Guardian)
        }
    }
}

/// What a role may do with a pupil's data, given its ties to them. Nothing, unless named here.
fn on_a_pupil(actor: &Actor, action: Action, ties: &Ties) -> bool {
    match action {
        // A counsellor records a certification a pupil of their school brought on paper.
        Action::ManageSchoolPix => {
            ties.serves_their_school && matches!(actor.role, Role::Counsellor | Role::Admin)
        }
        // A plan the pupil shares, while the counsellor serves their school: both ties, read at
        // the time of the request (a pupil who changed school, or took it back, is out of reach).
        Action::ReviewGuidancePlans => {
            ties.serves_their_school
                && ties.shares_guidance_plan
                && matches!(actor.role, Role::Counsellor | Role::Admin)
        }
        // Read-only: the counsellors above, and a guardian the pupil delegated it to while
        // their link lives.
        Action::ReadSharedGuidancePlans => {
            ties.shares_guidance_plan
                && match actor.role {
                    Role::Counsellor | Role::Admin => ties.serves_their_school,
                    Role::Guardian => ties.guardian_of,
                    Role::Student => false,
                }
        }
        // Everything else of a pupil's is theirs alone, or reaches others through a page grant
        // (checked by storage, subject `Own`). The vault is in no tie and no grant.
        Action::ReadProfile
        | Action::ReadJournal
        | Action::ListSessions
        | Action::EndSession
        | Action::ManagePasskeys
        | Action::ReadPortfolio
        | Action::EditPortfolio
        | Action::SharePortfolio
        | Action::ReviewSharedPages
        | Action::DiscussEntries
        | Action::ReadSharedPages
        | Action::ManageGuardians
        | Action::LinkToChild
        | Action::ManageOwnPix
        | Action::UseOwnVault
        | Action::ExploreGuidance
        | Action::PlanOwnGuidance
        | Action::ShareGuidancePlan => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: [Role; 4] = [Role::Student, Role::Guardian, Role::Counsellor, Role::Admin];

    /// The whole matrix: every action × every role × own data / a pupil with no tie / a pupil
    /// of a school the actor serves, and the anonymous visitor. A change of policy must change
    /// this table on purpose.
    #[test]
    fn the_policy_matrix() {
        let me = AccountId::from_db(1);
        let stranger = Subject::Pupil {
            id: AccountId::from_db(2),
            ties: Ties::default(),
        };
        let pupil_of_my_school = Subject::Pupil {
            id: AccountId::from_db(3),
            ties: Ties {
                serves_their_school: true,
                ..Ties::default()
            },
        };
        // A pupil of my school who shares their plan with me; one who shares it but left.
        let sharing_pupil = Subject::Pupil {
            id: AccountId::from_db(4),
            ties: Ties {
                serves_their_school: true,
                shares_guidance_plan: true,
                guardian_of: false,
            },
        };
        // My child, who delegates her plan to me; my child who does not.
        let delegating_child = Subject::Pupil {
            id: AccountId::from_db(6),
            ties: Ties {
                shares_guidance_plan: true,
                guardian_of: true,
                ..Ties::default()
            },
        };
        let my_child = Subject::Pupil {
            id: AccountId::from_db(7),
            ties: Ties {
                guardian_of: true,
                ..Ties::default()
            },
        };
        let sharing_pupil_elsewhere = Subject::Pupil {
            id: AccountId::from_db(5),
            ties: Ties {
                shares_guidance_plan: true,
                ..Ties::default()
            },
        };
        for &action in Action::ALL {
            for subject in [
                Subject::Own,
                stranger,
                pupil_of_my_school,
                sharing_pupil,
                sharing_pupil_elsewhere,
                delegating_child,
                my_child,
            ] {
                assert_eq!(
                    authorize(None, action, &subject),
                    Err(Denied::NotSignedIn),
                    "{action:?}"
                );
            }
            for role in ROLES {
                let actor = Actor { account: me, role };
                let expected_own = match (action, role) {
                    (Action::ReviewSharedPages, Role::Student | Role::Guardian)
                    | (Action::DiscussEntries, Role::Guardian)
                    | (Action::ReadSharedPages, Role::Student)
                    | (Action::ManageGuardians, Role::Guardian | Role::Counsellor | Role::Admin)
                    | (Action::LinkToChild, Role::Student | Role::Counsellor | Role::Admin)
                    | (Action::ManageOwnPix, Role::Guardian | Role::Counsellor | Role::Admin)
                    | (Action::ManageSchoolPix, Role::Student | Role::Guardian)
                    | (
                        Action::ReadPortfolio | Action::EditPortfolio | Action::SharePortfolio,
                        Role::Guardian | Role::Counsellor | Role::Admin,
                    )
                    | (Action::UseOwnVault, Role::Guardian | Role::Counsellor | Role::Admin)
                    | (
                        Action::PlanOwnGuidance | Action::ShareGuidancePlan,
                        Role::Guardian | Role::Counsellor | Role::Admin,
                    )
                    | (Action::ReviewGuidancePlans, Role::Student | Role::Guardian)
                    | (Action::ReadSharedGuidancePlans, Role::Student) => Err(Denied::NotAllowed),
                    _ => Ok(()),
                };
                let expected_of_my_school = match (action, role) {
                    (Action::ManageSchoolPix, Role::Counsellor | Role::Admin) => Ok(()),
                    _ => Err(Denied::NotAllowed),
                };
                let expected_of_sharing_pupil = match (action, role) {
                    (
                        Action::ManageSchoolPix
                        | Action::ReviewGuidancePlans
                        | Action::ReadSharedGuidancePlans,
                        Role::Counsellor | Role::Admin,
                    ) => Ok(()),
                    _ => Err(Denied::NotAllowed),
                };
                let expected_of_delegating_child = match (action, role) {
                    (Action::ReadSharedGuidancePlans, Role::Guardian) => Ok(()),
                    _ => Err(Denied::NotAllowed),
                };
                assert_eq!(
                    authorize(Some(&actor), action, &delegating_child),
                    expected_of_delegating_child,
                    "{role:?} {action:?} my child who delegates her plan"
                );
                assert_eq!(
                    authorize(Some(&actor), action, &my_child),
                    Err(Denied::NotAllowed),
                    "{role:?} {action:?} my child who does not"
                );
                assert_eq!(
                    authorize(Some(&actor), action, &sharing_pupil),
                    expected_of_sharing_pupil,
                    "{role:?} {action:?} a pupil of my school who shares their plan"
                );
                assert_eq!(
                    authorize(Some(&actor), action, &sharing_pupil_elsewhere),
                    Err(Denied::NotAllowed),
                    "{role:?} {action:?} a pupil who shares their plan, of another school"
                );
                assert_eq!(
                    authorize(Some(&actor), action, &Subject::Own),
                    expected_own,
                    "{role:?} {action:?} own"
                );
                // Naming oneself as the pupil is the same as one's own data.
                assert_eq!(
                    authorize(
                        Some(&actor),
                        action,
                        &Subject::Pupil {
                            id: me,
                            ties: Ties::default()
                        }
                    ),
                    expected_own,
                    "{role:?} {action:?} own, by id"
                );
                assert_eq!(
                    authorize(Some(&actor), action, &stranger),
                    Err(Denied::NotAllowed),
                    "{role:?} {action:?} a stranger's"
                );
                assert_eq!(
                    authorize(Some(&actor), action, &pupil_of_my_school),
                    expected_of_my_school,
                    "{role:?} {action:?} a pupil of my school"
                );
            }
        }
    }
}
