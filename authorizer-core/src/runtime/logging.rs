//! The generated binary's logging: `tracing` to stdout, following Lambda's advanced logging
//! controls, with `RUST_LOG`'s directives.
//!
//! - The filter is `tracing-subscriber`'s `EnvFilter`: `RUST_LOG` may hold any of its
//!   directives (`info,my_crate=debug,hyper=warn`, spans, fields). Its bare level is the
//!   default level, unless `AWS_LAMBDA_LOG_LEVEL` (Lambda's application log level) gives one:
//!   that one wins (Lambda's `FATAL` is `ERROR`). What cannot be read is reported once, in
//!   one WARN line, and ignored: the function runs with the rest.
//! - Text by default: the level, the spans (the invocation's holds its request id), the
//!   message and fields. No ANSI colours (CloudWatch shows them as escapes), no timestamps
//!   (Lambda stamps every line).
//! - `AWS_LAMBDA_LOG_FORMAT=JSON`: one object per line, with the keys of the JSON logs of
//!   Lambda's managed runtimes ([`LambdaJson`]).
//! - A subscriber the user installed first (`#[authorizer(logging = ...)]`) is kept: then
//!   none of this applies.

use std::fmt::{self, Write as _};
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use tracing::field::{Field, Visit};
use tracing::level_filters::LevelFilter;
use tracing::{Dispatch, Event, Metadata, Subscriber, span};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::field::RecordFields;
use tracing_subscriber::filter::Directive;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields, FormattedFields, MakeWriter};
use tracing_subscriber::registry::LookupSpan;

/// Installs the subscriber, unless the process already has one (the user's: kept).
pub(crate) fn init() {
    let mut settings = Settings::new(|name| std::env::var(name).ok());
    let ignored = std::mem::take(&mut settings.ignored);
    if tracing::dispatcher::set_global_default(settings.dispatch(std::io::stdout)).is_ok() && !ignored.is_empty() {
        tracing::warn!(ignored = %ignored.join("; "), "some logging settings were ignored");
    }
}

/// What the environment asks for.
struct Settings {
    json: bool,
    filter: EnvFilter,
    /// What could not be read, said in a few words each, to report once.
    ignored: Vec<String>,
}

impl Settings {
    /// From `AWS_LAMBDA_LOG_FORMAT`, `AWS_LAMBDA_LOG_LEVEL` and `RUST_LOG`, as `var` gives them.
    fn new(var: impl Fn(&str) -> Option<String>) -> Self {
        let json = var("AWS_LAMBDA_LOG_FORMAT").is_some_and(|f| f.trim().eq_ignore_ascii_case("json"));
        let (filter, ignored) = filter(var("AWS_LAMBDA_LOG_LEVEL").as_deref(), var("RUST_LOG").as_deref());
        Self { json, filter, ignored }
    }

    /// The subscriber, writing to `writer`.
    fn dispatch<W>(self, writer: W) -> Dispatch
    where
        W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
    {
        let builder = tracing_subscriber::fmt().with_env_filter(self.filter).with_writer(writer);
        if self.json {
            Dispatch::new(builder.fmt_fields(JsonFields).event_format(LambdaJson).finish())
        } else {
            Dispatch::new(builder.with_target(false).without_time().finish())
        }
    }
}

/// A level as Lambda or `RUST_LOG` writes it: `DEBUG`, `warn`, `3`, `off`; Lambda's `FATAL`
/// is `ERROR`.
fn level(value: &str) -> Option<LevelFilter> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("fatal") {
        return Some(LevelFilter::ERROR);
    }
    LevelFilter::from_str(value).ok()
}

/// The filter: `RUST_LOG`'s directives for targets, spans and fields, and as the default
/// level `AWS_LAMBDA_LOG_LEVEL`, else `RUST_LOG`'s bare level (the last one, as `EnvFilter`
/// reads it), else `INFO`. Also says what it ignored.
fn filter(lambda: Option<&str>, rust_log: Option<&str>) -> (EnvFilter, Vec<String>) {
    let mut ignored = Vec::new();
    let lambda = lambda.filter(|value| !value.trim().is_empty()).and_then(|value| {
        let found = level(value);
        if found.is_none() {
            ignored.push(format!("AWS_LAMBDA_LOG_LEVEL `{value}` (not a level)"));
        }
        found
    });
    let (mut bare, mut directives) = (None, Vec::new());
    for text in rust_log.unwrap_or_default().split(',').map(str::trim).filter(|text| !text.is_empty()) {
        if let Some(found) = level(text) {
            bare = Some(found);
            continue;
        }
        match Directive::from_str(text) {
            Ok(directive) => directives.push(directive),
            Err(e) => ignored.push(format!("RUST_LOG directive `{text}` ({e})")),
        }
    }
    let default = lambda.or(bare).unwrap_or(LevelFilter::INFO);
    let filter = directives.into_iter().fold(EnvFilter::default(), EnvFilter::add_directive);
    (filter.add_directive(default.into()), ignored)
}

