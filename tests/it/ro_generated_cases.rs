//! Generated CIUS-RO cases for the differential test: the ANAF-accepted base invoice and the
//! base credit note of `testcases/cius-ro/mutations/`, edited as text so that every rule gets a
//! document at its limit (silent) and one past it (fires), plus the XPath corner cases
//! (normalize-space, code points vs bytes, boolean casts, first-match contexts, Invoice-only
//! contexts). The oracle decides what fires; the test only demands that we agree.

use std::collections::BTreeSet;
use std::path::Path;

use crate::bundle_common::{Bases, replace_first, write_case};

/// One generated document: file name, base ("inv" / "cn"), and (find, replace) edits applied to
/// the first occurrence of `find`.
struct Case {
    name: String,
    base: &'static str,
    edits: Vec<(String, String)>,
}

const ROOT: &str = "  <cac:AccountingSupplierParty>";
const CN_ROOT: &str = "    <cac:AccountingSupplierParty>";
const SUP_ZONE: &str = "<cbc:PostalZone>400609</cbc:PostalZone>";
const CUS_ZONE: &str = "<cbc:PostalZone>307310</cbc:PostalZone>";
const SUP_NAME: &str = "<cbc:RegistrationName>TOTAL SECURITY S.A.</cbc:RegistrationName>";
const LINE_ID: &str = "<cbc:ID>1</cbc:ID>\n    <cbc:InvoicedQuantity";

/// Inserts `xml` inside the invoice line, right after its `cbc:ID`.
fn in_line(xml: &str) -> (String, String) {
    (
        LINE_ID.to_owned(),
        format!("<cbc:ID>1</cbc:ID>{xml}\n    <cbc:InvoicedQuantity"),
    )
}
const ITEM_NAME: &str = "<cbc:Name>test</cbc:Name>";
const PAYMENT_ID: &str = "<cbc:PaymentID>INV/2023/00029</cbc:PaymentID>";
const PREPAID: &str = "<cbc:PrepaidAmount currencyID=\"RON\">0.00</cbc:PrepaidAmount>";
const TAXABLE: &str = "<cbc:TaxableAmount currencyID=\"RON\">1000.00</cbc:TaxableAmount>";

fn insert_before(anchor: &str, xml: &str) -> (String, String) {
    (anchor.to_owned(), format!("{xml}{anchor}"))
}

fn insert_after(anchor: &str, xml: &str) -> (String, String) {
    (anchor.to_owned(), format!("{anchor}{xml}"))
}

fn replace(find: &str, with: &str) -> (String, String) {
    (find.to_owned(), with.to_owned())
}

fn case(name: &str, base: &'static str, edits: Vec<(String, String)>) -> Case {
    Case {
        name: format!("gen_{name}.xml"),
        base,
        edits,
    }
}

fn tax_rep(address: &str) -> String {
    format!(
        "<cac:TaxRepresentativeParty><cac:PartyName><cbc:Name>Rep</cbc:Name></cac:PartyName><cac:PostalAddress>{address}</cac:PostalAddress><cac:PartyTaxScheme><cbc:CompanyID>DE1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:TaxRepresentativeParty>\n"
    )
}

fn delivery(address: &str) -> String {
    format!(
        "<cac:Delivery><cbc:ActualDeliveryDate>2023-12-16</cbc:ActualDeliveryDate><cac:DeliveryLocation><cac:Address>{address}</cac:Address></cac:DeliveryLocation></cac:Delivery>\n"
    )
}

fn address(street: &str, city: &str, zone: &str, county: &str, country: &str) -> String {
    let mut s = String::new();
    if !street.is_empty() {
        s += &format!("<cbc:StreetName>{street}</cbc:StreetName>");
    }
    if !city.is_empty() {
        s += &format!("<cbc:CityName>{city}</cbc:CityName>");
    }
    if !zone.is_empty() {
        s += &format!("<cbc:PostalZone>{zone}</cbc:PostalZone>");
    }
    if !county.is_empty() {
        s += &format!("<cbc:CountrySubentity>{county}</cbc:CountrySubentity>");
    }
    s.push_str(&format!(
        "<cac:Country><cbc:IdentificationCode>{country}</cbc:IdentificationCode></cac:Country>"
    ));
    s
}

fn allowance(
    indicator: &str,
    amount: &str,
    base: &str,
    code: &str,
    category: &str,
    scheme: &str,
) -> String {
    format!(
        "<cac:AllowanceCharge><cbc:ChargeIndicator>{indicator}</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>{code}</cbc:AllowanceChargeReasonCode><cbc:AllowanceChargeReason>r</cbc:AllowanceChargeReason><cbc:Amount currencyID=\"RON\">{amount}</cbc:Amount><cbc:BaseAmount currencyID=\"RON\">{base}</cbc:BaseAmount><cac:TaxCategory><cbc:ID>{category}</cbc:ID><cac:TaxScheme><cbc:ID>{scheme}</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:AllowanceCharge>\n"
    )
}

