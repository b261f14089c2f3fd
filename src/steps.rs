//! Where a run spends its time and memory, step by step, for profiling: with the variable
//! `PARALLAX_STEPS` set, each step of reading and aligning prints to standard error how long
//! it took and the resident and peak memory after it (docs/performance.md reads them). Meant
//! for one run of `parallax align`: the window runs steps side by side. Unset, a step costs a
//! look at one flag.

use std::sync::{LazyLock, Mutex};
use std::time::Instant;

static ON: LazyLock<bool> = LazyLock::new(|| std::env::var_os("PARALLAX_STEPS").is_some());

/// When the last step ended (or the run began).
static LAST: Mutex<Option<Instant>> = Mutex::new(None);

/// Starts the clock of the first step.
pub fn start() {
    if *ON {
        *LAST.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
        *CPU_LAST.lock().unwrap_or_else(|e| e.into_inner()) = Some(cpu_seconds());
    }
}

/// Says that `step` is done: the time since the last step ended, and the memory now.
pub fn done(step: &str) {
    if !*ON {
        return;
    }
    let now = Instant::now();
    let since = LAST.lock().unwrap_or_else(|e| e.into_inner()).replace(now).map_or(0.0, |t| (now - t).as_secs_f64());
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let megabytes = |field: &str| {
        status.lines().find_map(|l| l.strip_prefix(field)).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok()).map_or_else(|| "?".to_string(), |kb| (kb / 1024).to_string())
    };
    let cpu = cpu_seconds();
    let cpu_since = CPU_LAST.lock().unwrap_or_else(|e| e.into_inner()).replace(cpu).map_or(cpu, |c| cpu - c);
    eprintln!("step {step:<28} {since:>6.2} s   cpu {cpu_since:>6.2} s   resident {:>5} MB   peak {:>5} MB", megabytes("VmRSS:"), megabytes("VmHWM:"));
}

/// The processor time of this process at the last step's end: on a busy machine, wall time
/// varies by a fifth from run to run, processor time much less.
static CPU_LAST: Mutex<Option<f64>> = Mutex::new(None);

/// The user and system time of this process so far, from the kernel (in ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command's name (which may hold spaces) in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}
