//! Attribute values read once, when the attribute is parsed, into typed
//! values: the checks and the expansion use these and never re-read the
//! tokens. Each keeps its tokens too, so an error still points at them.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{Expr, ExprLit, ExprUnary, Lit, LitInt, LitStr, UnOp};

/// A value as written (for error spans) and as read.
pub struct Parsed<T> {
    tokens: TokenStream,
    pub value: T,
}

impl<T> ToTokens for Parsed<T> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(self.tokens.clone());
    }
}

impl<T> Parsed<T> {
    fn new(source: &impl ToTokens, value: T) -> Self {
        Parsed {
            tokens: source.to_token_stream(),
            value,
        }
    }
}

/// A literal, with its sign applied.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Bool(bool),
    /// Any integer literal; wider than `i64` so that "out of range" is a
    /// check of its own.
    Int(i128),
    Float(f64),
    Str(String),
    /// A literal of another kind (`b'x'`, `'c'`), or a negated non-number.
    Unsupported,
}

/// `default = ...` and `update_default = ...`.
pub enum DefaultExpr {
    Literal(Literal),
    /// A function path, called for each row: `entkit::now`.
    Function(syn::Path),
    /// Neither (`1 + 2`): an error.
    Other,
}

/// `min = N` / `max = N`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Int(i128),
    Float(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }
}

/// Reads `expr` as a literal (`42`, `-1`, `"x"`, `true`), if it is one.
fn literal(expr: &Expr) -> Option<Literal> {
    let (negative, lit) = match expr {
        Expr::Lit(ExprLit { lit, .. }) => (false, lit),
        Expr::Unary(ExprUnary {
            op: UnOp::Neg(_),
            expr,
            ..
        }) => match &**expr {
            Expr::Lit(ExprLit { lit, .. }) => (true, lit),
            _ => return None,
        },
        Expr::Group(g) => return literal(&g.expr),
        _ => return None,
    };
    let sign = if negative { -1 } else { 1 };
    Some(match lit {
        Lit::Int(i) => match i.base10_parse::<i128>() {
            Ok(v) => Literal::Int(sign * v),
            // Beyond i128: still an integer, and out of every range.
            Err(_) => Literal::Int(sign * i128::MAX),
        },
        Lit::Float(f) => match f.base10_parse::<f64>() {
            Ok(v) => Literal::Float(sign as f64 * v),
            Err(_) => Literal::Unsupported,
        },
        Lit::Bool(b) if !negative => Literal::Bool(b.value),
        Lit::Str(s) if !negative => Literal::Str(s.value()),
        _ => Literal::Unsupported,
    })
}

pub fn default_expr(expr: Expr) -> Parsed<DefaultExpr> {
    let value = match (&expr, literal(&expr)) {
        (_, Some(lit)) => DefaultExpr::Literal(lit),
        (Expr::Path(path), None) => DefaultExpr::Function(path.path.clone()),
        _ => DefaultExpr::Other,
    };
    Parsed::new(&expr, value)
}

/// A number literal, or `None` for anything else.
pub fn number(expr: Expr) -> Parsed<Option<Number>> {
    let value = match literal(&expr) {
        Some(Literal::Int(i)) => Some(Number::Int(i)),
        Some(Literal::Float(f)) => Some(Number::Float(f)),
        _ => None,
    };
    Parsed::new(&expr, value)
}

/// A length: a non-negative integer, or `None`.
pub fn length(lit: LitInt) -> Parsed<Option<usize>> {
    let value = lit.base10_parse::<usize>().ok();
    Parsed::new(&lit, value)
}

/// A function path, or `None` for anything else.
pub fn function(expr: Expr) -> Parsed<Option<syn::Path>> {
    let value = match &expr {
        Expr::Path(path) => Some(path.path.clone()),
        _ => None,
    };
    Parsed::new(&expr, value)
}

/// A string literal's value.
pub fn text(lit: LitStr) -> Parsed<String> {
    let value = lit.value();
    Parsed::new(&lit, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_read_with_their_sign() {
        let read = |s: &str| literal(&syn::parse_str(s).unwrap());
        assert_eq!(read("-3"), Some(Literal::Int(-3)));
        assert_eq!(read("2.5"), Some(Literal::Float(2.5)));
        assert_eq!(read("\"x\""), Some(Literal::Str("x".into())));
        assert_eq!(read("-true"), Some(Literal::Unsupported));
        assert_eq!(read("1 + 2"), None);
        assert_eq!(
            read("99999999999999999999999999999999999999999"),
            Some(Literal::Int(i128::MAX))
        );
    }
}
