# serve: messages of serve (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/

## sopbook serve: ajuda da linha de comando
cmd-serve = Gera o site, serve-o em 127.0.0.1, gera de novo a cada mudança e recarrega as páginas abertas.
cmd-serve-root = A base de conhecimento: a pasta que contém `procedures/`.
cmd-serve-port = A porta em que o site é servido; 0 escolhe uma porta livre.
cmd-serve-bind = O endereço em que o site é servido. Por padrão, só este computador: use 0.0.0.0 para mostrar a prévia na rede, sabendo o que está fazendo. Os pedidos precisam dizer o nome deste computador (localhost ou o endereço pelo qual chegaram) no cabeçalho Host; os outros recebem 421.
cmd-serve-open = Abre o site no navegador padrão.

## sopbook serve: ao começar
serve-not-a-base = `{ $path }` não tem a pasta `procedures/`: é mesmo uma base de conhecimento?
serve-cannot-open = não foi possível abrir `{ $path }`
serve-cannot-create-temporary = não foi possível criar uma pasta temporária em `{ $path }`
serve-cannot-start = não foi possível iniciar o servidor
serve-cannot-create = não foi possível criar `{ $path }`
serve-cannot-write = não foi possível gravar `{ $path }`
serve-cannot-listen = não foi possível servir em { $address }
serve-cannot-watch-files = não foi possível acompanhar as mudanças nos arquivos
serve-cannot-watch = não foi possível acompanhar as mudanças em `{ $path }`
serve-serving = servindo em { $url } (Ctrl+C encerra)
serve-serving-everywhere = servindo em { $url } e em todas as interfaces de rede ({ $local }) (Ctrl+C encerra)
serve-no-browser = não foi possível abrir o navegador: acesse { $url }

## sopbook serve: a cada mudança
serve-rebuilt = { $pages ->
    [one] { $pages } página gerada
   *[other] { $pages } páginas geradas
} em { $ms } ms
serve-updated = { $pages ->
    [0] nenhuma página refeita
    [one] { $pages } página refeita
   *[other] { $pages } páginas refeitas
} em { $ms } ms
serve-updated-lists = listas e índice da busca refeitos em { $ms } ms
serve-updated-book = manual refeito em { $ms } ms
serve-history-unread = o histórico do git não foi lido: { $error }
serve-not-rebuilt = { $summary } — o site não foi reconstruído

## O quadro por cima das páginas abertas enquanto as fontes têm erros
serve-overlay-title = { $count ->
    [one] sopbook: o site não foi reconstruído (1 erro)
   *[other] sopbook: o site não foi reconstruído ({ $count } erros)
}
serve-overlay-hint = Corrija o arquivo e salve: a página se atualiza sozinha.

## Pedidos recusados (o texto da resposta)
serve-host-one = o pedido precisa de exatamente um cabeçalho Host
serve-host-other = esta prévia só responde em http://localhost:{ $port }/ ou http://{ $reached }/ (o cabeçalho Host diz outro nome: uma página de outro site pode estar tentando lê-la)
