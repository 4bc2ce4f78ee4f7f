//! Links and clusters: canonical ids and English names for places,
//! nationalities and known people; coreference clusters within a document.

use crate::doc::Entity;
use crate::gazetteer::Gazetteer;

/// Fill ids, English names and clusters of `entities` (sorted) of `text`.
pub fn resolve(_text: &str, _gaz: &Gazetteer, entities: &mut [Entity]) {
    for (i, e) in entities.iter_mut().enumerate() {
        e.cluster = i as u32;
    }
}
