//! Stage timings for profiling a build: set `OERHUB_TIMINGS=1` and each
//! stage's wall time goes to stderr. Off by default, so it costs nothing.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("OERHUB_TIMINGS").is_some_and(|v| v != "0"))
}

/// Runs `f`, and reports how long it took under `stage` when timings are on.
pub fn time<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let started = Instant::now();
    let out = f();
    eprintln!(
        "timing: {stage:<24} {:>8.1} ms  (memory {}, peak so far {})",
        started.elapsed().as_secs_f64() * 1000.0,
        memory("VmRSS:").unwrap_or_else(|| "?".into()),
        memory("VmHWM:").unwrap_or_else(|| "?".into())
    );
    out
}

/// The process's resident memory now (`VmRSS:`) or at its peak (`VmHWM:`),
/// from Linux's `/proc/self/status`.
fn memory(field: &str) -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix(field))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(format!("{} MiB", kb / 1024))
}
