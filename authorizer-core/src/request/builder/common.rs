//! What every REQUEST builder holds, and the setters they share.

use serde_json::Value;

use super::pairs::Pairs;

/// The ARN and maps every REQUEST event has, and the client's IP address.
#[derive(Clone, Default)]
pub(super) struct Common {
    pub(super) arn: String,
    pub(super) headers: Pairs,
    pub(super) query: Pairs,
    pub(super) path_parameters: Pairs,
    pub(super) stage_variables: Pairs,
    pub(super) source_ip: Option<String>,
}

impl Common {
    pub(super) fn new(arn: impl Into<String>) -> Self {
        Self { arn: arn.into(), ..Self::default() }
    }
}

/// The setters of [`Common`], reached through `self.$field`; `$authorization` is the name
/// `bearer_token` gives the header.
macro_rules! common_setters {
    ($($field:ident).+, $authorization:literal) => {
        /// Adds header `name: value`. Giving a name again adds another value: the builder's
        /// documentation says how its kind of event carries them.
        #[must_use]
        pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.$($field).+.headers.push(name, value);
            self
        }

        #[doc = concat!("Adds header `", $authorization, ": Bearer <token>`.")]
        #[must_use]
        pub fn bearer_token(self, token: impl std::fmt::Display) -> Self {
            self.header($authorization, format!("Bearer {token}"))
        }

        /// Adds query-string parameter `name=value`. Giving a name again adds another value:
        /// the builder's documentation says how its kind of event carries them.
        #[must_use]
        pub fn query_param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.$($field).+.query.push(name, value);
            self
        }

        /// Sets stage variable `name`.
        #[must_use]
        pub fn stage_variable(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.$($field).+.stage_variables.set(name, value);
            self
        }

        /// Sets the client's IP address, in the request context (over the one of a context
        /// given to `request_context`).
        #[must_use]
        pub fn source_ip(mut self, ip: impl Into<String>) -> Self {
            self.$($field).+.source_ip = Some(ip.into());
            self
        }
    };
}
pub(super) use common_setters;

/// `path_parameter`, for the kinds that have path parameters.
macro_rules! path_parameter_setter {
    ($($field:ident).+) => {
        /// Sets path parameter `name`, e.g. `id` of `/pets/{id}`.
        #[must_use]
        pub fn path_parameter(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.$($field).+.path_parameters.set(name, value);
            self
        }
    };
}
pub(super) use path_parameter_setter;

/// Sets the string at `path` in `value`, making the objects on the way (over `null`).
pub(super) fn set(value: &mut Value, path: &[&str], to: &str) {
    let mut at = value;
    for key in path {
        if !at.is_object() {
            *at = Value::Object(serde_json::Map::new());
        }
        at = at.as_object_mut().expect("made an object above").entry(*key).or_insert(Value::Null);
    }
    *at = Value::from(to);
}

/// Sets each value that is `Some` at its path in `context`: the values set one by one, over
/// a context given whole.
pub(super) fn overlay(context: &mut Value, values: &[(&[&str], Option<&str>)]) {
    for (path, value) in values {
        if let Some(value) = value {
            set(context, path, value);
        }
    }
}

/// A request context as JSON.
pub(super) fn context_json(context: &impl serde::Serialize) -> Value {
    serde_json::to_value(context).expect("a request context is always JSON")
}
