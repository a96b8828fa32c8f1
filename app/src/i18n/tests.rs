//! The two languages' texts, checked against each other.

use super::*;

#[test]
fn every_failure_and_role_has_distinct_translations() {
    for &failure in SignInFailure::ALL {
        assert_ne!(FR.sign_in_failure(failure), EN.sign_in_failure(failure));
    }
    for role in [Role::Student, Role::Guardian, Role::Counsellor, Role::Admin] {
        assert_ne!(FR.role(role), EN.role(role));
    }
    for &action in AuditAction::ALL {
        assert_ne!(FR.audit_action(action), EN.audit_action(action));
    }
}
