//! The invocation being served, as the Lambda Runtime API describes it: [`LambdaContext`].

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

tokio::task_local! {
    /// The context of the invocation whose future is being polled.
    static CURRENT: LambdaContext;
}

/// The Lambda invocation an authorizer is serving: its request id, deadline, X-Ray trace id,
/// tenant id and the function ARN it was invoked through, from the headers of the Runtime
/// API's `/next` response
/// (<https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-next>),
/// and the function's own settings, from the environment Lambda defines
/// (<https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime>).
///
/// Take it as the last parameter of the authorizer function, by value, or call
/// [`LambdaContext::current`] anywhere inside the invocation. Each invocation has its own,
/// also when several run at once (Lambda Managed Instances), so it is never read from a
/// process-wide variable. Cloning it is cheap.
///
/// ```
/// # mod lambda {
/// use authorizer_core::prelude::*;
///
/// #[authorizer]
/// pub async fn authorize(request: TokenRequest, lambda: LambdaContext) -> Result<Decision, Error> {
///     tracing::info!(request_id = lambda.request_id(), left = ?lambda.remaining(), "checking");
///     let token = request.bearer_token().ok_or(Unauthorized)?;
///     Ok(Decision::allow(format!("user-{}", token.len())).route(Route::get("/pets")))
/// }
/// # }
/// # fn main() {
/// # let event = serde_json::json!({
/// #     "type": "TOKEN", "authorizationToken": "Bearer abc", "methodArn": "arn:aws:execute-api:r:1:a/s/GET/pets"
/// # });
/// # assert_eq!(authorizer_core::testing::invoke(lambda::authorize, event).status(), 200);
/// # }
/// ```
///
/// In a unit test, build one with [`LambdaContext::new`] and call the function directly;
/// [`testing`](crate::testing) gives each invocation a context whose request id is
/// `00000000-0000-0000-0000-000000000000` and which has no deadline.
#[derive(Clone)]
pub struct LambdaContext(Arc<Inner>);

#[derive(Clone, Default)]
struct Inner {
    request_id: String,
    deadline_ms: Option<u64>,
    trace_id: Option<String>,
    tenant_id: Option<String>,
    invoked_function_arn: Option<String>,
}

/// The request id [`testing`](crate::testing) gives its invocations.
pub(crate) const TEST_REQUEST_ID: &str = "00000000-0000-0000-0000-000000000000";

impl LambdaContext {
    /// A context with this request id and nothing else: no deadline, trace id, tenant id or
    /// function ARN. For tests; add what they need with the `with_` methods.
    #[must_use]
    pub fn new(request_id: impl Into<String>) -> Self {
        Self(Arc::new(Inner { request_id: request_id.into(), ..Inner::default() }))
    }

    /// This context with a deadline, in milliseconds since the Unix epoch, as the Runtime API
    /// gives it (`Lambda-Runtime-Deadline-Ms`).
    #[must_use]
    pub fn with_deadline_ms(mut self, deadline_ms: u64) -> Self {
        Arc::make_mut(&mut self.0).deadline_ms = Some(deadline_ms);
        self
    }

    /// This context with an X-Ray trace header (`Lambda-Runtime-Trace-Id`).
    #[must_use]
    pub fn with_trace_id(mut self, trace_id: impl Into<String>) -> Self {
        Arc::make_mut(&mut self.0).trace_id = Some(trace_id.into());
        self
    }

    /// This context with a tenant id (`Lambda-Runtime-Aws-Tenant-Id`).
    #[must_use]
    pub fn with_tenant_id(mut self, tenant_id: impl Into<String>) -> Self {
        Arc::make_mut(&mut self.0).tenant_id = Some(tenant_id.into());
        self
    }

    /// This context with the ARN the function was invoked through
    /// (`Lambda-Runtime-Invoked-Function-Arn`).
    #[must_use]
    pub fn with_invoked_function_arn(mut self, arn: impl Into<String>) -> Self {
        Arc::make_mut(&mut self.0).invoked_function_arn = Some(arn.into());
        self
    }

    /// The context of the invocation being served, from anywhere in its code: the authorizer
    /// function, what it calls, what it awaits.
    ///
    /// `None` outside an invocation: in `init`, and in a task you `tokio::spawn` (the context
    /// belongs to the invocation's own future; pass it to the task).
    #[must_use]
    pub fn current() -> Option<Self> {
        CURRENT.try_with(Self::clone).ok()
    }

