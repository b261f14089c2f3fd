//! The `parallax` command: `parallax [PATH]` opens the window; `parallax align PATH... [--json]`
//! prints the comparison; `parallax export PATH... --format html|md|csv` writes it to share.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use parallax::export::{self, DateRange};

#[derive(Parser)]
#[command(name = "parallax", version, about = "Compare how different outlets covered the same events.")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Folder to open in the window (default: the last folder, or the seed articles).
    path: Option<PathBuf>,
    /// Scroll the events list for this many frames, print UI frame times, and quit.
    #[arg(long, hide = true)]
    measure_scroll: Option<usize>,
    /// Print how long the window took to show the folder's events, and quit.
    #[arg(long, hide = true)]
    measure_load: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Align the articles under PATH... and print the events they share.
    Align {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print one JSON object (the stable contract) instead of a readable report.
        #[arg(long)]
        json: bool,
        /// Strictness, 0..1: how alike passages must be to count as one event.
        #[arg(long, default_value_t = parallax::DEFAULT_THRESHOLD, value_parser = parse_threshold)]
        threshold: f32,
        /// Keep only articles and events on or after this day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        from: Option<jiff::civil::Date>,
        /// Keep only articles and events on or before this day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        to: Option<jiff::civil::Date>,
        /// Read every file again instead of reading unchanged files back from the cache.
        #[arg(long)]
        no_cache: bool,
    },
    /// Print the features of every candidate article pair, for fitting the judgement of stories
    /// (benches/fit_stories.py): one JSON object with the feature names and the pairs.
    #[command(hide = true)]
    StoryFeatures {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the features of the passage pairs claims are judged on, for fitting the judgement
    /// of claims (benches/fit_claims.py): one JSON object with the feature names and the pairs,
    /// each passage as [article key, start, end].
    #[command(hide = true)]
    ClaimFeatures {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the features of every candidate story pair, for fitting the judgement of threads
    /// (benches/fit_threads.py): one JSON object with the feature names and the pairs, each
    /// story as its articles' keys, with the headline and date of each.
    #[command(hide = true)]
    ThreadFeatures {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Write stories' comparisons (claims by article) as HTML, Markdown or CSV.
    Export {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum)]
        format: Format,
        /// Only this story (an id as in `align --json`, like s3). Without it: every story; for
        /// CSV, every event of the folder.
        #[arg(long)]
        story: Option<String>,
        /// Only this thread (an id as in `align --json`, like t1): its developments, who covered
        /// each, and their claims; as CSV, development × outlet.
        #[arg(long, conflicts_with = "story")]
        thread: Option<String>,
        /// Write to this file (atomically) instead of standard output. Never an article or the
        /// sidecar of the folder being exported, nor anything but a regular file.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Replace the `--output` file if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// Strictness, 0..1, as for `align`.
        #[arg(long, default_value_t = parallax::DEFAULT_THRESHOLD, value_parser = parse_threshold)]
        threshold: f32,
        /// Read every file again instead of reading unchanged files back from the cache.
        #[arg(long)]
        no_cache: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Html,
    Md,
    Csv,
}

fn parse_threshold(s: &str) -> Result<f32, String> {
    let x: f32 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&x) { Ok(x) } else { Err("the threshold must be between 0 and 1".into()) }
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse().map_err(|_| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ran = match cli.command {
        Some(Command::Align { paths, json, threshold, from, to, no_cache }) => align(&paths, json, threshold, DateRange { from, to }, no_cache),
        Some(Command::Export { paths, format, story, thread, output, force, threshold, no_cache }) => {
            let output = output.as_deref().map(|path| (path, force));
            share(&paths, format, story.as_deref(), thread.as_deref(), output, threshold, no_cache)
        }
        Some(Command::StoryFeatures { paths }) => story_features(&paths),
        Some(Command::ClaimFeatures { paths }) => claim_features(&paths),
        Some(Command::ThreadFeatures { paths }) => thread_features(&paths),
        None => window(cli.path, cli.measure_scroll, cli.measure_load),
    };
    match ran {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parallax: {e:#}");
            exit_code(&e)
        }
    }
}

/// A request that cannot be carried out as asked: the user can change it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Refused(String);

/// 2 when the user asked for something that cannot be done (a missing path, an output that would
/// replace an article, an unknown story), 1 when the work failed (the output cannot be written).
fn exit_code(error: &anyhow::Error) -> ExitCode {
    let asked_amiss = error.is::<Refused>()
        || error.is::<parallax::load::LoadError>()
        || error.is::<parallax::destination::RefusedOutput>()
        || error.is::<parallax::share::ShareError>();
    if asked_amiss { ExitCode::from(2) } else { ExitCode::FAILURE }
}

#[cfg(feature = "gui")]
fn window(path: Option<PathBuf>, measure_scroll: Option<usize>, measure_load: bool) -> anyhow::Result<()> {
    if let Some(p) = &path
        && !p.exists()
    {
        return Err(Refused(format!("{}: no such file or folder", p.display())).into());
    }
    parallax::gui::run(path, measure_scroll, measure_load).map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

#[cfg(not(feature = "gui"))]
fn window(_path: Option<PathBuf>, _measure_scroll: Option<usize>, _measure_load: bool) -> anyhow::Result<()> {
    Err(Refused("built without the window (feature \"gui\"); use `parallax align PATH`".into()).into())
}

/// The comparison of `paths`, read through the user's cache unless `no_cache`; what the cache
/// had to say (it was damaged and ignored) goes to standard error.
fn compared(paths: &[PathBuf], threshold: f32, no_cache: bool) -> anyhow::Result<parallax::Comparison> {
    let cache = if no_cache { None } else { parallax::cache::default_dir() };
    let comparison = parallax::compare_cached(paths, threshold, cache.as_deref())?;
    for note in &comparison.notes {
        eprintln!("parallax: note: {note}");
    }
    Ok(comparison)
}

fn align(paths: &[PathBuf], json: bool, threshold: f32, range: DateRange, no_cache: bool) -> anyhow::Result<()> {
    if let (Some(f), Some(t)) = (range.from, range.to)
        && f > t
    {
        return Err(Refused(format!("--from {f} is later than --to {t}: no day is in that range")).into());
    }
    let comparison = compared(paths, threshold, no_cache)?;
    let out = export::output(&comparison, range);
    parallax::steps::done("output made");
    let written = if json {
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        serde_json::to_writer(&mut stdout, &out).map_err(std::io::Error::from).and_then(|()| writeln!(stdout)).and_then(|()| stdout.flush())
    } else {
        std::io::stdout().lock().write_all(parallax::report::render(&out).as_bytes())
    };
    parallax::steps::done("output written");
    // The process ends here: the system takes its memory back at once, where freeing millions
    // of passages' vectors, texts and events one by one took a noticeable part of a second.
    std::mem::forget((comparison, out));
    finish(written)
}

/// The outcome of a command whose output was `written`. A reader that stopped early (`| head`)
/// is not an error: the run ends quietly, as other tools do.
fn finish(written: std::io::Result<()>) -> anyhow::Result<()> {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("cannot write the output"),
        _ => Ok(()),
    }
}

fn story_features(paths: &[PathBuf]) -> anyhow::Result<()> {
    let (articles, prepared) = parallax::prepare(paths)?;
    let pairs: Vec<serde_json::Value> = parallax::align::story_pair_features(&articles, &prepared, parallax::DEFAULT_THRESHOLD)
        .into_iter()
        .map(|(a, b, x)| serde_json::json!([articles[a].sidecar_key(), articles[b].sidecar_key(), x]))
        .collect();
    let out = serde_json::json!({ "features": parallax::align::STORY_FEATURES, "pairs": pairs });
    finish(writeln!(std::io::stdout().lock(), "{out}"))
}

fn claim_features(paths: &[PathBuf]) -> anyhow::Result<()> {
    let (articles, prepared) = parallax::prepare(paths)?;
    let passage = |r: parallax::align::PassageRef| {
        let p = &articles[r.article].passages[r.passage];
        serde_json::json!([articles[r.article].sidecar_key(), p.start, p.end])
    };
    let pairs: Vec<serde_json::Value> = parallax::align::claim_pair_features(&articles, &prepared, parallax::DEFAULT_THRESHOLD)
        .into_iter()
        .map(|(a, b, x)| serde_json::json!([passage(a), passage(b), x]))
        .collect();
    let out = serde_json::json!({ "features": parallax::align::CLAIM_FEATURES, "pairs": pairs });
    finish(writeln!(std::io::stdout().lock(), "{out}"))
}

fn thread_features(paths: &[PathBuf]) -> anyhow::Result<()> {
    let (articles, prepared) = parallax::prepare(paths)?;
    let story = |members: Vec<usize>| -> Vec<serde_json::Value> {
        members.iter().map(|&a| serde_json::json!([articles[a].sidecar_key(), articles[a].title, articles[a].published.map(|d| d.to_string())])).collect()
    };
    let pairs: Vec<serde_json::Value> = parallax::align::thread_pair_features(&articles, &prepared, parallax::DEFAULT_THRESHOLD)
        .into_iter()
        .map(|(a, b, x)| serde_json::json!([story(a), story(b), x]))
        .collect();
    let out = serde_json::json!({ "features": parallax::align::THREAD_FEATURES, "pairs": pairs });
    finish(writeln!(std::io::stdout().lock(), "{out}"))
}

/// `parallax export`: to `output` (a path, and whether it may be replaced), or to standard output.
fn share(paths: &[PathBuf], format: Format, story: Option<&str>, thread: Option<&str>, output: Option<(&std::path::Path, bool)>, threshold: f32, no_cache: bool) -> anyhow::Result<()> {
    use parallax::share;
    if let Some((path, force)) = output {
        parallax::destination::check_output(path, paths, force).context("not written")?;
    }
    let comparison = compared(paths, threshold, no_cache)?;
    let format = match format {
        Format::Html => share::Format::Html,
        Format::Md => share::Format::Markdown,
        Format::Csv => share::Format::Csv,
    };
    let bytes = match thread {
        Some(id) => share::render_thread(&comparison, format, id)?,
        None => share::render(&comparison, format, story)?,
    };
    match output {
        Some((path, _)) => Ok(parallax::files::write_atomically(path, &bytes)?),
        None => finish(std::io::stdout().lock().write_all(&bytes)),
    }
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
