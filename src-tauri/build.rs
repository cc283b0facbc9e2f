// The app package lives at the repository root (see README "The app"), so
// capabilities and permissions are looked up under src-tauri/ explicitly.
// The permissions are written by hand rather than generated with
// `AppManifest::commands`, which would write them into ./permissions at the
// repository root.
fn main() {
    // tauri-build does not watch these folders itself: without this an
    // incremental build keeps an old command list and the window's calls to
    // a new command are refused ("not allowed. Command not found").
    println!("cargo:rerun-if-changed=src-tauri/permissions");
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let manifest =
        tauri_build::AppManifest::new().permissions_path_pattern("src-tauri/permissions/**/*");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        // try_build's error already names the config file, icon or
        // permission that is wrong.
        panic!("tauri-build failed: {error:#}");
    }
}
