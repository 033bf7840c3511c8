# import: messages of `sopbook import`, `sopbook new` and `sopbook init` (en).
# Fluent syntax: https://projectfluent.org/fluent/guide/
# The procedure files and manuals.toml these commands write stay in Portuguese: they are part of
# the knowledge base, not messages.

## Why a manual cannot be read (src/import)

import-not-found = `{ $path }` does not exist
import-folder = `{ $path }` is a folder, not a manual
import-old-word = `{ $path }` is a Word 97-2003 document, which sopbook cannot read: open it in Word and save it as .docx (File > Save As), then import the .docx
import-unsupported = `{ $path }`: sopbook cannot read .{ $ext } files; save the manual as .docx, .html or .txt and import that
import-not-zip = not a .docx file (it is not a zip archive): save it from Word as .docx
import-part = cannot read `{ $name }` inside the .docx
import-damaged = the .docx is damaged
import-no-text = the manual has no text
import-docx-too-many-files = the .docx holds { $count } files, and sopbook reads at most { $max }: it is not a document Word wrote
import-docx-no-document = not a .docx file: it has no `word/document.xml` (is it another kind of zip file?)
import-docx-part-too-big = `{ $name }` inside the .docx inflates to more than { $mib } MiB, and sopbook reads at most that: it is not a document Word wrote (a zip bomb?)
import-docx-not-utf8 = `{ $name }` inside the .docx is not UTF-8 text

## Why a picture was not imported

import-skip-format = a picture in { $format } format, and the site publishes PNG, JPEG, GIF and WebP; convert it
import-skip-not-picture = its bytes are not a PNG, JPEG, GIF or WebP picture
import-skip-too-large = larger than { $mib } MiB
import-skip-too-many = past the { $count } pictures ({ $mib } MiB) imported from one manual
import-skip-missing = the file is not there
import-skip-outside = its path leads out of the manual's folder, and is not read
import-skip-web = on the web, and sopbook downloads nothing
import-skip-linked = linked to a file outside the .docx, not embedded in it
import-skip-not-image-uri = a `data:` URI that is not a picture
import-skip-drawing = a drawing (chart or shape), not a picture
import-skip-unreadable = unreadable: { $reason }

## What the editor has to review, one line of the report each

import-candidate-decision-to = candidate decision (the "no" answer may lead to `{ $to }`): "{ $sentence }"
import-candidate-decision = candidate decision: "{ $sentence }"
import-candidate-escalation = candidate escalation ("{ $words }")
import-candidate-resolution = candidate resolution ("{ $words }")
import-candidate-missing-picture = missing picture ("{ $words }")
import-candidate-picture-not-imported = picture not imported ({ $reasons })
import-candidate-image-alt = picture `{ $file }` has no description in the manual: write its `alt`
import-candidate-unreachable = nothing leads here (`{ $after }` ends the case)
import-candidate-dead-end = the manual ends here without saying how the case ends
import-candidate-unplaced = text that could not be placed, kept in the note
import-candidate-provenance = the note keeps the manual's header and closing

## sopbook import

import-root-not-folder = `{ $root }` is not a folder (the knowledge base, given with --root)
import-nothing-written = nothing was written
import-manuals-dangling-link = `{ $path }` is a symbolic link to `{ $target }`, which does not exist: nothing was written; replace the link with a file
import-manuals-unreadable = { $reason }; nothing was written
import-collision = `{ $first }` and `{ $second }` would both be written to `{ $path }`: import them one at a time with different --section, or rename one manual's title
import-refusal = `{ $path }` already exists: sopbook import never overwrites a file. Move or rename it, or import into another folder with --out
import-section-empty-part = --section `{ $section }` has an empty part: write the Qualitor folder's breadcrumb, as in "Certificado Digital > A1"
import-section-bad-char = --section `{ $section }` cannot contain `{ $char }`: `[[…]]` references use `#`, `|`, `[` and `]`

# A whole folder of manuals.
import-folder-unreadable = cannot read the folder `{ $folder }`: { $error }
import-no-manual = no manual under `{ $folder }`: `sopbook import` reads .txt, .md, .html and .docx files
import-skip-symlink = a symbolic link: links are not followed in a folder; import the file it points to by its name
import-skip-not-regular = not a regular file (a FIFO, a socket or a device): not read
import-skip-extension = `.{ $ext }` files are not read
import-not-utf8 = `{ $path }` is not UTF-8: read as { $encoding }; check the accents
# The word after "12/40" in the progress bar.
import-progress-manuals = manuals

# The report, one paragraph per manual. The labels are padded so that the values line up.
import-report-created = Created { $path } from { $input }
import-report-would-create = Would create { $path } from { $input }
import-report-title = title:      { $title }
import-report-section = section:    { $section }
import-report-owner = owner:      { $owner }
import-report-updated = updated:    { $updated }
import-report-steps = steps:      { $count } ({ $kinds })
import-report-pictures = pictures:   { $count } (written beside it)
import-report-pictures-check = pictures:   { $count } (would be written beside it)
import-report-references = references:
import-report-review = to review (see the `# sopbook import:` comments):
import-report-section-option = "{ $section }" (--section)
import-report-section-cited = "{ $section }" (from the manuals it cites; check it)
import-report-section-unknown = unknown: `section = ""` until you write it, or import with --section
import-report-not-found = not found
import-report-ref-procedure = a procedure of the knowledge base
import-report-ref-manual = already in manuals.toml
import-report-ref-imported = imported now
import-report-ref-new-check = new: would be added to manuals.toml
import-report-ref-new = new: added to manuals.toml
import-count-actions = { $count ->
    [one] { $count } action
   *[other] { $count } actions
}
import-count-escalations = { $count ->
    [one] { $count } escalation
   *[other] { $count } escalations
}
import-count-resolutions = { $count ->
    [one] { $count } resolution
   *[other] { $count } resolutions
}