/// Lambda's JSON log lines: `timestamp` (UTC, ISO 8601 with milliseconds, as
/// `2023-12-08T23:21:04.632Z`), `level` (`TRACE`, `DEBUG`, `INFO`, `WARN` or `ERROR`, which
/// Lambda's application log level filters on), `requestId` and `traceId` within an
/// invocation, `message`, then the fields of the spans the event is in (outermost first)
/// and the event's own.
///
/// Those are the keys of the managed runtimes' JSON logs: `timestamp`, `level`, `message`
/// and `requestId` in every one, `traceId` (the X-Ray trace id) in .NET's:
/// <https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html>,
/// <https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html>,
/// <https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html>,
/// <https://docs.aws.amazon.com/lambda/latest/dg/csharp-logging.html>.
///
/// The request id and the trace id are the fields `request_id` and `trace_id` of the
/// framework's `invocation` span; the framework's own events name them the same way and are
/// written with Lambda's names too.
struct LambdaJson;

impl<S> FormatEvent<S, JsonFields> for LambdaJson
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, JsonFields>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let metadata = event.metadata();
        writer.write_str("{\"timestamp\":\"")?;
        write_timestamp(&mut writer, SystemTime::now())?;
        write!(writer, "\",\"level\":\"{}\"", metadata.level())?;
        let span_fields = |invocation: bool| {
            ctx.event_scope()
                .into_iter()
                .flat_map(|scope| scope.from_root())
                .filter(move |span| is_invocation(span.metadata()) == invocation)
        };
        // The innermost invocation's ids, under Lambda's names. `"request_id":` can only be a
        // key there: inside a JSON string, `"` is escaped.
        if let Some(span) = span_fields(true).last()
            && let Some(fields) = span.extensions().get::<FormattedFields<JsonFields>>()
            && !fields.fields.is_empty()
        {
            let renamed = fields.fields.replace("\"request_id\":", "\"requestId\":");
            write!(writer, ",{}", renamed.replace("\"trace_id\":", "\"traceId\":"))?;
        }
        let framework = is_framework(metadata);
        let mut message = JsonVisitor::new(&mut writer, Only::Message, framework, true);
        event.record(&mut message);
        message.result?;
        for span in span_fields(false) {
            if let Some(fields) = span.extensions().get::<FormattedFields<JsonFields>>()
                && !fields.fields.is_empty()
            {
                write!(writer, ",{}", fields.fields)?;
            }
        }
        let mut rest = JsonVisitor::new(&mut writer, Only::Others, framework, true);
        event.record(&mut rest);
        rest.result?;
        writer.write_str("}\n")
    }
}

/// The framework's span around each invocation.
fn is_invocation(metadata: &Metadata<'_>) -> bool {
    metadata.name() == "invocation" && is_framework(metadata)
}

fn is_framework(metadata: &Metadata<'_>) -> bool {
    let target = metadata.target();
    target == "authorizer_core" || target.starts_with("authorizer_core::")
}

/// Spans' fields as JSON members (`"key":value,...`, without the braces), kept by the
/// `fmt` layer for [`LambdaJson`] to copy into each event's object.
struct JsonFields;

impl<'w> FormatFields<'w> for JsonFields {
    fn format_fields<R: RecordFields>(&self, mut writer: Writer<'w>, fields: R) -> fmt::Result {
        let mut visitor = JsonVisitor::new(&mut writer, Only::All, false, false);
        fields.record(&mut visitor);
        visitor.result
    }

    fn add_fields(&self, current: &'w mut FormattedFields<Self>, fields: &span::Record<'_>) -> fmt::Result {
        let comma = !current.fields.is_empty();
        let mut writer = current.as_writer();
        let mut visitor = JsonVisitor::new(&mut writer, Only::All, false, comma);
        fields.record(&mut visitor);
        visitor.result
    }
}

/// Which fields a [`JsonVisitor`] writes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Only {
    Message,
    Others,
    All,
}

