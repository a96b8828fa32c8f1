//! Turns the translation catalogue (`locales/<lang>/<area>.ftl`, Fluent syntax) into Rust.
//!
//! Each area file becomes one struct (`pix.ftl` → `PixTexts::of(lang)`) with one method per
//! message: `t.title()` gives a `&'static str`; a message with variables takes them, in
//! alphabetical order of their names, and gives a `String` (`t.file_problems(count)`). The build fails when the two languages do not have the same
//! areas, the same messages, or the same variables in a message, or when a message uses what the
//! generator does not know (functions, attributes, an unknown plural category): a missing
//! translation does not compile. French typography (a narrow no-break space before `:` `;` `?`
//! `!` and inside « ») is applied here to the French text, so translators type ordinary spaces.
//! See docs/translations.md.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

/// (directory under `locales/`, `Lang` variant, plural categories CLDR defines for integers).
const LANGS: [(&str, &str, &[&str]); 2] = [
    ("fr", "Fr", &["one", "many", "other"]),
    ("en", "En", &["one", "other"]),
];

/// Names a message cannot have: its method would not compile.
const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self",
    "static", "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

fn main() {
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let code = match generate(&locales) {
        Ok(code) => code,
        Err(problems) => {
            for problem in &problems {
                println!("cargo:warning={problem}");
            }
            panic!(
                "the translation catalogue (locales/) has {} problem(s):\n{}",
                problems.len(),
                problems.join("\n")
            );
        }
    };
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("catalogue.rs"), code).expect("OUT_DIR is writable");
}

