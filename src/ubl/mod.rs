//! UBL 2.1 (CIUS-RO) serialisation of [`crate::domain::Invoice`]: a writer that
//! emits Invoice-2 or CreditNote-2 in XSD order, and a tolerant reader that
//! maps any UBL 2.1 invoice or credit note into the model and lists what it
//! could not map.

mod names;
mod reader;
mod writer;
mod xml_out;
mod xml_tree;

pub use names::{CAC_NS, CBC_NS, CREDIT_NOTE_NS, INVOICE_NS};
pub use reader::{ReadError, ReadOutcome, Unmapped, read_invoice, read_invoice_with_limits};
pub use writer::{WriteError, write_invoice};
pub use xml_tree::{ReadLimits, XmlError};
