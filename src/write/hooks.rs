//! Test hooks, in debug builds only: the kill tests stop a build at an
//! exact point of its write (`OERHUB_TEST_HOOK=kill-after-put=N` after the
//! N-th staged file, `kill-after-step=N` after the N-th step of the
//! commit) with the signal `kill -9` sends, and the lock test holds the
//! lock a while (`sleep-after-lock=MS`). Release builds have none of it.

#[cfg(debug_assertions)]
mod enabled {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::OnceLock;

    static PUTS: AtomicUsize = AtomicUsize::new(0);
    static STEPS: AtomicUsize = AtomicUsize::new(0);

    fn setting(name: &str) -> Option<usize> {
        static HOOK: OnceLock<Option<String>> = OnceLock::new();
        let hook = HOOK.get_or_init(|| std::env::var("OERHUB_TEST_HOOK").ok());
        hook.as_deref()?
            .strip_prefix(name)?
            .strip_prefix('=')?
            .parse()
            .ok()
    }

    fn kill() {
        #[cfg(unix)]
        // SAFETY: sends this process the signal `kill -9` would.
        unsafe {
            libc::kill(libc::getpid(), libc::SIGKILL);
        }
    }

    pub fn after_put() {
        let n = PUTS.fetch_add(1, Ordering::SeqCst) + 1;
        if setting("kill-after-put") == Some(n) {
            kill();
        }
    }

    pub fn after_step() {
        let n = STEPS.fetch_add(1, Ordering::SeqCst) + 1;
        if setting("kill-after-step") == Some(n) {
            kill();
        }
    }

    pub fn after_lock() {
        if let Some(ms) = setting("sleep-after-lock") {
            std::thread::sleep(std::time::Duration::from_millis(ms as u64));
        }
    }
}

#[cfg(debug_assertions)]
pub use enabled::*;

#[cfg(not(debug_assertions))]
pub fn after_put() {}
#[cfg(not(debug_assertions))]
pub fn after_step() {}
#[cfg(not(debug_assertions))]
pub fn after_lock() {}