/// One message, resolved: term and message references inlined, variables known.
#[derive(Clone, Debug)]
enum Piece {
    Text(String),
    Var(String),
    /// A choice on a variable: numeric keys, then named keys (plural categories, or strings for a
    /// text selector), then the default.
    Select {
        var: String,
        counted: bool,
        numbers: Vec<(String, Vec<Piece>)>,
        named: Vec<(String, Vec<Piece>)>,
        default: Vec<Piece>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum VarKind {
    /// Only shown: any `Display`.
    Shown,
    /// Chosen on with string keys: `&str`.
    Chosen,
    /// Chosen on with plural categories or numbers: a count.
    Counted,
}

struct Area {
    name: String,
    /// Per language, message id → pieces.
    messages: Vec<BTreeMap<String, Vec<Piece>>>,
    /// Message id → its variables and their kinds (the same in every language).
    vars: BTreeMap<String, BTreeMap<String, VarKind>>,
    /// Message ids in the order of the first language's file.
    order: Vec<String>,
}

fn generate(locales: &Path) -> Result<String, Vec<String>> {
    let mut problems = Vec::new();
    let mut area_names: Vec<BTreeSet<String>> = Vec::new();
    for (dir, _, _) in LANGS {
        let mut names = BTreeSet::new();
        let dir = locales.join(dir);
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                for entry in entries.flatten() {
                    let path = entry.path();
                    if path.extension().is_some_and(|e| e == "ftl") {
                        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                            names.insert(stem.to_owned());
                        }
                    }
                }
            }
            Err(e) => problems.push(format!("{}: {e}", dir.display())),
        }
        area_names.push(names);
    }
    for (i, (dir, _, _)) in LANGS.iter().enumerate().skip(1) {
        for missing in area_names[0].symmetric_difference(&area_names[i]) {
            problems.push(format!(
                "locales/{}/{missing}.ftl and locales/{dir}/{missing}.ftl: one is missing",
                LANGS[0].0
            ));
        }
    }
    let mut areas = Vec::new();
    for name in area_names[0].intersection(&area_names[LANGS.len() - 1]) {
        match read_area(locales, name) {
            Ok(area) => areas.push(area),
            Err(mut more) => problems.append(&mut more),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut code = String::from(
        "// Generated by app/build.rs from locales/*/*.ftl: edit those files, not this one.\n\n",
    );
    for area in &areas {
        write_area(&mut code, area);
    }
    Ok(code)
}

fn read_area(locales: &Path, name: &str) -> Result<Area, Vec<String>> {
    let mut problems = Vec::new();
    let mut messages = Vec::new();
    let mut order = Vec::new();
    let mut per_lang_vars: Vec<BTreeMap<String, BTreeMap<String, VarKind>>> = Vec::new();
    for (dir, _, categories) in LANGS {
        let file = format!("locales/{dir}/{name}.ftl");
        let source = match std::fs::read_to_string(locales.join(dir).join(format!("{name}.ftl"))) {
            Ok(s) => s,
            Err(e) => {
                problems.push(format!("{file}: {e}"));
                continue;
            }
        };
        let resource = match fluent_syntax::parser::parse(source.as_str()) {
            Ok(r) => r,
            Err((_, errors)) => {
                for e in errors {
                    let line = source[..e.pos.start.min(source.len())]
                        .lines()
                        .count()
                        .max(1);
                    problems.push(format!("{file}:{line}: {:?}", e.kind));
                }
                continue;
            }
        };
        let mut raw: BTreeMap<String, &ast::Pattern<&str>> = BTreeMap::new();
        let mut terms: BTreeMap<String, &ast::Pattern<&str>> = BTreeMap::new();
        let mut ids_in_order = Vec::new();
        for entry in &resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    let id = m.id.name.to_owned();
                    if !m.attributes.is_empty() {
                        problems.push(format!("{file}: {id}: attributes are not used here"));
                    }
                    if id == "lang"
                        || id == "of"
                        || RUST_KEYWORDS.contains(&id.replace('-', "_").as_str())
                    {
                        problems.push(format!("{file}: {id}: this name is reserved (Rust)"));
                    }
                    match &m.value {
                        Some(value) => {
                            if raw.insert(id.clone(), value).is_some() {
                                problems.push(format!("{file}: {id} is defined twice"));
                            }
                            ids_in_order.push(id);
                        }
                        None => problems.push(format!("{file}: {id} has no value")),
                    }
                }
                ast::Entry::Term(t) => {
                    terms.insert(t.id.name.to_owned(), &t.value);
                }
                ast::Entry::Junk { content } => {
                    problems.push(format!("{file}: cannot read « {} »", content.trim()))
                }
                _ => {}
            }
        }
        let mut resolved = BTreeMap::new();
        let mut vars = BTreeMap::new();
        for (id, pattern) in &raw {
            let mut seen = vec![id.clone()];
            let mut found = BTreeMap::new();
            match resolve(pattern, &raw, &terms, categories, &mut seen, &mut found) {
                Ok(pieces) => {
                    let pieces = if dir == "fr" {
                        french_typography(pieces)
                    } else {
                        pieces
                    };
                    resolved.insert(id.clone(), pieces);
                    vars.insert(id.clone(), found);
                }
                Err(e) => problems.push(format!("{file}: {id}: {e}")),
            }
        }
        if dir == LANGS[0].0 {
            order = ids_in_order;
        }
        messages.push(resolved);
        per_lang_vars.push(vars);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let first = &per_lang_vars[0];
    let mut vars = BTreeMap::new();
    for (i, (dir, _, _)) in LANGS.iter().enumerate().skip(1) {
        let other = &per_lang_vars[i];
        for id in first.keys().filter(|id| !other.contains_key(*id)) {
            problems.push(format!("locales/{dir}/{name}.ftl: {id} is missing"));
        }
        for id in other.keys().filter(|id| !first.contains_key(*id)) {
            problems.push(format!(
                "locales/{}/{name}.ftl: {id} is missing",
                LANGS[0].0
            ));
        }
    }
    for (id, first_vars) in first {
        for var in first_vars.keys() {
            if RUST_KEYWORDS.contains(&var.replace('-', "_").as_str()) || var == "out" {
                problems.push(format!("{name}: {id}: ${var} is a name Rust reserves"));
            }
        }
        let mut merged = first_vars.clone();
        for (i, (dir, _, _)) in LANGS.iter().enumerate().skip(1) {
            let Some(other_vars) = per_lang_vars[i].get(id) else {
                continue;
            };
            let a: BTreeSet<_> = first_vars.keys().collect();
            let b: BTreeSet<_> = other_vars.keys().collect();
            if a != b {
                problems.push(format!(
                    "{name}: {id}: locales/{}/ uses {a:?}, locales/{dir}/ uses {b:?}",
                    LANGS[0].0
                ));
            }
            for (var, kind) in other_vars {
                let entry = merged.entry(var.clone()).or_insert(*kind);
                *entry = (*entry).max(*kind);
            }
        }
        vars.insert(id.clone(), merged);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Area {
        name: name.to_owned(),
        messages,
        vars,
        order,
    })
}

