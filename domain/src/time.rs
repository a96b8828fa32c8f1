//! Dates as French pupils read them: Paris local time (CET/CEST), computed without a time-zone
//! database so that server and browser render the same text. Paris follows the EU rule (since
//! 1996): summer time (UTC+2) from the last Sunday of March, 01:00 UTC, to the last Sunday of
//! October, 01:00 UTC; UTC+1 otherwise.

use crate::portfolio::SchoolDate;

/// A moment given in Paris time to the minute (Pix Orga's current exports): the day in Paris
/// and the instant (Unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParisMinute {
    pub day: SchoolDate,
    pub unix: i64,
}

/// (year, month, day) of a count of days since 1970-01-01 (H. Hinnant's civil-from-days).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Unix time of the last Sunday of `month` at 01:00 UTC (when EU clocks change).
fn last_sunday_0100_utc(year: i64, month: u32) -> i64 {
    let last_day = match month {
        3 | 10 => 31,
        _ => 30,
    };
    let days = days_from_civil(year, month, last_day);
    // 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7.
    let weekday = (days + 4).rem_euclid(7);
    (days - weekday) * 86_400 + 3_600
}

/// Offset of Paris from UTC, in seconds, at a Unix time.
pub fn paris_offset(unix: i64) -> i64 {
    let (year, _, _) = civil_from_days(unix.div_euclid(86_400));
    let summer = last_sunday_0100_utc(year, 3) <= unix && unix < last_sunday_0100_utc(year, 10);
    if summer {
        7_200
    } else {
        3_600
    }
}

/// `23/11/2026 01:45` — day first, 24-hour clock, as written in France (and fine in English).
/// The Paris day of a Unix time, `YYYY-MM-DD`.
pub fn paris_iso_date(unix: i64) -> String {
    let local = unix + paris_offset(unix);
    let (year, month, day) = civil_from_days(local.div_euclid(86_400));
    format!("{year:04}-{month:02}-{day:02}")
}

/// The Paris day of a Unix time.
pub fn paris_day(unix: i64) -> SchoolDate {
    SchoolDate::parse(&paris_iso_date(unix)).expect("a computed day is a date")
}

/// Days from one day to another (negative when `to` comes first).
pub fn days_between(from: SchoolDate, to: SchoolDate) -> i64 {
    let number = |d: SchoolDate| {
        days_from_civil(
            i64::from(d.year()),
            u32::from(d.month()),
            u32::from(d.day()),
        )
    };
    number(to) - number(from)
}

pub fn format_paris(unix: i64) -> String {
    let local = unix + paris_offset(unix);
    let (year, month, day) = civil_from_days(local.div_euclid(86_400));
    let seconds = local.rem_euclid(86_400);
    format!(
        "{day:02}/{month:02}/{year} {:02}:{:02}",
        seconds / 3_600,
        (seconds % 3_600) / 60
    )
}

