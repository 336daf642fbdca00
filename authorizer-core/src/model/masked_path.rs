//! Request paths in `Debug` output, with their values hidden: paths carry request values.

use std::fmt;

/// A request path, shown by `Debug` with each segment as `…`: `/reset/<token>` is
/// `"/…/…"`. Paths carry request values.
pub(crate) struct MaskedPath<'a>(pub(crate) &'a str);

impl fmt::Display for MaskedPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.split('/').enumerate() {
            if i > 0 {
                f.write_str("/")?;
            }
            if !segment.is_empty() {
                f.write_str("…")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for MaskedPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MethodArn, WebSocketArn};

    #[test]
    fn paths_show_their_shape_only() {
        for (path, shown) in [("", ""), ("/", "/"), ("/pets/42", "/…/…"), ("/reset/s3cret/", "/…/…/")] {
            assert_eq!(MaskedPath(path).to_string(), shown);
        }
        let arn: MethodArn = "arn:aws:execute-api:us-east-1:1:abc/prod/GET/reset/s3cret".parse().unwrap();
        assert_eq!(format!("{arn:?}"), r#"MethodArn("arn:aws:execute-api:us-east-1:1:abc/prod/GET/…/…")"#);
        let root: MethodArn = "arn:aws:execute-api:us-east-1:1:abc/prod/GET/".parse().unwrap();
        assert_eq!(format!("{root:?}"), r#"MethodArn("arn:aws:execute-api:us-east-1:1:abc/prod/GET/")"#);
        let ws: WebSocketArn = "arn:aws:execute-api:us-east-1:1:abc/prod/$connect".parse().unwrap();
        assert_eq!(format!("{ws:?}"), r#"WebSocketArn("arn:aws:execute-api:us-east-1:1:abc/prod/$connect")"#);
    }
}
