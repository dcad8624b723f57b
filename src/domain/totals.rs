//! Totals and VAT breakdown computed exactly as EN 16931 defines them, and a
//! consistency check that names the business term (BT) and rule that fails.
//!
//! Formulas (EN 16931-1 §6.4 and the BR-CO rules):
//! - BT-131 line net = qty × (price ÷ base qty) + line charges − line allowances, 2 decimals
//! - BT-106 = Σ BT-131 (BR-CO-10); BT-107 = Σ BT-92 (BR-CO-11); BT-108 = Σ BT-99 (BR-CO-12)
//! - BT-109 = BT-106 − BT-107 + BT-108 (BR-CO-13)
//! - BT-116 per (category, rate) = Σ line nets + charges − allowances of that bucket (BR-S-08 ...)
//! - BT-117 = BT-116 × rate ÷ 100, 2 decimals (BR-CO-17); BT-110 = Σ BT-117 (BR-CO-14)
//! - BT-112 = BT-109 + BT-110 (BR-CO-15); BT-115 = BT-112 − BT-113 + BT-114 (BR-CO-16)

use rust_decimal::Decimal;

use crate::domain::allowance::AllowanceCharge;
use crate::domain::invoice::Invoice;
use crate::domain::line::InvoiceLine;
use crate::domain::rounding::money;
use crate::domain::vat::{TaxCategory, VatBreakdown, VatCategory};

/// Why an invoice is refused. `term` is the EN 16931 business term, `rule`
/// the official rule id (or formula) that the value breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsistencyError {
    #[error("the invoice has no lines (BG-25, BR-16)")]
    NoLines,
    #[error("{term} is {found} but {rule} requires {expected}")]
    Mismatch {
        term: &'static str,
        rule: &'static str,
        expected: Decimal,
        found: Decimal,
    },
    #[error("{term} has more than two decimals ({value}, {rule})")]
    TooManyDecimals {
        term: &'static str,
        rule: &'static str,
        value: Decimal,
    },
    #[error("{term}: VAT category {category} needs a rate")]
    MissingRate {
        term: &'static str,
        category: String,
    },
    #[error("{term}: VAT category {category} must have rate 0 (found {rate})")]
    NonZeroRate {
        term: &'static str,
        category: String,
        rate: Decimal,
    },
    #[error("BT-120/BT-121: VAT category {category} needs an exemption reason")]
    MissingExemptionReason { category: String },
    #[error("BG-23: no VAT breakdown for category {category} at rate {rate}")]
    MissingBreakdown { category: String, rate: Decimal },
    #[error(
        "BG-23: VAT breakdown for category {category} at rate {rate} has no line or allowance/charge"
    )]
    UnusedBreakdown { category: String, rate: Decimal },
    #[error(
        "BT-6: an invoice in {currency} must state the VAT accounting currency RON (BR-RO-030)"
    )]
    AccountingCurrencyNotRon { currency: String },
    #[error("BT-111: the VAT total in the VAT accounting currency is missing (BR-53)")]
    MissingAccountingVat,
    #[error("BT-1: the invoice number must contain a digit (BR-RO-010)")]
    NumberWithoutDigit,
    #[error("BT-146: line {line} has a negative price (BR-27)")]
    NegativePrice { line: String },
    #[error("BT-129: line {line} has base quantity zero (BT-149)")]
    ZeroBaseQuantity { line: String },
    #[error("{term}: amount too large to compute")]
    Overflow { term: &'static str },
}

type Result<T> = std::result::Result<T, ConsistencyError>;

fn add(a: Decimal, b: Decimal, term: &'static str) -> Result<Decimal> {
    a.checked_add(b).ok_or(ConsistencyError::Overflow { term })
}

fn mul(a: Decimal, b: Decimal, term: &'static str) -> Result<Decimal> {
    a.checked_mul(b).ok_or(ConsistencyError::Overflow { term })
}

fn div(a: Decimal, b: Decimal, term: &'static str) -> Result<Decimal> {
    a.checked_div(b).ok_or(ConsistencyError::Overflow { term })
}

fn sum<'a>(mut values: impl Iterator<Item = &'a Decimal>, term: &'static str) -> Result<Decimal> {
    values.try_fold(Decimal::ZERO, |acc, v| add(acc, *v, term))
}

/// Amount of an allowance/charge given as a percentage of a base (BT-92 = BT-93 × BT-94 ÷ 100).
fn percentage_amount(ac: &AllowanceCharge, term: &'static str) -> Result<Option<Decimal>> {
    match (ac.base_amount, ac.percentage) {
        (Some(base), Some(pct)) => Ok(Some(money(div(
            mul(base, pct, term)?,
            Decimal::ONE_HUNDRED,
            term,
        )?))),
        _ => Ok(None),
    }
}

