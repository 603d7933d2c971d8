// A build allocates millions of short strings across threads; glibc's
// malloc spent about a third of the build's CPU time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    keep_freed_memory();
    std::process::exit(oerhub::cli::run(std::env::args_os()));
}

/// mimalloc hands freed memory back to the system after 10 ms, and the
/// next stage faults it in again, zeroed: at 10,000 pages that was about
/// a tenth of the build's CPU time. A build is short and its stages reuse
/// what the last one freed, so nothing is handed back.
fn keep_freed_memory() {
    use std::ffi::{c_int, c_long};
    extern "C" {
        fn mi_option_get(option: c_int) -> c_long;
        fn mi_option_set(option: c_int, value: c_long);
    }
    // `mi_option_purge_delay` in mimalloc.h (v2 and v3); its default is 10
    // ms in v2 and 1000 in v3. Checked before it is set, so a mimalloc
    // numbered otherwise is left alone.
    const PURGE_DELAY: c_int = 15;
    // SAFETY: both are plain option accessors of the linked mimalloc,
    // called before any other thread exists.
    unsafe {
        if matches!(mi_option_get(PURGE_DELAY), 10 | 1000) {
            mi_option_set(PURGE_DELAY, -1);
        }
    }
}
