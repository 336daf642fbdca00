//! A TOKEN authorizer that awaits `SLEEP_MS` milliseconds (20 by default) before allowing:
//! an authorizer bound by a network call, for `concurrency-bench`.

use std::time::Duration;

use authorizer_core::prelude::*;

struct Sleep(Duration);

fn sleep_from_env() -> Result<Sleep, Error> {
    let ms = match std::env::var("SLEEP_MS") {
        Ok(ms) => ms.parse().map_err(|e| Error::failure(format!("SLEEP_MS={ms:?}: {e}")))?,
        Err(_) => 20,
    };
    Ok(Sleep(Duration::from_millis(ms)))
}

#[authorizer(init = sleep_from_env)]
async fn authorize(request: TokenRequest, sleep: &Sleep) -> Result<Decision, Error> {
    tokio::time::sleep(sleep.0).await;
    Ok(Decision::allow(request.token().len().to_string()).route(Route::get("/pets")))
}
