use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    purge_sooner();
    let cli = kg::cli::Cli::parse();
    match kg::cli::run(cli) {
        Ok(code) => code,
        // A closed pipe (`kg tag | head`) is the reader's choice, not a failure.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e @ (kg::Error::UnknownEntity { .. } | kg::Error::NoResult(_))) => {
            eprintln!("kg: {e}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("kg: {e}");
            ExitCode::from(2)
        }
    }
}

// glibc's malloc gives each thread an arena and keeps what the others freed: a 100 MB build's
// peak RSS was 1.8x its peak heap. mimalloc returns it and allocates faster (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (the same number since v1, where it was
/// `mi_option_reset_delay`); the Rust bindings name no constant for it.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc 3 keeps freed pages a second before it returns them to the system; a build frees
/// each piece's working memory every few milliseconds, so a tenth of a second holds less at once:
/// the 100 MB build's peak RSS 557 MB -> 495 MB for about 3% more CPU (BENCHMARKS.md). A
/// `MIMALLOC_PURGE_DELAY` in the environment still wins.
fn purge_sooner() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: called first thing in main, before any other thread exists (mimalloc's option
        // setters are not thread-safe); the option number is checked against mimalloc.h above.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 100) };
    }
}
