//! Numbers and dates as each language writes them (French: a decimal comma, day first).

use super::Lang;
use domain::portfolio::SchoolDate;

/// "1,2 Mo" / "1.2 MB", "35 ko" / "35 kB".
pub fn human_size(bytes: impl TryInto<u64>, lang: Lang) -> String {
    let bytes = bytes.try_into().unwrap_or(0);
    let (value, unit) = if bytes >= 1_000_000 {
        (
            bytes as f64 / 1_000_000.0,
            if lang == Lang::Fr { "Mo" } else { "MB" },
        )
    } else {
        (
            (bytes as f64 / 1_000.0).max(1.0),
            if lang == Lang::Fr { "ko" } else { "kB" },
        )
    };
    let text = if value < 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    };
    match lang {
        Lang::Fr => format!("{} {unit}", text.replace('.', ",")),
        Lang::En => format!("{text} {unit}"),
    }
}

/// A number with `digits` decimals: "2,5" in French, "2.5" in English.
pub fn decimal(value: f64, digits: usize, lang: Lang) -> String {
    let text = format!("{value:.digits$}");
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A day written `YYYY-MM-DD` (as stored), as the language writes it: "30/06/2027" in French;
/// anything else is left as it is.
pub fn iso_date(iso: &str, lang: Lang) -> String {
    match (lang, iso.split('-').collect::<Vec<_>>().as_slice()) {
        (Lang::Fr, [y, m, d]) if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            format!("{d}/{m}/{y}")
        }
        _ => iso.to_owned(),
    }
}

/// "14/03/2026" in French, "2026-03-14" in English.
pub fn school_date(date: SchoolDate, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{:02}/{:02}/{}", date.day(), date.month(), date.year()),
        Lang::En => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_dates_read_as_each_language_writes_them() {
        assert_eq!(human_size(1_234_567, Lang::Fr), "1,2 Mo");
        assert_eq!(human_size(1_234_567, Lang::En), "1.2 MB");
        assert_eq!(human_size(35_000, Lang::Fr), "35 ko");
        assert_eq!(human_size(12, Lang::En), "1.0 kB");
        assert_eq!(decimal(2.46, 1, Lang::Fr), "2,5");
        assert_eq!(decimal(2.46, 1, Lang::En), "2.5");
        let date = SchoolDate::parse("2026-03-04").unwrap();
        assert_eq!(school_date(date, Lang::Fr), "04/03/2026");
        assert_eq!(school_date(date, Lang::En), "2026-03-04");
    }
}
