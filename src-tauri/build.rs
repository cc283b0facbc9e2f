// The app package lives at the repository root (see README "The app"), so
// capabilities and permissions are looked up under src-tauri/ explicitly.
// The permissions are written by hand rather than generated with
// `AppManifest::commands`, which would write them into ./permissions at the
// repository root.
fn main() {
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
