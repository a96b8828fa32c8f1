//! The portfolio pages' words: `locales/*/portfolio.ftl`, made into `PortfolioTexts` by
//! app/build.rs, and what they say of `domain::portfolio`'s values (`domain_values`).

pub use crate::i18n::catalogue::PortfolioTexts;
use crate::i18n::Lang;

mod domain_values;

pub fn portfolio_texts(lang: Lang) -> &'static PortfolioTexts {
    PortfolioTexts::of(lang)
}
