//! The authz service: `authz` (or `authz serve`) runs it; `authz migrate ...`,
//! `authz schema print`, `authz seed` are entkit's command line for it.

fn main() -> std::process::ExitCode {
    entkit_platform::entry::main(&entkit_platform::authz::SPEC, entkit_platform::authz::cli)
}
