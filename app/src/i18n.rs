//! Every sentence the pages show, in French and English. A struct (not a key lookup) so that a
//! missing translation is a compile error.

pub use domain::i18n::Lang;
use domain::identity::{Role, SignInFailure};

pub struct Texts {
    pub lang: Lang,
    pub site_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub main_nav: &'static str,
    pub home: &'static str,
    pub switch_language_label: &'static str,
    pub other_language_name: &'static str,
    pub demo_banner: &'static str,
    pub demo_badge: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub sign_out_everywhere: &'static str,
    pub signed_in_as: &'static str,
    pub loading: &'static str,
    pub landing_title: &'static str,
    pub landing_intro: &'static str,
    pub landing_cta: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub sign_in_with: &'static str,
    pub no_provider_configured: &'static str,
    pub demo_accounts_title: &'static str,
    pub demo_accounts_intro: &'static str,
    pub demo_sign_in_as: &'static str,
    pub hello: &'static str,
    pub my_profile: &'static str,
    pub school: &'static str,
    pub level: &'static str,
    pub not_provided: &'static str,
    pub my_spaces: &'static str,
    pub coming_soon: &'static str,
    pub tile_portfolio: &'static str,
    pub tile_portfolio_desc: &'static str,
    pub tile_pix: &'static str,
    pub tile_pix_desc: &'static str,
    pub tile_guidance: &'static str,
    pub tile_guidance_desc: &'static str,
    pub tile_vault: &'static str,
    pub tile_vault_desc: &'static str,
    pub counsellor_home_title: &'static str,
    pub counsellor_home_intro: &'static str,
    pub counsellor_will_see: [&'static str; 4],
    pub guardian_home_title: &'static str,
    pub guardian_home_intro: &'static str,
    pub guardian_will_see: [&'static str; 3],
    pub admin_home_intro: &'static str,
    pub error_title: &'static str,
    pub error_try_again: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub unavailable: &'static str,
    pub signed_out_title: &'static str,
    pub footer_rights: &'static str,
}

impl Texts {
    pub fn role(&self, role: Role) -> &'static str {
        match (self.lang == Lang::Fr, role) {
            (true, Role::Student) => "Élève",
            (true, Role::Guardian) => "Responsable légal",
            (true, Role::Counsellor) => "Conseiller·ère d'orientation",
            (true, Role::Admin) => "Administrateur·rice",
            (false, Role::Student) => "Student",
            (false, Role::Guardian) => "Parent or guardian",
            (false, Role::Counsellor) => "Guidance counsellor",
            (false, Role::Admin) => "Administrator",
        }
    }

    pub fn sign_in_failure(&self, failure: SignInFailure) -> &'static str {
        let fr = self.lang == Lang::Fr;
        match failure {
            SignInFailure::StateMismatch if fr => "La réponse du service d'identité ne correspond pas à la connexion commencée dans ce navigateur. Par sécurité, elle a été refusée.",
            SignInFailure::StateMismatch => "The identity service's answer does not match the sign-in started in this browser. For your safety it was refused.",
            SignInFailure::StateExpired if fr => "Aucune connexion n'était en cours dans ce navigateur, ou elle a pris trop de temps.",
            SignInFailure::StateExpired => "No sign-in was under way in this browser, or it took too long.",
            SignInFailure::ProviderUnavailable if fr => "Le service d'identité ne répond pas pour le moment. Réessayez dans quelques minutes.",
            SignInFailure::ProviderUnavailable => "The identity service is not answering right now. Try again in a few minutes.",
            SignInFailure::InvalidResponse if fr => "La réponse du service d'identité est incomplète.",
            SignInFailure::InvalidResponse => "The identity service's answer is incomplete.",
            SignInFailure::InvalidToken if fr => "L'identité transmise n'a pas pu être vérifiée. Elle a été refusée.",
            SignInFailure::InvalidToken => "The identity sent could not be verified. It was refused.",
            SignInFailure::UnsupportedProfile if fr => "Ce compte n'est pas celui d'un·e élève, d'un responsable légal ou d'un·e conseiller·ère : Sillage ne peut pas l'accueillir.",
            SignInFailure::UnsupportedProfile => "This account is not a student's, a guardian's or a counsellor's: Sillage cannot serve it.",
            SignInFailure::AccessDenied if fr => "La connexion a été annulée auprès du service d'identité.",
            SignInFailure::AccessDenied => "Sign-in was cancelled at the identity service.",
            SignInFailure::UnknownProvider if fr => "Ce moyen de connexion n'existe pas ou n'est pas activé.",
            SignInFailure::UnknownProvider => "This way of signing in does not exist or is not enabled.",
            SignInFailure::Internal if fr => "Sillage n'a pas pu terminer la connexion. Rien n'a été enregistré : réessayez dans un instant.",
            SignInFailure::Internal => "Sillage could not finish signing you in. Nothing was kept: try again in a moment.",
        }
    }
}

