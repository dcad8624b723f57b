"""Generates src/validation/full/en/explanations.rs: our own explanation, in Romanian and English,
of every fatal EN 16931 rule of ANAF's bundle 1.0.9 and of every warning that is not UBL-CR.

The texts are ours, written for spvdesk from the bundle's Schematron tests (several say what the
test really does where it differs from the official message: tolerances, rules that cannot fire).
The only input is the id list of src/validation/full/en/messages.rs, so the script fails when a
rule is missing or unknown. Families of rules that share one shape (VAT categories,
decimals, "at most once") are written from templates below. The UBL-CR warnings are explained at
run time by `ubl_cr_explanation` (see the Rust part at the end of this script).

Run from the crate root: python3 tools/gen_en_explanations.py
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
CRATE = os.path.join(HERE, "..")
MESSAGES = os.path.join(CRATE, "src", "validation", "full", "en", "messages.rs")
OUT = os.path.join(CRATE, "src", "validation", "full", "en", "explanations.rs")

# ---------------------------------------------------------------------------------------------
# Field labels as a Romanian invoice editor shows them: BT/BG -> (Romanian, English).
# ---------------------------------------------------------------------------------------------
LABELS = {
    "BT-1": ("Numărul facturii", "Invoice number"),
    "BT-2": ("Data emiterii facturii", "Invoice issue date"),
    "BT-3": ("Codul tipului facturii", "Invoice type code"),
    "BT-5": ("Moneda facturii", "Invoice currency code"),
    "BT-6": ("Moneda de contabilizare a TVA", "VAT accounting currency code"),
    "BT-7": ("Data de exigibilitate a TVA", "VAT point date"),
    "BT-8": ("Codul datei de exigibilitate a TVA", "VAT point date code"),
    "BT-9": ("Data scadenței", "Payment due date"),
    "BT-11": ("Referința proiectului", "Project reference"),
    "BT-12": ("Referința contractului", "Contract reference"),
    "BT-15": ("Referința avizului de recepție", "Receiving advice reference"),
    "BT-16": ("Referința avizului de expediție", "Despatch advice reference"),
    "BT-17": ("Referința ofertei sau a lotului", "Tender or lot reference"),
    "BT-18": ("Identificatorul obiectului facturat", "Invoiced object identifier"),
    "BT-20": ("Termeni de plată", "Payment terms"),
    "BT-21": ("Codul subiectului comentariului", "Invoice note subject code"),
    "BT-22": ("Comentariu în factură", "Invoice note"),
    "BT-24": ("Identificatorul specificației", "Specification identifier"),
    "BT-25": ("Referința la o factură anterioară", "Preceding invoice reference"),
    "BT-27": ("Numele vânzătorului", "Seller name"),
    "BT-28": ("Denumirea comercială a vânzătorului", "Seller trading name"),
    "BT-29": ("Identificatorul vânzătorului", "Seller identifier"),
    "BT-30": ("Identificatorul de înregistrare legală a vânzătorului", "Seller legal registration identifier"),
    "BT-31": ("Identificatorul de TVA al vânzătorului", "Seller VAT identifier"),
    "BT-32": ("Identificatorul de înregistrare fiscală a vânzătorului", "Seller tax registration identifier"),
    "BT-33": ("Informații juridice suplimentare despre vânzător", "Seller additional legal information"),
    "BT-34": ("Adresa electronică a vânzătorului", "Seller electronic address"),
    "BT-40": ("Codul țării vânzătorului", "Seller country code"),
    "BT-44": ("Numele cumpărătorului", "Buyer name"),
    "BT-45": ("Denumirea comercială a cumpărătorului", "Buyer trading name"),
    "BT-46": ("Identificatorul cumpărătorului", "Buyer identifier"),
    "BT-47": ("Identificatorul de înregistrare legală a cumpărătorului", "Buyer legal registration identifier"),
    "BT-48": ("Identificatorul de TVA al cumpărătorului", "Buyer VAT identifier"),
    "BT-49": ("Adresa electronică a cumpărătorului", "Buyer electronic address"),
    "BT-55": ("Codul țării cumpărătorului", "Buyer country code"),
    "BT-59": ("Numele beneficiarului plății", "Payee name"),
    "BT-60": ("Identificatorul beneficiarului plății", "Payee identifier"),
    "BT-61": ("Identificatorul de înregistrare legală a beneficiarului", "Payee legal registration identifier"),
    "BT-62": ("Numele reprezentantului fiscal", "Seller tax representative name"),
    "BT-63": ("Identificatorul de TVA al reprezentantului fiscal", "Seller tax representative VAT identifier"),
    "BT-69": ("Codul țării reprezentantului fiscal", "Tax representative country code"),
    "BT-70": ("Numele destinatarului livrării", "Deliver to party name"),
    "BT-72": ("Data reală a livrării", "Actual delivery date"),
    "BT-73": ("Data de început a perioadei de facturare", "Invoicing period start date"),
    "BT-74": ("Data de sfârșit a perioadei de facturare", "Invoicing period end date"),
    "BT-80": ("Codul țării de livrare", "Deliver to country code"),
    "BT-81": ("Codul instrumentului de plată", "Payment means type code"),
    "BT-82": ("Explicații privind instrumentul de plată", "Payment means text"),
    "BT-83": ("Aviz de plată", "Remittance information"),
    "BT-84": ("Identificatorul contului de plată", "Payment account identifier"),
    "BT-87": ("Numărul cardului de plată", "Payment card primary account number"),
    "BT-89": ("Referința mandatului de debitare directă", "Mandate reference identifier"),
    "BT-90": ("Identificatorul creditorului bancar", "Bank assigned creditor identifier"),
    "BT-92": ("Valoarea deducerii la nivelul documentului", "Document level allowance amount"),
    "BT-93": ("Valoarea de bază a deducerii la nivelul documentului", "Document level allowance base amount"),
    "BT-95": ("Codul categoriei de TVA a deducerii", "Document level allowance VAT category code"),
    "BT-96": ("Cota TVA a deducerii", "Document level allowance VAT rate"),
    "BT-97": ("Motivul deducerii", "Document level allowance reason"),
    "BT-98": ("Codul motivului deducerii", "Document level allowance reason code"),
    "BT-99": ("Valoarea taxei suplimentare la nivelul documentului", "Document level charge amount"),
    "BT-100": ("Valoarea de bază a taxei suplimentare la nivelul documentului", "Document level charge base amount"),
    "BT-102": ("Codul categoriei de TVA a taxei suplimentare", "Document level charge VAT category code"),
    "BT-103": ("Cota TVA a taxei suplimentare", "Document level charge VAT rate"),
    "BT-104": ("Motivul taxei suplimentare", "Document level charge reason"),
    "BT-105": ("Codul motivului taxei suplimentare", "Document level charge reason code"),
    "BT-106": ("Suma valorilor nete ale liniilor", "Sum of invoice line net amount"),
    "BT-107": ("Suma deducerilor la nivelul documentului", "Sum of allowances on document level"),
    "BT-108": ("Suma taxelor suplimentare la nivelul documentului", "Sum of charges on document level"),
    "BT-109": ("Valoarea totală fără TVA", "Invoice total amount without VAT"),
    "BT-110": ("Valoarea totală a TVA", "Invoice total VAT amount"),
    "BT-111": ("Valoarea totală a TVA în moneda de contabilizare", "Invoice total VAT amount in accounting currency"),
    "BT-112": ("Valoarea totală cu TVA", "Invoice total amount with VAT"),
    "BT-113": ("Suma plătită", "Paid amount"),
    "BT-114": ("Valoarea de rotunjire", "Rounding amount"),
    "BT-115": ("Suma de plată", "Amount due for payment"),
    "BT-116": ("Baza de calcul a categoriei de TVA", "VAT category taxable amount"),
    "BT-117": ("Valoarea TVA a categoriei", "VAT category tax amount"),
    "BT-118": ("Codul categoriei de TVA", "VAT category code"),
    "BT-119": ("Cota TVA", "VAT category rate"),
    "BT-120": ("Motivul scutirii de TVA", "VAT exemption reason text"),
    "BT-121": ("Codul motivului scutirii de TVA", "VAT exemption reason code"),
    "BT-122": ("Referința documentului justificativ", "Supporting document reference"),
    "BT-123": ("Descrierea documentului justificativ", "Supporting document description"),
    "BT-125": ("Documentul atașat", "Attached document"),
    "BT-126": ("Numărul liniei", "Invoice line identifier"),
    "BT-127": ("Nota liniei", "Invoice line note"),
    "BT-129": ("Cantitatea facturată", "Invoiced quantity"),
    "BT-130": ("Unitatea de măsură", "Invoiced quantity unit of measure code"),
    "BT-131": ("Valoarea netă a liniei", "Invoice line net amount"),
    "BT-132": ("Referința liniei din comandă", "Referenced purchase order line reference"),
    "BT-136": ("Valoarea deducerii la nivelul liniei", "Invoice line allowance amount"),
    "BT-137": ("Valoarea de bază a deducerii la nivelul liniei", "Invoice line allowance base amount"),
    "BT-139": ("Motivul deducerii la nivelul liniei", "Invoice line allowance reason"),
    "BT-140": ("Codul motivului deducerii la nivelul liniei", "Invoice line allowance reason code"),
    "BT-141": ("Valoarea taxei suplimentare la nivelul liniei", "Invoice line charge amount"),
    "BT-142": ("Valoarea de bază a taxei suplimentare la nivelul liniei", "Invoice line charge base amount"),
    "BT-144": ("Motivul taxei suplimentare la nivelul liniei", "Invoice line charge reason"),
    "BT-145": ("Codul motivului taxei suplimentare la nivelul liniei", "Invoice line charge reason code"),
    "BT-146": ("Prețul net al articolului", "Item net price"),
    "BT-147": ("Reducerea de preț a articolului", "Item price discount"),
    "BT-148": ("Prețul brut al articolului", "Item gross price"),
    "BT-151": ("Codul categoriei de TVA a articolului", "Invoiced item VAT category code"),
    "BT-152": ("Cota TVA a articolului", "Invoiced item VAT rate"),
    "BT-153": ("Denumirea articolului", "Item name"),
    "BT-154": ("Descrierea articolului", "Item description"),
    "BT-157": ("Identificatorul standard al articolului", "Item standard identifier"),
    "BT-158": ("Codul de clasificare a articolului", "Item classification identifier"),
    "BT-159": ("Țara de origine a articolului", "Item country of origin"),
    "BT-160": ("Numele atributului articolului", "Item attribute name"),
    "BT-161": ("Valoarea atributului articolului", "Item attribute value"),
    "BG-3": ("Referința la o factură anterioară", "Preceding invoice reference"),
    "BG-5": ("Adresa poștală a vânzătorului", "Seller postal address"),
    "BG-8": ("Adresa poștală a cumpărătorului", "Buyer postal address"),
    "BG-10": ("Beneficiarul plății", "Payee"),
    "BG-11": ("Reprezentantul fiscal al vânzătorului", "Seller tax representative party"),
    "BG-12": ("Adresa poștală a reprezentantului fiscal", "Seller tax representative postal address"),
    "BG-13": ("Informații despre livrare", "Delivery information"),
    "BG-14": ("Perioada de facturare", "Invoicing period"),
    "BG-15": ("Adresa de livrare", "Deliver to address"),
    "BG-18": ("Cardul de plată", "Payment card information"),
    "BG-19": ("Debitarea directă", "Direct debit"),
    "BG-20": ("Deducere la nivelul documentului", "Document level allowance"),
    "BG-21": ("Taxă suplimentară la nivelul documentului", "Document level charge"),
    "BG-23": ("Detalierea TVA", "VAT breakdown"),
    "BG-24": ("Document justificativ", "Additional supporting document"),
    "BG-25": ("Linia facturii", "Invoice line"),
    "BG-26": ("Perioada de facturare a liniei", "Invoice line period"),
    "BG-27": ("Deducere la nivelul liniei", "Invoice line allowance"),
    "BG-28": ("Taxă suplimentară la nivelul liniei", "Invoice line charge"),
    "BG-32": ("Atributele articolului", "Item attributes"),
}


def ro(term, xml=None):
    """'cota TVA (BT-119)': the Romanian label with its term (and the XML element, if given), in
    lower case; `put` capitalises the start of each text."""
    label = lc(LABELS[term][0])
    return f"{label} ({term}, {xml})" if xml else f"{label} ({term})"


def en(term, xml=None):
    """The English label, lower case as it always follows an article in our sentences."""
    label = lc(LABELS[term][1])
    return f"{label} ({term}, {xml})" if xml else f"{label} ({term})"


def lc(s):
    """Lower-cases the first letter, except in acronyms such as VAT."""
    if len(s) > 1 and s[1].isupper():
        return s
    return s[0].lower() + s[1:]


# Trailing zeros count: the test is string-length(substring-after(x, '.')) <= 2.
DEC_RO = "rotunjiți la cel mult 2 zecimale (și zerourile de la sfârșit contează: 10.500 are 3 zecimale)."
DEC_EN = "round to at most 2 decimals (trailing zeros count too: 10.500 has 3 decimals)."

T = {}


def capitalise(text):
    """Upper-cases the first letter, unless the text starts with an XML name such as cbc:ID."""
    first = text.split(" ", 1)[0]
    return text if ":" in first else text[0].upper() + text[1:]


def put(rule_id, ro_text, en_text):
    assert rule_id not in T, rule_id
    T[rule_id] = (capitalise(ro_text), capitalise(en_text))


# ---------------------------------------------------------------------------------------------
# Document level: header, parties, totals (UBL-model).
# ---------------------------------------------------------------------------------------------
put("BR-01", f"{ro('BT-24', 'cbc:CustomizationID')} lipsește sau este gol; pentru ANAF scrieți urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1.",
    f"The {lc(en('BT-24', 'cbc:CustomizationID'))} is missing or empty; for ANAF write urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1.")
put("BR-02", f"{ro('BT-1', 'cbc:ID al documentului')} lipsește sau este gol; completați numărul facturii.",
    f"The {en('BT-1', 'the document cbc:ID')} is missing or empty; fill in the invoice number.")
put("BR-03", f"{ro('BT-2', 'cbc:IssueDate')} lipsește sau este goală; completați data în forma AAAA-LL-ZZ.",
    f"The {lc(en('BT-2', 'cbc:IssueDate'))} is missing or empty; fill in the date as YYYY-MM-DD.")
put("BR-04", f"{ro('BT-3')} lipsește sau este gol (cbc:InvoiceTypeCode la factură, cbc:CreditNoteTypeCode la nota de creditare); de obicei 380 pentru factură și 381 pentru storno.",
    f"The {lc(en('BT-3'))} is missing or empty (cbc:InvoiceTypeCode in an invoice, cbc:CreditNoteTypeCode in a credit note); usually 380 for an invoice and 381 for a credit note.")
put("BR-05", f"{ro('BT-5', 'cbc:DocumentCurrencyCode')} lipsește sau este goală; completați codul ISO al monedei, de ex. RON sau EUR.",
    f"The {lc(en('BT-5', 'cbc:DocumentCurrencyCode'))} is missing or empty; fill in the ISO currency code, e.g. RON or EUR.")
put("BR-06", f"{ro('BT-27')} lipsește: se citește din cac:PartyLegalEntity/cbc:RegistrationName al vânzătorului (denumirea comercială din PartyName nu ține loc); completați denumirea legală a firmei.",
    f"The {lc(en('BT-27'))} is missing: it is read from the seller's cac:PartyLegalEntity/cbc:RegistrationName (the trading name in PartyName does not count); fill in the company's legal name.")
put("BR-07", f"{ro('BT-44')} lipsește: se citește din cac:PartyLegalEntity/cbc:RegistrationName al cumpărătorului; completați denumirea legală a clientului.",
    f"The {lc(en('BT-44'))} is missing: it is read from the buyer's cac:PartyLegalEntity/cbc:RegistrationName; fill in the customer's legal name.")
put("BR-08", f"Lipsește {lc(ro('BG-5', 'cac:PostalAddress sub cac:AccountingSupplierParty/cac:Party'))}; adăugați adresa vânzătorului.",
    f"The {lc(en('BG-5', 'cac:PostalAddress under cac:AccountingSupplierParty/cac:Party'))} is missing; add the seller's address.")
put("BR-09", f"În {lc(ro('BG-5'))} lipsește {lc(ro('BT-40'))} sau este gol; completați codul ISO al țării, de ex. RO.",
    f"The {lc(en('BT-40'))} is missing or empty in the {lc(en('BG-5'))}; fill in the ISO country code, e.g. RO.")
put("BR-10", f"Lipsește {lc(ro('BG-8', 'cac:PostalAddress sub cac:AccountingCustomerParty/cac:Party'))}; adăugați adresa clientului.",
    f"The {lc(en('BG-8', 'cac:PostalAddress under cac:AccountingCustomerParty/cac:Party'))} is missing; add the customer's address.")
put("BR-11", f"În {lc(ro('BG-8'))} lipsește {lc(ro('BT-55'))} sau este gol; completați codul ISO al țării clientului, de ex. RO.",
    f"The {lc(en('BT-55'))} is missing or empty in the {lc(en('BG-8'))}; fill in the customer's ISO country code, e.g. RO.")
put("BR-12", f"Totalurile documentului (cac:LegalMonetaryTotal) nu conțin {ro('BT-106', 'cbc:LineExtensionAmount')}; adăugați suma liniilor.",
    f"The document totals (cac:LegalMonetaryTotal) lack the {lc(en('BT-106', 'cbc:LineExtensionAmount'))}; add the sum of the lines.")
put("BR-13", f"Totalurile documentului nu conțin {ro('BT-109', 'cbc:TaxExclusiveAmount')}; adăugați totalul fără TVA.",
    f"The document totals lack the {lc(en('BT-109', 'cbc:TaxExclusiveAmount'))}; add the total without VAT.")
put("BR-14", f"Totalurile documentului nu conțin {ro('BT-112', 'cbc:TaxInclusiveAmount')}; adăugați totalul cu TVA.",
    f"The document totals lack the {lc(en('BT-112', 'cbc:TaxInclusiveAmount'))}; add the total with VAT.")
put("BR-15", f"Totalurile documentului nu conțin {ro('BT-115', 'cbc:PayableAmount')}; adăugați suma de plată (poate fi 0.00).",
    f"The document totals lack the {lc(en('BT-115', 'cbc:PayableAmount'))}; add the amount due (it may be 0.00).")
put("BR-16", f"Documentul nu are nicio {lc(ro('BG-25', 'cac:InvoiceLine sau cac:CreditNoteLine'))}; adăugați cel puțin un produs sau serviciu.",
    f"The document has no {en('BG-25', 'cac:InvoiceLine or cac:CreditNoteLine')}; add at least one product or service.")
put("BR-17", f"{ro('BG-10')} se completează doar când plata merge la altcineva decât vânzătorul: trebuie să aibă {ro('BT-59')}, diferit de {lc(ro('BT-28'))}, iar {lc(ro('BT-60'))} nu poate fi cel al vânzătorului (BT-29); dacă banii merg la vânzător, ștergeți cac:PayeeParty.",
    f"The {en('BG-10')} is only for payments to someone other than the seller: it needs a {en('BT-59')} different from the {en('BT-28')}, and its {en('BT-60')} cannot be the seller's (BT-29); if the money goes to the seller, delete cac:PayeeParty.")
put("BR-18", f"La {lc(ro('BG-11'))} lipsește {lc(ro('BT-62', 'cac:PartyName/cbc:Name'))} sau este gol; completați-l.",
    f"The {lc(en('BG-11'))} has no {lc(en('BT-62', 'cac:PartyName/cbc:Name'))}, or it is empty; fill it in.")
put("BR-19", f"La {lc(ro('BG-11'))} lipsește adresa poștală (BG-12, cac:PostalAddress); adăugați-o.",
    f"The {lc(en('BG-11'))} has no postal address (BG-12, cac:PostalAddress); add it.")
put("BR-20", f"În {lc(ro('BG-12'))} lipsește {lc(ro('BT-69'))} sau este gol; completați codul ISO al țării.",
    f"The {lc(en('BT-69'))} is missing or empty in the {lc(en('BG-12'))}; fill in the ISO country code.")
put("BR-56", f"La {lc(ro('BG-11'))} lipsește {lc(ro('BT-63', 'cac:PartyTaxScheme/cbc:CompanyID cu schema VAT'))}; completați codul de TVA al reprezentantului, cu prefixul țării.",
    f"The {lc(en('BG-11'))} lacks the {lc(en('BT-63', 'cac:PartyTaxScheme/cbc:CompanyID with the VAT scheme'))}; fill in the representative's VAT number with its country prefix.")
put("BR-CO-26", f"Vânzătorul trebuie identificat prin cel puțin unul dintre: {ro('BT-31')}, {ro('BT-29', 'cac:PartyIdentification/cbc:ID')} sau {ro('BT-30', 'cac:PartyLegalEntity/cbc:CompanyID')}; pentru o firmă românească completați CUI-ul.",
    f"The seller must be identified by at least one of: {en('BT-31')}, {en('BT-29', 'cac:PartyIdentification/cbc:ID')} or {en('BT-30', 'cac:PartyLegalEntity/cbc:CompanyID')}; for a Romanian company fill in the CUI.")
put("BR-62", f"{ro('BT-34', 'cbc:EndpointID')} nu are atributul schemeID; indicați tipul adresei, de ex. schemeID=\"EM\" pentru e-mail.",
    f"The {lc(en('BT-34', 'cbc:EndpointID'))} has no schemeID attribute; state the address type, e.g. schemeID=\"EM\" for an e-mail address.")
put("BR-63", f"{ro('BT-49', 'cbc:EndpointID')} nu are atributul schemeID; indicați tipul adresei, de ex. schemeID=\"EM\" pentru e-mail.",
    f"The {lc(en('BT-49', 'cbc:EndpointID'))} has no schemeID attribute; state the address type, e.g. schemeID=\"EM\" for an e-mail address.")
put("BR-57", f"{ro('BG-15', 'cac:Delivery/cac:DeliveryLocation/cac:Address')} nu conține {lc(ro('BT-80', 'cac:Country/cbc:IdentificationCode'))}; adăugați țara, de ex. RO.",
    f"The {en('BG-15', 'cac:Delivery/cac:DeliveryLocation/cac:Address')} has no {en('BT-80', 'cac:Country/cbc:IdentificationCode')}; add the country, e.g. RO.")
put("BR-52", f"Un {lc(ro('BG-24', 'cac:AdditionalDocumentReference'))} nu are {ro('BT-122', 'cbc:ID')} sau aceasta este goală; completați numărul sau denumirea documentului, ori ștergeți referința.",
    f"An {lc(en('BG-24', 'cac:AdditionalDocumentReference'))} has no {en('BT-122', 'cbc:ID')}, or it is empty; fill in the document's number or name, or delete the reference.")
put("BR-55", f"O referință la o factură anterioară (BG-3, cac:BillingReference) nu conține numărul facturii anterioare (BT-25, cac:InvoiceDocumentReference/cbc:ID); completați numărul facturii stornate sau corectate.",
    f"A {en('BG-3', 'cac:BillingReference')} has no preceding invoice number (BT-25, cac:InvoiceDocumentReference/cbc:ID); fill in the number of the invoice being credited or corrected.")
put("BR-CO-25", f"{ro('BT-115')} este pozitivă, dar factura nu are nici {ro('BT-9')}, nici {ro('BT-20')}; completați scadența sau termenii de plată (regula se aplică doar facturilor, nu notelor de creditare).",
    f"The {en('BT-115')} is positive but the invoice has neither a {en('BT-9')} nor {en('BT-20')}; fill in the due date or the payment terms (the rule only applies to invoices, not credit notes).")
put("BR-53", f"Ați completat {ro('BT-6')}, dar lipsește al doilea cac:TaxTotal cu {lc(ro('BT-111'))}, adică cbc:TaxAmount cu currencyID egal cu acea monedă (de ex. TVA în RON la o factură în EUR); adăugați-l.",
    f"The {en('BT-6')} is filled in, but the second cac:TaxTotal with the {en('BT-111')} is missing, i.e. a cbc:TaxAmount whose currencyID is that currency (e.g. VAT in RON on an invoice in EUR); add it.")
put("BR-66", "Factura conține mai multe carduri de plată (BG-18, cac:CardAccount) în instrucțiunile de plată; păstrați unul singur.",
    "The invoice holds more than one payment card (BG-18, cac:CardAccount) across its payment means; keep only one.")
put("BR-67", "Factura conține mai multe mandate de debitare directă (BG-19, cac:PaymentMandate); păstrați unul singur.",
    "The invoice holds more than one direct debit mandate (BG-19, cac:PaymentMandate); keep only one.")
put("BR-51", f"{ro('BT-87')} are mai mult de 10 caractere; din motive de securitate nu scrieți numărul complet al cardului, ci cel mult 10 caractere (de ex. doar ultimele 4 cifre).",
    f"The {en('BT-87')} is longer than 10 characters; for card security never write the full card number, keep at most 10 characters (e.g. just the last 4 digits).")
put("BR-CO-03", f"Factura are atât {ro('BT-7', 'cbc:TaxPointDate')}, cât și {ro('BT-8', 'cac:InvoicePeriod/cbc:DescriptionCode')}; păstrați doar una dintre ele.",
    f"The invoice has both a {en('BT-7', 'cbc:TaxPointDate')} and a {en('BT-8', 'cac:InvoicePeriod/cbc:DescriptionCode')}; keep only one of them.")
put("BR-CO-18", f"Factura nu are niciun rând în {lc(ro('BG-23', 'cac:TaxTotal/cac:TaxSubtotal'))}; adăugați câte un rând pentru fiecare categorie și cotă de TVA folosită.",
    f"The invoice has no {en('BG-23', 'cac:TaxTotal/cac:TaxSubtotal')}; add one entry for each VAT category and rate used.")

# Totals arithmetic. XPath round() rounds halves up (towards +infinity).
put("BR-CO-10", f"{ro('BT-106')} nu este egală cu suma valorilor nete ale tuturor liniilor (BT-131) rotunjită la 2 zecimale; refaceți totalul din valorile liniilor.",
    f"The {en('BT-106')} does not equal the sum of all line net amounts (BT-131) rounded to 2 decimals; recompute it from the lines.")
put("BR-CO-11", f"{ro('BT-107', 'cbc:AllowanceTotalAmount')} nu este egală cu suma deducerilor de la nivelul documentului (BT-92) rotunjită la 2 zecimale, sau lipsește deși există deduceri; recalculați-o.",
    f"The {en('BT-107', 'cbc:AllowanceTotalAmount')} does not equal the sum of the document level allowances (BT-92) rounded to 2 decimals, or it is missing although allowances exist; recompute it.")
put("BR-CO-12", f"{ro('BT-108', 'cbc:ChargeTotalAmount')} nu este egală cu suma taxelor suplimentare de la nivelul documentului (BT-99) rotunjită la 2 zecimale, sau lipsește deși există astfel de taxe; recalculați-o.",
    f"The {en('BT-108', 'cbc:ChargeTotalAmount')} does not equal the sum of the document level charges (BT-99) rounded to 2 decimals, or it is missing although charges exist; recompute it.")
put("BR-CO-13", f"{ro('BT-109')} trebuie să fie {lc(ro('BT-106'))} − {lc(ro('BT-107'))} + {lc(ro('BT-108'))} (rezultatul rotunjit la 2 zecimale; totalurile lipsă contează ca 0); corectați totalul fără TVA.",
    f"The {en('BT-109')} must equal the {en('BT-106')} − the {en('BT-107')} + the {en('BT-108')}, rounded to 2 decimals (missing totals count as 0); correct the total without VAT.")
put("BR-CO-14", f"TVA totală din cac:TaxTotal (BT-110) nu este egală cu suma valorilor TVA din rândurile detalierii (BT-117) rotunjită la 2 zecimale; refaceți totalul TVA.",
    f"The total VAT in cac:TaxTotal (BT-110) does not equal the sum of the breakdown VAT amounts (BT-117) rounded to 2 decimals; recompute the VAT total.")
put("BR-CO-15", f"{ro('BT-112')} trebuie să fie {lc(ro('BT-109'))} + {lc(ro('BT-110'))} (rezultatul rotunjit la 2 zecimale); TVA totală se ia din singurul cac:TaxTotal/cbc:TaxAmount în moneda facturii, care trebuie să existe exact o dată.",
    f"The {en('BT-112')} must equal the {en('BT-109')} + the {en('BT-110')}, rounded to 2 decimals; the VAT total is the one cac:TaxTotal/cbc:TaxAmount in the invoice currency, which must appear exactly once.")
put("BR-CO-16", f"{ro('BT-115')} trebuie să fie {lc(ro('BT-112'))} − {lc(ro('BT-113'))} + {lc(ro('BT-114'))} (rezultatul rotunjit la 2 zecimale; sumele lipsă contează ca 0); corectați suma de plată.",
    f"The {en('BT-115')} must equal the {en('BT-112')} − the {en('BT-113')} + the {en('BT-114')}, rounded to 2 decimals, with missing amounts counting as 0; correct the amount due.")
put("BR-CO-17", f"Într-un rând din {lc(ro('BG-23'))}, {lc(ro('BT-117'))} nu corespunde cu rezultatul calculului {lc(ro('BT-116'))} × {lc(ro('BT-119'))} / 100, rotunjit la 2 zecimale; se acceptă o diferență sub 1 unitate, iar la o cotă care se rotunjește la 0 sau lipsește TVA trebuie să fie 0. Recalculați TVA pe rând.",
    f"In an entry of the {en('BG-23')}, the {en('BT-117')} does not match the {en('BT-116')} × {en('BT-119')} / 100 rounded to 2 decimals; a difference below 1 unit is tolerated, and with a rate that rounds to 0 or is missing the VAT must be 0. Recompute that entry's VAT.")

# ---------------------------------------------------------------------------------------------
# Allowances and charges (document level BG-20/BG-21, line level BG-27/BG-28).
# ---------------------------------------------------------------------------------------------
AC = {
    # id: (where RO, where EN, amount BT, reason BT, code BT)
    "doc-allowance": ("deducere la nivelul documentului (BG-20)", "a document level allowance (BG-20)", "BT-92", "BT-97", "BT-98"),
    "doc-charge": ("taxă suplimentară la nivelul documentului (BG-21)", "a document level charge (BG-21)", "BT-99", "BT-104", "BT-105"),
    "line-allowance": ("deducere la nivelul liniei (BG-27)", "an invoice line allowance (BG-27)", "BT-136", "BT-139", "BT-140"),
    "line-charge": ("taxă suplimentară la nivelul liniei (BG-28)", "an invoice line charge (BG-28)", "BT-141", "BT-144", "BT-145"),
}
for amount_id, kind in [("BR-31", "doc-allowance"), ("BR-36", "doc-charge"), ("BR-41", "line-allowance"), ("BR-43", "line-charge")]:
    w_ro, w_en, amt, _, _ = AC[kind]
    put(amount_id, f"O {w_ro} nu are {ro(amt, 'cbc:Amount')}; completați valoarea sau ștergeți elementul cac:AllowanceCharge.",
        f"{w_en[0].upper() + w_en[1:]} has no {en(amt, 'cbc:Amount')}; fill in the amount or delete the cac:AllowanceCharge.")
for ids, kind in [(("BR-33", "BR-CO-21"), "doc-allowance"), (("BR-38", "BR-CO-22"), "doc-charge"),
                  (("BR-42", "BR-CO-23"), "line-allowance"), (("BR-44", "BR-CO-24"), "line-charge")]:
    w_ro, w_en, _, reason, code = AC[kind]
    for rule_id in ids:
        put(rule_id, f"O {w_ro} nu are nici {ro(reason, 'cbc:AllowanceChargeReason')}, nici {ro(code, 'cbc:AllowanceChargeReasonCode')}; completați cel puțin unul.",
            f"{w_en[0].upper() + w_en[1:]} has no {en(reason, 'cbc:AllowanceChargeReason')} and no {en(code, 'cbc:AllowanceChargeReasonCode')}; fill in at least one.")
# The official test of BR-CO-05..08 is true(): in bundle 1.0.9 they never fire.
for rule_id, kind in [("BR-CO-05", "doc-allowance"), ("BR-CO-06", "doc-charge"), ("BR-CO-07", "line-allowance"), ("BR-CO-08", "line-charge")]:
    w_ro, w_en, _, reason, code = AC[kind]
    if "allowance" in kind:
        ex_ro, ex_en = "codul 95 cu textul «Reducere»", "code 95 with the text \"Discount\""
    else:
        ex_ro, ex_en = "codul FC cu textul «Transport»", "code FC with the text \"Freight\""
    put(rule_id, f"La o {w_ro}, {lc(ro(reason))} și {lc(ro(code))} trebuie să descrie același lucru (de ex. {ex_ro}); pachetul ANAF 1.0.9 nu verifică efectiv această regulă, deci țineți singur textul și codul în acord.",
        f"On {w_en}, the {en(reason)} and the {en(code)} must say the same thing (e.g. {ex_en}); ANAF's bundle 1.0.9 does not actually test this, so keep text and code consistent yourself.")
put("BR-32", f"O {AC['doc-allowance'][0]} nu are {ro('BT-95')}: adăugați cac:TaxCategory cu cbc:ID (de ex. S) și cac:TaxScheme/cbc:ID = VAT.",
    f"A {AC['doc-allowance'][1][2:]} has no {en('BT-95')}: add a cac:TaxCategory with a cbc:ID (e.g. S) and cac:TaxScheme/cbc:ID = VAT.")
put("BR-37", f"O {AC['doc-charge'][0]} nu are {ro('BT-102')}: adăugați cac:TaxCategory cu cbc:ID (de ex. S) și cac:TaxScheme/cbc:ID = VAT.",
    f"A {AC['doc-charge'][1][2:]} has no {en('BT-102')}: add a cac:TaxCategory with a cbc:ID (e.g. S) and cac:TaxScheme/cbc:ID = VAT.")

# ---------------------------------------------------------------------------------------------
# Lines.
# ---------------------------------------------------------------------------------------------
put("BR-21", f"O linie a facturii nu are {ro('BT-126', 'cbc:ID')} sau acesta este gol; numerotați liniile (1, 2, 3 ...).",
    f"An invoice line has no {en('BT-126', 'cbc:ID')}, or it is empty; number the lines (1, 2, 3 ...).")
put("BR-22", f"O linie a facturii nu are {ro('BT-129', 'cbc:InvoicedQuantity, la nota de creditare cbc:CreditedQuantity')}; completați cantitatea.",
    f"An invoice line has no {en('BT-129', 'cbc:InvoicedQuantity, cbc:CreditedQuantity in a credit note')}; fill in the quantity.")
put("BR-23", f"Cantitatea unei linii nu are {ro('BT-130', 'atributul unitCode')}; completați codul unității, de ex. H87 (bucată), KGM (kilogram) sau HUR (oră).",
    f"A line quantity has no {en('BT-130', 'the unitCode attribute')}; fill in the unit code, e.g. H87 (piece), KGM (kilogram) or HUR (hour).")
put("BR-24", f"O linie a facturii nu are {ro('BT-131', 'cbc:LineExtensionAmount')}; completați valoarea fără TVA a liniei.",
    f"An invoice line has no {en('BT-131', 'cbc:LineExtensionAmount')}; fill in the line amount without VAT.")
put("BR-25", f"O linie a facturii nu are {ro('BT-153', 'cac:Item/cbc:Name')} sau aceasta este goală; completați denumirea produsului sau serviciului.",
    f"An invoice line has no {en('BT-153', 'cac:Item/cbc:Name')}, or it is empty; fill in the product or service name.")
put("BR-26", f"O linie a facturii nu are {ro('BT-146', 'cac:Price/cbc:PriceAmount')}; completați prețul unitar fără TVA.",
    f"An invoice line has no {en('BT-146', 'cac:Price/cbc:PriceAmount')}; fill in the unit price without VAT.")
put("BR-28", f"{ro('BT-148', 'cac:Price/cac:AllowanceCharge/cbc:BaseAmount')} este negativ; prețul brut trebuie să fie 0 sau pozitiv, iar reducerea se trece separat.",
    f"The {en('BT-148', 'cac:Price/cac:AllowanceCharge/cbc:BaseAmount')} is negative; the gross price must be 0 or positive, with the discount stated separately.")
put("BR-CO-04", f"O linie nu are {ro('BT-151')}: adăugați în cac:Item un cac:ClassifiedTaxCategory cu cbc:ID (de ex. S) și cac:TaxScheme/cbc:ID = VAT.",
    f"A line has no {en('BT-151')}: add to cac:Item a cac:ClassifiedTaxCategory with a cbc:ID (e.g. S) and cac:TaxScheme/cbc:ID = VAT.")
put("BR-29", f"În {lc(ro('BG-14'))} data de sfârșit (BT-74) este înaintea datei de început (BT-73); corectați datele.",
    f"In the {en('BG-14')} the end date (BT-74) is before the start date (BT-73); correct the dates.")
put("BR-30", f"În {lc(ro('BG-26'))} data de sfârșit (BT-135) este înaintea datei de început (BT-134); corectați datele.",
    f"In the {en('BG-26')} the end date (BT-135) is before the start date (BT-134); correct the dates.")
put("BR-CO-19", f"{ro('BG-14', 'cac:InvoicePeriod')} este prezentă dar goală: completați {lc(ro('BT-73'))}, {lc(ro('BT-74'))} sau {lc(ro('BT-8'))}, ori ștergeți perioada.",
    f"The {en('BG-14', 'cac:InvoicePeriod')} is present but empty: fill in the {en('BT-73')}, the {en('BT-74')} or the {en('BT-8')}, or delete the period.")
put("BR-CO-20", f"{ro('BG-26', 'cac:InvoicePeriod pe linie')} este prezentă dar nu are nici data de început (BT-134), nici data de sfârșit (BT-135); completați cel puțin una sau ștergeți perioada.",
    f"The {en('BG-26', 'cac:InvoicePeriod on a line')} is present but has neither a start date (BT-134) nor an end date (BT-135); fill in at least one or delete the period.")
put("BR-54", f"Un atribut al articolului (BG-32, cac:AdditionalItemProperty) trebuie să aibă atât {lc(ro('BT-160', 'cbc:Name'))}, cât și {lc(ro('BT-161', 'cbc:Value'))}; completați-le sau ștergeți atributul.",
    f"An item attribute (BG-32, cac:AdditionalItemProperty) needs both an {en('BT-160', 'cbc:Name')} and an {en('BT-161', 'cbc:Value')}; fill them in or delete the attribute.")
put("BR-64", f"{ro('BT-157', 'cac:StandardItemIdentification/cbc:ID')} nu are atributul schemeID; indicați schema, de ex. 0160 pentru codul de bare GTIN.",
    f"The {en('BT-157', 'cac:StandardItemIdentification/cbc:ID')} has no schemeID attribute; state the scheme, e.g. 0160 for a GTIN barcode.")
put("BR-65", f"{ro('BT-158', 'cbc:ItemClassificationCode')} nu are atributul listID; indicați lista de clasificare (UNTDID 7143), de ex. HS pentru Sistemul armonizat.",
    f"The {en('BT-158', 'cbc:ItemClassificationCode')} has no listID attribute; state the classification list (UNTDID 7143), e.g. HS for the Harmonised System.")

# ---------------------------------------------------------------------------------------------
# Payment.
# ---------------------------------------------------------------------------------------------
put("BR-49", f"O instrucțiune de plată (cac:PaymentMeans) nu are {ro('BT-81', 'cbc:PaymentMeansCode')}; completați-l, de ex. 30 pentru transfer bancar.",
    f"A payment instruction (cac:PaymentMeans) has no {en('BT-81', 'cbc:PaymentMeansCode')}; fill it in, e.g. 30 for a credit transfer.")
put("BR-50", f"Plata prin transfer (cod 30 sau 58) are contul beneficiarului fără {ro('BT-84', 'cac:PayeeFinancialAccount/cbc:ID')} sau cu el gol; completați IBAN-ul.",
    f"A credit transfer payment (code 30 or 58) has a payee account without a {en('BT-84', 'cac:PayeeFinancialAccount/cbc:ID')}, or it is empty; fill in the IBAN.")
put("BR-61", f"{ro('BT-81')} este 30 sau 58 (transfer), dar lipsește {ro('BT-84', 'cac:PayeeFinancialAccount/cbc:ID')}; adăugați IBAN-ul sau alegeți alt cod de plată.",
    f"The {en('BT-81')} is 30 or 58 (credit transfer) but the {en('BT-84', 'cac:PayeeFinancialAccount/cbc:ID')} is missing; add the IBAN or choose another payment code.")

# ---------------------------------------------------------------------------------------------
# VAT breakdown and VAT identifiers.
# ---------------------------------------------------------------------------------------------
put("BR-45", f"Un rând din {lc(ro('BG-23'))} nu are {ro('BT-116', 'cbc:TaxableAmount')}; completați baza de calcul.",
    f"An entry of the {en('BG-23')} has no {en('BT-116', 'cbc:TaxableAmount')}; fill in the taxable amount.")
put("BR-46", f"Un rând din {lc(ro('BG-23'))} nu are {ro('BT-117', 'cbc:TaxAmount')}; completați valoarea TVA (0.00 dacă nu se datorează TVA).",
    f"An entry of the {en('BG-23')} has no {en('BT-117', 'cbc:TaxAmount')}; fill in the VAT amount (0.00 when no VAT is due).")
put("BR-47", f"Un rând din {lc(ro('BG-23'))} nu are {ro('BT-118')}: adăugați cac:TaxCategory cu cbc:ID (de ex. S) și cac:TaxScheme/cbc:ID = VAT.",
    f"An entry of the {en('BG-23')} has no {en('BT-118')}: add a cac:TaxCategory with a cbc:ID (e.g. S) and cac:TaxScheme/cbc:ID = VAT.")
put("BR-48", f"Un rând din {lc(ro('BG-23'))} nu are {ro('BT-119', 'cbc:Percent')}; completați cota, de ex. 19 sau 0 (doar categoria O se scrie fără cotă).",
    f"An entry of the {en('BG-23')} has no {en('BT-119', 'cbc:Percent')}; fill in the rate, e.g. 19 or 0 (only category O goes without a rate).")
put("BR-CO-09", f"Un cod de TVA (cac:PartyTaxScheme/cbc:CompanyID cu schema VAT: BT-31, BT-48 sau BT-63) nu începe cu prefixul țării, de ex. RO12345678 în loc de 12345678 (Grecia folosește EL); dacă firma nu e plătitoare de TVA, treceți CUI-ul la cac:PartyLegalEntity/cbc:CompanyID.",
    f"A VAT number (cac:PartyTaxScheme/cbc:CompanyID with the VAT scheme: BT-31, BT-48 or BT-63) does not start with the country prefix, e.g. RO12345678 instead of 12345678 (Greece uses EL); if the company is not VAT registered, put its CUI in cac:PartyLegalEntity/cbc:CompanyID.")
put("BR-B-01", "Categoria de TVA B (plată defalcată, «split payment») se poate folosi doar într-o factură internă italiană: toate codurile de țară din document trebuie să fie IT; pentru facturile românești folosiți altă categorie.",
    "VAT category B (split payment) is only allowed in a domestic Italian invoice: every country code in the document must be IT; use another category for Romanian invoices.")
put("BR-B-02", "O factură care folosește categoria de TVA B (plată defalcată) nu poate folosi și categoria S (cota standard) pe linii, deduceri sau taxe suplimentare; nu amestecați cele două categorii.",
    "An invoice that uses VAT category B (split payment) cannot also use category S (standard rate) on lines, allowances or charges; do not mix the two.")

# VAT categories: code -> (family id, Romanian name, English name).
CATS = {
    "S": ("S", "cota standard", "standard rate"),
    "Z": ("Z", "cota zero", "zero rated"),
    "E": ("E", "scutit de TVA", "exempt from VAT"),
    "AE": ("AE", "taxare inversă", "reverse charge"),
    "K": ("IC", "livrare intracomunitară scutită", "intra-community supply"),
    "G": ("G", "export în afara UE", "export outside the EU"),
    "O": ("O", "neimpozabil / în afara sferei TVA", "not subject to VAT"),
    "L": ("IG", "IGIC din Insulele Canare", "Canary Islands IGIC"),
    "M": ("IP", "IPSI din Ceuta și Melilla", "Ceuta and Melilla IPSI"),
}
EXEMPTION_EXAMPLE = {
    "AE": "codul VATEX-EU-AE sau textul «Taxare inversă»",
    "E": "un cod VATEX-EU-132… sau textul cu temeiul legal al scutirii",
    "K": "codul VATEX-EU-IC",
    "G": "codul VATEX-EU-G",
    "O": "codul VATEX-EU-O sau textul «Neimpozabil»",
}
EXEMPTION_EXAMPLE_EN = {
    "AE": "the code VATEX-EU-AE or the text \"Reverse charge\"",
    "E": "a VATEX-EU-132… code or the legal basis of the exemption as text",
    "K": "the code VATEX-EU-IC",
    "G": "the code VATEX-EU-G",
    "O": "the code VATEX-EU-O or the text \"Not subject to VAT\"",
}
ZERO_RATE = {"Z", "E", "AE", "K", "G"}
AT_LEAST_ONE = {"S", "L", "M"}

# Who must (or must not) be identified when a category is used.
SELLER_ANY_RO = f"vânzătorul trebuie să aibă în cac:PartyTaxScheme/cbc:CompanyID {lc(ro('BT-31'))} sau {lc(ro('BT-32'))}, ori să fie completat {lc(ro('BT-63'))}"
SELLER_ANY_EN = f"the seller needs a {en('BT-31')} or a {en('BT-32')} in cac:PartyTaxScheme/cbc:CompanyID, or the {en('BT-63')} must be filled in"
SELLER_VAT_RO = f"vânzătorul trebuie să aibă {lc(ro('BT-31', 'cac:PartyTaxScheme cu schema VAT'))}, ori să fie completat {lc(ro('BT-63'))}"
SELLER_VAT_EN = f"the seller needs a {en('BT-31', 'cac:PartyTaxScheme with the VAT scheme')}, or the {en('BT-63')} must be filled in"
IDS = {
    "S": (SELLER_ANY_RO, SELLER_ANY_EN),
    "Z": (SELLER_ANY_RO, SELLER_ANY_EN),
    "E": (SELLER_ANY_RO, SELLER_ANY_EN),
    "L": (SELLER_ANY_RO, SELLER_ANY_EN),
    "M": (SELLER_ANY_RO, SELLER_ANY_EN),
    "AE": (SELLER_ANY_RO + f"; în plus cumpărătorul trebuie să aibă {lc(ro('BT-48'))} sau {lc(ro('BT-47'))}",
           SELLER_ANY_EN + f"; the buyer also needs a {en('BT-48')} or a {en('BT-47')}"),
    "G": (SELLER_VAT_RO, SELLER_VAT_EN),
    "K": (SELLER_VAT_RO + f"; în plus cumpărătorul trebuie să aibă {lc(ro('BT-48', 'codul de TVA intracomunitar al clientului'))}",
          SELLER_VAT_EN + f"; the buyer also needs a {en('BT-48', 'the intra-community VAT number of the customer')}"),
}
TRIGGER = {
    # rule number -> (Romanian, English) "where the category is used"
    "02": ("o linie a facturii are {ro151} = {c}", "an invoice line has the {en151} = {c}"),
    "03": ("o deducere (BG-20, inclusiv una de pe linie) are codul categoriei de TVA = {c}", "an allowance (BG-20, line level ones included) has the VAT category code = {c}"),
    "04": ("o taxă suplimentară (BG-21, inclusiv una de pe linie) are codul categoriei de TVA = {c}", "a charge (BG-21, line level ones included) has the VAT category code = {c}"),
}
RATE_WHERE = {
    "05": ("BT-152", "pe linia facturii", "on the invoice line"),
    "06": ("BT-96", "la deducere", "on the allowance"),
    "07": ("BT-103", "la taxa suplimentară", "on the charge"),
}

for code, (fam, name_ro, name_en) in CATS.items():
    p = f"BR-{fam}-"
    # 01: the breakdown must carry the category used by lines, allowances or charges.
    if code in AT_LEAST_ONE:
        put(p + "01", f"Categoria de TVA {code} ({name_ro}) apare pe o linie, o deducere sau o taxă suplimentară, dar {lc(ro('BG-23'))} nu are niciun rând cu {ro('BT-118')} = {code}, sau invers, detalierea are un rând {code} nefolosit de nicio linie, deducere sau taxă; faceți ca detalierea să corespundă liniilor.",
            f"VAT category {code} ({name_en}) is used on a line, allowance or charge but the {en('BG-23')} has no entry with the {en('BT-118')} = {code}, or the other way round, the breakdown has an {code} entry that no line, allowance or charge uses; make the breakdown match the lines.")
    else:
        put(p + "01", f"Categoria de TVA {code} ({name_ro}) apare pe o linie, o deducere sau o taxă suplimentară, deci {lc(ro('BG-23'))} trebuie să aibă exact un rând cu {ro('BT-118')} = {code}; adăugați rândul lipsă sau comasați rândurile {code} duplicate.",
            f"VAT category {code} ({name_en}) is used on a line, allowance or charge, so the {en('BG-23')} must have exactly one entry with the {en('BT-118')} = {code}; add the missing entry or merge duplicate {code} entries.")
    # 02-04: identifiers required (or forbidden for O).
    for n in ("02", "03", "04"):
        t_ro, t_en = TRIGGER[n]
        t_ro = t_ro.format(ro151=lc(ro("BT-151")), c=code)
        t_en = t_en.format(en151=en("BT-151"), c=code)
        if code == "O":
            if n != "02":  # BR-O-03/04 look at document level allowances and charges only
                t_ro = t_ro.replace(", inclusiv una de pe linie", "")
                t_en = t_en.replace(", line level ones included", "")
            put(p + n, f"Când {t_ro} ({name_ro}), în factură nu trebuie să apară coduri de TVA (cac:PartyTaxScheme cu schema VAT): nici {lc(ro('BT-31'))}, nici {lc(ro('BT-63'))}, nici {lc(ro('BT-48'))}; ștergeți codurile de TVA sau folosiți categoria corectă.",
                f"When {t_en} ({name_en}), the invoice must not contain VAT numbers (cac:PartyTaxScheme with the VAT scheme): no {en('BT-31')}, no {en('BT-63')} and no {en('BT-48')}; remove the VAT numbers or use the right category.")
        else:
            req_ro, req_en = IDS[code]
            put(p + n, f"Când {t_ro} ({name_ro}), {req_ro}; completați codurile lipsă.",
                f"When {t_en} ({name_en}), {req_en}; fill in the missing identifiers.")
    # 05-07: the rate that goes with the category.
    for n, (bt, w_ro, w_en) in RATE_WHERE.items():
        if code in ZERO_RATE:
            r_ro = f"trebuie completată și să fie 0 (lipsa ei este tot eroare)"
            r_en = f"must be present and equal to 0 (leaving it out is also an error)"
        elif code == "S":
            r_ro = "trebuie completată și să fie mai mare decât 0, de ex. 19 sau 9; pentru cota 0 folosiți categoria potrivită (Z, E, AE ...)"
            r_en = "must be present and greater than 0, e.g. 19 or 9; for a 0 rate use the proper category (Z, E, AE ...)"
        elif code == "O":
            r_ro = "nu trebuie completată deloc; ștergeți cbc:Percent"
            r_en = "must not be given at all; delete cbc:Percent"
        else:
            r_ro = "trebuie completată cu o valoare de 0 sau mai mare"
            r_en = "must be present with a value of 0 or more"
        put(p + n, f"Pentru categoria {code} ({name_ro}) {w_ro}, {ro(bt)} {r_ro}.",
            f"For category {code} ({name_en}) {w_en}, the {en(bt)} {r_en}.")
    # 08: taxable amount of the category.
    if code == "S":
        put(p + "08", f"Pentru fiecare cotă, {lc(ro('BT-116'))} din rândul S cu acea cotă trebuie să fie (cu o abatere sub 1 unitate) suma valorilor nete ale liniilor S cu aceeași cotă + taxele suplimentare S − deducerile S cu aceeași cotă de la nivelul documentului, și trebuie să existe măcar o linie, deducere sau taxă S cu acea cotă; faceți câte un rând pentru fiecare cotă folosită.",
            f"For each rate, the {en('BT-116')} of the S entry with that rate must equal (within less than 1 unit) the net amounts of the S lines with the same rate + the S document charges − the S document allowances with that rate, and at least one S line, allowance or charge must use that rate; make one entry per rate used.")
    elif code in ("L", "M"):
        put(p + "08", f"Pentru fiecare cotă, {lc(ro('BT-116'))} din rândul {code} cu acea cotă trebuie să fie (cu o abatere sub 1 unitate) suma valorilor nete ale liniilor {code} cu aceeași cotă + taxele suplimentare − deducerile de la nivelul documentului cu aceeași categorie și cotă; recalculați baza.",
            f"For each rate, the {en('BT-116')} of the {code} entry with that rate must equal (within less than 1 unit) the net amounts of the {code} lines with the same rate + the document charges − the document allowances with that category and rate; recompute the base.")
    else:
        put(p + "08", f"{ro('BT-116')} din rândul {code} ({name_ro}) trebuie să fie exact suma valorilor nete ale liniilor {code} (BT-131) + taxele suplimentare {code} (BT-99) − deducerile {code} (BT-92) de la nivelul documentului, fără nicio toleranță; recalculați baza.",
            f"The {en('BT-116')} of the {code} entry ({name_en}) must be exactly the net amounts of the {code} lines (BT-131) + the {code} document charges (BT-99) − the {code} document allowances (BT-92), with no tolerance; recompute the base.")
    # 09: VAT amount of the category.
    if code in AT_LEAST_ONE:
        put(p + "09", f"În rândul {code} din {lc(ro('BG-23'))}, {lc(ro('BT-117'))} trebuie să fie {lc(ro('BT-116'))} × {ro('BT-119')} / 100 (rezultatul rotunjit la 2 zecimale), cu o abatere sub 1 unitate; recalculați TVA.",
            f"In the {code} entry of the {en('BG-23')}, the {en('BT-117')} must be the {en('BT-116')} × {en('BT-119')} / 100 rounded to 2 decimals, within less than 1 unit; recompute the VAT.")
    else:
        put(p + "09", f"În rândul {code} ({name_ro}) din {lc(ro('BG-23'))}, {lc(ro('BT-117'))} trebuie să fie 0; la această categorie nu se calculează TVA.",
            f"In the {code} entry ({name_en}) of the {en('BG-23')}, the {en('BT-117')} must be 0; no VAT is charged in this category.")
    # 10: exemption reason.
    if code in EXEMPTION_EXAMPLE:
        put(p + "10", f"Rândul {code} ({name_ro}) din {lc(ro('BG-23'))} trebuie să aibă {lc(ro('BT-120'))} sau {lc(ro('BT-121'))}, de ex. {EXEMPTION_EXAMPLE[code]}.",
            f"The {code} entry ({name_en}) of the {en('BG-23')} needs a {en('BT-120')} or a {en('BT-121')}, e.g. {EXEMPTION_EXAMPLE_EN[code]}.")
    else:
        put(p + "10", f"Rândul {code} ({name_ro}) din {lc(ro('BG-23'))} nu trebuie să aibă {lc(ro('BT-120'))} sau {lc(ro('BT-121'))}; ștergeți motivul scutirii (sau folosiți categoria de scutire potrivită).",
            f"The {code} entry ({name_en}) of the {en('BG-23')} must not have a {en('BT-120')} or a {en('BT-121')}; delete the exemption reason (or use the proper exempt category).")

put("BR-IC-11", f"Factura are livrare intracomunitară (un rând K în detalierea TVA), deci trebuie să aibă completată {lc(ro('BT-72'))} sau {lc(ro('BG-14'))}; adăugați data livrării sau perioada.",
    f"The invoice has an intra-community supply (a K entry in the VAT breakdown), so it needs an {en('BT-72')} or a filled-in {en('BG-14')}; add the delivery date or the period.")
put("BR-IC-12", f"Factura are livrare intracomunitară (un rând K în detalierea TVA), deci trebuie completat {lc(ro('BT-80', 'cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode'))}; adăugați țara în care s-a livrat marfa.",
    f"The invoice has an intra-community supply (a K entry in the VAT breakdown), so the {en('BT-80', 'cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode')} must be filled in; add the country the goods went to.")
O_RO = CATS["O"][1]
O_EN = CATS["O"][2]
put("BR-O-11", f"Detalierea TVA are un rând O ({O_RO}), deci nu poate avea rânduri cu alte categorii de TVA; o factură O conține numai operațiuni O.",
    f"The VAT breakdown has an O entry ({O_EN}), so it cannot have entries with other VAT categories; an O invoice holds only O supplies.")
put("BR-O-12", f"Detalierea TVA are un rând O ({O_RO}), deci toate liniile trebuie să aibă {lc(ro('BT-151'))} = O; emiteți facturi separate pentru celelalte operațiuni.",
    f"The VAT breakdown has an O entry ({O_EN}), so every line must have the {en('BT-151')} = O; issue separate invoices for the other supplies.")
put("BR-O-13", f"Detalierea TVA are un rând O ({O_RO}), deci toate deducerile (inclusiv cele de pe linii) trebuie să aibă codul categoriei de TVA O.",
    f"The VAT breakdown has an O entry ({O_EN}), so every allowance (line level ones included) must have VAT category code O.")
put("BR-O-14", f"Detalierea TVA are un rând O ({O_RO}), deci toate taxele suplimentare (inclusiv cele de pe linii) trebuie să aibă codul categoriei de TVA O.",
    f"The VAT breakdown has an O entry ({O_EN}), so every charge (line level ones included) must have VAT category code O.")

# ---------------------------------------------------------------------------------------------
# Decimals (BR-DEC-*): one template, the field differs.
# ---------------------------------------------------------------------------------------------
DEC = {
    "BR-DEC-01": "BT-92", "BR-DEC-02": "BT-93", "BR-DEC-05": "BT-99", "BR-DEC-06": "BT-100",
    "BR-DEC-09": "BT-106", "BR-DEC-10": "BT-107", "BR-DEC-11": "BT-108", "BR-DEC-12": "BT-109",
    "BR-DEC-14": "BT-112", "BR-DEC-16": "BT-113", "BR-DEC-17": "BT-114", "BR-DEC-18": "BT-115",
    "BR-DEC-19": "BT-116", "BR-DEC-20": "BT-117", "BR-DEC-23": "BT-131", "BR-DEC-24": "BT-136",
    "BR-DEC-25": "BT-137", "BR-DEC-27": "BT-141", "BR-DEC-28": "BT-142",
}
for rule_id, bt in DEC.items():
    put(rule_id, f"{ro(bt)} are mai mult de 2 zecimale; {DEC_RO}", f"The {en(bt)} has more than 2 decimals; {DEC_EN}")
# BR-DEC-13/15 compare @currencyID with a child of the amount itself, which never exists: they
# cannot fire in bundle 1.0.9 (UBL-DT-01 checks the same decimals anyway).
for rule_id, bt in (("BR-DEC-13", "BT-110"), ("BR-DEC-15", "BT-111")):
    put(rule_id, f"{ro(bt)} trebuie să aibă cel mult 2 zecimale; în pachetul ANAF 1.0.9 această regulă nu se declanșează practic (zecimalele sunt verificate de UBL-DT-01), dar {DEC_RO}",
        f"The {en(bt)} must have at most 2 decimals; in ANAF's bundle 1.0.9 this rule cannot actually fire (UBL-DT-01 checks the decimals), but {DEC_EN}")

# ---------------------------------------------------------------------------------------------
# Code lists (Codesmodel) and the note subject code (BR-CL-08, in the model pattern).
# ---------------------------------------------------------------------------------------------
put("BR-CL-01", f"{ro('BT-3')} nu este în lista UNTDID 1001 permisă pentru acest tip de document; pentru ANAF folosiți 380, 384, 389 sau 751 la factură și 381 la nota de creditare.",
    f"The {en('BT-3')} is not in the UNTDID 1001 list allowed for this document type; for ANAF use 380, 384, 389 or 751 in an invoice and 381 in a credit note.")
put("BR-CL-03", "Un atribut currencyID (moneda unei sume) nu este un cod ISO 4217 valid; scrieți codul cu 3 litere mari, de ex. RON sau EUR, fără spații.",
    "A currencyID attribute (the currency of an amount) is not a valid ISO 4217 code; write the 3 capital letter code, e.g. RON or EUR, without spaces.")
put("BR-CL-04", f"{ro('BT-5')} nu este un cod ISO 4217 valid; scrieți codul cu 3 litere mari, de ex. RON sau EUR.",
    f"The {en('BT-5')} is not a valid ISO 4217 code; write the 3 capital letter code, e.g. RON or EUR.")
put("BR-CL-05", f"{ro('BT-6')} nu este un cod ISO 4217 valid; de regulă aici se scrie RON.",
    f"The {en('BT-6')} is not a valid ISO 4217 code; normally this is RON.")
put("BR-CL-06", f"{ro('BT-8', 'cac:InvoicePeriod/cbc:DescriptionCode')} poate fi doar 3 (data emiterii facturii), 35 (data livrării) sau 432 (data plății).",
    f"The {en('BT-8', 'cac:InvoicePeriod/cbc:DescriptionCode')} can only be 3 (invoice issue date), 35 (delivery date) or 432 (payment date).")
put("BR-CL-07", "Atributul schemeID al identificatorului obiectului facturat (BT-18, referința cu DocumentTypeCode 130) nu este un cod din lista UNTDID 1153; folosiți un cod valid (de ex. AAA) sau ștergeți atributul.",
    f"The schemeID of the {en('BT-18', 'the reference with DocumentTypeCode 130')} is not a UNTDID 1153 code; use a valid code (e.g. AAA) or delete the attribute.")
put("BR-CL-08", f"{ro('BT-22')} începe cu {lc(ro('BT-21'))} scris între diezi, de ex. #AAI#, dar codul de 3 litere nu este în lista UNTDID 4451; corectați codul sau scoateți diezii din text.",
    f"An {en('BT-22')} starts with an {en('BT-21')} between hash signs, e.g. #AAI#, but the 3-letter code is not in the UNTDID 4451 list; correct the code or remove the hash signs from the text.")
put("BR-CL-10", "Atributul schemeID al unui identificator de parte (cac:PartyIdentification/cbc:ID, de ex. BT-29, BT-46, BT-60) nu este un cod ISO 6523 ICD de 4 cifre; corectați-l sau ștergeți atributul; valoarea SEPA (pentru BT-90) este acceptată doar la vânzător și la beneficiarul plății.",
    "The schemeID of a party identifier (cac:PartyIdentification/cbc:ID, e.g. BT-29, BT-46, BT-60) is not a 4-digit ISO 6523 ICD code; correct it or delete the attribute; SEPA (for BT-90) is only accepted on the seller's and the payee's identifiers.")
put("BR-CL-11", "Atributul schemeID al unui identificator de înregistrare legală (cac:PartyLegalEntity/cbc:CompanyID, de ex. BT-30, BT-47) nu este un cod ISO 6523 ICD de 4 cifre; corectați-l sau ștergeți atributul.",
    "The schemeID of a legal registration identifier (cac:PartyLegalEntity/cbc:CompanyID, e.g. BT-30, BT-47) is not a 4-digit ISO 6523 ICD code; correct it or delete the attribute.")
put("BR-CL-13", "Atributul listID al codului de clasificare a articolului (BT-158) nu este în lista UNTDID 7143; folosiți un cod valid, de ex. HS.",
    f"The listID of the {en('BT-158')} is not in the UNTDID 7143 list; use a valid code, e.g. HS.")
put("BR-CL-14", "Un cod de țară (cac:Country/cbc:IdentificationCode) nu este un cod ISO 3166-1 cu 2 litere; de ex. RO, DE, GR pentru Grecia (nu EL), GB pentru Regatul Unit (nu UK).",
    "A country code (cac:Country/cbc:IdentificationCode) is not a 2-letter ISO 3166-1 code; e.g. RO, DE, GR for Greece (not EL), GB for the United Kingdom (not UK).")
put("BR-CL-15", f"{ro('BT-159', 'cac:OriginCountry/cbc:IdentificationCode')} nu este un cod ISO 3166-1 cu 2 litere; de ex. RO sau CN.",
    f"The {en('BT-159', 'cac:OriginCountry/cbc:IdentificationCode')} is not a 2-letter ISO 3166-1 code; e.g. RO or CN.")
put("BR-CL-16", f"{ro('BT-81')} nu este în lista UNCL 4461; folosiți de ex. 10 (numerar), 30 (transfer bancar), 42 (plată în cont bancar), 48 (card) sau 49 (debitare directă).",
    f"The {en('BT-81')} is not in the UNCL 4461 list; use e.g. 10 (cash), 30 (credit transfer), 42 (payment to bank account), 48 (card) or 49 (direct debit).")
put("BR-CL-17", "Un cod de categorie de TVA (cac:TaxCategory/cbc:ID: BT-95, BT-102, BT-118) nu este unul dintre S, Z, E, AE, K, G, O, L, M, B; corectați-l (litere mari, fără spații).",
    "A VAT category code (cac:TaxCategory/cbc:ID: BT-95, BT-102, BT-118) is not one of S, Z, E, AE, K, G, O, L, M, B; correct it (capital letters, no spaces).")
put("BR-CL-18", f"{ro('BT-151', 'cac:ClassifiedTaxCategory/cbc:ID')} nu este unul dintre S, Z, E, AE, K, G, O, L, M, B; corectați-l (litere mari, fără spații).",
    f"The {en('BT-151', 'cac:ClassifiedTaxCategory/cbc:ID')} is not one of S, Z, E, AE, K, G, O, L, M, B; correct it (capital letters, no spaces).")
put("BR-CL-19", "Codul motivului unei deduceri (BT-98 sau BT-140) nu este în lista UNCL 5189; folosiți de ex. 95 (reducere) sau scrieți doar motivul în text.",
    "The reason code of an allowance (BT-98 or BT-140) is not in the UNCL 5189 list; use e.g. 95 (discount) or give the reason as text only.")
put("BR-CL-20", "Codul motivului unei taxe suplimentare (BT-105 sau BT-145) nu este în lista UNCL 7161; folosiți un cod valid (de ex. FC pentru transport) sau scrieți doar motivul în text.",
    "The reason code of a charge (BT-105 or BT-145) is not in the UNCL 7161 list; use a valid code (e.g. FC for freight) or give the reason as text only.")
put("BR-CL-21", "Atributul schemeID al identificatorului standard al articolului (BT-157) nu este un cod ISO 6523 ICD; de ex. 0160 pentru GTIN.",
    f"The schemeID of the {en('BT-157')} is not an ISO 6523 ICD code; e.g. 0160 for GTIN.")
put("BR-CL-22", f"{ro('BT-121')} nu este un cod din lista VATEX; folosiți de ex. VATEX-EU-AE, VATEX-EU-IC, VATEX-EU-G sau VATEX-EU-O, ori scrieți motivul doar în text (BT-120).",
    f"The {en('BT-121')} is not a VATEX code; use e.g. VATEX-EU-AE, VATEX-EU-IC, VATEX-EU-G or VATEX-EU-O, or give the reason only as text (BT-120).")
put("BR-CL-23", "Un atribut unitCode (unitate de măsură, de ex. BT-130) nu este în lista UN/ECE Rec. 20/21; folosiți de ex. H87 (bucată), C62 (unitate), KGM, MTR, LTR sau HUR, nu prescurtări precum BUC.",
    "A unitCode attribute (unit of measure, e.g. BT-130) is not in UN/ECE Rec. 20/21; use e.g. H87 (piece), C62 (one), KGM, MTR, LTR or HUR, not abbreviations such as BUC.")
put("BR-CL-24", "Tipul fișierului atașat (atributul mimeCode al documentului atașat, BT-125) nu este acceptat; sunt permise doar PDF, PNG, JPEG, CSV, XLSX și ODS (de ex. application/pdf).",
    "The file type of the attached document (BT-125, its mimeCode attribute) is not accepted; only PDF, PNG, JPEG, CSV, XLSX and ODS are allowed (e.g. application/pdf).")
put("BR-CL-25", "Atributul schemeID al unei adrese electronice (cbc:EndpointID, BT-34 sau BT-49) nu este în lista EAS; folosiți de ex. EM pentru e-mail.",
    "The schemeID of an electronic address (cbc:EndpointID, BT-34 or BT-49) is not in the EAS list; use e.g. EM for e-mail.")
put("BR-CL-26", "Atributul schemeID al identificatorului locului de livrare (BT-71, cac:DeliveryLocation/cbc:ID) nu este un cod ISO 6523 ICD; corectați-l sau ștergeți atributul.",
    "The schemeID of the deliver to location identifier (BT-71, cac:DeliveryLocation/cbc:ID) is not an ISO 6523 ICD code; correct it or delete the attribute.")

# ---------------------------------------------------------------------------------------------
# UBL-syntax: repetitions (UBL-SR), data types (UBL-DT) and the few fatal UBL-CR.
# ---------------------------------------------------------------------------------------------
ONCE = "păstrați o singură apariție"
ONCE_EN = "keep only one"
SR = {
    # id: (Romanian what/where, English what/where, Romanian fix, English fix)
    "UBL-SR-01": (f"{ro('BT-12')} apare de mai multe ori", f"The {en('BT-12')} appears more than once", "păstrați un singur contract", "keep a single contract"),
    "UBL-SR-02": (f"{ro('BT-15')} apare de mai multe ori", f"The {en('BT-15')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-03": (f"{ro('BT-16')} apare de mai multe ori", f"The {en('BT-16')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-04": (f"{ro('BT-18', 'referința cu DocumentTypeCode 130')} apare de mai multe ori", f"The {en('BT-18', 'the reference with DocumentTypeCode 130')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-05": (f"{ro('BT-20', 'cac:PaymentTerms/cbc:Note')} apar de mai multe ori", f"The {en('BT-20', 'cac:PaymentTerms/cbc:Note')} appear more than once", "comasați textele într-o singură notă", "merge the texts into a single note"),
    "UBL-SR-08": (f"{ro('BG-14')} la nivelul documentului apare de mai multe ori", f"The document level {en('BG-14')} appears more than once", "păstrați o singură perioadă", "keep a single period"),
    "UBL-SR-09": (f"{ro('BT-27', 'cbc:RegistrationName')} apare de mai multe ori", f"The {en('BT-27', 'cbc:RegistrationName')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-10": (f"{ro('BT-28', 'cac:PartyName/cbc:Name')} apare de mai multe ori", f"The {en('BT-28', 'cac:PartyName/cbc:Name')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-11": (f"{ro('BT-30')} apare de mai multe ori", f"The {en('BT-30')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-12": (f"{ro('BT-31')} apare de mai multe ori", f"The {en('BT-31')} appears more than once", "păstrați un singur PartyTaxScheme cu VAT", "keep a single PartyTaxScheme with VAT"),
    "UBL-SR-13": (f"{ro('BT-32', 'PartyTaxScheme cu altă schemă decât VAT')} apare de mai multe ori", f"The {en('BT-32', 'PartyTaxScheme with a scheme other than VAT')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-14": (f"{ro('BT-33', 'cbc:CompanyLegalForm')} apar de mai multe ori", f"The {en('BT-33', 'cbc:CompanyLegalForm')} appears more than once", "comasați textele", "merge the texts"),
    "UBL-SR-15": (f"{ro('BT-44', 'cbc:RegistrationName')} apare de mai multe ori", f"The {en('BT-44', 'cbc:RegistrationName')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-16": (f"{ro('BT-46', 'cac:PartyIdentification/cbc:ID')} apare de mai multe ori", f"The {en('BT-46', 'cac:PartyIdentification/cbc:ID')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-17": (f"{ro('BT-47')} apare de mai multe ori", f"The {en('BT-47')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-18": (f"{ro('BT-48')} apare de mai multe ori", f"The {en('BT-48')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-24": (f"{ro('BG-13', 'cac:Delivery')} apar de mai multe ori la nivelul documentului", f"The {en('BG-13', 'cac:Delivery')} appears more than once at document level", "păstrați un singur bloc de livrare", "keep a single delivery block"),
    "UBL-SR-25": (f"{ro('BT-70')} apare de mai multe ori în aceeași livrare", f"The {en('BT-70')} appears more than once in one delivery", ONCE, ONCE_EN),
    "UBL-SR-29": (f"{ro('BT-90', 'identificator de parte cu schemeID SEPA')} apare de mai multe ori în document", f"The {en('BT-90', 'a party identifier with schemeID SEPA')} appears more than once in the document", ONCE, ONCE_EN),
    "UBL-SR-30": ("Motivul unei deduceri (cbc:AllowanceChargeReason, BT-97 sau BT-139) apare de mai multe ori în aceeași deducere", "The reason of an allowance (cbc:AllowanceChargeReason, BT-97 or BT-139) appears more than once in one allowance", "comasați textele", "merge the texts"),
    "UBL-SR-31": ("Motivul unei taxe suplimentare (cbc:AllowanceChargeReason, BT-104 sau BT-144) apare de mai multe ori în aceeași taxă", "The reason of a charge (cbc:AllowanceChargeReason, BT-104 or BT-144) appears more than once in one charge", "comasați textele", "merge the texts"),
    "UBL-SR-32": (f"{ro('BT-120')} apare de mai multe ori în același rând din {lc(ro('BG-23'))}", f"The {en('BT-120')} appears more than once in one {en('BG-23')} entry", "comasați textele", "merge the texts"),
    "UBL-SR-33": (f"{ro('BT-123')} apare de mai multe ori la același document justificativ", f"The {en('BT-123')} appears more than once in one supporting document", "comasați textele", "merge the texts"),
    "UBL-SR-34": (f"{ro('BT-127')} apare de mai multe ori pe aceeași linie", f"The {en('BT-127')} appears more than once on one line", "comasați textele într-o singură notă", "merge the texts into one note"),
    "UBL-SR-35": (f"{ro('BT-132')} apare de mai multe ori pe aceeași linie", f"The {en('BT-132')} appears more than once on one line", ONCE, ONCE_EN),
    "UBL-SR-36": (f"{ro('BG-26')} apare de mai multe ori pe aceeași linie", f"The {en('BG-26')} appears more than once on one line", "păstrați o singură perioadă", "keep a single period"),
    "UBL-SR-37": (f"{ro('BT-147', 'cac:Price/cac:AllowanceCharge/cbc:Amount')} apare de mai multe ori pe aceeași linie", f"The {en('BT-147', 'cac:Price/cac:AllowanceCharge/cbc:Amount')} appears more than once on one line", "păstrați o singură reducere de preț", "keep a single price discount"),
    "UBL-SR-39": (f"{ro('BT-11')} apare de mai multe ori", f"The {en('BT-11')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-40": (f"{ro('BT-45', 'cac:PartyName/cbc:Name')} apare de mai multe ori", f"The {en('BT-45', 'cac:PartyName/cbc:Name')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-42": ("Vânzătorul are mai mult de două cac:PartyTaxScheme", "The seller has more than two cac:PartyTaxScheme", "păstrați cel mult unul pentru codul de TVA (BT-31) și unul pentru înregistrarea fiscală (BT-32)", "keep at most one for the VAT number (BT-31) and one for the tax registration (BT-32)"),
    "UBL-SR-45": (f"{ro('BT-9', 'cac:PaymentMeans/cbc:PaymentDueDate')} apare în mai multe instrucțiuni de plată", f"The {en('BT-9', 'cac:PaymentMeans/cbc:PaymentDueDate')} appears in more than one payment means", ONCE, ONCE_EN),
    "UBL-SR-46": (f"{ro('BT-82', 'atributul name al cbc:PaymentMeansCode')} apare în mai multe instrucțiuni de plată", f"The {en('BT-82', 'the name attribute of cbc:PaymentMeansCode')} appears in more than one payment means", ONCE, ONCE_EN),
    "UBL-SR-49": (f"{ro('BT-8', 'cac:InvoicePeriod/cbc:DescriptionCode')} apare de mai multe ori", f"The {en('BT-8', 'cac:InvoicePeriod/cbc:DescriptionCode')} appears more than once", ONCE, ONCE_EN),
    "UBL-SR-50": (f"{ro('BT-154', 'cac:Item/cbc:Description')} apare de mai multe ori pe aceeași linie", f"The {en('BT-154', 'cac:Item/cbc:Description')} appears more than once on one line", "comasați textele într-o singură descriere", "merge the texts into one description"),
    "UBL-SR-26": (f"{ro('BT-83', 'cbc:PaymentID')} apare de mai multe ori în aceeași instrucțiune de plată", f"The {en('BT-83', 'cbc:PaymentID')} appears more than once in one payment means", ONCE, ONCE_EN),
    "UBL-SR-27": (f"{ro('BT-81', 'cbc:PaymentMeansCode')} apare de mai multe ori în aceeași instrucțiune de plată", f"The {en('BT-81', 'cbc:PaymentMeansCode')} appears more than once in one payment means", ONCE, ONCE_EN),
    "UBL-SR-28": (f"{ro('BT-89')} apare de mai multe ori în aceeași instrucțiune de plată", f"The {en('BT-89')} appears more than once in one payment means", ONCE, ONCE_EN),
    "UBL-SR-06": ("Un cac:BillingReference conține mai multe facturi anterioare (BT-25)", "One cac:BillingReference holds more than one preceding invoice (BT-25)", "faceți câte un cac:BillingReference pentru fiecare factură anterioară", "use one cac:BillingReference per preceding invoice"),
}
for rule_id, (w_ro, w_en, f_ro, f_en) in SR.items():
    put(rule_id, f"{w_ro}; {f_ro}.", f"{w_en}; {f_en}.")
put("UBL-SR-07", f"Un cac:BillingReference nu conține {lc(ro('BT-25', 'cac:InvoiceDocumentReference/cbc:ID'))}; completați numărul facturii anterioare sau ștergeți referința.",
    f"A cac:BillingReference has no {en('BT-25', 'cac:InvoiceDocumentReference/cbc:ID')}; fill in the preceding invoice number or delete the reference.")
# UBL-SR-19..21 also fail when the payee has no name, or it equals the seller's legal name: the
# official test ends with `PartyName/Name != Seller RegistrationName`, false on a missing name.
for rule_id, bt in (("UBL-SR-19", "BT-59"), ("UBL-SR-20", "BT-60"), ("UBL-SR-21", "BT-61")):
    put(rule_id, f"La {lc(ro('BG-10'))}, {lc(ro(bt))} apare de mai multe ori, sau beneficiarul nu are nume ori are exact numele vânzătorului (BT-27); beneficiarul se completează doar dacă e altă persoană, cu nume propriu și {lc(ro(bt))} o singură dată — altfel ștergeți cac:PayeeParty.",
        f"In the {en('BG-10')}, the {en(bt)} appears more than once, or the payee has no name or exactly the seller's name (BT-27); fill in the payee only when it is someone else, with its own name and the {en(bt)} once — otherwise delete cac:PayeeParty.")
# The official paths go through cac:TaxRepresentativeParty/cac:Party, which UBL does not have.
for rule_id, bt in (("UBL-SR-22", "BT-62"), ("UBL-SR-23", "BT-63")):
    put(rule_id, f"{ro(bt)} trebuie să apară o singură dată; regula oficială caută un element care nu există în UBL (cac:TaxRepresentativeParty/cac:Party), deci practic nu se declanșează.",
        f"The {en(bt)} must appear only once; the official rule looks for an element UBL does not have (cac:TaxRepresentativeParty/cac:Party), so in practice it never fires.")
put("UBL-SR-43", f"Un {lc(ro('BG-24'))} are un DocumentTypeCode nepermis: lăsați codul gol pentru documentele justificative obișnuite, folosiți 130 doar pentru {lc(ro('BT-18'))} și 50 (doar la nota de creditare) pentru {lc(ro('BT-17'))}.",
    f"An {en('BG-24')} has a DocumentTypeCode that is not allowed: leave the code out for ordinary supporting documents, use 130 only for the {en('BT-18')} and 50 (credit notes only) for the {en('BT-17')}.")
put("UBL-SR-44", f"Factura are mai multe valori diferite pentru {ro('BT-83', 'cbc:PaymentID')}; aceeași referință de plată se poate repeta în mai multe instrucțiuni, dar trebuie să fie una singură.",
    f"The invoice has more than one distinct {en('BT-83', 'cbc:PaymentID')}; the same payment reference may repeat across payment means, but there must be only one.")
put("UBL-SR-47", f"Instrucțiunile de plată au valori diferite pentru {lc(ro('BT-81'))}; toate cac:PaymentMeans din factură trebuie să aibă același cod, de ex. toate 30.",
    f"The payment means have different values for the {en('BT-81')}; every cac:PaymentMeans in the invoice must have the same code, e.g. all 30.")
put("UBL-SR-48", f"O linie trebuie să aibă în cac:Item exact un cac:ClassifiedTaxCategory, cel care poartă {lc(ro('BT-151'))}; adăugați-l dacă lipsește sau ștergeți-le pe cele în plus.",
    f"A line must have exactly one cac:ClassifiedTaxCategory in cac:Item, the one holding the {en('BT-151')}; add it if missing or delete the extra ones.")
put("UBL-DT-01", "O sumă (element al cărui nume se termină în Amount, în afară de prețuri și de sumele din reducerea de preț) are mai mult de 2 zecimale; " + DEC_RO,
    "An amount (an element whose name ends in Amount, except prices and the amounts of a price discount) has more than 2 decimals; " + DEC_EN)
put("UBL-DT-06", f"{ro('BT-125', 'cbc:EmbeddedDocumentBinaryObject')} nu are atributul mimeCode; adăugați tipul fișierului, de ex. application/pdf.",
    f"The {en('BT-125', 'cbc:EmbeddedDocumentBinaryObject')} has no mimeCode attribute; add the file type, e.g. application/pdf.")
put("UBL-DT-07", f"{ro('BT-125', 'cbc:EmbeddedDocumentBinaryObject')} nu are atributul filename; adăugați numele fișierului, de ex. contract.pdf.",
    f"The {en('BT-125', 'cbc:EmbeddedDocumentBinaryObject')} has no filename attribute; add the file name, e.g. contract.pdf.")
put("UBL-CR-666", f"{ro('BT-18', 'referința cu DocumentTypeCode 130')} are și un fișier atașat; mutați atașamentul într-un {lc(ro('BG-24'))} separat, fără codul 130.",
    f"The {en('BT-18', 'the reference with DocumentTypeCode 130')} also carries an attachment; move the attachment to a separate {en('BG-24')} without code 130.")
put("UBL-CR-673", f"{ro('BT-18', 'referința cu DocumentTypeCode 130')} are și o descriere (cbc:DocumentDescription); ștergeți descrierea sau mutați-o într-un {lc(ro('BG-24'))} separat.",
    f"The {en('BT-18', 'the reference with DocumentTypeCode 130')} also has a description (cbc:DocumentDescription); delete the description or move it to a separate {en('BG-24')}.")
put("UBL-CR-001", "Factura conține extensii UBL (ext:UBLExtensions, de ex. o semnătură sau date proprii ale programului); EN 16931 nu le folosește și ANAF le ignoră — le puteți șterge sau lăsa, este doar un avertisment.",
    "The invoice contains UBL extensions (ext:UBLExtensions, e.g. a signature or a program's own data); EN 16931 does not use them and ANAF ignores them — remove them or leave them, it is only a warning.")
put("UBL-CR-002", "cbc:UBLVersionID este prezent și nu este 2.1; scrieți 2.1 sau ștergeți elementul (este doar un avertisment).",
    "cbc:UBLVersionID is present and is not 2.1; write 2.1 or delete the element (it is only a warning).")

# UBL-DT-08..28: attributes EN 16931 does not use, anywhere in the document (one warning each).
DT_ATTRS = {
    "UBL-DT-08": "schemeName", "UBL-DT-09": "schemeAgencyName", "UBL-DT-10": "schemeDataURI",
    "UBL-DT-11": "schemeURI", "UBL-DT-12": "format", "UBL-DT-13": "unitCodeListIdentifier",
    "UBL-DT-14": "unitCodeListAgencyIdentifier", "UBL-DT-15": "unitCodeListAgencyName",
    "UBL-DT-16": "listAgencyName", "UBL-DT-17": "listName", "UBL-DT-19": "languageID",
    "UBL-DT-20": "listURI", "UBL-DT-21": "listSchemeURI", "UBL-DT-22": "languageLocaleID",
    "UBL-DT-23": "uri", "UBL-DT-24": "currencyCodeListVersionID", "UBL-DT-25": "characterSetCode",
    "UBL-DT-26": "encodingCode", "UBL-DT-27": "schemeAgencyID", "UBL-DT-28": "listAgencyID",
}
for rule_id, attr in DT_ATTRS.items():
    put(rule_id, f"Undeva în XML apare atributul {attr}; EN 16931 nu îl folosește și ANAF îl ignoră — îl puteți șterge sau lăsa, este doar un avertisment.",
        f"The attribute {attr} appears somewhere in the XML; EN 16931 does not use it and ANAF ignores it — remove it or leave it, it is only a warning.")
put("UBL-DT-18", f"Atributul name apare pe alt element decât cbc:PaymentMeansCode, singurul loc unde are sens, pentru {ro('BT-82')}; ștergeți-l de acolo, este doar un avertisment.",
    f"The name attribute appears on an element other than cbc:PaymentMeansCode, the only place where it means something, for the {en('BT-82')}; remove it there, it is only a warning.")


# ---------------------------------------------------------------------------------------------
# Output.
# ---------------------------------------------------------------------------------------------
def read_messages():
    rows = []
    text = open(MESSAGES, encoding="utf-8").read()
    for m in re.finditer(r'^\s*\("([^"]+)", Flag::(\w+), Pattern::(\w+), ', text, flags=re.M):
        rows.append((m.group(1), m.group(2)))
    return rows


def lit(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    rows = read_messages()
    assert len(rows) == 976, len(rows)
    known = {i for i, _ in rows}
    unknown = sorted(set(T) - known)
    assert not unknown, f"explanations for unknown ids: {unknown}"
    wanted = [i for i, flag in rows if flag == "Fatal" or not i.startswith("UBL-CR-")]
    missing = [i for i in wanted if i not in T]
    assert not missing, f"no explanation for: {missing}"
    order = [i for i, _ in rows if i in T]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for i in order:
            r, e = T[i]
            f.write(f"    ({lit(i)}, {lit(r)}, {lit(e)}),\n")
        f.write("];\n")
        f.write(RUST)
    print(f"wrote {len(order)} explanations to {os.path.relpath(OUT, CRATE)}")


HEADER = """//! Our own explanations of the EN 16931 rules of ANAF's bundle 1.0.9, in Romanian and English:
//! the field (with its BT/BG term), what the official test really checks, and how to fix it.
//! Generated by `tools/gen_en_explanations.py`; edit the script, not this file.
//!
//! The table covers every fatal rule and every warning except UBL-CR; the 677 UBL-CR warnings
//! ("EN 16931 does not use this element") are explained by [`ubl_cr_explanation`] from the
//! element the official message names.

