//! The `parallax` command: `parallax align PATH... [--json]` prints the comparison.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use parallax::export::{self, DateRange};

#[derive(Parser)]
#[command(name = "parallax", version, about = "Compare how different outlets covered the same events.")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Folder or files to open (default: the seed articles).
    paths: Vec<PathBuf>,
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
    },
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
    match cli.command {
        Some(Command::Align { paths, json, threshold, from, to }) => align(&paths, json, threshold, DateRange { from, to }),
        None => {
            let paths = if cli.paths.is_empty() { vec![default_seeds()] } else { cli.paths };
            align(&paths, false, parallax::DEFAULT_THRESHOLD, DateRange::default())
        }
    }
}

/// The seed articles: `seeds/` here, or beside the crate when run through cargo.
fn default_seeds() -> PathBuf {
    let local = PathBuf::from("seeds");
    if local.is_dir() { local } else { PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds") }
}

fn align(paths: &[PathBuf], json: bool, threshold: f32, range: DateRange) -> ExitCode {
    let comparison = match parallax::compare(paths, threshold) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("parallax: {e:#}");
            return ExitCode::from(2);
        }
    };
    let out = export::output(&comparison, range);
    if json {
        match serde_json::to_string(&out) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("parallax: cannot write JSON: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", parallax::report::render(&out));
    }
    ExitCode::SUCCESS
}
