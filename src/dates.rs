//! Reading dates as news writes them: metadata values ("2018-09-12T10:00:00Z",
//! "Wed, 12 Sep 2018 10:00:00 GMT"), dates in file names, datelines ("May 03, 2013",
//! "3 March 2025") and relative dates ("5 hours ago", "yesterday") resolved against a known day.

use std::sync::LazyLock;

use jiff::civil::Date;
use jiff::ToSpan;
use regex::Regex;

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_number(name: &str) -> Option<i8> {
    let lower = name.to_lowercase();
    let key = lower.get(..3)?;
    MONTHS.iter().position(|m| *m == key).map(|i| i as i8 + 1)
}

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b").expect("valid regex"));
/// An ISO date with any four-digit year: metadata states real dates, old ones included.
static ISO_ANY_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[^0-9]|$)").expect("valid regex"));
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?:[^0-9]|$)").expect("valid regex"));
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b")
        .expect("valid regex")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)\d{2})\b")
        .expect("valid regex")
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:an?|one|\d{1,3})\s+(second|minute|min|hour|hr|day|week|month|year)s?\s+ago|just now|today|yesterday)$")
        .expect("valid regex")
});

fn ymd(y: &str, m: &str, d: &str) -> Option<Date> {
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// Parses a date from a metadata value. Timestamps keep the calendar day they were written in
/// (no conversion to UTC), which is the day a reader of that page saw.
pub fn parse_metadata_date(value: &str) -> Option<Date> {
    let value = value.trim();
    // `-2024-01-01` is a year before the common era, not 2024.
    if value.starts_with(['-', '+', '−']) {
        return None;
    }
    if let Some(date) = epoch_date(value) {
        return Some(date);
    }
    if let Some(c) = ISO_ANY_YEAR.captures(value) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    if let Ok(ts) = jiff::fmt::rfc2822::parse(value) {
        return Some(ts.date());
    }
    find_written_date(value).or_else(|| {
        COMPACT.captures(value).and_then(|c| ymd(&c[1], &c[2], &c[3]))
    })
}

/// A Unix time as feeds and APIs write it: seconds (10 digits) or milliseconds (13) since 1970,
/// the day in UTC. Other runs of digits are not times (`20240105` is a compact date).
fn epoch_date(value: &str) -> Option<Date> {
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds: i64 = match value.len() {
        10 => value.parse().ok()?,
        13 => value.parse::<i64>().ok()? / 1000,
        _ => return None,
    };
    let ts = jiff::Timestamp::from_second(seconds).ok()?;
    Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// A date in a file name: `2024-10-10_story.txt`, `20241010-story.txt`.
pub fn date_in_file_name(name: &str) -> Option<Date> {
    ISO.captures(name)
        .and_then(|c| ymd(&c[1], &c[2], &c[3]))
        .or_else(|| COMPACT.captures(name).and_then(|c| ymd(&c[1], &c[2], &c[3])))
}

/// The first date written out in `text`: "May 03, 2013", "3 March 2025", "2013-05-03".
pub fn find_written_date(text: &str) -> Option<Date> {
    first_written_date(text).map(|(_, date)| date)
}

/// The first date written out in `text`, with the byte offset where it starts.
fn first_written_date(text: &str) -> Option<(usize, Date)> {
    let mdy = MONTH_DAY_YEAR.captures(text).map(|c| (c.get(0).map_or(0, |m| m.start()), c));
    let dmy = DAY_MONTH_YEAR.captures(text).map(|c| (c.get(0).map_or(0, |m| m.start()), c));
    let iso = ISO.captures(text).map(|c| (c.get(0).map_or(0, |m| m.start()), c));
    let mut found: Vec<(usize, Option<Date>)> = Vec::new();
    if let Some((at, c)) = mdy {
        found.push((at, Date::new(c[3].parse().ok()?, month_number(&c[1])?, c[2].parse().ok()?).ok()));
    }
    if let Some((at, c)) = dmy {
        found.push((at, Date::new(c[3].parse().ok()?, month_number(&c[2])?, c[1].parse().ok()?).ok()));
    }
    if let Some((at, c)) = iso {
        found.push((at, ymd(&c[1], &c[2], &c[3])));
    }
    found.into_iter().filter_map(|(at, d)| Some((at, d?))).min_by_key(|(at, _)| *at)
}

/// A dateline or publication stamp within the first few lines of the body: a line that is only
/// a stamp ("May 2, 2013, 1:12 PM", "First Published: June 13, 2013"), or a line that opens with
/// a place or byline and the date ("LONDON, May 03, 2013 — ..."). A date inside a sentence
/// ("ten years after the Sept. 11, 2001 attacks") says what the article is about, not when it
/// was published, and is never taken.
pub fn find_dateline(body: &str) -> Option<Date> {
    body.lines().map(crate::unicode::trim).filter(|l| !l.is_empty()).take(4).find_map(|line| {
        let (at, date) = first_written_date(line)?;
        let opener = &line[..at];
        let opens_line = opener.chars().count() <= 40
            && opener
                .split(|c: char| !c.is_alphabetic())
                .all(|w| !w.starts_with(char::is_lowercase) || STAMP_WORDS.contains(&w));
        (opens_line || is_timestamp_line(line)).then_some(date)
    })
}

/// Resolves a relative date line ("5 hours ago", "2 days ago", "yesterday") against `base`.
pub fn resolve_relative(line: &str, base: Date) -> Option<Date> {
    let line = line.trim().trim_start_matches(['-', '–', '—', '·', ' ']).trim();
    let caps = RELATIVE.captures(line)?;
    let lower = line.to_lowercase();
    if lower == "yesterday" {
        return base.checked_sub(1.day()).ok();
    }
    let Some(unit) = caps.get(1) else { return Some(base) };
    let n: i64 = lower.split_whitespace().next()?.parse().unwrap_or(1);
    let span = match unit.as_str().to_lowercase().as_str() {
        "day" => n.days(),
        "week" => (7 * n).days(),
        "month" => n.months(),
        "year" => n.years(),
        _ => 0.days(), // seconds, minutes and hours ago: the same day as far as we can tell
    };
    base.checked_sub(span).ok()
}

/// Whether a short line is only a date, absolute or relative ("5 hours ago", "March 3, 2025").
pub fn is_date_line(line: &str) -> bool {
    let trimmed = line.trim().trim_start_matches(['-', '–', '—', '·', ' ']).trim();
    RELATIVE.is_match(trimmed) || (trimmed.split_whitespace().count() <= 6 && find_written_date(trimmed).is_some())
}

static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,4}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{2,4}\b").expect("valid regex"));
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*[ap]\.?\s*m\b\.?)?|\b\d{1,2}\s*[ap]\.?\s*m\b\.?").expect("valid regex")
});

