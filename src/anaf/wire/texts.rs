//! ANAF's exact error and title texts, typos included ("inteorgare", "petru", "toatal",
//! "acesta factura", "nu poate in viitor"), for the simulator to answer like ANAF. Sources:
//! the swagger examples in `samples/responses/` and ANAF-API.md §3. Our client never depends
//! on these exact strings: it classifies families with [`super::AnafError::classify`].
//! Daily-limit texts live in [`crate::anaf::quota::daily_limit_message`].

use chrono::{DateTime, Utc};

use super::timestamp::format_anaf_message_time;

// --- shared -----------------------------------------------------------------------------

pub fn technical_error(code: &str) -> String {
    format!("A aparut o eroare tehnica. Cod: {code}")
}

pub fn no_rights_for_cif(cif: &str) -> String {
    format!("Nu aveti drept in SPV pentru CIF={cif}")
}

pub const NO_CIF_WITH_RIGHTS: &str = "Nu exista niciun CIF pentru care sa aveti drept in SPV";

pub fn cif_not_a_number(cif: &str) -> String {
    format!("CIF introdus= {cif} nu este un numar")
}

// --- upload -----------------------------------------------------------------------------

pub const UPLOAD_TOO_LARGE: &str = "Marime fisier transmis mai mare de 10 MB.";
pub const UPLOAD_BAD_STANDARD: &str =
    "Valorile acceptate pentru parametrul standard sunt UBL, CN, CII sau RASP";
pub const UPLOAD_BAD_EXTERN: &str =
    "Daca parametrul extern trebuie completat, valoarea acceptata este DA";
pub const UPLOAD_BAD_AUTOFACTURA: &str =
    "Daca parametrul autofacturare trebuie completat, valoarea acceptata este DA";
pub const UPLOAD_BAD_EXECUTARE: &str =
    "Daca parametrul executare trebuie completat, valoarea acceptata este DA";
/// HTTP 400 (Spring JSON) texts.
pub const UPLOAD_MISSING_BODY: &str = "Trebuie sa aveti atasat in request un fisier de tip xml";
pub const UPLOAD_MISSING_PARAMS: &str = "Parametrii standard si cif sunt obligatorii";

pub fn upload_not_in_enforcement_register(cif: &str) -> String {
    format!("CIF introdus= {cif} nu este inregistrat in Registrul RO e-Factura executari silite")
}

/// XSD failure reported at upload; note ANAF's trailing space.
pub fn upload_invalid_xml(line: u64, column: u64, detail: &str) -> String {
    format!(
        "Fisierul transmis nu este valid. org.xml.sax.SAXParseException; lineNumber: {line}; \
         columnNumber: {column}; {detail} "
    )
}

// --- stareMesaj -------------------------------------------------------------------------

pub fn stare_not_found(id_incarcare: &str) -> String {
    format!("Nu exista factura cu id_incarcare= {id_incarcare}")
}

pub fn stare_index_not_a_number(id_incarcare: &str) -> String {
    format!("Id_incarcare introdus= {id_incarcare} nu este un numar intreg")
}

pub fn stare_no_rights_for_index(id_incarcare: &str) -> String {
    format!("Nu aveti dreptul de inteorgare pentru id_incarcare= {id_incarcare}")
}

pub const STARE_NO_CIF_WITH_RIGHTS: &str = "Nu exista niciun CIF petru care sa aveti drept";
pub const STARE_MISSING_PARAM: &str = "Parametrul id_incarcare este obligatoriu";

// --- lista ------------------------------------------------------------------------------

pub const LISTA_TITLU: &str = "Lista Mesaje";
pub const LISTA_EMPTY_INTERVAL: &str = "Nu exista mesaje in intervalul selectat";
pub const LISTA_BAD_FILTER: &str = "Valorile acceptate pentru parametrul filtru sunt E, T, P sau R";
pub const LISTA_DAYS_OUT_OF_RANGE: &str = "Numarul de zile trebuie sa fie intre 1 si 60";
pub const LISTA_TOO_MANY: &str = "Lista de mesaje este mai mare decat numarul de 500 elemente permise in pagina. Folositi endpoint-ul cu paginatie.";
pub const LISTA_MISSING_PARAMS: &str = "Parametrii zile si cif sunt obligatorii";
pub const LISTA_PAGINATED_MISSING_PARAMS: &str =
    "Parametrii startTime, endTime, cif si pagina sunt obligatorii";

pub fn lista_title_days(zile: u32) -> String {
    format!("Lista Mesaje disponibile din ultimele {zile} zile")
}

pub fn lista_title_interval(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    format!(
        "Lista Mesaje disponibile din intervalul {} - {}",
        format_anaf_message_time(start),
        format_anaf_message_time(end)
    )
}

