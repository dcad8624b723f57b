//! Optional groups the bases lack (allowances and charges, tax representative, delivery,
//! payee, card, mandate, references, attachments, ...), so that the rules about them run too.

use super::kinds::{Ctx, Edit, pick_id};
use super::prng::Rng;
use super::xml_edit::XmlDoc;

/// Optional groups the bases lack, inserted where they belong (not schema-ordered: the
/// harness runs without XSD), with values drawn to hit and miss the business rules.
pub fn add_optional_group(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let cat = *rng.pick(&["S", "Z", "E", "AE", "K", "G", "O"]);
    let pct = *rng.pick(&["19", "0", "9"]);
    let amount = *rng.pick(&["10.00", "0.00", "-5.00", "10.001", "100"]);
    let indicator = *rng.pick(&["true", "false"]);
    let country = *rng.pick(&["RO", "DE", "FR", ""]);
    let reason_code = *rng.pick(&["95", "41", "", "ZZZ", "100", "AA"]);
    let reason = *rng.pick(&["Discount", "", "Reducere"]);
    let mut reasons = String::new();
    if !reason_code.is_empty() {
        reasons += &format!(
            "<cbc:AllowanceChargeReasonCode>{reason_code}</cbc:AllowanceChargeReasonCode>"
        );
    }
    if !reason.is_empty() {
        reasons += &format!("<cbc:AllowanceChargeReason>{reason}</cbc:AllowanceChargeReason>");
    }
    // (name, anchor local, inside the anchor (last child) or before it, xml)
    let groups: Vec<(&str, &str, bool, String)> = vec![
        (
            "payment card",
            "PaymentMeans",
            true,
            "<cac:CardAccount><cbc:PrimaryAccountNumberID>1234</cbc:PrimaryAccountNumberID><cbc:NetworkID>VISA</cbc:NetworkID><cbc:HolderName>H</cbc:HolderName></cac:CardAccount>".to_owned(),
        ),
        (
            "payment mandate",
            "PaymentMeans",
            true,
            "<cac:PaymentMandate><cbc:ID>M1</cbc:ID><cac:PayerFinancialAccount><cbc:ID>RO49AAAA1B31007593840000</cbc:ID></cac:PayerFinancialAccount></cac:PaymentMandate>".to_owned(),
        ),
        (
            "note with subject code",
            "AccountingSupplierParty",
            false,
            format!("<cbc:Note>#{}#Text</cbc:Note>", rng.pick(&["AAI", "XYZ", "REG", "aai"])),
        ),
        (
            "item property",
            "ClassifiedTaxCategory",
            false,
            "<cac:AdditionalItemProperty><cbc:Name>Culoare</cbc:Name><cbc:Value>Rosu</cbc:Value></cac:AdditionalItemProperty>".to_owned(),
        ),
        (
            "line period",
            "Item",
            false,
            "<cac:InvoicePeriod><cbc:StartDate>2023-12-01</cbc:StartDate><cbc:EndDate>2023-12-31</cbc:EndDate></cac:InvoicePeriod>".to_owned(),
        ),
        (
            "price discount",
            "PriceAmount",
            false,
            format!("<cac:AllowanceCharge><cbc:ChargeIndicator>{indicator}</cbc:ChargeIndicator><cbc:Amount currencyID=\"RON\">{amount}</cbc:Amount><cbc:BaseAmount currencyID=\"RON\">110.00</cbc:BaseAmount></cac:AllowanceCharge>"),
        ),
        (
            "project / contract / order",
            "AccountingSupplierParty",
            false,
            "<cac:ContractDocumentReference><cbc:ID>C1</cbc:ID></cac:ContractDocumentReference><cac:ProjectReference><cbc:ID>P1</cbc:ID></cac:ProjectReference><cac:DespatchDocumentReference><cbc:ID>D1</cbc:ID></cac:DespatchDocumentReference><cac:ReceiptDocumentReference><cbc:ID>R1</cbc:ID></cac:ReceiptDocumentReference><cac:OriginatorDocumentReference><cbc:ID>O1</cbc:ID></cac:OriginatorDocumentReference>".to_owned(),
        ),
        (
            "doc allowance/charge",
            "TaxTotal",
            false,
            format!(
                "<cac:AllowanceCharge><cbc:ChargeIndicator>{indicator}</cbc:ChargeIndicator>{reasons}<cbc:Amount currencyID=\"RON\">{amount}</cbc:Amount><cac:TaxCategory><cbc:ID>{cat}</cbc:ID><cbc:Percent>{pct}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:AllowanceCharge>"
            ),
        ),
        (
            "line allowance/charge",
            "Item",
            false,
            format!(
                "<cac:AllowanceCharge><cbc:ChargeIndicator>{indicator}</cbc:ChargeIndicator>{reasons}<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric><cbc:Amount currencyID=\"RON\">{amount}</cbc:Amount><cbc:BaseAmount currencyID=\"RON\">100.00</cbc:BaseAmount></cac:AllowanceCharge>"
            ),
        ),
        (
            "tax representative",
            "AccountingCustomerParty",
            false,
            format!(
                "<cac:TaxRepresentativeParty><cac:PartyName><cbc:Name>Rep</cbc:Name></cac:PartyName><cac:PostalAddress><cbc:StreetName>S</cbc:StreetName><cbc:CityName>C</cbc:CityName><cac:Country><cbc:IdentificationCode>{country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress><cac:PartyTaxScheme><cbc:CompanyID>RO123</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:TaxRepresentativeParty>"
            ),
        ),
        (
            "delivery",
            "PaymentMeans",
            false,
            format!(
                "<cac:Delivery><cbc:ActualDeliveryDate>2023-12-16</cbc:ActualDeliveryDate><cac:DeliveryLocation><cbc:ID schemeID=\"0088\">123</cbc:ID><cac:Address><cbc:StreetName>S</cbc:StreetName><cbc:CityName>C</cbc:CityName><cbc:CountrySubentity>RO-CJ</cbc:CountrySubentity><cac:Country><cbc:IdentificationCode>{country}</cbc:IdentificationCode></cac:Country></cac:Address></cac:DeliveryLocation><cac:DeliveryParty><cac:PartyName><cbc:Name>D</cbc:Name></cac:PartyName></cac:DeliveryParty></cac:Delivery>"
            ),
        ),
        (
            "payee",
            "PaymentMeans",
            false,
            "<cac:PayeeParty><cac:PartyIdentification><cbc:ID>P1</cbc:ID></cac:PartyIdentification><cac:PartyName><cbc:Name>Payee</cbc:Name></cac:PartyName><cac:PartyLegalEntity><cbc:CompanyID>RO1</cbc:CompanyID></cac:PartyLegalEntity></cac:PayeeParty>".to_owned(),
        ),
        (
            "billing reference",
            "AccountingSupplierParty",
            false,
            "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>INV-1</cbc:ID><cbc:IssueDate>2023-11-01</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>".to_owned(),
        ),
        (
            "attachment",
            "AccountingSupplierParty",
            false,
            format!(
                "<cac:AdditionalDocumentReference><cbc:ID>A1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode=\"{}\" filename=\"a.pdf\">QUJD</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>",
                rng.pick(&["application/pdf", "text/plain", "image/png", "application/xml"])
            ),
        ),
        (
            "tax currency total",
            "LegalMonetaryTotal",
            false,
            format!("<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">{amount}</cbc:TaxAmount></cac:TaxTotal>"),
        ),
        (
            "payment terms",
            "PaymentMeans",
            false,
            "<cac:PaymentTerms><cbc:Note>30 zile</cbc:Note></cac:PaymentTerms>".to_owned(),
        ),
        (
            "line item attributes",
            "ClassifiedTaxCategory",
            false,
            "<cac:CommodityClassification><cbc:ItemClassificationCode listID=\"STI\">123</cbc:ItemClassificationCode></cac:CommodityClassification><cac:OriginCountry><cbc:IdentificationCode>CN</cbc:IdentificationCode></cac:OriginCountry><cac:StandardItemIdentification><cbc:ID schemeID=\"0160\">123</cbc:ID></cac:StandardItemIdentification>".to_owned(),
        ),
        (
            "seller identifier",
            "PartyName",
            false,
            "<cac:PartyIdentification><cbc:ID schemeID=\"SEPA\">RO12</cbc:ID></cac:PartyIdentification>".to_owned(),
        ),
    ];
    let (name, anchor, inside, xml) = rng.pick(&groups);
    let id = pick_id(rng, &doc.by_local(anchor))?;
    let text = if *inside {
        doc.insert_last_child(id, xml)
    } else {
        doc.insert_before(id, xml)
    };
    Some((
        format!("group {name} cat={cat} amount={amount} ind={indicator} country={country:?}"),
        text,
    ))
}
