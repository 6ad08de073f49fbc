//! Renders the SQL tree for one backend and scope.

use std::sync::Arc;

use super::{Expr, Statement, TextOp};
use crate::dialect::Backend;
use crate::schema::ColumnType;
use crate::schema::EntityDef;
use crate::value::Value;

/// Accumulates SQL text and bind values.
pub(crate) struct SqlWriter<'s> {
    pub sql: String,
    pub binds: Vec<Value>,
    pub backend: Backend,
    scope: Option<&'s str>,
    /// Table alias that qualifies column references (joins, eager loading).
    pub alias: Option<&'static str>,
}

impl<'s> SqlWriter<'s> {
    pub(crate) fn new(backend: Backend, scope: Option<&'s str>) -> Self {
        SqlWriter {
            sql: String::with_capacity(128),
            binds: Vec::new(),
            backend,
            scope,
            alias: None,
        }
    }

    /// Writes a column reference, qualified by the current alias if any.
    pub(crate) fn column(&mut self, name: &str) -> &mut Self {
        if let Some(alias) = self.alias {
            self.ident(alias).push(".");
        }
        self.ident(name)
    }

    /// Writes a scope-qualified table reference.
    pub(crate) fn table_ref(&mut self, table: super::TableRef) -> &mut Self {
        if let Some(scope) = self.scope_of(table.scope_of) {
            self.ident(scope).push(".");
        }
        self.ident(table.name)
    }

    pub(crate) fn push(&mut self, text: &str) -> &mut Self {
        self.sql.push_str(text);
        self
    }

    pub(crate) fn ident(&mut self, name: &str) -> &mut Self {
        self.backend.push_ident(&mut self.sql, name);
        self
    }