/// BT-131 as the standard computes it from quantity, price and line allowances/charges.
pub fn line_net_amount(line: &InvoiceLine) -> Result<Decimal> {
    let base = line.price.base_quantity.unwrap_or(Decimal::ONE);
    if base.is_zero() {
        return Err(ConsistencyError::ZeroBaseQuantity {
            line: line.id.clone(),
        });
    }
    let gross = div(
        mul(line.quantity, line.price.amount, "BT-131")?,
        base,
        "BT-131",
    )?;
    let adjustments = line
        .allowances_charges
        .iter()
        .try_fold(Decimal::ZERO, |acc, ac| {
            add(acc, ac.signed_amount(), "BT-131")
        })?;
    Ok(money(add(gross, adjustments, "BT-131")?))
}

/// VAT amount of one breakdown bucket (BR-CO-17): taxable × rate ÷ 100, two decimals.
pub fn bucket_vat(taxable: Decimal, category: &TaxCategory) -> Result<Decimal> {
    match category.rate {
        Some(rate) => Ok(money(div(
            mul(taxable, rate, "BT-117")?,
            Decimal::ONE_HUNDRED,
            "BT-117",
        )?)),
        None => Ok(money(Decimal::ZERO)),
    }
}

/// BT-111: VAT total converted to the accounting currency with an exchange
/// rate (RON per unit of invoice currency, e.g. the BNR rate of the VAT point date).
pub fn vat_in_accounting_currency(vat_total: Decimal, rate: Decimal) -> Result<Decimal> {
    Ok(money(mul(vat_total, rate, "BT-111")?))
}

/// The (category, rate) buckets with their taxable amounts, in first-use order:
/// lines first, then document allowances and charges.
fn taxable_buckets(invoice: &Invoice) -> Result<Vec<(TaxCategory, Decimal)>> {
    let mut buckets: Vec<(TaxCategory, Decimal)> = Vec::new();
    let mut put = |cat: &TaxCategory, amount: Decimal| -> Result<()> {
        if let Some((existing, total)) = buckets.iter_mut().find(|(c, _)| c.same_bucket(cat)) {
            *total = add(*total, amount, "BT-116")?;
            if existing.exemption_reason.is_none() && existing.exemption_reason_code.is_none() {
                existing.exemption_reason.clone_from(&cat.exemption_reason);
                existing
                    .exemption_reason_code
                    .clone_from(&cat.exemption_reason_code);
            }
        } else {
            buckets.push((cat.clone(), amount));
        }
        Ok(())
    };
    for line in &invoice.lines {
        put(&line.item.tax, line.net_amount)?;
    }
    for ac in &invoice.allowances_charges {
        if let Some(cat) = &ac.tax_category {
            put(cat, ac.signed_amount())?;
        }
    }
    Ok(buckets)
}

fn check_rate(term: &'static str, cat: &TaxCategory) -> Result<()> {
    match (&cat.category, cat.rate) {
        (VatCategory::NotSubject, _) => Ok(()),
        (c, None) => Err(ConsistencyError::MissingRate {
            term,
            category: c.code().to_owned(),
        }),
        (c, Some(rate)) if c.requires_zero_rate() && !rate.is_zero() => {
            Err(ConsistencyError::NonZeroRate {
                term,
                category: c.code().to_owned(),
                rate,
            })
        }
        _ => Ok(()),
    }
}

