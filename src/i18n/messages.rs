//! (key, Romanian, English). Keys are grouped by where they appear.

pub static MESSAGES: &[(&str, &str, &str)] = &[
    // Navigation
    ("nav.main", "Navigare principală", "Main navigation"),
    ("nav.home", "Pagina principală", "Home"),
    ("nav.dashboard", "Panou", "Dashboard"),
    ("nav.companies", "Firme", "Companies"),
    ("nav.api_tokens", "Tokenuri API", "API tokens"),
    ("nav.choose_company", "Alegeți firma", "Choose a company"),
    ("nav.new_company", "Firmă nouă", "New company"),
    ("nav.logout", "Ieșire", "Log out"),
    // Common words
    ("common.yes", "Da", "Yes"),
    ("common.no", "Nu", "No"),
    ("common.save", "Salvează", "Save"),
    ("common.cancel", "Renunță", "Cancel"),
    // Roles
    ("role.owner", "Proprietar", "Owner"),
    ("role.accountant", "Contabil", "Accountant"),
    ("role.viewer", "Doar citire", "Viewer"),
    // Setup and login
    ("setup.title", "Configurare inițială", "First-time setup"),
    (
        "setup.intro",
        "Creați contul de administrator. Cu el veți adăuga firmele și colegii.",
        "Create the administrator account. You will use it to add companies and colleagues.",
    ),
    (
        "setup.submit",
        "Creează administratorul",
        "Create administrator",
    ),
    (
        "setup.done",
        "Contul de administrator a fost creat. Bine ați venit!",
        "The administrator account was created. Welcome!",
    ),
    ("login.title", "Autentificare", "Log in"),
    ("login.submit", "Intră în cont", "Log in"),
    (
        "login.failed",
        "E-mailul sau parola nu sunt corecte.",
        "The e-mail or password is not correct.",
    ),
    // Dashboard
    (
        "dashboard.title",
        "Portofoliul de firme",
        "Company portfolio",
    ),
    (
        "dashboard.empty",
        "Nu aveți încă nicio firmă. Adăugați prima firmă pentru a începe.",
        "You have no companies yet. Add the first one to get started.",
    ),
    (
        "dashboard.anaf_connection",
        "Conexiune ANAF",
        "ANAF connection",
    ),
    ("dashboard.not_connected", "Neconectată", "Not connected"),
    // Companies
    ("companies.none", "Nicio firmă încă.", "No companies yet."),
    (
        "companies.create_first",
        "Adaugă prima firmă",
        "Add the first company",
    ),
    (
        "companies.created",
        "Firma a fost adăugată.",
        "The company was added.",
    ),
    (
        "companies.saved",
        "Modificările au fost salvate.",
        "Your changes were saved.",
    ),
    ("companies.edit", "Modifică firma", "Edit company"),
    (
        "companies.identity",
        "Date de identificare",
        "Identification",
    ),
    (
        "companies.efactura_settings",
        "Setări e-Factura",
        "e-Factura settings",
    ),
    ("companies.immediate", "Imediat", "Immediately"),
    // API tokens
    (
        "tokens.intro",
        "Tokenurile API permit altor programe să folosească spvdesk în numele dumneavoastră.",
        "API tokens let other programs use spvdesk on your behalf.",
    ),
    (
        "tokens.copy_now",
        "Copiați tokenul acum: nu va mai fi afișat.",
        "Copy the token now: it will not be shown again.",
    ),
    ("tokens.create", "Creează token", "Create token"),
    ("tokens.created", "Creat", "Created"),
    ("tokens.last_used", "Ultima folosire", "Last used"),
    ("tokens.never", "niciodată", "never"),
    ("tokens.revoke", "Revocă", "Revoke"),
    (
        "tokens.revoked",
        "Tokenul a fost revocat.",
        "The token was revoked.",
    ),
    // Field labels and hints
    ("field.name", "Nume", "Name"),
    ("field.email", "E-mail", "E-mail"),
    ("field.password", "Parolă", "Password"),
    (
        "field.password.hint",
        "Cel puțin 10 caractere.",
        "At least 10 characters.",
    ),
    ("field.company", "Firmă", "Company"),
    ("field.role", "Rol", "Role"),
    ("field.cif", "CIF", "Tax ID (CIF)"),
    (
        "field.cif.hint",
        "Cu sau fără prefixul RO.",
        "With or without the RO prefix.",
    ),
    ("field.name_company", "Denumire", "Legal name"),
    (
        "field.trade_register",
        "Nr. Registrul Comerțului",
        "Trade register number",
    ),
    (
        "field.trade_register.hint",
        "De exemplu J12/345/2020.",
        "For example J12/345/2020.",
    ),
    ("field.address", "Adresă", "Address"),
    ("field.street", "Stradă și număr", "Street and number"),
    ("field.city", "Localitate", "City"),
    ("field.county", "Județ", "County"),
    (
        "field.county.hint",
        "Cod ISO 3166-2:RO, de exemplu RO-CJ; RO-B pentru București.",
        "ISO 3166-2:RO code, e.g. RO-CJ; RO-B for Bucharest.",
    ),
    ("field.sector", "Sector", "Sector"),
    (
        "field.sector.hint",
        "Doar pentru București (1–6).",
        "Bucharest only (1–6).",
    ),
    ("field.postal_code", "Cod poștal", "Postal code"),
    ("field.iban", "IBAN", "IBAN"),
    ("field.email_company", "E-mail de contact", "Contact e-mail"),
    ("field.vat_payer", "Plătitor de TVA", "VAT payer"),
    (
        "field.sync_enabled",
        "Sincronizare automată",
        "Automatic sync",
    ),
    (
        "field.sync_days_back",
        "Zile sincronizate la prima rulare",
        "Days to sync on first run",
    ),
    (
        "field.sync_days_back.hint",
        "Între 1 și 60.",
        "Between 1 and 60.",
    ),
    (
        "field.efactura_delay_hours",
        "Întârziere trimitere (ore)",
        "Submission delay (hours)",
    ),
    (
        "field.delay_hours.hint",
        "Gol = trimitere imediată; 0–720.",
        "Empty = submit immediately; 0–720.",
    ),
    ("field.token_name", "Nume token", "Token name"),
    // Field errors
    (
        "field.required",
        "Câmpul este obligatoriu.",
        "This field is required.",
    ),
    (
        "field.too_long",
        "Textul este prea lung.",
        "The text is too long.",
    ),
    (
        "field.email.invalid",
        "Adresa de e-mail nu este validă.",
        "The e-mail address is not valid.",
    ),
    (
        "field.email.taken",
        "Există deja un cont cu acest e-mail.",
        "An account with this e-mail already exists.",
    ),
    (
        "field.password.too_short",
        "Parola trebuie să aibă cel puțin 10 caractere.",
        "The password must have at least 10 characters.",
    ),
    (
        "field.cif.not_digits",
        "CIF-ul poate conține doar cifre, cu prefixul RO opțional.",
        "The tax ID may contain only digits, with an optional RO prefix.",
    ),
    (
        "field.cif.length",
        "CIF-ul trebuie să aibă între 2 și 10 cifre.",
        "The tax ID must have between 2 and 10 digits.",
    ),
    (
        "field.cif.check_digit",
        "Cifra de control a CIF-ului este greșită. Verificați CIF-ul.",
        "The check digit of the tax ID is wrong. Please check the tax ID.",
    ),
    (
        "field.cif.taken",
        "O firmă cu acest CIF există deja.",
        "A company with this tax ID already exists.",
    ),
    (
        "field.county.invalid",
        "Județul trebuie să fie un cod ISO 3166-2:RO, de exemplu RO-CJ sau RO-B.",
        "The county must be an ISO 3166-2:RO code, e.g. RO-CJ or RO-B.",
    ),
    (
        "field.sector.required",
        "Pentru București alegeți sectorul (1–6).",
        "For Bucharest choose the sector (1–6).",
    ),
    (
        "field.sector.invalid",
        "Sectorul trebuie să fie între 1 și 6.",
        "The sector must be between 1 and 6.",
    ),
    (
        "field.iban.format",
        "IBAN-ul nu are formatul corect (RO + 22 caractere).",
        "The IBAN is not in the right format (RO + 22 characters).",
    ),
    (
        "field.iban.checksum",
        "IBAN-ul nu este valid: cifrele de control nu se potrivesc.",
        "The IBAN is not valid: its check digits do not match.",
    ),
    (
        "field.sync_days_back.range",
        "Valoarea trebuie să fie între 1 și 60.",
        "The value must be between 1 and 60.",
    ),
    (
        "field.delay_hours.range",
        "Întârzierea trebuie să fie între 0 și 720 de ore.",
        "The delay must be between 0 and 720 hours.",
    ),
    // Errors
    ("error.title", "Eroare", "Error"),
    (
        "error.not_found",
        "Pagina sau resursa nu există.",
        "The page or resource does not exist.",
    ),
    (
        "error.forbidden",
        "Nu aveți acces la această resursă.",
        "You do not have access to this resource.",
    ),
    (
        "error.unauthorized",
        "Autentificare necesară sau token invalid.",
        "Authentication required or invalid token.",
    ),
    (
        "error.csrf",
        "Cererea a fost respinsă din motive de securitate (token CSRF lipsă sau invalid). Reîncărcați pagina și încercați din nou.",
        "The request was refused for security reasons (missing or invalid CSRF token). Reload the page and try again.",
    ),
    ("error.validation", "Date invalide.", "Invalid data."),
    (
        "error.form_has_errors",
        "Corectați câmpurile marcate mai jos.",
        "Please correct the fields marked below.",
    ),
    (
        "error.throttled",
        "Prea multe încercări eșuate. Încercați din nou peste {minutes} minute.",
        "Too many failed attempts. Try again in {minutes} minutes.",
    ),
    (
        "error.internal",
        "A apărut o eroare internă. Încercați din nou.",
        "An internal error occurred. Please try again.",
    ),
    (
        "error.invalid_json",
        "Corpul JSON nu este valid",
        "The JSON body is not valid",
    ),
    (
        "error.invalid_form",
        "Formularul nu este valid",
        "The form is not valid",
    ),
    (
        "error.invalid_query",
        "Parametrii din URL nu sunt valizi",
        "The URL parameters are not valid",
    ),
    (
        "error.invalid_language",
        "Limbă necunoscută.",
        "Unknown language.",
    ),
    (
        "error.too_large",
        "Cererea este prea mare.",
        "The request is too large.",
    ),
    (
        "error.missing_company",
        "Antetul X-Company lipsește: indicați UUID-ul firmei.",
        "The X-Company header is missing: give the company's UUID.",
    ),
];