pub static FR: Texts = Texts {
    lang: Lang::Fr,
    site_name: "Sillage",
    tagline: "Mon espace numérique personnel d'élève",
    skip_to_content: "Aller au contenu",
    main_nav: "Navigation principale",
    home: "Accueil",
    switch_language_label: "Langue",
    other_language_name: "English",
    demo_banner: "Démo : cette instance utilise des comptes de démonstration fictifs. N'y saisissez aucune donnée réelle.",
    demo_badge: "démo",
    sign_in: "Se connecter",
    sign_out: "Se déconnecter",
    sign_out_everywhere: "Se déconnecter de tous les appareils",
    signed_in_as: "Connecté·e en tant que",
    loading: "Chargement…",
    landing_title: "Bienvenue sur Sillage",
    landing_intro: "Un espace sécurisé pour chaque élève, du collège au lycée : portfolio de compétences, résultats Pix, ressources d'orientation et coffre-fort de mots de passe. Vous décidez de qui voit quoi.",
    landing_cta: "Se connecter",
    sign_in_title: "Connexion",
    sign_in_intro: "Choisissez comment vous connecter.",
    sign_in_with: "Se connecter avec",
    no_provider_configured: "Aucun service d'identité n'est configuré sur cette instance.",
    demo_accounts_title: "Comptes de démonstration",
    demo_accounts_intro: "Ces comptes fictifs servent à découvrir Sillage. Ils n'existent que sur cette instance de démonstration.",
    demo_sign_in_as: "Entrer en tant que",
    hello: "Bonjour",
    my_profile: "Mon profil",
    school: "Établissement (UAI)",
    level: "Niveau",
    not_provided: "non communiqué",
    my_spaces: "Mes espaces",
    coming_soon: "Bientôt disponible",
    tile_portfolio: "Portfolio de compétences",
    tile_portfolio_desc: "Vos expériences, projets et stages, avec leurs preuves, reliés aux compétences.",
    tile_pix: "Mes résultats Pix",
    tile_pix_desc: "Votre profil Pix, vos certifications et votre progression.",
    tile_guidance: "Orientation",
    tile_guidance_desc: "Métiers et formations (ONISEP), vos favoris et votre projet.",
    tile_vault: "Coffre-fort",
    tile_vault_desc: "Vos mots de passe, chiffrés sur votre appareil : Sillage ne peut pas les lire.",
    counsellor_home_title: "Espace conseiller·ère",
    counsellor_home_intro: "Vous verrez ici les élèves de vos établissements qui ont choisi de partager avec vous.",
    counsellor_will_see: [
        "les pages de portfolio que chaque élève vous partage, pour les commenter ;",
        "la progression Pix de vos classes, y compris vos imports Pix Orga ;",
        "les projets d'orientation que les élèves vous confient ;",
        "rien de ce qu'un·e élève ne vous a pas partagé.",
    ],
    guardian_home_title: "Espace responsable légal",
    guardian_home_intro: "Vous verrez ici ce que votre enfant vous délègue, une fois votre lien avec lui vérifié.",
    guardian_will_see: [
        "le lien avec votre enfant se fait par un code d'invitation qu'il vous donne et sa date de naissance ;",
        "vous ne voyez que les sections qu'il vous délègue, et il voit quand vous les consultez ;",
        "à ses 18 ans, ces accès prennent fin sauf s'il les renouvelle.",
    ],
    admin_home_intro: "Administration de l'instance académique.",
    error_title: "Connexion impossible",
    error_try_again: "Réessayer de se connecter",
    not_found_title: "Page introuvable",
    not_found_body: "Cette page n'existe pas ou plus.",
    unavailable: "Le service est momentanément indisponible. Réessayez dans un instant.",
    signed_out_title: "Vous êtes déconnecté·e.",
    footer_rights: "Sillage — proposition 14 des États généraux du numérique pour l'éducation.",
};