/// (rule, max, where the value goes) for the length rules: `{v}` is replaced by the value.
fn length_cases() -> Vec<(&'static str, usize, &'static str, (String, String))> {
    let root = |xml: &str| insert_before(ROOT, xml);
    let sup_party = |xml: &str| insert_after(SUP_NAME, xml);
    let sup_addr = |xml: &str| insert_after(SUP_ZONE, xml);
    let cus_addr = |xml: &str| insert_after(CUS_ZONE, xml);
    let line = in_line;
    let item = |xml: &str| insert_after(ITEM_NAME, xml);
    let pm = |xml: &str| insert_after(PAYMENT_ID, xml);
    let country_de =
        "<cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country>";
    vec![
        (
            "BR-RO-L0201",
            20,
            "inv",
            replace(SUP_ZONE, "<cbc:PostalZone>{v}</cbc:PostalZone>"),
        ),
        (
            "BR-RO-L0202",
            20,
            "inv",
            replace(CUS_ZONE, "<cbc:PostalZone>{v}</cbc:PostalZone>"),
        ),
        (
            "BR-RO-L0203",
            20,
            "inv",
            root(&tax_rep(&format!(
                "<cbc:StreetName>s</cbc:StreetName><cbc:CityName>c</cbc:CityName><cbc:PostalZone>{{v}}</cbc:PostalZone>{country_de}"
            ))),
        ),
        (
            "BR-RO-L0204",
            20,
            "inv",
            root(&delivery(&format!(
                "<cbc:StreetName>s</cbc:StreetName><cbc:CityName>c</cbc:CityName><cbc:PostalZone>{{v}}</cbc:PostalZone><cbc:CountrySubentity>x</cbc:CountrySubentity>{country_de}"
            ))),
        ),
        (
            "BR-RO-L155",
            200,
            "inv",
            replace("<cbc:ID>INV/2023/00029</cbc:ID>", "<cbc:ID>1{v}</cbc:ID>"),
        ),
        (
            "BR-RO-L0302",
            200,
            "inv",
            root(
                "<cac:ContractDocumentReference><cbc:ID>{v}</cbc:ID></cac:ContractDocumentReference>",
            ),
        ),
        (
            "BR-RO-L0303",
            200,
            "inv",
            replace(
                "<cbc:ID>INV/2023/00029</cbc:ID>\n  </cac:OrderReference>",
                "<cbc:ID>{v}</cbc:ID>\n  </cac:OrderReference>",
            ),
        ),
        (
            "BR-RO-L0304",
            200,
            "inv",
            replace(
                "</cac:OrderReference>",
                "<cbc:SalesOrderID>{v}</cbc:SalesOrderID></cac:OrderReference>",
            ),
        ),
        (
            "BR-RO-L0305",
            200,
            "inv",
            root(
                "<cac:ReceiptDocumentReference><cbc:ID>{v}</cbc:ID></cac:ReceiptDocumentReference>",
            ),
        ),
        (
            "BR-RO-L0306",
            200,
            "inv",
            root(
                "<cac:DespatchDocumentReference><cbc:ID>{v}</cbc:ID></cac:DespatchDocumentReference>",
            ),
        ),
        (
            "BR-RO-L0307",
            200,
            "inv",
            root(
                "<cac:OriginatorDocumentReference><cbc:ID>{v}</cbc:ID></cac:OriginatorDocumentReference>",
            ),
        ),
        (
            "BR-RO-L0501",
            50,
            "inv",
            replace(
                "<cbc:CityName>Cluj-Napoca</cbc:CityName>",
                "<cbc:CityName>{v}</cbc:CityName>",
            ),
        ),
        (
            "BR-RO-L0502",
            50,
            "inv",
            replace(
                "<cbc:CityName>Sat Filipesti, Com. Filipesti</cbc:CityName>",
                "<cbc:CityName>{v}</cbc:CityName>",
            ),
        ),
        (
            "BR-RO-L0503",
            50,
            "inv",
            root(&tax_rep(&format!(
                "<cbc:StreetName>s</cbc:StreetName><cbc:CityName>{{v}}</cbc:CityName>{country_de}"
            ))),
        ),
        (
            "BR-RO-L0504",
            50,
            "inv",
            root(&delivery(&format!(
                "<cbc:StreetName>s</cbc:StreetName><cbc:CityName>{{v}}</cbc:CityName><cbc:CountrySubentity>x</cbc:CountrySubentity>{country_de}"
            ))),
        ),
        (
            "BR-RO-L1001",
            100,
            "inv",
            root("<cbc:AccountingCost>{v}</cbc:AccountingCost>"),
        ),
        (
            "BR-RO-L1002",
            100,
            "inv",
            sup_addr("<cbc:AdditionalStreetName>{v}</cbc:AdditionalStreetName>"),
        ),
        (
            "BR-RO-L1003",
            100,
            "inv",
            sup_addr("<cac:AddressLine><cbc:Line>{v}</cbc:Line></cac:AddressLine>"),
        ),
        (
            "BR-RO-L1004",
            100,
            "inv",
            replace(
                "<cbc:Name>TOTAL SECURITY S.A.</cbc:Name>\n        <cbc:Telephone>",
                "<cbc:Name>{v}</cbc:Name>\n        <cbc:Telephone>",
            ),
        ),
        (
            "BR-RO-L1005",
            100,
            "inv",
            replace(
                "<cbc:Telephone>+40 712 034 567</cbc:Telephone>",
                "<cbc:Telephone>{v}</cbc:Telephone>",
            ),
        ),
        (
            "BR-RO-L1006",
            100,
            "inv",
            replace(
                "<cbc:ElectronicMail>info@company.roexample.com</cbc:ElectronicMail>",
                "<cbc:ElectronicMail>{v}</cbc:ElectronicMail>",
            ),
        ),
        (
            "BR-RO-L1007",
            100,
            "inv",
            cus_addr("<cbc:AdditionalStreetName>{v}</cbc:AdditionalStreetName>"),
        ),
        (
            "BR-RO-L1008",
            100,
            "inv",
            cus_addr("<cac:AddressLine><cbc:Line>{v}</cbc:Line></cac:AddressLine>"),
        ),
        (
            "BR-RO-L1009",
            100,
            "inv",
            replace(
                "<cbc:Name>AGROAMAT COM SRL</cbc:Name>\n        <cbc:ElectronicMail>",
                "<cbc:Name>{v}</cbc:Name>\n        <cbc:ElectronicMail>",
            ),
        ),
        (
            "BR-RO-L1010",
            100,
            "inv",
            replace(
                "<cbc:ElectronicMail>feketemihai@nexterp.ro</cbc:ElectronicMail>",
                "<cbc:Telephone>{v}</cbc:Telephone><cbc:ElectronicMail>x@y.ro</cbc:ElectronicMail>",
            ),
        ),
        (
            "BR-RO-L1011",
            100,
            "inv",
            replace(
                "<cbc:ElectronicMail>feketemihai@nexterp.ro</cbc:ElectronicMail>",
                "<cbc:ElectronicMail>{v}</cbc:ElectronicMail>",
            ),
        ),
        (
            "BR-RO-L1012",
            100,
            "inv",
            root(&tax_rep(&format!(
                "<cbc:StreetName>s</cbc:StreetName><cbc:AdditionalStreetName>{{v}}</cbc:AdditionalStreetName><cbc:CityName>c</cbc:CityName>{country_de}"
            ))),
        ),
        (
            "BR-RO-L1013",
            100,
            "inv",
            root(&tax_rep(&format!(
                "<cbc:StreetName>s</cbc:StreetName><cbc:CityName>c</cbc:CityName><cac:AddressLine><cbc:Line>{{v}}</cbc:Line></cac:AddressLine>{country_de}"
            ))),
        ),
        (
            "BR-RO-L1014",
            100,
            "inv",
            root(&delivery(&format!(
                "<cbc:StreetName>s</cbc:StreetName><cbc:AdditionalStreetName>{{v}}</cbc:AdditionalStreetName><cbc:CityName>c</cbc:CityName><cbc:CountrySubentity>x</cbc:CountrySubentity>{country_de}"
            ))),
        ),
        (
            "BR-RO-L1015",
            100,
            "inv",
            root(&delivery(&format!(
                "<cbc:StreetName>s</cbc:StreetName><cbc:CityName>c</cbc:CityName><cbc:CountrySubentity>x</cbc:CountrySubentity><cac:AddressLine><cbc:Line>{{v}}</cbc:Line></cac:AddressLine>{country_de}"
            ))),
        ),
        (
            "BR-RO-L151",
            150,
            "inv",
            replace(
                "<cbc:StreetName>Cal. Dorobanților Nr. 114</cbc:StreetName>",
                "<cbc:StreetName>{v}</cbc:StreetName>",
            ),
        ),
        (
            "BR-RO-L152",
            150,
            "inv",
            replace(
                "<cbc:StreetName>Stadionului 1</cbc:StreetName>",
                "<cbc:StreetName>{v}</cbc:StreetName>",
            ),
        ),
        (
            "BR-RO-L153",
            150,
            "inv",
            root(&tax_rep(&format!(
                "<cbc:StreetName>{{v}}</cbc:StreetName><cbc:CityName>c</cbc:CityName>{country_de}"
            ))),
        ),
        (
            "BR-RO-L154",
            150,
            "inv",
            root(&delivery(&format!(
                "<cbc:StreetName>{{v}}</cbc:StreetName><cbc:CityName>c</cbc:CityName><cbc:CountrySubentity>x</cbc:CountrySubentity>{country_de}"
            ))),
        ),
        (
            "BR-RO-L201",
            200,
            "inv",
            replace(SUP_NAME, "<cbc:RegistrationName>{v}</cbc:RegistrationName>"),
        ),
        (
            "BR-RO-L202",
            200,
            "inv",
            replace(
                "<cbc:Name>TOTAL SECURITY S.A.</cbc:Name>\n      </cac:PartyName>",
                "<cbc:Name>{v}</cbc:Name>\n      </cac:PartyName>",
            ),
        ),
        (
            "BR-RO-L203",
            200,
            "inv",
            replace(
                "<cbc:RegistrationName>AGROAMAT COM SRL</cbc:RegistrationName>",
                "<cbc:RegistrationName>{v}</cbc:RegistrationName>",
            ),
        ),
        (
            "BR-RO-L204",
            200,
            "inv",
            replace(
                "<cbc:Name>AGROAMAT COM SRL</cbc:Name>\n      </cac:PartyName>",
                "<cbc:Name>{v}</cbc:Name>\n      </cac:PartyName>",
            ),
        ),
        (
            "BR-RO-L205",
            200,
            "inv",
            root(
                "<cac:PayeeParty><cac:PartyName><cbc:Name>{v}</cbc:Name></cac:PartyName></cac:PayeeParty>",
            ),
        ),
        (
            "BR-RO-L206",
            200,
            "inv",
            root(
                &tax_rep(&format!(
                    "<cbc:StreetName>s</cbc:StreetName><cbc:CityName>c</cbc:CityName>{country_de}"
                ))
                .replace("<cbc:Name>Rep</cbc:Name>", "<cbc:Name>{v}</cbc:Name>"),
            ),
        ),
        (
            "BR-RO-L207",
            200,
            "inv",
            root(
                "<cac:Delivery><cac:DeliveryParty><cac:PartyName><cbc:Name>{v}</cbc:Name></cac:PartyName></cac:DeliveryParty></cac:Delivery>",
            ),
        ),
        (
            "BR-RO-L301",
            300,
            "inv",
            root("<cac:PaymentTerms><cbc:Note>{v}</cbc:Note></cac:PaymentTerms>"),
        ),
        (
            "BR-RO-L1000",
            1000,
            "inv",
            sup_party("<cbc:CompanyLegalForm>{v}</cbc:CompanyLegalForm>"),
        ),
        (
            "BR-RO-L208",
            200,
            "inv",
            replace(
                "<cbc:ID>test</cbc:ID>\n    </cac:PayeeFinancialAccount>",
                "<cbc:ID>test</cbc:ID><cbc:Name>{v}</cbc:Name></cac:PayeeFinancialAccount>",
            ),
        ),
        (
            "BR-RO-L209",
            200,
            "inv",
            pm(
                "<cac:CardAccount><cbc:PrimaryAccountNumberID>1234</cbc:PrimaryAccountNumberID><cbc:NetworkID>x</cbc:NetworkID><cbc:HolderName>{v}</cbc:HolderName></cac:CardAccount>",
            ),
        ),
        (
            "BR-RO-L1016",
            100,
            "inv",
            replace("name=\"credit transfer\"", "name=\"{v}\""),
        ),
        (
            "BR-RO-L140",
            140,
            "inv",
            replace(PAYMENT_ID, "<cbc:PaymentID>{v}</cbc:PaymentID>"),
        ),
        (
            "BR-RO-L1024",
            100,
            "inv",
            replace(ITEM_NAME, "<cbc:Name>{v}</cbc:Name>"),
        ),
        (
            "BR-RO-L1021",
            100,
            "inv",
            line("<cbc:AccountingCost>{v}</cbc:AccountingCost>"),
        ),
        (
            "BR-RO-L212",
            200,
            "inv",
            replace(
                "<cbc:Description>test</cbc:Description>",
                "<cbc:Description>{v}</cbc:Description>",
            ),
        ),
        ("BR-RO-L303", 300, "inv", line("<cbc:Note>{v}</cbc:Note>")),
        (
            "BR-RO-L0505",
            50,
            "inv",
            item(
                "<cac:AdditionalItemProperty><cbc:Name>{v}</cbc:Name><cbc:Value>v</cbc:Value></cac:AdditionalItemProperty>",
            ),
        ),
        (
            "BR-RO-L1025",
            100,
            "inv",
            item(
                "<cac:AdditionalItemProperty><cbc:Name>n</cbc:Name><cbc:Value>{v}</cbc:Value></cac:AdditionalItemProperty>",
            ),
        ),
        (
            "BR-RO-L1017",
            100,
            "inv",
            root(&allowance("false", "1.00", "2.00", "{v}", "S", "VAT")),
        ),
        (
            "BR-RO-L1018",
            100,
            "inv",
            root(&allowance("true", "1.00", "2.00", "{v}", "S", "VAT")),
        ),
        (
            "BR-RO-L1022",
            100,
            "inv",
            line(
                &allowance("false", "1.00", "2.00", "95", "S", "VAT").replace(
                    "<cbc:AllowanceChargeReason>r<",
                    "<cbc:AllowanceChargeReason>{v}<",
                ),
            ),
        ),
        (
            "BR-RO-L1023",
            100,
            "inv",
            line(
                &allowance("true", "1.00", "2.00", "95", "S", "VAT").replace(
                    "<cbc:AllowanceChargeReason>r<",
                    "<cbc:AllowanceChargeReason>{v}<",
                ),
            ),
        ),
        ("BR-RO-L302", 300, "inv", root("<cbc:Note>{v}</cbc:Note>")),
        (
            "BR-RO-L0308",
            200,
            "inv",
            root(
                "<cac:AdditionalDocumentReference><cbc:ID>{v}</cbc:ID></cac:AdditionalDocumentReference>",
            ),
        ),
        (
            "BR-RO-L1020",
            100,
            "inv",
            root(
                "<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentDescription>{v}</cbc:DocumentDescription></cac:AdditionalDocumentReference>",
            ),
        ),
        (
            "BR-RO-L210",
            200,
            "inv",
            root(
                "<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cac:ExternalReference><cbc:URI>{v}</cbc:URI></cac:ExternalReference></cac:Attachment></cac:AdditionalDocumentReference>",
            ),
        ),
        (
            "BR-RO-L211",
            200,
            "inv",
            root(
                "<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode=\"text/csv\" filename=\"{v}\">YQ==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>",
            ),
        ),
        (
            "BR-RO-L156",
            200,
            "inv",
            root(
                "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>{v}</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>",
            ),
        ),
        (
            "BR-RO-L1019",
            100,
            "inv",
            insert_after(
                TAXABLE,
                "<cbc:TaxExemptionReason>{v}</cbc:TaxExemptionReason>",
            ),
        ),
    ]
}

