pub mod devices;
pub mod passkeys;
pub mod sign_in;
pub mod sign_in_error;
