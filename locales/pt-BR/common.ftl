# Palavras comuns a todos os comandos: severidades, contagens, prefixos das mensagens.
# Sintaxe do Fluent: https://projectfluent.org/fluent/guide/
# O plural em pt-BR: [0] para "nenhum", [one] para 1, *[other] para o resto.

severity-error = erro
severity-warning = aviso
label-help = ajuda
label-note = nota

count-errors = { $count ->
    [0] nenhum erro
    [one] { $count } erro
   *[other] { $count } erros
}
count-warnings = { $count ->
    [0] nenhum aviso
    [one] { $count } aviso
   *[other] { $count } avisos
}
count-procedures = { $count ->
    [0] nenhum procedimento
    [one] { $count } procedimento
   *[other] { $count } procedimentos
}
