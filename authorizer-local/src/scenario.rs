//! Scenarios: gateway settings and a scripted list of requests (the file format is documented
//! in `authorizer-local scenario --help` and `authorizer_core::guide::local_gateway`), run through the gateway, and their results
//! as a table or as JSON. A request may carry a token that the local issuer mints from its
//! claims.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use authorizer_core::gateway::{Call, Exchange, Gateway, Request};
use authorizer_core::testing::LocalIssuer;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::Failure;
use crate::settings::{self, ApiArg, Settings};

/// A header or query value: one string, or several for a repeated name.
#[derive(Deserialize)]
#[serde(untagged)]
enum Values {
    One(String),
    Many(Vec<String>),
}

impl Values {
    fn into_vec(self) -> Vec<String> {
        match self {
            Self::One(value) => vec![value],
            Self::Many(values) => values,
        }
    }
}

/// How the authorizer is expected to be reached, as the table says it.
#[derive(Deserialize, Clone, Copy)]
enum CallName {
    #[serde(rename = "invoked")]
    Invoked,
    #[serde(rename = "cached")]
    Cached,
    #[serde(rename = "not invoked")]
    NotInvoked,
}

impl From<CallName> for Call {
    fn from(call: CallName) -> Self {
        match call {
            CallName::Invoked => Self::Invoked,
            CallName::Cached => Self::Cached,
            CallName::NotInvoked => Self::NotInvoked,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectFile {
    status: Option<u16>,
    authorizer: Option<CallName>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequestFile {
    #[serde(default = "get")]
    method: String,
    path: String,
    resource: Option<String>,
    #[serde(default)]
    headers: BTreeMap<String, Values>,
    #[serde(default)]
    query: BTreeMap<String, Values>,
    /// Claims of a token for the local issuer to mint and the request to carry.
    token: Option<Value>,
    #[serde(default)]
    advance: u64,
    note: Option<String>,
    expect: Option<ExpectFile>,
}

fn get() -> String {
    "GET".to_owned()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ScenarioFile {
    description: Option<String>,
    api: Option<String>,
    ttl: Option<u64>,
    #[serde(default)]
    identity_sources: Vec<String>,
    token_source: Option<String>,
    validation_expression: Option<String>,
    #[serde(default)]
    stage_variables: BTreeMap<String, String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default)]
    local_issuer: bool,
    requests: Vec<RequestFile>,
}

/// What a request is expected to get.
#[derive(Debug, Clone, Copy)]
pub struct Expect {
    pub status: Option<u16>,
    pub authorizer: Option<Call>,
}

impl Expect {
    fn holds(self, exchange: &Exchange) -> bool {
        self.status.is_none_or(|s| s == exchange.status) && self.authorizer.is_none_or(|a| a == exchange.authorizer)
    }

    fn describe(self) -> String {
        let mut parts = Vec::new();
        if let Some(status) = self.status {
            parts.push(status.to_string());
        }
        if let Some(call) = self.authorizer {
            parts.push(call.to_string());
        }
        parts.join(", ")
    }
}

/// One request of a scenario.
pub struct Step {
    pub advance: u64,
    pub request: Request,
    /// The claims of the token it carries, minted by the local issuer when it is sent.
    pub token: Option<Value>,
    pub note: Option<String>,
    pub expect: Option<Expect>,
}

/// A parsed scenario.
pub struct Scenario {
    pub description: Option<String>,
    pub settings: Settings,
    pub steps: Vec<Step>,
}

/// Parses a scenario file's text; the error says where and what.
pub fn parse(text: &str) -> Result<Scenario, String> {
    let file: ScenarioFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    convert(file)
}

/// A scenario written in code as JSON (the demo's).
pub fn from_value(value: Value) -> Result<Scenario, String> {
    let file: ScenarioFile = serde_json::from_value(value).map_err(|e| e.to_string())?;
    convert(file)
}

fn convert(file: ScenarioFile) -> Result<Scenario, String> {
    let api = match &file.api {
        Some(name) => Some(ApiArg::parse(name).ok_or_else(|| {
            format!("\"api\": `{name}` is not a kind of API; expected one of {}", ApiArg::NAMES.join(", "))
        })?),
        None => None,
    };
    if file.requests.is_empty() {
        return Err("\"requests\" is empty: give at least one request".into());
    }
    let settings = Settings {
        api,
        ttl: file.ttl,
        identity_sources: file.identity_sources,
        token_source: file.token_source,
        validation_expression: file.validation_expression,
        stage_variables: file.stage_variables.into_iter().collect(),
        env: file.env.into_iter().collect(),
        local_issuer: file.local_issuer,
    };
    let mut steps = Vec::new();
    for (index, request) in file.requests.into_iter().enumerate() {
        let where_ = format!("request {}", index + 1);
        if request.method.is_empty() || !request.method.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(format!("{where_}: \"method\" `{}` is not an HTTP method such as GET", request.method));
        }
        if !request.path.starts_with('/') {
            return Err(format!("{where_}: \"path\" `{}` must start with `/`", request.path));
        }
        let (path, query) = request.path.split_once('?').unwrap_or((&request.path, ""));
        let mut built = Request::new(&request.method, path);
        if let Some(template) = &request.resource {
            built = built.resource(template);
        }
        for (name, value) in parse_query(query) {
            built = built.query(&name, &value);
        }
        for (name, values) in request.query {
            for value in values.into_vec() {
                built = built.query(&name, &value);
            }
        }
        for (name, values) in request.headers {
            for value in values.into_vec() {
                built = built.header(&name, &value);
            }
        }
        let token = request.token.map(|c| settings::claims(c, &format!("{where_}: \"token\""))).transpose()?;
        let expect = request.expect.map(|e| Expect { status: e.status, authorizer: e.authorizer.map(Call::from) });
        steps.push(Step { advance: request.advance, request: built, token, note: request.note, expect });
    }
    Ok(Scenario { description: file.description, settings, steps })
}

/// Checks, once the settings are final, that every request's `"token"` can be minted and sent:
/// the local issuer is on, and the request has no header of its own where the token goes.
pub fn check_tokens(settings: &Settings, steps: &[Step]) -> Result<(), String> {
    let header = settings.token_header();
    for (index, step) in steps.iter().enumerate().filter(|(_, step)| step.token.is_some()) {
        let where_ = format!("request {} ({} {})", index + 1, step.request.method(), step.request.path());
        if !settings.local_issuer {
            return Err(format!(
                "{where_}: \"token\" needs the local issuer to mint it: add \"localIssuer\": true to the scenario, \
                 or pass --local-issuer"
            ));
        }
        if step.request.header_value(header).is_some() {
            return Err(format!(
                "{where_}: \"token\" is sent in the {header} header, which \"headers\" gives too: keep one of them"
            ));
        }
    }
    Ok(())
}

/// The request `step` sends: with its token, if it has one, as `Bearer <jwt>` in the token
/// header. One token per distinct claims: the same claims send the same token, so that the
/// cache, keyed by the token, sees them as the same caller.
fn with_token(
    settings: &Settings,
    step: &Step,
    issuer: Option<&LocalIssuer>,
    minted: &mut BTreeMap<String, String>,
) -> Request {
    match (&step.token, issuer) {
        (Some(claims), Some(issuer)) => {
            let jwt = minted.entry(claims.to_string()).or_insert_with(|| issuer.token(claims.clone()));
            step.request.clone().header(settings.token_header(), &format!("Bearer {jwt}"))
        }
        _ => step.request.clone(),
    }
}

/// `a=1&b=x%20y` as name-value pairs, percent-decoded (`+` is a space).
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let hex = |byte: u8| char::from(byte).to_digit(16).and_then(|d| u8::try_from(d).ok());
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', high, low]) => hex(*high).zip(hex(*low)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(byte), _) => {
                out.push(byte);
                i += 3;
                continue;
            }
            (None, b'+') => out.push(b' '),
            (None, byte) => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What happened to one request of a scenario.
pub struct Row {
    pub index: usize,
    /// Seconds on the gateway's clock when it was sent.
    pub clock: u64,
    /// How far the clock moved just before it.
    pub advanced: u64,
    pub request: Request,
    /// The claims of the token it carried, if the local issuer minted one.
    pub token: Option<Value>,
    pub credential: String,
    pub exchange: Exchange,
    pub reason: String,
    pub error_type: Option<&'static str>,
    pub note: Option<String>,
    pub expect: Option<Expect>,
}

impl Row {
    pub fn failed_expectation(&self) -> Option<String> {
        let expect = self.expect?;
        (!expect.holds(&self.exchange)).then(|| {
            format!(
                "request {} ({} {}): expected {}, got {}, {}",
                self.index,
                self.request.method(),
                self.request.path(),
                expect.describe(),
                self.exchange.status,
                self.exchange.authorizer
            )
        })
    }
}

/// Why API Gateway answered as it did, in a few words, and what the answer did not take into
/// account: a simple response cached for another route, conditions not evaluated.
pub fn reason(exchange: &Exchange) -> String {
    let mut reason = exchange.reason.clone();
    if let Some(route) = &exchange.simple_response_for {
        let _ =
            write!(reason, "; the simple response cached for {route}: the authorizer was not asked about this route");
    }
    if exchange.unevaluated_conditions > 0 {
        let _ = write!(
            reason,
            "; {} statement(s) with a Condition, not evaluated: a conditional Allow counts as no Allow",
            exchange.unevaluated_conditions
        );
    }
    reason
}

/// Starts `binary` (and the local issuer, if `settings` ask for one) behind the gateway, sends
/// each step through it, and stops them. The steps passed [`check_tokens`].
pub fn run_binary(settings: &Settings, steps: &[Step], binary: &Path, echo_logs: bool) -> Result<Vec<Row>, Failure> {
    let started = settings.start(binary, echo_logs)?;
    let mut gateway = settings.gateway(started.invoker)?;
    Ok(run(settings, steps, &mut gateway, started.issuer.as_ref()))
}

/// Sends each step through `gateway`, with the tokens `issuer` mints for them.
fn run(settings: &Settings, steps: &[Step], gateway: &mut Gateway, issuer: Option<&LocalIssuer>) -> Vec<Row> {
    let mut clock = 0;
    let mut rows = Vec::new();
    let mut minted = BTreeMap::new();
    for (index, step) in steps.iter().enumerate() {
        if step.advance > 0 {
            gateway.advance(Duration::from_secs(step.advance));
            clock += step.advance;
        }
        let request = with_token(settings, step, issuer, &mut minted);
        let exchange = gateway.send(&request);
        rows.push(Row {
            index: index + 1,
            clock,
            advanced: step.advance,
            credential: settings.credential(&request),
            request,
            token: step.token.clone(),
            reason: reason(&exchange),
            error_type: settings.error_type_header(&exchange),
            exchange,
            note: step.note.clone(),
            expect: step.expect,
        });
    }
    rows
}

/// `GET /pets?limit&tag`: the method, the path, and the query's names. No value: a value may
/// be a credential (an identity source), which the credential column shows masked.
pub fn shown_request(request: &Request) -> String {
    let mut shown = format!("{} {}", request.method(), request.path());
    for (i, (name, _)) in request.query_params().iter().enumerate() {
        let _ = write!(shown, "{}{name}", if i == 0 { '?' } else { '&' });
    }
    shown
}

fn width(text: &str) -> usize {
    text.chars().count()
}

/// The table of `rows`, indented by two spaces, with notes under it. A `check` column
/// appears when an expectation failed.
pub fn table(rows: &[Row]) -> String {
    let any_failed = rows.iter().any(|r| r.failed_expectation().is_some());
    let mut header = vec!["#", "request", "credential", "authorizer", "status", "reason"];
    if any_failed {
        header.push("check");
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                row.index.to_string(),
                shown_request(&row.request),
                row.credential.clone(),
                row.exchange.authorizer.to_string(),
                row.exchange.status.to_string(),
                row.reason.clone(),
            ];
            if any_failed {
                cells.push(match (row.expect, row.failed_expectation()) {
                    (_, Some(_)) => format!("✗ expected {}", row.expect.map(Expect::describe).unwrap_or_default()),
                    (Some(_), None) => "ok".to_owned(),
                    (None, None) => String::new(),
                });
            }
            cells
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: &[&str]| {
        let mut line = String::from(" ");
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let last = i + 1 == cells.len();
            if i == 0 {
                let _ = write!(line, " {cell:>w$}");
            } else if last {
                let _ = write!(line, "  {cell}");
            } else {
                let _ = write!(line, "  {cell}{}", " ".repeat(w - width(cell)));
            }
        }
        line.truncate(line.trim_end().len());
        line.push('\n');
        line
    };
    let mut out = line(&header);
    for (row, cells) in rows.iter().zip(&cells) {
        if row.advanced > 0 {
            let _ = writeln!(
                out,
                "  {:>w$}  ({} s later: the clock is at {} s)",
                "",
                row.advanced,
                row.clock,
                w = widths[0]
            );
        }
        out.push_str(&line(&cells.iter().map(String::as_str).collect::<Vec<_>>()));
    }
    for row in rows {
        if let Some(note) = &row.note {
            let _ = writeln!(out, "  {}: {note}", row.index);
        }
    }
    out
}

