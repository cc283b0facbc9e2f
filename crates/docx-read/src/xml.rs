//! A small element tree over quick-xml, built under limits: the parts of a
//! .docx are read whole, and a hostile part must not exhaust the stack (depth),
//! the memory (node count) or the time (a deadline checked as events come).

use std::time::Instant;

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::error::ReadError;

#[derive(Debug, Default)]
pub struct Element {
    /// The local name, without the namespace prefix (`w:p` → `p`): every part
    /// we read uses one vocabulary, and prefixes are the writer's choice.
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == local)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.name == name)
    }

    /// The `w:val` of a child, as in `<w:pStyle w:val="Heading1"/>`.
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("val"))
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }
}

/// An on/off property such as `<w:b/>`, `<w:b w:val="0"/>`, `<w:tblHeader w:val="true"/>`.
pub fn on_off(e: &Element) -> bool {
    !matches!(e.attr("val"), Some("0" | "false" | "off" | "none"))
}

pub struct Limits {
    pub max_depth: usize,
    pub max_nodes: usize,
    pub deadline: Instant,
    pub seconds: u64,
}

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => name.to_string(),
    }
}

/// The parser's own wording is English and technical; the user is told
/// where the part breaks, which is what a support request needs.
fn damaged_at(part: &str, offset: u64) -> ReadError {
    ReadError::Damaged {
        detail: format!("часть {part} не читается как XML (ошибка около байта {offset})"),
    }
}

fn open(
    start: &quick_xml::events::BytesStart<'_>,
    part: &str,
    offset: u64,
) -> Result<Element, ReadError> {
    let mut el = Element {
        name: local(start.name().as_ref()),
        ..Element::default()
    };
    for a in start.attributes() {
        let a = a.map_err(|_| damaged_at(part, offset))?;
        let key = local(a.key.as_ref());
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|_| damaged_at(part, offset))?
            .into_owned();
        el.attrs.push((key, value));
    }
    Ok(el)
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(t)) = top.children.last_mut() {
            t.push_str(text);
        } else {
            top.children.push(Node::Text(text.to_string()));
        }
    }
}

/// Parses one part into its root element.
pub fn parse(xml: &str, part: &str, limits: &Limits) -> Result<Element, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut nodes = 0usize;
    loop {
        nodes += 1;
        if nodes.is_multiple_of(4096) && Instant::now() > limits.deadline {
            return Err(ReadError::Timeout {
                seconds: limits.seconds,
            });
        }
        if nodes > limits.max_nodes {
            return Err(ReadError::TooComplex {
                what: format!("в части {part} больше {} элементов", limits.max_nodes),
            });
        }
        let offset = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|_| damaged_at(part, reader.error_position()))?;
        match event {
            Event::Start(s) => {
                if stack.len() > limits.max_depth {
                    return Err(ReadError::TooComplex {
                        what: format!("вложенность больше {} уровней", limits.max_depth),
                    });
                }
                stack.push(open(&s, part, offset)?);
            }
            Event::Empty(s) => {
                let el = open(&s, part, offset)?;
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::Element(el));
                }
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(damaged_at(part, offset));
                }
                let el = stack.pop().expect("checked above");
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::Element(el));
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|_| damaged_at(part, offset))? {
                    Some(c) => c.to_string(),
                    None => {
                        match quick_xml::escape::resolve_predefined_entity(&r.xml10_content()) {
                            Some(s) => s.to_string(),
                            None => return Err(damaged_at(part, offset)),
                        }
                    }
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if stack.len() != 1 {
        return Err(ReadError::Damaged {
            detail: format!("часть {part} обрывается на середине"),
        });
    }
    let root = stack.pop().expect("one left");
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| ReadError::Damaged {
            detail: format!("часть {part} пуста"),
        })
}
