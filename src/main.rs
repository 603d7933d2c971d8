fn main() {
    std::process::exit(oerhub::cli::run(std::env::args_os()));
}
