//! Renders a report `Document` as a Word file (.docx bytes) with docx-rs, in the look of a
//! Vietnamese administrative document: A4, Times New Roman 13 pt, margins of Nghị định
//! 30/2020/NĐ-CP (left 30 mm, others 20 mm). Title and subtitle centered in bold, intro lines
//! centered in italic, section titles bold, paragraphs justified, tables bordered with a bold
//! shaded header row and right-aligned numbers in Vietnamese form (`Cell::display`, "2.300.000"),
//! and the footnotes last under "Ghi chú" in 11 pt italic.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Shading,
    SpecialIndentType, Table as DocxTable, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableRow, WidthType,
};

use super::document::{Block, Cell, DocSection, Document, Table};

const FONT: &str = "Times New Roman";
/// Sizes are in half-points, as Word stores them.
const BODY_SIZE: usize = 26;
const TITLE_SIZE: usize = 28;
const FOOTNOTE_SIZE: usize = 22;
/// Text width in twips: A4 (11 906) less the 30 mm left and 20 mm right margins.
const TEXT_WIDTH: usize = 11_906 - 1_701 - 1_134;
/// First-line indent of body paragraphs (1 cm), customary in Vietnamese reports.
const FIRST_LINE_INDENT: i32 = 567;
const HEADER_FILL: &str = "DDEBF7";
/// Table rules in eighths of a point: ½ pt, Word's usual single line (docx-rs defaults to ¼).
const BORDER_SIZE: usize = 4;

/// The document as .docx bytes.
pub fn render(doc: &Document) -> anyhow::Result<Vec<u8>> {
    let margins = PageMargin::new()
        .top(1_134)
        .bottom(1_134)
        .left(1_701)
        .right(1_134);
    let mut docx = Docx::new()
        .default_fonts(fonts())
        .default_size(BODY_SIZE)
        .page_margin(margins)
        .add_paragraph(centered(run(&doc.title).size(TITLE_SIZE).bold()))
        .add_paragraph(centered(run(&doc.subtitle).bold()));
    for line in &doc.intro {
        docx = docx.add_paragraph(centered(run(line).italic()));
    }
    for section in &doc.sections {
        docx = add_section(docx, section);
    }
    if !doc.footnotes.is_empty() {
        docx = docx.add_paragraph(heading(&doc.notes_heading));
        for note in &doc.footnotes {
            let note_run = run(note).size(FOOTNOTE_SIZE).italic();
            docx = docx.add_paragraph(
                Paragraph::new()
                    .add_run(note_run)
                    .align(AlignmentType::Both),
            );
        }
    }
    let mut out = Cursor::new(Vec::new());
    docx.build().pack(&mut out)?;
    Ok(out.into_inner())
}

fn add_section(mut docx: Docx, section: &DocSection) -> Docx {
    docx = docx.add_paragraph(heading(&section.title));
    for block in &section.blocks {
        docx = match block {
            Block::Paragraph(text) => docx.add_paragraph(body_paragraph(text)),
            Block::Table(table) => {
                let caption = Paragraph::new()
                    .add_run(run(&table.caption).bold().italic())
                    .keep_next(true)
                    .line_spacing(LineSpacing::new().before(120).after(60));
                // The empty paragraph after the table keeps two tables from merging in Word.
                docx.add_paragraph(caption)
                    .add_table(docx_table(table))
                    .add_paragraph(Paragraph::new())
            }
        };
    }
    docx
}

/// Times New Roman for every script Word distinguishes, so Vietnamese letters do not fall back
/// to another font.
fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

/// A run in the body font and size; callers change size or add bold/italic.
fn run(text: &str) -> Run {
    Run::new().add_text(text).fonts(fonts()).size(BODY_SIZE)
}

fn centered(run: Run) -> Paragraph {
    Paragraph::new().add_run(run).align(AlignmentType::Center)
}

/// A bold title kept with what follows; outline level 0 (Word's "Level 1") puts it in the
/// navigation pane.
fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text).bold())
        .keep_next(true)
        .outline_lvl(0)
        .line_spacing(LineSpacing::new().before(240).after(120))
}

fn body_paragraph(text: &str) -> Paragraph {
    // `AlignmentType::Both` is OOXML's "justify"; `Justified` writes a value Word rejects.
    Paragraph::new()
        .add_run(run(text))
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(FIRST_LINE_INDENT)),
            None,
            None,
        )
        .line_spacing(LineSpacing::new().after(120))
}

