"""Generates src/validation/full/ro/explanations.rs: OUR short explanation (Romanian, English)
of every CIUS-RO rule, naming the field and the fix. Length and decimal rules are written from
templates (field name + limit taken from the rule's own message); the others by hand below."""
import re, sys
sys.path.insert(0, "tools")
rows = {}
src = open("src/validation/full/ro/messages.rs", encoding="utf-8").read()
msgs = re.findall(r'\("([^"]+)", "((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"\)', src)
HAND = {
 "BR-RO-001": ("BT-24 (cbc:CustomizationID) trebuie să fie exact urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1; copiați valoarea fără spații.", "BT-24 (cbc:CustomizationID) must be exactly urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1; copy it without spaces."),
 "BR-RO-010": ("Numărul facturii (BT-1, cbc:ID) trebuie să conțină cel puțin o cifră 0-9.", "The invoice number (BT-1, cbc:ID) must contain at least one digit 0-9."),
 "BR-RO-020_1": ("Tipul facturii (BT-3) trebuie să fie 380, 384, 389 sau 751; pentru o notă de creditare folosiți documentul CreditNote cu 381.", "The invoice type code (BT-3) must be 380, 384, 389 or 751; for a credit note use a CreditNote document with 381."),
 "BR-RO-020_2": ("Tipul notei de creditare (BT-3, cbc:CreditNoteTypeCode) trebuie să fie 381.", "The credit note type code (BT-3, cbc:CreditNoteTypeCode) must be 381."),
 "BR-RO-030": ("Dacă moneda facturii (BT-5) nu este RON, moneda de contabilizare a TVA (BT-6, cbc:TaxCurrencyCode) trebuie să fie RON.", "If the invoice currency (BT-5) is not RON, the VAT accounting currency (BT-6, cbc:TaxCurrencyCode) must be RON."),
 "BR-RO-040": ("Codul perioadei de facturare (BT-8) poate fi doar 3, 35 sau 432.", "The invoice period description code (BT-8) may only be 3, 35 or 432."),
 "BR-RO-065": ("Se aplică TVA (categoria S, Z, E, AE, K, G, L sau M): completați codul de TVA al vânzătorului (BT-31) sau al reprezentantului fiscal (BT-63).", "VAT applies (category S, Z, E, AE, K, G, L or M): fill in the seller VAT identifier (BT-31) or the tax representative's (BT-63)."),
 "BR-RO-120": ("Se aplică TVA (categoria S, Z, E, AE, K, G, L sau M): completați codul de înregistrare (BT-47) sau codul de TVA (BT-48) al cumpărătorului.", "VAT applies (category S, Z, E, AE, K, G, L or M): fill in the buyer legal registration id (BT-47) or VAT identifier (BT-48)."),
 "BR-RO-081": ("Strada vânzătorului (BT-35, cbc:StreetName) lipsește sau este goală; completați adresa.", "The seller street (BT-35, cbc:StreetName) is missing or blank; fill in the address."),
 "BR-RO-082": ("Strada cumpărătorului (BT-50, cbc:StreetName) lipsește sau este goală; completați adresa.", "The buyer street (BT-50, cbc:StreetName) is missing or blank; fill in the address."),
 "BR-RO-091": ("Localitatea vânzătorului (BT-37, cbc:CityName) lipsește sau este goală.", "The seller city (BT-37, cbc:CityName) is missing or blank."),
 "BR-RO-092": ("Localitatea cumpărătorului (BT-52, cbc:CityName) lipsește sau este goală.", "The buyer city (BT-52, cbc:CityName) is missing or blank."),
 "BR-RO-100": ("Vânzător din București (RO-B): localitatea (BT-37) trebuie să fie SECTOR1 ... SECTOR6.", "Seller in Bucharest (RO-B): the city (BT-37) must be SECTOR1 ... SECTOR6."),
 "BR-RO-101": ("Cumpărător din București (RO-B): localitatea (BT-52) trebuie să fie SECTOR1 ... SECTOR6.", "Buyer in Bucharest (RO-B): the city (BT-52) must be SECTOR1 ... SECTOR6."),
 "BR-RO-110": ("Vânzător din România: județul (BT-39, cbc:CountrySubentity) trebuie să fie un cod ISO 3166-2:RO, de ex. RO-CJ sau RO-B.", "Seller in Romania: the county (BT-39, cbc:CountrySubentity) must be an ISO 3166-2:RO code, e.g. RO-CJ or RO-B."),
 "BR-RO-111": ("Cumpărător din România: județul (BT-54, cbc:CountrySubentity) trebuie să fie un cod ISO 3166-2:RO, de ex. RO-CJ sau RO-B.", "Buyer in Romania: the county (BT-54, cbc:CountrySubentity) must be an ISO 3166-2:RO code, e.g. RO-CJ or RO-B."),
 "BR-RO-140": ("Adresa reprezentantului fiscal trebuie să aibă strada (BT-64) completată.", "The tax representative address needs a street (BT-64)."),
 "BR-RO-150": ("Adresa reprezentantului fiscal trebuie să aibă localitatea (BT-66) completată.", "The tax representative address needs a city (BT-66)."),
 "BR-RO-160": ("Reprezentant fiscal în București (RO-B): localitatea (BT-66) trebuie să fie SECTOR1 ... SECTOR6.", "Tax representative in Bucharest (RO-B): the city (BT-66) must be SECTOR1 ... SECTOR6."),
 "BR-RO-170": ("Reprezentant fiscal din România: județul (BT-68) trebuie să fie un cod ISO 3166-2:RO.", "Tax representative in Romania: the county (BT-68) must be an ISO 3166-2:RO code."),
 "BR-RO-180": ("Adresa de livrare trebuie să aibă strada (BT-75) completată.", "The deliver-to address needs a street (BT-75)."),
 "BR-RO-201": ("Adresa de livrare trebuie să aibă localitatea (BT-77) completată.", "The deliver-to address needs a city (BT-77)."),
 "BR-RO-202": ("Livrare în București (RO-B): localitatea (BT-77) trebuie să fie SECTOR1 ... SECTOR6.", "Delivery in Bucharest (RO-B): the city (BT-77) must be SECTOR1 ... SECTOR6."),
 "BR-RO-211": ("Adresa de livrare trebuie să aibă județul (BT-79, cbc:CountrySubentity) completat.", "The deliver-to address needs a county/subdivision (BT-79, cbc:CountrySubentity)."),
 "BR-RO-212": ("Livrare în România: județul (BT-79) trebuie să fie un cod ISO 3166-2:RO.", "Delivery in Romania: the county (BT-79) must be an ISO 3166-2:RO code."),
 "BR-RO-A020": ("Factura are mai mult de 20 de comentarii (BT-22, cbc:Note); comasați-le.", "The invoice has more than 20 notes (BT-22, cbc:Note); merge them."),
 "BR-RO-A051": ("Cel mult 50 de documente justificative (BG-24); regula oficială nu se declanșează niciodată.", "At most 50 supporting documents (BG-24); the official rule never fires."),
 "BR-RO-A052": ("Cel mult 50 de atribute ale articolului (BG-32); regula oficială nu se declanșează niciodată.", "At most 50 item attributes (BG-32); the official rule never fires."),
 "BR-RO-A500": ("Cel mult 500 de referințe la facturi anterioare (BG-3) într-un cac:BillingReference.", "At most 500 preceding invoice references (BG-3) in one cac:BillingReference."),
 "BR-RO-L1017": ("Regula oficială verifică de fapt codul motivului deducerii la nivel de document (BT-98, cbc:AllowanceChargeReasonCode), nu textul: codul trebuie să aibă cel mult 100 de caractere.", "The official test actually reads the document allowance reason CODE (BT-98, cbc:AllowanceChargeReasonCode), not the text: keep the code within 100 characters."),
 "BR-RO-L1018": ("Regula oficială verifică de fapt codul motivului taxei suplimentare la nivel de document (BT-105, cbc:AllowanceChargeReasonCode), nu textul: codul trebuie să aibă cel mult 100 de caractere.", "The official test actually reads the document charge reason CODE (BT-105, cbc:AllowanceChargeReasonCode), not the text: keep the code within 100 characters."),
 "BR-RO-L1019": ("Motivul scutirii de TVA (BT-120) ar trebui să aibă cel mult 100 de caractere; regula oficială nu se declanșează niciodată.", "The VAT exemption reason (BT-120) should stay within 100 characters; the official rule never fires."),
 "BR-DEC-RO-13": ("Totalul TVA (BT-110) ar trebui să aibă cel mult 2 zecimale; regula oficială nu se declanșează niciodată (EN 16931 BR-DEC-13 o acoperă).", "The total VAT (BT-110) should have at most 2 decimals; the official rule never fires (EN 16931 BR-DEC-13 covers it)."),
 "BR-DEC-RO-15": ("Totalul TVA în moneda de contabilizare (BT-111) ar trebui să aibă cel mult 2 zecimale; regula oficială nu se declanșează niciodată.", "The total VAT in accounting currency (BT-111) should have at most 2 decimals; the official rule never fires."),
 "BR-DEC-RO-23": ("Valoarea netă a liniei (BT-131) ar trebui să aibă cel mult 2 zecimale; regula oficială nu se declanșează niciodată (EN 16931 BR-DEC-23 o acoperă).", "The line net amount (BT-131) should have at most 2 decimals; the official rule never fires (EN 16931 BR-DEC-23 covers it)."),
 "BR-27": ("Prețul net al articolului (BT-146, cbc:PriceAmount) nu poate fi negativ; o reducere se scrie ca deducere sau linie cu cantitate negativă.", "The item net price (BT-146, cbc:PriceAmount) cannot be negative; express a discount as an allowance or a line with negative quantity."),
}
def date_expl(rid, ro, en):
    bt = re.search(r"\((BT-[^)]*)\)", en).group(1)
    return ("Data (%s) trebuie scrisă exact AAAA-LL-ZZ (10 caractere, fără oră sau fus orar), de ex. 2024-03-31." % bt,
            "The date (%s) must be written exactly YYYY-MM-DD (10 characters, no time or timezone), e.g. 2024-03-31." % bt)
