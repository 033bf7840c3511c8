//! .docx (WordprocessingML), read with the `zip` crate and quick-xml: no converter, no Word.
//!
//! `word/document.xml` is read paragraph by paragraph (`w:p`): the text of its runs (`w:r`/`w:t`,
//! tabs as spaces, line breaks as new blocks), bold runs (`w:b`) as `**…**` and italic ones
//! (`w:i`) as `*…*`, hyperlinks with their address from `word/_rels/document.xml.rels`. Pictures
//! (`a:blip r:embed` in a `w:drawing`, `v:imagedata r:id` in VML) are taken from the zip member
//! their relationship names, with Word's description (`wp:docPr descr`, else `title`). A table
//! (`w:tbl`) becomes a Markdown table; a table inside a cell is read as text of that cell. The
//! paragraph style (`w:pStyle`, resolved to its built-in name through `word/styles.xml`, so the
//! Portuguese "Título 1" is found as "heading 1") makes titles and headings. Word's automatic
//! numbering (`w:numPr`, from the paragraph or its style) is not in the text: it is computed from
//! `word/numbering.xml` (each level's format and `lvlText`, such as `%1.%2 -`) and put back in front
//! of the text, so "1.1 - …" reads the same as in a text export. A list that is not such an
//! outline (bullets, letters, roman numerals, or a sub-level numbered on its own, `%2.`) is a list
//! inside a step: its paragraphs are items, nested at their level (`w:ilvl`).

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::Error;
use super::blocks::{Block, BlockKind, Inline, MAX_COLUMNS, MAX_LIST_DEPTH, Style as RunStyle, table_blocks};
use super::pictures::{Budget, Data, MAX_PICTURE, Picture, Skip};
use crate::t;
use crate::text::escape_markdown;

/// The levels of a Word list.
const LEVELS: usize = 9;

/// How deep paragraphs are followed inside one another (a text box in a picture in a paragraph).
const MAX_NESTING: usize = 16;

/// The most a part of the .docx may inflate to. Word's own `document.xml` stays far below this
/// even for manuals of hundreds of pages; a zip bomb (2 MB that inflate to 2 GB) is refused as
/// soon as it passes it, after reading no more than this.
pub const MAX_PART: u64 = 64 * 1024 * 1024;

/// The most entries a .docx may hold (Word writes a few dozen, plus one per picture).
pub const MAX_ENTRIES: usize = 10_000;

/// The longest numbering text (`lvlText`, such as `%1.%2 -`) used; a longer one is ignored, as
/// it would be copied in front of every numbered paragraph.
const MAX_LEVEL_TEXT: usize = 64;

pub fn read(bytes: &[u8]) -> Result<Vec<Block>, Error> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(Error::NotZip)?;
    if archive.len() > MAX_ENTRIES {
        return Err(Error::NotDocx(t!("import-docx-too-many-files", count = archive.len(), max = MAX_ENTRIES)));
    }
    let document =
        part(&mut archive, "word/document.xml")?.ok_or_else(|| Error::NotDocx(t!("import-docx-no-document")))?;
    let styles = part(&mut archive, "word/styles.xml")?.map(|x| parse_styles(&x)).unwrap_or_default();
    let numbering = part(&mut archive, "word/numbering.xml")?.map(|x| parse_numbering(&x)).unwrap_or_default();
    let rels = part(&mut archive, "word/_rels/document.xml.rels")?.map(|x| parse_rels(&x)).unwrap_or_default();
    let mut blocks = parse_document(&document, &styles, numbering, &rels.links).map_err(Error::Damaged)?;
    fetch_pictures(&mut archive, &rels.images, &mut blocks);
    Ok(blocks)
}

/// Replaces each picture's relationship id by the bytes of the zip member it names, in reading
/// order, within the budget; a member used again is read once.
fn fetch_pictures(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    images: &HashMap<String, (String, bool)>,
    blocks: &mut [Block],
) {
    let mut budget = Budget::default();
    let mut read: HashMap<String, Result<std::sync::Arc<[u8]>, Skip>> = HashMap::new();
    for picture in blocks.iter_mut().flat_map(|b| b.images.iter_mut()) {
        let Data::Pending(id) = &picture.data else { continue };
        let (data, origin) = match images.get(id) {
            None => (Data::Skipped(Skip::Missing), String::new()),
            Some((target, true)) => (Data::Skipped(Skip::Linked), target.clone()),
            Some(_) if !budget.has_room() => (Data::Skipped(Skip::TooMany), String::new()),
            Some((target, false)) => {
                let name = member_name(target);
                let bytes = read.entry(name.clone()).or_insert_with(|| member(archive, &name)).clone();
                (bytes.map_or_else(Data::Skipped, |b| budget.take(b)), name)
            }
        };
        picture.data = data;
        picture.origin = origin;
    }
}

