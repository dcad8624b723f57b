//! ANAF's message texts, verbatim (typos included: "inteorgare", "petru", "toatal", "acesta
//! factura", "nu poate in viitor"). Clients match on these, so they are kept in one place.

pub fn cif_not_numeric(cif: &str) -> String {
    format!("CIF introdus= {cif} nu este un numar")
}
pub fn cif_not_numeric_paged(cif: &str) -> String {
    format!("CIF introdus= {cif} nu este un numar sau nu are o valoare acceptata de sistem")
}
pub const NO_CIF_RIGHTS: &str = "Nu exista niciun CIF pentru care sa aveti drept in SPV";
pub const NO_CIF_RIGHTS_STARE: &str = "Nu exista niciun CIF petru care sa aveti drept";
pub fn no_rights_for_cif(cif: &str) -> String {
    format!("Nu aveti drept in SPV pentru CIF={cif}")
}
pub const UPLOAD_BAD_STANDARD: &str =
    "Valorile acceptate pentru parametrul standard sunt UBL, CN, CII sau RASP";
pub const UPLOAD_TOO_LARGE: &str = "Marime fisier transmis mai mare de 10 MB.";
pub const UPLOAD_BAD_EXTERN: &str =
    "Daca parametrul extern trebuie completat, valoarea acceptata este DA";
pub const UPLOAD_BAD_AUTOFACTURA: &str =
    "Daca parametrul autofacturare trebuie completat, valoarea acceptata este DA";
pub const UPLOAD_BAD_EXECUTARE: &str =
    "Daca parametrul executare trebuie completat, valoarea acceptata este DA";
pub fn not_in_executare_register(cif: &str) -> String {
    format!("CIF introdus= {cif} nu este inregistrat in Registrul RO e-Factura executari silite")
}
pub fn rasp_quota(limit: u32, cif: &str) -> String {
    format!("S-au incarcat deja {limit} de mesaje de tip RASP pentru cui={cif} in cursul zilei")
}
pub fn technical_error(code: &str) -> String {
    format!("A aparut o eroare tehnica. Cod: {code}")
}
pub const UPLOAD_400_NO_BODY: &str = "Trebuie sa aveti atasat in request un fisier de tip xml";
pub const UPLOAD_400_PARAMS: &str = "Parametrii standard si cif sunt obligatorii";

pub fn stare_not_found(id: &str) -> String {
    format!("Nu exista factura cu id_incarcare= {id}")
}
pub fn stare_not_integer(id: &str) -> String {
    format!("Id_incarcare introdus= {id} nu este un numar intreg")
}
pub fn stare_no_rights(id: &str) -> String {
    format!("Nu aveti dreptul de inteorgare pentru id_incarcare= {id}")
}
/// The only documented stareMesaj limit text (swagger); the number is the configured limit.
pub fn stare_quota(limit: u32) -> String {
    format!("S-au facut deja {limit} descarcari de mesaj in cursul zilei")
}
pub const STARE_400: &str = "Parametrul id_incarcare este obligatoriu";

pub fn list_empty_days(days: &str) -> String {
    format!("Nu exista mesaje in ultimele {days} zile")
}
pub const LIST_EMPTY_INTERVAL: &str = "Nu exista mesaje in intervalul selectat";
pub fn days_not_integer(days: &str) -> String {
    format!("Numarul de zile introdus= {days} nu este un numar intreg")
}
pub const DAYS_OUT_OF_RANGE: &str = "Numarul de zile trebuie sa fie intre 1 si 60";
pub const BAD_FILTER: &str = "Valorile acceptate pentru parametrul filtru sunt E, T, P sau R";
pub const LIST_TOO_LARGE: &str = "Lista de mesaje este mai mare decat numarul de 500 elemente permise in pagina. Folositi endpoint-ul cu paginatie.";
pub fn list_quota(limit: u32) -> String {
    format!(
        "S-au facut deja {limit} interogari de lista mesaje de catre utilizator in cursul zilei"
    )
}
pub fn not_a_number_paged(param: &str, value: &str) -> String {
    format!("{param} = {value} nu este un numar sau nu are o valoare acceptata de sistem")
}
pub fn start_too_old(start: &str) -> String {
    format!("startTime = {start} nu poate fi mai vechi de 60 de zile fata de momentul requestului")
}
pub fn end_before_start(end: &str, start: &str) -> String {
    format!("endTime = {end} nu poate fi <= startTime = {start}")
}
/// Live form: ANAF appends its own clock (`= dd-MM-yyyy HH:mm:ss`).
pub fn end_in_future(end: &str, now: &str) -> String {
    format!("endTime = {end} nu poate in viitor fata de momentul requestului = {now}")
}
pub fn page_too_large(page: u64, total: u64) -> String {
    format!("Pagina solicitata {page} este mai mare decat numarul toatal de pagini {total}")
}
pub fn list_title_days(days: u32) -> String {
    format!("Lista Mesaje disponibile din ultimele {days} zile")
}
pub fn list_title_interval(start: &str, end: &str) -> String {
    format!("Lista Mesaje disponibile din intervalul {start} - {end}")
}
pub const LIST_400_SIMPLE: &str = "Parametrii zile si cif sunt obligatorii";
pub const LIST_400_PAGED: &str = "Parametrii startTime, endTime, cif si pagina sunt obligatorii";

