//! "First reported": which of the articles that state a claim published it first, and whether
//! their dates can be trusted for that. Judged over every article of the story, whatever a view
//! filters, so narrowing the dates never crowns a later report; and a date from a weak origin
//! (a file name, a dateline, a relative date), or one far outside the story's other dates, is
//! flagged "date uncertain" rather than crowned silently.

use jiff::civil::Date;

use crate::article::DateOrigin;

/// Dates further than this many interquartile ranges beyond the middle half of a set of dates
/// are outliers (Tukey's far-out fences), the range counted at least a week wide: news dated
/// decades or months off its neighbours is misdated more often than early.
const FENCE_IQRS: i64 = 3;
const MIN_IQR_DAYS: i64 = 7;

/// The first and last of `dates` that are not outliers: within [`FENCE_IQRS`] interquartile
/// ranges of the middle half of the dates.
pub fn core_span(mut dates: Vec<Date>) -> Option<(Date, Date)> {
    dates.sort_unstable();
    let (q1, q3) = (*dates.get(dates.len() / 4)?, *dates.get(dates.len() * 3 / 4)?);
    let reach = ((q3 - q1).get_days() as i64).max(MIN_IQR_DAYS) * FENCE_IQRS;
    // Dates millennia apart (a misread year) reach past what a span holds: then every date is in.
    let reach = jiff::Span::new().try_days(reach).ok();
    let low = reach.and_then(|r| q1.checked_sub(r).ok()).unwrap_or(Date::MIN);
    let high = reach.and_then(|r| q3.checked_add(r).ok()).unwrap_or(Date::MAX);
    let first = *dates.iter().find(|&&d| d >= low)?;
    let last = *dates.iter().rev().find(|&&d| d <= high)?;
    Some((first, last))
}

/// Who reported a claim first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FirstReport {
    /// The reports (indices into what [`first_reported`] was given) with the earliest date:
    /// several when they tie; none when no report is dated.
    pub first: Vec<usize>,
    /// Whether one of them has a date that cannot be trusted to rank it first.
    pub uncertain: bool,
}

/// Of a claim's reports (each its article's date and where the date came from; `None` if
/// undated), those published first, judged within `story_dates` (the dates of every article of
/// the story, to tell an outlier).
pub fn first_reported(reports: &[Option<(Date, DateOrigin)>], story_dates: &[Date]) -> FirstReport {
    let Some(earliest) = reports.iter().flatten().map(|r| r.0).min() else { return FirstReport::default() };
    let first: Vec<usize> = (0..reports.len()).filter(|&k| reports[k].is_some_and(|r| r.0 == earliest)).collect();
    let span = core_span(story_dates.to_vec());
    let uncertain = first.iter().filter_map(|&k| reports[k]).any(|(date, origin)| {
        let weak = matches!(origin, DateOrigin::Filename | DateOrigin::Dateline | DateOrigin::Relative);
        let outlier = span.is_some_and(|(low, high)| date < low || date > high);
        weak || outlier
    });
    FirstReport { first, uncertain }
}

/// How a first report is marked.
pub fn mark(ties: usize, uncertain: bool) -> String {
    let tie = if ties > 1 { " (tie)" } else { "" };
    let doubt = if uncertain { " · date uncertain" } else { "" };
    format!("first reported{tie}{doubt}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_date_decades_away_is_set_apart_and_a_year_of_news_is_not() {
        let mut dates: Vec<_> = (1..=28).map(|d| date(2018, 3, d)).collect();
        dates.push(date(1984, 10, 15));
        dates.push(date(2005, 9, 5));
        assert_eq!(core_span(dates), Some((date(2018, 3, 1), date(2018, 3, 28))));
        let year: Vec<_> = (1..=12).map(|m| date(2024, m, 10)).collect();
        assert_eq!(core_span(year), Some((date(2024, 1, 10), date(2024, 12, 10))));
        // Years read wrong by thousands (9880, -2024) must not overflow the fences.
        let wild = vec![date(9880, 5, 1), date(2024, 5, 3), date(-2024, 1, 1), date(2024, 5, 4)];
        assert_eq!(core_span(wild), Some((date(-2024, 1, 1), date(9880, 5, 1))));
    }

    #[test]
    fn a_misdated_or_weakly_dated_first_report_is_marked_uncertain() {
        let story: Vec<Date> = (20..=30).map(|d| date(2018, 8, d)).chain([date(2018, 3, 1)]).collect();
        let meta = |d| Some((d, DateOrigin::Metadata));
        // Dated months before every other report of the story: first, but not to be trusted.
        let r = first_reported(&[meta(date(2018, 3, 1)), meta(date(2018, 8, 25)), None], &story);
        assert_eq!(r, FirstReport { first: vec![0], uncertain: true });
        // A date read from the file name only.
        let r = first_reported(&[Some((date(2018, 8, 21), DateOrigin::Filename)), meta(date(2018, 8, 25))], &story);
        assert_eq!(r, FirstReport { first: vec![0], uncertain: true });
        // Two trusted reports on the same day tie.
        let r = first_reported(&[meta(date(2018, 8, 25)), meta(date(2018, 8, 25)), meta(date(2018, 8, 26))], &story);
        assert_eq!(r, FirstReport { first: vec![0, 1], uncertain: false });
        assert_eq!(first_reported(&[None, None], &story), FirstReport::default());
    }
}
