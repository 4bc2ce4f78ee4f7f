//! Entity labels.

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
