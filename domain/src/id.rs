//! Typed ids: a row's id as a type of its own, so that a page id cannot be passed where an
//! entry's is expected, and server functions take `EntryId`, not an `i64` to wrap by hand.
//! Only storage mints them (`from_db`); a URL or a form parses one (`FromStr`, serde), and
//! whether it names a row the asker may see is the store's answer, not the parser's.

/// Declares `pub struct $name(i64)` with what every id has: serde as the bare number,
/// `from_db`, `get`, `FromStr` and `Display`.
#[macro_export]
macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            serde::Serialize,
            serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// Only storage mints ids; everything else receives them.
            pub fn from_db(id: i64) -> $name {
                $name(id)
            }

            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<$name, Self::Err> {
                s.parse().map($name)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::typed_id!(
        /// An id for the test.
        ThingId
    );

    #[test]
    fn an_id_reads_and_writes_as_its_number() {
        let id: ThingId = "42".parse().unwrap();
        assert_eq!(id, ThingId::from_db(42));
        assert_eq!(id.to_string(), "42");
        assert_eq!(serde_json::to_string(&id).unwrap(), "42");
        assert_eq!(serde_json::from_str::<ThingId>("7").unwrap().get(), 7);
        assert!("sept".parse::<ThingId>().is_err());
        assert!(serde_json::from_str::<ThingId>("\"7\"").is_err());
    }
}
