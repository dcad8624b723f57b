//! The few texts that are the sandbox's own: ANAF's wording for buyer messages (RASP) in the
//! lists has never been observed, so the sandbox words them itself (clients match only the
//! `MESAJ CUMPARATOR` prefix of `tip`). Every text ANAF is known to send lives in
//! `crate::anaf::wire::texts` (daily limits in `crate::anaf::quota`), shared with the client
//! that classifies them.

/// `tip` of the buyer's own copy of a RASP message (the seller's is `MESAJ CUMPARATOR PRIMIT`).
pub const TIP_MESAJ_TRANSMIS: &str = "MESAJ CUMPARATOR TRANSMIS";

pub fn detalii_rasp(index: &str, sender: &str, about_index: &str) -> String {
    format!(
        "Mesaj cumparator cu id_incarcare={index} transmis de cif={sender} pentru factura cu id_incarcare={about_index}"
    )
}
