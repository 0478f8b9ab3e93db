//! Starts the app. Everything else lives in the library.

fn main() {
    vardkoll::start();
}
