//! Property tests: whatever the text, passages slice it exactly, in order, without overlap.

use proptest::prelude::*;

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z]{1,9}",
        Just("U.S.".to_string()),
        Just("Oct.".to_string()),
        Just("Mr.".to_string()),
        Just("“quoted”".to_string()),
        Just("Київ".to_string()),
        Just("£1.6bn".to_string()),
        Just("5,000".to_string()),
        Just("...".to_string()),
        Just(".".to_string()),
        Just("?".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{a0}".to_string()),
        Just("---\n".to_string()),
        Just(" ".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn passages_slice_the_text_exactly(tokens in proptest::collection::vec(token(), 0..120), headline in any::<bool>()) {
        let text: String = tokens.iter().map(|t| format!("{t} ")).collect();
        let mut last_end = 0;
        for section in parallax::internals::segment(&text, 0, headline) {
            for p in &section.passages {
                prop_assert!(p.start < p.end && p.end <= text.len());
                prop_assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
                prop_assert!(p.start >= last_end, "passages are ordered and do not overlap");
                let slice = &text[p.start..p.end];
                prop_assert_eq!(slice.trim(), slice, "passages are trimmed");
                prop_assert!(slice.chars().any(char::is_alphabetic));
                prop_assert_eq!(p.line, text[..p.start].matches('\n').count() + 1);
                last_end = p.end;
            }
        }
    }

    #[test]
    fn front_matter_parsing_never_panics(body in ".{0,200}") {
        let draft = parallax::internals::read_text(format!("---\n{body}\n---\n{body}"));
        prop_assert!(draft.body_start <= draft.text.len());
    }
}
