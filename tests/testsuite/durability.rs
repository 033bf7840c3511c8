//! A build killed at any moment leaves a whole site (the previous one or the new one), and the
//! output does not depend on the order in which the file system lists files.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

/// Every file of a folder, by relative path, with a hash of its bytes.
fn tree(dir: &Path) -> BTreeMap<String, u64> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let mut hasher = DefaultHasher::new();
            std::fs::read(e.path()).unwrap().hash(&mut hasher);
            (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), hasher.finish())
        })
        .collect()
}

/// A knowledge base of `n` synthetic procedures whose site title is `title` (on every page).
fn base(root: &Path, n: usize, title: &str) {
    sopbook::synth::write(root, n).unwrap();
    retitle(root, title);
}

fn retitle(root: &Path, title: &str) {
    std::fs::write(root.join("sopbook.toml"), format!("[site]\ntitle = \"{title}\"\n")).unwrap();
}

fn build_command(root: &Path, out: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_sopbook"));
    command.arg("build").arg(root).arg("--out").arg(out).arg("--quiet").env("SOPBOOK_TODAY", crate::TODAY);
    // The default language (pt-BR), whatever the machine's locale.
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command
}

/// SIGKILL at points spread over a whole build (from the start to past the end): after each,
/// the output folder is exactly the site before or exactly the site after, never a mix, never
/// missing; leftovers of killed builds are cleared by the next one.
#[cfg(target_os = "linux")]
#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_site_or_the_new_one_whole() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    let out = dir.path().join("site");
    base(&root, 200, "Base A");
    assert!(build_command(&root, &out).status().unwrap().success());
    let site_a = tree(&out);
    retitle(&root, "Base B");
    assert!(build_command(&root, &dir.path().join("b")).status().unwrap().success());
    let site_b = tree(&dir.path().join("b"));
    std::fs::remove_dir_all(dir.path().join("b")).unwrap();
    assert_ne!(site_a, site_b);
    // How long a build that replaces the site takes, from the spawn to the end.
    retitle(&root, "Base A");
    let started = std::time::Instant::now();
    assert!(build_command(&root, &out).status().unwrap().success());
    let duration = started.elapsed();
    assert_eq!(tree(&out), site_a);
    assert!(site_a.contains_key(".sopbook-site"));

    // The title the site on disk has now; each build aims at the other one.
    let mut current = "Base A";
    let (mut kept, mut replaced) = (0, 0);
    const KILLS: u32 = 20;
    for k in 0..KILLS {
        let target = if current == "Base A" { "Base B" } else { "Base A" };
        retitle(&root, target);
        // From the start to twice the duration: before, during and after the swap.
        let delay = duration.mul_f64(2.0 * f64::from(k) / f64::from(KILLS));
        let mut child = build_command(&root, &out).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        child.wait().unwrap();
        let now = tree(&out);
        let (before, after) = if current == "Base A" { (&site_a, &site_b) } else { (&site_b, &site_a) };
        if now == *before {
            kept += 1;
        } else if now == *after {
            replaced += 1;
            current = target;
        } else {
            let mixed = now.iter().filter(|(path, hash)| before.get(*path) != Some(hash)).count();
            panic!(
                "killed after {delay:?}: the site is neither the previous one nor the new one ({mixed} files differ)"
            );
        }
    }
    eprintln!("{KILLS} kills over a {duration:?} build: {kept} left the previous site, {replaced} the new one");
    assert!(kept > 0 && replaced > 0, "the kills did not fall on both sides of the swap: the test proves little");

    // The next build clears what the killed ones left beside the output folder.
    assert!(build_command(&root, &out).status().unwrap().success());
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("sopbook-new") || name.contains("sopbook-old"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// The names in a folder in the order the file system lists them.
fn listed(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

/// The same knowledge base written twice, its files created in opposite orders (on tmpfs, and
/// on many other file systems, a folder then lists them in a different order): the two sites
/// are byte for byte the same.
#[test]
fn output_does_not_depend_on_the_order_files_are_listed_in() {
    let scratch = if Path::new("/dev/shm").is_dir() { Path::new("/dev/shm") } else { Path::new(".") };
    let dir = tempfile::Builder::new().prefix("sopbook-order-").tempdir_in(scratch).unwrap();
    let files = sopbook::synth::knowledge_base(120);
    for (name, reversed) in [("forward", false), ("backward", true)] {
        let root = dir.path().join(name);
        let mut order: Vec<&(String, String)> = files.iter().collect();
        if reversed {
            order.reverse();
        }
        for (path, text) in order {
            let full = root.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
    }
    let (forward, backward) = (dir.path().join("forward"), dir.path().join("backward"));
    // tmpfs lists a folder newest first: `procedures/` (20 sections) then lists differently.
    if listed(&forward.join("procedures")) == listed(&backward.join("procedures")) {
        eprintln!("note: this file system lists both folders alike; the comparison below still runs");
    }
    for root in [&forward, &backward] {
        assert!(build_command(root, &root.join("site")).status().unwrap().success());
    }
    let (a, b) = (tree(&forward.join("site")), tree(&backward.join("site")));
    assert_eq!(a.len(), b.len());
    let differing: Vec<&String> = a.iter().filter(|(path, hash)| b.get(*path) != Some(hash)).map(|(p, _)| p).collect();
    assert!(differing.is_empty(), "differ: {differing:?}");
}

/// An output folder that cannot be written: a clear error naming it (exit 2), no panic, and a
/// previous site there left as it was.
#[test]
fn an_output_that_cannot_be_written_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    base(&root, 3, "Base");
    let file = dir.path().join("arquivo");
    std::fs::write(&file, "não é uma pasta").unwrap();
    let run = |out: &Path| {
        let output = build_command(&root, out).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let said = run(&file);
    assert!(said.contains("é um arquivo, não uma pasta"), "{said}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "não é uma pasta");
    let said = run(&file.join("site"));
    assert!(said.contains("arquivo` é um arquivo, não uma pasta"), "{said}");

    // A folder that cannot be written to: as root, permissions do not stop anything, so a place
    // no one can create folders in stands in for it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("trancada");
        let out = locked.join("site");
        assert!(build_command(&root, &out).status().unwrap().success());
        let before = tree(&out);
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        let is_root = std::fs::write(locked.join("teste"), "").is_ok();
        let target = if is_root { Path::new("/proc/sopbook-site").to_path_buf() } else { out.clone() };
        let said = run(&target);
        assert!(said.contains(&format!("não foi possível gravar o site em `{}`", target.display())), "{said}");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(tree(&out), before, "the previous site is untouched");
    }
}
