//! `embed_migrations!("dir")`: a migration directory compiled into the binary.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

/// `"dir"`, optionally followed by `, crate = path` for a crate that
/// reaches entkit through a re-export.
pub struct Input {
    dir: LitStr,
    krate: Option<syn::Path>,
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let dir = input.parse()?;
        let mut krate = None;
        if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            input.parse::<Token![crate]>()?;
            input.parse::<Token![=]>()?;
            krate = Some(input.parse()?);
            input.parse::<Option<Token![,]>>()?;
        }
        Ok(Input { dir, krate })
    }
}

/// The integrity file, embedded with the scripts (see `entkit::SUM_FILE`).
const SUM_FILE: &str = "entkit.sum";

/// Expands to `<entkit>::__private::MigrationSet::from_files([(name, include_str!(path)), ...])`
/// over the directory's `.sql` files and `entkit.sum`, in name order.
pub fn expand(input: &Input) -> TokenStream {
    let dir = &input.dir;
    let krate = crate::krate::runtime_path(input.krate.as_ref());
    match files(dir) {
        Ok(files) => {
            let count = files.len();
            let entries = files.iter().map(|(name, path)| {
                let path = path.to_string_lossy();
                quote!((#name, ::core::include_str!(#path)))
            });
            quote! {{
                let files: [(&'static str, &'static str); #count] = [#(#entries),*];
                #krate::MigrationSet::from_files(files)
            }}
        }
        Err(message) => syn::Error::new(dir.span(), message).to_compile_error(),
    }
}

/// The directory named by `dir`, relative to `CARGO_MANIFEST_DIR` unless absolute.
fn resolve(dir: &str) -> Result<PathBuf, String> {
    let path = Path::new(dir);
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .ok_or("CARGO_MANIFEST_DIR is not set: embed_migrations! needs cargo")?;
    Ok(PathBuf::from(root).join(path))
}

/// (file name, absolute path) of every migration file, sorted by name.
fn files(dir: &LitStr) -> Result<Vec<(String, PathBuf)>, String> {
    let path = resolve(&dir.value())?;
    let entries = std::fs::read_dir(&path).map_err(|e| match e.kind() {
        // The path as written: the resolved one would name the build's own
        // directories, which differ between machines and target dirs.
        std::io::ErrorKind::NotFound if Path::new(&dir.value()).is_relative() => format!(
            "migration directory not found: {:?}, relative to the crate's directory \
             (CARGO_MANIFEST_DIR)",
            dir.value()
        ),
        std::io::ErrorKind::NotFound => {
            format!("migration directory not found: {}", path.display())
        }
        _ => format!(
            "cannot read the migration directory {}: {e}",
            path.display()
        ),
    })?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", path.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && (name.ends_with(".sql") || name == SUM_FILE) {
            let absolute = entry.path().canonicalize().unwrap_or_else(|_| entry.path());
            out.push((name, absolute));
        }
    }
    out.sort();
    Ok(out)
}