out = []
for rid, ro, en in msgs:
    if rid in HAND:
        out.append((rid,) + HAND[rid]); continue
    if rid.startswith("BR-RO-DT"):
        out.append((rid,) + date_expl(rid, ro, en)); continue
    m_en = re.search(r"for the (.*?) ?is (\d+)\.?$", en)
    m_ro = re.search(r"pentru (.*?) (?:este|, este) (\d+)", ro)
    field_en, n = m_en.group(1).rstrip(" ,"), m_en.group(2)
    field_ro = m_ro.group(1).rstrip(" ,")
    if rid.startswith("BR-DEC-RO"):
        out.append((rid, "Suma «%s» are mai mult de 2 zecimale; rotunjiți-o la 2 zecimale (de ex. 10.125 devine 10.13)." % field_ro,
                    "The amount \"%s\" has more than 2 decimals; round it to 2 decimals (e.g. 10.125 becomes 10.13)." % field_en))
    else:
        out.append((rid, "Câmpul «%s» depășește %s de caractere (spațiile repetate se numără o dată); scurtați textul." % (field_ro, n),
                    "The field \"%s\" exceeds %s characters (repeated spaces count once); shorten the text." % (field_en, n)))
assert len(out) == 122
lit = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
with open("src/validation/full/ro/explanations.rs", "w", encoding="utf-8") as f:
    f.write("//! Our own short explanation of every CIUS-RO rule (Romanian, English): which field (BT term)\n")
    f.write("//! and how to fix it. Generated by `tools/gen_ro_explanations.py`; edit the script, not this file.\n\n")
    f.write("/// (rule id, Romanian explanation, English explanation).\n")
    f.write("pub const EXPLANATIONS: &[(&str, &str, &str)] = &[\n")
    for rid, ro, en in out:
        f.write("    (%s, %s, %s),\n" % (lit(rid), lit(ro), lit(en)))
    f.write("];\n\n")
    f.write("""/// Our explanation of `id` as (Romanian, English).
pub fn explanation(id: &str) -> Option<(&'static str, &'static str)> {
    EXPLANATIONS
        .iter()
        .find(|(i, _, _)| *i == id)
        .map(|(_, ro, en)| (*ro, *en))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::full::ro::all_ids;

    #[test]
    fn every_cius_ro_rule_has_an_explanation() {
        let ids: Vec<&str> = all_ids().collect();
        assert_eq!(ids.len(), 122);
        for id in ids {
            let (ro, en) = explanation(id).unwrap_or_else(|| panic!("no explanation for {id}"));
            assert!(!ro.is_empty() && !en.is_empty(), "{id}");
        }
    }
}
""")
print("ok")
