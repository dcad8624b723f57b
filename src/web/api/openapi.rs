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
            "/api-tokens/{id}": {"delete": {"summary": "Revoke a token", "responses": {"204": {"description": "revoked"}, "404": {"description": "not found"}}}}
        }
    });
    HttpResponse::Ok().json(doc)
}