/// `zile` is echoed as the caller wrote it (the simulator passes the raw query value).
pub fn lista_empty_days(zile: impl std::fmt::Display) -> String {
    format!("Nu exista mesaje in ultimele {zile} zile")
}

pub fn lista_days_not_a_number(zile: &str) -> String {
    format!("Numarul de zile introdus= {zile} nu este un numar intreg")
}

/// Paginated endpoint's non-numeric parameter text (`param` is `CIF introdus`, `startTime`,
/// `endTime` or `pagina`; ANAF writes `CIF introdus= x` but `startTime = x`).
pub fn lista_param_not_accepted(param: &str, value: &str) -> String {
    let sep = if param == "CIF introdus" { "=" } else { " =" };
    format!("{param}{sep} {value} nu este un numar sau nu are o valoare acceptata de sistem")
}

pub fn lista_start_too_old(start: DateTime<Utc>) -> String {
    format!(
        "startTime = {} nu poate fi mai vechi de 60 de zile fata de momentul requestului",
        format_anaf_message_time(start)
    )
}

pub fn lista_end_not_after_start(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    format!(
        "endTime = {} nu poate fi <= startTime = {}",
        format_anaf_message_time(end),
        format_anaf_message_time(start)
    )
}

/// The live form appends ANAF's own clock (` = dd-MM-yyyy HH:mm:ss`).
pub fn lista_end_in_future(end: DateTime<Utc>, anaf_now: DateTime<Utc>) -> String {
    format!(
        "endTime = {} nu poate in viitor fata de momentul requestului = {}",
        format_anaf_message_time(end),
        format_anaf_message_time(anaf_now)
    )
}

pub fn lista_page_beyond_last(requested: u64, total: u64) -> String {
    format!("Pagina solicitata {requested} este mai mare decat numarul toatal de pagini {total}")
}

// --- lista: message kinds and details ---------------------------------------------------

/// `tip` of a list message. ANAF's RASP wording is not confirmed: every buyer-message `tip`
/// starts with [`TIP_MESAJ_CUMPARATOR_PREFIX`], and clients match only that prefix.
pub const TIP_FACTURA_TRIMISA: &str = "FACTURA TRIMISA";
pub const TIP_FACTURA_PRIMITA: &str = "FACTURA PRIMITA";
pub const TIP_ERORI_FACTURA: &str = "ERORI FACTURA";
pub const TIP_MESAJ_CUMPARATOR_PREFIX: &str = "MESAJ CUMPARATOR";
pub const TIP_MESAJ_CUMPARATOR_PRIMIT: &str = "MESAJ CUMPARATOR PRIMIT";

/// `detalii` of an invoice's TRIMISA / PRIMITA messages.
pub fn detalii_factura(index: &str, seller_cif: &str, buyer_cif: &str) -> String {
    format!(
        "Factura cu id_incarcare={index} emisa de cif_emitent={seller_cif} pentru cif_beneficiar={buyer_cif}"
    )
}

/// Self-billing wording (double space before "ca", as observed in production).
pub fn detalii_autofactura(index: &str, buyer_cif: &str, seller_cif: &str) -> String {
    format!(
        "Factura cu id_incarcare={index} transmisa de cif={buyer_cif}  ca autofactura in numele cif={seller_cif}"
    )
}

/// `detalii` of an ERORI FACTURA message.
pub fn detalii_erori(index: &str) -> String {
    format!("Erori de validare identificate la factura transmisa cu id_incarcare={index}")
}

// --- descarcare -------------------------------------------------------------------------

pub const DESCARCARE_TITLU: &str = "Descarcare mesaj";
pub const DESCARCARE_NO_RIGHTS: &str = "Nu aveti dreptul sa descarcati acesta factura";
pub const DESCARCARE_EXPIRED: &str = "Fisierul nu mai poate fi descarcat pentru ca a trecut perioada de 60 de zile in care este disponibil";
pub const DESCARCARE_MISSING_PARAM: &str = "Parametrul id este obligatoriu";

pub fn descarcare_not_found(id: &str) -> String {
    format!("Pentru id={id} nu exista inregistrata nici o factura")
}

pub fn descarcare_id_not_a_number(id: &str) -> String {
    format!("Id descarcare introdus= {id} nu este un numar intreg")
}

// --- error file (nok) -------------------------------------------------------------------

/// The duplicate rule; `first_upload_day` is `yyyy-MM-dd`.
pub fn duplicate_invoice(first_index: &str, first_upload_day: &str) -> String {
    format!(
        "Factura a mai fost transmisa anterior cu index={first_index} si data incarcare={first_upload_day}"
    )
}

/// A rule ANAF checks outside the Schematron (identity, registers), as error files print it.
pub fn global_rule_error(rule: &str, text: &str) -> String {
    format!("E: validari globale\n eroare regula: {rule}: {text}")
}

// --- validare / transformare ------------------------------------------------------------

