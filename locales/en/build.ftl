# build: messages of build (en). Fluent syntax: https://projectfluent.org/fluent/guide/

## sopbook build: command-line help
cmd-build = Build the static site (lints first; refuses to build while there are errors).
cmd-build-root = The knowledge base: the folder that holds `procedures/`.
cmd-build-out = Where to write the site. Default: `[build] output` of sopbook.toml, relative to ROOT.
cmd-build-allow_errors = Build even when the linter finds errors; affected pages carry a banner.
cmd-build-verbose = Print the time of each phase.
cmd-build-quiet = Print nothing but errors.

## sopbook build: what it prints
build-not-built = the site was not built: { $summary } ({ $hint }; --allow-errors builds anyway)
build-hint-quiet = `sopbook lint` shows them
build-hint-above = see above
build-done = built { $pages } pages ({ $files } files, { $megabytes } MB) from { $procedures } procedures in { $seconds } s → { $index }
# --verbose: the phases of a build, then the peak memory after one.
build-phase-load = load
build-phase-history = history
build-phase-lint = lint
build-phase-prepare = prepare
build-phase-procedures = procedures
build-phase-lists = lists, book, search index
build-phase-write-rest = write rest
build-phase-swap = swap
build-peak-memory = (peak memory { $megabytes } MB)

## The renderer: the progress bar and why a site cannot be built
render-progress-procedures = procedures
render-cannot-read = cannot read `{ $path }`
render-cannot-read-image = cannot read the image `{ $path }`
render-cannot-write = cannot write `{ $path }`
render-cannot-create = cannot create `{ $path }`
render-cannot-create-staging = cannot create the staging folder `{ $path }`
render-cannot-clear = cannot clear `{ $path }`
render-cannot-copy-image = cannot copy the image `{ $path }`
render-cannot-replace = cannot replace `{ $path }`
render-cannot-remove = cannot remove `{ $path }`
render-cannot-move-aside = cannot move the previous site aside from `{ $path }`
render-cannot-move-into = cannot move the new site into `{ $path }`
render-cannot-write-site = cannot write the site to `{ $target }`: { $cause }
render-out-symlink = `{ $path }` is a symbolic link (to `{ $to }`): sopbook replaces its output folder as a whole, and would replace the link; give the folder itself as --out
render-out-is-file = `{ $path }` is a file, not a folder: choose another --out
render-out-not-ours = `{ $path }` exists and was not made by sopbook (no `{ $marker }` in it): refusing to replace it; choose another --out or remove it
render-out-parent-is-file = cannot write the site to `{ $target }`: `{ $file }` is a file, not a folder
render-out-fs-root = refusing to write the site to `{ $path }`: it is the root of the file system
render-out-home = refusing to write the site to `{ $path }`: it is the home folder
render-out-base = refusing to write the site to `{ $path }`: it is the knowledge base, or a folder that contains it
render-out-source = refusing to write the site to `{ $path }`: it is inside the knowledge base's `{ $folder }/`
render-out-config = refusing to write the site to `{ $path }`: it is the knowledge base's `{ $file }`
render-page-outside = refusing to write `{ $path }`: not a path inside the site
render-page-in-media = refusing to write `{ $path }`: `{ $media }/` holds only the published images
render-page-taken = two pages of the site would be written to `{ $path }`: two names (of sections, tags or procedures) that differ only by case, accents or punctuation share it; rename one
render-thread-panicked = a thread writing the site panicked
render-no-thread = cannot start a thread
render-media-name = refusing to copy an image as `{ $name }`: not a plain file name
render-template-error = theme template error
render-template-render = rendering `{ $url }` with `{ $template }`
render-template-not-utf8 = template `{ $name }` is not UTF-8
render-lang-missing = no built-in `{ $file }`
render-lang-not-utf8 = the theme's `{ $file }` is not UTF-8
render-theme-not-a-name = theme `{ $name }` must be the name of a folder in `themes/`, not a path
render-theme-not-found = theme `{ $name }` not found: there is no folder `{ $folder }`
render-theme-unreadable = cannot read theme `{ $name }`
render-book-not-utf8 = `{ $path }` is not UTF-8 text
render-book-summary-missing = `book/SUMMARY.md` lists the chapter `{ $chapter }`, which does not exist in `book/`: create the file or correct the path (relative to `book/`)
render-no-procedure-suggest = no procedure `{ $reference }`: did you mean `{ $best }`?
render-no-procedure = no procedure `{ $reference }` (give a slug such as `pasta/arquivo` or a breadcrumb)
