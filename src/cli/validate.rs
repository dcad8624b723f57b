//! `spvdesk validate [--mode quick|full] [--format text|json] [--lang ro|en] FILE...`
//!
//! The only part of validation that touches files. Exit codes: 0 when every file is valid,
//! 1 when any file is invalid, 2 on a usage or I/O error (missing file, unreadable file, output
//! that cannot be written); an I/O error wins over an invalid file.
//! A file's length is checked before it is read, and reading stops one byte past the limit,
//! so a 50 MB file is never loaded into memory.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::i18n::{Lang, counted, tr};
use crate::validation::{self, Finding, Flag, Limits, Mode, Report};

pub const EXIT_VALID: i32 = 0;
pub const EXIT_INVALID: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

pub const USAGE: &str =
    "usage: spvdesk validate [--mode quick|full] [--format text|json] [--lang ro|en] FILE...";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Text,
    Json,
}

/// One JSON line per file; field order is part of the interface.
#[derive(Serialize)]
struct FileLine<'a> {
    file: &'a str,
    mode: &'a str,
    valid: bool,
    errors: Vec<ErrorLine<'a>>,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    rule: &'a str,
    flag: Flag,
    location: &'a str,
    /// English; the Romanian text is in `message_ro`.
    message: &'a str,
    message_ro: &'a str,
    line: Option<u32>,
    column: Option<u32>,
}

/// Validates every file in `paths` and writes one result per file to `out`; problems with the
/// files themselves go to `err`. Returns the process exit code.
pub fn run(
    paths: &[PathBuf],
    mode: Mode,
    format: OutputFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    run_with_limits(paths, mode, format, &Limits::default(), out, err)
}

/// [`run`] with explicit limits (tests use small ones).
pub fn run_with_limits(
    paths: &[PathBuf],
    mode: Mode,
    format: OutputFormat,
    limits: &Limits,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    run_with(paths, mode, format, Lang::En, limits, out, err)
}

/// The language of a user's locale, from the variables the C library reads, in its order
/// (`LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first one set and not empty decides):
/// Romanian for `ro`, `ro_RO.UTF-8` and the like, else English.
pub fn locale_lang(var: impl Fn(&str) -> Option<String>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()))
        .unwrap_or_default();
    let language = locale
        .split(['_', '.', '@', '-'])
        .next()
        .unwrap_or_default();
    if language.eq_ignore_ascii_case("ro") {
        Lang::Ro
    } else {
        Lang::En
    }
}

/// [`run_with_limits`] with the language of the text output's messages (`lang`; the JSON
/// output carries both languages whatever it is).
pub fn run_with(
    paths: &[PathBuf],
    mode: Mode,
    format: OutputFormat,
    lang: Lang,
    limits: &Limits,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    if paths.is_empty() {
        // Nothing useful can be done if even stderr fails; the exit code still says it.
        let _ = writeln!(err, "{USAGE}");
        return EXIT_ERROR;
    }
    let mut io_error = false;
    let mut any_invalid = false;
    for path in paths {
        let shown = path.display().to_string();
        let report = match load_and_validate(path, mode, limits) {
            Ok(report) => report,
            Err(e) => {
                io_error = true;
                let _ = writeln!(err, "spvdesk validate: {shown}: {e}");
                continue;
            }
        };
        any_invalid |= !report.is_valid();
        let written = match format {
            OutputFormat::Json => write_json(out, &shown, mode, &report),
            OutputFormat::Text => write_text(out, &shown, mode, lang, &report),
        };
        if let Err(e) = written {
            let _ = writeln!(err, "spvdesk validate: cannot write the result: {e}");
            return EXIT_ERROR;
        }
    }
    if io_error {
        EXIT_ERROR
    } else if any_invalid {
        EXIT_INVALID
    } else {
        EXIT_VALID
    }
}

