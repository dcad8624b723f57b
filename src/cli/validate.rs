//! `spvdesk validate [--mode quick|full] [--format text|json] FILE...`
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

use crate::validation::{self, Finding, Flag, Limits, Mode, Report};

pub const EXIT_VALID: i32 = 0;
pub const EXIT_INVALID: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

pub const USAGE: &str = "usage: spvdesk validate [--mode quick|full] [--format text|json] FILE...";

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
            OutputFormat::Text => write_text(out, &shown, mode, &report),
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

fn write_text(out: &mut dyn Write, file: &str, mode: Mode, report: &Report) -> std::io::Result<()> {
    for f in &report.findings {
        let line = f.line.map_or_else(String::new, |l| format!("{l}:"));
        let column = f.column.map_or_else(String::new, |c| format!("{c}:"));
        let location = if f.location.is_empty() {
            String::new()
        } else {
            format!(" {}:", f.location)
        };
        writeln!(
            out,
            "{file}:{line}{column} {} [{}]{location} {}",
            f.flag.as_str(),
            f.rule,
            f.message_en
        )?;
    }
    let verdict = if report.is_valid() {
        "valid"
    } else {
        "invalid"
    };
    writeln!(
        out,
        "{file}: {verdict} ({} mode, {} fatal, {} warning)",
        mode.as_str(),
        report.fatal_count(),
        report.warning_count()
    )
}
