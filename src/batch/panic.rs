//! Panics in one document's processing are bugs, and must not cost the other documents: they
//! are caught around each document, and the document gets an error record of kind `panic` with
//! the panic's message (and, when [`quiet_document_panics`] was called, where it happened).
//!
//! Rust prints every panic on standard error through the panic hook, before it is caught, with
//! a backtrace when `RUST_BACKTRACE` is set. [`quiet_document_panics`] installs a hook that stays
//! quiet about the panics caught here — they are reported once, as the document's error — and
//! hands every other panic to the hook that was there before. The `factex` binary installs it;
//! a library user may, or may keep Rust's messages.
//!
//! This relies on unwinding: a build with `panic = "abort"` ends the process at the first panic.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// True while this thread runs a document inside [`catch`].
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// Where the last caught panic on this thread happened, when the quiet hook saw it.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`; a panic becomes `Err` with its message (and location, when the quiet hook is in
/// place).
pub(crate) fn catch<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    let was = CATCHING.replace(true);
    // The closure's state is dropped with the panic: nothing half-updated is used afterwards.
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.set(was);
    result.map_err(|payload| {
        let message = message(payload.as_ref());
        match LOCATION.take() {
            Some(location) => format!("{message} (at {location})"),
            None => message,
        }
    })
}

/// The message a panic was raised with.
fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

/// Makes the panics caught in a document's processing quiet: they are reported as the
/// document's error record (and to the batch's observer) only, with where they happened. Other
/// panics go to the hook installed before. Installing it more than once does nothing.
pub fn quiet_document_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CATCHING.get() {
                let location = info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                LOCATION.set(location);
            } else {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        quiet_document_panics();
        assert_eq!(catch(|| 5), Ok(5));
        let err = catch(|| -> u8 { panic!("bad {}", "span") }).unwrap_err();
        assert!(err.starts_with("bad span (at src/batch/panic.rs:"), "{err}");
        let err = catch(|| std::panic::panic_any(17u8)).unwrap_err();
        assert!(err.starts_with("a panic without a message"), "{err}");
        // Nested: the inner catch does not end the outer one.
        let outer = catch(|| {
            let inner = catch(|| -> () { panic!("inner") });
            assert!(inner.is_err());
            panic!("outer")
        });
        assert!(outer.unwrap_err().starts_with("outer"));
    }
}