# The end of the report.
import-would-add-manuals = Would add { $count ->
        [one] { $count } manual
       *[other] { $count } manuals
    } to { $path }
import-added-manuals = Added { $count ->
        [one] { $count } manual
       *[other] { $count } manuals
    } to { $path }
import-check-nothing-written = Nothing written (--check).
import-next = Next: run `sopbook lint`, and follow its findings and the `# sopbook import:` comments in the files.
import-summary = Imported { $imported } of { $total ->
        [one] { $total } manual
       *[other] { $total } manuals
    }: { $steps ->
        [one] { $steps } step
       *[other] { $steps } steps
    }, { $pictures ->
        [one] { $pictures } picture
       *[other] { $pictures } pictures
    }, { $references ->
        [one] { $references } reference
       *[other] { $references } references
    } cited ({ $resolved } resolved, { $new } new), { $review ->
        [one] { $review } point
       *[other] { $review } points
    } to review
import-summary-check = Would import { $imported } of { $total ->
        [one] { $total } manual
       *[other] { $total } manuals
    }: { $steps ->
        [one] { $steps } step
       *[other] { $steps } steps
    }, { $pictures ->
        [one] { $pictures } picture
       *[other] { $pictures } pictures
    }, { $references ->
        [one] { $references } reference
       *[other] { $references } references
    } cited ({ $resolved } resolved, { $new } new), { $review ->
        [one] { $review } point
       *[other] { $review } points
    } to review
import-set-aside = Set aside { $count ->
        [one] { $count } manual
       *[other] { $count } manuals
    } (nothing written):
import-ignored = Ignored { $count ->
        [one] { $count } other file
       *[other] { $count } other files
    } in the folders (not manuals)

## sopbook new

new-root-not-folder = `{ $root }` is not a folder
new-no-procedures = `{ $root }` has no `{ $folder }/` folder: run `sopbook init` there first, or name the knowledge base with `--root`
new-duplicate = a procedure named `{ $breadcrumb }` already exists: `{ $path }`
new-already-exists = `{ $path }` already exists; choose another title, or edit that file
new-already-exists-procedure = `{ $path }` already exists (the procedure `{ $breadcrumb }`); choose another title, or edit that file
new-empty = the breadcrumb is empty: write the section, then the title, as in "Certificado Digital > A1 > Perda do Backup A1"
new-no-section = `{ $breadcrumb }` has no section: a procedure's breadcrumb is its section, then its title, separated by `>`, as in "Certificado Digital > A1 > Perda do Backup A1"
new-empty-part = the breadcrumb `{ $breadcrumb }` has an empty part: write a name between every two `>`
new-bad-char = `{ $segment }` cannot contain `{ $char }`: `[[…]]` references use `#`, `|`, `[` and `]`
new-control-char = `{ $segment }` cannot contain a control character: `[[…]]` references use `#`, `|`, `[` and `]`
new-no-letter = `{ $segment }` has no letter or digit to name its file or folder
new-created = Created { $path }
new-owner = owner: "{ $owner }" ({ $origin })
new-origin-section = the most common owner in "{ $section }"
new-origin-base = the most common owner in the knowledge base
new-origin-default = no procedure names an owner yet
# After "note: ".
new-replaces-manual = references to `{ $breadcrumb }` now lead to this procedure instead of the manual of `manuals.toml`; remove that manual once the procedure is complete
new-next = Fill in the summary and the steps, then run `sopbook lint`.

## sopbook init

init-not-folder = `{ $root }` exists and is not a folder
init-refusal = `{ $root }` already has { $files }, and `sopbook init` never overwrites a file: nothing was written; move { $count ->
        [one] it
       *[other] them
    } away, or run `sopbook init` in another folder
init-nothing-written = nothing was written
init-created = Created a new knowledge base in `{ $root }`:
init-next-steps = Next steps:
# After "sopbook lint", "sopbook build", "sopbook serve".
init-next-lint = check every procedure
init-next-build = write the site into `site/`
init-next-serve = preview the site while you edit
init-example = The example procedure is `{ $path }`: copy it, or run `sopbook new "Section > Title"`.

## Writing every file or none (import, new, init)

staged-cannot-create-folder = cannot create the folder `{ $path }`
staged-cannot-write = cannot write `{ $path }`

## Command-line help: cmd-COMMAND (the about line) and cmd-COMMAND-ARGUMENT

cmd-import = Turn existing manuals (text, Markdown, HTML, .docx) into procedure skeletons
cmd-import-files = The manuals to import: .txt, .md, .html or .docx files, or folders of them (a whole library: every manual under it, in parallel; one that cannot be imported is set aside and reported, and the others go on)
cmd-import-section = The section of every imported procedure ("Certificado Digital > A1"). By default it is the part that the breadcrumbs the manual cites have in common
cmd-import-out = The folder of procedures to write into; each file goes into the subfolder of its section, as `sopbook new` does [default: ROOT/procedures]
cmd-import-check = Report what would be written, without writing anything
cmd-import-format = How to print the report: `human`, a paragraph per manual, then the summary; `json`, one JSON object with every manual, what was set aside and the totals
cmd-import-root = The knowledge base: cited manuals are looked up in it, and the unknown ones added to its manuals.toml
cmd-new = Create a new procedure file from its breadcrumb
cmd-new-breadcrumb = The new procedure's breadcrumb: its section, then its title (`"Certificado Digital > A1 > Perda do Backup A1"`)
cmd-new-root = The knowledge base: the folder that holds `procedures/`
cmd-init = Create a new knowledge base
cmd-init-root = The folder of the new knowledge base (created if missing)
