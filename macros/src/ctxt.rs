//! Collects every error of one derive so the user sees all of them at once.

use std::cell::RefCell;
use std::fmt::Display;

use proc_macro2::TokenStream;
use quote::ToTokens;

/// An error sink; [`Ctxt::finish`] must be called before it drops.
#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
    /// Errors the model already works around (the offending part left
    /// out or neutralised): the full expansion is still emitted beside
    /// them, so code using the entity does not drown in follow-on errors.
    recovered: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    /// Records an error pointing at `tokens`.
    pub fn error_at<T: ToTokens, M: Display>(&self, tokens: T, message: M) {
        self.errors
            .borrow_mut()
            .push(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    /// Records an error at a span.
    pub fn error_span<M: Display>(&self, span: proc_macro2::Span, message: M) {
        self.errors
            .borrow_mut()
            .push(syn::Error::new(span, message));
    }

    /// Records an error at `tokens` that the model has already worked
    /// around: it does not stop the expansion (see [`Ctxt::take_recovered`]).
    pub fn recovered_at<T: ToTokens, M: Display>(&self, tokens: T, message: M) {
        self.recovered
            .borrow_mut()
            .push(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    /// The recovered errors as `compile_error!` invocations, to emit beside
    /// the expansion (or beside the fallback, when other errors stop it).
    pub fn take_recovered(&self) -> TokenStream {
        self.recovered
            .take()
            .into_iter()
            .map(|e| e.to_compile_error())
            .collect()
    }

    /// Records a parse error.
    pub fn syn_error(&self, err: syn::Error) {
        self.errors.borrow_mut().push(err);
    }

    /// All errors as `compile_error!` invocations, or `None` if there were none.
    pub fn finish(self) -> Option<TokenStream> {
        let errors = self.errors.into_inner();
        if errors.is_empty() {
            return None;
        }
        Some(errors.into_iter().map(|e| e.to_compile_error()).collect())
    }
}
