pub mod devices;
pub mod sign_in;
pub mod sign_in_error;