impl Invoice {
    /// Fill every derived amount: percentage-based allowances/charges, line
    /// net amounts, the VAT breakdown and the document totals. BT-111 is left
    /// as set by the caller (it needs an exchange rate; see
    /// [`vat_in_accounting_currency`]). Prepaid and rounding amounts are kept.
    pub fn compute_totals(&mut self) -> Result<()> {
        if self.lines.is_empty() {
            return Err(ConsistencyError::NoLines);
        }
        for line in &mut self.lines {
            check_rate("BT-152", &line.item.tax)?;
            for ac in &mut line.allowances_charges {
                if let Some(amount) = percentage_amount(ac, "BT-136")? {
                    ac.amount = amount;
                }
            }
            line.net_amount = line_net_amount(line)?;
        }
        let mut allowances = Decimal::ZERO;
        let mut charges = Decimal::ZERO;
        for ac in &mut self.allowances_charges {
            if let Some(cat) = &ac.tax_category {
                check_rate("BT-96", cat)?;
            }
            if let Some(amount) = percentage_amount(ac, "BT-92")? {
                ac.amount = amount;
            }
            if ac.is_charge {
                charges = add(charges, ac.amount, "BT-108")?;
            } else {
                allowances = add(allowances, ac.amount, "BT-107")?;
            }
        }
        let has_allowances = self.allowances_charges.iter().any(|a| !a.is_charge);
        let has_charges = self.allowances_charges.iter().any(|a| a.is_charge);

        let mut breakdown = Vec::new();
        for (category, taxable) in taxable_buckets(self)? {
            let tax_amount = bucket_vat(taxable, &category)?;
            breakdown.push(VatBreakdown {
                taxable_amount: money(taxable),
                tax_amount,
                category,
            });
        }
        let vat_total = money(sum(breakdown.iter().map(|b| &b.tax_amount), "BT-110")?);
        self.vat_breakdown = breakdown;

        let t = &mut self.totals;
        t.line_net_total = money(sum(self.lines.iter().map(|l| &l.net_amount), "BT-106")?);
        t.allowance_total = has_allowances.then(|| money(allowances));
        t.charge_total = has_charges.then(|| money(charges));
        t.tax_exclusive = money(add(
            add(t.line_net_total, -allowances, "BT-109")?,
            charges,
            "BT-109",
        )?);
        t.vat_total = Some(vat_total);
        t.tax_inclusive = money(add(t.tax_exclusive, vat_total, "BT-112")?);
        let prepaid = t.prepaid.unwrap_or_default();
        let rounding = t.rounding.unwrap_or_default();
        t.payable = money(add(
            add(t.tax_inclusive, -prepaid, "BT-115")?,
            rounding,
            "BT-115",
        )?);
        Ok(())
    }

    /// Every inconsistency between the stated amounts and the EN 16931 /
    /// CIUS-RO formulas, each naming the BT and rule. Empty means consistent.
    pub fn consistency_errors(&self) -> Vec<ConsistencyError> {
        let mut errors = Vec::new();
        if let Err(e) = self.collect_consistency_errors(&mut errors) {
            errors.push(e);
        }
        errors
    }