fn load_and_validate(path: &Path, mode: Mode, limits: &Limits) -> std::io::Result<Report> {
    let file = File::open(path)?;
    let len = file.metadata()?.len();
    let max = u64::try_from(limits.max_bytes).unwrap_or(u64::MAX);
    if len > max {
        return Ok(Report {
            findings: vec![validation::too_large_finding(len, limits)],
        });
    }
    // The file may grow between the length check and the read: never read more than max + 1.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() > limits.max_bytes {
        let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        return Ok(Report {
            findings: vec![validation::too_large_finding(read, limits)],
        });
    }
    Ok(validation::validate(&bytes, mode, limits))
}

fn error_line(f: &Finding) -> ErrorLine<'_> {
    ErrorLine {
        rule: &f.rule,
        flag: f.flag,
        location: &f.location,
        message: &f.message_en,
        message_ro: &f.message_ro,
        line: f.line,
        column: f.column,
    }
}

fn write_json(out: &mut dyn Write, file: &str, mode: Mode, report: &Report) -> std::io::Result<()> {
    let line = FileLine {
        file,
        mode: mode.as_str(),
        valid: report.is_valid(),
        errors: report.findings.iter().map(error_line).collect(),
    };
    let json = serde_json::to_string(&line).map_err(std::io::Error::other)?;
    writeln!(out, "{json}")
}

fn write_text(
    out: &mut dyn Write,
    file: &str,
    mode: Mode,
    lang: Lang,
    report: &Report,
) -> std::io::Result<()> {
    for f in &report.findings {
        let line = f.line.map_or_else(String::new, |l| format!("{l}:"));
        let column = f.column.map_or_else(String::new, |c| format!("{c}:"));
        let location = if f.location.is_empty() {
            String::new()
        } else {
            format!(" {}:", f.location)
        };
        let (flag, message) = match (lang, f.flag) {
            (Lang::En, flag) => (flag.as_str(), &f.message_en),
            (Lang::Ro, Flag::Fatal) => (tr(Lang::Ro, "invoices.error"), &f.message_ro),
            (Lang::Ro, Flag::Warning) => (tr(Lang::Ro, "invoices.warning"), &f.message_ro),
        };
        writeln!(
            out,
            "{file}:{line}{column} {flag} [{}]{location} {message}",
            f.rule,
        )?;
    }
    let (fatal, warning) = (report.fatal_count(), report.warning_count());
    let summary = match lang {
        // (The English line is read by scripts: it stays as it always was.)
        Lang::En => format!(
            "{} ({} mode, {fatal} fatal, {warning} warning)",
            if report.is_valid() {
                "valid"
            } else {
                "invalid"
            },
            mode.as_str()
        ),
        Lang::Ro => format!(
            "{} ({}, {}, {})",
            if report.is_valid() {
                "valid"
            } else {
                "nevalid"
            },
            // The invoice page's words ("Validare completă", "2 erori"), in a sentence.
            tr(
                Lang::Ro,
                match mode {
                    Mode::Quick => "invoices.validate_quick",
                    Mode::Full => "invoices.validate_full",
                }
            )
            .to_lowercase(),
            counted(Lang::Ro, fatal, "invoices.error", "invoices.errors"),
            counted(Lang::Ro, warning, "invoices.warning", "invoices.warnings")
        ),
    };
    writeln!(out, "{file}: {summary}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_picks_romanian_only_for_romanian() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(locale_lang(env(&[("LANG", "ro_RO.UTF-8")])), Lang::Ro);
        assert_eq!(locale_lang(env(&[("LANG", "ro")])), Lang::Ro);
        assert_eq!(locale_lang(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(locale_lang(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(locale_lang(env(&[])), Lang::En);
        // LC_ALL, then LC_MESSAGES, then LANG; an empty one does not count.
        assert_eq!(
            locale_lang(env(&[("LC_ALL", "ro_RO"), ("LANG", "en_GB")])),
            Lang::Ro
        );
        assert_eq!(
            locale_lang(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "en_GB"),
                ("LANG", "ro_RO")
            ])),
            Lang::En
        );
        // "rom" or "romanian" is not the language code.
        assert_eq!(locale_lang(env(&[("LANG", "rom_XX")])), Lang::En);
    }
}
