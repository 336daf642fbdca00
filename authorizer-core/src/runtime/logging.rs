//! The generated binary's logging: `tracing` to stdout, as AWS's Rust examples set it up,
//! following Lambda's advanced logging controls.
//!
//! Only what a Lambda function uses is compiled in: no ANSI colours (CloudWatch shows them
//! as escapes), no timestamps (Lambda stamps every line), no `env-filter` directive engine
//! (its regex engine alone is most of the default subscriber's size).

use std::str::FromStr;

use tracing::level_filters::LevelFilter;

/// The level from `AWS_LAMBDA_LOG_LEVEL`, else `RUST_LOG`, else `INFO`.
///
/// `RUST_LOG` may hold `env_logger` directives (`info,hyper=warn`): its first bare level is
/// used. Lambda's `FATAL` is `ERROR`.
fn level(lambda: Option<&str>, rust_log: Option<&str>) -> LevelFilter {
    let parse = |value: &str| {
        let value = value.trim();
        if value.eq_ignore_ascii_case("fatal") {
            return Some(LevelFilter::ERROR);
        }
        LevelFilter::from_str(value).ok()
    };
    lambda
        .and_then(parse)
        .or_else(|| rust_log.and_then(|v| v.split(',').filter(|d| !d.contains('=')).find_map(parse)))
        .unwrap_or(LevelFilter::INFO)
}

/// Installs the subscriber, unless the process already has one. JSON lines when
/// `AWS_LAMBDA_LOG_FORMAT` is `JSON`, text otherwise.
pub(crate) fn init() {
    let var = |name| std::env::var(name).ok();
    let level = level(var("AWS_LAMBDA_LOG_LEVEL").as_deref(), var("RUST_LOG").as_deref());
    let json = var("AWS_LAMBDA_LOG_FORMAT").is_some_and(|f| f.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt().with_max_level(level).with_target(false).without_time();
    // An `Err` means a subscriber is already set (by the user's own code): keep theirs.
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambda_level_then_rust_log_then_info() {
        assert_eq!(level(Some("DEBUG"), Some("error")), LevelFilter::DEBUG);
        assert_eq!(level(Some("FATAL"), None), LevelFilter::ERROR);
        assert_eq!(level(None, Some("warn")), LevelFilter::WARN);
        assert_eq!(level(None, Some("hyper=debug,trace")), LevelFilter::TRACE);
        assert_eq!(level(Some("nonsense"), Some("nonsense")), LevelFilter::INFO);
        assert_eq!(level(None, None), LevelFilter::INFO);
    }
}