fn all_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    // Length rules: at the limit (silent), one past (fires), padded with spaces (silent after
    // normalize-space), and non-ASCII (code points, not bytes).
    for (rule, max, base, (find, template)) in length_cases() {
        let variants = [
            ("at", "x".repeat(max)),
            ("over", "x".repeat(max + 1)),
            ("padded", format!("  {}   x", "x ".repeat(max / 2 - 1))),
            ("diacritics", "ș".repeat(max)),
        ];
        for (tag, value) in variants {
            let name = format!("{}_{tag}", rule.to_lowercase());
            cases.push(case(
                &name,
                base,
                vec![(find.clone(), template.replace("{v}", &value))],
            ));
        }
    }
    cases.extend(other_cases());
    cases
}

fn other_cases() -> Vec<Case> {
    let root = |xml: &str| insert_before(ROOT, xml);
    let cn_root = |xml: &str| insert_before(CN_ROOT, xml);
    let issue = |v: &str| {
        replace(
            "<cbc:IssueDate>2023-12-16</cbc:IssueDate>",
            &format!("<cbc:IssueDate>{v}</cbc:IssueDate>"),
        )
    };
    let price = |v: &str| {
        replace(
            "<cbc:PriceAmount currencyID=\"RON\">1000.0</cbc:PriceAmount>",
            &format!("<cbc:PriceAmount currencyID=\"RON\">{v}</cbc:PriceAmount>"),
        )
    };
    let type_code = |v: &str| {
        replace(
            "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>",
            &format!("<cbc:InvoiceTypeCode>{v}</cbc:InvoiceTypeCode>"),
        )
    };
    let currency = |v: &str| {
        replace(
            "<cbc:DocumentCurrencyCode>RON</cbc:DocumentCurrencyCode>",
            &format!("<cbc:DocumentCurrencyCode>{v}</cbc:DocumentCurrencyCode>"),
        )
    };
    let sup_addr = |street: &str, city: &str, county: &str, country: &str| {
        replace(
            "<cbc:StreetName>Cal. Dorobanților Nr. 114</cbc:StreetName>\n        <cbc:CityName>Cluj-Napoca</cbc:CityName>\n        <cbc:PostalZone>400609</cbc:PostalZone>\n        <cbc:CountrySubentity>RO-CJ</cbc:CountrySubentity>\n        <cac:Country>\n          <cbc:IdentificationCode>RO</cbc:IdentificationCode>\n        </cac:Country>",
            &address(street, city, "", county, country),
        )
    };
    let cus_addr = |street: &str, city: &str, county: &str, country: &str| {
        replace(
            "<cbc:StreetName>Stadionului 1</cbc:StreetName>\n        <cbc:CityName>Sat Filipesti, Com. Filipesti</cbc:CityName>\n        <cbc:PostalZone>307310</cbc:PostalZone>\n        <cbc:CountrySubentity>RO-BC</cbc:CountrySubentity>\n        <cac:Country>\n          <cbc:IdentificationCode>RO</cbc:IdentificationCode>\n        </cac:Country>",
            &address(street, city, "", county, country),
        )
    };
    let no_seller_vat = replace(
        "<cbc:CompanyID>RO8486152</cbc:CompanyID>\n        <cac:TaxScheme>",
        "<cbc:CompanyID> </cbc:CompanyID>\n        <cac:TaxScheme>",
    );
    let no_buyer_ids = vec![
        replace(
            "<cbc:CompanyID>RO34581625</cbc:CompanyID>\n        <cac:TaxScheme>",
            "<cbc:CompanyID></cbc:CompanyID>\n        <cac:TaxScheme>",
        ),
        replace(
            "<cbc:RegistrationName>AGROAMAT COM SRL</cbc:RegistrationName>\n        <cbc:CompanyID>RO34581625</cbc:CompanyID>",
            "<cbc:RegistrationName>AGROAMAT COM SRL</cbc:RegistrationName>",
        ),
    ];
    let line_category = |c: &str| {
        replace(
            "<cac:ClassifiedTaxCategory>\n        <cbc:ID>S</cbc:ID>",
            &format!("<cac:ClassifiedTaxCategory>\n        <cbc:ID>{c}</cbc:ID>"),
        )
    };
    let mut v = vec![
        case("dt001_leap_ok", "inv", vec![issue("2024-02-29")]),
        case("dt001_not_leap", "inv", vec![issue("2023-02-29")]),
        case("dt001_space", "inv", vec![issue(" 2023-12-16")]),
        case("dt001_zone", "inv", vec![issue("2023-12-16Z")]),
        case("dt001_empty", "inv", vec![issue("")]),
        case("dt001_dots", "inv", vec![issue("16.12.2023")]),
        case("dt001_billing_ref", "inv", vec![root("<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>1</cbc:ID><cbc:IssueDate>2023-1-16</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>")]),
        case("dt002_tax_point", "inv", vec![root("<cbc:TaxPointDate>2023-12-32</cbc:TaxPointDate>")]),
        case("dt004_delivery", "inv", vec![root("<cac:Delivery><cbc:ActualDeliveryDate>2023/12/16</cbc:ActualDeliveryDate></cac:Delivery>")]),
        case("dt005_dt006_period", "inv", vec![root("<cac:InvoicePeriod><cbc:StartDate>2023-12-1</cbc:StartDate><cbc:EndDate>2023-12-31+02:00</cbc:EndDate><cbc:DescriptionCode>35</cbc:DescriptionCode></cac:InvoicePeriod>")]),
        case("dt_in_extension_like_place", "inv", vec![in_line("<cac:InvoicePeriod><cbc:StartDate>2023-13-01</cbc:StartDate><cbc:DescriptionCode> 432 </cbc:DescriptionCode></cac:InvoicePeriod>")]),
        case("br27_minus_zero", "inv", vec![price("-0.00")]),
        case("br27_negative", "inv", vec![price("-0.01")]),
        case("br27_integer_minus_zero", "inv", vec![price("-0")]),
        case("br27_nan", "inv", vec![price("NaN")]),
        case("br27_minus_inf", "inv", vec![price("-INF")]),
        case("br27_exponent", "inv", vec![price("1e2")]),
        case("br27_negative_exponent", "inv", vec![price("-1E-2")]),
        case("ro020_381", "inv", vec![type_code("381")]),
        case("ro020_padded", "inv", vec![type_code(" 380 ")]),
        case("ro020_two", "inv", vec![type_code("380 384")]),
        case("ro020_751", "inv", vec![type_code("751")]),
        case("ro040_empty", "inv", vec![root("<cac:InvoicePeriod><cbc:DescriptionCode></cbc:DescriptionCode></cac:InvoicePeriod>")]),
        case("ro040_bad", "inv", vec![root("<cac:InvoicePeriod><cbc:DescriptionCode>3 35</cbc:DescriptionCode></cac:InvoicePeriod>")]),
        case("ro030_eur_padded_ron", "inv", vec![currency("EUR"), insert_after("</cbc:DocumentCurrencyCode>", "<cbc:TaxCurrencyCode> RON </cbc:TaxCurrencyCode>")]),
        case("ro030_ron_eur", "inv", vec![insert_after("</cbc:DocumentCurrencyCode>", "<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>")]),
        case("ro030_eur_eur", "inv", vec![currency("EUR"), insert_after("</cbc:DocumentCurrencyCode>", "<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>")]),
        case("ro030_lower", "inv", vec![currency("ron")]),
        case("ro010_digit_padded", "inv", vec![replace("<cbc:ID>INV/2023/00029</cbc:ID>", "<cbc:ID> A-٣ </cbc:ID>")]),
        case("ro001_padded", "inv", vec![replace("<cbc:CustomizationID>urn", "<cbc:CustomizationID> urn")]),
        case("ro001_missing", "inv", vec![replace("<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1</cbc:CustomizationID>", "")]),
        case("roA020_20", "inv", vec![root(&"<cbc:Note>n</cbc:Note>".repeat(20))]),
        case("roA020_21", "inv", vec![root(&"<cbc:Note>n</cbc:Note>".repeat(21))]),
        case("ro065_blank_seller_vat", "inv", vec![no_seller_vat.clone()]),
        case("ro065_category_o", "inv", vec![no_seller_vat.clone(), line_category("O")]),
        case("ro065_category_o_doc_charge_s", "inv", vec![no_seller_vat.clone(), line_category("O"), root(&allowance("true", "1.00", "2.00", "95", "S", "VAT"))]),
        case("ro065_category_o_doc_allowance_s_gst", "inv", vec![no_seller_vat.clone(), line_category("O"), root(&allowance("false", "1.00", "2.00", "95", "S", "GST"))]),
        case("ro065_category_o_doc_allowance_s_vat", "inv", vec![no_seller_vat.clone(), line_category("O"), root(&allowance("false", "1.00", "2.00", "95", "S", "VAT"))]),
        case("ro065_category_o_doc_allowance_zero", "inv", vec![no_seller_vat.clone(), line_category("O"), root(&allowance("0", "1.00", "2.00", "95", "S", "VAT"))]),
        case("ro065_padded_category", "inv", vec![no_seller_vat.clone(), line_category(" S ")]),
        case("ro065_tax_rep_blank", "inv", vec![no_seller_vat.clone(), root(&tax_rep("<cbc:StreetName>s</cbc:StreetName><cbc:CityName>c</cbc:CityName><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country>").replace("<cbc:CompanyID>DE1</cbc:CompanyID>", "<cbc:CompanyID></cbc:CompanyID>"))]),
        case("ro120_no_buyer_ids", "inv", no_buyer_ids.clone()),
        case("ro120_category_z", "inv", [no_buyer_ids.clone(), vec![line_category("Z")]].concat()),
        case("ro120_category_o", "inv", [no_buyer_ids.clone(), vec![line_category("O")]].concat()),
        case("ro081_blank_street", "inv", vec![sup_addr("  ", "Cluj", "RO-CJ", "RO")]),
        case("ro_sup_bucharest_sector", "inv", vec![sup_addr("s", "SECTOR3", "RO-B", "RO")]),
        case("ro_sup_bucharest_bad", "inv", vec![sup_addr("s", "Sector 3", "RO-B", "RO")]),
        case("ro_sup_bucharest_padded", "inv", vec![sup_addr("s", " SECTOR3 ", " RO-B ", " RO ")]),
        case("ro_sup_no_county", "inv", vec![sup_addr("s", "c", "", "RO")]),
        case("ro_sup_foreign", "inv", vec![sup_addr("s", "c", "", "DE")]),
        case("ro_sup_lower_country", "inv", vec![sup_addr("s", "c", "cj", "ro")]),
        case("ro_cus_bucharest_bad", "inv", vec![cus_addr("", "Bucuresti", "RO-B", "RO")]),
        case("ro_cus_bad_county", "inv", vec![cus_addr("s", "", "RO-XX", "RO")]),
        case("ro_taxrep_ro_bad", "inv", vec![root(&tax_rep(&address("", "Bucuresti", "", "RO-B", "RO")))]),
        case("ro_taxrep_ro_county", "inv", vec![root(&tax_rep(&address("s", "c", "", "B", "RO")))]),
        case("ro_taxrep_cn", "cn", vec![cn_root(&tax_rep(&address("", "", "", "RO-B", "RO")))]),
        case("ro_delivery_ro_bad", "inv", vec![root(&delivery(&address("", "Bucuresti", "", "RO-B", "RO")))]),
        case("ro_delivery_no_county", "inv", vec![root(&delivery(&address("s", "c", "", "", "DE")))]),
        case("ro_delivery_county_bad", "inv", vec![root(&delivery(&address("s", "c", "", "RO-ZZ", "RO")))]),
        case("ro_delivery_cn", "cn", vec![cn_root(&delivery(&address("", "", "", "", "RO")))]),
        case("dec_doc_allowance", "inv", vec![root(&allowance("false", "1.001", "2.0001", "95", "S", "VAT"))]),
        case("dec_doc_charge", "inv", vec![root(&allowance(" true ", "1.001", "2.0001", "95", "S", "VAT"))]),
        case("dec_doc_charge_one", "inv", vec![root(&allowance("1", "1.001", "2.00 ", "95", "S", "VAT"))]),
        case("dec_doc_allowance_bad_indicator", "inv", vec![root(&allowance("maybe", "1.001", "2.0001", "95", "S", "VAT"))]),
        case("dec_doc_allowance_cn", "cn", vec![cn_root(&allowance("false", "1.001", "2.0001", "95", "S", "VAT"))]),
        case("dec_line_allowance", "inv", vec![in_line(&allowance("false", "1.001", "2.0001", "95", "S", "VAT"))]),
        case("dec_line_charge", "inv", vec![in_line(&allowance("true", "1.001", "2.0001", "95", "S", "VAT"))]),
        case("dec_totals", "inv", vec![replace(PREPAID, "<cbc:AllowanceTotalAmount currencyID=\"RON\">1.123</cbc:AllowanceTotalAmount><cbc:ChargeTotalAmount currencyID=\"RON\">1.1</cbc:ChargeTotalAmount><cbc:PrepaidAmount currencyID=\"RON\">0.001</cbc:PrepaidAmount><cbc:PayableRoundingAmount currencyID=\"RON\">0.00 </cbc:PayableRoundingAmount>")]),
        case("dec_subtotal", "inv", vec![replace(TAXABLE, "<cbc:TaxableAmount currencyID=\"RON\">1000.000</cbc:TaxableAmount>"), replace("<cbc:TaxAmount currencyID=\"RON\">190.00</cbc:TaxAmount>\n      <cac:TaxCategory>", "<cbc:TaxAmount currencyID=\"RON\">190.001</cbc:TaxAmount>\n      <cac:TaxCategory>")]),
        case("dec_total_vat_and_line", "inv", vec![replace("<cbc:TaxAmount currencyID=\"RON\">190.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>", "<cbc:TaxAmount currencyID=\"RON\">190.0001</cbc:TaxAmount>\n    <cac:TaxSubtotal>"), replace("<cbc:LineExtensionAmount currencyID=\"RON\">1000.00</cbc:LineExtensionAmount>\n    <cac:Item>", "<cbc:LineExtensionAmount currencyID=\"RON\">1000.001</cbc:LineExtensionAmount>\n    <cac:Item>")]),
        case("dec_crlf", "inv", vec![replace(PREPAID, "<cbc:PrepaidAmount currencyID=\"RON\">0.0\r\n</cbc:PrepaidAmount>")]),
        case("dec_char_ref_cr", "inv", vec![replace(PREPAID, "<cbc:PrepaidAmount currencyID=\"RON\">0.0&#13;\n</cbc:PrepaidAmount>")]),
        case("date_split_by_cdata", "inv", vec![issue("2023-12<![CDATA[-16]]>")]),
        case("price_entity", "inv", vec![price("&#45;1")]),
        case("roA500_two_refs", "inv", vec![root("<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>1</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>")]),
        case("note_in_line_301", "inv", vec![in_line(&format!("<cbc:Note>{}</cbc:Note>", "n".repeat(301)))]),
        case("cn_lines_dates", "cn", vec![cn_root("<cbc:TaxPointDate>2023-02-30</cbc:TaxPointDate><cac:InvoicePeriod><cbc:DescriptionCode>1</cbc:DescriptionCode></cac:InvoicePeriod>")]),
    ];
    v.push(case(
        "cn_invoice_type_code",
        "cn",
        vec![cn_root("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>")],
    ));
    v
}

/// Writes every generated case into `out`; returns how many were written.
pub fn write_cases(mutations_dir: &Path, out: &Path) -> usize {
    let bases = Bases::read(mutations_dir);
    let cases = all_cases();
    let mut names = BTreeSet::new();
    for c in &cases {
        let mut text = bases.get(c.base == "inv").to_owned();
        for (find, with) in &c.edits {
            text = replace_first(&text, find, with, &c.name);
        }
        write_case(out, &mut names, &c.name, &text);
    }
    cases.len()
}
