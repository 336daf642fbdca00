//! A REST `TOKEN` authorizer for a pet store API, written the way a real one would be: copy it
//! and change the table and the routes.
//!
//! - Callers send `Authorization: Bearer <token>`; configure the authorizer's token source as
//!   that header (and, to refuse malformed headers without invoking the function, an identity
//!   validation expression such as `^Bearer [-0-9A-Za-z._~+/]+=*$`).
//! - The API tokens and their users are loaded **once, at cold start**, by `load_users`
//!   (`#[authorizer(init = load_users)]`) from the `PETSTORE_USERS` variable:
//!   `<token> <user-id> <role> [suspended]` entries separated by `;` or new lines, e.g.
//!   `tk_alice_5YqTn2Lm8Rb0 u-100 admin; tk_dave_Q7mXw1Ve4Hc9 u-400 editor suspended`.
//!   A missing or malformed table fails the cold start, so the function never runs
//!   half-configured. (A production authorizer would load the table from Secrets Manager or
//!   a database the same way, and keep only a hash of each token.)
//! - A missing or unknown token is `Unauthorized` (401). A suspended user gets an explicit
//!   deny of the whole API (403). Everyone else is allowed the routes of their role:
//!
//! | role     | may call                                                                      |
//! |----------|-------------------------------------------------------------------------------|
//! | `reader` | `GET /pets`, `GET /pets/*`; their own `GET /users/{id}` and `/users/{id}/*`      |
//! | `editor` | a reader's routes, and `POST /pets`, `PUT /pets/*`, `PATCH /pets/*`             |
//! | `admin`  | every route, but not `DELETE` of their own `/users/{id}`                       |
//!
//! Nobody may `PUT /users/{id}/role` on their own account, and nobody may call
//! `/internal/*` (service-to-service endpoints): those are explicit denies, which win over
//! the wildcard allows that would otherwise cover them. `{id}` is the caller's own user id,
//! bound with [`Route::bind`], which refuses any value that could widen the policy.
//! - The backend receives a typed context: `{"userId": .., "role": .., "canWrite": ..}`.
//!
//! # Why declared routes keep the policy right under API Gateway's cache
//!
//! API Gateway caches a REST authorizer's response, keyed by the token, for the authorizer's
//! TTL (`authorizerResultTtlInSeconds`: 300 s unless set, 3600 s at most, 0 turns it off). In
//! the words of AWS's authorizer blueprints, the policy "is cached for 5 minutes by default
//! ... and will apply to subsequent calls to any method/resource in the `RestApi` made with
//! the same token".
//! The classic bug is an authorizer that allows only `event.methodArn`, the method being
//! called: the first call succeeds, and every call with the same token to another method or
//! path within the TTL meets the cached policy and gets 403 "User is not authorized to access
//! this resource" (AWS Knowledge Center, "API Gateway Lambda authorizer errors"; it bites
//! hardest with `{proxy+}` resources). AWS's own guidance: "To enable caching, your authorizer
//! must return a policy that is applicable to all methods across an API" (API Gateway
//! developer guide, "Configure a Lambda authorizer using the console").
//!
//! This authorizer never looks at the method being called: the policy lists every route the
//! caller's role may use, relative to the stage of the request, so it is the same policy
//! whichever route came first, and the cached copy answers every later route exactly as a
//! fresh call would. A deny is cached the same way, which is what a suspension wants.
//!
//! What the cache still means: a change to the table (a suspension, a new role) reaches a
//! token already cached only when its TTL ends, and reaches this function only at its next
//! cold start. Keep the TTL short, or flush the stage's authorizer cache, when that matters.

use std::collections::HashMap;
use std::fmt;

use authorizer_core::prelude::*;

/// The environment variable holding the token table.
const USERS_VAR: &str = "PETSTORE_USERS";

/// Tokens shorter than this are refused at load: they could be guessed.
const MIN_TOKEN_LEN: usize = 16;

/// What a user may do; each role may do what the one before it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Reader,
    Editor,
    Admin,
}

impl Role {
    fn parse(name: &str) -> Option<Self> {
        match name {
            "reader" => Some(Self::Reader),
            "editor" => Some(Self::Editor),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }

    const fn as_str(self) -> &'static str {
        match self {
            Self::Reader => "reader",
            Self::Editor => "editor",
            Self::Admin => "admin",
        }
    }
}

