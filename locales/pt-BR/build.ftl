# build: messages of build (pt-BR). Fluent syntax: https://projectfluent.org/fluent/guide/

## sopbook build: ajuda da linha de comando
cmd-build = Gera o site estático (verifica a base antes; não gera o site enquanto houver erros).
cmd-build-root = A base de conhecimento: a pasta que contém `procedures/`.
cmd-build-out = Onde gravar o site. Padrão: o `[build] output` do sopbook.toml, relativo a ROOT.
cmd-build-allow_errors = Gera o site mesmo quando o lint encontra erros; as páginas afetadas ganham uma faixa de alerta.
cmd-build-verbose = Mostra quanto tempo levou cada fase.
cmd-build-quiet = Não mostra nada além dos erros.

## sopbook build: o que ele mostra
build-not-built = o site não foi gerado: { $summary } ({ $hint }; --allow-errors gera o site mesmo assim)
build-hint-quiet = o `sopbook lint` mostra os erros
build-hint-above = veja acima
build-done = { $pages ->
    [one] { $pages } página gerada
   *[other] { $pages } páginas geradas
} ({ $files ->
    [one] { $files } arquivo
   *[other] { $files } arquivos
}, { $megabytes } MB) a partir de { $procedures ->
    [0] nenhum procedimento
    [one] { $procedures } procedimento
   *[other] { $procedures } procedimentos
} em { $seconds } s → { $index }
# --verbose: as fases da geração, e depois o pico de memória ao fim de cada uma.
build-phase-load = carregar a base
build-phase-history = histórico
build-phase-lint = lint
build-phase-prepare = preparar
build-phase-procedures = procedimentos
build-phase-lists = listas, manual e busca
build-phase-write-rest = gravar o resto
build-phase-swap = trocar o site
build-peak-memory = (pico de memória: { $megabytes } MB)

## A geração do site: a barra de progresso e por que um site não pode ser gerado
render-progress-procedures = procedimentos
render-cannot-read = não foi possível ler `{ $path }`
render-cannot-read-image = não foi possível ler a imagem `{ $path }`
render-cannot-write = não foi possível gravar `{ $path }`
render-cannot-create = não foi possível criar `{ $path }`
render-cannot-create-staging = não foi possível criar a pasta provisória `{ $path }`
render-cannot-clear = não foi possível apagar `{ $path }`
render-cannot-copy-image = não foi possível copiar a imagem `{ $path }`
render-cannot-replace = não foi possível substituir `{ $path }`
render-cannot-remove = não foi possível apagar `{ $path }`
render-cannot-move-aside = não foi possível tirar do lugar o site anterior em `{ $path }`
render-cannot-move-into = não foi possível pôr o site novo em `{ $path }`
render-cannot-write-site = não foi possível gravar o site em `{ $target }`: { $cause }
render-out-symlink = `{ $path }` é um link simbólico (para `{ $to }`): o sopbook substitui a pasta de saída inteira, e substituiria o link; indique a própria pasta em --out
render-out-is-file = `{ $path }` é um arquivo, não uma pasta: escolha outro --out
render-out-not-ours = `{ $path }` já existe e não foi criada pelo sopbook (não tem `{ $marker }`): o sopbook se recusa a substituí-la; escolha outro --out ou apague essa pasta
render-out-parent-is-file = não foi possível gravar o site em `{ $target }`: `{ $file }` é um arquivo, não uma pasta
render-out-fs-root = o sopbook se recusa a gravar o site em `{ $path }`: é a raiz do sistema de arquivos
render-out-home = o sopbook se recusa a gravar o site em `{ $path }`: é a sua pasta pessoal
render-out-base = o sopbook se recusa a gravar o site em `{ $path }`: é a base de conhecimento, ou uma pasta que a contém
render-out-source = o sopbook se recusa a gravar o site em `{ $path }`: fica dentro da pasta `{ $folder }/` da base de conhecimento
render-out-config = o sopbook se recusa a gravar o site em `{ $path }`: é o `{ $file }` da base de conhecimento
render-page-outside = o sopbook se recusa a gravar `{ $path }`: não é um caminho dentro do site
render-page-in-media = o sopbook se recusa a gravar `{ $path }`: a pasta `{ $media }/` guarda só as imagens publicadas
render-page-taken = duas páginas do site seriam gravadas em `{ $path }`: dois nomes (de seções, etiquetas ou procedimentos) que só diferem em maiúsculas, acentos ou pontuação dão no mesmo arquivo; renomeie um deles
render-thread-panicked = uma thread que gravava o site falhou
render-no-thread = não foi possível iniciar uma thread
render-media-name = o sopbook se recusa a copiar uma imagem como `{ $name }`: não é um nome de arquivo simples
render-template-error = erro num template do tema
render-template-render = ao gerar `{ $url }` com `{ $template }`
render-template-not-utf8 = o template `{ $name }` não está em UTF-8
render-lang-missing = não existe o arquivo embutido `{ $file }`
render-lang-not-utf8 = o `{ $file }` do tema não está em UTF-8
render-theme-not-a-name = o tema `{ $name }` deve ser o nome de uma pasta em `themes/`, não um caminho
render-theme-not-found = tema `{ $name }` não encontrado: a pasta `{ $folder }` não existe
render-theme-unreadable = não foi possível ler o tema `{ $name }`
render-book-not-utf8 = `{ $path }` não é texto em UTF-8
render-book-summary-missing = `book/SUMMARY.md` lista o capítulo `{ $chapter }`, que não existe em `book/`: crie o arquivo ou corrija o caminho (relativo à pasta `book/`)
render-no-procedure-suggest = não existe o procedimento `{ $reference }`: você quis dizer `{ $best }`?
render-no-procedure = não existe o procedimento `{ $reference }` (indique um caminho como `pasta/arquivo` ou um breadcrumb)
