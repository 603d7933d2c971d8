// A build allocates millions of short strings across threads; glibc's
// malloc spent about a third of the build's CPU time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    keep_freed_memory();
    #[cfg(target_os = "linux")]
    no_transparent_huge_pages();
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

/// A build touches its memory once, in small blocks: transparent huge
/// pages made the kernel zero 2 MiB at a time (clear_page was 15% of the
/// 10,000-page build in perf), and their compaction made system time swing
/// between 0.5 and 1.5 s from one build to the next. With 4 KiB pages the
/// build took 2.7 s steadily and 40 MiB less memory.
#[cfg(target_os = "linux")]
fn no_transparent_huge_pages() {
    use std::ffi::{c_int, c_ulong};
    extern "C" {
        fn prctl(
            option: c_int,
            arg2: c_ulong,
            arg3: c_ulong,
            arg4: c_ulong,
            arg5: c_ulong,
        ) -> c_int;
    }
    const PR_SET_THP_DISABLE: c_int = 41;
    // SAFETY: sets a flag of this process, with the arguments prctl(2)
    // documents for it; a failure (an old kernel) leaves things as they were.
    unsafe {
        prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
