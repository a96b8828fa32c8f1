//! Showcase pages: the student composes a page from entries (as in Mahara) and shares it by
//! secret link. A link is 256 random bits, shown once and stored only as its SHA-256; it may
//! expire and can be revoked; every view through it goes to the student's journal.

use super::{EntryId, EntryView};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

crate::typed_id!(
    /// A pupil's showcase page.
    PageId
);

crate::typed_id!(
    /// A secret link to a showcase page.
    ShareLinkId
);

/// What the page form sends: `entries` maps an entry id to `on` for each ticked box.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawPage {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub intro: String,
    #[serde(default)]
    pub entries: BTreeMap<String, String>,
    /// Where each entry goes on the page (`1`, `2`…); blank: after the numbered ones, in the
    /// portfolio's order.
    #[serde(default)]
    pub order: BTreeMap<String, String>,
    /// `on` when the page shows the student's Pix results.
    #[serde(default)]
    pub pix: String,
    /// `on` when the page shows the student's guidance plan (« mon projet d'orientation »).
    #[serde(default)]
    pub plan: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageProblem {
    TitleMissing,
    TitleTooLong,
    IntroTooLong,
    ControlCharacters,
    UnknownEntry,
    OrderInvalid,
}

pub const PAGE_TITLE_MAX: usize = 120;
pub const PAGE_INTRO_MAX: usize = 4_000;
/// Positions on a page run from 1 to this (an imported page keeps its order whatever its size).
pub const PAGE_POSITION_MAX: u32 = 10_000;

/// A checked page form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageDraft {
    title: String,
    intro: String,
    entries: Vec<EntryId>,
    shows_pix: bool,
    shows_plan: bool,
}

impl PageDraft {
    /// `own_entries` are the ids of the student's entries: another's id is refused.
    pub fn parse(raw: &RawPage, own_entries: &[EntryId]) -> Result<PageDraft, Vec<PageProblem>> {
        let mut problems = Vec::new();
        let title = raw.title.trim().to_owned();
        let intro = raw.intro.trim().replace("\r\n", "\n");
        if title.is_empty() {
            problems.push(PageProblem::TitleMissing);
        } else if title.chars().count() > PAGE_TITLE_MAX {
            problems.push(PageProblem::TitleTooLong);
        }
        if intro.chars().count() > PAGE_INTRO_MAX {
            problems.push(PageProblem::IntroTooLong);
        }
        if title.chars().any(char::is_control)
            || intro
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            problems.push(PageProblem::ControlCharacters);
        }
        let mut entries = Vec::new();
        for (id, ticked) in &raw.entries {
            if ticked.is_empty() {
                continue;
            }
            match id.parse::<i64>().map(EntryId::from_db) {
                Ok(id) if own_entries.contains(&id) => entries.push(id),
                _ => {
                    problems.push(PageProblem::UnknownEntry);
                    break;
                }
            }
        }
        // The positions the student gave first, then the others in the portfolio's order.
        let mut positions = BTreeMap::new();
        for id in &entries {
            let position = match raw.order.get(&id.to_string()).map(|p| p.trim()) {
                None | Some("") => u32::MAX,
                Some(p) => match p.parse::<u32>() {
                    Ok(n) if (1..=PAGE_POSITION_MAX).contains(&n) => n,
                    _ => {
                        if !problems.contains(&PageProblem::OrderInvalid) {
                            problems.push(PageProblem::OrderInvalid);
                        }
                        u32::MAX
                    }
                },
            };
            positions.insert(*id, position);
        }
        entries.sort_by_key(|id| {
            (
                positions.get(id).copied().unwrap_or(u32::MAX),
                own_entries.iter().position(|own| own == id),
            )
        });
        if problems.is_empty() {
            Ok(PageDraft {
                title,
                intro,
                entries,
                shows_pix: !raw.pix.trim().is_empty(),
                shows_plan: !raw.plan.trim().is_empty(),
            })
        } else {
            Err(problems)
        }
    }

    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn intro(&self) -> &str {
        &self.intro
    }
    pub fn entries(&self) -> &[EntryId] {
        &self.entries
    }
    pub fn shows_pix(&self) -> bool {
        self.shows_pix
    }
    pub fn shows_plan(&self) -> bool {
        self.shows_plan
    }
}

/// How long a new link lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::VariantArray)]
pub enum LinkLifetime {
    Week,
    Month,
    Quarter,
    Unlimited,
}

impl LinkLifetime {
    /// Every variant, in declaration order (derived: a new variant cannot be left out).
    pub const ALL: &'static [LinkLifetime] = <LinkLifetime as strum::VariantArray>::VARIANTS;

    pub fn seconds(self) -> Option<i64> {
        match self {
            LinkLifetime::Week => Some(7 * 86_400),
            LinkLifetime::Month => Some(30 * 86_400),
            LinkLifetime::Quarter => Some(90 * 86_400),
            LinkLifetime::Unlimited => None,
        }
    }
}

