//! The audit service: `audit` (or `audit serve`) runs it; `audit migrate ...`,
//! `audit schema print`, `audit seed` are entkit's command line for it.

fn main() -> std::process::ExitCode {
    entkit_platform::entry::main(&entkit_platform::audit::SPEC, entkit_platform::audit::cli)
}
