//! Deterministic generator of varied CIUS-RO invoices and credit notes for
//! property tests: several VAT scenarios, foreign currency with the RON VAT
//! total, allowances and charges, long texts with Romanian diacritics.

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use rust_decimal::Decimal;

use spvdesk::domain::credit_note::{LineSelection, credit_full, credit_partial};
use spvdesk::domain::invoice::{Attachment, TypeCode};
use spvdesk::domain::totals::vat_in_accounting_currency;
use spvdesk::domain::*;

/// The seed every run uses, so CI sees the same documents every time.
pub const SEED: [u8; 32] = *b"spvdesk-ubl-generated-invoices!!";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// RON or EUR, categories S (several rates), Z, E.
    Domestic,
    /// Domestic reverse charge (AE) mixed with S.
    ReverseCharge,
    /// Intra-community supply (K) to a German buyer, in EUR.
    IntraCommunity,
    /// Export (G) to a US buyer, in USD.
    Export,
    /// Seller not registered for VAT (O only).
    NotSubject,
}

#[derive(Debug, Clone)]
pub struct LineSeed {
    pub name: String,
    pub description: Option<String>,
    pub quantity_milli: i64,
    pub price_cents: i64,
    pub price_scale_extra: bool,
    pub base_quantity: u32,
    pub unit: &'static str,
    pub category_pick: u8,
    pub rate_pick: u8,
    pub discount_pct: Option<u8>,
    pub charge_cents: Option<i64>,
    pub price_discount_cents: Option<i64>,
    pub seller_id: Option<String>,
    pub attribute: Option<(String, String)>,
    pub classification: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct InvoiceSeed {
    pub scenario: Scenario,
    pub foreign_currency: bool,
    pub number: u32,
    pub day: u32,
    pub notes: Vec<String>,
    pub seller_name: String,
    pub buyer_name: String,
    pub street: String,
    pub county: usize,
    pub sector: u8,
    pub lines: Vec<LineSeed>,
    pub doc_allowance_cents: Option<i64>,
    pub doc_charge_cents: Option<i64>,
    pub payment_pick: u8,
    pub with_period: Option<u8>,
    pub with_delivery: bool,
    pub with_attachment: Option<Vec<u8>>,
    pub with_tax_representative: bool,
    pub with_contact: bool,
    pub credit: u8,
    pub rate_milli: i64,
}

/// Text with Romanian diacritics and characters that need escaping in XML.
fn text(max: usize) -> impl Strategy<Value = String> {
    let re = format!(
        "[A-Za-zșțăâîȘȚĂÂÎ0-9][A-Za-zșțăâîȘȚĂÂÎ0-9 .,;:/&<>\"'()-]{{0,{}}}[A-Za-zșțăâî0-9.]",
        max.saturating_sub(2)
    );
    proptest::string::string_regex(&re).expect("valid regex")
}

fn line_seed() -> impl Strategy<Value = LineSeed> {
    (
        (
            text(100),
            proptest::option::of(text(200)),
            1i64..500_000,
            100i64..2_000_000,
            any::<bool>(),
            prop_oneof![Just(1u32), Just(1), Just(10), Just(100)],
        ),
        (
            prop_oneof![
                Just("H87"),
                Just("C62"),
                Just("KGM"),
                Just("HUR"),
                Just("MTR")
            ],
            any::<u8>(),
            any::<u8>(),
        ),
        (
            proptest::option::of(prop_oneof![Just(5u8), Just(10), Just(15)]),
            proptest::option::of(1i64..5_000),
            proptest::option::of(1i64..50),
        ),
        (
            proptest::option::of("[A-Z]{2}-[0-9]{3,6}"),
            proptest::option::of((text(50), text(100))),
            proptest::option::of(10_000_000u32..99_999_999),
        ),
    )
        .prop_map(
            |(
                (name, description, quantity_milli, price_cents, price_scale_extra, base_quantity),
                (unit, category_pick, rate_pick),
                (discount_pct, charge_cents, price_discount_cents),
                (seller_id, attribute, classification),
            )| LineSeed {
                name,
                description,
                quantity_milli,
                price_cents,
                price_scale_extra,
                base_quantity,
                unit,
                category_pick,
                rate_pick,
                discount_pct,
                charge_cents,
                price_discount_cents,
                seller_id,
                attribute,
                classification,
            },
        )
}

pub fn invoice_seed() -> impl Strategy<Value = InvoiceSeed> {
    (
        (
            prop_oneof![
                3 => Just(Scenario::Domestic),
                1 => Just(Scenario::ReverseCharge),
                1 => Just(Scenario::IntraCommunity),
                1 => Just(Scenario::Export),
                1 => Just(Scenario::NotSubject),
            ],
            any::<bool>(),
            1u32..999_999,
            0u32..365,
            proptest::collection::vec(text(300), 0..4),
        ),
        (text(200), text(200), text(150), 0usize..42, 1u8..7),
        (
            proptest::collection::vec(line_seed(), 1..6),
            proptest::option::of(1i64..50),
            proptest::option::of(1i64..10_000),
        ),
        (
            any::<u8>(),
            proptest::option::of(0u8..3),
            any::<bool>(),
            proptest::option::of(proptest::collection::vec(any::<u8>(), 1..300)),
            any::<bool>(),
            any::<bool>(),
        ),
        (0u8..6, 4_000i64..6_000),
    )
        .prop_map(
            |(
                (scenario, foreign_currency, number, day, notes),
                (seller_name, buyer_name, street, county, sector),
                (lines, doc_allowance_cents, doc_charge_cents),
                (
                    payment_pick,
                    with_period,
                    with_delivery,
                    with_attachment,
                    with_tax_representative,
                    with_contact,
                ),
                (credit, rate_milli),
            )| InvoiceSeed {
                scenario,
                foreign_currency,
                number,
                day,
                notes,
                seller_name,
                buyer_name,
                street,
                county,
                sector,
                lines,
                doc_allowance_cents,
                doc_charge_cents,
                payment_pick,
                with_period,
                with_delivery,
                with_attachment,
                with_tax_representative,
                with_contact,
                credit,
                rate_milli,
            },
        )
}

/// A valid CIF from a body, by trying the ten possible check digits.
fn cif_from(body: u32) -> Cif {
    (0..10)
        .find_map(|d| Cif::parse(&format!("{body}{d}")).ok())
        .expect("one check digit fits")
}

/// A valid Romanian IBAN, by trying the check digits.
fn iban_from(n: u32) -> Iban {
    (2..99)
        .find_map(|c| Iban::parse(&format!("RO{c:02}BTRL{n:016}")).ok())
        .expect("one pair of check digits fits")
}

fn dec(units: i64, scale: u32) -> Decimal {
    Decimal::new(units, scale)
}

fn ro_address(street: &str, county: County, sector: u8) -> Address {
    if county == County::Bucuresti {
        Address::bucharest(
            street,
            BucharestSector::new(sector).expect("1..=6"),
            Some("010101"),
        )
    } else {
        Address::romanian(street, "Cluj-Napoca Târgu Mureș", county, Some("400001"))
    }
}

fn category_for(scenario: Scenario, line: &LineSeed) -> TaxCategory {
    let standard = || {
        let rate = [21, 19, 11, 9, 5][usize::from(line.rate_pick) % 5];
        TaxCategory::new(VatCategory::Standard, Some(Decimal::from(rate)))
    };
    let zero = |c: VatCategory, code: &str, reason: &str| TaxCategory {
        category: c,
        rate: Some(Decimal::ZERO),
        exemption_reason_code: Some(code.to_owned()),
        exemption_reason: Some(reason.to_owned()),
    };
    match (scenario, line.category_pick % 4) {
        (Scenario::Domestic, 0 | 1) => standard(),
        (Scenario::Domestic, 2) => TaxCategory::new(VatCategory::ZeroRated, Some(Decimal::ZERO)),
        (Scenario::Domestic, _) => zero(
            VatCategory::Exempt,
            "VATEX-EU-132-1A",
            "Scutit conform art. 292 Cod fiscal",
        ),
        (Scenario::ReverseCharge, 0) => standard(),
        (Scenario::ReverseCharge, _) => {
            zero(VatCategory::ReverseCharge, "VATEX-EU-AE", "Taxare inversă")
        }
        (Scenario::IntraCommunity, 0) => standard(),
        (Scenario::IntraCommunity, _) => zero(
            VatCategory::IntraCommunity,
            "VATEX-EU-IC",
            "Livrare intracomunitară scutită",
        ),
        (Scenario::Export, 0) => standard(),
        (Scenario::Export, _) => zero(VatCategory::Export, "VATEX-EU-G", "Export scutit"),
        (Scenario::NotSubject, _) => TaxCategory {
            category: VatCategory::NotSubject,
            rate: None,
            exemption_reason_code: Some("VATEX-EU-O".to_owned()),
            exemption_reason: Some("Neplătitor de TVA".to_owned()),
        },
    }
}

/// Build a complete, consistent invoice (or credit note) from a seed.
pub fn build(seed: &InvoiceSeed) -> Invoice {
    let issue =
        NaiveDate::from_ymd_opt(2025, 1, 1).expect("date") + chrono::Days::new(u64::from(seed.day));
    let currency = match seed.scenario {
        Scenario::IntraCommunity => "EUR",
        Scenario::Export => "USD",
        _ if seed.foreign_currency => "EUR",
        _ => "RON",
    };
    let mut inv = Invoice::new(
        DocumentKind::Invoice,
        &format!("SPV-{:06}", seed.number),
        issue,
        currency,
    );
    if currency != "RON" {
        inv.vat_accounting_currency = Some("RON".to_owned());
    }
    inv.notes = seed.notes.clone();
    inv.buyer_reference = Some(format!("REF-{}", seed.number % 1000));
    let county = County::ALL[seed.county];
    let seller_cif = cif_from(10_000 + seed.number);
    let vat_registered = seed.scenario != Scenario::NotSubject;
    inv.seller = Party {
        endpoint: Some(Identifier::with_scheme("factura@firma.ro", "EM")),
        trading_name: Some(format!(
            "{} Comerț",
            seed.seller_name
                .chars()
                .take(150)
                .collect::<String>()
                .trim_end()
        )),
        address: Some(ro_address(&seed.street, county, seed.sector)),
        vat_id: vat_registered.then(|| seller_cif.with_ro_prefix()),
        legal_name: seed.seller_name.clone(),
        legal_registration_id: Some(Identifier::new(if vat_registered {
            format!("J40/{}/2010", seed.number % 9999)
        } else {
            seller_cif.digits().to_owned()
        })),
        legal_form: Some("Capital social 200 lei".to_owned()),
        contact: seed.with_contact.then(|| Contact {
            name: Some("Ștefan Țăranu".to_owned()),
            telephone: Some("+40 721 000 000".to_owned()),
            email: Some("stefan@firma.ro".to_owned()),
        }),
        ..Party::default()
    };
    let buyer_cif = cif_from(20_000 + seed.number % 77_777);
    let (buyer_address, buyer_vat) = match seed.scenario {
        Scenario::IntraCommunity => (
            Address {
                street: Some("Hauptstraße 5".to_owned()),
                city: Some("München".to_owned()),
                postal_code: Some("80331".to_owned()),
                country_subentity: Some("Bayern".to_owned()),
                country_code: "DE".to_owned(),
                ..Address::default()
            },
            Some("DE123456789".to_owned()),
        ),
        Scenario::Export => (
            Address {
                street: Some("5th Avenue 1".to_owned()),
                city: Some("New York".to_owned()),
                // CIUS-RO wants a subdivision in every deliver-to address (BR-RO-211).
                country_subentity: Some("US-NY".to_owned()),
                country_code: "US".to_owned(),
                ..Address::default()
            },
            None,
        ),
        Scenario::NotSubject => (
            ro_address("Str. Mică 2", County::ALL[(seed.county + 7) % 42], 3),
            None,
        ),
        _ => (
            ro_address(
                "Bd. Unirii 10",
                County::ALL[(seed.county + 3) % 42],
                (seed.sector % 6) + 1,
            ),
            (!seed.number.is_multiple_of(3) || seed.scenario == Scenario::ReverseCharge)
                .then(|| buyer_cif.with_ro_prefix()),
        ),
    };
    inv.buyer = Party {
        address: Some(buyer_address),
        vat_id: buyer_vat,
        legal_name: seed.buyer_name.clone(),
        legal_registration_id: Some(Identifier::new(buyer_cif.digits())),
        ..Party::default()
    };

    for (i, ls) in seed.lines.iter().enumerate() {
        let price = if ls.price_scale_extra {
            dec(ls.price_cents * 10 + 5, 3)
        } else {
            dec(ls.price_cents, 2)
        };
        let quantity = dec(ls.quantity_milli, 3);
        let base_quantity = (ls.base_quantity != 1).then(|| Decimal::from(ls.base_quantity));
        let gross_line = spvdesk::domain::rounding::money(
            quantity * price / base_quantity.unwrap_or(Decimal::ONE),
        );
        let mut allowances_charges = Vec::new();
        if let Some(pct) = ls.discount_pct {
            allowances_charges.push(AllowanceCharge {
                is_charge: false,
                amount: Decimal::ZERO,
                base_amount: Some(gross_line),
                percentage: Some(Decimal::from(pct)),
                reason: Some("Discount fidelitate".to_owned()),
                reason_code: Some("95".to_owned()),
                ..AllowanceCharge::default()
            });
        }
        if let Some(c) = ls.charge_cents {
            allowances_charges.push(AllowanceCharge {
                is_charge: true,
                amount: dec(c, 2),
                reason: Some("Transport și manipulare".to_owned()),
                reason_code: Some("FC".to_owned()),
                ..AllowanceCharge::default()
            });
        }
        inv.lines.push(InvoiceLine {
            id: (i + 1).to_string(),
            note: (i == 0).then(|| "Notă pe linie: livrare parțială".to_owned()),
            quantity,
            unit_code: ls.unit.to_owned(),
            allowances_charges,
            item: Item {
                name: ls.name.clone(),
                description: ls.description.clone(),
                seller_id: ls.seller_id.clone(),
                standard_id: ls
                    .classification
                    .map(|c| Identifier::with_scheme(format!("59{c:011}"), "0160")),
                classifications: ls
                    .classification
                    .map(|c| {
                        vec![ItemClassification {
                            code: format!("{c}-1"),
                            list_id: Some("CV".to_owned()),
                            list_version_id: None,
                        }]
                    })
                    .unwrap_or_default(),
                origin_country: ls.classification.map(|_| "RO".to_owned()),
                tax: category_for(seed.scenario, ls),
                attributes: ls
                    .attribute
                    .iter()
                    .map(|(n, v)| ItemAttribute {
                        name: n.clone(),
                        value: v.clone(),
                    })
                    .collect(),
                ..Item::default()
            },
            price: Price {
                amount: price,
                base_quantity,
                base_quantity_unit: base_quantity.map(|_| ls.unit.to_owned()),
                discount: ls.price_discount_cents.map(|d| PriceDiscount {
                    amount: dec(d, 2),
                    gross_price: Some(price + dec(d, 2)),
                }),
            },
            ..InvoiceLine::default()
        });
    }
    let first_category = inv.lines[0].item.tax.clone();
    if let Some(a) = seed.doc_allowance_cents {
        inv.allowances_charges.push(AllowanceCharge {
            is_charge: false,
            amount: dec(a, 2),
            tax_category: Some(first_category.clone()),
            reason: Some("Reducere comercială".to_owned()),
            reason_code: Some("95".to_owned()),
            ..AllowanceCharge::default()
        });
    }
    if let Some(c) = seed.doc_charge_cents {
        inv.allowances_charges.push(AllowanceCharge {
            is_charge: true,
            amount: dec(c, 2),
            tax_category: Some(first_category),
            reason: Some("Ambalare specială".to_owned()),
            reason_code: Some("ABL".to_owned()),
            ..AllowanceCharge::default()
        });
    }

    inv.payment_terms = Some("Plata în 30 de zile; penalități 0,1% pe zi".to_owned());
    inv.due_date = Some(issue + chrono::Days::new(30));
    inv.payment_means.push(match seed.payment_pick % 4 {
        0 | 1 => PaymentMeans {
            code: "30".to_owned(),
            text: Some("Transfer bancar".to_owned()),
            remittance_info: Some(format!("SPV-{}", seed.number)),
            payee_account: Some(FinancialAccount {
                id: iban_from(seed.number).as_str().to_owned(),
                name: Some("Cont curent în lei".to_owned()),
                provider_id: Some("BTRLRO22".to_owned()),
            }),
            ..PaymentMeans::default()
        },
        2 => PaymentMeans {
            code: "48".to_owned(),
            card: Some(CardAccount {
                primary_account_number: "1234".to_owned(),
                network_id: "VISA".to_owned(),
                holder_name: Some("Ana Ionescu".to_owned()),
            }),
            ..PaymentMeans::default()
        },
        _ => PaymentMeans {
            code: "10".to_owned(),
            text: Some("Numerar".to_owned()),
            ..PaymentMeans::default()
        },
    });
    match seed.with_period {
        Some(code_pick) => {
            inv.period = Some(Period {
                start: Some(issue - chrono::Days::new(30)),
                end: Some(issue),
                description_code: Some(["3", "35", "432"][usize::from(code_pick)].to_owned()),
            });
        }
        None => inv.tax_point_date = Some(issue),
    }
    if seed.with_delivery || seed.scenario == Scenario::IntraCommunity {
        let address = match seed.scenario {
            Scenario::IntraCommunity | Scenario::Export => inv.buyer.address.clone(),
            _ => Some(ro_address("Depozit Central 1", County::Ilfov, 1)),
        };
        inv.delivery = Some(Delivery {
            party_name: Some("Depozitul „Nord”".to_owned()),
            location_id: None,
            actual_date: Some(issue),
            address,
        });
    }
    if let Some(bytes) = &seed.with_attachment {
        inv.supporting_documents.push(SupportingDocument {
            id: Identifier::new("AVZ-001"),
            description: Some("Aviz de însoțire a mărfii".to_owned()),
            attachment: Some(Attachment {
                content: bytes.clone(),
                mime_code: "application/pdf".to_owned(),
                filename: "aviz-însoțire.pdf".to_owned(),
            }),
            ..SupportingDocument::default()
        });
    }
    if seed.with_tax_representative && vat_registered {
        inv.tax_representative = Some(TaxRepresentative {
            name: "Reprezentant Fiscal SRL".to_owned(),
            address: Some(ro_address("Calea Victoriei 1", County::Bucuresti, 1)),
            vat_id: cif_from(30_000).with_ro_prefix(),
        });
    }
    if seed.number.is_multiple_of(5) {
        inv.type_code = TypeCode::Corrected;
        inv.preceding_invoices.push(PrecedingInvoice {
            number: "SPV-000001".to_owned(),
            issue_date: Some(issue - chrono::Days::new(40)),
        });
    }
    inv.compute_totals().expect("generated invoices compute");
    if inv.vat_accounting_currency.is_some() {
        let vat = inv.totals.vat_total.unwrap_or_default();
        inv.totals.vat_total_accounting =
            Some(vat_in_accounting_currency(vat, dec(seed.rate_milli, 3)).expect("small numbers"));
    }
    match seed.credit {
        0 => credit_full(
            &inv,
            &format!("CN-{}", seed.number),
            issue + chrono::Days::new(5),
        )
        .expect("credit"),
        1 => {
            let line = &inv.lines[0];
            let half = (line.quantity / Decimal::TWO).round_dp(3);
            let quantity = if half > Decimal::ZERO {
                half
            } else {
                line.quantity
            };
            credit_partial(
                &inv,
                &format!("CN-{}", seed.number),
                issue + chrono::Days::new(5),
                &[LineSelection {
                    line_id: line.id.clone(),
                    quantity,
                }],
            )
            .expect("partial credit")
        }
        _ => inv,
    }
}

/// `count` invoices from the fixed seed: the same list on every machine.
pub fn generate(count: usize) -> Vec<Invoice> {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &SEED),
    );
    let strategy = invoice_seed();
    (0..count)
        .map(|_| {
            build(
                &strategy
                    .new_tree(&mut runner)
                    .expect("strategy generates")
                    .current(),
            )
        })
        .collect()
}
