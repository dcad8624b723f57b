//! A hand-kept OpenAPI 3.1 description of the API as it exists now.

use actix_web::HttpResponse;
use serde_json::json;

pub async fn document() -> HttpResponse {
    let error = json!({"$ref": "#/components/schemas/Error"});
    let company_header = json!({"name": "X-Company", "in": "header", "required": true, "schema": {"type": "string", "format": "uuid"}});
    let doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "spvdesk API", "version": env!("CARGO_PKG_VERSION")},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                    "type": "object", "required": ["code", "message"],
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                        "fields": {"type": "object", "additionalProperties": {"type": "string"}}}}}},
                "ValidationReport": {"type": "object", "required": ["mode", "valid", "fatal", "warnings", "findings"], "properties": {
                    "mode": {"type": "string", "enum": ["quick", "full"]},
                    "valid": {"type": "boolean", "description": "no fatal finding"},
                    "fatal": {"type": "integer"}, "warnings": {"type": "integer"},
                    "findings": {"type": "array", "items": {"type": "object", "properties": {
                        "rule": {"type": "string", "example": "BR-CO-10"},
                        "flag": {"type": "string", "enum": ["fatal", "warning"]},
                        "location": {"type": "string", "example": "/Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount"},
                        "line": {"type": ["integer", "null"]}, "column": {"type": ["integer", "null"]},
                        "message": {"type": "string"}}}}}},
                "Company": {"type": "object", "properties": {
                    "uuid": {"type": "string"}, "cif": {"type": "string"}, "name": {"type": "string"},
                    "tradeRegister": {"type": ["string", "null"]}, "street": {"type": "string"},
                    "city": {"type": "string"}, "county": {"type": "string", "example": "RO-CJ"},
                    "sector": {"type": ["integer", "null"], "minimum": 1, "maximum": 6},
                    "postalCode": {"type": ["string", "null"]}, "iban": {"type": ["string", "null"]},
                    "vatPayer": {"type": "boolean"}, "email": {"type": ["string", "null"]},
                    "syncEnabled": {"type": "boolean", "default": false},
                    "syncDaysBack": {"type": "integer", "minimum": 1, "maximum": 60, "default": 60},
                    "efacturaDelayHours": {"type": ["integer", "null"], "minimum": 0, "maximum": 720, "default": null},
                    "role": {"type": "string", "enum": ["owner", "accountant", "viewer"]}}}
            }
        },
        "paths": {
            "/companies": {
                "get": {"summary": "Companies of the caller", "responses": {"200": {"description": "ok"}, "401": {"description": "no or bad token", "content": {"application/json": {"schema": error}}}}},
                "post": {"summary": "Create a company (the caller becomes owner)", "responses": {"201": {"description": "created"}, "422": {"description": "invalid field", "content": {"application/json": {"schema": error}}}}}
            },
            "/companies/{uuid}": {
                "get": {"summary": "One company", "responses": {"200": {"description": "ok"}, "404": {"description": "missing or not yours"}}},
                "patch": {"summary": "Change some fields", "responses": {"200": {"description": "ok"}, "404": {"description": "missing or not yours"}, "422": {"description": "invalid field"}}}
            },
            "/memberships": {"get": {"summary": "Members of the X-Company company", "parameters": [company_header], "responses": {"200": {"description": "ok"}, "400": {"description": "X-Company missing"}, "403": {"description": "not a member"}}}},
            "/api-tokens": {
                "get": {"summary": "The caller's API tokens", "responses": {"200": {"description": "ok"}}},
                "post": {"summary": "Create a token; the plaintext is returned once", "responses": {"201": {"description": "created"}}}
            },
            "/api-tokens/{id}": {"delete": {"summary": "Revoke a token", "responses": {"204": {"description": "revoked"}, "404": {"description": "not found"}}}},
            "/validate": {"post": {
                "summary": "Validate a UBL invoice or credit note (raw XML body, at most 10 MB) offline: quick = what the UBL 2.1 XSD checks, full = quick + every EN 16931 and CIUS-RO rule of ANAF's bundle 1.0.9",
                "parameters": [{"name": "mode", "in": "query", "schema": {"type": "string", "enum": ["quick", "full"], "default": "full"}}],
                "requestBody": {"required": true, "content": {"application/xml": {"schema": {"type": "string"}}}},
                "responses": {
                    "200": {"description": "findings (messages in the Accept-Language language, Romanian by default)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ValidationReport"}}}},
                    "400": {"description": "bad mode, empty or too large body", "content": {"application/json": {"schema": error}}}
                }
            }},
            "/invoices": {
                "get": {"summary": "The X-Company company's invoices and credit notes, newest first: {data, total, limit, offset}", "parameters": [company_header, {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}}, {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}}], "responses": {"200": {"description": "ok"}, "400": {"description": "X-Company missing, or a bad limit/offset"}, "403": {"description": "not a member"}}},
                "post": {
                    "summary": "Store an invoice or credit note: UBL XML (kept byte for byte) or the model's JSON (a draft). The company must be its seller (outgoing) or buyer (incoming)",
                    "parameters": [company_header],
                    "requestBody": {"required": true, "content": {"application/xml": {"schema": {"type": "string"}}, "application/json": {"schema": {"type": "object"}}}},
                    "responses": {"201": {"description": "created (Location: the new invoice)"}, "400": {"description": "unreadable document or JSON", "content": {"application/json": {"schema": error}}}, "403": {"description": "viewer, or not a member"}, "409": {"description": "the same document (partner, kind, number, date) is already stored"}, "422": {"description": "not this company's document, or a missing number", "content": {"application/json": {"schema": error}}}}
                }
            },
            "/invoices/{uuid}": {
                "get": {"summary": "One invoice: summary and the document as the model reads it", "parameters": [company_header], "responses": {"200": {"description": "ok"}, "404": {"description": "missing or another company's"}}},
                "delete": {"summary": "Remove a draft or a received invoice", "parameters": [company_header], "responses": {"204": {"description": "removed"}, "403": {"description": "viewer"}, "404": {"description": "missing or another company's"}, "409": {"description": "already issued or sent"}}}
            },
            "/invoices/{uuid}/xml": {"get": {"summary": "The UBL XML, as stored or as spvdesk writes it for a draft", "parameters": [company_header], "responses": {"200": {"description": "application/xml"}, "404": {"description": "missing or another company's"}}}},
            "/invoices/{uuid}/validate": {"post": {
                "summary": "Validate a stored invoice (the same validator and answer as /validate, plus `invoice`)",
                "parameters": [company_header, {"name": "mode", "in": "query", "schema": {"type": "string", "enum": ["quick", "full"], "default": "full"}}],
                "responses": {
                    "200": {"description": "findings", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ValidationReport"}}}},
                    "400": {"description": "bad mode", "content": {"application/json": {"schema": error}}},
                    "404": {"description": "missing or another company's"}
                }
            }}
        }
    });
    HttpResponse::Ok().json(doc)
}
