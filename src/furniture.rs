//! Page furniture inside the text: photo captions and credits, video widgets and "Read more"
//! links that scraping leaves between paragraphs. They are not what the outlet reported, so they
//! are never passages: as event labels ("REUTERS/Eduardo Munoz") or lede sentences ("Senator X
//! speaks at the National Press Club, August 21, 2018.") they would mislead.
//!
//! One kind sits inside a sentence: The Hill's hover cards, scraped into the text after a name
//! (see [`without_inline_widgets`]).
//!
//! Each test looks at one whole line and asks for a shape that prose does not take: a credit
//! with a slash or a colon, a caption that ends on its photo's date with no preposition before
//! it, a line that starts with a video widget's "CLOSE" or ends with a link's "Read more", an
//! archive banner that says only how old the page is, a contributor credit or a prompt to
//! follow the writer.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// Credit and caption markers, as agencies and sites print them (case matters: "Photo:" and
/// "REUTERS/" are markers, "a photo" and "Reuters reported" are prose).
const CREDIT_MARKERS: [&str; 18] = [
    "REUTERS/", "/REUTERS", "/Reuters", "Reuters/", "Getty Images", "AFP/", "/AFP", "AP Photo", "(Photo", "Photo:",
    "Photograph:", "Photo by ", "Photo credit", "Image copyright", "Image caption", "toggle caption", "FILE PHOTO",
    "File Photo",
];

/// Longest line that can be a credit: credits and captions are one or two sentences.
const MAX_CREDIT_CHARS: usize = 400;

const MONTHS: [&str; 21] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "Apr.",
];

/// Words that put a date inside a sentence ("met on March 2, 2017"): a caption's date stands
/// after a comma or a place, never after one of these.
const DATE_PREPOSITIONS: [&str; 14] =
    ["on", "from", "since", "until", "by", "of", "in", "before", "after", "through", "to", "between", "and", "at"];

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Longest span a hover card can take: a full name and three headlines.
const MAX_WIDGET_BYTES: usize = 500;

/// The text with The Hill's hover cards taken out. After a name, the page holds the person's
/// full name fused to three related headlines and "MORE": "President Trump Donald John
/// TrumpGOP senators balk at lengthy impeachment trial Warren goes local in race to build 2020
/// movement 2020 Democrats make play for veterans' votes MORE’s tweet". The same headlines stand
/// in every article scraped that day, so left in they make reuse and claims of their own. A
/// card starts inside a word where a surname written just before is fused to a capital ("Trump"
/// and "GOP"), with the full name before that, and ends at the word "MORE" in capitals:
/// "President Trump’s tweet".
pub fn without_inline_widgets(text: &str) -> std::borrow::Cow<'_, str> {
    let spans = inline_widget_spans(text);
    if spans.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut kept = 0;
    for span in spans {
        out.push_str(&text[kept..span.start]);
        kept = span.end;
    }
    out.push_str(&text[kept..]);
    std::borrow::Cow::Owned(out)
}

/// What ends a hover card, looked for in every passage of a folder, mostly in vain: a searcher
/// made once, not one per passage.
static CARD_END: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new(" MORE"));

/// The byte ranges of `text` that are hover cards (see [`without_inline_widgets`]), in order.
/// Segmentation reads them too: a card's headlines end in "?" or "." ("Tired of political
/// corruption?"), which must not cut the sentence the card sits in.
pub fn inline_widget_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    if CARD_END.find(text.as_bytes()).is_none() {
        return spans;
    }
    let mut kept = 0;
    for (more, marker) in text.match_indices(" MORE") {
        let end = more + marker.len();
        if more < kept || text[end..].chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let window = text.floor_char_boundary(more.saturating_sub(MAX_WIDGET_BYTES)).max(kept);
        if let Some(start) = card_start(&text[window..more]) {
            spans.push(window + start..end);
            kept = end;
        }
    }
    spans
}

