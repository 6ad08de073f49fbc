//! Splits a migration script into statements, so a failure can name the
//! statement that failed. Aware of quotes, comments and PostgreSQL dollar
//! quoting, so semicolons inside them do not split.

/// The statements of `script`, trimmed, without empty ones.
pub fn statements(script: &str) -> Vec<String> {
    let chars: Vec<char> = script.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' | '"' | '`' => {
                // Quoted: until the matching quote (doubled quotes stay inside).
                current.push(c);
                i += 1;
                while i < chars.len() {
                    current.push(chars[i]);
                    if chars[i] == c {
                        if chars.get(i + 1) == Some(&c) {
                            current.push(c);
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    if chars[i] == '\\'
                        && c == '\''
                        && let Some(next) = chars.get(i + 1)
                    {
                        current.push(*next);
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            '-' if chars.get(i + 1) == Some(&'-') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                // MySQL-family executable comments (`/*! ... */`, MariaDB's
                // `/*M! ... */`) and optimizer hints (`/*+ ... */`) are SQL
                // to those servers: kept verbatim.
                let executable = matches!(
                    (chars.get(i + 2), chars.get(i + 3)),
                    (Some('!' | '+'), _) | (Some('M'), Some('!'))
                );
                let start = i;
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i = (i + 2).min(chars.len());
                // Any other comment still separates what is around it
                // (`a/**/b` is `a b`, not `ab`).
                if executable {
                    current.extend(&chars[start..i]);
                } else {
                    current.push(' ');
                }
            }
            '$' => {
                // $tag$ ... $tag$
                let tag_end = chars[i + 1..]
                    .iter()
                    .position(|ch| *ch == '$')
                    .map(|p| i + 1 + p);
                let is_tag = tag_end.is_some_and(|end| {
                    chars[i + 1..end]
                        .iter()
                        .all(|ch| ch.is_alphanumeric() || *ch == '_')
                });
                match (is_tag, tag_end) {
                    (true, Some(end)) => {
                        let tag: String = chars[i..=end].iter().collect();
                        current.push_str(&tag);
                        let rest: String = chars[end + 1..].iter().collect();
                        match rest.find(&tag) {
                            Some(close) => {
                                current.push_str(&rest[..close + tag.len()]);
                                i = end + 1 + rest[..close + tag.len()].chars().count();
                            }
                            None => {
                                current.push_str(&rest);
                                i = chars.len();
                            }
                        }
                    }
                    _ => {
                        current.push(c);
                        i += 1;
                    }
                }
            }
            ';' => {
                let statement = current.trim();
                if !statement.is_empty() {
                    out.push(statement.to_owned());
                }
                current.clear();
                i += 1;
            }
            _ => {
                current.push(c);
                i += 1;
            }
        }
    }
    let statement = current.trim();
    if !statement.is_empty() {
        out.push(statement.to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::statements;

    #[test]
    fn keeps_mysql_executable_comments() {
        let script = "CREATE TABLE t (a INT) /* plain; */ /*!80000 COLLATE x*/ /*M!100202 COLLATE y*/;\nSELECT 1;";
        assert_eq!(
            statements(script),
            [
                "CREATE TABLE t (a INT)   /*!80000 COLLATE x*/ /*M!100202 COLLATE y*/",
                "SELECT 1"
            ]
        );
    }

    #[test]
    fn splits_on_semicolons_outside_quotes_comments_and_dollar_quotes() {
        let script = "CREATE TABLE a (x TEXT DEFAULT 'a;b');\n-- a comment; here\nINSERT INTO a VALUES ('it''s;');\n/* block; */\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT \"odd;name\" FROM a";
        let parts = statements(script);
        assert_eq!(parts.len(), 4, "{parts:#?}");
        assert!(parts[0].contains("'a;b'"));
        assert!(parts[1].contains("'it''s;'"));
        assert!(parts[2].contains("$$ SELECT 1; $$"));
        assert!(parts[3].contains("\"odd;name\""));
    }

    // Found by fuzz/fuzz_targets/split_structured.rs: dropping a block
    // comment glued the words around it into one.
    #[test]
    fn a_block_comment_still_separates_words() {
        assert_eq!(statements("w46395/*  */w65290;\n"), ["w46395 w65290"]);
        assert_eq!(
            statements("SELECT/**/1; SELECT 2"),
            ["SELECT 1", "SELECT 2"]
        );
    }

    #[test]
    fn mysql_executable_comments_and_hints_are_kept() {
        let script =
            "/*!40101 SET NAMES utf8mb4 */;\nSELECT /*+ MAX_EXECUTION_TIME(1000) */ 1; /* gone; */";
        assert_eq!(
            statements(script),
            [
                "/*!40101 SET NAMES utf8mb4 */",
                "SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1"
            ]
        );
        // Unterminated comments end the script without a panic.
        assert_eq!(statements("SELECT 1 /*! x"), ["SELECT 1 /*! x"]);
        assert_eq!(statements("SELECT 1 /* x"), ["SELECT 1"]);
    }

    #[test]
    fn empty_scripts_have_no_statements() {
        assert!(statements("  -- nothing\n ;; ").is_empty());
    }
}