    /// The request id (`Lambda-Runtime-Aws-Request-Id`), which Lambda's logs and reports name
    /// the invocation by.
    #[must_use]
    pub fn request_id(&self) -> &str {
        &self.0.request_id
    }

    /// When the invocation must have answered: Lambda stops the function then, and API
    /// Gateway answers 500 (`Lambda-Runtime-Deadline-Ms`, the function's timeout from the
    /// event's arrival). API Gateway may give up sooner: an HTTP API waits 10 s for its
    /// authorizer. `None` where no Runtime API gave one (in tests).
    #[must_use]
    pub fn deadline(&self) -> Option<SystemTime> {
        self.0.deadline_ms.map(|ms| UNIX_EPOCH + Duration::from_millis(ms))
    }

    /// The time left until [`deadline`](Self::deadline): zero once it has passed.
    #[must_use]
    pub fn remaining(&self) -> Option<Duration> {
        self.deadline().map(|at| at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
    }

    /// The X-Ray trace header (`Root=1-...;Parent=...;Sampled=...`), when tracing is on.
    #[must_use]
    pub fn trace_id(&self) -> Option<&str> {
        self.0.trace_id.as_deref()
    }

    /// The tenant the invocation is for, when the function uses Lambda's tenant isolation
    /// (<https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation.html>).
    #[must_use]
    pub fn tenant_id(&self) -> Option<&str> {
        self.0.tenant_id.as_deref()
    }

    /// The ARN the function was invoked through, with its version or alias when one was
    /// named.
    #[must_use]
    pub fn invoked_function_arn(&self) -> Option<&str> {
        self.0.invoked_function_arn.as_deref()
    }

    /// The function's settings, which Lambda gives every invocation alike.
    #[must_use]
    pub fn function(&self) -> &'static FunctionConfig {
        FunctionConfig::get()
    }

    /// Runs `f` with this context as the current one.
    pub(crate) fn scope_sync<T>(&self, f: impl FnOnce() -> T) -> T {
        CURRENT.sync_scope(self.clone(), f)
    }

    /// Polls `future` with this context as the current one.
    pub(crate) fn scope<F: Future>(&self, future: F) -> impl Future<Output = F::Output> + use<F> {
        CURRENT.scope(self.clone(), future)
    }
}

/// Every field, the deadline as a time: nothing in a context is a credential.
impl fmt::Debug for LambdaContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LambdaContext")
            .field("request_id", &self.0.request_id)
            .field("deadline", &self.deadline())
            .field("trace_id", &self.0.trace_id)
            .field("tenant_id", &self.0.tenant_id)
            .field("invoked_function_arn", &self.0.invoked_function_arn)
            .finish()
    }
}

/// The function's settings, from the variables Lambda defines in its environment
/// (<https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime>),
/// read once. Empty (or `None`) where a variable is not set, as outside Lambda.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FunctionConfig {
    /// `AWS_LAMBDA_FUNCTION_NAME`.
    pub name: String,
    /// `AWS_LAMBDA_FUNCTION_VERSION`.
    pub version: String,
    /// `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, in MB.
    pub memory_mb: Option<u32>,
    /// `AWS_LAMBDA_LOG_GROUP_NAME`.
    pub log_group: String,
    /// `AWS_LAMBDA_LOG_STREAM_NAME`.
    pub log_stream: String,
    /// `AWS_LAMBDA_MAX_CONCURRENCY`: how many invocations this execution environment serves
    /// at once (Lambda Managed Instances); 1 where it is not set.
    pub max_concurrency: usize,
}

impl FunctionConfig {
    fn get() -> &'static Self {
        static CONFIG: OnceLock<FunctionConfig> = OnceLock::new();
        CONFIG.get_or_init(|| Self::from_env(|name| std::env::var(name).ok()))
    }

    pub(crate) fn from_env(var: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            name: var("AWS_LAMBDA_FUNCTION_NAME").unwrap_or_default(),
            version: var("AWS_LAMBDA_FUNCTION_VERSION").unwrap_or_default(),
            memory_mb: var("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").and_then(|mb| mb.trim().parse().ok()),
            log_group: var("AWS_LAMBDA_LOG_GROUP_NAME").unwrap_or_default(),
            log_stream: var("AWS_LAMBDA_LOG_STREAM_NAME").unwrap_or_default(),
            max_concurrency: max_concurrency(var("AWS_LAMBDA_MAX_CONCURRENCY").as_deref()),
        }
    }
}