/// Longest full name a hover card opens with ("Addison (Mitch) Mitchell McConnell").
const MAX_FULL_NAME_BYTES: usize = 60;

/// Where the hover card in `text` starts: at its first surname fused to a capital ("TrumpGOP"),
/// if that surname also stands as a word of its own before it ("President Trump Donald John
/// TrumpGOP"). The full name between the two belongs to the card when it is short.
fn card_start(text: &str) -> Option<usize> {
    let mut word_start = 0;
    for (at, c) in text.char_indices() {
        if !c.is_alphanumeric() {
            word_start = at + c.len_utf8();
            continue;
        }
        let surname = &text[word_start..at];
        // Fused to a capital ("TrumpGOP") or to a figure ("Clinton2020 Democrats make play…").
        if !((c.is_uppercase() || c.is_ascii_digit()) && surname.chars().next_back().is_some_and(char::is_lowercase) && surname.starts_with(char::is_uppercase)) {
            continue;
        }
        let before = &text[..word_start];
        let is_word = |i: usize| {
            before[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
                && before[i + surname.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        };
        if let Some(mention) = before.match_indices(surname).map(|(i, _)| i).filter(|&i| is_word(i)).last() {
            let name_end = mention + surname.len();
            return Some(if word_start - name_end <= MAX_FULL_NAME_BYTES { name_end } else { at });
        }
        // The writer's own mention is the fused word itself: "George PapadopoulosGeorge Demetrios
        // PapadopoulosThe Hill's…": the card is the full name that follows, ending in the same
        // surname fused again.
        let after = &text[at..];
        // Not the rest of one name ("Mc" of "McConnell", fused again in "McConnellGOP").
        let rest_of_word = &after[..after.find(|c: char| !c.is_alphanumeric()).unwrap_or(after.len())];
        let refused = after.match_indices(surname).find(|&(i, _)| {
            let next = &after[i + surname.len()..];
            i <= MAX_FULL_NAME_BYTES
                && i > 0
                && after[..i].chars().next_back().is_some_and(|c| !c.is_alphanumeric())
                && next.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                && !next.starts_with(rest_of_word)
        });
        if refused.is_some() {
            return Some(at);
        }
    }
    spaced_card_start(text)
}

/// Where a hover card that is not fused to the name before it starts: "Speaker Paul Ryan Paul
/// Davis Ryan Retirees should say…": after a name ("Paul Ryan"), the same person's full name
/// again (from the same first name to the same surname, a few names between), then the card's
/// headlines. The card starts after the first mention.
fn spaced_card_start(text: &str) -> Option<usize> {
    let words = words_with_offsets(text);
    let name = |w: &str| w.starts_with(char::is_uppercase) || (w.starts_with('(') && w.ends_with(')'));
    for k in 0..words.len().saturating_sub(3) {
        let (first, surname) = (words[k].1, words[k + 1].1);
        if !(name(first) && name(surname)) || words[k + 2].1 != first {
            continue;
        }
        let end_of_mention = words[k + 1].0 + surname.len();
        for &(at, word) in &words[k + 3..(k + 7).min(words.len())] {
            if !name(word) || at - end_of_mention > MAX_FULL_NAME_BYTES {
                break;
            }
            if word == surname {
                return Some(end_of_mention);
            }
        }
    }
    None
}

/// The words of `text` between spaces, each with its byte offset.
fn words_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut at = 0;
    let mut words = Vec::new();
    for w in text.split(' ') {
        if !w.is_empty() {
            words.push((at, w));
        }
        at += w.len() + 1;
    }
    words
}

/// Whether a whole line of text is page furniture rather than reporting.
pub fn is_furniture(line: &str) -> bool {
    let line = crate::unicode::trim(line);
    if line.is_empty() || line.chars().count() > MAX_CREDIT_CHARS {
        return false;
    }
    CREDIT_MARKER.is_match(line)
        || is_video_widget(line)
        || is_link(line)
        || is_dated_caption(line)
        || is_age_banner(line)
        || is_contributor_credit(line)
        || is_follow_prompt(line)
}

/// How every phrase of [`CONTRIBUTED`] starts: a searcher made once, not one per line.
static CONTRIBUTED_START: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("contributed "));

