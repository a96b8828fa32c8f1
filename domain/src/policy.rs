//! Who may do what, in one place. Every server function and handler that reads or changes
//! someone's data asks `authorize` first, with the actor from the session and the owner of the
//! data, never from a request parameter.
//!
//! Every resource is private to its owner. Shares with counsellors and linked guardians are
//! explicit, revocable grants of one page: the reader acts on their own "shared with me" list
//! (`ReadSharedPages`), and storage checks the grant of each page in SQL.

use crate::identity::{AccountId, Role};

/// The signed-in person asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub account: AccountId,
    pub role: Role,
}

/// What is asked, of whose data (the owner is passed beside it).
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

pub fn authorize(actor: Option<&Actor>, action: Action, owner: AccountId) -> Result<(), Denied> {
    let actor = actor.ok_or(Denied::NotSignedIn)?;
    let own = actor.account == owner;
    let allowed = match action {
        // A journal and the list of sessions are the owner's alone: administrators run the
        // instance (`server admin verify-audit`), they do not read pupils' journals.
        Action::ReadProfile
        | Action::ReadJournal
        | Action::ListSessions
        | Action::EndSession
        | Action::ManagePasskeys => own,
        // A portfolio is its student's until they share a page or an entry: shares will widen
        // `ReadPortfolio` for the people named, never `EditPortfolio`.
        // Sharing is the student's decision alone (a guardian's delegation does not extend to it).
        // Only pupils keep a portfolio (proposition 14): a staff or guardian account has none
        // to read, fill, upload to or share.
        Action::ReadPortfolio | Action::EditPortfolio | Action::SharePortfolio => {
            own && actor.role == Role::Student
        }
        Action::ReviewSharedPages => own && matches!(actor.role, Role::Counsellor | Role::Admin),
        // Guardians read what is delegated to them; they do not write in a pupil's portfolio.
        Action::DiscussEntries => own && actor.role != Role::Guardian,
        Action::ReadSharedPages => {
            own && matches!(actor.role, Role::Counsellor | Role::Admin | Role::Guardian)
        }
        Action::ManageGuardians => own && actor.role == Role::Student,
        Action::LinkToChild => own && actor.role == Role::Guardian,
        Action::ManageOwnPix => own && actor.role == Role::Student,
        Action::ManageSchoolPix => own && matches!(actor.role, Role::Counsellor | Role::Admin),
        Action::UseOwnVault => own && actor.role == Role::Student,
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied::NotAllowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: [Role; 4] = [Role::Student, Role::Guardian, Role::Counsellor, Role::Admin];

    /// The whole matrix: every action × every role × own data / another pupil's data, and the
    /// anonymous visitor. A change of policy must change this table on purpose.
    #[test]
    fn the_policy_matrix() {
        let me = AccountId::from_db(1);
        let other_pupil = AccountId::from_db(2);
        for &action in Action::ALL {
            assert_eq!(
                authorize(None, action, me),
                Err(Denied::NotSignedIn),
                "{action:?}"
            );
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
                    | (Action::UseOwnVault, Role::Guardian | Role::Counsellor | Role::Admin) => {
                        Err(Denied::NotAllowed)
                    }
                    _ => Ok(()),
                };
                let expected_other = Err(Denied::NotAllowed);
                assert_eq!(
                    authorize(Some(&actor), action, me),
                    expected_own,
                    "{role:?} {action:?} own"
                );
                assert_eq!(
                    authorize(Some(&actor), action, other_pupil),
                    expected_other,
                    "{role:?} {action:?} other"
                );
            }
        }
    }
}
