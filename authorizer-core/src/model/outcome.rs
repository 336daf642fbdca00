//! What an `#[authorizer]` function may return: a [`Decision`], or why there is none.

use crate::model::{Decision, Error};

/// A return type of an authorizer: `Result<Decision<C>, E>` with `E: Into<Error>` (any
/// `std::error::Error + Send + Sync + 'static`, `Box<dyn std::error::Error + Send + Sync>`,
/// `anyhow::Error`, `eyre::Report`, [`Unauthorized`](crate::Unauthorized), `Error` itself),
/// or a plain `Decision<C>` for one that never fails.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not what an authorizer returns",
    label = "expected `Result<Decision<C>, E>` or `Decision<C>`",
    note = "`C` is the context (none when left out: `Decision`) and `E` any error that converts into `authorizer_core::Error`, such as `Error` itself",
    note = "return `Ok(Decision::allow(..))` or `Ok(Decision::deny(..))`, `Err(Unauthorized.into())` for a 401, or another error for a 500"
)]
pub trait Outcome: sealed::Sealed {
    /// The decision's context type.
    type Context;

    /// The decision, or why there is none.
    ///
    /// # Errors
    ///
    /// The authorizer's own error.
    fn into_result(self) -> Result<Decision<Self::Context>, Error>;
}

mod sealed {
    pub trait Sealed {}
    impl<C, E> Sealed for Result<crate::model::Decision<C>, E> {}
    impl<C> Sealed for crate::model::Decision<C> {}
}

impl<C, E: Into<Error>> Outcome for Result<Decision<C>, E> {
    type Context = C;

    fn into_result(self) -> Result<Decision<C>, Error> {
        self.map_err(Into::into)
    }
}

impl<C> Outcome for Decision<C> {
    type Context = C;

    fn into_result(self) -> Result<Self, Error> {
        Ok(self)
    }
}
