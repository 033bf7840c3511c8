# serve: messages of serve (en). Fluent syntax: https://projectfluent.org/fluent/guide/

## sopbook serve: command-line help
cmd-serve = Build, serve on 127.0.0.1, rebuild on every change and reload the open pages.
cmd-serve-root = The knowledge base: the folder that holds `procedures/`.
cmd-serve-port = The port to listen on; 0 picks a free one.
cmd-serve-bind = The address to listen on. Only loopback by default: pass 0.0.0.0 to share the preview on the network, knowingly. Requests must name this machine (localhost or the address they reached) in their Host header; others get 421.
cmd-serve-open = Open the site in the default browser.

## sopbook serve: starting
serve-not-a-base = `{ $path }` has no `procedures/` folder: is this a knowledge base?
serve-cannot-open = cannot open `{ $path }`
serve-cannot-create-temporary = cannot create a temporary folder in `{ $path }`
serve-cannot-start = cannot start the server
serve-cannot-create = cannot create `{ $path }`
serve-cannot-write = cannot write `{ $path }`
serve-cannot-listen = cannot listen on { $address }
serve-cannot-watch-files = cannot watch files
serve-cannot-watch = cannot watch `{ $path }`
serve-serving = serving on { $url } (Ctrl+C stops)
serve-serving-everywhere = serving on { $url } and on every network interface ({ $local }) (Ctrl+C stops)
serve-no-browser = could not open a browser: visit { $url }

## sopbook serve: after each change
serve-rebuilt = rebuilt { $pages } pages in { $ms } ms
serve-updated = updated { $pages } pages in { $ms } ms
serve-updated-lists = updated the lists and the search index in { $ms } ms
serve-updated-book = updated the handbook in { $ms } ms
serve-history-unread = the git history was not read: { $error }
serve-not-rebuilt = { $summary } — the site was not rebuilt

## The box over the open pages while the sources have errors
serve-overlay-title = { $count ->
    [one] sopbook: the site was not rebuilt (1 error)
   *[other] sopbook: the site was not rebuilt ({ $count } errors)
}
serve-overlay-hint = Fix the file and save: the page updates by itself.

## Requests refused (the text of the answer)
serve-host-one = exactly one Host header is required
serve-host-other = this preview answers only to http://localhost:{ $port }/ or http://{ $reached }/ (the Host header names another host: a page elsewhere may be trying to read it)