/// The zip member a relationship of `word/document.xml` targets (`media/image1.png` →
/// `word/media/image1.png`; `/word/x.png` → `word/x.png`).
fn member_name(target: &str) -> String {
    let target = percent_encoding::percent_decode_str(target).decode_utf8_lossy();
    let mut parts: Vec<&str> = if target.starts_with('/') { Vec::new() } else { vec!["word"] };
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// The bytes of a picture inside the .docx, never more than [`MAX_PICTURE`].
fn member(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<std::sync::Arc<[u8]>, Skip> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Err(Skip::Missing),
        Err(e) => return Err(Skip::Unreadable(e.to_string())),
    };
    if file.size() > MAX_PICTURE {
        return Err(Skip::TooLarge);
    }
    let mut bytes = Vec::new();
    file.take(MAX_PICTURE + 1).read_to_end(&mut bytes).map_err(|e| Skip::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_PICTURE {
        return Err(Skip::TooLarge);
    }
    Ok(bytes.into())
}

fn part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, Error> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(Error::Part { name: name.to_string(), source: e.into() }),
    };
    // Never more than MAX_PART, whatever the part says its size is.
    let mut bytes = Vec::new();
    file.take(MAX_PART + 1).read_to_end(&mut bytes).map_err(|source| Error::Part { name: name.to_string(), source })?;
    if bytes.len() as u64 > MAX_PART {
        return Err(Error::NotDocx(t!("import-docx-part-too-big", name = name, mib = MAX_PART / (1024 * 1024))));
    }
    String::from_utf8(bytes).map(Some).map_err(|_| Error::NotDocx(t!("import-docx-not-utf8", name = name)))
}

/// The local part of an element or attribute name (`w:p` → `p`).
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The value of the attribute with this local name (`val` finds `w:val`).
fn attr(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element.attributes().with_checks(false).flatten().find(|a| local(a.key.as_ref()) == name).map(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| a.value.clone().into_owned())
    })
}

/// Whether an on/off property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
fn is_on(element: &BytesStart<'_>) -> bool {
    !matches!(attr(element, "val").as_deref(), Some("0" | "false" | "off" | "none"))
}

/// A style: its built-in name (lower case: `heading 1`, `title`) and the numbering it carries.
#[derive(Default)]
struct Style {
    name: String,
    num: Option<(String, usize)>,
}

