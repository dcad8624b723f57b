use std::io::{self, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use spvdesk::config::AnafMode;
use spvdesk::startup::{Application, RawSettings};

#[derive(Parser)]
#[command(
    name = "spvdesk",
    version,
    about = "ANAF e-Factura desk for Romanian accountants"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Args, Clone)]
struct CommonArgs {
    /// Where spvdesk keeps its database, secret key, outbox and archives.
    #[arg(
        long,
        env = "SPVDESK_DATA_DIR",
        default_value = "./spvdesk-data",
        global = true
    )]
    data_dir: PathBuf,
    /// Database URL: a SQLite file path (default: in the data dir) or postgres://…
    #[arg(long, env = "SPVDESK_DATABASE_URL", global = true)]
    database_url: Option<String>,
    #[arg(
        long,
        env = "SPVDESK_ANAF",
        value_enum,
        default_value = "sandbox",
        global = true
    )]
    anaf: AnafMode,
    #[arg(long, env = "SPVDESK_PUBLIC_URL", global = true)]
    public_url: Option<String>,
    #[arg(long, env = "SPVDESK_ANAF_CLIENT_ID", global = true, hide = true)]
    anaf_client_id: Option<String>,
    #[arg(long, env = "SPVDESK_ANAF_CLIENT_SECRET", global = true, hide = true)]
    anaf_client_secret: Option<String>,
    #[arg(long, env = "SPVDESK_SMTP_URL", global = true, hide = true)]
    smtp_url: Option<String>,
    #[arg(long, env = "SPVDESK_MAIL_FROM", global = true, hide = true)]
    mail_from: Option<String>,
    #[arg(long, env = "SPVDESK_SECRET_KEY", global = true, hide = true)]
    secret_key: Option<String>,
    /// Seconds between scheduler rounds (0 disables the scheduler).
    #[arg(
        long,
        env = "SPVDESK_SCHEDULER_TICK_SECONDS",
        default_value_t = 30,
        global = true,
        hide = true
    )]
    scheduler_tick_seconds: u64,
    /// Days before a token can no longer be renewed at which to e-mail a warning.
    #[arg(long, env = "SPVDESK_TOKEN_WARNING_DAYS", global = true, hide = true)]
    token_warning_days: Option<String>,
    /// Refresh access tokens this many days before they expire.
    #[arg(
        long,
        env = "SPVDESK_TOKEN_REFRESH_BEFORE_DAYS",
        global = true,
        hide = true
    )]
    token_refresh_before_days: Option<i64>,
    /// Sandbox only: start with the clock moved forward by this many seconds.
    #[arg(
        long,
        env = "SPVDESK_CLOCK_OFFSET_SECONDS",
        default_value_t = 0,
        global = true,
        hide = true
    )]
    clock_offset_seconds: i64,
}

