// One schema for both backends: only types the MultiConnection can carry
// (text UUIDs, naive UTC timestamps, integer minor units).

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        is_admin -> Bool,
        language -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    companies (id) {
        id -> Text,
        cif -> Text,
        name -> Text,
        trade_register -> Nullable<Text>,
        street -> Text,
        city -> Text,
        county -> Text,
        sector -> Nullable<Integer>,
        postal_code -> Nullable<Text>,
        iban -> Nullable<Text>,
        vat_payer -> Bool,
        email -> Nullable<Text>,
        sync_enabled -> Bool,
        sync_days_back -> Integer,
        efactura_delay_hours -> Nullable<Integer>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    memberships (user_id, company_id) {
        user_id -> Text,
        company_id -> Text,
        role -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        user_id -> Text,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_throttle (throttle_key) {
        throttle_key -> Text,
        failures -> Integer,
        window_started_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
    }
}

diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(memberships -> companies (company_id));
diesel::joinable!(api_tokens -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    companies,
    memberships,
    api_tokens,
    login_throttle
);
