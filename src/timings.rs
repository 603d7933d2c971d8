//! Stage timings for profiling a build: set `OERHUB_TIMINGS=1` and each
//! stage's wall time goes to stderr. Off by default, so it costs nothing.
//! On a terminal (and not in CI) the stage under way is shown on one line
//! that the next replaces, so a long build shows where it is.

use std::io::IsTerminal;
use std::sync::OnceLock;
use std::time::Instant;

/// Whether to show progress: only for a person at a terminal, never in CI
/// logs or when timings are printed instead.
pub fn progress_wanted(stderr_is_terminal: bool, ci: bool, timings: bool) -> bool {
    stderr_is_terminal && !ci && !timings
}

fn progress() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        progress_wanted(
            std::io::stderr().is_terminal(),
            std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false"),
            enabled(),
        )
    })
}

/// Clears the progress line, before the build's own messages.
pub fn done() {
    if progress() {
        eprint!("\r\x1b[2K");
    }
}

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("OERHUB_TIMINGS").is_some_and(|v| v != "0"))
}

/// Runs `f`, and reports how long it took under `stage` when timings are on.
pub fn time<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    if progress() {
        eprint!("\r\x1b[2K  {stage}…");
    }
    if !enabled() {
        return f();
    }
    let started = Instant::now();
    let cpu_before = cpu_ms();
    let out = f();
    let cpu = match (cpu_before, cpu_ms()) {
        (Some(a), Some(b)) => format!("{:>6} ms CPU", b.saturating_sub(a)),
        _ => "? CPU".into(),
    };
    eprintln!(
        "timing: {stage:<24} {:>8.1} ms  {cpu}  (memory {}, peak so far {})",
        started.elapsed().as_secs_f64() * 1000.0,
        memory("VmRSS:").unwrap_or_else(|| "?".into()),
        memory("VmHWM:").unwrap_or_else(|| "?".into())
    );
    out
}

/// Like [`time`], for a stage that runs beside another: its wall time
/// only, since the process's CPU time counts both.
pub fn time_beside<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let started = Instant::now();
    let out = f();
    eprintln!(
        "timing: {stage:<24} {:>8.1} ms  (beside other work)",
        started.elapsed().as_secs_f64() * 1000.0
    );
    out
}

/// The process's CPU time so far (user + system, every thread) in
/// milliseconds, from Linux's `/proc/self/stat` (in clock ticks of 10 ms):
/// a stage whose CPU time is near twice its wall time kept both cores busy.
fn cpu_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace();
    let utime: u64 = fields.nth(11)?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some((utime + stime) * 10)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_only_for_a_person_at_a_terminal() {
        assert!(progress_wanted(true, false, false));
        assert!(!progress_wanted(false, false, false), "piped");
        assert!(!progress_wanted(true, true, false), "CI");
        assert!(!progress_wanted(true, false, true), "timings instead");
    }
}