/// Who helped write the report, at its foot: "Fox News' John Roberts and The Associated Press
/// contributed to this report." Two reports of one story credit the same people, so the credit
/// would become a claim of the story, or reuse across stories.
fn is_contributor_credit(line: &str) -> bool {
    // Every phrase starts so; one fast search rules out almost every line.
    CONTRIBUTED_START.find(line.as_bytes()).is_some() && CONTRIBUTED.find_overlapping_iter(line).any(|m| matches!(line[m.end()..].chars().next(), None | Some('.' | ',')))
}

/// Any of [`CREDIT_MARKERS`], found in one pass: every line of every article is asked.
/// Leftmost-first, because the automaton then has a fast prefilter for where a phrase may start;
/// whether any phrase is in the line is the same question under any match kind.
static CREDIT_MARKER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostFirst).build(CREDIT_MARKERS).expect("plain phrases")
});

static CONTRIBUTED: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(["contributed to this report", "contributed to this article", "contributed to this story", "contributed reporting"]).expect("plain phrases")
});

/// A prompt to follow the writer: "Follow him on Twitter @RadioFreeTom."
fn is_follow_prompt(line: &str) -> bool {
    line.strip_prefix("Follow ").is_some_and(|rest| [" on Twitter", " on Facebook", " on Instagram"].iter().any(|site| rest.contains(site)))
}

/// An archive banner: "This article is more than 10 months old" (The Guardian). Two articles of
/// one story that both carry it would otherwise make it a claim.
fn is_age_banner(line: &str) -> bool {
    let Some(age) = line.trim_end_matches('.').strip_prefix("This article is ").and_then(|rest| rest.strip_suffix(" old")) else {
        return false;
    };
    let age = age.strip_prefix("more than ").or_else(|| age.strip_prefix("over ")).unwrap_or(age);
    let mut words = age.split(' ');
    match (words.next(), words.next(), words.next()) {
        (Some(count), Some(unit), None) => {
            !count.is_empty() && count.bytes().all(|b| b.is_ascii_digit()) && matches!(unit, "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years")
        }
        _ => false,
    }
}

/// USA Today's video boxes: "CLOSE Secretary of State Mike Pompeo on Sunday called ...".
fn is_video_widget(line: &str) -> bool {
    line.strip_prefix("CLOSE ").is_some_and(|rest| rest.starts_with(char::is_uppercase))
}

/// Markers that open a link to another article: "More: Trump prompts Dem women to run".
const LINK_MARKERS: [&str; 12] =
    ["More:", "MORE:", "Related:", "RELATED:", "Read more:", "Read More:", "READ MORE:", "See also:", "SEE ALSO:", "ALSO READ:", "Watch:", "WATCH:"];

/// A link to another article: "EU, China and Russia in move to sidestep US sanctions Read more",
/// "More: Trump prompts Dem women to run for Congress in Pa.", "SEE ALSO: …".
fn is_link(line: &str) -> bool {
    let core = line.trim_end_matches(|c: char| c == '.' || c == '…' || c == '»' || c == '>' || c.is_whitespace());
    core.ends_with("Read more") || core.ends_with("Read More") || core.ends_with("READ MORE") || LINK_MARKERS.iter().any(|m| line.starts_with(m))
}

