//! Who a user is: accounts created from an identity provider's claims (ÉduConnect for pupils
//! and guardians, a staff provider for counsellors), their role, and the public view of them.

mod claims;
pub mod passkeys;
pub mod sessions;
mod sign_in;
mod types;

#[cfg(feature = "server")]
pub mod schools;
#[cfg(feature = "server")]
pub mod store;

pub use claims::{parse_claims, ClaimsError, ProviderKind, RawClaims, SignInIdentity};
pub use sign_in::{DemoAccountOption, ProviderOption, SignInOptions};
pub use types::{
    AccountId, AccountProfile, AccountView, BirthDate, Grade, InvalidValue, PersonName, Role,
    SchoolLevel, SchoolUai, Subject,
};

/// Why a sign-in was refused, as shown to the user. The slug travels in the error page's URL,
/// so it is stable and says nothing secret; the details go to the server log only.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, strum::VariantArray,
)]
pub enum SignInFailure {
    /// The `state` sent back by the provider is not the one we issued (tampered or replayed).
    StateMismatch,
    /// No sign-in was under way in this browser, or it took too long.
    StateExpired,
    /// The provider could not be reached or answered with an error.
    ProviderUnavailable,
    /// The provider's answer lacked what it must carry (no code, an error parameter).
    InvalidResponse,
    /// The ID token failed verification (signature, audience, issuer, nonce, expiry).
    InvalidToken,
    /// The identity is valid but not one the portal serves (unknown affiliation, missing claim).
    UnsupportedProfile,
    /// The user declined at the provider.
    AccessDenied,
    /// Unknown provider, or the demo accounts are switched off.
    UnknownProvider,
    /// Sillage itself failed (database, session store): nothing was kept.
    Internal,
}

impl SignInFailure {
    /// Every variant, in declaration order (derived: a new variant cannot be left out).
    pub const ALL: &'static [SignInFailure] = <SignInFailure as strum::VariantArray>::VARIANTS;

    pub fn slug(self) -> &'static str {
        match self {
            SignInFailure::StateMismatch => "etat-invalide",
            SignInFailure::StateExpired => "etat-expire",
            SignInFailure::ProviderUnavailable => "fournisseur-indisponible",
            SignInFailure::InvalidResponse => "reponse-invalide",
            SignInFailure::InvalidToken => "jeton-invalide",
            SignInFailure::UnsupportedProfile => "profil-non-pris-en-charge",
            SignInFailure::AccessDenied => "acces-refuse",
            SignInFailure::UnknownProvider => "fournisseur-inconnu",
            SignInFailure::Internal => "erreur-interne",
        }
    }

    pub fn from_slug(slug: &str) -> Option<SignInFailure> {
        SignInFailure::ALL
            .iter()
            .copied()
            .find(|f| f.slug() == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_slugs_are_unique_and_round_trip() {
        for &failure in SignInFailure::ALL {
            assert_eq!(SignInFailure::from_slug(failure.slug()), Some(failure));
        }
        let mut slugs: Vec<_> = SignInFailure::ALL.iter().map(|f| f.slug()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), SignInFailure::ALL.len());
        assert_eq!(SignInFailure::from_slug("nope"), None);
    }
}
