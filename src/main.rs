//! The `handbook` command line: parses arguments, runs the library, prints
//! the report, sets the exit code (0 clean, 1 content errors, 2 usage or
//! environment errors).

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use handbook::diagnostics::Report;
use handbook::{BuildOptions, Project};

#[derive(Parser)]
#[command(
    name = "handbook",
    version,
    about = "Build a multilingual client-relationship knowledge base into a static site"
)]
struct Cli {
    /// The project directory (holding content/, locales/, themes/).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// Print nothing but errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --out).
    Build {
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also fail on warnings (missing translations, orphans).
        #[arg(long)]
        strict: bool,
        /// Print how long each stage of the build took.
        #[arg(long)]
        timings: bool,
    },
    /// Run every validation without writing anything.
    Check {
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        #[arg(long)]
        strict: bool,
    },
    /// Build, serve on a local port, rebuild on change and reload open pages.
    Serve {
        /// The address to listen on; the default is reachable from this machine only.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// The port; 0 picks a free one (the address is printed).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Print how long each stage of each rebuild took.
        #[arg(long)]
        timings: bool,
    },
    /// Print each locale's booklet of checklists and playbooks to PDF
    /// (pdf/booklet-<locale>.pdf) through a locally installed Chromium.
    Pdf {
        #[arg(long)]
        out: Option<PathBuf>,
        /// The Chromium binary (default: $HANDBOOK_CHROMIUM, else chromium on PATH).
        #[arg(long)]
        chromium: Option<PathBuf>,
        /// Only this locale (repeatable; default: all).
        #[arg(long)]
        locale: Vec<String>,
    },
    /// Scaffold a new entry: entry.yaml and a text file per written locale.
    New {
        /// principle, checklist, playbook, scenario, module or source
        kind: String,
        /// The new entry's id: lowercase letters, digits and `-`.
        id: String,
    },
    /// Translation coverage per locale and kind, with the list of what to do.
    Coverage {
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Mark translations as brought up to date with the reference locale.
    Translated {
        /// The entry (omit with --all).
        id: Option<String>,
        /// The locale (omit to mark every complete translation of the entry).
        locale: Option<String>,
        /// Every complete translation of every entry (optionally of one --locale).
        #[arg(long, conflicts_with = "id")]
        all: bool,
        #[arg(long = "locale", value_name = "LOCALE", requires = "all")]
        only_locale: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let project = Project::new(cli.root.clone());
    if !project.content_dir().join("site.yaml").is_file() {
        eprintln!(
            "error: no content/site.yaml in {} — run handbook in a project folder or pass --root",
            project.root.display()
        );
        return ExitCode::from(2);
    }
    let color = std::io::stderr().is_terminal();
    match cli.command {
        Command::Build {
            out,
            strict,
            timings,
        } => {
            let show_progress = !cli.quiet && std::io::stderr().is_terminal();
            let options = BuildOptions {
                out,
                strict,
                progress: show_progress.then_some(show_stage as fn(&str)),
                ..BuildOptions::default()
            };
            match handbook::build(&project, &options) {
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::from(2)
                }
                Ok((report, summary)) => {
                    if show_progress {
                        eprint!("\r\x1b[K");
                    }
                    print_build_report(&report, cli.quiet, color);
                    match summary {
                        Some(summary) => {
                            if !cli.quiet {
                                print_build_summary(&summary);
                            }
                            if timings {
                                print_timings(&summary.timings);
                            }
                            ExitCode::SUCCESS
                        }
                        None => {
                            eprintln!(
                                "build failed: {} error(s), {} warning(s){}; the previous output is unchanged",
                                report.errors(),
                                report.warnings(),
                                if strict && report.errors() == 0 { " (--strict)" } else { "" }
                            );
                            ExitCode::from(1)
                        }
                    }
                }
            }
        }
        Command::Check { format, strict } => {
            let report = handbook::check(&project, strict);
            match format {
                Format::Json => print!("{}", report.to_json()),
                Format::Human => {
                    print_report(&report, cli.quiet, color);
                    if !cli.quiet {
                        eprintln!(
                            "check: {} error(s), {} warning(s)",
                            report.errors(),
                            report.warnings()
                        );
                    }
                }
            }
            let failed = report.errors() > 0 || (strict && report.warnings() > 0);
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Serve {
            bind,
            port,
            timings,
        } => {
            let options = handbook::serve::ServeOptions {
                bind,
                port,
                color,
                quiet: cli.quiet,
            };
            let rebuilder =
                handbook::serve::Incremental::new(project.clone()).with_timings(timings);
            match handbook::serve::serve(&project, &options, rebuilder) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Pdf {
            out,
            chromium,
            locale,
        } => {
            let options = handbook::pdf::PdfOptions {
                out,
                chromium,
                locales: locale,
            };
            match handbook::pdf::export_booklets(&project, &options) {
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::from(2)
                }
                Ok((report, None)) => {
                    print_build_report(&report, cli.quiet, color);
                    eprintln!(
                        "pdf failed: {} error(s) in the content; nothing written",
                        report.errors()
                    );
                    ExitCode::from(1)
                }
                Ok((report, Some(written))) => {
                    print_build_report(&report, true, color);
                    if !cli.quiet {
                        for pdf in written {
                            eprintln!(
                                "wrote {} ({} KB)",
                                pdf.path.display(),
                                pdf.bytes.div_ceil(1024)
                            );
                        }
                    }
                    ExitCode::SUCCESS
                }
            }
        }
        Command::Coverage { format } => {
            let (report, coverage) = handbook::coverage(&project);
            print_report(&report, true, color);
            match coverage {
                Some(coverage) => {
                    match format {
                        Format::Json => print!("{}", coverage.to_json()),
                        Format::Human => print!("{}", coverage.to_human()),
                    }
                    ExitCode::SUCCESS
                }
                None => ExitCode::from(1),
            }
        }
        Command::Translated {
            id,
            locale,
            all,
            only_locale,
        } => {
            if id.is_none() && !all {
                eprintln!(
                    "error: name an entry (`handbook translated <id> [<locale>]`) or pass --all"
                );
                return ExitCode::from(2);
            }
            let locale = locale.or(only_locale);
            match handbook::authoring::mark_translated(&project, id.as_deref(), locale.as_deref()) {
                Ok(files) => {
                    if !cli.quiet {
                        for file in &files {
                            eprintln!("marked {}", file.display());
                        }
                        eprintln!("{} translation(s) marked as current", files.len());
                    }
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::from(1)
                }
            }
        }
        Command::New { kind, id } => match handbook::authoring::new_entry(&project, &kind, &id) {
            Ok(created) => {
                if !cli.quiet {
                    for file in created {
                        eprintln!("created {}", file.display());
                    }
                }
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(1)
            }
        },
    }
}

fn print_build_summary(summary: &handbook::BuildSummary) {
    let seconds = summary.elapsed.as_secs_f64();
    if summary.up_to_date {
        eprintln!(
            "{} is up to date: nothing changed since the last build ({} files, {} warning(s) then; `handbook check` lists them), checked in {seconds:.2} s",
            summary.out.display(),
            summary.files,
            summary.warnings,
        );
        return;
    }
    let per_locale: Vec<String> = summary
        .pages_per_locale
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    let changes = if summary.written == summary.files && summary.removed == 0 {
        String::new()
    } else {
        format!(
            " ({} written, {} unchanged, {} removed)",
            summary.written,
            summary.files - summary.written,
            summary.removed
        )
    };
    eprintln!(
        "built {} files{changes} into {} (pages: {}), {} warning(s), in {seconds:.2} s",
        summary.files,
        summary.out.display(),
        per_locale.join(", "),
        summary.warnings,
    );
}

fn print_timings(timings: &handbook::Timings) {
    eprint!("{timings}");
}

/// On a terminal, the current stage on one line, overwritten by the next.
fn show_stage(note: &str) {
    eprint!("\r\x1b[K{note}…");
}

/// A build shows every error, but many warnings only as counts per code:
/// `handbook check` lists them all.
fn print_build_report(report: &Report, quiet: bool, color: bool) {
    const MAX_LISTED_WARNINGS: usize = 10;
    if report.warnings() <= MAX_LISTED_WARNINGS {
        return print_report(report, quiet, color);
    }
    print_report(report, true, color);
    if quiet {
        return;
    }
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for d in report
        .list
        .iter()
        .filter(|d| d.severity == handbook::diagnostics::Severity::Warning)
    {
        *counts.entry(d.code).or_default() += 1;
    }
    for (code, count) in counts {
        eprintln!("warning[{code}]: {count} times (run `handbook check` to list them)");
    }
}

fn print_report(report: &Report, quiet: bool, color: bool) {
    let shown: Vec<_> = report
        .list
        .iter()
        .filter(|d| !quiet || d.severity == handbook::diagnostics::Severity::Error)
        .collect();
    if shown.is_empty() {
        return;
    }
    let text = report.to_human(color);
    if quiet {
        // Only the error blocks: each block starts with its header line.
        let mut keep = false;
        for line in text.lines() {
            if line.contains("error[") {
                keep = true;
            } else if line.contains("warning[") {
                keep = false;
            }
            if keep {
                eprintln!("{line}");
            }
        }
    } else {
        eprint!("{text}");
    }
}