    /// The scope a table of `def` lives in: the client's, else the entity's default.
    pub(crate) fn scope_of(&self, def: &EntityDef) -> Option<&'s str> {
        self.scope.or(def.default_scope)
    }

    /// Writes the scope-qualified table name.
    pub(crate) fn table(&mut self, def: &EntityDef) -> &mut Self {
        if let Some(scope) = self.scope_of(def) {
            self.ident(scope).push(".");
        }
        self.ident(def.table)
    }

    /// Writes a comma-separated column list.
    pub(crate) fn columns<'c>(&mut self, columns: impl IntoIterator<Item = &'c str>) -> &mut Self {
        for (i, c) in columns.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.ident(c);
        }
        self
    }

    /// Writes a placeholder and records its value.
    pub(crate) fn bind(&mut self, value: Value) -> &mut Self {
        self.binds.push(value);
        let n = self.binds.len();
        self.backend.push_placeholder(&mut self.sql, n);
        self
    }

    /// Writes a placeholder for a value bound later (cached statements).
    pub(crate) fn placeholder(&mut self, n: usize) -> &mut Self {
        self.backend.push_placeholder(&mut self.sql, n);
        self
    }

    pub(crate) fn expr(&mut self, expr: Expr) -> &mut Self {
        match expr {
            Expr::Compare { column, op, value } => {
                self.column(column);
                if value.is_null() {
                    // `= NULL` means IS NULL here; an ordering against NULL is
                    // never true in SQL, and stays so.
                    self.push(match op {
                        super::CmpOp::Eq => " IS NULL",
                        super::CmpOp::Ne => " IS NOT NULL",
                        _ => " IS NULL AND 1=0",
                    });
                } else {
                    self.push(op.sql()).bind(value);
                }
            }
            Expr::InList {
                column,
                values,
                negated,
            } => self.in_list(column, values, negated),
            Expr::IsNull { column, negated } => {
                self.column(column)
                    .push(if negated { " IS NOT NULL" } else { " IS NULL" });
            }
            Expr::InSubquery {
                column,
                negated,
                sub,
            } => {
                self.column(column)
                    .push(if negated { " NOT IN (" } else { " IN (" });
                self.subselect(*sub);
                self.push(")");
            }
            Expr::Text { column, op, value } => self.text(column, op, value),
            Expr::Between { column, low, high } => {
                self.column(column)
                    .push(" BETWEEN ")
                    .bind(low)
                    .push(" AND ")
                    .bind(high);
            }
            Expr::Json { column, path, test } => self.json(column, path, test),
            Expr::Invalid(reason) => {
                self.bind(Value::Invalid(reason));
            }
            Expr::And(items) => self.junction(items, " AND ", "1=1"),
            Expr::Or(items) => self.junction(items, " OR ", "1=0"),
            Expr::Not(inner) => {
                self.push("NOT (").expr(*inner).push(")");
            }
        }
        self
    }

    /// `SELECT col FROM table [WHERE ...]`; columns inside refer to the
    /// subquery's own table, so the outer alias is suspended.
    fn subselect(&mut self, sub: super::SubSelect) {
        let outer = self.alias.take();
        self.push("SELECT ")
            .ident(sub.column)
            .push(" FROM ")
            .table_ref(sub.table);
        // Soft-deleted rows are not there for edges either.
        let entity_table = sub.table.name == sub.table.scope_of.table;
        let live = entity_table
            .then(|| sub.table.scope_of.live_filter())
            .flatten();
        let filter = match (sub.filter, live) {
            (Some(f), Some(live)) => Some(f.and(live)),
            (f, live) => f.or(live),
        };
        if let Some(filter) = filter {
            self.push(" WHERE ").expr(filter);
        }
        self.alias = outer;
    }

    /// String predicates. SQLite's LIKE ignores ASCII case, so substring
    /// tests use `instr`/`substr` there; elsewhere LIKE with escaped input
    /// (or `strpos`/`LOCATE`) is exact under entkit's binary collation.
    fn text(&mut self, column: &'static str, op: TextOp, value: String) {
        let backend = self.backend;
        let escape = |v: &str| {
            v.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        };
        match (op, backend) {
            (TextOp::Like, _) => {
                self.column(column).push(" LIKE ").bind(Value::Text(value));
            }
            (TextOp::EqualFold, _) => {
                self.push("LOWER(")
                    .column(column)
                    .push(") = LOWER(")
                    .bind(Value::Text(value))
                    .push(")");
            }
            (TextOp::Contains | TextOp::ContainsFold, _) => {
                let fold = op == TextOp::ContainsFold;
                let (open, close) = if fold { ("LOWER(", ")") } else { ("", "") };
                match backend {
                    Backend::Postgres => {
                        self.push("strpos(")
                            .push(open)
                            .column(column)
                            .push(close)
                            .push(", ");
                        self.push(open)
                            .bind(Value::Text(value))
                            .push(close)
                            .push(") > 0");
                    }
                    Backend::MySql => {
                        self.push("LOCATE(")
                            .push(open)
                            .bind(Value::Text(value))
                            .push(close)
                            .push(", ");
                        self.push(open).column(column).push(close).push(") > 0");
                    }
                    Backend::Sqlite => {
                        self.push("instr(")
                            .push(open)
                            .column(column)
                            .push(close)
                            .push(", ");
                        self.push(open)
                            .bind(Value::Text(value))
                            .push(close)
                            .push(") > 0");
                    }
                }
            }
            (TextOp::HasPrefix | TextOp::HasSuffix, Backend::Sqlite) => {
                // substr(col, 1, n) = v  /  substr(col, -n) = v, with n = length(v) > 0.
                if value.is_empty() {
                    self.column(column).push(" IS NOT NULL");
                    return;
                }
                let n = value.chars().count() as i64;
                self.push("substr(").column(column);
                if op == TextOp::HasPrefix {
                    self.push(", 1, ").bind(Value::I64(n));
                } else {
                    self.push(", ").bind(Value::I64(-n));
                }
                self.push(") = ").bind(Value::Text(value));
            }
            (TextOp::HasPrefix | TextOp::HasSuffix, _) => {
                let pattern = if op == TextOp::HasPrefix {
                    format!("{}%", escape(&value))
                } else {
                    format!("%{}", escape(&value))
                };
                self.column(column)
                    .push(" LIKE ")
                    .bind(Value::Text(pattern));
                self.push(if backend == Backend::MySql {
                    " ESCAPE '\\\\'"
                } else {
                    " ESCAPE '\\'"
                });
            }
        }
    }

    /// JSON paths: PostgreSQL `#>>` with a text[] path; MySQL/MariaDB
    /// `JSON_EXTRACT` and SQLite `json_extract` with a `$."a"."b"` path.
    /// The path always travels as a bind parameter.
    fn json(&mut self, column: &'static str, path: Vec<String>, test: super::JsonTest) {
        use super::JsonTest;
        let backend = self.backend;
        let dollar_path = || {
            let mut p = String::from("$");
            for key in &path {
                p.push_str(".\"");
                p.push_str(&key.replace('\\', "\\\\").replace('"', "\\\""));
                p.push('"');
            }
            p
        };
        // The extracted value as text (for strings and numbers alike).
        let extracted_text = |w: &mut Self| match backend {
            Backend::Postgres => {
                let keys = path.iter().cloned().map(Value::Text).collect();
                w.push("(")
                    .column(column)
                    .push(" #>> ")
                    .bind(Value::Array(ColumnType::Text, keys))
                    .push(")");
            }
            Backend::MySql => {
                w.push("JSON_UNQUOTE(JSON_EXTRACT(")
                    .column(column)
                    .push(", ")
                    .bind(Value::Text(dollar_path()))
                    .push("))");
            }
            Backend::Sqlite => {
                w.push("json_extract(")
                    .column(column)
                    .push(", ")
                    .bind(Value::Text(dollar_path()))
                    .push(")");
            }
        };
        match test {
            JsonTest::TextEq(text) => {
                extracted_text(self);
                self.push(" = ").bind(Value::Text(text));
            }
            JsonTest::Number(op, number) if backend == Backend::MySql => {
                // 'null' would cast to 0: only numbers compare.
                self.push("(COALESCE(JSON_TYPE(JSON_EXTRACT(")
                    .column(column)
                    .push(", ");
                self.bind(Value::Text(dollar_path()))
                    .push(")), 'NULL') <> 'NULL' AND CAST(");
                extracted_text(self);
                self.push(" AS DOUBLE)")
                    .push(op.sql())
                    .bind(Value::F64(number))
                    .push(")");
            }
            JsonTest::Number(op, number) => {
                let cast = match backend {
                    Backend::Postgres => " AS DOUBLE PRECISION)",
                    Backend::MySql => " AS DOUBLE)",
                    Backend::Sqlite => " AS REAL)",
                };
                self.push("CAST(");
                extracted_text(self);
                self.push(cast).push(op.sql()).bind(Value::F64(number));
            }
            // MySQL unquotes a JSON null to the text 'null': ask its type.
            JsonTest::Exists if backend == Backend::MySql => {
                self.push("COALESCE(JSON_TYPE(JSON_EXTRACT(")
                    .column(column)
                    .push(", ");
                self.bind(Value::Text(dollar_path()))
                    .push(")), 'NULL') <> 'NULL'");
            }
            JsonTest::Exists => {
                extracted_text(self);
                self.push(" IS NOT NULL");
            }
        }
    }

    fn junction(&mut self, items: Vec<Expr>, sep: &str, empty: &str) {
        if items.is_empty() {
            self.push(empty);
            return;
        }
        self.push("(");
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.push(sep);
            }
            self.expr(item);
        }
        self.push(")");
    }

    fn in_list(&mut self, column: &str, values: Vec<Value>, negated: bool) {
        if values.is_empty() {
            self.push(if negated { "1=1" } else { "1=0" });
            return;
        }
        if self.backend == Backend::Postgres {
            // One array parameter: the statement text does not depend on the list length.
            let ty = values[0].column_type();
            if negated {
                self.push("NOT (");
            }
            self.column(column)
                .push(" = ANY(")
                .bind(Value::Array(ty, values))
                .push(")");
            if negated {
                self.push(")");
            }
            return;
        }
        self.column(column)
            .push(if negated { " NOT IN (" } else { " IN (" });
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(v);
        }
        self.push(")");
    }

    /// The statement of a generated read (see [`Statement::read`]).
    pub(crate) fn finish_read(self, entity: Option<&'static EntityDef>) -> Statement {
        Statement {
            read: true,
            ..self.finish(entity)
        }
    }

    pub(crate) fn finish(self, entity: Option<&'static EntityDef>) -> Statement {
        Statement {
            sql: Arc::from(self.sql),
            binds: self.binds,
            entity,
            read: false,
        }
    }
}
