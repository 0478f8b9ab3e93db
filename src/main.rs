//! Mounts the app. Everything else lives in the library.

fn main() {
    leptos::mount::mount_to_body(vardkoll::App);
}
