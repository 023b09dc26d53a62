//! The firmware build's panic handler (`--no-default-features`: no `std`, `panic = "abort"`).
//!
//! The core cannot panic on any input, so a panic here is a bug that "cannot happen". What
//! happens then is the integrator's choice: the handler calls the C function
//! `void qrsign_panic_hook(void)`, which the library defines as a *weak* symbol that returns at
//! once; a strong definition in the firmware (a reset, a fault log, a trap) replaces it at link
//! time. If the hook returns, the handler spins forever. Nothing unwinds and no message is
//! formatted, so no formatting code is linked in.
//!
//! ```c
//! void qrsign_panic_hook(void) { NVIC_SystemReset(); } /* the firmware's own definition */
//! ```

// The header documents the hook in its conventions (firmware build only; the hosted library
// neither defines nor calls it): cbindgen.toml excludes this declaration.
unsafe extern "C" {
    /// The integrator's hook (weak default below); never returns to Rust code that continues.
    fn qrsign_panic_hook();
}

// The weak default `qrsign_panic_hook`: one return instruction, in a section of its own (so
// `--gc-sections` keeps it only when the panic handler is linked). A strong definition of the same
// name in the program wins over it at link time.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
core::arch::global_asm!(
    ".pushsection .text.qrsign_panic_hook,\"ax\"",
    ".weak qrsign_panic_hook",
    ".type qrsign_panic_hook, \"function\"",
    "qrsign_panic_hook:",
    "ret",
    ".size qrsign_panic_hook, . - qrsign_panic_hook",
    ".popsection",
);
#[cfg(target_arch = "arm")]
core::arch::global_asm!(
    ".pushsection .text.qrsign_panic_hook,\"ax\"",
    ".weak qrsign_panic_hook",
    ".type qrsign_panic_hook, \"function\"",
    ".thumb_func",
    "qrsign_panic_hook:",
    "bx lr",
    ".size qrsign_panic_hook, . - qrsign_panic_hook",
    ".popsection",
);
#[cfg(any(
    target_arch = "aarch64",
    target_arch = "riscv32",
    target_arch = "riscv64"
))]
core::arch::global_asm!(
    ".pushsection .text.qrsign_panic_hook,\"ax\"",
    ".weak qrsign_panic_hook",
    ".type qrsign_panic_hook, \"function\"",
    "qrsign_panic_hook:",
    "ret",
    ".size qrsign_panic_hook, . - qrsign_panic_hook",
    ".popsection",
);

/// Calls the integrator's `qrsign_panic_hook`, then spins if it returns.
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: `qrsign_panic_hook` is a C function of no arguments and no result: the weak default
    // above, or the integrator's definition with the signature documented in the header.
    unsafe { qrsign_panic_hook() };
    loop {
        core::hint::spin_loop();
    }
}
