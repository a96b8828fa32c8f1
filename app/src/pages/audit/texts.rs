//! What the journal says of a line's detail (`domain::audit::AuditDetail`): the words are in
//! `locales/*/audit.ftl`; lines written before details were typed read as written.

pub use crate::i18n::catalogue::AuditTexts;
use crate::i18n::{iso_date, texts, Lang};
use domain::audit::{AuditDetail, StoredDetail};
use domain::identity::Role;
use domain::time::format_paris;

pub fn audit_texts(lang: Lang) -> &'static AuditTexts {
    AuditTexts::of(lang)
}

impl AuditTexts {
    /// A journal line's detail, in this language.
    pub fn detail(&self, detail: &StoredDetail) -> String {
        match detail {
            StoredDetail::Typed(detail) => self.typed(detail),
            StoredDetail::Written(text) => text.clone(),
        }
    }

    fn typed(&self, detail: &AuditDetail) -> String {
        let day = |iso: &str| iso_date(iso, self.lang);
        match detail {
            AuditDetail::Nothing => String::new(),
            AuditDetail::Name { name } => name.clone(),
            AuditDetail::SignInMethod { method } => match method.as_str() {
                "passkey" => self.sign_in_passkey().to_owned(),
                "demo" => self.sign_in_demo().to_owned(),
                provider => self.sign_in_provider(provider),
            },
            AuditDetail::Role { role } => match Role::parse(role) {
                Ok(role) => self.role(texts(self.lang).role(role)),
                Err(_) => self.role(role),
            },
            AuditDetail::Reason { code } => match code.as_str() {
                "passkey_unknown" => self.reason_passkey_unknown().to_owned(),
                "passkey_not_verified" => self.reason_passkey_not_verified().to_owned(),
                "account_gone" => self.reason_account_gone().to_owned(),
                "ceremony_expired" => self.reason_ceremony_expired().to_owned(),
                "malformed" => self.reason_malformed().to_owned(),
                "already_registered" => self.reason_already_registered().to_owned(),
                code => self.reason_other(code),
            },
            AuditDetail::RepeatedViews { of, more, from, to } => {
                let to = format_paris(*to);
                self.repeated_views(
                    format_paris(*from),
                    *more,
                    self.typed(of),
                    to.get(11..).unwrap_or(&to),
                )
            }
            AuditDetail::EvidenceFile { file, by_link } => match by_link {
                true => self.evidence_file_by_link(file),
                false => self.evidence_file(file),
            },
            AuditDetail::PixCertification { date, score } => {
                self.pix_certification(day(date), score)
            }
            AuditDetail::PixResult { date } => self.pix_result(day(date)),
            AuditDetail::PixCampaign { id, name } => self.pix_campaign(id, name),
            AuditDetail::ShareLink { page, link } => self.share_link(link, page),
            AuditDetail::Page { title } => self.page(title),
            AuditDetail::Entry { title } => self.entry(title),
            AuditDetail::PageAndPerson { page, person } => self.page_and_person(page, person),
            AuditDetail::EntryVerified { entry, verified } => match verified {
                true => self.entry_verified(entry),
                false => self.entry_unverified(entry),
            },
            AuditDetail::VaultItemsImported { count, source } => {
                self.vault_items_imported(*count, source)
            }
            AuditDetail::VaultExported { format } => self.vault_exported(format),
            AuditDetail::VaultPassphrase {
                memory_mib,
                iterations,
                parallelism,
            } => self.vault_passphrase(iterations, memory_mib, parallelism),
            AuditDetail::VaultRecoveryKey => self.vault_recovery_key().to_owned(),
            AuditDetail::VaultDeleted { items } => self.vault_deleted(*items),
            AuditDetail::GuardianLinked { until } => self.guardian_linked(day(until)),
            AuditDetail::GuardianRenewed { person, until } => {
                self.guardian_renewed(person, day(until))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_detail_reads_in_each_language_and_older_text_as_written() {
        let (fr, en) = (audit_texts(Lang::Fr), audit_texts(Lang::En));
        let imported = StoredDetail::Typed(AuditDetail::VaultItemsImported {
            count: 3,
            source: "bitwarden-json".into(),
        });
        assert_eq!(fr.detail(&imported), "3 éléments, bitwarden-json");
        assert_eq!(en.detail(&imported), "3 items, bitwarden-json");
        let one = StoredDetail::Typed(AuditDetail::VaultDeleted { items: 1 });
        assert_eq!(fr.detail(&one), "1 élément");
        assert_eq!(en.detail(&one), "1 item");
        let linked = StoredDetail::Typed(AuditDetail::GuardianLinked {
            until: "2027-06-30".into(),
        });
        assert_eq!(fr.detail(&linked), "jusqu'au 30/06/2027");
        assert_eq!(en.detail(&linked), "until 2027-06-30");
        let older = StoredDetail::Written("campagne 42 « Seconde 3 »".into());
        assert_eq!(en.detail(&older), "campagne 42 « Seconde 3 »");
    }
}
