//! The Pix pages' words: `locales/*/pix.ftl`, made into `PixTexts` by app/build.rs, and what
//! they say of `domain::pix`'s values (`domain_values`).

pub use crate::i18n::catalogue::PixTexts;
use crate::i18n::Lang;

mod domain_values;

pub fn pix_texts(lang: Lang) -> &'static PixTexts {
    PixTexts::of(lang)
}
