//! Writing the Rust code of one area: a struct, its two statics, one method per message.

use super::{Area, Piece, VarKind, LANGS};
use std::fmt::Write as _;

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

pub(super) fn write_area(code: &mut String, area: &Area) {
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
