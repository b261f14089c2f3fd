//! passim's output opened beside the documents it was run on (`tests/fixtures/passim`: four
//! newspaper pages in passim's JSON-Lines input, and its `out.json/part-*` cluster records for a
//! wire report reprinted by three papers and a quotation shared by two): its clusters become
//! reuse events named as passim's, on the passages they cover.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::cli::{align_json, problem};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/passim")
}

/// The events passim found, each as (its evidence's first line, its passages' (article, text)).
fn passim_events(out: &Value) -> Vec<(String, Vec<(String, String)>)> {
    out["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["origin"] == "passim")
        .map(|e| {
            assert_eq!(e["kind"], "reuse");
            let passages = e["passages"].as_array().unwrap().iter().map(|p| (p["article"].as_str().unwrap().to_string(), p["text"].as_str().unwrap().to_string()));
            (e["evidence"][0].as_str().unwrap().to_string(), passages.collect())
        })
        .collect()
}

#[test]
fn passims_clusters_are_reuse_events_on_the_passages_they_cover() {
    let out = align_json(&[&fixture()], &[]);
    let outlets: Vec<&str> = out["articles"].as_array().unwrap().iter().map(|a| a["source"].as_str().unwrap()).collect();
    assert_eq!(outlets, ["The Coastal Courier", "Mercer Gazette", "Northern Herald", "Valley Tribune"], "each document is an article, its series the outlet");
    assert_eq!(out["articles"][0]["published"], "1862-03-04", "passim's date field is the date");
    let events = passim_events(&out);
    assert_eq!(events.len(), 2, "{events:?}");
    let (wire_evidence, wire) = &events[0];
    assert!(wire_evidence.starts_with("found by passim (its cluster 8589934592): 6 passages, 3 outlets"), "{wire_evidence}");
    let articles: Vec<&str> = wire.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(articles, ["a1", "a1", "a2", "a2", "a3", "a3"], "the two sentences of the report in each of the three papers");
    for (_, text) in wire {
        assert!(text.starts_with("The steamer Arctic Queen went aground") || text.starts_with("All were landed safely"), "{text}");
    }
    let (quote_evidence, quote) = &events[1];
    assert!(quote_evidence.contains("its cluster 25769803776"), "{quote_evidence}");
    assert_eq!(quote.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>(), ["a2", "a4"]);
    assert!(quote.iter().all(|(_, t)| t.starts_with("“We shall not rest") && t.ends_with("said Mr. Hollis.")), "{quote:?}");
    assert!(out["events"].as_array().unwrap().iter().any(|e| e["origin"] == "parallax"), "Parallax's own events are still there");
    let unplaced = problem(&out, "out/out.json/part-00000-8f3b2c1d-4e5f-c000.json");
    assert!(unplaced.contains("1 of passim's passages name a document that is not in this folder (the first: \"courier-1862-03-11-p2\")"), "{unplaced}");
    assert_eq!(out["problems"].as_array().unwrap().len(), 1, "the crc and _SUCCESS files are not articles: {}", out["problems"]);
    assert_eq!(align_json(&[&fixture()], &[]), out, "read back from the cache, the clusters are the same");
}

#[test]
fn spans_that_no_longer_quote_their_document_are_reported_and_left_out() {
    let folder = tempfile::tempdir().unwrap();
    let copy = |from: &Path, to: &Path| std::fs::copy(from, to).unwrap();
    std::fs::create_dir_all(folder.path().join("out/out.json")).unwrap();
    let part = "out/out.json/part-00000-8f3b2c1d-4e5f-c000.json";
    copy(&fixture().join(part), &folder.path().join(part));
    // The Herald's page edited since passim ran: its report rewritten.
    let docs = std::fs::read_to_string(fixture().join("docs.json")).unwrap();
    let edited = docs.replace("Wreck on the Brandt shoal. The steamer Arctic Queen", "Wreck on the Brandt shoal. A ship called the Arctic Queen");
    assert_ne!(edited, docs);
    std::fs::write(folder.path().join("docs.json"), edited).unwrap();
    let out = align_json(&[folder.path()], &[]);
    let message = problem(&out, part);
    let mismatch = out["problems"].as_array().unwrap().iter().filter_map(|p| p["message"].as_str()).find(|m| m.contains("do not quote their document"));
    let mismatch = mismatch.unwrap_or_else(|| panic!("no mismatch reported: {message}"));
    assert!(mismatch.starts_with("1 of passim's passages do not quote their document at the offsets they give (the first: \"herald-1862-03-09-p3\""), "{mismatch}");
    let events = passim_events(&out);
    let wire_articles: Vec<&str> = events[0].1.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(wire_articles, ["a1", "a1", "a2", "a2"], "the Herald's page is left out of the cluster, the others stay");
}

#[test]
fn a_json_lines_file_of_records_without_text_is_one_warning() {
    let folder = tempfile::tempdir().unwrap();
    let manifest: String = (0..50).map(|i| format!("{{\"path\": \"articles/{i}.md\", \"source\": \"Vox\"}}\n")).collect();
    std::fs::write(folder.path().join("manifest.jsonl"), manifest).unwrap();
    std::fs::write(folder.path().join("a.txt"), "A headline\n\nThe council met on Monday and voted to close the pool.\n").unwrap();
    let out = align_json(&[folder.path()], &[]);
    assert_eq!(out["articles"].as_array().unwrap().len(), 1);
    assert_eq!(out["problems"].as_array().unwrap().len(), 1, "{}", out["problems"]);
    assert_eq!(problem(&out, "manifest.jsonl"), "none of its 50 records has article text (a text, body or content field): not articles, so skipped");
    assert_eq!(out["problems"][0]["severity"], "warning");
}