    /// `Ok` when [`Invoice::consistency_errors`] finds nothing.
    pub fn validate_consistency(&self) -> std::result::Result<(), Vec<ConsistencyError>> {
        let errors = self.consistency_errors();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn collect_consistency_errors(&self, errors: &mut Vec<ConsistencyError>) -> Result<()> {
        let expect = |errors: &mut Vec<ConsistencyError>,
                      term: &'static str,
                      rule: &'static str,
                      expected: Decimal,
                      found: Decimal| {
            if expected != found {
                errors.push(ConsistencyError::Mismatch {
                    term,
                    rule,
                    expected,
                    found,
                });
            }
        };
        if self.lines.is_empty() {
            return Err(ConsistencyError::NoLines);
        }
        // Amounts compared here must also be stated with at most 2 decimals.
        let mut decimals: Vec<(&'static str, &'static str, Decimal)> = Vec::new();
        for line in &self.lines {
            let computed = line_net_amount(line)?;
            expect(
                errors,
                "BT-131",
                "BT-131 = BT-129 × BT-146 ÷ BT-149 + BT-141 − BT-136",
                computed,
                line.net_amount,
            );
            decimals.push(("BT-131", "BR-DEC-23", line.net_amount));
            for ac in &line.allowances_charges {
                decimals.push((
                    if ac.is_charge { "BT-141" } else { "BT-136" },
                    "BR-DEC-24/27",
                    ac.amount,
                ));
            }
        }
        let t = &self.totals;
        let line_sum = sum(self.lines.iter().map(|l| &l.net_amount), "BT-106")?;
        expect(errors, "BT-106", "BR-CO-10", line_sum, t.line_net_total);
        let allowances = sum(
            self.allowances_charges
                .iter()
                .filter(|a| !a.is_charge)
                .map(|a| &a.amount),
            "BT-107",
        )?;
        let charges = sum(
            self.allowances_charges
                .iter()
                .filter(|a| a.is_charge)
                .map(|a| &a.amount),
            "BT-108",
        )?;
        expect(
            errors,
            "BT-107",
            "BR-CO-11",
            allowances,
            t.allowance_total.unwrap_or_default(),
        );
        expect(
            errors,
            "BT-108",
            "BR-CO-12",
            charges,
            t.charge_total.unwrap_or_default(),
        );
        let exclusive = add(
            add(
                t.line_net_total,
                -t.allowance_total.unwrap_or_default(),
                "BT-109",
            )?,
            t.charge_total.unwrap_or_default(),
            "BT-109",
        )?;
        expect(errors, "BT-109", "BR-CO-13", exclusive, t.tax_exclusive);
        let vat_sum = sum(self.vat_breakdown.iter().map(|b| &b.tax_amount), "BT-110")?;
        expect(
            errors,
            "BT-110",
            "BR-CO-14",
            vat_sum,
            t.vat_total.unwrap_or_default(),
        );
        let inclusive = add(t.tax_exclusive, t.vat_total.unwrap_or_default(), "BT-112")?;
        expect(errors, "BT-112", "BR-CO-15", inclusive, t.tax_inclusive);
        let payable = add(
            add(t.tax_inclusive, -t.prepaid.unwrap_or_default(), "BT-115")?,
            t.rounding.unwrap_or_default(),
            "BT-115",
        )?;
        expect(errors, "BT-115", "BR-CO-16", payable, t.payable);

        let buckets = taxable_buckets(self)?;
        for (cat, taxable) in &buckets {
            match self
                .vat_breakdown
                .iter()
                .find(|b| b.category.same_bucket(cat))
            {
                Some(b) => {
                    expect(
                        errors,
                        "BT-116",
                        "BR-S-08/BR-Z-08/BR-E-08/BR-AE-08/BR-IC-08/BR-G-08/BR-O-08",
                        *taxable,
                        b.taxable_amount,
                    );
                }
                None => errors.push(ConsistencyError::MissingBreakdown {
                    category: cat.category.code().to_owned(),
                    rate: cat.rate.unwrap_or_default(),
                }),
            }
        }
        for b in &self.vat_breakdown {
            let vat = bucket_vat(b.taxable_amount, &b.category)?;
            expect(errors, "BT-117", "BR-CO-17", vat, b.tax_amount);
            decimals.push(("BT-116", "BR-DEC-19", b.taxable_amount));
            decimals.push(("BT-117", "BR-DEC-20", b.tax_amount));
        }
        for (term, rule, value) in [
            ("BT-106", "BR-DEC-09", Some(t.line_net_total)),
            ("BT-107", "BR-DEC-10", t.allowance_total),
            ("BT-108", "BR-DEC-11", t.charge_total),
            ("BT-109", "BR-DEC-12", Some(t.tax_exclusive)),
            ("BT-110", "BR-DEC-13", t.vat_total),
            ("BT-111", "BR-DEC-15", t.vat_total_accounting),
            ("BT-112", "BR-DEC-14", Some(t.tax_inclusive)),
            ("BT-113", "BR-DEC-16", t.prepaid),
            ("BT-114", "BR-DEC-17", t.rounding),
            ("BT-115", "BR-DEC-18", Some(t.payable)),
        ] {
            if let Some(v) = value {
                decimals.push((term, rule, v));
            }
        }
        for ac in &self.allowances_charges {
            decimals.push((
                if ac.is_charge { "BT-99" } else { "BT-92" },
                "BR-DEC-01/05",
                ac.amount,
            ));
        }
        for (term, rule, value) in decimals {
            if value.normalize().scale() > 2 {
                errors.push(ConsistencyError::TooManyDecimals { term, rule, value });
            }
        }
        self.check_categories(errors, &buckets);
        self.check_document(errors);
        Ok(())
    }

    fn check_categories(
        &self,
        errors: &mut Vec<ConsistencyError>,
        buckets: &[(TaxCategory, Decimal)],
    ) {
        for line in &self.lines {
            if let Err(e) = check_rate("BT-152", &line.item.tax) {
                errors.push(e);
            }
            if line.price.amount.is_sign_negative() && !line.price.amount.is_zero() {
                errors.push(ConsistencyError::NegativePrice {
                    line: line.id.clone(),
                });
            }
        }
        for b in &self.vat_breakdown {
            if let Err(e) = check_rate("BT-119", &b.category) {
                errors.push(e);
            }
            if b.category.category.requires_exemption_reason()
                && b.category.exemption_reason.is_none()
                && b.category.exemption_reason_code.is_none()
            {
                errors.push(ConsistencyError::MissingExemptionReason {
                    category: b.category.category.code().to_owned(),
                });
            }
            if !buckets.iter().any(|(c, _)| c.same_bucket(&b.category)) {
                errors.push(ConsistencyError::UnusedBreakdown {
                    category: b.category.category.code().to_owned(),
                    rate: b.category.rate.unwrap_or_default(),
                });
            }
        }
    }

    fn check_document(&self, errors: &mut Vec<ConsistencyError>) {
        if !self.number.chars().any(|c| c.is_ascii_digit()) {
            errors.push(ConsistencyError::NumberWithoutDigit);
        }
        if self.currency != "RON" && self.vat_accounting_currency.as_deref() != Some("RON") {
            errors.push(ConsistencyError::AccountingCurrencyNotRon {
                currency: self.currency.clone(),
            });
        }
        if self.vat_accounting_currency.is_some() && self.totals.vat_total_accounting.is_none() {
            errors.push(ConsistencyError::MissingAccountingVat);
        }
    }
}