pub fn download_not_integer(id: &str) -> String {
    format!("Id descarcare introdus= {id} nu este un numar intreg")
}
pub fn download_not_found(id: &str) -> String {
    format!("Pentru id={id} nu exista inregistrata nici o factura")
}
pub const DOWNLOAD_NO_RIGHTS: &str = "Nu aveti dreptul sa descarcati acesta factura";
/// Field form seen by two clients (the swagger's shorter example omits the id).
pub fn download_quota(limit: u32, id: &str) -> String {
    format!("S-au facut deja {limit} descarcari la mesajul cu id_descarcare={id} in cursul zilei")
}
pub const DOWNLOAD_EXPIRED: &str = "Fisierul nu mai poate fi descarcat pentru ca a trecut perioada de 60 de zile in care este disponibil";
pub const DOWNLOAD_400: &str = "Parametrul id este obligatoriu";

pub fn duplicate_invoice(first_index: &str, first_date: &str) -> String {
    format!(
        "Factura a mai fost transmisa anterior cu index={first_index} si data incarcare={first_date}"
    )
}
pub fn detalii_invoice(index: &str, seller: &str, buyer: &str) -> String {
    format!(
        "Factura cu id_incarcare={index} emisa de cif_emitent={seller} pentru cif_beneficiar={buyer}"
    )
}
/// Self-billing wording (double space before "ca", as observed in production).
pub fn detalii_autofactura(index: &str, buyer: &str, seller: &str) -> String {
    format!(
        "Factura cu id_incarcare={index} transmisa de cif={buyer}  ca autofactura in numele cif={seller}"
    )
}
pub fn detalii_errors(index: &str) -> String {
    format!("Erori de validare identificate la factura transmisa cu id_incarcare={index}")
}
/// RASP wording is undocumented; this one is the sandbox's own (clients match the `tip` prefix).
pub fn detalii_rasp(index: &str, sender: &str, about_index: &str) -> String {
    format!(
        "Mesaj cumparator cu id_incarcare={index} transmis de cif={sender} pentru factura cu id_incarcare={about_index}"
    )
}

pub const TIP_TRIMISA: &str = "FACTURA TRIMISA";
pub const TIP_PRIMITA: &str = "FACTURA PRIMITA";
pub const TIP_ERORI: &str = "ERORI FACTURA";
pub const TIP_MESAJ_PRIMIT: &str = "MESAJ CUMPARATOR PRIMIT";
pub const TIP_MESAJ_TRANSMIS: &str = "MESAJ CUMPARATOR TRANSMIS";

pub const VALIDARE_BAD_STANDARD: &str =
    "Valorile acceptate pentru parametrul standard sunt FACT1 si FCN";
pub const VALIDARE_TOO_LARGE: &str = "Marime fisier transmis mai mare de 5 MB.";

pub const SIGNATURE_VALID: &str = "Fișierele încărcate au fost validate cu succes, din perspectiva autenticității semnăturii aplicate și a apartenenței acesteia la XML-ul ce reprezintă factura electronică. Documentul factură de tip XML cu semnătura de validare atașată, este considerat document original din perspectiva legislativă și este generat prin intermediul sistemului național RO e-Factura.";
pub const SIGNATURE_INVALID: &str = "Fișierele încărcate NU au putut fi validate cu succes, din perspectiva autenticității semnăturii aplicate și a apartenenței acesteia la XML-ul ce reprezintă factura electronică. Documentul factură de tip XML cu semnătura de validare atașată, NU poate fi considerat document original din perspectiva legislativă și NU este generat prin intermediul sistemului național RO e-Factura.";
pub const SIGNATURE_400: &str = "Eroare tehnică: request incorect. Cauza: cel puțin unul din documente NU a fost încărcat sau NU este un fisier de tip XML specific facturii electronice.";

/// The F5 WAF block page (served with HTTP 200).
pub fn waf_page(support_id: u64) -> String {
    format!(
        "<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. Please consult with your administrator.<br><br>Your support ID is: {support_id}<br><br><a href='javascript:history.back();'>[Go Back]</a></body></html>"
    )
}
