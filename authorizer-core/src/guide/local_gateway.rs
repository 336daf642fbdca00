//! # The local gateway: `authorizer-local`
//!
//! `authorizer-local` runs authorizers as the real binaries, under a local implementation of
//! the Lambda Runtime API, behind a local API Gateway. From a clone of the repository,
//! `cargo run -p authorizer-local --` runs it; `cargo install --path authorizer-local`
//! installs it as a command (into `~/.cargo/bin`).
//!
//! # The demo
//!
//! ```sh
//! cargo run -p authorizer-local -- demo
//! ```
//!
//! It runs in a clone of the repository (outside one it says so): it builds the example
//! authorizers and puts each one, as the real binary under a local Lambda Runtime API, behind
//! a local API Gateway that does what the deployed one does: it checks identity sources, caches the authorizer's answers (TTL, keyed by the token or the
//! identity-source values), evaluates the policy for every request's own route, and answers the
//! client as API Gateway would. Then it sends each a scripted series of requests and prints a
//! table per example:
//!
//! ```text
//! aws-docs-token: the AWS documentation's TOKEN sample
//!   REST API, TOKEN authorizer, token from header Authorization, TTL 300 s
//!   #  request      credential  authorizer   status  reason
//!   1  GET /pets    al…         invoked      200     allowed (principal user)
//!   2  GET /pets    de…         invoked      403     a Deny covers the request
//!   3  GET /pets    unau…       invoked      401     the authorizer said Unauthorized
//!   4  GET /pets    fa…         invoked      500     the authorizer failed (AuthorizerError)
//!   5  GET /pets    (none)      not invoked  401     no Authorization header
//!   6  GET /pets/7  al…         cached       403     no Allow covers the request
//!      (300 s later: the clock is at 300 s)
//!   7  GET /pets/7  al…         invoked      200     allowed (principal user)
//!   6: the classic caching bug: request 1's policy, cached for this token, allows GET /pets only (examples/template.yaml deploys this sample with TTL 0)
//!   7: 300 s later the cached policy has expired: the authorizer runs again, for GET /pets/7
//! ```
//!
//! `credential` is the token (or the identity-source values), masked: an authentication scheme
//! kept (`Bearer `), then at most the first 4 characters of the rest, and at most half of it;
//! `request` shows the query's names, never its values. `authorizer` says whether API Gateway
//! invoked the function, answered from its cache (`cached`: the function did not run, and the
//! cached answer was judged against this request's route), or answered by itself (`not
//! invoked`: a missing identity source, a token that fails the validation expression). `status`
//! is what the client gets, `reason` why. The other tables show the REST REQUEST sample (a 401
//! for a missing identity source), `petstore` (the same token on other routes is `cached` and
//! still right, because its policy lists routes), the HTTP API sample, and `jwt-oidc` (real
//! signed tokens from a local issuer: scopes to routes, an expired token and one for another
//! API refused). Every request states what it must get: the demo exits 1 if one does not.
//! `--json` prints the same results as one JSON document.
//!
//! # `invoke` and `serve`: any authorizer binary
//!
//! The same gateway runs any authorizer binary: `authorizer-local`, installed with `cargo install
//! --path authorizer-local` (or `cargo run -p authorizer-local --` from the clone).
//! `cargo build -p authorizer-examples` builds the examples into `target/debug/`;
//! `authorizer-local --help` documents everything:
//!
//! ```sh
//! # One event file: what the binary posted, and API Gateway's answer for the event's methodArn.
//! echo '{"type":"TOKEN","authorizationToken":"deny","methodArn":"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/pets"}' > event.json
//! authorizer-local invoke target/debug/aws-docs-token event.json
//! #   status   403
//! #   header   x-amzn-ErrorType: AccessDeniedException
//! #   body     {"Message":"User is not authorized to access this resource with an explicit deny"}
//!
//! # An HTTP server on 127.0.0.1 in front of a stub backend, with the cache (on the wall clock).
//! authorizer-local serve --api rest-token target/debug/petstore \
//!     --validation-expression '^Bearer [-0-9A-Za-z._~+/]+=*$' --env PETSTORE_USERS='tk_reader_demo_0001 u-1 reader'
//! curl -i -H 'Authorization: Bearer tk_reader_demo_0001' localhost:3000/pets/1   # 200, the backend's JSON:
//! #   method, path, principalId, and requestContext.authorizer as the backend receives it
//! curl -i -X POST -H 'Authorization: Bearer tk_reader_demo_0001' localhost:3000/pets   # 403 (cached)
//! curl -i localhost:3000/pets/1                                                   # 401 (not invoked)
//! ```
//!
//! `serve` answers several clients at once (their requests reach the one authorizer process one at
//! a time, as in Lambda) and logs one line per request (method, path, invoked / cached / not
//! invoked, status, reason), never a header or query value. Ctrl-C (or SIGTERM) stops it and the
//! authorizer process, with exit status 0. `--ttl`, `--identity-source` (in API Gateway's syntax,
//! repeatable), `--token-source`, `--stage-variable` and `--port` set up the gateway as you would
//! the deployed API; the binary gets Lambda's environment only, plus what `--env NAME=VALUE` gives
//! it.
//!
//! # Scenarios
//!
//! A scenario is such a series of requests in a file: the gateway's settings, then requests with
//! their headers and query, an optional `resource` template (`/pets/{id}`: what API Gateway
//! sends as `resource`, `resourcePath` and in the route key), an optional `advance` of the
//! gateway's clock (in seconds) before a request, a `note`, and an `expect`ed outcome. [`examples/scenarios/petstore.json`](https://github.com/authorizer-rs/authorizer/blob/main/examples/scenarios/petstore.json):
//!
//! ```json
//! {
//!   "api": "rest-token",
//!   "ttl": 300,
//!   "validationExpression": "^Bearer [-0-9A-Za-z._~+/]+=*$",
//!   "env": { "PETSTORE_USERS": "tk_reader_demo_0001 u-1 reader; tk_editor_demo_0002 u-2 editor" },
//!   "requests": [
//!     { "path": "/pets/7", "headers": { "Authorization": "Bearer tk_reader_demo_0001" },
//!       "expect": { "status": 200, "authorizer": "invoked" } },
//!     { "method": "POST", "path": "/pets", "headers": { "Authorization": "Bearer tk_reader_demo_0001" },
//!       "expect": { "status": 403, "authorizer": "cached" } },
//!     { "path": "/users/u-1", "headers": { "Authorization": "Bearer tk_reader_demo_0001" }, "advance": 301,
//!       "expect": { "status": 200, "authorizer": "invoked" } }
//!   ]
//! }
//! ```
//!
//! (shortened here; the file has a few more requests)
//!
//! ```sh
//! authorizer-local scenario target/debug/petstore examples/scenarios/petstore.json
//! ```
//!
//! prints the table and exits 1 if an expectation is not met; `--json` prints one JSON document
//! with each request's status, body, `x-amzn-ErrorType`, reason, method ARN and what the backend
//! sees. `authorizer-local scenario --help` gives the whole format.
//!
//! # JWT authorizers, without an identity provider
//!
//! `--local-issuer` (`serve`, `scenario`;
//! `"localIssuer": true` in a scenario file) starts a local OpenID Connect issuer on 127.0.0.1
//! and gives the binary `JWT_ISSUER`, `JWT_AUDIENCE=local-api` and `JWT_JWKS_URL`, as
//! `jwt-oidc` reads them (an `--env` or `env` of yours wins). `serve` prints a `curl` command
//! with a token it signed, for `{"sub":"u-1","scope":"pets:read"}`, or one per
//! `--token-claims JSON`. In a scenario, a request's `"token": {"sub": "u-1", "scope": "pets:read"}`
//! is minted with those claims (and `iss`, `aud`, `iat`, `exp` an hour ahead, unless they give
//! them) and sent as `Authorization: Bearer <jwt>`: [`examples/scenarios/jwt-oidc.json`](https://github.com/authorizer-rs/authorizer/blob/main/examples/scenarios/jwt-oidc.json)
//! has allowed, cached, scopeless, expired and wrong-audience tokens.
//!
//! ```sh
//! authorizer-local scenario target/debug/jwt-oidc examples/scenarios/jwt-oidc.json
//! authorizer-local serve --api rest-token target/debug/jwt-oidc --local-issuer
//! #   try: curl -i -H 'Authorization: Bearer eyJhbGciOiJSUzI1NiIs…' http://127.0.0.1:3000/<path>   # {"scope":"pets:read","sub":"u-1"}
//! ```
//!
//! # In a test
//!
//! In a test, the same gateway is a library: [`authorizer_core::gateway`](crate::gateway)
//! (feature `gateway`) runs your function in-process ([Testing](super::testing)), and
//! `authorizer_local::ProcessInvoker` (the `authorizer-local` package's library, a
//! dev-dependency) puts a built binary behind it, as the command does;
//! `authorizer_local::RuntimeApi` and `Function` run a binary under a local Lambda Runtime API.