/// What the month patterns above accept as a month: any word with one of these beginnings.
const MONTH_PREFIXES: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Words a publication stamp is made of besides dates and times: "Updated", "Posted", weekdays,
/// months and time zones.
const STAMP_WORDS: &[&str] = &[
    "updated", "update", "posted", "published", "last", "modified", "first", "on", "at", "date", "time", "am", "pm",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest",
];

/// Whether a line is only a publication stamp ("May 2, 2013, 1:12 PM", "Updated 4:08 p.m. ET",
/// "Last Updated: Monday, 28 November 2005, 02:24 GMT", "APR 28"): page furniture that says when,
/// not article text and not a headline.
pub fn is_timestamp_line(line: &str) -> bool {
    let line = line.trim();
    // Every line of text passes through here: most are prose, told apart without a regex by a
    // word that no stamp has (what the date and time patterns remove holds digits, month names
    // and the letters of "a.m.", "p.m." and ISO's "T" and "Z").
    let stamp_like = |w: &str| {
        w.bytes().any(|b| b.is_ascii_digit())
            || matches!(w, "a" | "p" | "m" | "t" | "z" | "A" | "P" | "M" | "T" | "Z")
            || STAMP_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
            || MONTH_PREFIXES.iter().any(|m| w.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(m)))
    };
    if !line.split(|c: char| !crate::unicode::is_letter_or_digit(c)).filter(|w| !w.is_empty()).all(stamp_like) {
        return false;
    }
    // More than 24 words, counted no further: a paragraph of prose is long. (Asked second: the
    // first word of prose is no stamp's, and counting words is slower.)
    if line.split_whitespace().nth(24).is_some() {
        return false;
    }
    let mut rest = line.to_string();
    let mut dated = false;
    for re in [&*MONTH_DAY_YEAR, &*DAY_MONTH_YEAR, &*ISO, &*NUMERIC_DATE, &*TIME] {
        if re.is_match(&rest) {
            dated = true;
            rest = re.replace_all(&rest, " ").into_owned();
        }
    }
    let words: Vec<String> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let month_named = words.iter().any(|w| month_number(w).is_some() && STAMP_WORDS.contains(&w.as_str()));
    let all_stamp = words.iter().all(|w| w.chars().all(|c| c.is_ascii_digit()) || STAMP_WORDS.contains(&w.as_str()));
    (dated || month_named) && all_stamp
}