/// A page in the student's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageSummary {
    pub id: PageId,
    pub title: String,
    pub entry_count: i64,
    pub active_links: i64,
}

/// A secret link as its owner sees it (never the token, which only its creation shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkView {
    pub id: ShareLinkId,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub views: i64,
    pub last_viewed_at: Option<i64>,
}

impl LinkView {
    pub fn is_active(&self, now: i64) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|at| at > now)
    }
}

/// A page as its owner edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageView {
    pub id: PageId,
    pub title: String,
    pub intro: String,
    pub entries: Vec<EntryId>,
    pub links: Vec<LinkView>,
    pub shows_pix: bool,
    pub shows_plan: bool,
}

/// A page as a link holder sees it: the page and its entries, nothing else of the student.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPageView {
    pub title: String,
    pub intro: String,
    /// The student's first name, so the reader knows whose page it is.
    pub author: String,
    pub entries: Vec<EntryView>,
    /// The student's Pix results, when the page shows them.
    pub pix: Option<crate::pix::results::PixHistory>,
    /// The student's guidance plan, when the page shows it.
    pub plan: Option<crate::guidance::plan::on_page::PlanOnPage>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(title: &str, entries: &[(&str, &str)]) -> RawPage {
        RawPage {
            title: title.into(),
            intro: "Bonjour".into(),
            entries: entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            order: BTreeMap::new(),
            pix: String::new(),
            plan: String::new(),
        }
    }

    #[test]
    fn a_page_keeps_the_portfolio_order_of_its_entries() {
        let own = [
            EntryId::from_db(30),
            EntryId::from_db(10),
            EntryId::from_db(20),
        ];
        let draft = PageDraft::parse(
            &raw(" Mon stage ", &[("10", "on"), ("30", "on"), ("20", "")]),
            &own,
        )
        .unwrap();
        assert_eq!(draft.title(), "Mon stage");
        assert_eq!(
            draft.entries(),
            [EntryId::from_db(30), EntryId::from_db(10)]
        );
    }

    #[test]
    fn the_student_orders_the_page() {
        let own = [
            EntryId::from_db(30),
            EntryId::from_db(10),
            EntryId::from_db(20),
        ];
        let mut page = raw("Ordre", &[("10", "on"), ("30", "on"), ("20", "on")]);
        page.order = [("20", "1"), ("10", " 2 "), ("30", "")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(
            PageDraft::parse(&page, &own).unwrap().entries(),
            [
                EntryId::from_db(20),
                EntryId::from_db(10),
                EntryId::from_db(30)
            ]
        );
        for bad in ["0", "10001", "-1", "deux", "1.5"] {
            page.order.insert("30".into(), bad.into());
            assert_eq!(
                PageDraft::parse(&page, &own),
                Err(vec![PageProblem::OrderInvalid]),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_page_shows_pix_and_the_plan_only_when_ticked() {
        let mut page = raw("Mon projet", &[]);
        let draft = PageDraft::parse(&page, &[]).unwrap();
        assert!(!draft.shows_pix() && !draft.shows_plan());
        page.plan = "on".into();
        let draft = PageDraft::parse(&page, &[]).unwrap();
        assert!(draft.shows_plan() && !draft.shows_pix());
        page.plan = " ".into();
        assert!(!PageDraft::parse(&page, &[]).unwrap().shows_plan());
    }

    #[test]
    fn bad_pages_are_refused_with_every_reason() {
        let own = [EntryId::from_db(1)];
        assert_eq!(
            PageDraft::parse(&raw("", &[("2", "on")]), &own),
            Err(vec![PageProblem::TitleMissing, PageProblem::UnknownEntry])
        );
        assert_eq!(
            PageDraft::parse(&raw(&"x".repeat(121), &[("abc", "on")]), &own),
            Err(vec![PageProblem::TitleTooLong, PageProblem::UnknownEntry])
        );
        assert_eq!(
            PageDraft::parse(&raw("a\u{0}", &[]), &own),
            Err(vec![PageProblem::ControlCharacters])
        );
    }

    #[test]
    fn links_expire_and_are_revoked() {
        let link = LinkView {
            id: ShareLinkId::from_db(1),
            created_at: 0,
            expires_at: Some(100),
            revoked_at: None,
            views: 0,
            last_viewed_at: None,
        };
        assert!(link.is_active(99));
        assert!(!link.is_active(100));
        assert!(!LinkView {
            revoked_at: Some(5),
            ..link.clone()
        }
        .is_active(50));
        assert!(LinkView {
            expires_at: None,
            ..link
        }
        .is_active(i64::MAX));
        assert_eq!(LinkLifetime::Week.seconds(), Some(604_800));
    }
}