use std::borrow::Cow;

use super::IdIndex;
use super::messages::MESSAGES;

/// (rule id, Romanian explanation, English explanation), in the order of `messages.rs`.
pub const EXPLANATIONS: &[(&str, &str, &str)] = &[
"""

RUST = r'''
/// The (Romanian, English) explanation of `id`: from [`EXPLANATIONS`], or built for a UBL-CR
/// warning from the element its official message names; `None` for an unknown id.
pub fn explanation(id: &str) -> Option<(Cow<'static, str>, Cow<'static, str>)> {
    // Binary searches (the index is built on first use): this runs once per finding.
    static BY_ID: IdIndex = IdIndex::new();
    static MESSAGES_BY_ID: IdIndex = IdIndex::new();
    if let Some((_, ro, en)) = BY_ID.find(EXPLANATIONS, |e| e.0, id) {
        return Some((Cow::Borrowed(*ro), Cow::Borrowed(*en)));
    }
    if !id.starts_with("UBL-CR-") {
        return None;
    }
    let (_, _, _, official) = MESSAGES_BY_ID.find(MESSAGES, |m| m.0, id)?;
    let (ro, en) = ubl_cr_explanation(ubl_cr_element(official)?);
    Some((Cow::Owned(ro), Cow::Owned(en)))
}

/// The element (or attribute) an official UBL-CR message names, e.g. `TaxRepresentativeParty
/// IndustryClassificationCode` from "[UBL-CR-301]-A UBL invoice should not include the
/// TaxRepresentativeParty IndustryClassificationCode".
pub fn ubl_cr_element(official: &str) -> Option<&str> {
    let (_, rest) = official.split_once(" include ")?;
    let rest = rest.trim();
    let rest = ["the ", "a ", "an "]
        .iter()
        .find_map(|article| rest.strip_prefix(article))
        .unwrap_or(rest);
    (!rest.is_empty()).then_some(rest)
}

/// The (Romanian, English) explanation of a UBL-CR warning about `element_path` (the words of
/// the official message, e.g. `AccountingSupplierParty Party WebsiteURI`).
pub fn ubl_cr_explanation(element_path: &str) -> (String, String) {
    (
        format!(
            "EN 16931 (și deci spvdesk) nu folosește «{element_path}», iar ANAF îl ignoră — îl \
             puteți șterge din XML sau îl puteți lăsa, este doar un avertisment."
        ),
        format!(
            "EN 16931 (and so spvdesk) does not use \"{element_path}\" and ANAF ignores it — \
             remove it from the XML or leave it, it is only a warning."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Flag;
    use crate::validation::full::en::all_ids;

    #[test]
    fn every_fatal_and_warning_rule_has_an_explanation() {
        let mut fatal = 0;
        let mut warnings = 0;
        for (id, flag, _, _) in MESSAGES {
            let (ro, en) = explanation(id).unwrap_or_else(|| panic!("no explanation for {id}"));
            assert!(!ro.trim().is_empty() && !en.trim().is_empty(), "{id}");
            match flag {
                Flag::Fatal => fatal += 1,
                _ => warnings += 1,
            }
        }
        assert_eq!((fatal, warnings), (277, 699));
        assert_eq!(all_ids().count(), 976);
    }

    #[test]
    fn the_table_holds_every_fatal_rule_and_the_non_ubl_cr_warnings() {
        for (id, flag, _, _) in MESSAGES {
            let in_table = EXPLANATIONS.iter().any(|(i, _, _)| i == id);
            if *flag == Flag::Fatal || !id.starts_with("UBL-CR-") {
                assert!(in_table, "{id} missing from EXPLANATIONS");
            }
        }
        let mut ids: Vec<&str> = EXPLANATIONS.iter().map(|(i, _, _)| *i).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate ids in EXPLANATIONS");
        for id in ids {
            assert!(
                MESSAGES.iter().any(|(i, _, _, _)| *i == id),
                "{id} is not an EN id"
            );
        }
    }

    #[test]
    fn unknown_ids_have_no_explanation() {
        for id in [
            "",
            "BR-27",
            "BR-RO-010",
            "BR-99",
            "UBL-CR-999",
            "UBL-CR-",
            "br-01",
        ] {
            assert!(explanation(id).is_none(), "{id}");
        }
    }

    #[test]
    fn ubl_cr_warnings_name_the_element_of_the_official_message() {
        let (ro, en) = explanation("UBL-CR-301").unwrap();
        assert!(
            ro.contains("«TaxRepresentativeParty IndustryClassificationCode»"),
            "{ro}"
        );
        assert!(
            en.contains("\"TaxRepresentativeParty IndustryClassificationCode\""),
            "{en}"
        );
        assert!(matches!(ro, Cow::Owned(_)));
        let (ro, _) = explanation("UBL-CR-667").unwrap();
        assert!(ro.contains("«Buyer Item Identification schemeID»"), "{ro}");
        // Every UBL-CR message names something after its article.
        for (id, _, _, official) in MESSAGES.iter().filter(|m| m.0.starts_with("UBL-CR-")) {
            let element = ubl_cr_element(official).unwrap_or_else(|| panic!("{id}: {official}"));
            assert!(
                !element.starts_with("the ") && !element.starts_with("a "),
                "{id}"
            );
        }
    }

    #[test]
    fn romanian_texts_use_diacritics() {
        let ro = |id: &str| {
            explanation(id)
                .map(|(ro, _)| ro.into_owned())
                .unwrap_or_default()
        };
        assert!(ro("BR-CO-10").contains("Suma valorilor nete ale liniilor (BT-106)"));
        assert!(ro("BR-CO-10").contains("rotunjită la 2 zecimale"));
        assert!(ro("BR-S-05").contains("cota TVA a articolului (BT-152)"));
        assert!(ro("BR-11").contains("codul țării cumpărătorului (BT-55)"));
        assert!(ro("BR-CO-09").contains("plătitoare"));
        assert!(ro("BR-AE-10").contains("Taxare inversă"));
        assert!(ro("UBL-CR-001").contains("șterge"));
        assert!(ro("UBL-CR-100").contains("șterge"));
        // No cedilla forms (ş ţ): Romanian uses the comma below.
        for (id, ro, _) in EXPLANATIONS {
            assert!(!ro.contains(['ş', 'ţ', 'Ş', 'Ţ']), "{id} uses a cedilla");
        }
    }
}
'''

if __name__ == "__main__":
    main()