fn docx_table(table: &Table) -> DocxTable {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.header.len()])
        .max()
        .unwrap_or(0)
        .max(1);
    let widths = column_widths(columns);
    let mut rows = Vec::with_capacity(table.rows.len() + 1);
    if !table.header.is_empty() {
        let cells = table.header.iter().zip(&widths).map(|(name, &width)| {
            let p = Paragraph::new()
                .add_run(run(name).bold())
                .align(AlignmentType::Center);
            TableCell::new()
                .add_paragraph(p)
                .width(width, WidthType::Dxa)
                .shading(Shading::new().fill(HEADER_FILL))
        });
        rows.push(TableRow::new(cells.collect()).cant_split());
    }
    for cells in &table.rows {
        // Short rows are padded with empty cells so every row spans the grid.
        let cells = widths.iter().enumerate().map(|(col, &width)| {
            let p = cells.get(col).map_or_else(Paragraph::new, data_paragraph);
            TableCell::new()
                .add_paragraph(p)
                .width(width, WidthType::Dxa)
        });
        rows.push(TableRow::new(cells.collect()).cant_split());
    }
    use TableBorderPosition::*;
    let borders = [Top, Left, Bottom, Right, InsideH, InsideV]
        .into_iter()
        .fold(TableBorders::new(), |all, side| {
            all.set(TableBorder::new(side).size(BORDER_SIZE))
        });
    DocxTable::new(rows)
        .set_borders(borders)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// Column widths in twips filling the text width; the first column (labels) gets a double
/// share.
fn column_widths(columns: usize) -> Vec<usize> {
    let share = TEXT_WIDTH / (columns + 1);
    let first = TEXT_WIDTH - share * (columns - 1);
    std::iter::once(first)
        .chain(std::iter::repeat_n(share, columns - 1))
        .collect()
}

/// Numbers right-aligned so their digits line up; text left.
fn data_paragraph(cell: &Cell) -> Paragraph {
    let align = match cell {
        Cell::Text(_) => AlignmentType::Left,
        Cell::Int(_) | Cell::Usd(_) => AlignmentType::Right,
    };
    Paragraph::new().add_run(run(&cell.display())).align(align)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::sample;
    use std::io::Read;

    /// One part of the package, as text.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
        let mut xml = String::new();
        archive
            .by_name(name)
            .expect(name)
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    /// Byte offset of `needle` in `xml`, failing the test when it is absent.
    fn at(xml: &str, needle: &str) -> usize {
        xml.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing from document.xml"))
    }

    #[test]
    fn docx_keeps_vietnamese_text_in_order() {
        let xml = part(&render(&sample()).unwrap(), "word/document.xml");
        let order = [
            "BÁO CÁO",
            "Số liệu công tác đối ngoại giai đoạn 2016-2020",
            "So sánh với giai đoạn 2011-2015.",
            "1. Công tác đoàn ra",
            "Đoàn ra được cho phép: 237 đoàn.",
            "Đoàn ra theo năm",
            "Kinh phí (USD)",
            "2. Ngoại giao kinh tế",
            "Thu hút đầu tư nước ngoài.",
            "Ghi chú",
            "Không tính đoàn của doanh nghiệp.",
        ];
        let offsets: Vec<usize> = order.iter().map(|s| at(&xml, s)).collect();
        assert!(offsets.is_sorted(), "out of order: {offsets:?}");
    }

    #[test]
    fn docx_table_numbers_use_vietnamese_form() {
        let xml = part(&render(&sample()).unwrap(), "word/document.xml");
        for number in [">237<", ">2.300.000<", ">1.234<", ">1.234,50<"] {
            at(&xml, number);
        }
        assert!(!xml.contains("2300000"), "raw number leaked");
        assert_eq!(xml.matches("<w:tbl>").count(), 1);
        assert_eq!(
            xml.matches(r#"w:val="single" w:sz="4""#).count(),
            6,
            "½ pt rules"
        );
        assert_eq!(xml.matches("<w:tr>").count(), 3, "header and two data rows");
        // Title, subtitle, intro and header cells are centered; the four numbers right-aligned.
        assert_eq!(xml.matches(r#"<w:jc w:val="right" />"#).count(), 4);
    }

    #[test]
    fn docx_uses_times_new_roman_13pt_and_justified_paragraphs() {
        let bytes = render(&sample()).unwrap();
        let xml = part(&bytes, "word/document.xml");
        at(&xml, r#"w:ascii="Times New Roman""#);
        at(&xml, r#"<w:sz w:val="26" />"#);
        at(&xml, r#"<w:sz w:val="28" />"#);
        at(&xml, r#"<w:sz w:val="22" />"#);
        assert_eq!(
            xml.matches(r#"<w:jc w:val="both" />"#).count(),
            3,
            "2 paragraphs, 1 note"
        );
        let styles = part(&bytes, "word/styles.xml");
        assert!(
            styles.contains(r#"w:ascii="Times New Roman""#),
            "default font"
        );
    }
}