/// One user of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
struct User {
    id: String,
    role: Role,
    suspended: bool,
}

/// The shared state: API tokens and their users, loaded once at cold start.
struct Users {
    by_token: HashMap<String, User>,
}

/// Why the token table cannot be loaded. It names the entry, never the token in it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TableError {
    entry: usize,
    reason: &'static str,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entry == 0 {
            write!(f, "{USERS_VAR}: {}", self.reason)
        } else {
            write!(f, "{USERS_VAR}, entry {}: {}", self.entry, self.reason)
        }
    }
}

impl std::error::Error for TableError {}

impl Users {
    /// Parses `<token> <user-id> <role> [suspended]` entries separated by `;` or new lines.
    /// Blank entries and `#` comments are skipped.
    fn parse(table: &str) -> Result<Self, TableError> {
        let mut by_token = HashMap::new();
        let entries = table.split([';', '\n']).map(str::trim).filter(|e| !e.is_empty() && !e.starts_with('#'));
        for (index, entry) in entries.enumerate() {
            let fail = |reason| Err(TableError { entry: index + 1, reason });
            let fields: Vec<&str> = entry.split_whitespace().collect();
            let (token, id, role, suspended) = match fields[..] {
                [token, id, role] => (token, id, role, false),
                [token, id, role, "suspended"] => (token, id, role, true),
                _ => return fail("expected `<token> <user-id> <role> [suspended]`"),
            };
            if token.len() < MIN_TOKEN_LEN {
                return fail("the token is shorter than 16 characters");
            }
            // The id goes into route paths: only plain path characters, checked once here.
            if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
                return fail("a user id may hold only letters, digits, `-` and `_`");
            }
            let Some(role) = Role::parse(role) else {
                return fail("the role is not `reader`, `editor` or `admin`");
            };
            let user = User { id: id.to_owned(), role, suspended };
            if by_token.insert(token.to_owned(), user).is_some() {
                return fail("this token is already given to an earlier entry");
            }
        }
        if by_token.is_empty() {
            return Err(TableError { entry: 0, reason: "the table has no entries" });
        }
        Ok(Self { by_token })
    }

    fn find(&self, token: &str) -> Option<&User> {
        self.by_token.get(token)
    }
}

/// Builds the shared state at cold start. An error here is reported to Lambda as an init
/// error, and the function takes no event.
fn load_users() -> Result<Users, TableError> {
    let table = std::env::var(USERS_VAR).map_err(|_| TableError { entry: 0, reason: "not set, or not UTF-8" })?;
    Users::parse(&table)
}

/// What the backend learns about the caller (`$context.authorizer.userId`, ...).
#[derive(Context)]
#[context(rename_all = "camelCase")]
struct Caller {
    user_id: String,
    role: &'static str,
    can_write: bool,
}

/// The routes `user` may call: the same list whatever route is being called.
fn allowed_routes(user: &User) -> Vec<Route> {
    if user.role == Role::Admin {
        return vec![Route::everything()];
    }
    let id = user.id.as_str();
    let mut routes = vec![
        Route::get("/pets"),
        Route::get("/pets/*"),
        Route::get("/users/{id}").bind("id", id),
        Route::any("/users/{id}/*").bind("id", id),
    ];
    if user.role >= Role::Editor {
        routes.extend([Route::post("/pets"), Route::put("/pets/*"), Route::patch("/pets/*")]);
    }
    routes
}

/// The routes `user` may never call, even where an allowed route's wildcard covers them.
fn denied_routes(user: &User) -> Vec<Route> {
    let id = user.id.as_str();
    let mut routes = vec![Route::any("/internal/*"), Route::put("/users/{id}/role").bind("id", id)];
    if user.role == Role::Admin {
        routes.push(Route::delete("/users/{id}").bind("id", id));
    }
    routes
}

