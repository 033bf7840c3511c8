//! JUnit XML, the report every CI system shows: one `<testsuite>` per procedure with scenarios,
//! one `<testcase>` per scenario, a `<failure>` with the whole diagnostic when it fails, and an
//! `<error>` case for each procedure file that could not be read.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{Case, Run};
use crate::lint::Finding;
use crate::lint::report::{HumanOptions, human};
use crate::load::KnowledgeBase;
use crate::text::xml_chars;

type Xml = Writer<Vec<u8>>;

pub fn report(kb: &KnowledgeBase, run: &Run) -> String {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    write(&mut xml, kb, run).expect("writing to memory cannot fail");
    let mut text = String::from_utf8(xml.into_inner()).expect("the writer writes UTF-8");
    text.push('\n');
    text
}

fn write(xml: &mut Xml, kb: &KnowledgeBase, run: &Run) -> std::io::Result<()> {
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let tests = (run.cases.len() + run.unreadable.len()).to_string();
    let failures = run.failed().to_string();
    let errors = run.unreadable.len().to_string();
    xml.create_element("testsuites")
        .with_attributes([("name", "sopbook test"), ("tests", &tests), ("failures", &failures), ("errors", &errors)])
        .write_inner_content(|xml| {
            for cases in run.cases.chunk_by(|a, b| a.procedure == b.procedure) {
                suite(xml, kb, cases)?;
            }
            for finding in &run.unreadable {
                unreadable(xml, kb, finding)?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The scenarios of one procedure.
fn suite(xml: &mut Xml, kb: &KnowledgeBase, cases: &[Case]) -> std::io::Result<()> {
    let procedure = &kb.procedures[cases[0].procedure];
    let file = &kb.files[procedure.file];
    let failures = cases.iter().filter(|c| !c.passed()).count().to_string();
    let tests = cases.len().to_string();
    let slug = xml_chars(&procedure.slug);
    let path = xml_chars(&file.path);
    xml.create_element("testsuite")
        .with_attributes([
            ("name", slug.as_ref()),
            ("tests", &tests),
            ("failures", &failures),
            ("errors", "0"),
            ("file", path.as_ref()),
        ])
        .write_inner_content(|xml| {
            for case in cases {
                let (line, _) = file.line_col(procedure.scenarios[case.index].anchor().start);
                let line = line.to_string();
                let name = xml_chars(&case.name);
                let element = xml.create_element("testcase").with_attributes([
                    ("name", name.as_ref()),
                    ("classname", slug.as_ref()),
                    ("file", path.as_ref()),
                    ("line", &line),
                ]);
                match &case.failure {
                    None => element.write_empty().map(|_| ()),
                    Some(finding) => {
                        element.write_inner_content(|xml| problem(xml, kb, "failure", finding)).map(|_| ())
                    }
                }?;
            }
            Ok(())
        })?;
    Ok(())
}

/// A procedure file that could not be read, as a suite with one erroring case.
fn unreadable(xml: &mut Xml, kb: &KnowledgeBase, finding: &Finding) -> std::io::Result<()> {
    let path = xml_chars(&kb.files[finding.file].path);
    let name = crate::t!("test-junit-read-file");
    xml.create_element("testsuite")
        .with_attributes([
            ("name", path.as_ref()),
            ("tests", "1"),
            ("failures", "0"),
            ("errors", "1"),
            ("file", path.as_ref()),
        ])
        .write_inner_content(|xml| {
            xml.create_element("testcase")
                .with_attributes([("name", name.as_str()), ("classname", path.as_ref()), ("file", path.as_ref())])
                .write_inner_content(|xml| problem(xml, kb, "error", finding))?;
            Ok(())
        })?;
    Ok(())
}

/// `<failure message="…" type="failing-scenario">` with the diagnostic as rustc prints it.
fn problem(xml: &mut Xml, kb: &KnowledgeBase, element: &str, finding: &Finding) -> std::io::Result<()> {
    let text = human(kb, std::slice::from_ref(finding), &HumanOptions { color: false });
    let message = xml_chars(&finding.message);
    let text = xml_chars(text.trim_end());
    xml.create_element(element)
        .with_attributes([("message", message.as_ref()), ("type", finding.rule.as_str())])
        .write_text_content(BytesText::new(&text))?;
    Ok(())
}