/// A photo caption ends on the day the photo was taken, after a place rather than a
/// preposition: "... in Washington, U.S., July 9, 2018." but not "... met on March 2, 2017.".
fn is_dated_caption(line: &str) -> bool {
    let core = line.trim_end_matches(['.', ')', ' ']);
    // "... July 9, 2018": a year, a comma, a day, a month.
    let Some((before_year, year)) = core.rsplit_once(' ') else { return false };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Some(before_day) = before_year.strip_suffix(',') else { return false };
    let Some((before_month, day)) = before_day.rsplit_once(' ') else { return false };
    if day.is_empty() || day.len() > 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Some(month) = MONTHS.iter().find(|m| before_month.ends_with(*m)) else { return false };
    if line.starts_with("Picture taken") {
        return true;
    }
    let mut rest = before_month[..before_month.len() - month.len()].trim_end();
    let mut after_comma = false;
    if let Some(stripped) = rest.strip_suffix(',') {
        (rest, after_comma) = (stripped.trim_end(), true);
    }
    if let Some(day_name) = WEEKDAYS.iter().find(|w| rest.ends_with(*w)) {
        rest = rest[..rest.len() - day_name.len()].trim_end();
        if let Some(stripped) = rest.strip_suffix(',') {
            (rest, after_comma) = (stripped.trim_end(), true);
        }
    }
    // The date follows the place: after a comma ("Capitol Hill, July 11") or a name ("Syria
    // November 4"), never after a preposition or an ordinary word ("takes effect January 1").
    let previous_word = rest.rsplit(' ').next().unwrap_or("");
    let after_place = after_comma || previous_word.starts_with(char::is_uppercase);
    after_place && !DATE_PREPOSITIONS.contains(&previous_word.to_lowercase().as_str()) && !line.contains("(@")
}

#[cfg(test)]
mod tests {
    use super::{is_furniture, without_inline_widgets};

    #[test]
    fn hover_cards_inside_sentences_are_taken_out() {
        let text = "President Trump Donald John TrumpGOP senators balk at lengthy impeachment trial Warren goes local in race \
                    to build 2020 movement 2020 Democrats make play for veterans' votes MORE’s tweet sparked a backlash.";
        assert_eq!(without_inline_widgets(text), "President Trump’s tweet sparked a backlash.");
        let two = "Russia stopped Mitt Romney Willard (Mitt) Mitt RomneyJon Huntsman expected to run for governor MORE from \
                   becoming Senate Majority Leader Mitch McConnell Addison (Mitch) Mitchell McConnellGOP senators balk MORE [R-Ky.] aide.";
        assert_eq!(without_inline_widgets(two), "Russia stopped Mitt Romney from becoming Senate Majority Leader Mitch McConnell [R-Ky.] aide.");
        let figure = "a lawyer for Hillary Clinton Hillary Diane Rodham Clinton2020 Democrats make play for veterans' votes The Memo: \
                      Democrats confront prospect of long primary MORE’s campaign.";
        assert_eq!(without_inline_widgets(figure), "a lawyer for Hillary Clinton’s campaign.");
        let fused = "guilty pleas from Flynn and George PapadopoulosGeorge Demetrios PapadopoulosThe Hill's Campaign Report: Red-state \
                     governors races pose test for Trump MORE, a campaign adviser.";
        assert_eq!(without_inline_widgets(fused), "guilty pleas from Flynn and George Papadopoulos, a campaign adviser.");
        let spaced = "condemned by retiring House Speaker Paul Ryan Paul Davis Ryan Retirees should say 'no thanks' to Romney's \
                      Social Security plan MORE (R-Wis.), who removed him.";
        assert_eq!(without_inline_widgets(spaced), "condemned by retiring House Speaker Paul Ryan (R-Wis.), who removed him.");
        let plain = "Paul Ryan met Paul Davis, then Ryan said MORE was needed.";
        assert_eq!(without_inline_widgets(plain), plain, "a sentence that names people twice is no card");
        // A name mentioned long before: only the fused headlines go.
        let far = "Trump said on Monday, in a long statement issued from the residence after the meeting, that Donald John \
                   TrumpGOP senators balk at lengthy impeachment trial MORE would not change course.";
        assert_eq!(
            without_inline_widgets(far),
            "Trump said on Monday, in a long statement issued from the residence after the meeting, that Donald John Trump would not change course."
        );
        for prose in [
            "The iPhone maker said MORE than once that YouTube would pay.",
            "McDonald's said sales rose; the MORE campaign, led by Jane McDonald, ends today.",
            "Ticket sales were slow. CLICK FOR MORE",
            "Zoë Trumpé signed for MOREs.",
        ] {
            assert_eq!(without_inline_widgets(prose), prose);
        }
        // The look-back window may start inside a multi-byte character.
        let wide = format!("{} Zoë Zoë ZoëΓιάννης said so MORE today", "é\u{200b}".repeat(200));
        assert_eq!(without_inline_widgets(&wide), format!("{} Zoë Zoë today", "é\u{200b}".repeat(200)));
    }