pub const VALIDARE_TOO_LARGE: &str = "Marime fisier transmis mai mare de 5 MB.";
pub const VALIDARE_BAD_STANDARD: &str =
    "Valorile acceptate pentru parametrul standard sunt FACT1 si FCN";

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::anaf::wire::AnafError;

    fn kind(text: &str) -> String {
        format!("{:?}", AnafError::classify(text))
            .split([' ', '(', '{'])
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    #[test]
    fn every_text_falls_into_its_family() {
        let t = Utc.with_ymd_and_hms(2022, 9, 6, 7, 48, 20).unwrap();
        let cases = [
            (technical_error("1814"), "Technical"),
            (no_rights_for_cif("1"), "NoRights"),
            (NO_CIF_WITH_RIGHTS.to_owned(), "NoRights"),
            (cif_not_a_number("1a"), "InvalidParameter"),
            (UPLOAD_TOO_LARGE.to_owned(), "FileTooLarge"),
            (UPLOAD_BAD_STANDARD.to_owned(), "InvalidParameter"),
            (UPLOAD_BAD_EXTERN.to_owned(), "InvalidParameter"),
            (UPLOAD_MISSING_BODY.to_owned(), "MissingParameter"),
            (UPLOAD_MISSING_PARAMS.to_owned(), "MissingParameter"),
            (
                upload_not_in_enforcement_register("1"),
                "NotInEnforcementRegister",
            ),
            (upload_invalid_xml(1, 5, "cvc-elt.1.a: x"), "InvalidXml"),
            (stare_not_found("15000"), "NotFound"),
            (stare_index_not_a_number("aaa"), "InvalidIndex"),
            (stare_no_rights_for_index("18"), "NoRights"),
            (STARE_NO_CIF_WITH_RIGHTS.to_owned(), "NoRights"),
            (STARE_MISSING_PARAM.to_owned(), "MissingParameter"),
            (LISTA_EMPTY_INTERVAL.to_owned(), "NoMessages"),
            (lista_empty_days(15), "NoMessages"),
            (LISTA_BAD_FILTER.to_owned(), "InvalidParameter"),
            (LISTA_DAYS_OUT_OF_RANGE.to_owned(), "InvalidParameter"),
            (LISTA_TOO_MANY.to_owned(), "TooManyMessages"),
            (lista_days_not_a_number("x"), "InvalidParameter"),
            (
                lista_param_not_accepted("startTime", "aaa"),
                "InvalidParameter",
            ),
            (lista_start_too_old(t), "InvalidTimeWindow"),
            (lista_end_not_after_start(t, t), "InvalidTimeWindow"),
            (lista_end_in_future(t, t), "InvalidTimeWindow"),
            (lista_page_beyond_last(50, 29), "PageOutOfRange"),
            (DESCARCARE_NO_RIGHTS.to_owned(), "NoRights"),
            (DESCARCARE_EXPIRED.to_owned(), "Expired"),
            (descarcare_not_found("21"), "NotFound"),
            (descarcare_id_not_a_number("123a"), "InvalidIndex"),
            (duplicate_invoice("5896677868", "2026-01-20"), "Duplicate"),
            (VALIDARE_TOO_LARGE.to_owned(), "FileTooLarge"),
            (VALIDARE_BAD_STANDARD.to_owned(), "InvalidParameter"),
        ];
        for (text, expected) in cases {
            assert_eq!(kind(&text), expected, "{text}");
        }
    }

    #[test]
    fn texts_match_the_samples() {
        let start = Utc.with_ymd_and_hms(2022, 9, 6, 6, 48, 20).unwrap();
        let end = Utc.with_ymd_and_hms(2022, 11, 2, 9, 49, 24).unwrap();
        assert_eq!(
            lista_title_interval(start, end),
            "Lista Mesaje disponibile din intervalul 06-09-2022 09:48:20 - 02-11-2022 11:49:24"
        );
        assert_eq!(
            lista_end_not_after_start(start, Utc.with_ymd_and_hms(2022, 8, 9, 7, 41, 11).unwrap()),
            "endTime = 09-08-2022 10:41:11 nu poate fi <= startTime = 06-09-2022 09:48:20"
        );
        assert_eq!(
            lista_param_not_accepted("CIF introdus", "aaa"),
            "CIF introdus= aaa nu este un numar sau nu are o valoare acceptata de sistem"
        );
        assert_eq!(
            lista_param_not_accepted("pagina", "aa"),
            "pagina = aa nu este un numar sau nu are o valoare acceptata de sistem"
        );
        assert_eq!(
            upload_invalid_xml(
                15,
                155,
                "cvc-elt.1.a: Cannot find the declaration of element 'Invoice1'."
            ),
            "Fisierul transmis nu este valid. org.xml.sax.SAXParseException; lineNumber: 15; columnNumber: 155; cvc-elt.1.a: Cannot find the declaration of element 'Invoice1'. "
        );
    }
}
