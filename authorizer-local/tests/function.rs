//! The [`Function`] process helper, with small shell commands standing in for a Lambda binary.
#![cfg(unix)]

use std::collections::HashMap;
use std::io::ErrorKind;
use std::time::Duration;

use authorizer_local::{Function, RuntimeApi};

/// Bound for anything that should happen promptly.
const SOON: Duration = Duration::from_secs(5);

fn shell(script: &str) -> authorizer_local::FunctionBuilder {
    Function::builder("/bin/sh").arg("-c").arg(script)
}

#[test]
fn the_process_gets_the_lambda_environment_and_its_output_is_captured() {
    let api = RuntimeApi::start();
    let mut function = shell("printenv; echo to-stderr >&2; exit 3")
        .function_name("my-authorizer")
        .env("EXTRA", "given")
        .env_remove("AWS_REGION")
        .spawn(&api);
    let status = function.wait_exit(SOON).expect("the script exits");
    assert_eq!(status.code(), Some(3));
    assert!(!function.is_alive());

    let stdout = function.stdout();
    let env: HashMap<&str, &str> = stdout.lines().filter_map(|l| l.split_once('=')).collect();
    let expected = [
        ("AWS_LAMBDA_RUNTIME_API", api.addr()),
        ("AWS_LAMBDA_FUNCTION_NAME", "my-authorizer".into()),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128".into()),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/my-authorizer".into()),
        ("_HANDLER", "bootstrap".into()),
        ("EXTRA", "given".into()),
    ];
    for (key, value) in &expected {
        assert_eq!(env.get(key), Some(&value.as_str()), "{key} in\n{stdout}");
    }
    assert!(env.contains_key("AWS_LAMBDA_LOG_STREAM_NAME"), "{stdout}");
    assert!(!env.contains_key("AWS_REGION"), "env_remove was ignored:\n{stdout}");
    // The test's own environment does not leak in (cargo sets this for every test run).
    if std::env::var_os("CARGO_MANIFEST_DIR").is_some() {
        assert!(!env.contains_key("CARGO_MANIFEST_DIR"), "{stdout}");
    }
    assert_eq!(function.stderr(), "to-stderr\n");
    assert!(function.output().ends_with("to-stderr\n"));
}

#[test]
fn a_running_process_is_alive_until_killed() {
    let api = RuntimeApi::start();
    let mut function = Function::builder("/bin/sleep").arg("30").spawn(&api);
    assert!(function.is_alive());
    assert_eq!(function.wait_exit(Duration::from_millis(20)), None);
    let status = function.kill();
    assert!(!status.success());
    assert!(!function.is_alive());
    assert_eq!(function.wait_exit(Duration::ZERO), Some(status));
}

#[test]
#[cfg(target_os = "linux")]
fn dropping_a_function_kills_and_reaps_its_process() {
    let api = RuntimeApi::start();
    let function = Function::builder("/bin/sleep").arg("30").spawn(&api);
    let proc_dir = format!("/proc/{}", function.pid());
    assert!(std::path::Path::new(&proc_dir).exists());
    drop(function);
    assert!(!std::path::Path::new(&proc_dir).exists(), "{proc_dir} survived the drop");
}

#[test]
fn output_can_be_awaited_while_the_process_runs() {
    let api = RuntimeApi::start();
    let mut function = shell("echo ready >&2; exec sleep 30").spawn(&api);
    assert!(function.wait_for_output("ready", SOON));
    assert!(!function.wait_for_output("never printed", Duration::from_millis(20)));
    assert!(function.is_alive());
}

#[test]
fn a_missing_binary_is_reported() {
    let api = RuntimeApi::start();
    let error =
        Function::builder("/nonexistent/bootstrap").try_spawn(&api).err().expect("spawning a missing binary fails");
    assert_eq!(error.kind(), ErrorKind::NotFound);
}

#[test]
#[should_panic(expected = "could not start /nonexistent/bootstrap")]
fn spawn_panics_with_the_path_of_a_missing_binary() {
    let api = RuntimeApi::start();
    Function::spawn("/nonexistent/bootstrap", &api);
}
