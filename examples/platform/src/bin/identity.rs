//! The identity service: `identity` (or `identity serve`) runs it; `identity migrate ...`,
//! `identity schema print`, `identity seed` are entkit's command line for it.

fn main() -> std::process::ExitCode {
    entkit_platform::entry::main(
        &entkit_platform::identity::SPEC,
        entkit_platform::identity::cli,
    )
}