#[authorizer(init = load_users)]
fn authorize(request: TokenRequest, users: &Users) -> Result<Decision<Caller>, Error> {
    let token =
        request.bearer_token().ok_or_else(|| Error::unauthorized("no `Authorization: Bearer <token>` header"))?;
    let user = users.find(token).ok_or_else(|| Error::unauthorized("unknown token"))?;
    if user.suspended {
        return Ok(Decision::deny(&user.id).reason("account suspended"));
    }
    Ok(Decision::allow(&user.id).routes(allowed_routes(user)).deny_routes(denied_routes(user)).context(Caller {
        user_id: user.id.clone(),
        role: user.role.as_str(),
        can_write: user.role >= Role::Editor,
    }))
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use authorizer_core::testing::{self, Invocation};
    use serde_json::{Value, json};

    use super::{Role, TableError, User, Users, authorize};

    const ALICE: &str = "tk_alice_5YqTn2Lm8Rb0";
    const BOB: &str = "tk_bob_Jd8Kp3Ws6Fa1";
    const CAROL: &str = "tk_carol_p2ZgH5Nx7Uc4";
    const DAVE: &str = "tk_dave_Q7mXw1Ve4Hc9";
    const ERIN: &str = "tk_erin_R4tYb8Mq2Ls6";

    static USERS: LazyLock<Users> = LazyLock::new(|| {
        Users::parse(&format!(
            "# token user role\n{ALICE} u-100 admin; {BOB} u-200 editor\n{CAROL} u-300 reader; \
             {DAVE} u-400 editor suspended; {ERIN} u-1 reader"
        ))
        .unwrap()
    });

    fn arn(verb: &str, path: &str) -> String {
        format!("arn:aws:execute-api:us-east-1:123456789012:petstore1/prod/{verb}{path}")
    }

    fn call(authorization: &str, verb: &str, path: &str) -> Invocation {
        let event = json!({"type": "TOKEN", "authorizationToken": authorization, "methodArn": arn(verb, path)});
        testing::invoke_with_state(authorize, &USERS, event)
    }

    /// Each role's routes: `(verb, path, allowed)`.
    fn routes_of(token: &str) -> Vec<(&'static str, &'static str, bool)> {
        let reader = [
            ("GET", "/pets", true),
            ("GET", "/pets/7", true),
            ("GET", "/pets/7/photos", true),
            ("GET", "/users/u-300", true),
            ("POST", "/users/u-300/favorites", true),
            ("DELETE", "/users/u-300/favorites/7", true),
            ("POST", "/pets", false),
            ("PUT", "/pets/7", false),
            ("DELETE", "/pets/7", false),
            ("GET", "/users", false),
            ("GET", "/users/u-200", false),
            ("GET", "/users/u-200/favorites", false),
            ("DELETE", "/users/u-300", false),
            ("PUT", "/users/u-300/role", false),
            ("GET", "/internal/metrics", false),
            ("GET", "/", false),
        ];
        let editor = [
            ("GET", "/pets/7", true),
            ("POST", "/pets", true),
            ("PUT", "/pets/7", true),
            ("PATCH", "/pets/7", true),
            ("GET", "/users/u-200/favorites", true),
            ("DELETE", "/pets/7", false),
            ("POST", "/pets/7", false),
            ("GET", "/users/u-300", false),
            ("PUT", "/users/u-200/role", false),
            ("DELETE", "/users/u-200", false),
            ("POST", "/internal/reindex", false),
        ];
        let admin = [
            ("GET", "/", true),
            ("DELETE", "/pets/7", true),
            ("GET", "/users", true),
            ("GET", "/users/u-300", true),
            ("PUT", "/users/u-300/role", true),
            ("DELETE", "/users/u-300", true),
            ("DELETE", "/users/u-100", false),
            ("PUT", "/users/u-100/role", false),
            ("GET", "/internal/metrics", false),
        ];
        match token {
            CAROL => reader.to_vec(),
            BOB => editor.to_vec(),
            ALICE => admin.to_vec(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn each_role_gets_its_routes_and_no_other() {
        for token in [CAROL, BOB, ALICE] {
            for (verb, path, allowed) in routes_of(token) {
                let invocation = call(&format!("Bearer {token}"), verb, path);
                assert_eq!(invocation.status(), if allowed { 200 } else { 403 }, "{token} {verb} {path}");
            }
        }
    }

    #[test]
    fn the_policy_is_the_same_whichever_route_comes_first() {
        // API Gateway caches the first response for the token and judges every later route
        // by it. The policy never depends on the route, so the cached one judges each route
        // as the fresh call below does.
        for token in [CAROL, BOB, ALICE] {
            let routes = routes_of(token);
            let first = call(&format!("Bearer {token}"), routes[0].0, routes[0].1).response().unwrap();
            for (verb, path, _) in &routes[1..] {
                assert_eq!(call(&format!("Bearer {token}"), verb, path).response().unwrap(), first, "{verb} {path}");
            }
        }
    }

    #[test]
    fn the_context_and_principal_describe_the_caller() {
        let allowed = call(&format!("Bearer {BOB}"), "GET", "/pets");
        let response = allowed.response().unwrap();
        assert_eq!(response["principalId"], "u-200");
        assert_eq!(response["context"], json!({"userId": "u-200", "role": "editor", "canWrite": true}));
        let reader = call(&format!("bearer {CAROL}"), "GET", "/pets").response().unwrap();
        assert_eq!(reader["context"], json!({"userId": "u-300", "role": "reader", "canWrite": false}));
    }

    #[test]
    fn ids_that_share_a_prefix_stay_apart() {
        // `u-1`'s `/users/u-1/*` must not cover `/users/u-100/...`.
        assert_eq!(call(&format!("Bearer {ERIN}"), "GET", "/users/u-1/favorites").status(), 200);
        assert_eq!(call(&format!("Bearer {ERIN}"), "GET", "/users/u-100/favorites").status(), 403);
        assert_eq!(call(&format!("Bearer {ERIN}"), "GET", "/users/u-10").status(), 403);
    }

    #[test]
    fn missing_and_unknown_tokens_are_401() {
        for authorization in
            ["", "Bearer", "Bearer ", ALICE, &format!("Basic {ALICE}"), "Bearer tk_unknown_0000000000", "Bearer a b"]
        {
            let refused = call(authorization, "GET", "/pets");
            assert_eq!(refused.status(), 401, "{authorization:?}");
            assert_eq!(refused.error().unwrap().error_message, "Unauthorized");
        }
    }

    #[test]
    fn a_suspended_user_is_denied_everything() {
        let denied = call(&format!("Bearer {DAVE}"), "GET", "/pets");
        assert_eq!(denied.status(), 403);
        let response = denied.response().unwrap();
        assert_eq!(response["principalId"], "u-400");
        assert_eq!(
            response["policyDocument"]["Statement"],
            json!([{"Action": "execute-api:Invoke", "Effect": "Deny", "Resource": "arn:aws:execute-api:us-east-1:123456789012:petstore1/prod/*/*"}])
        );
        assert_eq!(response.get("context"), None::<&Value>);
        for (verb, path) in [("GET", "/"), ("POST", "/pets"), ("GET", "/users/u-400")] {
            assert_eq!(call(&format!("Bearer {DAVE}"), verb, path).status(), 403, "{verb} {path}");
        }
    }

    #[test]
    fn the_table_is_parsed_and_checked() {
        let users = Users::parse("\n tk_0123456789abcdef  u-1 reader ;; # comment\n").unwrap();
        assert_eq!(
            users.find("tk_0123456789abcdef"),
            Some(&User { id: "u-1".into(), role: Role::Reader, suspended: false })
        );
        let bad = |table: &str| Users::parse(table).err().unwrap();
        assert_eq!(bad("").entry, 0);
        assert_eq!(bad("tk_0123456789abcdef u-1"), TableError { entry: 1, reason: bad("x").reason });
        assert_eq!(bad("tk_0123456789abcdef u-1 reader; short u-2 reader").entry, 2);
        assert!(bad("tk_0123456789abcdef u/1 reader").reason.contains("user id"));
        assert!(bad("tk_0123456789abcdef u-1 root").reason.contains("role"));
        assert!(bad("tk_0123456789abcdef u-1 reader banned").reason.contains("expected"));
        let twice = bad("tk_0123456789abcdef u-1 reader; tk_0123456789abcdef u-2 admin");
        assert_eq!(twice.entry, 2);
        // The message never repeats a token.
        assert!(!twice.to_string().contains("tk_"), "{twice}");
    }
}