/// `AWS_LAMBDA_MAX_CONCURRENCY` as a number of invocations at once: 1 when it is unset, not a
/// positive number, or 0.
fn max_concurrency(value: Option<&str>) -> usize {
    value.and_then(|v| v.trim().parse::<usize>().ok()).filter(|&n| n > 0).unwrap_or(1)
}

/// When the invocation being served must have answered: [`LambdaContext::deadline`] of
/// [`LambdaContext::current`]. `None` outside an invocation (in a task you spawn, too) and
/// under [`testing`](crate::testing), where no Runtime API gives one.
///
/// ```
/// use std::time::Duration;
///
/// // The time left for a key-set fetch, keeping 100 ms to answer.
/// let budget = authorizer_core::remaining()
///     .map_or(Duration::from_secs(2), |left| left.saturating_sub(Duration::from_millis(100)));
/// # assert_eq!(budget, Duration::from_secs(2));
/// ```
#[must_use]
pub fn deadline() -> Option<SystemTime> {
    CURRENT.try_with(LambdaContext::deadline).ok().flatten()
}

/// The time left until [`deadline`]: zero once it has passed, `None` where it is.
#[must_use]
pub fn remaining() -> Option<Duration> {
    CURRENT.try_with(LambdaContext::remaining).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(at: SystemTime) -> u64 {
        u64::try_from(at.duration_since(UNIX_EPOCH).unwrap().as_millis()).unwrap()
    }

    #[test]
    fn current_inside_its_scope_only() {
        assert!(LambdaContext::current().is_none());
        assert_eq!(deadline(), None);
        let in_a_minute = ms(SystemTime::now() + Duration::from_secs(60));
        let context = LambdaContext::new("id-1").with_deadline_ms(in_a_minute).with_tenant_id("t");
        context.scope_sync(|| {
            let current = LambdaContext::current().unwrap();
            assert_eq!(current.request_id(), "id-1");
            assert_eq!(current.tenant_id(), Some("t"));
            assert_eq!(deadline(), Some(UNIX_EPOCH + Duration::from_millis(in_a_minute)));
            let left = remaining().unwrap();
            assert!(left > Duration::from_secs(50) && left <= Duration::from_secs(60), "{left:?}");
        });
        assert!(LambdaContext::current().is_none());
        let past = LambdaContext::new("id-2").with_deadline_ms(1);
        past.scope_sync(|| assert_eq!(remaining(), Some(Duration::ZERO)));
        LambdaContext::new("id-3").scope_sync(|| assert_eq!(deadline(), None));
    }

    /// Two invocations polled in turn on one thread each see their own context.
    #[test]
    fn each_future_sees_its_own() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
        let read = |name: &'static str| {
            LambdaContext::new(name).scope(async move {
                let mut seen = Vec::new();
                for _ in 0..3 {
                    seen.push(LambdaContext::current().unwrap().request_id().to_owned());
                    tokio::task::yield_now().await;
                }
                assert!(seen.iter().all(|id| id == name), "{name}: {seen:?}");
                seen.len()
            })
        };
        let (a, b) = rt.block_on(async { tokio::join!(read("a"), read("b")) });
        assert_eq!((a, b), (3, 3));
    }

    #[test]
    fn function_settings_from_the_environment() {
        let env = |name: &str| {
            match name {
                "AWS_LAMBDA_FUNCTION_NAME" => Some("auth"),
                "AWS_LAMBDA_FUNCTION_VERSION" => Some("$LATEST"),
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE" => Some("128"),
                "AWS_LAMBDA_MAX_CONCURRENCY" => Some("16"),
                _ => None,
            }
            .map(str::to_owned)
        };
        let config = FunctionConfig::from_env(env);
        assert_eq!((config.name.as_str(), config.version.as_str()), ("auth", "$LATEST"));
        assert_eq!((config.memory_mb, config.max_concurrency), (Some(128), 16));
        assert_eq!(config.log_group, "");
        assert_eq!(FunctionConfig::from_env(|_| None).max_concurrency, 1);
        for value in ["0", "-3", "many", ""] {
            assert_eq!(max_concurrency(Some(value)), 1, "{value}");
        }
        assert_eq!(max_concurrency(Some(" 4 ")), 4);
    }

    #[test]
    fn debug_names_every_field() {
        let context = LambdaContext::new("r").with_trace_id("Root=1-2").with_invoked_function_arn("arn:f");
        let text = format!("{context:?}");
        for part in ["request_id: \"r\"", "Root=1-2", "arn:f", "deadline: None"] {
            assert!(text.contains(part), "{text}");
        }
    }
}
