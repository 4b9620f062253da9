use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    tune_allocator();
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

/// `mi_option_purge_delay` and `mi_option_allow_thp` in mimalloc 3's `mi_option_e` (checked
/// against the vendored mimalloc.h); the Rust bindings name no constant for them.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// A build frees each piece's working memory every few milliseconds. mimalloc 3 keeps freed
/// pages a second before it returns them to the system, and backs its arenas with transparent
/// huge pages: the 100 MB build then peaked at 557 MB, and every page returned and taken again
/// came back as a 2 MB page the kernel zeroes whole (a tenth of the build's CPU in the kernel).
/// 4 KB pages returned after 0.3 s hold the peak where it was with less of that churn
/// (BENCHMARKS.md). `MIMALLOC_PURGE_DELAY` or `MIMALLOC_ALLOW_THP` in the environment still win.
fn tune_allocator() {
    // SAFETY: called first thing in main, before any other thread exists (mimalloc's option
    // setters are not thread-safe); the option numbers are checked against mimalloc.h above.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 300) };
    }
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ALLOW_THP, 0) };
    }
}
