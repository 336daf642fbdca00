//! # Deploying
//!
//! Build one authorizer with [cargo-lambda](https://www.cargo-lambda.info/); it produces the
//! `bootstrap` executable that the `provided.al2023` runtime runs (and cross-compiles for arm64):
//!
//! ```sh
//! cargo lambda build --release --arm64 --bin aws-docs-token
//! # target/lambda/aws-docs-token/bootstrap
//! ```
//!
//! Run it with `Runtime: provided.al2023`, `Architectures: [arm64]`, `Handler: bootstrap`, and
//! set the authorizer's TTL and identity sources to match the routes you declare
//! ([the cache note](super::routes#the-cache)). Keep `panic = "unwind"` in the release
//! profile; the repository's workspace uses, and recommends:
//!
//! ```toml
//! [profile.release]
//! lto = true
//! codegen-units = 1
//! strip = true
//! panic = "unwind"
//! ```
//!
//! A panic is then a 500 and the process keeps serving. With `panic = "abort"` a panic ends
//! the process (still a 500, then a cold start); `#[authorizer]` then compiles with a warning
//! that says so.
//!
//! With the `jwt` feature, `aws-lc-sys` compiles C: `cargo lambda build` then needs the Zig
//! that cargo-lambda uses as its C compiler, and not every version of it
//! ([How it is built](super::design#jwt-verification-the-crates-made-for-the-job)).
//!
//! # The examples, with SAM
//!
//! [`examples/template.yaml`](https://github.com/authorizer-rs/authorizer/blob/main/examples/template.yaml)
//! puts the ports of AWS's samples and `petstore` in front of mock backends (but for
//! `petstore-backend`, the Lambda proxy integration of `/pets`, which reads the context back
//! typed): a REST API (`aws-docs-token`, `aws-docs-request`, `petstore`), an HTTP API with
//! payload 2.0 (`aws-docs-http-simple`, `aws-docs-http-iam`) and a WebSocket API (`aws-docs-websocket` on `$connect`); and
//! `jwt-cognito` on a REST API of its own, with the Cognito user pool whose access tokens it
//! verifies: a resource server `pets` (scopes `read`, `write`), a public app client on the
//! authorization code flow, a group `admins` and a domain for the pool's sign-in page and token
//! endpoint. A comment on each authorizer says why its TTL and identity sources are what they
//! are. CI checks the template with cfn-lint, SAM transform included; it has **not** been
//! deployed from this repository's CI, which has no AWS account.
//!
//! ```sh
//! cd examples
//! sam build            # per function: cargo lambda build --release --arm64 --bin <name>
//! sam deploy --guided  # asks for the stack name, region, StageName and PetstoreUsers (hidden)
//! sam delete           # when done
//! ```
//!
//! `sam build` needs cargo-lambda installed. Run it with `CARGO_TARGET_DIR` unset (older SAM CLIs
//! look for the binaries in `examples/target/lambda/`); a SAM CLI from before Rust support left
//! beta also wants `--beta-features`. `PetstoreUsers` is the petstore's token table
//! (`PETSTORE_USERS`, format in `examples/src/bin/petstore.rs`). Make your own tokens and type the
//! table at the prompt; later deploys keep it unless you override it:
//!
//! ```sh
//! ADMIN=tk_$(openssl rand -hex 12) READER=tk_$(openssl rand -hex 12)
//! echo "$ADMIN u-100 admin; $READER u-300 reader"
//! sam deploy --parameter-overrides "PetstoreUsers=\"$ADMIN u-100 admin; $READER u-300 reader\""
//! ```
//!
//! Calls, with the stack's outputs, and the answers to expect:
//!
//! ```sh
//! STACK=authorizer-examples   # the stack name you gave
//! out() { aws cloudformation describe-stacks --stack-name "$STACK" --output text \
//!           --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue"; }
//! REST=$(out RestApiUrl) HTTP=$(out HttpApiUrl) WS=$(out WebSocketUrl)
//!
//! curl -H 'authorizationToken: allow' "$REST/token"          # 200, the sample's context
//! curl -H 'authorizationToken: deny' "$REST/token"           # 403
//! curl -H 'authorizationToken: unauthorized' "$REST/token"   # 401 (`fail`: 500)
//! curl -H 'HeaderAuth1: headerValue1' "$REST/request?QueryString1=queryValue1"  # 200
//! curl "$REST/request?QueryString1=queryValue1"              # 401, a missing identity source
//! curl -H "Authorization: Bearer $READER" "$REST/pets"       # 200; also /pets/7, /users/u-300
//! curl -H "Authorization: Bearer $READER" -X POST -H 'content-type: application/json' \
//!      -d '{}' "$REST/pets"                                  # 403 (with $ADMIN: 200)
//!
//! curl -H 'authorization: secretToken' "$HTTP/simple"        # 200, the backend echoes the context
//! curl -H 'authorization: wrong' "$HTTP/simple"              # 403; the same two for $HTTP/iam
//!
//! wscat -c "$WS?QueryString1=queryValue1" -H 'HeaderAuth1: headerValue1'  # connected; messages echo
//! wscat -c "$WS?QueryString1=queryValue1"                    # Unexpected server response: 401
//! ```
//!
//! `jwt-cognito` wants a user of the pool (there is no self sign-up) and an access token from the
//! pool's OAuth 2.0 endpoints, the only ones that grant the `pets` scopes (the template's comment
//! on the app client says why). Sign in with a browser, then exchange the code with curl:
//!
//! ```sh
//! POOL=$(out CognitoUserPoolId) CLIENT=$(out CognitoClientId) PETS=$(out CognitoRestApiUrl)
//! PASSWORD=Pw-1$(openssl rand -hex 12); echo "$PASSWORD"   # the pool's policy: upper, lower, digit, symbol
//! aws cognito-idp admin-create-user --user-pool-id "$POOL" --username alice --message-action SUPPRESS
//! aws cognito-idp admin-set-user-password --user-pool-id "$POOL" --username alice --password "$PASSWORD" --permanent
//! aws cognito-idp admin-add-user-to-group --user-pool-id "$POOL" --username alice --group-name admins  # for DELETE
//!
//! out CognitoSignInUrl   # open it, sign in as alice; the browser lands on a localhost page that
//!                        # does not load: copy `code` from its address bar
//! CODE=...
//! TOKEN=$(curl -s "$(out CognitoTokenUrl)" -d grant_type=authorization_code -d "client_id=$CLIENT" \
//!           --data-urlencode redirect_uri=http://localhost:8000/callback -d "code=$CODE" | jq -r .access_token)
//!
//! curl -H "Authorization: Bearer $TOKEN" "$PETS/pets"             # 200 (pets/read): sub, username, scope
//! curl -H "Authorization: Bearer $TOKEN" -X POST -H 'content-type: application/json' \
//!      -d '{}' "$PETS/pets"                                        # 200 (pets/write)
//! curl -H "Authorization: Bearer $TOKEN" -X DELETE "$PETS/pets/7" # 200 for a member of admins, else 403
//! curl -H "Authorization: Bearer nope" "$PETS/pets"               # 401
//! ```