fn resolve(
    pattern: &ast::Pattern<&str>,
    messages: &BTreeMap<String, &ast::Pattern<&str>>,
    terms: &BTreeMap<String, &ast::Pattern<&str>>,
    categories: &[&str],
    seen: &mut Vec<String>,
    vars: &mut BTreeMap<String, VarKind>,
) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => {
                pieces.push(Piece::Text((*value).to_owned()))
            }
            ast::PatternElement::Placeable { expression } => pieces.extend(expression_pieces(
                expression, messages, terms, categories, seen, vars,
            )?),
        }
    }
    Ok(pieces)
}

fn expression_pieces(
    expression: &ast::Expression<&str>,
    messages: &BTreeMap<String, &ast::Pattern<&str>>,
    terms: &BTreeMap<String, &ast::Pattern<&str>>,
    categories: &[&str],
    seen: &mut Vec<String>,
    vars: &mut BTreeMap<String, VarKind>,
) -> Result<Vec<Piece>, String> {
    match expression {
        ast::Expression::Inline(inline) => {
            inline_pieces(inline, messages, terms, categories, seen, vars)
        }
        ast::Expression::Select { selector, variants } => {
            let ast::InlineExpression::VariableReference { id } = selector else {
                return Err("a choice is made on a variable only ({ $count -> … })".into());
            };
            let var = id.name.to_owned();
            let mut numbers = Vec::new();
            let mut named = Vec::new();
            let mut default = None;
            let mut counted = false;
            for variant in variants {
                let body = resolve(&variant.value, messages, terms, categories, seen, vars)?;
                match &variant.key {
                    ast::VariantKey::NumberLiteral { value } => {
                        counted = true;
                        value
                            .parse::<u64>()
                            .map_err(|_| format!("[{value}]: a whole number"))?;
                        numbers.push(((*value).to_owned(), body.clone()));
                    }
                    ast::VariantKey::Identifier { name } => {
                        if categories.contains(name) || ["zero", "two", "few"].contains(name) {
                            if !categories.contains(name) {
                                return Err(format!(
                                    "[{name}]: not a plural category of this language ({categories:?})"
                                ));
                            }
                            counted = true;
                        }
                        named.push(((*name).to_owned(), body.clone()));
                    }
                }
                if variant.default {
                    default = Some(body);
                }
            }
            let kind = if counted {
                VarKind::Counted
            } else {
                VarKind::Chosen
            };
            let entry = vars.entry(var.clone()).or_insert(kind);
            *entry = (*entry).max(kind);
            let default = default.ok_or("a choice needs a default variant (*[other])")?;
            if counted {
                if let Some((name, _)) = named
                    .iter()
                    .find(|(n, _)| !categories.contains(&n.as_str()))
                {
                    return Err(format!(
                        "[{name}]: not a plural category of this language ({categories:?})"
                    ));
                }
            }
            Ok(vec![Piece::Select {
                var,
                counted,
                numbers,
                named,
                default,
            }])
        }
    }
}

