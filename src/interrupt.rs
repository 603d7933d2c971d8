//! Ctrl-C and termination signals during a build: the first one is noted
//! and the build stops at its next file, cleaning up what it staged, so
//! the output keeps the previous site; a second one ends the process at
//! once (the next build then clears what was left). A build already
//! moving its files into place finishes first.

use std::sync::atomic::{AtomicI32, Ordering};

static RECEIVED: AtomicI32 = AtomicI32::new(0);

/// Starts noting SIGINT and SIGTERM (on Unix; elsewhere signals keep their
/// default effect).
pub fn install() {
    #[cfg(unix)]
    // SAFETY: the handler only stores to an atomic and restores the
    // default action, both async-signal-safe.
    unsafe {
        for sig in [libc::SIGINT, libc::SIGTERM] {
            libc::signal(sig, on_signal as *const () as libc::sighandler_t);
        }
    }
}

#[cfg(unix)]
extern "C" fn on_signal(sig: libc::c_int) {
    RECEIVED.store(sig, Ordering::SeqCst);
    // SAFETY: signal(2) is async-signal-safe; the next one ends the process.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
    }
}

/// Whether the build was asked to stop.
pub fn requested() -> bool {
    RECEIVED.load(Ordering::Relaxed) != 0
}

/// The exit code for the signal received (128 + its number: 130 for
/// Ctrl-C, 143 for SIGTERM), if one was.
pub fn exit_code() -> Option<i32> {
    match RECEIVED.load(Ordering::SeqCst) {
        0 => None,
        sig => Some(128 + sig),
    }
}