/// Writes fields as JSON members: `,"key":value` (without the first comma when `comma` is
/// false). Integers, floats and booleans as JSON values (a float that is not finite as a
/// string), everything else as a string.
struct JsonVisitor<'a, W: fmt::Write> {
    out: &'a mut W,
    only: Only,
    /// The framework's own event: its `request_id` and `trace_id` get Lambda's names.
    framework: bool,
    comma: bool,
    result: fmt::Result,
}

impl<'a, W: fmt::Write> JsonVisitor<'a, W> {
    fn new(out: &'a mut W, only: Only, framework: bool, comma: bool) -> Self {
        Self { out, only, framework, comma, result: Ok(()) }
    }

    /// Writes `"key":` and then the value with `value`, if the field is one to write.
    fn member(&mut self, field: &Field, value: impl FnOnce(&mut W) -> fmt::Result) {
        let name = field.name();
        let wanted = match self.only {
            Only::Message => name == "message",
            Only::Others => name != "message",
            Only::All => true,
        };
        if !wanted || self.result.is_err() {
            return;
        }
        let name = match name {
            "request_id" if self.framework => "requestId",
            "trace_id" if self.framework => "traceId",
            name => name,
        };
        self.result = (|| {
            if self.comma {
                self.out.write_char(',')?;
            }
            write_string(self.out, format_args!("{name}"))?;
            self.out.write_char(':')?;
            value(self.out)
        })();
        self.comma = true;
    }
}

impl<W: fmt::Write> Visit for JsonVisitor<'_, W> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.member(field, |out| write_string(out, format_args!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.member(field, |out| write_string(out, format_args!("{value}")));
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.member(field, |out| write_string(out, format_args!("{value}")));
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.member(field, |out| write!(out, "{value}"));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.member(field, |out| write!(out, "{value}"));
    }

    fn record_i128(&mut self, field: &Field, value: i128) {
        self.member(field, |out| write!(out, "{value}"));
    }

    fn record_u128(&mut self, field: &Field, value: u128) {
        self.member(field, |out| write!(out, "{value}"));
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.member(field, |out| write!(out, "{value}"));
    }

    fn record_f64(&mut self, field: &Field, value: f64) {
        if value.is_finite() {
            self.member(field, |out| write!(out, "{value}"));
        } else {
            self.member(field, |out| write_string(out, format_args!("{value}")));
        }
    }
}

/// Writes `text` as a JSON string, escaped as it is formatted (no copy).
fn write_string(out: &mut impl fmt::Write, text: fmt::Arguments<'_>) -> fmt::Result {
    out.write_char('"')?;
    Escaped(out).write_fmt(text)?;
    out.write_char('"')
}

/// Escapes what JSON requires (`"`, `\`, control characters), and DEL and the C1 controls
/// too, so that no terminal escape sequence reaches a reader raw.
struct Escaped<'a, W: fmt::Write>(&'a mut W);

impl<W: fmt::Write> fmt::Write for Escaped<'_, W> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let mut plain = 0;
        for (at, c) in text.char_indices() {
            let short = match c {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ if c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c) => "",
                _ => continue,
            };
            self.0.write_str(&text[plain..at])?;
            if short.is_empty() {
                write!(self.0, "\\u{:04x}", u32::from(c))?;
            } else {
                self.0.write_str(short)?;
            }
            plain = at + c.len_utf8();
        }
        self.0.write_str(&text[plain..])
    }
}

/// `2023-12-08T23:21:04.632Z`: UTC, milliseconds, as Lambda's runtimes write it. A clock
/// before 1970 is written as 1970.
fn write_timestamp(out: &mut impl fmt::Write, now: SystemTime) -> fmt::Result {
    let since = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    let (days, seconds) = (since.as_secs() / 86_400, since.as_secs() % 86_400);
    let (year, month, day) = civil_date(days);
    write!(
        out,
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60,
        since.subsec_millis()
    )
}

