//! The `notebot` command; everything it does lives in the library's `cli` module.

/// mimalloc instead of the system allocator: a question makes a few hundred small allocations
/// (tokens, terms, scorers, stored fields), and glibc's malloc and free were a quarter of the
/// instructions spent answering one (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    notebot::cli::run()
}
