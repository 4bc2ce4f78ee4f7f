//! The result of extraction: entities, their labels, quotes and attributes.
//!
//! Their wire forms (JSON-ready, packed for JavaScript) are in
//! [`crate::output::wire`].

use crate::text::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The type of an entity. Spelled "PER", "LOC", ... on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Label {
    /// People, real or fictional.
    #[serde(rename = "PER")]
    Per,
    /// Places: countries, cities, regions, geographic features.
    #[serde(rename = "LOC")]
    Loc,
    /// Organisations: governments, ministries, parties, companies, alliances.
    #[serde(rename = "ORG")]
    Org,
    /// Other names: events, works, awards, religions, currencies as names.
    #[serde(rename = "MISC")]
    Misc,
    /// Nationalities and groups as adjectives ("التركي", "الأرمنية").
    #[serde(rename = "NORP")]
    Norp,
    /// Dates and periods ("الثلاثاء", "عام 2020", "التسعينيات").
    #[serde(rename = "DATE")]
    Date,
    /// Times of day ("الساعة 14:30").
    #[serde(rename = "TIME")]
    Time,
    /// Counts that are not money, percentages or measures ("100 ألف").
    #[serde(rename = "CARDINAL")]
    Cardinal,
    /// Ranks ("الأول", "الثالثة").
    #[serde(rename = "ORDINAL")]
    Ordinal,
    /// Percentages ("15%", "خمسة في المئة").
    #[serde(rename = "PERCENT")]
    Percent,
    /// Amounts of money ("1.5 مليار دولار").
    #[serde(rename = "MONEY")]
    Money,
    /// Measures with units ("20 كيلومترا").
    #[serde(rename = "QUANTITY")]
    Quantity,
}

impl Label {
    /// Every label, in display order.
    pub const ALL: [Label; 12] = [
        Label::Per,
        Label::Loc,
        Label::Org,
        Label::Misc,
        Label::Norp,
        Label::Date,
        Label::Time,
        Label::Cardinal,
        Label::Ordinal,
        Label::Percent,
        Label::Money,
        Label::Quantity,
    ];

    /// The wire spelling ("PER", "LOC", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Loc => "LOC",
            Label::Org => "ORG",
            Label::Misc => "MISC",
            Label::Norp => "NORP",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Cardinal => "CARDINAL",
            Label::Ordinal => "ORDINAL",
            Label::Percent => "PERCENT",
            Label::Money => "MONEY",
            Label::Quantity => "QUANTITY",
        }
    }

    /// Parse the wire spelling.
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an entity came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Source {
    /// A gazetteer match.
    Gazetteer,
    /// A rule (dates, numbers).
    Rule,
    /// The trained tagger.
    Model,
    /// Another mention of a name already found in the same document.
    Document,
}

impl Source {
    /// Every source, in declaration order.
    pub const ALL: [Source; 4] = [
        Source::Gazetteer,
        Source::Rule,
        Source::Model,
        Source::Document,
    ];

    /// The wire spelling ("gazetteer", "rule", "model", "document").
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Gazetteer => "gazetteer",
            Source::Rule => "rule",
            Source::Model => "model",
            Source::Document => "document",
        }
    }
}

/// A normalized value: a TIMEX3-style string for dates and times, a number
/// for numeric entities.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// TIMEX3-style value ("2020", "XXXX-07", "2024-10-15").
    Text(String),
    /// Numeric value.
    Number(f64),
}

/// Extra fields of an entity; each is absent when unknown.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Attrs {
    /// Normalized value of dates, times and numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// The Hijri date as written, for Hijri dates ("1445-09-12").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_hijri: Option<String>,
    /// ISO 4217 currency code of money.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// UCUM code of a quantity's unit ("km", "kg", "L", "Cel"); the value
    /// is in that unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Approximation ("more_than", "less_than", "about", ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// Canonical id ("TR", "geonames:323786").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// English name of the linked thing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// The date a relative or partial date was resolved against, as ISO
    /// 8601 ("2026-03-12"): the reference date, or the nearest full date
    /// earlier in the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// Where [`Attrs::anchor`] came from: "reference" (the reference date
    /// of [`crate::Options`]) or "text" (a full date earlier in the text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor_source: Option<String>,
}

/// One entity: a label on a byte span of the original text.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Byte span in the original text.
    pub span: Span,
    /// The type.
    pub label: Label,
    /// Which stage found it.
    pub source: Source,
    /// Values and links.
    pub attrs: Attrs,
    /// Mentions of the same thing in a document share a cluster number.
    pub cluster: u32,
}

/// A quotation with its speaker, when one is found.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The words inside the quotation marks.
    pub span: Span,
    /// The speaker's name, when found.
    pub speaker: Option<Span>,
    /// The reporting verb ("قال"), when found.
    pub cue: Option<Span>,
}

/// The entities and quotes of one text. Borrows the text.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    text: &'a str,
    /// Entities, sorted by start, non-overlapping.
    pub entities: Vec<Entity>,
    /// Quotations, sorted by start.
    pub quotes: Vec<Quote>,
}

impl<'a> Doc<'a> {
    pub(crate) fn new(text: &'a str, entities: Vec<Entity>, quotes: Vec<Quote>) -> Self {
        Doc {
            text,
            entities,
            quotes,
        }
    }

    /// The text this document was extracted from.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The text of an entity (or any span of this document).
    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }
}
