//! The hygiene report's shape: computed by the vault module in the browser, shown by the page.
//! Items are named by their ids (the report never carries a password).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct HygieneReport {
    pub logins: usize,
    /// Groups of items (ids) sharing one password.
    pub reused: Vec<Vec<String>>,
    /// Under the CNIL's 50 bits: weak even where attempts are limited.
    pub weak: Vec<String>,
    /// Between 50 and 80 bits: fine with limited attempts or 2FA, not alone.
    pub below_target: Vec<String>,
    pub old: Vec<String>,
    pub no_two_factor: Vec<String>,
    pub no_password: Vec<String>,
}

impl HygieneReport {
    pub fn is_clean(&self) -> bool {
        self.reused.is_empty()
            && self.weak.is_empty()
            && self.old.is_empty()
            && self.no_two_factor.is_empty()
    }
}
