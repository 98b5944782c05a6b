//! Routing: the condition under which an item is shown.
//!
//! Conditions are written as small expressions over earlier answers:
//!
//! ```text
//! q01 == 1
//! q01 in [1, 2] and q05 >= 3
//! not (q13 has 4) or q02 != 2
//! ```
//!
//! Grammar (keywords are case-insensitive):
//!
//! ```text
//! expr    := and ("or" and)*
//! and     := unary ("and" unary)*
//! unary   := "not" unary | "(" expr ")" | compare
//! compare := ITEM op NUMBER | ITEM "in" "[" NUMBER ("," NUMBER)* "]" | ITEM "has" NUMBER
//! op      := "==" | "!=" | "<" | "<=" | ">" | ">="
//! ```
//!
//! A comparison is true only when the item has a valid answer that satisfies it: an item that was
//! not asked, left unanswered or answered with a missing code ("weet niet") makes every comparison
//! on it false (and `not` of it true). `has` tests whether an option of a multiple-choice item was
//! selected.

use std::fmt;

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Op {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Op {
    fn holds(self, a: f64, b: f64) -> bool {
        match self {
            Op::Eq => a == b,
            Op::Ne => a != b,
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
}

/// A routing condition.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// `item op value`
    Compare {
        /// The item.
        item: String,
        /// The operator.
        op: Op,
        /// The value (an option code or a number).
        value: f64,
    },
    /// `item in [v, ...]`
    In {
        /// The item.
        item: String,
        /// The values.
        values: Vec<f64>,
    },
    /// `item has code` (multiple choice).
    Has {
        /// The item.
        item: String,
        /// The option code.
        code: f64,
    },
    /// All must hold.
    All(Vec<Condition>),
    /// At least one must hold.
    Any(Vec<Condition>),
    /// Negation.
    Not(Box<Condition>),
}

/// What a condition needs to know about a respondent's answers.
pub trait Answers {
    /// The valid answer of a single-choice, Likert or numeric item, if any.
    fn value(&self, item: &str) -> Option<f64>;
    /// Whether option `code` of a multiple-choice item was selected.
    fn selected(&self, item: &str, code: f64) -> bool;
}

/// The deepest nesting of parentheses and `not` a `show_if` expression may have.
///
/// The parser descends once per level, so an unbounded depth lets a short file
/// (10,000 `(` in 20 KB) overflow the stack; 64 levels is far beyond any real routing rule.
pub const MAX_CONDITION_DEPTH: usize = 64;

impl Condition {
    /// Parse an expression.
    ///
    /// # Errors
    /// A message saying where the expression is malformed, or that it nests parentheses and
    /// `not` deeper than [`MAX_CONDITION_DEPTH`] levels.
    pub fn parse(text: &str) -> Result<Condition, String> {
        let tokens = tokenize(text)?;
        let mut p = Parser { tokens, pos: 0, depth: 0 };
        let c = p.or()?;
        match p.tokens.get(p.pos) {
            None => Ok(c),
            Some(t) => Err(format!("unexpected {t} after a complete condition")),
        }
    }

    /// Evaluate for one respondent.
    pub fn eval(&self, answers: &dyn Answers) -> bool {
        match self {
            Condition::Compare { item, op, value } => answers.value(item).is_some_and(|v| op.holds(v, *value)),
            Condition::In { item, values } => answers.value(item).is_some_and(|v| values.contains(&v)),
            Condition::Has { item, code } => answers.selected(item, *code),
            Condition::All(cs) => cs.iter().all(|c| c.eval(answers)),
            Condition::Any(cs) => cs.iter().any(|c| c.eval(answers)),
            Condition::Not(c) => !c.eval(answers),
        }
    }

    /// The items the condition refers to.
    pub fn items(&self) -> Vec<&str> {
        match self {
            Condition::Compare { item, .. } | Condition::In { item, .. } | Condition::Has { item, .. } => vec![item],
            Condition::All(cs) | Condition::Any(cs) => cs.iter().flat_map(Condition::items).collect(),
            Condition::Not(c) => c.items(),
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |f: &mut fmt::Formatter<'_>, cs: &[Condition], sep: &str| -> fmt::Result {
            for (i, c) in cs.iter().enumerate() {
                if i > 0 {
                    write!(f, " {sep} ")?;
                }
                match c {
                    Condition::All(_) | Condition::Any(_) => write!(f, "({c})")?,
                    _ => write!(f, "{c}")?,
                }
            }
            Ok(())
        };
        match self {
            Condition::Compare { item, op, value } => write!(f, "{item} {} {value}", op.symbol()),
            Condition::In { item, values } => {
                let vs: Vec<String> = values.iter().map(f64::to_string).collect();
                write!(f, "{item} in [{}]", vs.join(", "))
            }
            Condition::Has { item, code } => write!(f, "{item} has {code}"),
            Condition::All(cs) => join(f, cs, "and"),
            Condition::Any(cs) => join(f, cs, "or"),
            Condition::Not(c) => write!(f, "not ({c})"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Num(f64),
    Op(Op),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Ident(s) => write!(f, "{s:?}"),
            Tok::Num(n) => write!(f, "{n}"),
            Tok::Op(o) => write!(f, "{:?}", o.symbol()),
            Tok::LParen => f.write_str("\"(\""),
            Tok::RParen => f.write_str("\")\""),
            Tok::LBracket => f.write_str("\"[\""),
            Tok::RBracket => f.write_str("\"]\""),
            Tok::Comma => f.write_str("\",\""),
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => (out.push(Tok::LParen), i += 1).1,
            ')' => (out.push(Tok::RParen), i += 1).1,
            '[' => (out.push(Tok::LBracket), i += 1).1,
            ']' => (out.push(Tok::RBracket), i += 1).1,
            ',' => (out.push(Tok::Comma), i += 1).1,
            '=' if next == Some('=') => (out.push(Tok::Op(Op::Eq)), i += 2).1,
            '!' if next == Some('=') => (out.push(Tok::Op(Op::Ne)), i += 2).1,
            '<' if next == Some('=') => (out.push(Tok::Op(Op::Le)), i += 2).1,
            '>' if next == Some('=') => (out.push(Tok::Op(Op::Ge)), i += 2).1,
            '<' => (out.push(Tok::Op(Op::Lt)), i += 1).1,
            '>' => (out.push(Tok::Op(Op::Gt)), i += 1).1,
            c if c.is_ascii_digit() || c == '-' || c == '.' => {
                let start = i;
                i += 1;
                while chars.get(i).is_some_and(|d| d.is_ascii_digit() || *d == '.') {
                    i += 1;
                }
                let s: String = chars.get(start..i).unwrap_or_default().iter().collect();
                out.push(Tok::Num(s.parse().map_err(|_| format!("{s:?} is not a number"))?));
            }
            c if c.is_alphanumeric() || c == '_' => {
                let start = i;
                while chars.get(i).is_some_and(|d| d.is_alphanumeric() || *d == '_' || *d == '-') {
                    i += 1;
                }
                out.push(Tok::Ident(chars.get(start..i).unwrap_or_default().iter().collect()));
            }
            other => return Err(format!("unexpected character {other:?} at position {}", i + 1)),
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Tok>,
    pos: usize,
    /// Open parentheses and `not`s around the current position.
    depth: usize,
}

impl Parser {
    fn peek_keyword(&self, kw: &str) -> bool {
        matches!(self.tokens.get(self.pos), Some(Tok::Ident(s)) if s.eq_ignore_ascii_case(kw))
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn or(&mut self) -> Result<Condition, String> {
        let mut parts = vec![self.and()?];
        while self.peek_keyword("or") {
            self.pos += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Condition::Any(parts) })
    }

    fn and(&mut self) -> Result<Condition, String> {
        let mut parts = vec![self.unary()?];
        while self.peek_keyword("and") {
            self.pos += 1;
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Condition::All(parts) })
    }

    /// One level deeper, or an error past [`MAX_CONDITION_DEPTH`].
    fn descend(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_CONDITION_DEPTH {
            return Err(format!(
                "parentheses and \"not\" nested deeper than {MAX_CONDITION_DEPTH} levels (at token {})",
                self.pos
            ));
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<Condition, String> {
        if self.peek_keyword("not") {
            self.pos += 1;
            self.descend()?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Condition::Not(Box::new(inner)));
        }
        match self.next() {
            Some(Tok::LParen) => {
                self.descend()?;
                let c = self.or()?;
                self.depth -= 1;
                match self.next() {
                    Some(Tok::RParen) => Ok(c),
                    other => Err(format!("expected \")\", found {}", describe(other.as_ref()))),
                }
            }
            Some(Tok::Ident(item)) => self.compare(item),
            other => Err(format!("expected an item id, \"not\" or \"(\", found {}", describe(other.as_ref()))),
        }
    }

    fn number(&mut self) -> Result<f64, String> {
        match self.next() {
            Some(Tok::Num(n)) => Ok(n),
            other => Err(format!("expected a number, found {}", describe(other.as_ref()))),
        }
    }

    fn compare(&mut self, item: String) -> Result<Condition, String> {
        match self.next() {
            Some(Tok::Op(op)) => Ok(Condition::Compare { item, op, value: self.number()? }),
            Some(Tok::Ident(kw)) if kw.eq_ignore_ascii_case("has") => Ok(Condition::Has { item, code: self.number()? }),
            Some(Tok::Ident(kw)) if kw.eq_ignore_ascii_case("in") => {
                if self.next() != Some(Tok::LBracket) {
                    return Err(format!("expected \"[\" after \"{item} in\""));
                }
                let mut values = vec![self.number()?];
                loop {
                    match self.next() {
                        Some(Tok::Comma) => values.push(self.number()?),
                        Some(Tok::RBracket) => break,
                        other => return Err(format!("expected \",\" or \"]\", found {}", describe(other.as_ref()))),
                    }
                }
                Ok(Condition::In { item, values })
            }
            other => Err(format!(
                "expected ==, !=, <, <=, >, >=, in or has after {item:?}, found {}",
                describe(other.as_ref())
            )),
        }
    }
}

fn describe(t: Option<&Tok>) -> String {
    t.map_or_else(|| "the end".to_owned(), ToString::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct A(HashMap<&'static str, f64>, Vec<(&'static str, f64)>);
    impl Answers for A {
        fn value(&self, item: &str) -> Option<f64> {
            self.0.get(item).copied()
        }
        fn selected(&self, item: &str, code: f64) -> bool {
            self.1.iter().any(|(i, c)| *i == item && *c == code)
        }
    }

    #[test]
    fn parses_and_evaluates() {
        let a = A(HashMap::from([("q01", 1.0), ("q05", 4.0)]), vec![("q13", 3.0)]);
        let cases = [
            ("q01 == 1", true),
            ("q01 in [2, 3]", false),
            ("q01 in [1,2] and q05 >= 3", true),
            ("q01 == 2 or q13 has 3", true),
            ("not (q13 has 3)", false),
            ("q99 == 1", false),
            ("not q99 == 1", true),
            ("(q01 != 1 or q05 < 4) and q05 > 0", false),
            ("Q01 == 1 AND q05 <= 4", false),
        ];
        for (text, want) in cases {
            let c = Condition::parse(text).unwrap();
            assert_eq!(c.eval(&a), want, "{text}");
            let again = Condition::parse(&c.to_string()).unwrap();
            assert_eq!(again, c, "display round trip of {text}");
        }
    }

    #[test]
    fn rejects_malformed() {
        for bad in ["", "q01", "q01 = 1", "q01 == ", "(q01 == 1", "q01 in [1,", "q01 == 1 q02", "q01 ~ 2", "and"] {
            assert!(Condition::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn depth_is_limited() {
        let ok = format!("{}q1 == 1{}", "(".repeat(MAX_CONDITION_DEPTH), ")".repeat(MAX_CONDITION_DEPTH));
        assert!(Condition::parse(&ok).is_ok());
        let deep = format!("{}q1 == 1{}", "(".repeat(MAX_CONDITION_DEPTH + 1), ")".repeat(MAX_CONDITION_DEPTH + 1));
        assert!(Condition::parse(&deep).is_err_and(|m| m.contains("nested deeper than 64")));
        for text in [
            format!("{}q1 == 1{}", "(".repeat(10_000), ")".repeat(10_000)),
            format!("{}q1 == 1", "not ".repeat(100_000)),
        ] {
            assert!(Condition::parse(&text).is_err_and(|m| m.contains("nested deeper")));
        }
    }
}
