//! Text: the first stage, which knows nothing of names.
//!
//! Takes the caller's `&str`; gives its normalized form with every byte
//! mapped back to the original ([`normalize`]), tokens over the normalized
//! text ([`tokenize`]), the clitic analyses of Arabic words ([`clitics`]:
//! و ف ب ك ل س, the article ال, enclitics), and the offset types the edge
//! converts at ([`span`]: byte spans inside, UTF-16 at the JS edge).

pub(crate) mod clitics;
pub mod normalize;
pub(crate) mod span;
pub(crate) mod tokenize;
