//! `parallax align` and `parallax export` end to end: the seeds, the JSON contract, and every
//! kind of bad input a user's folder can hold.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::cli::{align_json, parallax, problem_for, stderr};
use crate::support::seeds;

/// The article id of the (first) article read from a file whose name starts with `prefix`.
fn article_id(out: &Value, prefix: &str) -> String {
    out["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["path"].as_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no article from {prefix}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Ids of the events holding a passage of `article` that contains `needle`.
fn events_with(out: &Value, article: &str, needle: &str) -> Vec<String> {
    out["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["passages"].as_array().unwrap().iter().any(|p| p["article"] == article && p["text"].as_str().unwrap().contains(needle)))
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

fn shared(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| b.contains(x))
}

#[test]
fn seeds_air_defence_missiles_form_one_event() {
    let out = align_json(&[&seeds()], &[]);
    let a = events_with(&out, &article_id(&out, "001"), "5,000");
    let b = events_with(&out, &article_id(&out, "004"), "5,000");
    assert!(!a.is_empty() && shared(&a, &b), "the 5,000 missiles of 001 and 004 are one event");
}

/// Whether some event holds a passage of article `a` containing `in_a` and one of article `b`
/// containing `in_b`.
fn aligned(out: &Value, a: &str, in_a: &str, b: &str, in_b: &str) -> bool {
    shared(&events_with(out, &article_id(out, a), in_a), &events_with(out, &article_id(out, b), in_b))
}

#[test]
fn seeds_victory_plan_claims_line_up_across_wordings() {
    let out = align_json(&[&seeds()], &[]);
    let claims = [
        ("the plan shown to Biden", "presented his five-point plan to U.S.", "reveal a “victory plan” to President Joe Biden"),
        ("what the plan holds", "Zelensky outlined the details of the plan", "details of the Ukrainian plan have been kept under wraps"),
    ];
    for (claim, in_000, in_003) in claims {
        assert!(aligned(&out, "000", in_000, "003", in_003), "{claim}: 000 and 003 are one event");
    }
}

#[test]
#[ignore = "not found since claims are judged by the fitted model: two wordings that share one word (\"bridge\") or two (\"Russian forces\") get 0.06 and 0.16, as most such pairs of real stories are not one fact"]
fn seeds_victory_plan_claims_in_few_shared_words_line_up() {
    let out = align_json(&[&seeds()], &[]);
    assert!(aligned(&out, "000", "It is a bridge to the second peace summit", "003", "“bridge” towards stopping the war"));
    assert!(aligned(&out, "000", "Russian forces steadily pushing forward", "003", "Russian forces have made territorial gains"));
}

#[test]
#[ignore = "not found yet: by its words, 003's sentence is closer to 000's 'pressure Russia into agreeing' (TF-IDF 0.22 against 0.14)"]
fn seeds_what_a_trump_win_would_mean_lines_up() {
    let out = align_json(&[&seeds()], &[]);
    assert!(aligned(&out, "000", "painful territorial concessions", "003", "accept territorial losses"));
}

#[test]
fn seeds_rutte_in_kyiv_is_not_rutte_in_london() {
    let out = align_json(&[&seeds()], &[]);
    assert!(!aligned(&out, "000", "Rutte arrived in Kyiv", "004", "Rutte"), "Rutte arriving in Kyiv (000) is not Rutte at the London summit (004)");
}

#[test]
fn seeds_events_name_their_story_kind_and_evidence() {
    let out = align_json(&[&seeds()], &[]);
    let stories: Vec<&str> = out["stories"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    for story in out["stories"].as_array().unwrap() {
        assert!(story["first"].as_str().unwrap() <= story["last"].as_str().unwrap());
        assert!(!story["outlets"].as_array().unwrap().is_empty());
    }
    for event in out["events"].as_array().unwrap() {
        let kind = event["kind"].as_str().unwrap();
        assert!(["lede", "claim", "reuse"].contains(&kind), "{kind}");
        match event["story"].as_str() {
            Some(story) => assert!(kind != "reuse" && stories.contains(&story), "{event}"),
            None => assert_eq!(kind, "reuse", "only reuse crosses stories"),
        }
        assert!(!event["evidence"].as_array().unwrap().is_empty(), "every event says why: {event}");
    }
}

#[test]
fn seeds_windsor_and_sandringham_are_different_events() {
    let out = align_json(&[&seeds()], &[]);
    let a = events_with(&out, &article_id(&out, "001"), "Windsor");
    let b = events_with(&out, &article_id(&out, "004"), "Sandringham");
    assert!(!shared(&a, &b), "meeting King Charles at Windsor (2025-10) is not Sandringham (2025-03)");
}

#[test]
fn seeds_site_chrome_is_never_a_passage() {
    let out = align_json(&[&seeds()], &[]);
    let chrome = ["Previous Post Next Post", "Comments", "No comments yet...", "Try Our AI Features", "Related Articles", "Hashtags", "Explore what Daily8 AI can do for you:", "15:21"];
    for event in out["events"].as_array().unwrap() {
        for p in event["passages"].as_array().unwrap() {
            let text = p["text"].as_str().unwrap();
            assert!(!chrome.contains(&text), "chrome line {text:?} is a passage");
        }
    }
    // Passages cover article text only: the chrome lines are not among any article's passages.
    let text = std::fs::read_to_string(seeds().join("002_700af1b1d028a35e.txt")).unwrap();
    let lib = parallax::load::load(&[seeds()]).unwrap();
    for a in lib.articles.iter().filter(|a| a.path.starts_with("002")) {
        for p in &a.passages {
            assert!(!chrome.contains(&&text[p.start..p.end]), "{:?} is a passage", &text[p.start..p.end]);
        }
    }
}

#[test]
fn seeds_metadata_and_bundled_stories() {
    let out = align_json(&[&seeds()], &[]);
    let articles = out["articles"].as_array().unwrap();
    let from_002: Vec<&Value> = articles.iter().filter(|a| a["path"].as_str().unwrap().starts_with("002")).collect();
    assert_eq!(from_002.len(), 4, "002 holds its own story and three France 24 summaries");
    assert_eq!(from_002[0]["source"], "Daily8");
    assert!(from_002[1..].iter().all(|a| a["source"] == "France 24"));
    assert_eq!(from_002[3]["title"], "In high-stakes summit, Trump, not Putin, budges");
    assert_eq!(from_002[3]["published"], "2025-08-12", "'2 days ago' resolved against the page's date");
    assert_eq!(from_002[3]["date_origin"], "relative");
    let bbc = articles.iter().find(|a| a["path"].as_str().unwrap().starts_with("003")).unwrap();
    assert_eq!(bbc["source"], "BBC News");
    assert_eq!(bbc["published"], "2024-09-25");
    assert_eq!(bbc["date_origin"], "sidecar");
}

#[test]
fn passage_offsets_slice_the_file_exactly() {
    let out = align_json(&[&seeds()], &[]);
    let paths: std::collections::HashMap<&str, &str> =
        out["articles"].as_array().unwrap().iter().map(|a| (a["id"].as_str().unwrap(), a["path"].as_str().unwrap())).collect();
    for event in out["events"].as_array().unwrap() {
        assert!(event["passages"].as_array().unwrap().iter().map(|p| &p["article"]).collect::<std::collections::HashSet<_>>().len() >= 2);
        for p in event["passages"].as_array().unwrap() {
            let file = std::fs::read_to_string(seeds().join(paths[p["article"].as_str().unwrap()])).unwrap();
            let (start, end) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
            let slice = &file[start..end];
            assert_eq!(slice.split_whitespace().collect::<Vec<_>>().join(" "), p["text"].as_str().unwrap());
            assert_eq!(file[..start].matches('\n').count() + 1, p["line"].as_u64().unwrap() as usize);
        }
    }
}

#[test]
fn date_range_keeps_only_articles_and_events_inside_it() {
    let out = align_json(&[&seeds()], &["--from", "2024-01-01", "--to", "2024-12-31"]);
    let dates: Vec<&str> = out["articles"].as_array().unwrap().iter().map(|a| a["published"].as_str().unwrap()).collect();
    assert_eq!(dates.len(), 2);
    assert!(dates.iter().all(|d| d.starts_with("2024")));
    for e in out["events"].as_array().unwrap() {
        assert!(e["date"].as_str().unwrap().starts_with("2024"));
    }
    assert!(!out["events"].as_array().unwrap().is_empty(), "the victory plan event of 2024 remains");
}

#[test]
fn missing_path_exits_with_status_2() {
    let out = parallax(&["align", "/no/such/folder", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file or folder"));
}

#[test]
fn readable_report_lists_events_and_outlets() {
    let out = parallax(&["align", seeds().to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("8 articles"), "{text}");
    assert!(text.contains("[BBC News] 003_f042ae69e39f5617.txt:"));
}

/// Writes a folder holding good articles and one of each kind of bad file.
fn messy_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let story = "Officials said the bridge over the Elbe river collapsed on Tuesday, injuring 12 workers.";
    std::fs::write(p.join("2024-03-05_good.txt"), format!("Bridge collapses on the Elbe\n{story}\nRescue teams arrived within the hour.\n")).unwrap();
    std::fs::write(
        p.join("front.md"),
        "---\ntitle: \"Elbe bridge falls\"\nsource: Daily Planet\npublished: 2024-03-05\n---\n\nThe bridge over the Elbe river collapsed on Tuesday, injuring 12 workers, officials said.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("feed.json"),
        r#"[{"title":"Bridge down","content":"A bridge over the Elbe river collapsed Tuesday and 12 workers were injured.","source":{"name":"Wire"},"publishedAt":"2024-03-06T08:00:00Z"},{"title":"no body"}]"#,
    )
    .unwrap();
    std::fs::write(
        p.join("page.html"),
        r#"<html><head><title>Elbe bridge</title><meta property="og:site_name" content="The Herald"><meta property="article:published_time" content="2024-03-05T10:00:00Z"></head><body><article><h1>Elbe bridge collapse</h1><p>The bridge over the Elbe river collapsed on Tuesday, injuring 12 workers. Engineers had warned about corrosion in the steel beams for years, local officials confirmed on Wednesday morning.</p><p>Rescue teams from three towns arrived within the hour and searched the water until nightfall, the fire service said in a statement.</p></article></body></html>"#,
    )
    .unwrap();
    std::fs::write(p.join("copy of good.txt"), format!("Bridge collapses on the Elbe\n{story}\nRescue teams arrived within the hour.\n")).unwrap();
    std::fs::write(p.join("binary.txt"), b"\x7fELF\x02\x01\x01\x00\x00\x00garbage").unwrap();
    std::fs::write(p.join("empty.txt"), "  \n\n").unwrap();
    std::fs::write(p.join("latin1.txt"), b"Caf\xe9 owners protest\nThe caf\xe9 owners of the old town protested on Monday.\n").unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Headline in UTF-16\nBody text here.\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(p.join("utf16.txt"), utf16).unwrap();
    std::fs::write(p.join("badfront.md"), "---\ntitle: [unclosed\n---\nThe body survives a broken header.\n").unwrap();
    std::fs::write(p.join("broken.json"), "{\"title\": \"cut off").unwrap();
    std::fs::write(p.join("nothing.html"), "<html><body></body></html>").unwrap();
    let huge = "word ".repeat(2 * 1024 * 1024);
    // JSON may be larger than other files (a corpus of records in one), up to 64 MB.
    std::fs::write(p.join("huge.json"), format!("{{\"text\": \"{}\"}}", "word ".repeat(13 * 1024 * 1024 + 1))).unwrap();
    std::fs::write(p.join("huge.txt"), format!("Huge headline\n{huge}\n")).unwrap();
    std::fs::create_dir(p.join("sub")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(p, p.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(p.join("gone.txt"), p.join("dangling.txt")).unwrap();
    }
    dir
}

#[test]
fn bad_files_are_reported_and_good_ones_still_load() {
    let dir = messy_folder();
    let out = align_json(&[dir.path()], &[]);
    let paths: Vec<&str> = out["articles"].as_array().unwrap().iter().map(|a| a["path"].as_str().unwrap()).collect();
    for good in ["2024-03-05_good.txt", "front.md", "feed.json", "page.html", "latin1.txt", "utf16.txt", "badfront.md", "huge.txt"] {
        assert!(paths.contains(&good), "{good} loads; loaded: {paths:?}");
    }
    assert!(problem_for(&out, "binary.txt").unwrap().contains("binary"));
    assert!(problem_for(&out, "copy of good.txt").unwrap().contains("same article as 2024-03-05_good.txt"));
    assert!(!paths.contains(&"copy of good.txt"), "a copy is compared once");
    assert!(problem_for(&out, "empty.txt").unwrap().contains("empty"));
    assert!(problem_for(&out, "latin1.txt").unwrap().contains("Windows-1252"));
    assert!(problem_for(&out, "utf16.txt").unwrap().contains("UTF-16"));
    assert!(problem_for(&out, "badfront.md").unwrap().contains("not valid YAML"));
    assert!(problem_for(&out, "broken.json").unwrap().contains("not valid JSON"));
    assert!(problem_for(&out, "feed.json").unwrap().contains("article 2 has no text"));
    assert!(problem_for(&out, "nothing.html").is_some());
    assert!(problem_for(&out, "huge.json").unwrap().contains("skipped"));
    assert!(problem_for(&out, "huge.txt").unwrap().contains("only the first"));
    #[cfg(unix)]
    {
        assert!(problem_for(&out, "sub/loop").unwrap().contains("loop"));
        assert!(problem_for(&out, "dangling.txt").is_some());
    }
    // The four reports of the bridge collapse line up across formats.
    let bridge = out["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["passages"].as_array().unwrap().iter().any(|p| p["text"].as_str().unwrap().contains("collapsed")))
        .expect("an event for the collapse");
    let outlets: std::collections::HashSet<&str> = bridge["passages"].as_array().unwrap().iter().map(|p| p["article"].as_str().unwrap()).collect();
    assert!(outlets.len() >= 3, "{bridge}");
}

#[test]
fn metadata_comes_from_each_format() {
    let dir = messy_folder();
    let out = align_json(&[dir.path()], &[]);
    let article = |path: &str| out["articles"].as_array().unwrap().iter().find(|a| a["path"] == path).unwrap().clone();
    let good = article("2024-03-05_good.txt");
    assert_eq!(good["published"], "2024-03-05");
    assert_eq!(good["date_origin"], "filename");
    assert_eq!(good["title"], "Bridge collapses on the Elbe");
    let md = article("front.md");
    assert_eq!((md["source"].as_str(), md["date_origin"].as_str()), (Some("Daily Planet"), Some("metadata")));
    let json = article("feed.json");
    assert_eq!((json["source"].as_str(), json["published"].as_str()), (Some("Wire"), Some("2024-03-06")));
    let html = article("page.html");
    assert_eq!((html["source"].as_str(), html["published"].as_str()), (Some("The Herald"), Some("2024-03-05")));
}

#[test]
fn sidecar_overrides_file_metadata() {
    let dir = messy_folder();
    parallax::sidecar::Sidecar::update(dir.path(), "front.md", |m| {
        m.outlet = Some("Corrected Outlet".into());
        m.published = Some("2024-03-04".into());
    })
    .unwrap();
    let before = std::fs::read(dir.path().join("front.md")).unwrap();
    let out = align_json(&[dir.path()], &[]);
    let md = out["articles"].as_array().unwrap().iter().find(|a| a["path"] == "front.md").unwrap();
    assert_eq!(md["source"], "Corrected Outlet");
    assert_eq!(md["published"], "2024-03-04");
    assert_eq!(md["date_origin"], "sidecar");
    assert_eq!(std::fs::read(dir.path().join("front.md")).unwrap(), before, "article files are never modified");
}

#[test]
fn a_strictness_change_reuses_the_preparation_and_finds_what_a_fresh_alignment_finds() {
    let loaded = parallax::compare_with_progress(&[seeds()], parallax::DEFAULT_THRESHOLD, &parallax::progress::Progress::default(), None).unwrap().unwrap();
    assert!(loaded.prepared.get().is_some(), "the window keeps what a strictness change reuses");
    for strictness in [0.2, 0.5] {
        let changed = parallax::realign(&loaded, strictness);
        let fresh = parallax::align::align(&loaded.articles, strictness);
        assert_eq!(format!("{:?}", changed.alignment), format!("{fresh:?}"), "at {strictness}");
    }
    assert!(parallax::compare(&[seeds()], parallax::DEFAULT_THRESHOLD).unwrap().prepared.get().is_none(), "`compare` does not keep it");
}

/// Two articles that report the same thing in text full of what breaks HTML, Markdown and CSV.
#[test]
fn a_paragraph_copied_into_two_stories_is_one_reuse_event() {
    // A Chilean earthquake and a Bolivian runoff, two outlets each; every article ends with the
    // same wire paragraph.
    let out = align_json(&[&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wire-paragraph")], &[]);
    assert_eq!(out["stories"].as_array().unwrap().len(), 2, "two happenings");
    let reuse: Vec<&Value> = out["events"].as_array().unwrap().iter().filter(|e| e["kind"] == "reuse").collect();
    assert_eq!(reuse.len(), 1, "one event for one copied paragraph: {reuse:?}");
    assert!(reuse[0]["story"].is_null());
    assert_eq!(reuse[0]["passages"].as_array().unwrap().len(), 4, "in all four articles");
    assert!(reuse[0]["label"].as_str().unwrap().contains("regional drought"));
}

/// Two unrelated reports from The Hill, each with the hover card its pages scrape into a
/// sentence after a name: the same three headlines that day, fused to the full name.
fn hover_card_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let card = "President Trump Donald John TrumpGOP senators balk at lengthy impeachment trial Warren goes local in race to \
                build 2020 movement 2020 Democrats make play for veterans' votes MORE";
    let reports = [
        ("farm", "Farm bill stalls over food stamp rules", "2019-11-20", "said on Monday he would veto the farm bill.", "The House passed the bill by twelve votes after a night of talks over work requirements."),
        ("dam", "Oroville dam repairs finished ahead of winter", "2019-11-21", "praised the engineers who rebuilt the Oroville spillway.", "Crews poured the last concrete on Friday, two years after the spillway failed and thousands fled."),
    ];
    for (name, title, date, rest, other) in reports {
        let text = format!("---\ntitle: {title}\nsource: The Hill\ndate: {date}\n---\n{card} {rest}\n\n{other}\n");
        std::fs::write(dir.path().join(format!("{name}.md")), text).unwrap();
    }
    dir
}

#[test]
fn a_hover_card_scraped_into_sentences_joins_nothing() {
    let dir = hover_card_folder();
    let out = align_json(&[dir.path()], &[]);
    assert!(out["stories"].as_array().unwrap().is_empty(), "two unrelated reports share only the card: {}", out["stories"]);
    let events = out["events"].as_array().unwrap();
    assert!(events.is_empty(), "nothing joins them: {events:?}");
}

fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (i, outlet) in ["Wire | One", "Wire \"Two\""].iter().enumerate() {
        let text = format!(
            "---\noutlet: '{outlet}'\ndate: 2024-05-0{}\nurl: https://example.org/a?x=1&y=\"2\"\n---\nStorm <script>alert(1)</script> hits Kellport\nThe storm, named \"Ana\" | Bea, reached Kellport's harbour on Monday, flooding 1,200 homes <b>at once</b>, officials said.\n",
            i + 1
        );
        std::fs::write(dir.path().join(format!("{i}.md")), text).unwrap();
    }
    dir
}

#[test]
fn export_html_escapes_everything_it_quotes() {
    let dir = hostile_folder();
    let out = parallax(&["export", dir.path().to_str().unwrap(), "--format", "html"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<style>"), "a self-contained page");
    assert!(!html.contains("<script>") && !html.contains("<b>"), "no markup from the articles survives");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "it is shown as text");
    assert!(html.contains("href=\"https://example.org/a?x=1&amp;y=&quot;2&quot;\""), "attributes are escaped too");
    assert!(html.contains("Wire | One") && html.contains("Wire &quot;Two&quot;"));
    assert!(html.contains("first reported"), "the earlier article is marked first");
}

#[test]
fn export_markdown_keeps_pipes_and_stars_as_text() {
    let dir = hostile_folder();
    let out = parallax(&["export", dir.path().to_str().unwrap(), "--format", "md"]);
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("\"Ana\" \\| Bea"), "{md}");
    assert!(md.contains("&lt;script>alert(1)&lt;/script>") && !md.contains("<script>"), "markup is shown, not rendered");
    assert!(md.contains("— **Wire \\| One · 2024-05-01** — first reported"), "{md}");
}

#[test]
fn export_csv_round_trips_commas_quotes_and_pipes() {
    let dir = hostile_folder();
    let file = dir.path().join("out").with_extension("csv");
    let out = parallax(&["export", dir.path().to_str().unwrap(), "--format", "csv", "--story", "s1", "--output", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "--output writes the file, not standard output");
    let mut reader = csv::Reader::from_path(&file).unwrap();
    let headers = reader.headers().unwrap().clone();
    let text_at = headers.iter().position(|h| h == "text").unwrap();
    let outlet_at = headers.iter().position(|h| h == "outlet").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().any(|r| r[text_at].contains("named \"Ana\" | Bea, reached Kellport's harbour")), "{rows:?}");
    assert!(rows.iter().any(|r| &r[outlet_at] == "Wire \"Two\""));
    // Each row names its article's file, not only its id.
    let file_at = headers.iter().position(|h| h == "file").expect("a file column");
    let files: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(rows.iter().all(|r| files.iter().any(|f| f == &r[file_at])), "{rows:?}");
    // An unknown story is an error that names the stories there are.
    let bad = parallax(&["export", dir.path().to_str().unwrap(), "--format", "csv", "--story", "s9"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("the stories are s1"));
}

#[test]
fn export_a_seed_story_lists_who_did_not_report_a_claim() {
    let json = align_json(&[&seeds()], &[]);
    let story = json["stories"].as_array().unwrap().iter().find(|s| s["articles"].as_array().unwrap().len() >= 3).expect("a story of three or more articles");
    let id = story["id"].as_str().unwrap();
    let out = parallax(&["export", seeds().to_str().unwrap(), "--format", "html", "--story", id]);
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains(&format!("<section id=\"{id}\">")));
    assert!(html.contains("not reported"), "a claim some articles of the story leave out");
    let md = String::from_utf8(parallax(&["export", seeds().to_str().unwrap(), "--format", "md", "--story", id]).stdout).unwrap();
    assert!(md.contains("Not reported by:"));
}

// ---- What Parallax writes, reads and prints, from a folder nobody vetted ----

/// Two reports of one storm, as `{i}.md` with the given outlets and URLs, in `dir`.
fn storm_reports(dir: &Path, outlets: [&str; 2], urls: [&str; 2]) {
    for i in 0..2 {
        let text = format!(
            "---\noutlet: '{}'\ndate: 2024-05-0{}\nurl: '{}'\n---\nStorm hits Kellport harbour\nThe storm reached Kellport's harbour on Monday, flooding 1,200 homes, officials said.\n",
            outlets[i].replace('\'', "''"),
            i + 1,
            urls[i]
        );
        std::fs::write(dir.join(format!("{i}.md")), text).unwrap();
    }
}

#[test]
fn an_export_never_replaces_an_article_the_sidecar_or_anything_but_a_file_it_may_replace() {
    let dir = tempfile::tempdir().unwrap();
    storm_reports(dir.path(), ["Wire One", "Wire Two"], ["https://example.org/0", "https://example.org/1"]);
    std::fs::write(dir.path().join("parallax.json"), r#"{"articles": {"0.md": {"outlet": "Corrected"}}}"#).unwrap();
    let folder = dir.path().to_str().unwrap();
    let snapshot = |p: &Path| std::fs::read(p).unwrap();
    let (article, sidecar) = (dir.path().join("0.md"), dir.path().join("parallax.json"));
    let (article_before, sidecar_before) = (snapshot(&article), snapshot(&sidecar));
    let export = |output: &Path, extra: &[&str]| {
        let mut args = vec!["export", folder, "--format", "md", "--output", output.to_str().unwrap()];
        args.extend_from_slice(extra);
        parallax(&args)
    };
    for (target, why) in [(&article, "articles"), (&sidecar, "sidecar")] {
        for extra in [&[][..], &["--force"][..]] {
            let out = export(target, extra);
            assert_eq!(out.status.code(), Some(2), "{target:?} {extra:?}: {}", stderr(&out));
            assert!(stderr(&out).contains("not written") && stderr(&out).contains(why), "{}", stderr(&out));
        }
    }
    // A new Markdown file inside the folder would be read back as an article next time.
    let inside = dir.path().join("export.md");
    assert_eq!(export(&inside, &[]).status.code(), Some(2));
    assert!(!inside.exists());
    assert_eq!(snapshot(&article), article_before, "the article is untouched");
    assert_eq!(snapshot(&sidecar), sidecar_before, "the corrections are untouched");

    let elsewhere = tempfile::tempdir().unwrap();
    // A named pipe, a link and a folder are refused without waiting on them or following them.
    let fifo = elsewhere.path().join("pipe.md");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let victim = elsewhere.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let link = elsewhere.path().join("link.md");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    for (target, what) in [(&fifo, "named pipe"), (&link, "symbolic link"), (&elsewhere.path().to_path_buf(), "folder")] {
        let out = export(target, &["--force"]);
        assert_eq!(out.status.code(), Some(2), "{target:?}");
        assert!(stderr(&out).contains(what), "{}", stderr(&out));
    }
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo_like(), "the pipe is still a pipe");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me", "the link's target is untouched");

    // A regular file elsewhere is replaced only when asked.
    let report = elsewhere.path().join("report.md");
    std::fs::write(&report, "old").unwrap();
    let out = export(&report, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "old");
    let out = export(&report, &["--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&report).unwrap().contains("Storm hits Kellport harbour"));
    let mut left: Vec<String> = std::fs::read_dir(elsewhere.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["link.md", "pipe.md", "report.md", "victim.txt"], "no temporary file is left behind");
}

/// `FileType::is_fifo` under a name that reads well in an assertion.
trait FifoLike {
    fn is_fifo_like(&self) -> bool;
}

impl FifoLike for std::fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
}

#[test]
fn links_are_followed_only_inside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    storm_reports(dir.path(), ["Wire One", "Wire Two"], ["https://example.org/0", "https://example.org/1"]);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "Secret headline\nA secret sentence that must never be read into the folder.\n").unwrap();
    std::fs::create_dir(outside.path().join("docs")).unwrap();
    std::fs::write(outside.path().join("docs/system.md"), "System headline\nA system file outside the folder, about nothing here.\n").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("passwd.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("docs"), dir.path().join("share")).unwrap();
    std::os::unix::fs::symlink("/proc", dir.path().join("proc")).unwrap();
    // A link inside the folder still works (its target hidden from the walk, so read once).
    std::fs::create_dir(dir.path().join(".store")).unwrap();
    std::fs::write(dir.path().join(".store/2.md"), "---\noutlet: Wire Three\n---\nA third report\nThe storm reached Kellport's harbour on Monday, flooding 1,200 homes, officials said.\n").unwrap();
    std::os::unix::fs::symlink(".store/2.md", dir.path().join("2.md")).unwrap();
    let out = align_json(&[dir.path()], &[]);
    let paths = out["articles"].as_array().unwrap().iter().map(|a| a["path"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(paths, ["0.md", "1.md", "2.md"], "nothing from outside, the inside link read");
    for link in ["passwd.txt", "share", "proc"] {
        let problem = problem_for(&out, link).unwrap_or_else(|| panic!("no problem for {link}: {}", out["problems"]));
        assert!(problem.contains("link to outside the folder") && problem.contains("not followed"), "{problem}");
    }
}

#[test]
fn exports_carry_no_live_link_and_no_formula() {
    let dir = tempfile::tempdir().unwrap();
    storm_reports(dir.path(), ["=HYPERLINK(\"http://evil.example\",\"Wire\")", "@Wire"], ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>"]);
    std::fs::write(dir.path().join("2.md"), "---\noutlet: '+Wire'\ndate: 2024-05-03\nurl: ' JAVA\tSCRIPT:alert(1)'\n---\nStorm hits Kellport harbour\n-1+1 The storm reached Kellport's harbour on Monday, flooding 1,200 homes, officials said.\n").unwrap();
    let folder = dir.path().to_str().unwrap();
    let html = String::from_utf8(parallax(&["export", folder, "--format", "html"]).stdout).unwrap();
    let lower = html.to_lowercase();
    assert!(lower.contains("javascript:alert(document.cookie)"), "the address is shown as text");
    for scheme in ["javascript", "data", "file", "vbscript", " java"] {
        assert!(!lower.contains(&format!("href=\"{scheme}")), "a live {scheme} link: {html}");
    }
    for format in [&["--format", "csv"][..], &["--format", "csv", "--story", "s1"][..]] {
        let mut args = vec!["export", folder];
        args.extend_from_slice(format);
        let out = parallax(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&out.stdout[..]);
        let cells: Vec<String> = reader.records().flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>()).collect();
        assert!(cells.iter().any(|c| c.starts_with("'=HYPERLINK")), "the formula is kept as text: {cells:?}");
        assert!(cells.iter().any(|c| c == "'@Wire") && cells.iter().any(|c| c == "'+Wire"));
        let live: Vec<&String> = cells.iter().filter(|c| c.starts_with(['=', '+', '-', '@', '\t', '\r'])).collect();
        assert!(live.is_empty(), "cells a spreadsheet would run: {live:?}");
    }
}

#[test]
fn the_report_sends_no_control_sequence_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // An OSC 52 sequence sets the clipboard; CSI sequences move the cursor and recolour.
    let osc = "\u{1b}]52;c;cm0gLXJmIH4=\u{7}";
    storm_reports(dir.path(), ["Wire One", "Wire Two"], ["https://example.org/0", "https://example.org/1"]);
    let body = format!("Storm hits Kellport harbour\u{1b}[2J\nThe storm reached Kellport's harbour on Monday{osc}, flooding 1,200 homes, officials said \u{202e}.\n");
    std::fs::write(dir.path().join("evil\u{1b}[31m.txt"), body).unwrap();
    // Outlets from the sidecar, where JSON can carry any character.
    let sidecar = serde_json::json!({"articles": {"0.md": {"outlet": format!("Wire{osc} One")}, "1.md": {"outlet": "Wire \u{9b}2J Two"}, "gone\u{1b}[1m.md": {"outlet": "X"}}});
    std::fs::write(dir.path().join("parallax.json"), sidecar.to_string()).unwrap();
    let out = parallax(&["align", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("Kellport") && report.contains("evil") && report.contains("gone"), "{report}");
    let controls: Vec<char> = report.chars().filter(|&c| (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')).collect();
    assert!(controls.is_empty(), "control characters reached the terminal: {controls:?}");
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    let folder = seeds();
    for args in [&["align"][..], &["align", "--json"][..], &["export", "--format", "html"][..]] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_parallax"));
        command.arg(args[0]).arg(&folder).args(&args[1..]);
        let mut child = command.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
        // The reader goes away before anything is written, as `| head -0` would.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(out.status.success(), "{args:?}: exit {:?}: {stderr}", out.status);
    }
}

#[test]
fn a_bad_sidecar_entry_is_one_problem_and_every_other_entry_applies() {
    let dir = tempfile::tempdir().unwrap();
    storm_reports(dir.path(), ["Wire One", "Wire Two"], ["https://example.org/0", "https://example.org/1"]);
    std::fs::write(dir.path().join("parallax.json"), r#"{"articles": {"0.md": {"outlet": 42, "date": "2024-06-01"}, "1.md": {"outlet": "Corrected Two"}}}"#).unwrap();
    let out = align_json(&[dir.path()], &[]);
    let article = |path: &str| out["articles"].as_array().unwrap().iter().find(|a| a["path"] == path).unwrap().clone();
    assert_eq!(article("1.md")["source"], "Corrected Two", "the other entry applies");
    assert_eq!(article("0.md")["published"], "2024-06-01", "the entry's other field applies");
    assert_eq!(article("0.md")["source"], "Wire One", "the bad field is ignored, the file's own outlet kept");
    let problem = problem_for(&out, "parallax.json").expect("the bad field is a problem");
    assert!(problem.contains("0.md") && problem.contains("\"outlet\""), "{problem}");
    // What Windows PowerShell 5 writes: UTF-16 with a byte-order mark.
    let json = r#"{"articles": {"0.md": {"outlet": "Le Monde"}}}"#;
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(json.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.path().join("parallax.json"), utf16).unwrap();
    let out = align_json(&[dir.path()], &[]);
    assert_eq!(out["articles"][0]["source"], "Le Monde", "{}", out["problems"]);
}

#[test]
fn odd_encodings_line_endings_dates_and_keys_are_read_right_or_reported() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = "Harbour reopens after storm\nThe harbour of Kellport reopened on Friday, the port authority said.\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.path().join("utf16.txt"), utf16).unwrap();
    std::fs::write(dir.path().join("mac.txt"), "Old Mac headline\rThe first sentence of an old Mac file. The second one.\r").unwrap();
    let dated = |name: &str, date: &str| std::fs::write(dir.path().join(name), format!("---\ntitle: A dated report {name}\ndate: '{date}'\n---\nA report with a date in its front matter, about {name}.\n")).unwrap();
    dated("impossible.md", "2024-13-45");
    dated("zero.md", "0000-00-00");
    dated("negative.md", "-2024-01-01");
    dated("epoch.md", "1700000000");
    let nfd = "cafe\u{301}.md";
    std::fs::write(dir.path().join(nfd), "A decomposed name\nA file whose name macOS wrote decomposed.\n").unwrap();
    std::fs::write(dir.path().join("parallax.json"), "{\"articles\": {\"./mac.txt\": {\"outlet\": \"Dot Slash\"}, \"caf\u{e9}.md\": {\"outlet\": \"Composed\"}, \"missing.md\": {\"outlet\": \"Nobody\"}}}").unwrap();
    let out = align_json(&[dir.path()], &[]);
    let article = |path: &str| out["articles"].as_array().unwrap().iter().find(|a| a["path"] == path).unwrap_or_else(|| panic!("no {path}: {}", out["problems"])).clone();
    assert_eq!(article("utf16.txt")["title"], "Harbour reopens after storm", "UTF-16 without a byte-order mark is text");
    assert!(problem_for(&out, "utf16.txt").is_some_and(|p| p.contains("UTF-16LE")));
    assert_eq!(article("mac.txt")["title"], "Old Mac headline", "a lone carriage return ends the headline");
    assert_eq!(article("mac.txt")["passages"], 3);
    for bad in ["impossible.md", "zero.md", "negative.md"] {
        assert!(article(bad)["published"].is_null(), "{bad}");
        assert!(problem_for(&out, bad).is_some_and(|p| p.contains("not a real date")), "{bad}: {}", out["problems"]);
    }
    assert_eq!(article("epoch.md")["published"], "2023-11-14", "seconds since 1970");
    assert_eq!(article("mac.txt")["source"], "Dot Slash", "a key written ./mac.txt names mac.txt");
    assert_eq!(article(nfd)["source"], "Composed", "NFC and NFD name one file");
    assert!(problem_for(&out, "parallax.json").is_some_and(|p| p.contains("missing.md") && p.contains("names no article file")), "{}", out["problems"]);
    // A range that holds no day is a mistake, said as one.
    let out = parallax(&["align", dir.path().to_str().unwrap(), "--from", "2024-05-02", "--to", "2024-05-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("later than --to"), "{}", stderr(&out));
}

#[test]
fn japanese_and_chinese_articles_keep_their_bodies_and_a_body_lost_to_chrome_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ja.txt"), "東京で大雨、交通に乱れ\n気象庁によると、東京都心では午前中に一時間に五十ミリの激しい雨が降った。鉄道各社は一部の路線で運転を見合わせている\n").unwrap();
    std::fs::write(dir.path().join("zh.txt"), "北京举行新闻发布会\n外交部发言人在周一的例行记者会上表示，双方将继续保持沟通！会谈将于下周举行\n").unwrap();
    std::fs::write(dir.path().join("menus.txt"), "A headline over a page of menus\nHome\nWorld News\nBusiness and Markets\nSport Results Today\nOpinion and Analysis\nWeather Forecast Now\nSign in to comment\nShare this story\n").unwrap();
    let out = align_json(&[dir.path()], &[]);
    let passages = |path: &str| out["articles"].as_array().unwrap().iter().find(|a| a["path"] == path).unwrap()["passages"].as_u64().unwrap();
    assert_eq!(passages("ja.txt"), 3, "headline and both sentences");
    assert_eq!(passages("zh.txt"), 3);
    assert!(problem_for(&out, "ja.txt").is_none() && problem_for(&out, "zh.txt").is_none());
    let dropped = problem_for(&out, "menus.txt").expect("the lost body is reported");
    assert!(dropped.contains("body dropped as page furniture"), "{dropped}");
}

// ---- Stories are happenings: the fitted judgement ----

#[test]
fn seeds_stories_are_one_happening_each() {
    let out = align_json(&[&seeds()], &[]);
    let story_of = |prefix: &str| -> Vec<Option<String>> {
        let ids: Vec<String> = out["articles"].as_array().unwrap().iter().filter(|a| a["path"].as_str().unwrap().starts_with(prefix)).map(|a| a["id"].as_str().unwrap().to_string()).collect();
        ids.iter()
            .map(|id| out["stories"].as_array().unwrap().iter().find(|s| s["articles"].as_array().unwrap().iter().any(|a| a == id)).map(|s| s["id"].as_str().unwrap().to_string()))
            .collect()
    };
    let (s000, s003) = (story_of("000"), story_of("003"));
    assert!(s000[0].is_some() && s000 == s003, "the two reports of the victory plan are one story");
    // London in October 2025, the week of the Alaska summit in August 2025, Lancaster House in
    // March 2025: three happenings, never one story.
    let (s001, s002, s004) = (story_of("001"), story_of("002"), story_of("004"));
    for (a, b) in [(&s001, &s002), (&s001, &s004), (&s002, &s004)] {
        for x in a.iter().flatten() {
            assert!(!b.contains(&Some(x.clone())), "{a:?} and {b:?} share a story");
        }
    }
    // So no claim joins them either: a claim stays inside its story.
    let article_story: std::collections::HashMap<String, Option<String>> = out["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let id = a["id"].as_str().unwrap().to_string();
            let story = out["stories"].as_array().unwrap().iter().find(|s| s["articles"].as_array().unwrap().iter().any(|x| x == &a["id"])).map(|s| s["id"].as_str().unwrap().to_string());
            (id, story)
        })
        .collect();
    for e in out["events"].as_array().unwrap().iter().filter(|e| e["kind"] == "claim") {
        for p in e["passages"].as_array().unwrap() {
            assert_eq!(article_story[p["article"].as_str().unwrap()].as_deref(), e["story"].as_str(), "a claim's passages are of its story");
        }
    }
}

#[test]
fn two_look_alike_shootings_a_month_apart_are_two_stories() {
    let dir = tempfile::tempdir().unwrap();
    let report = |name: &str, outlet: &str, date: &str, title: &str, body: &str| {
        std::fs::write(dir.path().join(name), format!("---\ntitle: \"{title}\"\nsource: \"{outlet}\"\npublished: \"{date}\"\n---\n{body}\n")).unwrap();
    };
    report("a1.md", "Springfield Ledger", "2016-03-05", "Man shot dead on Elm Street in Springfield", "A 34-year-old man was shot and killed Friday night on Elm Street in Springfield, police said. Officers found Marcus Reed lying near his car with a gunshot wound to the chest. He was pronounced dead at the scene. Police said they are looking for a silver sedan seen leaving the area. No arrests have been made.");
    report("a2.md", "Channel 5 Springfield", "2016-03-05", "Police: man killed in Elm Street shooting", "Springfield police are investigating after Marcus Reed, 34, was fatally shot on Elm Street late Friday. Witnesses told officers a silver sedan drove away after the shots. Reed died at the scene. Anyone with information is asked to call police.");
    report("b1.md", "Springfield Ledger", "2016-04-09", "Teen shot and killed on Oak Avenue in Springfield", "A 17-year-old boy was shot and killed Saturday afternoon on Oak Avenue in Springfield, police said. Jamal Carter was found on the sidewalk with gunshot wounds and was pronounced dead at the scene. Police said two men ran from the area. No arrests have been made.");
    report("b2.md", "Channel 5 Springfield", "2016-04-09", "Police: teen killed in Oak Avenue shooting", "Springfield police are investigating after Jamal Carter, 17, was fatally shot on Oak Avenue on Saturday. Witnesses told officers two men ran away after the shots. Carter died at the scene. Anyone with information is asked to call police.");
    let out = align_json(&[dir.path()], &[]);
    let stories: Vec<Vec<String>> = out["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut paths: Vec<String> = s["articles"].as_array().unwrap().iter().map(|id| out["articles"].as_array().unwrap().iter().find(|a| a["id"] == *id).unwrap()["path"].as_str().unwrap().to_string()).collect();
            paths.sort();
            paths
        })
        .collect();
    assert!(stories.iter().all(|s| s.iter().all(|p| p.starts_with('a')) || s.iter().all(|p| p.starts_with('b'))), "one story per shooting: {stories:?}");
    assert!(stories.contains(&vec!["a1.md".to_string(), "a2.md".to_string()]), "each shooting's two reports are one story: {stories:?}");
}

/// Text as the tests compare it: every run of whitespace one space.
fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each piece of a quotation (split at the marks that join pieces of one article) is in one of
/// the folder's article files, word for word.
fn assert_verbatim(quote: &str, files: &[String], context: &str) {
    for piece in quote.split(" […] ").flat_map(|p| p.split(" ¶ ")) {
        let piece = normalised(piece);
        assert!(!piece.is_empty(), "an empty piece in {quote:?} ({context})");
        assert!(files.iter().any(|f| f.contains(&piece)), "{context}: {piece:?} is not in any article as written");
    }
}

fn article_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| normalised(&std::fs::read_to_string(p).unwrap()))
        .collect()
}

/// The quotations of an HTML export: each cell's text as a reader copies it (the base's struck
/// words are generated content, which is not copied), the cell's notes left out.
fn html_quotes(html: &str) -> Vec<String> {
    let strip = |s: &str, open: &str, close: &str| -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find(open) {
            out.push_str(&rest[..i]);
            rest = rest[i..].find(close).map_or("", |j| &rest[i + j + close.len()..]);
        }
        out + rest
    };
    html.split("<td")
        .skip(1)
        .map(|cell| cell[cell.find('>').unwrap() + 1..cell.find("</td>").unwrap()].to_string())
        .filter(|cell| !cell.contains("class=\"nr\""))
        .map(|cell| {
            // What a reader copies: the text, not the tags (nor what a tag's attribute shows).
            let cell = strip(&strip(&cell, "<div", "</div>"), "<", ">");
            cell.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
        })
        .collect()
}

/// The quotations of a Markdown export, unescaped.
fn markdown_quotes(md: &str) -> Vec<String> {
    md.lines()
        .filter_map(|l| l.strip_prefix("> "))
        .filter(|l| !l.starts_with("— **"))
        .map(|l| {
            let mut out = String::new();
            let mut chars = l.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    out.extend(chars.next());
                } else {
                    out.push(c);
                }
            }
            out.replace("&lt;", "<").replace("&amp;", "&")
        })
        .collect()
}

/// Three reports of one flood whose ledes skip a sentence of no content: the lede event holds
/// the headline and the sentences after it, which the article never runs together.
fn multi_piece_lede_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, headline, day) in [("a.txt", "Kessel dam bursts in the Arno valley", 2), ("b.txt", "Arno valley flooded as Kessel dam fails", 2), ("c.txt", "Kessel dam failure floods Arno villages", 3)] {
        std::fs::write(
            dir.path().join(format!("2024-05-0{day}_{name}")),
            format!(
                "{headline}\nIt was what it was. The Kessel dam burst on Tuesday night and flooded three villages in the Arno valley. \
                 Engineers had warned about cracks in the concrete wall of the Kessel dam for years.\n\
                 Army helicopters lifted families from rooftops across the Arno valley.\n"
            ),
        )
        .unwrap();
    }
    dir
}

#[test]
fn every_exported_quotation_is_in_its_article_as_written() {
    let fixture = multi_piece_lede_folder();
    for dir in [seeds(), fixture.path().to_path_buf()] {
        let files = article_files(&dir);
        let html = String::from_utf8(parallax(&["export", dir.to_str().unwrap(), "--format", "html"]).stdout).unwrap();
        let md = String::from_utf8(parallax(&["export", dir.to_str().unwrap(), "--format", "md"]).stdout).unwrap();
        let (html_quotes, md_quotes) = (html_quotes(&html), markdown_quotes(&md));
        assert!(!html_quotes.is_empty() && !md_quotes.is_empty(), "{}", dir.display());
        for q in &html_quotes {
            assert_verbatim(q, &files, "HTML");
        }
        for q in &md_quotes {
            assert_verbatim(q, &files, "Markdown");
        }
    }
    let md = String::from_utf8(parallax(&["export", fixture.path().to_str().unwrap(), "--format", "md"]).stdout).unwrap();
    assert!(markdown_quotes(&md).iter().any(|q| q.contains(" […] ")), "the lede's pieces are shown as pieces:\n{md}");
}

#[test]
fn a_parallax_export_copied_among_the_articles_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let plain = align_json(&[dir.path()], &[]);
    let folder = dir.path().to_str().unwrap();
    for (format, name) in [("html", "comparison.html"), ("md", "comparison.md")] {
        let bytes = parallax(&["export", folder, "--format", format]).stdout;
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    std::fs::write(dir.path().join("alignment.json"), parallax(&["align", folder, "--json"]).stdout).unwrap();
    let out = align_json(&[dir.path()], &[]);
    for name in ["comparison.html", "comparison.md", "alignment.json"] {
        assert!(problem_for(&out, name).is_some_and(|m| m.contains("written by Parallax")), "{name} is noted: {}", out["problems"]);
    }
    assert_eq!(out["articles"], plain["articles"], "no export was read as an article");
    assert_eq!(out["stories"], plain["stories"]);
    assert_eq!(out["events"].as_array().unwrap().len(), plain["events"].as_array().unwrap().len());
}

// ---- Corrections kept in the sidecar ----

/// A copy of the seeds whose sidecar also holds `corrections`.
fn seeds_with_corrections(corrections: Value) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let sidecar = dir.path().join("parallax.json");
    let mut root: Value = serde_json::from_slice(&std::fs::read(&sidecar).unwrap()).unwrap();
    root["corrections"] = corrections;
    std::fs::write(&sidecar, serde_json::to_vec_pretty(&root).unwrap()).unwrap();
    dir
}

/// The passage of the seed article from `prefix` that contains `needle`, as a correction
/// names it (its article's key and its text as the window shows it).
fn passage_key(prefix: &str, needle: &str) -> Value {
    let loaded = parallax::load::load(&[seeds()]).unwrap();
    let article = loaded.articles.iter().find(|a| a.path.starts_with(prefix)).unwrap();
    let text = article.passages.iter().map(|p| article.passage_text(p)).find(|t| t.contains(needle)).unwrap();
    serde_json::json!({ "article": article.sidecar_key(), "text": text })
}

#[test]
fn corrections_in_the_sidecar_change_the_stories_claims_and_exports() {
    let plain = align_json(&[&seeds()], &[]);
    assert!(plain["stories"].as_array().unwrap().iter().chain(plain["events"].as_array().unwrap()).all(|x| x.get("corrected").is_none()), "nothing is marked corrected without a correction");
    let concessions = passage_key("000", "painful territorial concessions");
    let losses = passage_key("003", "accept territorial losses");
    let path = |prefix: &str| plain["articles"].as_array().unwrap().iter().find(|a| a["path"].as_str().unwrap().starts_with(prefix)).unwrap()["path"].clone();
    let dir = seeds_with_corrections(serde_json::json!({
        "claims": [
            { "action": "together", "passages": [concessions, losses] },
            { "action": "checked", "passages": [concessions, losses] }
        ],
        "stories": [{ "action": "together", "articles": [path("001"), path("004")] }],
        "notes": [
            { "story": path("000"), "text": "Both cite Zelensky's trip." },
            { "claim": concessions, "text": "Same fear, two wordings." },
            { "claim": { "article": path("000"), "text": "A sentence no article has." }, "text": "Lost." }
        ]
    }));
    let out = align_json(&[dir.path()], &[]);
    let (a000, a003) = (article_id(&out, "000"), article_id(&out, "003"));
    let paired = out["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| shared(&events_with(&out, &a000, "painful territorial concessions"), &[e["id"].as_str().unwrap().to_string()]) && events_with(&out, &a003, "accept territorial losses").contains(&e["id"].as_str().unwrap().to_string()))
        .expect("the two sentences paired by hand are one claim");
    assert_eq!(paired["corrected"], true);
    assert_eq!(paired["checked"], true);
    assert_eq!(paired["notes"], serde_json::json!(["Same fear, two wordings."]));
    let story_with = |id: &str| out["stories"].as_array().unwrap().iter().find(|s| s["articles"].as_array().unwrap().iter().any(|a| a == id)).cloned();
    let london = story_with(&article_id(&out, "001")).expect("001 and 004 are one story by hand");
    assert!(london["articles"].as_array().unwrap().contains(&Value::from(article_id(&out, "004"))));
    assert_eq!(london["corrected"], true);
    let victory = story_with(&a000).unwrap();
    assert_eq!(victory["notes"], serde_json::json!(["Both cite Zelensky's trip."]));
    assert!(victory.get("corrected").is_none(), "a note alone does not change a story");
    let lost = problem_for(&out, "parallax.json").expect("the note on a passage that is gone is a problem");
    assert!(lost.contains("no longer has") && lost.contains("A sentence no article has"), "{lost}");

    // The exports carry them.
    let id = victory["id"].as_str().unwrap();
    let md = String::from_utf8(parallax(&["export", dir.path().to_str().unwrap(), "--format", "md", "--story", id]).stdout).unwrap();
    assert!(md.contains("**Note:** Both cite Zelensky's trip."), "{md}");
    assert!(md.contains("**Corrected and checked by hand**") && md.contains("**Note: Same fear, two wordings.**"), "{md}");
    let html = String::from_utf8(parallax(&["export", dir.path().to_str().unwrap(), "--format", "html", "--story", id]).stdout).unwrap();
    assert!(html.contains("<div class=\"user\">Corrected and checked by hand</div>"));
    assert!(html.contains("<p class=\"user\">Note: Both cite Zelensky"), "the story's note");
    let csv = String::from_utf8(parallax(&["export", dir.path().to_str().unwrap(), "--format", "csv", "--story", id]).stdout).unwrap();
    assert!(csv.lines().next().unwrap().ends_with(",by_hand"));
    assert!(csv.contains("Corrected and checked by hand; Note: Same fear, two wordings."), "{csv}");
}
