//! The model serialises to JSON (camelCase, decimals as strings, codes as
//! text) and back without loss, for storage of drafts and the REST API.

use spvdesk::domain::Invoice;

use crate::invoice_gen::generate;

#[test]
fn generated_invoices_survive_json() {
    for inv in generate(60) {
        let json = serde_json::to_string(&inv).unwrap();
        let back: Invoice = serde_json::from_str(&json).unwrap();
        assert_eq!(back, inv);
    }
    let json = serde_json::to_value(&generate(1)[0]).unwrap();
    assert!(json["issueDate"].is_string());
    assert!(
        json["totals"]["payable"].is_string(),
        "money is a string, never a float"
    );
    assert!(json["lines"][0]["item"]["tax"]["category"].is_string());
}