impl CommonArgs {
    fn raw(&self) -> RawSettings {
        RawSettings {
            data_dir: self.data_dir.clone(),
            database_url: self.database_url.clone(),
            anaf: self.anaf,
            public_url: self.public_url.clone(),
            anaf_client_id: self.anaf_client_id.clone(),
            anaf_client_secret: self.anaf_client_secret.clone(),
            smtp_url: self.smtp_url.clone(),
            mail_from: self.mail_from.clone(),
            secret_key: self.secret_key.clone(),
            scheduler_tick_seconds: self.scheduler_tick_seconds,
            token_warning_days: self.token_warning_days.clone(),
            token_refresh_before_days: self.token_refresh_before_days,
            clock_offset_seconds: self.clock_offset_seconds,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run the web application (the default).
    Serve {
        #[arg(long, env = "SPVDESK_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Run the ANAF simulator alone (ANAF's paths, OAuth, control API under /__sandbox/).
    AnafSandbox {
        #[arg(long, env = "SPVDESK_LISTEN", default_value = "127.0.0.1:9000")]
        listen: String,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Validate UBL 2.1 invoices and credit notes offline (exit 0 all valid, 1 any invalid, 2 error).
    Validate {
        #[arg(long, value_enum, default_value = "quick")]
        mode: ValidateMode,
        #[arg(long, value_enum, default_value = "text")]
        format: ValidateFormat,
        /// Language of the text output's messages (JSON carries both): by default Romanian
        /// when the locale (LC_ALL, LC_MESSAGES or LANG) is Romanian, else English.
        #[arg(long, value_enum)]
        lang: Option<ValidateLang>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Check ANAF's signature on a downloaded zip (or an XML + signature pair), offline.
    /// Trusted certificates come from the folder in SPVDESK_TRUSTED_CERTS.
    VerifySignature {
        /// The zip ANAF's `descarcare` returned.
        #[arg(required_unless_present_all = ["xml", "signature"], conflicts_with_all = ["xml", "signature"])]
        zip: Option<PathBuf>,
        /// The invoice XML (with --signature).
        #[arg(long, requires = "signature")]
        xml: Option<PathBuf>,
        /// The `semnatura_*.xml` file (with --xml).
        #[arg(long, requires = "xml")]
        signature: Option<PathBuf>,
        /// When the signer is not a trusted certificate, send the two files to ANAF's own
        /// signature check (`/api/validate/signature`) and let its answer decide.
        #[arg(long)]
        ask_anaf: bool,
        /// Host root of that check (default: ANAF's public host; in sandbox mode the sandbox
        /// mounted at SPVDESK_PUBLIC_URL).
        #[arg(long, requires = "ask_anaf")]
        anaf_url: Option<String>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ValidateMode {
    Quick,
    Full,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ValidateFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ValidateLang {
    Ro,
    En,
}

#[derive(Subcommand)]
enum UserAction {
    /// Create a user; the first one is an administrator.
    Add {
        email: String,
        #[arg(long)]
        name: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
enum TokenAction {
    /// Print a new API token for the user.
    Add {
        email: String,
        #[arg(long)]
        name: String,
    },
}

fn main() -> ExitCode {
    // reqwest and lettre use rustls without a built-in crypto provider: ring it is.
    let _ = rustls::crypto::ring::default_provider().install_default();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SPVDESK_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(io::stderr)
        .init();
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve {
        listen: std::env::var("SPVDESK_LISTEN").unwrap_or_else(|_| "127.0.0.1:8080".into()),
    });
    if let Some(code) = run_offline(&command, &cli.common) {
        return code;
    }
    match run(cli.common, command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(io::stderr(), "spvdesk: {message}");
            ExitCode::from(2)
        }
    }
}

/// Commands that only read files exit with their own codes (0 valid,
/// 1 invalid, 2 error) and never touch the data dir.
fn run_offline(command: &Command, common: &CommonArgs) -> Option<ExitCode> {
    match command {
        Command::Validate {
            mode,
            format,
            lang,
            files,
        } => {
            use spvdesk::cli::validate::{self, OutputFormat};
            use spvdesk::i18n::Lang;
            use spvdesk::validation::{Limits, Mode};
            let mode = match mode {
                ValidateMode::Quick => Mode::Quick,
                ValidateMode::Full => Mode::Full,
            };
            let format = match format {
                ValidateFormat::Text => OutputFormat::Text,
                ValidateFormat::Json => OutputFormat::Json,
            };
            let lang = match lang {
                Some(ValidateLang::Ro) => Lang::Ro,
                Some(ValidateLang::En) => Lang::En,
                None => validate::locale_lang(|name| std::env::var(name).ok()),
            };
            let code = validate::run_with(
                files,
                mode,
                format,
                lang,
                &Limits::default(),
                &mut io::stdout(),
                &mut io::stderr(),
            );
            Some(ExitCode::from(u8::try_from(code).unwrap_or(2)))
        }
        Command::VerifySignature {
            zip,
            xml,
            signature,
            ask_anaf,
            anaf_url,
        } => {
            use spvdesk::cli::verify_signature::{self, VerifyArgs, VerifyInput};
            let input = match (zip, xml, signature) {
                (Some(z), _, _) => VerifyInput::Zip(z.clone()),
                (None, Some(x), Some(s)) => VerifyInput::Files {
                    xml: x.clone(),
                    signature: s.clone(),
                },
                _ => {
                    let _ = writeln!(
                        io::stderr(),
                        "spvdesk: give a ZIP or both --xml and --signature"
                    );
                    return Some(ExitCode::from(2));
                }
            };
            let mut trust = match verify_signature::trust_store_from_env() {
                Ok(t) => t,
                Err(e) => {
                    let _ = writeln!(io::stderr(), "spvdesk: {e}");
                    return Some(ExitCode::from(2));
                }
            };
            if common.anaf == AnafMode::Sandbox
                && let Err(e) =
                    verify_signature::add_sandbox_certificates(&mut trust, &common.data_dir)
            {
                let _ = writeln!(io::stderr(), "spvdesk: {e}");
                return Some(ExitCode::from(2));
            }
            let ask_anaf = ask_anaf.then(|| {
                anaf_url.clone().unwrap_or_else(|| match common.anaf {
                    AnafMode::Sandbox => format!(
                        "{}/sandbox",
                        common
                            .public_url
                            .as_deref()
                            .unwrap_or("http://127.0.0.1:8080")
                            .trim_end_matches('/')
                    ),
                    AnafMode::Test | AnafMode::Prod => {
                        spvdesk::anaf::signature_remote::ANAF_PUBLIC_HOST.to_owned()
                    }
                })
            });
            let code = verify_signature::run(
                VerifyArgs {
                    input,
                    now: chrono::Utc::now(),
                    ask_anaf,
                },
                &trust,
                &mut io::stdout(),
            );
            Some(ExitCode::from(u8::try_from(code).unwrap_or(2)))
        }
        _ => None,
    }
}

fn run_sandbox(data_dir: &std::path::Path, listen: &str) -> Result<(), String> {
    let listener =
        TcpListener::bind(listen).map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    let mut cfg = spvdesk::sandbox::SandboxConfig::new(data_dir);
    cfg.public_base = Some(format!("http://{bound}"));
    let sandbox = spvdesk::sandbox::Sandbox::open(cfg).map_err(|e| e.to_string())?;
    tracing::info!(
        "ANAF sandbox listening on http://{bound} (data in {})",
        data_dir.display()
    );
    actix_web::rt::System::new()
        .block_on(spvdesk::sandbox::run_standalone(listener, sandbox))
        .map_err(|e| e.to_string())
}

fn run(common: CommonArgs, command: Command) -> Result<(), String> {
    if let Command::AnafSandbox { listen } = &command {
        return run_sandbox(&common.data_dir, listen);
    }
    let settings = common.raw().resolve().map_err(|e| e.to_string())?;
    let now = chrono::Utc::now().naive_utc();
    match command {
        Command::Serve { listen } => {
            let listener = TcpListener::bind(&listen)
                .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
            let bound = listener
                .local_addr()
                .map(|a| a.to_string())
                .unwrap_or(listen);
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            runtime.block_on(async move {
                let app = Application::build(settings, listener).map_err(|e| e.to_string())?;
                tracing::info!("spvdesk listening on http://{bound}");
                app.run_until_stopped().await.map_err(|e| e.to_string())
            })
        }
        Command::Migrate => {
            spvdesk::startup::connect(&settings).map_err(|e| e.to_string())?;
            println!("database is up to date");
            Ok(())
        }
        Command::User {
            action:
                UserAction::Add {
                    email,
                    name,
                    password_stdin: _,
                },
        } => {
            let pool = spvdesk::startup::connect(&settings).map_err(|e| e.to_string())?;
            spvdesk::cli::accounts::user_add(
                &pool,
                &email,
                name.as_deref(),
                &mut io::stdin().lock(),
                &mut io::stdout(),
                now,
            )
        }
        Command::Token {
            action: TokenAction::Add { email, name },
        } => {
            let pool = spvdesk::startup::connect(&settings).map_err(|e| e.to_string())?;
            spvdesk::cli::accounts::token_add(&pool, &email, &name, &mut io::stdout(), now)
        }
        Command::VerifySignature { .. }
        | Command::Validate { .. }
        | Command::AnafSandbox { .. } => Err("handled elsewhere".into()),
    }
}
