//! End-to-end tests of `parallax align`: the seeds, the JSON contract, and every kind of bad
//! input a user's folder can hold.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax")).args(args).output().expect("run parallax")
}

fn align_json(path: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["align", path.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let out = parallax(&args);
    assert!(out.status.success(), "align failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("one JSON object on stdout")
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

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
    let out = align_json(&seeds(), &[]);
    let a = events_with(&out, &article_id(&out, "001"), "5,000");
    let b = events_with(&out, &article_id(&out, "004"), "5,000");
    assert!(!a.is_empty() && shared(&a, &b), "the 5,000 missiles of 001 and 004 are one event");
}

#[test]
fn seeds_victory_plan_forms_one_event() {
    let out = align_json(&seeds(), &[]);
    let a = events_with(&out, &article_id(&out, "000"), "victory plan");
    let b = events_with(&out, &article_id(&out, "003"), "victory plan");
    assert!(!a.is_empty() && shared(&a, &b), "the victory plan passages of 000 and 003 are one event");
}

/// Whether some event holds a passage of article `a` containing `in_a` and one of article `b`
/// containing `in_b`.
fn aligned(out: &Value, a: &str, in_a: &str, b: &str, in_b: &str) -> bool {
    shared(&events_with(out, &article_id(out, a), in_a), &events_with(out, &article_id(out, b), in_b))
}

#[test]
fn seeds_victory_plan_claims_line_up_across_wordings() {
    let out = align_json(&seeds(), &[]);
    let claims = [
        ("the plan shown to Biden", "presented his five-point plan to U.S.", "reveal a “victory plan” to President Joe Biden"),
        ("a bridge to peace", "It is a bridge to the second peace summit", "“bridge” towards stopping the war"),
        ("Russia advancing in the east", "Russian forces steadily pushing forward", "Russian forces have made territorial gains"),
    ];
    for (claim, in_000, in_003) in claims {
        assert!(aligned(&out, "000", in_000, "003", in_003), "{claim}: 000 and 003 are one event");
    }
}

#[test]
#[ignore = "not found yet: by its words, 003's sentence is closer to 000's 'pressure Russia into agreeing' (TF-IDF 0.22 against 0.14)"]
fn seeds_what_a_trump_win_would_mean_lines_up() {
    let out = align_json(&seeds(), &[]);
    assert!(aligned(&out, "000", "painful territorial concessions", "003", "accept territorial losses"));
}

#[test]
fn seeds_rutte_in_kyiv_is_not_rutte_in_london() {
    let out = align_json(&seeds(), &[]);
    assert!(!aligned(&out, "000", "Rutte arrived in Kyiv", "004", "Rutte"), "Rutte arriving in Kyiv (000) is not Rutte at the London summit (004)");
}

#[test]
fn seeds_events_name_their_story_kind_and_evidence() {
    let out = align_json(&seeds(), &[]);
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
    let out = align_json(&seeds(), &[]);
    let a = events_with(&out, &article_id(&out, "001"), "Windsor");
    let b = events_with(&out, &article_id(&out, "004"), "Sandringham");
    assert!(!shared(&a, &b), "meeting King Charles at Windsor (2025-10) is not Sandringham (2025-03)");
}

#[test]
fn seeds_site_chrome_is_never_a_passage() {
    let out = align_json(&seeds(), &[]);
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
    let out = align_json(&seeds(), &[]);
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
    let out = align_json(&seeds(), &[]);
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
    let out = align_json(&seeds(), &["--from", "2024-01-01", "--to", "2024-12-31"]);
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
    std::fs::write(p.join("huge.json"), format!("{{\"text\": \"{huge}\"}}")).unwrap();
    std::fs::write(p.join("huge.txt"), format!("Huge headline\n{huge}\n")).unwrap();
    std::fs::create_dir(p.join("sub")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(p, p.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(p.join("gone.txt"), p.join("dangling.txt")).unwrap();
    }
    dir
}

fn problem_for<'a>(out: &'a Value, path: &str) -> Option<&'a str> {
    out["problems"].as_array().unwrap().iter().find(|p| p["path"] == path).map(|p| p["message"].as_str().unwrap())
}

#[test]
fn bad_files_are_reported_and_good_ones_still_load() {
    let dir = messy_folder();
    let out = align_json(dir.path(), &[]);
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
    let out = align_json(dir.path(), &[]);
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
    let out = align_json(dir.path(), &[]);
    let md = out["articles"].as_array().unwrap().iter().find(|a| a["path"] == "front.md").unwrap();
    assert_eq!(md["source"], "Corrected Outlet");
    assert_eq!(md["published"], "2024-03-04");
    assert_eq!(md["date_origin"], "sidecar");
    assert_eq!(std::fs::read(dir.path().join("front.md")).unwrap(), before, "article files are never modified");
}

#[test]
fn a_strictness_change_reuses_the_preparation_and_finds_what_a_fresh_alignment_finds() {
    let loaded = parallax::compare_with_progress(&[seeds()], parallax::DEFAULT_THRESHOLD, &parallax::progress::Progress::default()).unwrap().unwrap();
    assert!(loaded.prepared.is_some(), "the window keeps what a strictness change reuses");
    for strictness in [0.2, 0.5] {
        let changed = parallax::realign(&loaded, strictness);
        let fresh = parallax::align::align(&loaded.articles, strictness);
        assert_eq!(format!("{:?}", changed.alignment), format!("{fresh:?}"), "at {strictness}");
    }
    assert!(parallax::compare(&[seeds()], parallax::DEFAULT_THRESHOLD).unwrap().prepared.is_none(), "the command line does not keep it");
}

/// Two articles that report the same thing in text full of what breaks HTML, Markdown and CSV.
#[test]
fn a_paragraph_copied_into_two_stories_is_one_reuse_event() {
    // A Chilean earthquake and a Bolivian runoff, two outlets each; every article ends with the
    // same wire paragraph.
    let out = align_json(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wire-paragraph"), &[]);
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
    let out = align_json(dir.path(), &[]);
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
    // An unknown story is an error that names the stories there are.
    let bad = parallax(&["export", dir.path().to_str().unwrap(), "--format", "csv", "--story", "s9"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("the stories are s1"));
}

#[test]
fn export_a_seed_story_lists_who_did_not_report_a_claim() {
    let json = align_json(&seeds(), &[]);
    let story = json["stories"].as_array().unwrap().iter().find(|s| s["articles"].as_array().unwrap().len() >= 3).expect("a story of three or more articles");
    let id = story["id"].as_str().unwrap();
    let out = parallax(&["export", seeds().to_str().unwrap(), "--format", "html", "--story", id]);
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains(&format!("<section id=\"{id}\">")));
    assert!(html.contains("not reported"), "a claim some articles of the story leave out");
    let md = String::from_utf8(parallax(&["export", seeds().to_str().unwrap(), "--format", "md", "--story", id]).stdout).unwrap();
    assert!(md.contains("Not reported by:"));
}
