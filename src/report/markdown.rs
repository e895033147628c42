//! A report as Markdown: headings, the sentences, and pipe tables.

use super::document::{Block, Document};

pub fn render(doc: &Document) -> String {
    let mut out = format!("# {}\n\n**{}**\n\n", doc.title, doc.subtitle);
    for line in &doc.intro {
        out.push_str(&format!("{line}\n\n"));
    }
    for section in &doc.sections {
        out.push_str(&format!("## {}\n\n", section.title));
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => out.push_str(&format!("{text}\n\n")),
                Block::Table(t) => {
                    out.push_str(&format!("*{}*\n\n", t.caption));
                    out.push_str(&format!("| {} |\n", t.header.join(" | ")));
                    let rule: Vec<&str> = (0..t.header.len())
                        .map(|i| if i == 0 { "---" } else { "---:" })
                        .collect();
                    out.push_str(&format!("| {} |\n", rule.join(" | ")));
                    for row in &t.rows {
                        let cells: Vec<String> = row.iter().map(|c| escape(&c.display())).collect();
                        out.push_str(&format!("| {} |\n", cells.join(" | ")));
                    }
                    out.push('\n');
                }
            }
        }
    }
    if !doc.footnotes.is_empty() {
        out.push_str("---\n\n");
        for (i, note) in doc.footnotes.iter().enumerate() {
            out.push_str(&format!("[{}] {note}\n\n", i + 1));
        }
    }
    out
}

/// A cell's text (a country or a type a record names) is text: it cannot end its table
/// cell, nor become a link, emphasis, code or HTML in a Markdown viewer.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