/// Formats a date as `YYYY-MM-DD`.
pub fn iso(date: Date) -> String {
    date.strftime("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn metadata_values() {
        assert_eq!(parse_metadata_date("2018-09-12"), Some(date(2018, 9, 12)));
        assert_eq!(parse_metadata_date("2018-09-12T23:30:00-05:00"), Some(date(2018, 9, 12)));
        assert_eq!(parse_metadata_date("Wed, 12 Sep 2018 10:00:00 GMT"), Some(date(2018, 9, 12)));
        assert_eq!(parse_metadata_date("September 12, 2018"), Some(date(2018, 9, 12)));
        assert_eq!(parse_metadata_date("2018-02-30"), None);
        assert_eq!(parse_metadata_date("0000-00-00"), None);
        assert_eq!(parse_metadata_date("31/02/2024"), None);
        assert_eq!(parse_metadata_date("1850-02-03"), Some(date(1850, 2, 3)), "a real date from any year");
        assert_eq!(parse_metadata_date("2150-12-31T00:00:00Z"), Some(date(2150, 12, 31)));
        assert_eq!(parse_metadata_date("soon"), None);
        assert_eq!(parse_metadata_date("-2024-01-01"), None, "a year before the common era is not 2024");
        assert_eq!(parse_metadata_date("2024-13-45"), None);
        assert_eq!(parse_metadata_date("1700000000"), Some(date(2023, 11, 14)), "seconds since 1970");
        assert_eq!(parse_metadata_date("1700000000000"), Some(date(2023, 11, 14)), "milliseconds since 1970");
        assert_eq!(parse_metadata_date("20240105"), Some(date(2024, 1, 5)));
    }

    #[test]
    fn file_names_and_datelines() {
        assert_eq!(date_in_file_name("2024-10-10_x.txt"), Some(date(2024, 10, 10)));
        assert_eq!(date_in_file_name("story-20241010.txt"), Some(date(2024, 10, 10)));
        assert_eq!(date_in_file_name("000_830395bd5e98b52a.txt"), None);
        assert_eq!(find_dateline("Headline\nFirst Published: June 13, 2013 4:59 PM EDT\nBody."), Some(date(2013, 6, 13)));
        assert_eq!(find_dateline("LONDON, May 03, 2013 — text"), Some(date(2013, 5, 3)));
        assert_eq!(find_dateline("Published 3rd March 2025"), Some(date(2025, 3, 3)));
        assert_eq!(find_dateline("WASHINGTON (Reuters) - Updated on May 4, 2013: text"), Some(date(2013, 5, 4)));
        assert_eq!(find_dateline("Headline\nTen years after the Sept. 11, 2001 attacks, the city remembers."), None, "a date inside a sentence");
        assert_eq!(find_dateline("Headline\nThe vote, set for March 3, 2020, was delayed."), None);
    }

    #[test]
    fn relative_dates() {
        let base = date(2025, 8, 14);
        assert_eq!(resolve_relative("5 hours ago", base), Some(base));
        assert_eq!(resolve_relative("2 days ago", base), Some(date(2025, 8, 12)));
        assert_eq!(resolve_relative("yesterday", base), Some(date(2025, 8, 13)));
        assert_eq!(resolve_relative("a week ago", base), Some(date(2025, 8, 7)));
        assert_eq!(resolve_relative("France 24", base), None);
        assert!(is_date_line("14 hours ago"));
    }

    #[test]
    fn timestamp_lines() {
        for stamp in ["May 2, 2013, 1:12 PM", "Updated 4:08 p. m. ET", "12:52 p. m. EDT May 2, 2013", "Tuesday, May 24, 2005",
            "Posted 11 / 27 / 2005 7:21 AM", "Last Updated: Monday, 28 November 2005, 02:24 GMT", "APR 28", "2013-05-03"]
        {
            assert!(is_timestamp_line(stamp), "{stamp}");
        }
        for text in ["Lindsay Lohan checks into rehab", "May 2013 be better", "Friday", "Sixers fire coach on Monday",
            "Quake kills 10 on May 2, 2013", "March for Our Lives"]
        {
            assert!(!is_timestamp_line(text), "{text}");
        }
        assert!(!is_date_line("- France 24"));
    }
}