    #[test]
    fn credits_captions_widgets_and_links_are_furniture() {
        for line in [
            "REUTERS/Eduardo Munoz",
            "Enlarge this image toggle caption Saul Loeb/AFP/Getty Images Saul Loeb/AFP/Getty Images",
            "(Photo: Courtesy of the North Carolina Supreme Court)",
            "Photograph: Logan Cyrus/AFP/Getty Images",
            "Senator Elizabeth Warren speaks at the National Press Club in Washington, D.C., August 21, 2018.",
            "FILE PHOTO: Syrian Democratic Forces and U.S. troops are seen during a patrol near Turkish border in Hasakah, Syria November 4, 2018.",
            "Central American migrants traveling with a caravan to the U.S. make their way to Pijijiapan, Mexico, Thursday, Oct. 25, 2018.",
            "Picture taken June 18, 2018.",
            "CLOSE Amateur video footage obtained by The Associated Press shows the moment police apprehended the suspect.",
            "EU, China and Russia in move to sidestep US sanctions on Iran Read more",
            "...Read more",
            "More: Trump prompts Dem women to run for Congress in Pa., but they face 'old boys network'",
            "Related:Saudis reject US threats over missing journalist Jamal Khashoggi",
            "SEE ALSO: The 9 biggest questions about the Nunes memo",
            "More:The controversial Nunes memo has been released.",
            "This article is more than 10 months old",
            "This article is more than 1 year old",
            "Fox News' John Roberts and The Associated Press contributed to this report.",
            "• Dave Boyer contributed to this article.",
            "— Scott Wong and Jordan Fabian contributed to this report, which was updated at 5:46 p.m.",
            "Reuters, The Associated Press and CNBC's Valerie Block contributed reporting.",
            "Follow him on Twitter @RadioFreeTom.",
            "Follow Scott on Twitter and buy his new book.",
        ] {
            assert!(is_furniture(line), "{line}");
        }
    }

    #[test]
    fn reporting_is_not_furniture() {
        for line in [
            "Reuters reported that the talks would resume on Monday.",
            "Johnson released two pages of Strzok-Page messages from May 19, 2017.",
            "The Republican-led Wisconsin Legislature limited the powers of Gov.-elect Tony Evers on Wednesday, Dec. 5, 2018.",
            "Comey made this revelation in closed-session testimony before the committee on March 2, 2017.",
            "AMERICA FIRST! — Donald J. Trump (@realDonaldTrump) January 13, 2018",
            "The law takes effect January 1, 2019.",
            "CLOSED for the holiday, the office reopens on Monday.",
            "Read more about the plan below, where the minister sets out its four parts.",
            "More than 800,000 people registered on the holiday.",
            "Moreover: the plan was never costed.",
            "Related stories ran in three papers: Khashoggi was missing.",
            "A photo of the suspect was released by police.",
            "This article is more than 10 pages long.",
            "This article is more than 10 months old and still read every day.",
            "This article is old news.",
            "Years of neglect contributed to this report's grim findings, the inspector said.",
            "She contributed reportings and essays to the magazine for a decade.",
            "Followers on Twitter asked whether the vote would be held.",
            "Follow-up talks are planned on Twitter's moderation rules.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }
}
