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

/// A build frees each piece's working memory every few milliseconds, and mimalloc returns freed
/// memory a second later. With transparent huge pages (mimalloc asks for them) every page
/// returned and taken again came back as a 2 MB page the kernel zeroes whole, and pages are
/// returned in 2 MB runs: 4 KB pages cut the 100 MB build's peak by 40 MB and its time in the
/// kernel by a third (BENCHMARKS.md). `MIMALLOC_ALLOW_THP=1` in the environment keeps them.
fn tune_allocator() {
    // mimalloc reads its own THP option before main runs, when it has already asked for huge
    // pages: only the process-wide switch turns them off for what it maps then and later.
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: prctl with PR_SET_THP_DISABLE takes plain integers and touches no memory of
        // ours; a kernel without it returns an error, which leaves huge pages as they were.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
    }
}
