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

diesel::table! {
    anaf_tokens (id) {
        id -> Text,
        owner_user_id -> Text,
        label -> Text,
        access_token_enc -> Text,
        refresh_token_enc -> Text,
        access_expires_at -> Timestamp,
        refresh_expires_at -> Timestamp,
        status -> Text,
        last_refreshed_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    anaf_token_companies (token_id, company_id) {
        token_id -> Text,
        company_id -> Text,
        covered -> Bool,
        detail -> Nullable<Text>,
        checked_at -> Timestamp,
    }
}

diesel::table! {
    token_links (id) {
        id -> Text,
        token_hash -> Text,
        created_by -> Text,
        expires_at -> Timestamp,
        opened_at -> Nullable<Timestamp>,
        completed_at -> Nullable<Timestamp>,
        anaf_token_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    oauth_states (state_hash) {
        state_hash -> Text,
        user_id -> Text,
        session_nonce_hash -> Nullable<Text>,
        link_id -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    token_warnings (token_id, threshold_days) {
        token_id -> Text,
        threshold_days -> Integer,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    jobs (id) {
        id -> Text,
        kind -> Text,
        dedupe_key -> Text,
        payload -> Text,
        run_at -> Timestamp,
        leased_until -> Nullable<Timestamp>,
        lease_owner -> Nullable<Text>,
        attempts -> Integer,
        last_error -> Nullable<Text>,
        done_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    mail_outbox (id) {
        id -> Text,
        to_address -> Text,
        subject -> Text,
        text_body -> Text,
        html_body -> Text,
        created_at -> Timestamp,
        leased_until -> Nullable<Timestamp>,
        lease_owner -> Nullable<Text>,
        sent_at -> Nullable<Timestamp>,
        attempts -> Integer,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    invoices (id) {
        id -> Text,
        company_id -> Text,
        direction -> Text,
        kind -> Text,
        status -> Text,
        number -> Text,
        issue_date -> Date,
        currency -> Text,
        partner_name -> Text,
        partner_cif -> Text,
        payable_minor -> BigInt,
        data -> Text,
        xml -> Nullable<Binary>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(invoices -> companies (company_id));
diesel::joinable!(anaf_tokens -> users (owner_user_id));
diesel::joinable!(anaf_token_companies -> anaf_tokens (token_id));
diesel::joinable!(anaf_token_companies -> companies (company_id));
diesel::joinable!(memberships -> companies (company_id));
diesel::joinable!(api_tokens -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    companies,
    memberships,
    api_tokens,
    login_throttle,
    anaf_tokens,
    anaf_token_companies,
    token_links,
    oauth_states,
    token_warnings,
    jobs,
    mail_outbox,
    invoices,
);