/// `DD/MM/YYYY HH:mm` (Paris time) as the day and the instant; `None` if it is not one.
pub fn parse_paris_minute(raw: &str) -> Option<ParisMinute> {
    let (date, time) = raw.trim().split_once(' ')?;
    let mut parts = date.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || d.len() != 2 || m.len() != 2 || y.len() != 4 {
        return None;
    }
    let day = SchoolDate::parse(&format!("{y}-{m}-{d}"))?;
    let (hh, mm) = time.trim().split_once(':')?;
    let two_digits = |t: &str| t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit());
    if !two_digits(hh) || !two_digits(mm) {
        return None;
    }
    let (hour, minute): (i64, i64) = (hh.parse().ok()?, mm.parse().ok()?);
    if hour > 23 || minute > 59 {
        return None;
    }
    let year = i64::from(day.year());
    let local = days_from_civil(year, u32::from(day.month()), u32::from(day.day())) * 86_400
        + hour * 3_600
        + minute * 60;
    let summer = last_sunday_0100_utc(year, 3)..last_sunday_0100_utc(year, 10);
    // In October's repeated hour the first (summer) reading is taken.
    let unix = if summer.contains(&(local - 7_200)) {
        local - 7_200
    } else {
        local - 3_600
    };
    Some(ParisMinute { day, unix })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unix(raw: &str) -> i64 {
        parse_paris_minute(raw).unwrap().unix
    }

    #[test]
    fn days_are_counted_across_months_years_and_leap_days() {
        let day = |text: &str| SchoolDate::parse(text).unwrap();
        assert_eq!(days_between(day("2026-12-07"), day("2026-12-16")), 9);
        assert_eq!(days_between(day("2026-12-31"), day("2027-01-01")), 1);
        assert_eq!(days_between(day("2028-02-28"), day("2028-03-01")), 2);
        assert_eq!(days_between(day("2027-03-11"), day("2026-12-07")), -94);
        // 23:30 UTC on 6 December is already the 7th in Paris.
        assert_eq!(paris_day(1_796_599_800), day("2026-12-07"));
    }

    #[test]
    fn paris_times_become_utc_instants() {
        // Known instants (date -u -d '2026-04-27 05:13' +%s …).
        assert_eq!(unix("27/04/2026 07:13"), 1_777_266_780); // CEST, UTC+2
        assert_eq!(unix("15/01/2026 08:30"), 1_768_462_200); // CET, UTC+1
                                                             // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(unix("29/03/2026 01:59"), 1_774_745_940); // still winter
        assert_eq!(unix("29/03/2026 03:00"), 1_774_746_000); // summer: the same instant + 1 min
        assert_eq!(unix("25/10/2026 02:30"), 1_792_888_200); // first reading (UTC+2)
        assert_eq!(unix("25/10/2026 03:30"), 1_792_895_400); // winter again
        assert_eq!(
            parse_paris_minute("03/10/2026 14:05").unwrap().day,
            SchoolDate::parse("2026-10-03").unwrap()
        );
    }

    #[test]
    fn instants_print_back_as_the_exporter_writes_them() {
        for text in [
            "27/04/2026 07:13",
            "15/01/2026 08:30",
            "29/03/2026 03:00",
            "25/10/2026 03:30",
            "31/12/2026 23:59",
            "29/02/2028 00:00",
        ] {
            assert_eq!(format_paris(unix(text)), text);
        }
    }

    #[test]
    fn anything_else_is_not_a_time() {
        for bad in [
            "",
            "2026-10-03",
            "03/10/2026 +1:05",
            "+3/10/2026 10:00",
            "03/10/2026",
            "3/10/2026 14:05",
            "31/02/2026 10:00",
            "03/10/2026 24:00",
            "03/10/2026 14h05",
            "03/10/2026 14:05:00",
        ] {
            assert_eq!(parse_paris_minute(bad), None, "{bad}");
        }
    }

    #[test]
    fn known_instants() {
        assert_eq!(format_paris(0), "01/01/1970 01:00");
        // 2026-11-23 00:00 UTC is winter: 01:00 in Paris.
        assert_eq!(format_paris(1_795_392_000), "23/11/2026 01:00");
        // 2026-07-14 10:00 UTC is summer: 12:00 in Paris.
        assert_eq!(format_paris(1_784_023_200), "14/07/2026 12:00");
    }

    #[test]
    fn clocks_change_on_the_last_sundays_at_one_utc() {
        // 2026: 29 March and 25 October.
        let spring = last_sunday_0100_utc(2026, 3);
        assert_eq!(format_paris(spring - 1), "29/03/2026 01:59");
        assert_eq!(format_paris(spring), "29/03/2026 03:00");
        let autumn = last_sunday_0100_utc(2026, 10);
        assert_eq!(format_paris(autumn - 1), "25/10/2026 02:59");
        assert_eq!(format_paris(autumn), "25/10/2026 02:00");
    }

    #[test]
    fn civil_round_trip() {
        for days in [-1_000_000, -1, 0, 1, 19_000, 20_415, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
