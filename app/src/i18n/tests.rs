//! The two languages' texts, checked against each other.

use super::*;

#[test]
fn every_failure_and_role_has_distinct_translations() {
    let (fr, en) = (texts(Lang::Fr), texts(Lang::En));
    for &failure in SignInFailure::ALL {
        assert_ne!(fr.sign_in_failure(failure), en.sign_in_failure(failure));
    }
    for role in [Role::Student, Role::Guardian, Role::Counsellor, Role::Admin] {
        assert_ne!(fr.role(role), en.role(role));
    }
    for &action in AuditAction::ALL {
        assert_ne!(fr.audit_action(action), en.audit_action(action));
    }
}