fn inline_pieces(
    inline: &ast::InlineExpression<&str>,
    messages: &BTreeMap<String, &ast::Pattern<&str>>,
    terms: &BTreeMap<String, &ast::Pattern<&str>>,
    categories: &[&str],
    seen: &mut Vec<String>,
    vars: &mut BTreeMap<String, VarKind>,
) -> Result<Vec<Piece>, String> {
    match inline {
        ast::InlineExpression::StringLiteral { value } => Ok(vec![Piece::Text(
            fluent_syntax::unicode::unescape_unicode_to_string(value).into_owned(),
        )]),
        ast::InlineExpression::NumberLiteral { value } => {
            Ok(vec![Piece::Text((*value).to_owned())])
        }
        ast::InlineExpression::VariableReference { id } => {
            vars.entry(id.name.to_owned()).or_insert(VarKind::Shown);
            Ok(vec![Piece::Var(id.name.to_owned())])
        }
        ast::InlineExpression::MessageReference {
            id,
            attribute: None,
        } => {
            let name = id.name.to_owned();
            if seen.contains(&name) {
                return Err(format!("{name} refers to itself"));
            }
            let pattern = messages
                .get(&name)
                .ok_or(format!("{{ {name} }}: no such message"))?;
            seen.push(name);
            let pieces = resolve(pattern, messages, terms, categories, seen, vars);
            seen.pop();
            pieces
        }
        ast::InlineExpression::TermReference {
            id,
            attribute: None,
            arguments: None,
        } => {
            let name = id.name.to_owned();
            let pattern = terms
                .get(&name)
                .ok_or(format!("{{ -{name} }}: no such term"))?;
            resolve(pattern, messages, terms, categories, seen, vars)
        }
        ast::InlineExpression::Placeable { expression } => {
            expression_pieces(expression, messages, terms, categories, seen, vars)
        }
        other => Err(format!(
            "{other:?}: not used in this catalogue (functions, attributes, term arguments)"
        )),
    }
}

/// A narrow no-break space (U+202F) where French typography puts a space before `:` `;` `?` `!`
/// `»` and after `«`: an ordinary or no-break space typed there becomes one.
fn french_typography(pieces: Vec<Piece>) -> Vec<Piece> {
    pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => Piece::Text(french_spaces(&text)),
            Piece::Select {
                var,
                counted,
                numbers,
                named,
                default,
            } => Piece::Select {
                var,
                counted,
                numbers: numbers
                    .into_iter()
                    .map(|(k, p)| (k, french_typography(p)))
                    .collect(),
                named: named
                    .into_iter()
                    .map(|(k, p)| (k, french_typography(p)))
                    .collect(),
                default: french_typography(default),
            },
            var => var,
        })
        .collect()
}

fn french_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let space = c == ' ' || c == '\u{a0}';
        let before_mark = chars
            .get(i + 1)
            .is_some_and(|n| matches!(n, ':' | ';' | '?' | '!' | '»'));
        let after_open = i > 0 && chars[i - 1] == '«';
        out.push(if space && (before_mark || after_open) {
            '\u{202f}'
        } else {
            c
        });
    }
    out
}

fn field_name(id: &str) -> String {
    id.replace('-', "_")
}

fn type_name(area: &str) -> String {
    let mut name = String::new();
    for part in area.split(['-', '_']) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            name.extend(first.to_uppercase());
            name.push_str(chars.as_str());
        }
    }
    name + "Texts"
}

fn plain_text(pieces: &[Piece]) -> Option<String> {
    let mut text = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => text.push_str(t),
            _ => return None,
        }
    }
    Some(text)
}

