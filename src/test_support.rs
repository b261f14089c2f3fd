//! What the unit tests of several modules build their cases from.

use jiff::civil::Date;

use crate::article::{Article, DateOrigin};

/// A dated article of `text`, segmented as a `.txt` file is, its outlet named `outlet`.
pub(crate) fn article(path: &str, outlet: &str, published: Date, text: &str) -> Article {
    Article {
        path: path.into(),
        part: None,
        title: None,
        outlet: Some(outlet.into()),
        published: Some(published),
        date_origin: DateOrigin::Metadata,
        url: None,
        author: None,
        language: None,
        text: text.into(),
        passages: crate::segment::segment(text, 0, true).remove(0).passages,
        record: None,
    }
}
