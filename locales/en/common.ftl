# Words every command shares: severities, counts, message prefixes.
# Fluent syntax: https://projectfluent.org/fluent/guide/

severity-error = error
severity-warning = warning
label-help = help
label-note = note

count-errors = { $count ->
    [0] no errors
    [one] { $count } error
   *[other] { $count } errors
}
count-warnings = { $count ->
    [0] no warnings
    [one] { $count } warning
   *[other] { $count } warnings
}
count-procedures = { $count ->
    [0] no procedures
    [one] { $count } procedure
   *[other] { $count } procedures
}