pub static EN: Texts = Texts {
    lang: Lang::En,
    site_name: "Sillage",
    tagline: "My personal digital space as a student",
    skip_to_content: "Skip to content",
    main_nav: "Main navigation",
    home: "Home",
    switch_language_label: "Language",
    other_language_name: "Français",
    demo_banner: "Demo: this instance uses fictitious demonstration accounts. Do not enter any real data.",
    demo_badge: "demo",
    sign_in: "Sign in",
    sign_out: "Sign out",
    sign_out_everywhere: "Sign out of every device",
    signed_in_as: "Signed in as",
    loading: "Loading…",
    landing_title: "Welcome to Sillage",
    landing_intro: "A secure space for every student, from collège to lycée: skills portfolio, Pix results, guidance resources and a password vault. You decide who sees what.",
    landing_cta: "Sign in",
    sign_in_title: "Sign in",
    sign_in_intro: "Choose how to sign in.",
    sign_in_with: "Sign in with",
    no_provider_configured: "No identity service is configured on this instance.",
    demo_accounts_title: "Demo accounts",
    demo_accounts_intro: "These fictitious accounts are there to explore Sillage. They exist only on this demo instance.",
    demo_sign_in_as: "Enter as",
    hello: "Hello",
    my_profile: "My profile",
    school: "School (UAI)",
    level: "Level",
    not_provided: "not provided",
    my_spaces: "My spaces",
    coming_soon: "Coming soon",
    tile_portfolio: "Skills portfolio",
    tile_portfolio_desc: "Your experiences, projects and internships, with their evidence, tied to competences.",
    tile_pix: "My Pix results",
    tile_pix_desc: "Your Pix profile, certifications and progress.",
    tile_guidance: "Guidance",
    tile_guidance_desc: "Careers and programmes (ONISEP), your favourites and your plan.",
    tile_vault: "Vault",
    tile_vault_desc: "Your passwords, encrypted on your device: Sillage cannot read them.",
    counsellor_home_title: "Counsellor space",
    counsellor_home_intro: "You will see here the students of your schools who chose to share with you.",
    counsellor_will_see: [
        "the portfolio pages each student shares with you, to comment on them;",
        "the Pix progress of your classes, including your Pix Orga imports;",
        "the guidance plans students entrust to you;",
        "nothing a student has not shared with you.",
    ],
    guardian_home_title: "Parent and guardian space",
    guardian_home_intro: "You will see here what your child delegates to you, once your link to them is verified.",
    guardian_will_see: [
        "you link to your child with an invitation code they give you and their date of birth;",
        "you see only the sections they delegate to you, and they see when you look;",
        "when they turn 18 this access ends unless they renew it.",
    ],
    admin_home_intro: "Administration of the académie's instance.",
    error_title: "Could not sign in",
    error_try_again: "Try signing in again",
    not_found_title: "Page not found",
    not_found_body: "This page does not exist, or no longer does.",
    unavailable: "The service is briefly unavailable. Try again in a moment.",
    signed_out_title: "You are signed out.",
    footer_rights: "Sillage — proposal 14 of the États généraux du numérique pour l'éducation.",
};

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_and_role_has_distinct_translations() {
        for failure in SignInFailure::ALL {
            assert_ne!(FR.sign_in_failure(failure), EN.sign_in_failure(failure));
        }
        for role in [Role::Student, Role::Guardian, Role::Counsellor, Role::Admin] {
            assert_ne!(FR.role(role), EN.role(role));
        }
    }
}