fn write_area(code: &mut String, area: &Area) {
    let ty = type_name(&area.name);
    let upper = area.name.to_uppercase().replace('-', "_");
    let _ = writeln!(
        code,
        "/// The words of `locales/*/{}.ftl`, in one language.",
        area.name
    );
    let _ = writeln!(
        code,
        "#[derive(Debug, PartialEq, Eq)]\npub struct {ty} {{\n    pub lang: Lang,\n}}\n"
    );
    for (_, variant, _) in LANGS {
        let _ = writeln!(
            code,
            "static {upper}_{}: {ty} = {ty} {{ lang: Lang::{variant} }};",
            variant.to_uppercase()
        );
    }
    let _ = writeln!(code, "\nimpl {ty} {{");
    let _ = writeln!(code, "    /// The words in `lang`.\n    pub fn of(lang: Lang) -> &'static Self {{\n        match lang {{");
    for (_, variant, _) in LANGS {
        let _ = writeln!(
            code,
            "            Lang::{variant} => &{upper}_{},",
            variant.to_uppercase()
        );
    }
    code.push_str("        }\n    }\n");
    for id in &area.order {
        let vars = &area.vars[id];
        let _ = writeln!(
            code,
            "\n    /// « {} »",
            doc(&sketch(&area.messages[0][id]))
        );
        if vars.is_empty() {
            // A plain message: one function per message (not a field), so that an island's
            // WebAssembly carries only the words it shows.
            let _ = writeln!(
                code,
                "    pub fn {}(&self) -> &'static str {{\n        match self.lang {{",
                field_name(id)
            );
            for (i, (_, variant, _)) in LANGS.iter().enumerate() {
                let text = plain_text(&area.messages[i][id]).unwrap_or_default();
                let _ = writeln!(code, "            Lang::{variant} => {text:?},");
            }
            code.push_str("        }\n    }\n");
            continue;
        }
        let params: Vec<String> = vars
            .iter()
            .map(|(var, kind)| {
                let ty = match kind {
                    VarKind::Shown => "impl std::fmt::Display",
                    VarKind::Chosen => "&str",
                    VarKind::Counted => "impl crate::i18n::plural::Count",
                };
                format!("{}: {ty}", field_name(var))
            })
            .collect();
        let _ = writeln!(
            code,
            "    pub fn {}(&self, {}) -> String {{",
            field_name(id),
            params.join(", ")
        );
        for (var, kind) in vars {
            if *kind == VarKind::Counted {
                let v = field_name(var);
                let _ = writeln!(
                    code,
                    "        let {v} = crate::i18n::plural::Count::count({v});"
                );
            }
        }
        code.push_str("        let mut out = String::new();\n        match self.lang {\n");
        for (i, (dir, variant, _)) in LANGS.iter().enumerate() {
            let _ = writeln!(code, "            Lang::{variant} => {{");
            write_pieces(code, &area.messages[i][id], dir, 4);
            code.push_str("            }\n");
        }
        code.push_str("        }\n        out\n    }\n");
    }
    code.push_str("}\n\n");
}

fn write_pieces(code: &mut String, pieces: &[Piece], lang: &str, depth: usize) {
    let pad = "    ".repeat(depth);
    for piece in pieces {
        match piece {
            Piece::Text(text) => match single_char(text) {
                Some(c) => {
                    let _ = writeln!(code, "{pad}out.push({c:?});");
                }
                None => {
                    let _ = writeln!(code, "{pad}out.push_str({text:?});");
                }
            },
            Piece::Var(var) => {
                let _ = writeln!(code, "{pad}let _ = std::fmt::Write::write_fmt(&mut out, format_args!(\"{{}}\", {}));", field_name(var));
            }
            Piece::Select {
                var,
                counted,
                numbers,
                named,
                default,
            } => {
                let v = field_name(var);
                if *counted {
                    let _ = writeln!(
                        code,
                        "{pad}match ({v}, crate::i18n::plural::{lang}({v})) {{"
                    );
                    for (n, body) in numbers {
                        let _ = writeln!(code, "{pad}    ({n}, _) => {{");
                        write_pieces(code, body, lang, depth + 2);
                        let _ = writeln!(code, "{pad}    }}");
                    }
                    for (category, body) in named {
                        let _ = writeln!(
                            code,
                            "{pad}    (_, crate::i18n::plural::Plural::{}) => {{",
                            plural_variant(category)
                        );
                        write_pieces(code, body, lang, depth + 2);
                        let _ = writeln!(code, "{pad}    }}");
                    }
                } else {
                    let _ = writeln!(code, "{pad}match {v} {{");
                    for (key, body) in named {
                        let _ = writeln!(code, "{pad}    {key:?} => {{");
                        write_pieces(code, body, lang, depth + 2);
                        let _ = writeln!(code, "{pad}    }}");
                    }
                }
                let _ = writeln!(
                    code,
                    "{pad}    #[allow(unreachable_patterns)]\n{pad}    _ => {{"
                );
                write_pieces(code, default, lang, depth + 2);
                let _ = writeln!(code, "{pad}    }}\n{pad}}}");
            }
        }
    }
}

fn single_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn plural_variant(category: &str) -> &'static str {
    match category {
        "one" => "One",
        "many" => "Many",
        _ => "Other",
    }
}

/// The message as a translator wrote it, for the generated documentation.
fn sketch(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Var(v) => {
                let _ = write!(out, "{{ ${v} }}");
            }
            Piece::Select { var, default, .. } => {
                let _ = write!(out, "{{ ${var} -> … {} }}", sketch(default));
            }
        }
    }
    out
}

fn doc(text: &str) -> String {
    text.replace('\n', " ")
}