/// The Gregorian date `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_date(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let (era, day_of_era) = (z / 146_097, z % 146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use serde_json::{Value, json};
    use tracing::{debug, error, field, info, info_span, trace, warn};

    use super::*;

    /// What a subscriber wrote, shared with the test.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Captured {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }

        fn json_lines(&self) -> Vec<Value> {
            let text = self.text();
            text.lines().map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"))).collect()
        }
    }

    impl io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl<'w> MakeWriter<'w> for Captured {
        type Writer = Self;

        fn make_writer(&'w self) -> Self {
            self.clone()
        }
    }

    /// Runs `body` under the subscriber the variables ask for, and returns what it wrote.
    fn logs(vars: &[(&str, &str)], body: impl FnOnce()) -> Captured {
        let settings = Settings::new(|name| vars.iter().find(|(key, _)| *key == name).map(|(_, v)| (*v).to_owned()));
        let captured = Captured::default();
        tracing::dispatcher::with_default(&settings.dispatch(captured.clone()), body);
        captured
    }

    #[test]
    fn lambda_level_then_rust_log_bare_level_then_info() {
        let default = |lambda, rust_log| {
            let (filter, _) = filter(lambda, rust_log);
            filter.max_level_hint()
        };
        assert_eq!(default(Some("DEBUG"), Some("error")), Some(LevelFilter::DEBUG));
        assert_eq!(default(Some("FATAL"), None), Some(LevelFilter::ERROR));
        assert_eq!(default(None, Some("warn")), Some(LevelFilter::WARN));
        assert_eq!(default(None, Some("info,trace")), Some(LevelFilter::TRACE));
        assert_eq!(default(None, None), Some(LevelFilter::INFO));
        assert_eq!(default(Some(""), Some("error")), Some(LevelFilter::ERROR));
    }

    #[test]
    fn what_cannot_be_read_is_said_and_ignored() {
        let (filter, ignored) = filter(Some("loud"), Some("info,my_crate=shouty,[unclosed,hyper=warn"));
        assert_eq!(filter.max_level_hint(), Some(LevelFilter::INFO));
        assert_eq!(ignored.len(), 3, "{ignored:?}");
        assert!(ignored[0].starts_with("AWS_LAMBDA_LOG_LEVEL `loud`"), "{ignored:?}");
        assert!(ignored[1].starts_with("RUST_LOG directive `my_crate=shouty`"), "{ignored:?}");
        assert!(ignored[2].starts_with("RUST_LOG directive `[unclosed`"), "{ignored:?}");
    }

    /// `RUST_LOG=info,my_crate=debug,hyper=warn`: each target at its own level, the rest at
    /// the default; `AWS_LAMBDA_LOG_LEVEL` replaces the default only.
    #[test]
    fn directives_apply_per_target() {
        let emit = || {
            trace!(target: "my_crate", "my_crate trace");
            debug!(target: "my_crate", "my_crate debug");
            debug!(target: "my_crate::db", "my_crate::db debug");
            info!(target: "hyper", "hyper info");
            warn!(target: "hyper", "hyper warn");
            debug!(target: "other", "other debug");
            info!(target: "other", "other info");
        };
        let seen = |vars: &[(&str, &str)]| {
            let text = logs(vars, emit).text();
            text.lines().map(|line| line.trim_start().to_owned()).collect::<Vec<_>>()
        };
        let directives = ("RUST_LOG", "info,my_crate=debug,hyper=warn");
        assert_eq!(
            seen(&[directives]),
            ["DEBUG my_crate debug", "DEBUG my_crate::db debug", "WARN hyper warn", "INFO other info"]
        );
        assert_eq!(
            seen(&[directives, ("AWS_LAMBDA_LOG_LEVEL", "ERROR")]),
            ["DEBUG my_crate debug", "DEBUG my_crate::db debug", "WARN hyper warn"]
        );
        assert_eq!(
            seen(&[("RUST_LOG", "my_crate::db=trace,warn,bad=loud")]),
            ["DEBUG my_crate::db debug", "WARN hyper warn"]
        );
    }

    /// Span directives: `[invocation]=debug` shows DEBUG inside invocations only.
    #[test]
    fn span_directives_apply_inside_the_span() {
        let text = logs(&[("RUST_LOG", "warn,[invocation]=debug")], || {
            debug!("before");
            info_span!("invocation", request_id = "id-1").in_scope(|| debug!("inside"));
        })
        .text();
        assert!(!text.contains("before"), "{text}");
        assert!(text.contains("inside"), "{text}");
    }

    /// Lambda's keys, in Lambda's order, then the spans' and the event's fields.
    #[test]
    fn json_lines_have_lambdas_keys() {
        let captured = logs(&[("AWS_LAMBDA_LOG_FORMAT", "JSON"), ("RUST_LOG", "debug")], || {
            let span = info_span!("invocation", request_id = "8f50-abc", trace_id = field::Empty);
            span.record("trace_id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
            span.in_scope(|| {
                info_span!("lookup", table = "keys", attempt = 2_u64).in_scope(|| {
                    info!(
                        principal_id = "user-1",
                        cached = true,
                        ratio = 0.5,
                        nan = f64::NAN,
                        quoted = %"say \"hi\"\n\u{1b}[31m",
                        "denied ({})",
                        403
                    );
                });
            });
            error!(request_id = "9a", "outside");
            debug!(target: "my_crate", request_id = "mine", "user's field keeps its name");
        });
        let text = captured.text();
        let first = text.lines().next().unwrap();
        assert!(
            first.starts_with("{\"timestamp\":\"") && first.contains("\",\"level\":\"INFO\",\"requestId\":\"8f50-abc\",\"traceId\":\"Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1\",\"message\":\"denied (403)\","),
            "{first}"
        );
        let lines = captured.json_lines();
        let mut line = lines[0].clone();
        let timestamp = line.as_object_mut().unwrap().remove("timestamp").unwrap();
        assert_eq!(
            line,
            json!({
                "level": "INFO",
                "requestId": "8f50-abc",
                "traceId": "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
                "message": "denied (403)",
                "table": "keys",
                "attempt": 2,
                "principal_id": "user-1",
                "cached": true,
                "ratio": 0.5,
                "nan": "NaN",
                "quoted": "say \"hi\"\n\u{1b}[31m",
            })
        );
        let timestamp = timestamp.as_str().unwrap();
        assert_eq!(timestamp.len(), "2023-12-08T23:21:04.632Z".len(), "{timestamp}");
        assert!(text.contains("\\u001b[31m"), "ESC escaped: {text}");
        // The framework's own event outside the span names the request id as Lambda does.
        assert_eq!(
            lines[1],
            json!({"timestamp": lines[1]["timestamp"], "level": "ERROR", "message": "outside", "requestId": "9a"})
        );
        assert_eq!(lines[2]["request_id"], "mine");
        assert_eq!(lines[2]["level"], "DEBUG");
        assert_eq!(lines.len(), 3);
    }

    /// Without a trace id, no `traceId`; outside an invocation, no `requestId`.
    #[test]
    fn json_ids_only_when_known() {
        let lines = logs(&[("AWS_LAMBDA_LOG_FORMAT", "json")], || {
            info_span!("invocation", request_id = "id-2", trace_id = field::Empty).in_scope(|| info!("in"));
            info!("out");
        })
        .json_lines();
        assert_eq!(lines[0]["requestId"], "id-2");
        assert!(lines[0].get("traceId").is_none(), "{}", lines[0]);
        assert!(lines[1].get("requestId").is_none(), "{}", lines[1]);
    }

    /// Text: every line inside an invocation carries its request id, through the span.
    #[test]
    fn text_lines_carry_the_request_id() {
        let text = logs(&[("RUST_LOG", "debug")], || {
            info_span!("invocation", request_id = "id-3", trace_id = field::Empty).in_scope(|| {
                debug!("one");
                info_span!("inner").in_scope(|| warn!(reason = "x", "two"));
            });
        })
        .text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines.iter().all(|line| line.contains("request_id=\"id-3\"")), "{text}");
        assert!(lines[0].starts_with("DEBUG ") && lines[1].starts_with(" WARN "), "{text}");
    }

    #[test]
    fn timestamps_are_utc_with_milliseconds() {
        let at = |seconds: u64, millis: u64| {
            let mut out = String::new();
            write_timestamp(&mut out, UNIX_EPOCH + Duration::from_millis(seconds * 1000 + millis)).unwrap();
            out
        };
        assert_eq!(at(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(at(1_702_077_664, 632), "2023-12-08T23:21:04.632Z");
        assert_eq!(at(951_782_400, 5), "2000-02-29T00:00:00.005Z");
        assert_eq!(at(4_107_542_399, 999), "2100-02-28T23:59:59.999Z");
        let mut out = String::new();
        write_timestamp(&mut out, UNIX_EPOCH - Duration::from_secs(1)).unwrap();
        assert_eq!(out, "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn strings_are_escaped_for_json() {
        let mut out = String::new();
        write_string(&mut out, format_args!("a\"b\\c\nd\u{0}e\u{7f}f\u{85}gé😀")).unwrap();
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u0000e\\u007ff\\u0085gé😀\"");
        assert_eq!(serde_json::from_str::<String>(&out).unwrap(), "a\"b\\c\nd\u{0}e\u{7f}f\u{85}gé😀");
    }
}
