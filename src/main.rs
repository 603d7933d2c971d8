// A build allocates millions of short strings across threads; glibc's
// malloc spent about a third of the build's CPU time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(oerhub::cli::run(std::env::args_os()));
}