/// One row as JSON.
pub fn row_json(row: &Row) -> Value {
    let exchange = &row.exchange;
    json!({
        "index": row.index,
        "clock": row.clock,
        "method": row.request.method(),
        "path": row.request.path(),
        "request": shown_request(&row.request),
        "credential": row.credential,
        "token": row.token,
        "authorizer": exchange.authorizer.to_string(),
        "status": exchange.status,
        "body": exchange.body,
        "errorType": row.error_type,
        "reason": row.reason,
        "methodArn": exchange.method_arn,
        "backend": exchange.backend.as_ref().map(|backend| json!({
            "principalId": backend.principal_id,
            "authorizer": backend.authorizer,
        })),
        "unevaluatedConditions": exchange.unevaluated_conditions,
        "simpleResponseFor": exchange.simple_response_for,
        "note": row.note,
        "expect": row.expect.map(|e| json!({
            "status": e.status,
            "authorizer": e.authorizer.map(|a| a.to_string()),
            "holds": e.holds(exchange),
        })),
    })
}

/// A scenario's results as one JSON document.
pub fn results_json(settings: &Settings, binary: &str, rows: &[Row]) -> Value {
    json!({
        "binary": binary,
        "api": settings.api.map(ApiArg::name),
        "ttl": settings.ttl().ok(),
        "gateway": settings.describe().ok(),
        "requests": rows.iter().map(row_json).collect::<Vec<_>>(),
        "failedExpectations": rows.iter().filter_map(Row::failed_expectation).collect::<Vec<_>>(),
    })
}