fn parse_styles(xml: &str) -> HashMap<String, Style> {
    let mut styles = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, Style)> = None;
    let mut num_id: Option<String> = None;
    let mut ilvl = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(e.name().as_ref()) {
                "style" => current = attr(&e, "styleId").map(|id| (id, Style::default())),
                "name" => {
                    if let Some((_, style)) = &mut current {
                        style.name = attr(&e, "val").unwrap_or_default().to_lowercase();
                    }
                }
                "numId" => num_id = attr(&e, "val"),
                "ilvl" => ilvl = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(0),
                _ => {}
            },
            Ok(Event::End(e)) => match local(e.name().as_ref()) {
                "numPr" => {
                    if let (Some((_, style)), Some(id)) = (&mut current, num_id.take()) {
                        style.num = Some((id, ilvl));
                    }
                    ilvl = 0;
                }
                "style" => {
                    if let Some((id, style)) = current.take() {
                        styles.insert(id, style);
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    styles
}

/// One level of a list: its format (`decimal`, `lowerLetter`, `bullet`…), text (`%1.%2 -`) and
/// first number.
#[derive(Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// A list instance (`w:num`): its abstract list, and the levels it restarts at a number of its own.
type Instance = (String, Vec<(usize, u32)>);

/// `word/numbering.xml`: the levels of each abstract list, which abstract list each list
/// instance (`numId`) uses, and the counters while the document is read.
#[derive(Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    instances: HashMap<String, Instance>,
    counters: HashMap<String, Vec<Option<u32>>>,
    started: HashSet<String>,
}

fn parse_numbering(xml: &str) -> Numbering {
    let mut numbering = Numbering::default();
    let mut reader = Reader::from_str(xml);
    let mut abstract_id: Option<String> = None;
    let mut levels: Vec<Level> = Vec::new();
    let mut level: Option<(usize, Level)> = None;
    // The list instance being read: its id, its abstract list and its restarts.
    let mut instance: Option<(String, Instance)> = None;
    let mut override_level: Option<usize> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(e.name().as_ref()) {
                "abstractNum" => {
                    abstract_id = attr(&e, "abstractNumId");
                    levels.clear();
                }
                "lvl" if instance.is_none() => {
                    // Word has nine levels (0 to 8); any other is ignored.
                    let index = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    level = (index < LEVELS).then(|| (index, Level { start: 1, ..Level::default() }));
                }
                "start" => {
                    if let Some((_, level)) = &mut level {
                        level.start = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1);
                    }
                }
                "numFmt" => {
                    if let Some((_, level)) = &mut level {
                        level.format = attr(&e, "val").unwrap_or_default();
                    }
                }
                "lvlText" => {
                    if let Some((_, level)) = &mut level {
                        level.text = attr(&e, "val").filter(|t| t.len() <= MAX_LEVEL_TEXT).unwrap_or_default();
                    }
                }
                "num" => instance = attr(&e, "numId").map(|id| (id, (String::new(), Vec::new()))),
                "abstractNumId" => {
                    if let Some((_, (abstract_id, _))) = &mut instance {
                        *abstract_id = attr(&e, "val").unwrap_or_default();
                    }
                }
                "lvlOverride" => override_level = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                "startOverride" => {
                    if let (Some((_, (_, overrides))), Some(ilvl)) = (&mut instance, override_level) {
                        overrides.push((ilvl, attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1)));
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) => match local(e.name().as_ref()) {
                "lvl" => {
                    if let Some((index, lvl)) = level.take() {
                        if levels.len() <= index {
                            levels.resize(index + 1, Level::default());
                        }
                        levels[index] = lvl;
                    }
                }
                "abstractNum" => {
                    if let Some(id) = abstract_id.take() {
                        numbering.abstracts.insert(id, std::mem::take(&mut levels));
                    }
                }
                "num" => {
                    if let Some((id, instance)) = instance.take() {
                        numbering.instances.insert(id, instance);
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    numbering
}

/// What a numbered paragraph shows in front of its text.
enum Label {
    /// Its number as shown (`1.2 -`), its value at its own level, and whether the list numbers an
    /// outline (decimal, and at the first level or showing the levels above: `%1.%2`) rather than
    /// being a list inside a step (`a)`, `iv.`, or `%2.` alone under a `%1.`).
    Number {
        text: String,
        value: u32,
        outline: bool,
    },
    Bullet,
}

impl Numbering {
    /// Counts one more item at `ilvl` of list `num_id` and returns its label. Lists that share an
    /// abstract list share its counters, as in Word, unless a `startOverride` restarts them.
    fn next(&mut self, num_id: &str, ilvl: usize) -> Option<Label> {
        // Borrowed, not cloned: a list may be numbered a million times.
        let (abstract_id, overrides) = self.instances.get(num_id)?;
        let levels = self.abstracts.get(abstract_id)?;
        let level = levels.get(ilvl)?;
        match level.format.as_str() {
            "bullet" => return Some(Label::Bullet),
            "none" => return None,
            _ => {}
        }
        let counters = self.counters.entry(abstract_id.clone()).or_insert_with(|| vec![None; LEVELS]);
        if self.started.insert(num_id.to_string()) {
            for &(i, start) in overrides {
                if i < counters.len() {
                    counters[i] = Some(start.saturating_sub(1));
                }
            }
        }
        if ilvl >= counters.len() {
            return None;
        }
        let value = counters[ilvl].map_or(level.start, |c| c.saturating_add(1));
        counters[ilvl] = Some(value);
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        let mut text = level.text.clone();
        for (i, lvl) in levels.iter().enumerate().take(ilvl + 1).rev() {
            let n = counters[i].unwrap_or(lvl.start);
            text = text.replace(&format!("%{}", i + 1), &format_number(n, &lvl.format));
        }
        let decimal = matches!(level.format.as_str(), "" | "decimal" | "decimalZero");
        let shows_parent = (1..=ilvl).any(|k| level.text.contains(&format!("%{k}")));
        Some(Label::Number { text: text.trim().to_string(), value, outline: decimal && (ilvl == 0 || shows_parent) })
    }
}

fn format_number(n: u32, format: &str) -> String {
    let letter = |n: u32| -> String {
        let mut n = n.max(1) - 1;
        let mut s = String::new();
        loop {
            s.insert(0, char::from(b'a' + (n % 26) as u8));
            if n < 26 {
                break s;
            }
            n = n / 26 - 1;
        }
    };
    match format {
        "lowerLetter" => letter(n),
        "upperLetter" => letter(n).to_uppercase(),
        // Roman numerals past 3999 would need a bar over them (and take a letter per thousand).
        "lowerRoman" if n < 4000 => roman(n).to_lowercase(),
        "upperRoman" if n < 4000 => roman(n),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            s.push_str(numeral);
            n -= value;
        }
    }
    s
}

/// The relationships of `word/document.xml` that the reader follows.
#[derive(Default)]
struct Rels {
    /// Hyperlinks: id → address.
    links: HashMap<String, String>,
    /// Pictures: id → target, and whether it is outside the document (`TargetMode="External"`).
    images: HashMap<String, (String, bool)>,
}

fn parse_rels(xml: &str) -> Rels {
    let mut rels = Rels::default();
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(e.name().as_ref()) == "Relationship" => {
                let (Some(kind), Some(id), Some(target)) = (attr(&e, "Type"), attr(&e, "Id"), attr(&e, "Target"))
                else {
                    continue;
                };
                if kind.ends_with("/hyperlink") {
                    rels.links.insert(id, target);
                } else if kind.ends_with("/image") {
                    let external = attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("external"));
                    rels.images.insert(id, (target, external));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    rels
}

/// One paragraph being read (paragraphs nest: a text box inside a picture has its own).
#[derive(Default)]
struct Paragraph {
    style: Option<String>,
    num_id: Option<String>,
    ilvl: usize,
    inline: Inline,
    images: Vec<Picture>,
}

/// The drawing being read (`w:drawing`, `w:pict`, `w:object`): its description so far, and
/// whether it held a picture or a text box.
#[derive(Default)]
struct Drawing {
    depth: usize,
    alt: Option<String>,
    found: bool,
}

/// The table being read: its rows so far, each cell's paragraphs. Only the outermost table is
/// followed; one inside a cell is text of that cell.
#[derive(Default)]
struct Table {
    depth: usize,
    rows: Vec<Vec<Vec<Block>>>,
    row: Vec<Vec<Block>>,
    cell: Option<Vec<Block>>,
    /// The columns the cell being read spans (`w:gridSpan`).
    span: usize,
}

impl Table {
    /// Where a finished paragraph goes: the open cell, if any.
    fn cell(&mut self) -> Option<&mut Vec<Block>> {
        if self.depth == 0 { None } else { self.cell.as_mut() }
    }

    /// The table as one block, or its paragraphs when it is not a table of data.
    fn finish(&mut self, blocks: &mut Vec<Block>) {
        blocks.extend(table_blocks(std::mem::take(&mut self.rows)));
    }
}

fn parse_document(
    xml: &str,
    styles: &HashMap<String, Style>,
    mut numbering: Numbering,
    links: &HashMap<String, String>,
) -> Result<Vec<Block>, quick_xml::Error> {
    let mut blocks = Vec::new();
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Paragraph> = Vec::new();
    // Where we are: inside a paragraph's properties, a run, a run's properties, a `w:t`.
    let (mut in_ppr, mut in_rpr, mut in_text, mut deleted) = (false, false, false, 0usize);
    let mut style = RunStyle::PLAIN;
    let mut drawing = Drawing::default();
    let mut table = Table::default();
    let mut hyperlinks: Vec<Option<String>> = Vec::new();
    // Inside `mc:Fallback`: the same text box again, for old versions of Word; read it once.
    let mut fallback = 0usize;
    // Paragraphs nested deeper than MAX_NESTING (Word nests two or three, in text boxes) are
    // read as part of the one they are in.
    let mut untracked = 0usize;
    // The bytes of link addresses written so far may not pass the document's own size: an
    // address comes from another part, and a million links could each repeat a long one.
    let mut link_budget = xml.len();
    loop {
        let event = reader.read_event()?;
        match &event {
            Event::Start(e) if local(e.name().as_ref()) == "Fallback" => fallback += 1,
            Event::End(e) if local(e.name().as_ref()) == "Fallback" => fallback = fallback.saturating_sub(1),
            Event::Eof => break,
            _ if fallback > 0 => continue,
            _ => {}
        }
        if fallback > 0 {
            continue;
        }
        let (element, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = element {
            let name = e.name();
            let name = local(name.as_ref());
            match name {
                "p" if !empty && stack.len() >= MAX_NESTING => untracked += 1,
                "p" if !empty => stack.push(Paragraph::default()),
                "pPr" if !empty => in_ppr = true,
                "pStyle" if in_ppr => {
                    if let Some(p) = stack.last_mut() {
                        p.style = attr(e, "val");
                    }
                }
                "numId" if in_ppr => {
                    if let Some(p) = stack.last_mut() {
                        p.num_id = attr(e, "val");
                    }
                }
                "ilvl" if in_ppr => {
                    if let Some(p) = stack.last_mut() {
                        p.ilvl = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                    }
                }
                "r" if !empty => style = RunStyle::PLAIN,
                "rPr" if !empty && !in_ppr => in_rpr = true,
                "b" if in_rpr => style.bold = is_on(e),
                "i" if in_rpr => style.italic = is_on(e),
                "t" if !empty && deleted == 0 => in_text = true,
                "del" | "moveFrom" if !empty => deleted += 1,
                "tab" if !in_ppr && deleted == 0 => push(&mut stack, " ", RunStyle::PLAIN),
                "br" | "cr" if deleted == 0 && attr(e, "type").as_deref() != Some("page") => {
                    push(&mut stack, "\n", RunStyle::PLAIN)
                }
                "noBreakHyphen" => push(&mut stack, "-", style),
                "drawing" | "pict" | "object" if !empty && (deleted == 0 || drawing.depth > 0) => {
                    if drawing.depth == 0 {
                        drawing = Drawing::default();
                    }
                    drawing.depth += 1;
                }
                // The picture's description (alt text) in Word, when it has one.
                "docPr" | "shape" if drawing.depth > 0 => {
                    let description = attr(e, "descr").or_else(|| attr(e, "title")).or_else(|| attr(e, "alt"));
                    if let Some(d) = description.filter(|d| !d.trim().is_empty()) {
                        drawing.alt = Some(d);
                    }
                }
                "txbxContent" if drawing.depth > 0 => drawing.found = true,
                "blip" | "imagedata" if drawing.depth > 0 => {
                    let (id, linked) = match name {
                        "blip" => (attr(e, "embed"), attr(e, "link")),
                        _ => (attr(e, "id"), None),
                    };
                    let data = match (id, linked) {
                        (Some(id), _) => Data::Pending(id),
                        (None, Some(_)) => Data::Skipped(Skip::Linked),
                        (None, None) => continue,
                    };
                    let alt = drawing.alt.clone().or_else(|| attr(e, "title"));
                    drawing.found = true;
                    if let Some(p) = stack.last_mut() {
                        p.images.push(Picture::new(alt.as_deref(), String::new(), data));
                    }
                }
                "tbl" if !empty => {
                    table.depth += 1;
                    if table.depth == 1 {
                        table.rows.clear();
                    }
                }
                "tr" if !empty && table.depth == 1 => table.row.clear(),
                "tc" if !empty && table.depth == 1 => {
                    table.cell = Some(Vec::new());
                    table.span = 1;
                }
                "gridSpan" if table.depth == 1 && table.cell.as_ref().is_some_and(Vec::is_empty) => {
                    table.span = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, MAX_COLUMNS);
                }
                "hyperlink" if !empty => {
                    let target = attr(e, "id")
                        .and_then(|id| links.get(&id).and_then(|t| super::links::web_target(t)))
                        .filter(|t| t.len() <= link_budget);
                    link_budget -= target.as_ref().map_or(0, String::len);
                    if target.is_some() {
                        push(&mut stack, "[", RunStyle::PLAIN);
                    }
                    hyperlinks.push(target);
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Text(t) if in_text => push(&mut stack, &escape_markdown(&t.xml10_content()), style),
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push(&mut stack, &escape_markdown(&c.to_string()), style);
                }
            }
            Event::End(e) => match local(e.name().as_ref()) {
                "t" => in_text = false,
                "pPr" => in_ppr = false,
                "rPr" => in_rpr = false,
                "r" => style = RunStyle::PLAIN,
                "del" | "moveFrom" => deleted = deleted.saturating_sub(1),
                "hyperlink" => {
                    if let Some(Some(target)) = hyperlinks.pop() {
                        push(&mut stack, &format!("]({target})"), RunStyle::PLAIN);
                    }
                }
                "drawing" | "pict" | "object" if drawing.depth > 0 => {
                    drawing.depth -= 1;
                    if drawing.depth == 0
                        && !drawing.found
                        && let Some(p) = stack.last_mut()
                    {
                        p.images.push(Picture::new(
                            drawing.alt.as_deref(),
                            String::new(),
                            Data::Skipped(Skip::Drawing),
                        ));
                    }
                }
                "p" if untracked > 0 => untracked -= 1,
                "p" => {
                    if let Some(p) = stack.pop() {
                        let block = finish(p, styles, &mut numbering);
                        match table.cell() {
                            Some(cell) => cell.push(block),
                            None => blocks.push(block),
                        }
                    }
                }
                "tc" if table.depth == 1 => {
                    if let Some(cell) = table.cell.take() {
                        table.row.push(cell);
                        for _ in 1..table.span {
                            table.row.push(Vec::new());
                        }
                    }
                }
                "tr" if table.depth == 1 => {
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                }
                "tbl" if table.depth > 0 => {
                    table.depth -= 1;
                    if table.depth == 0 {
                        table.finish(&mut blocks);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if table.depth > 0 {
        // A table left open at the end of the document: what was read of it is kept.
        if let Some(cell) = table.cell.take() {
            table.row.push(cell);
        }
        let row = std::mem::take(&mut table.row);
        table.rows.push(row);
        table.finish(&mut blocks);
    }
    Ok(blocks)
}

fn push(stack: &mut [Paragraph], text: &str, style: RunStyle) {
    if let Some(p) = stack.last_mut() {
        p.inline.push(text, style);
    }
}

fn finish(mut p: Paragraph, styles: &HashMap<String, Style>, numbering: &mut Numbering) -> Block {
    let style = p.style.as_ref().and_then(|id| styles.get(id));
    let style_name = style.map(|s| s.name.clone()).or_else(|| p.style.as_ref().map(|s| s.to_lowercase()));
    let mut kind = match style_name.as_deref() {
        Some("title") => BlockKind::Title,
        Some(name) => heading_level(name).map_or(BlockKind::Paragraph, BlockKind::Heading),
        None => BlockKind::Paragraph,
    };
    let num = match (&p.num_id, style.and_then(|s| s.num.clone())) {
        (Some(id), _) => Some((id.clone(), p.ilvl)),
        (None, Some((id, ilvl))) => Some((id, ilvl)),
        _ => None,
    };
    let mut text = p.inline.finish();
    // `numId` 0 means "no numbering" (it switches off the style's list).
    if let Some((id, ilvl)) = num.filter(|(id, _)| id != "0") {
        let style_depth = style_name.as_deref().and_then(list_style_depth);
        let depth = ilvl.max(style_depth.unwrap_or(0)).min(usize::from(MAX_LIST_DEPTH)) as u8;
        match numbering.next(&id, ilvl) {
            Some(Label::Number { value, outline, .. })
                if kind == BlockKind::Paragraph && (!outline || style_depth.is_some()) =>
            {
                kind = BlockKind::Item { depth, number: Some(value) }
            }
            Some(Label::Number { text: label, .. }) if !label.is_empty() => {
                text = format!("{label} {}", text.trim_start())
            }
            Some(Label::Bullet) if kind == BlockKind::Paragraph => kind = BlockKind::Item { depth, number: None },
            _ => {}
        }
    }
    Block { kind, text, images: p.images }
}

/// The depth that Word's styles for lists nested by indent stand for (`List Bullet 3` → 2,
/// `List Number 2` → 1): each is a list of its own at the first level, indented as a level below.
fn list_style_depth(name: &str) -> Option<usize> {
    let name = name.replace(' ', "");
    let rest = ["listbullet", "listnumber", "list"].iter().find_map(|p| name.strip_prefix(p))?;
    let n: usize = rest.parse().ok()?;
    (2..=9).contains(&n).then(|| n - 1)
}

/// `heading 2` (and the style ids `Heading2`, `Ttulo2` of documents without styles.xml) → 2.
fn heading_level(name: &str) -> Option<u8> {
    let name = name.to_lowercase();
    let rest = ["heading", "ttulo", "título", "titulo"].iter().find_map(|p| name.strip_prefix(p))?;
    rest.trim().parse().ok().filter(|n| (1..=9).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automatic_numbering_follows_lvl_text() {
        let xml = r#"<w:numbering xmlns:w="w">
            <w:abstractNum w:abstractNumId="7">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2 -"/></w:lvl>
              <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
          </w:numbering>"#;
        let mut numbering = parse_numbering(xml);
        let mut labels = Vec::new();
        for ilvl in [0, 1, 1, 0, 1, 2] {
            labels.push(match numbering.next("3", ilvl) {
                Some(Label::Number { text, .. }) => text,
                Some(Label::Bullet) => "•".into(),
                None => "-".into(),
            });
        }
        assert_eq!(labels, ["1.", "1.1 -", "1.2 -", "2.", "2.1 -", "•"]);
        assert_eq!(format_number(28, "lowerLetter"), "ab");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
    }

    #[test]
    fn runs_bold_breaks_links_and_pictures() {
        let xml = r#"<w:document xmlns:w="w" xmlns:r="r"><w:body>
          <w:p><w:pPr><w:pStyle w:val="Ttulo"/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>Manual</w:t></w:r></w:p>
          <w:p><w:r><w:t xml:space="preserve">Veja </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>A &gt; B</w:t></w:r>
               <w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve"> e</w:t></w:r><w:r><w:tab/><w:t>fim.</w:t><w:br/><w:t>Nova</w:t></w:r>
               <w:del><w:r><w:delText>apagado</w:delText></w:r></w:del></w:p>
          <w:p><w:hyperlink r:id="rId9"><w:r><w:t>Qualitor</w:t></w:r></w:hyperlink><w:r><w:drawing><wp:docPr descr="Tela"/></w:drawing></w:r></w:p>
        </w:body></w:document>"#;
        let mut styles = HashMap::new();
        styles.insert("Ttulo".to_string(), Style { name: "title".into(), num: None });
        let links = HashMap::from([("rId9".to_string(), "https://q.example/kb".to_string())]);
        let blocks = parse_document(xml, &styles, Numbering::default(), &links).unwrap();
        assert_eq!(blocks[0].kind, BlockKind::Title);
        assert_eq!(blocks[1].text, "Veja **A > B** e fim.\nNova");
        assert_eq!(blocks[2].text, "[Qualitor](https://q.example/kb)");
        assert_eq!(blocks[2].images[0].alt.as_deref(), Some("Tela"));
        assert_eq!(blocks[2].images[0].data, Data::Skipped(Skip::Drawing));
    }

    fn parse(xml: &str, numbering: &str, styles: &[(&str, &str)]) -> Vec<Block> {
        let styles =
            styles.iter().map(|(id, name)| (id.to_string(), Style { name: name.to_string(), num: None })).collect();
        let numbering = parse_numbering(&format!(r#"<w:numbering xmlns:w="w">{numbering}</w:numbering>"#));
        let xml = format!(
            r#"<w:document xmlns:w="w" xmlns:r="r" xmlns:v="v" xmlns:o="o"><w:body>{xml}</w:body></w:document>"#
        );
        super::super::blocks::normalise(parse_document(&xml, &styles, numbering, &HashMap::new()).unwrap())
    }

    fn p(text: &str, num: Option<(&str, usize)>, style: Option<&str>) -> String {
        let mut props = style.map(|s| format!(r#"<w:pStyle w:val="{s}"/>"#)).unwrap_or_default();
        if let Some((id, ilvl)) = num {
            props.push_str(&format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{id}"/></w:numPr>"#));
        }
        format!("<w:p><w:pPr>{props}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn outline_numbers_stay_in_the_text_and_other_lists_are_nested_items() {
        let numbering = r#"<w:abstractNum w:abstractNumId="0">
              <w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2 -"/></w:lvl>
              <w:lvl w:ilvl="2"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
              <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
              <w:lvl w:ilvl="4"><w:numFmt w:val="decimal"/><w:lvlText w:val="%5."/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;
        let xml = [
            p("Seção", Some(("1", 0)), None),
            p("Passo", Some(("1", 1)), None),
            p("Letra", Some(("1", 2)), None),
            p("Bolinha", Some(("1", 3)), None),
            p("Número sozinho", Some(("1", 4)), None),
            // Word's "List Number 2": a list of its own at the first level, one level in.
            p("Recuado", Some(("2", 0)), Some("ListNumber2")),
        ]
        .concat();
        let blocks = parse(&xml, numbering, &[("ListNumber2", "list number 2")]);
        let got: Vec<(&str, BlockKind)> = blocks.iter().map(|b| (b.text.as_str(), b.kind)).collect();
        assert_eq!(
            got,
            [
                ("1. Seção", BlockKind::Paragraph),
                ("1.1 - Passo", BlockKind::Paragraph),
                ("Letra", BlockKind::Item { depth: 2, number: Some(1) }),
                ("Bolinha", BlockKind::Item { depth: 3, number: None }),
                ("Número sozinho", BlockKind::Item { depth: 4, number: Some(1) }),
                ("Recuado", BlockKind::Item { depth: 1, number: Some(1) }),
            ]
        );
    }

    #[test]
    fn tables_are_markdown_and_frames_are_paragraphs() {
        let cell = |text: &str| format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>");
        let spanned = r#"<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:rPr><w:i/></w:rPr><w:t>Largo</w:t></w:r></w:p></w:tc>"#;
        let nested = format!("<w:tc><w:tbl><w:tr>{}{}</w:tr></w:tbl></w:tc>", cell("Dentro"), cell("também"));
        let xml = format!(
            "<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{spanned}{}</w:tr><w:tr>{nested}{}{}</w:tr></w:tbl>             <w:tbl><w:tr>{}</w:tr></w:tbl><w:p><w:r><w:t>Depois.</w:t></w:r></w:p>",
            cell("Campo"),
            cell("Exemplo"),
            cell("Nota"),
            cell("CNPJ"),
            cell("00.000.000/0001-00"),
            cell("a | b"),
            cell("fim"),
            cell("x"),
            cell("y"),
            cell("Atenção: só um quadro."),
        );
        let blocks = parse(&xml, "", &[]);
        let got: Vec<(&str, BlockKind)> = blocks.iter().map(|b| (b.text.as_str(), b.kind)).collect();
        assert_eq!(
            got,
            [
                (
                    "| Campo | Exemplo | Nota |\n| --- | --- | --- |\n| CNPJ | 00.000.000/0001-00 | a \\| b |\n\
                     | *Largo* |  | fim |\n| Dentro também | x | y |",
                    BlockKind::Table
                ),
                ("Atenção: só um quadro.", BlockKind::Paragraph),
                ("Depois.", BlockKind::Paragraph),
            ]
        );
    }

    #[test]
    fn pictures_are_found_in_drawings_and_vml_in_reading_order() {
        let xml = r#"<w:p><w:r><w:drawing><wp:docPr xmlns:wp="wp" id="1" name="Imagem 1" title="Título" descr="Descrição"/>
              <a:blip xmlns:a="a" r:embed="rId1"/></w:drawing></w:r>
              <w:r><w:pict><v:shape alt="Forma"><v:imagedata r:id="rId2" o:title="Título VML"/></v:shape></w:pict></w:r>
              <w:r><w:drawing><a:blip xmlns:a="a" r:link="rId3"/></w:drawing></w:r>
              <w:r><w:drawing><c:chart xmlns:c="c" r:id="rId4"/></w:drawing></w:r>
              <w:del><w:r><w:drawing><a:blip xmlns:a="a" r:embed="rId5"/></w:drawing></w:r></w:del></w:p>"#;
        let blocks = parse(xml, "", &[]);
        let got: Vec<(Option<&str>, &Data)> = blocks[0].images.iter().map(|p| (p.alt.as_deref(), &p.data)).collect();
        assert_eq!(
            got,
            [
                (Some("Descrição"), &Data::Pending("rId1".into())),
                (Some("Forma"), &Data::Pending("rId2".into())),
                (None, &Data::Skipped(Skip::Linked)),
                (None, &Data::Skipped(Skip::Drawing)),
            ]
        );
        assert_eq!(member_name("media/image1.png"), "word/media/image1.png");
        assert_eq!(member_name("/word/media/a%20b.png"), "word/media/a b.png");
        assert_eq!(member_name("../../../media/x.png"), "media/x.png");
    }

    #[test]
    fn a_text_box_is_read_once() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body><w:p><w:r><mc:AlternateContent>
          <mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>Na caixa.</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
          <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Na caixa.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
        </mc:AlternateContent></w:r><w:r><w:t>Fora.</w:t></w:r></w:p></w:body></w:document>"#;
        let blocks = parse_document(xml, &HashMap::new(), Numbering::default(), &HashMap::new()).unwrap();
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Na caixa.", "Fora."]);
    }

    #[test]
    fn hostile_numbering_stays_small() {
        let long = "%1".repeat(1000);
        let xml = format!(
            r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="1">
              <w:lvl w:ilvl="99999999999"><w:start w:val="1"/></w:lvl>
              <w:lvl w:ilvl="0"><w:start w:val="4294967295"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="{long}"/></w:lvl>
            </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
        );
        let mut numbering = parse_numbering(&xml);
        assert!(numbering.abstracts["1"].len() <= LEVELS);
        let mut label = |ilvl| match numbering.next("1", ilvl) {
            Some(Label::Number { text, .. }) => text,
            _ => "-".into(),
        };
        // No roman numeral of a million letters, no overflow, no 2,000-character label.
        assert_eq!(label(0), "4294967295.");
        assert_eq!(label(0), "4294967295.");
        assert_eq!(label(1), "");
        assert_eq!(format_number(3999, "upperRoman"), "MMMCMXCIX");
    }

    #[test]
    fn links_and_nesting_cannot_multiply_the_document() {
        let target = format!("https://a.example/{}", "x".repeat(1000));
        let links = HashMap::from([("r".to_string(), target)]);
        let link = r#"<w:hyperlink r:id="r"><w:r><w:t>x</w:t></w:r></w:hyperlink>"#;
        let xml = format!(
            r#"<w:document xmlns:w="w" xmlns:r="r"><w:body><w:p>{}</w:p></w:body></w:document>"#,
            link.repeat(5000)
        );
        let blocks = parse_document(&xml, &HashMap::new(), Numbering::default(), &links).unwrap();
        let written: usize = blocks.iter().map(|b| b.text.len()).sum();
        assert!(written < 2 * xml.len(), "{written} bytes from {}", xml.len());
        assert!(blocks[0].text.starts_with("[x](https://a.example/xxx"));

        let n = 100_000;
        let xml = format!(
            "<w:document xmlns:w=\"w\">{}<w:r><w:t>Fundo.</w:t></w:r>{}</w:document>",
            "<w:p>".repeat(n),
            "</w:p>".repeat(n)
        );
        let blocks = parse_document(&xml, &HashMap::new(), Numbering::default(), &HashMap::new()).unwrap();
        assert_eq!(blocks.iter().filter(|b| b.text == "Fundo.").count(), 1);
        assert!(blocks.len() <= MAX_NESTING, "{}", blocks.len());
    }
}
