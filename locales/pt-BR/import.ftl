# import: mensagens do `sopbook import`, do `sopbook new` e do `sopbook init` (pt-BR).
# Sintaxe do Fluent: https://projectfluent.org/fluent/guide/
# Os arquivos de procedimento e o manuals.toml que estes comandos gravam continuam em português
# em qualquer idioma: eles fazem parte da base de conhecimento, não são mensagens.

## Por que um manual não pôde ser lido (src/import)

import-not-found = `{ $path }` não existe
import-folder = `{ $path }` é uma pasta, não um manual
import-old-word = `{ $path }` é um documento do Word 97-2003, que o sopbook não consegue ler: abra-o no Word e salve-o como .docx (Arquivo > Salvar como), e importe o .docx
import-unsupported = `{ $path }`: o sopbook não lê arquivos .{ $ext }; salve o manual como .docx, .html ou .txt e importe esse arquivo
import-not-zip = não é um arquivo .docx (não é um arquivo zip): salve-o no Word como .docx
import-part = não foi possível ler `{ $name }` dentro do .docx
import-damaged = o .docx está danificado
import-no-text = o manual não tem nenhum texto
import-docx-too-many-files = o .docx contém { $count } arquivos, e o sopbook lê no máximo { $max }: não é um documento gravado pelo Word
import-docx-no-document = não é um arquivo .docx: falta o `word/document.xml` (será outro tipo de arquivo zip?)
import-docx-part-too-big = `{ $name }` dentro do .docx passa de { $mib } MiB descompactado, e o sopbook lê no máximo isso: não é um documento gravado pelo Word (uma bomba zip?)
import-docx-not-utf8 = `{ $name }` dentro do .docx não é texto em UTF-8

## Por que uma imagem não foi importada

import-skip-format = uma imagem no formato { $format }, e o site publica PNG, JPEG, GIF e WebP; converta-a
import-skip-not-picture = o conteúdo não é uma imagem PNG, JPEG, GIF ou WebP
import-skip-too-large = maior que { $mib } MiB
import-skip-too-many = além das { $count } imagens ({ $mib } MiB) importadas de um manual
import-skip-missing = o arquivo não foi encontrado
import-skip-outside = o caminho sai da pasta do manual, e não foi lido
import-skip-web = está na web, e o sopbook não baixa nada
import-skip-linked = vinculada a um arquivo fora do .docx, não incorporada a ele
import-skip-not-image-uri = um endereço `data:` que não é uma imagem
import-skip-drawing = um desenho (gráfico ou forma), não uma imagem
import-skip-unreadable = não pôde ser lida: { $reason }

## O que o editor precisa revisar, uma linha do relatório cada

import-candidate-decision-to = decisão candidata (a resposta "Não" pode levar a `{ $to }`): "{ $sentence }"
import-candidate-decision = decisão candidata: "{ $sentence }"
import-candidate-escalation = escalonamento candidato ("{ $words }")
import-candidate-resolution = resolução candidata ("{ $words }")
import-candidate-missing-picture = imagem ausente ("{ $words }")
import-candidate-picture-not-imported = imagem não importada ({ $reasons })
import-candidate-image-alt = a imagem `{ $file }` não tem descrição no manual: escreva o `alt` dela
import-candidate-unreachable = nenhum passo leva até aqui (`{ $after }` encerra o atendimento)
import-candidate-dead-end = o manual termina aqui sem dizer como o atendimento acaba
import-candidate-unplaced = texto que o importador não soube posicionar, guardado na nota
import-candidate-provenance = a nota guarda o cabeçalho e o fecho do manual

## sopbook import

import-root-not-folder = `{ $root }` não é uma pasta (a base de conhecimento, indicada com --root)
import-nothing-written = nada foi gravado
import-manuals-dangling-link = `{ $path }` é um link simbólico para `{ $target }`, que não existe: nada foi gravado; troque o link por um arquivo
import-manuals-unreadable = { $reason }; nada foi gravado
import-collision = `{ $first }` e `{ $second }` seriam gravados no mesmo arquivo, `{ $path }`: importe-os um de cada vez, com --section diferentes, ou mude o título de um dos manuais
import-refusal = `{ $path }` já existe: o sopbook import nunca sobrescreve um arquivo. Mova-o ou renomeie-o, ou importe para outra pasta com --out
import-section-empty-part = a --section `{ $section }` tem uma parte vazia: escreva o breadcrumb da pasta do Qualitor, como em "Certificado Digital > A1"
import-section-bad-char = a --section `{ $section }` não pode conter `{ $char }`: as referências `[[…]]` usam `#`, `|`, `[` e `]`

# Uma pasta inteira de manuais.
import-folder-unreadable = não foi possível ler a pasta `{ $folder }`: { $error }
import-no-manual = nenhum manual em `{ $folder }`: o `sopbook import` lê arquivos .txt, .md, .html e .docx
import-skip-symlink = um link simbólico: numa pasta, os links não são seguidos; importe pelo nome o arquivo para o qual ele aponta
import-skip-not-regular = não é um arquivo comum (é um FIFO, um socket ou um dispositivo): não foi lido
import-skip-extension = arquivos `.{ $ext }` não são lidos
import-not-utf8 = `{ $path }` não está em UTF-8: foi lido como { $encoding }; confira os acentos
# A palavra depois de "12/40" na barra de progresso.
import-progress-manuals = manuais

# O relatório, um parágrafo por manual. Os rótulos têm espaços para alinhar os valores.
import-report-created = Criado { $path } a partir de { $input }
import-report-would-create = Seria criado { $path } a partir de { $input }
import-report-title = título:       { $title }
import-report-section = seção:        { $section }
import-report-owner = responsável:  { $owner }
import-report-updated = atualizado:   { $updated }
import-report-steps = passos:       { $count } ({ $kinds })
import-report-pictures = imagens:      { $count ->
        [one] { $count } (gravada ao lado do procedimento)
       *[other] { $count } (gravadas ao lado do procedimento)
    }
import-report-pictures-check = imagens:      { $count ->
        [one] { $count } (seria gravada ao lado do procedimento)
       *[other] { $count } (seriam gravadas ao lado do procedimento)
    }
import-report-references = referências:
import-report-review = a revisar (veja os comentários `# sopbook import:`):
import-report-section-option = "{ $section }" (--section)
import-report-section-cited = "{ $section }" (deduzida dos manuais que ele cita; confira)
import-report-section-unknown = desconhecida: `section = ""` até você escrevê-la, ou importe com --section
import-report-not-found = não encontrado
import-report-ref-procedure = um procedimento da base de conhecimento
import-report-ref-manual = já está no manuals.toml
import-report-ref-imported = importado agora
import-report-ref-new-check = novo: seria acrescentado ao manuals.toml
import-report-ref-new = novo: acrescentado ao manuals.toml
import-count-actions = { $count ->
    [0] nenhuma ação
    [one] { $count } ação
   *[other] { $count } ações
}
import-count-escalations = { $count ->
    [0] nenhum escalonamento
    [one] { $count } escalonamento
   *[other] { $count } escalonamentos
}
import-count-resolutions = { $count ->
    [0] nenhuma resolução
    [one] { $count } resolução
   *[other] { $count } resoluções
}

# O fim do relatório.
import-would-add-manuals = { $count ->
        [one] Seria acrescentado { $count } manual em { $path }
       *[other] Seriam acrescentados { $count } manuais em { $path }
    }
import-added-manuals = { $count ->
        [one] Acrescentado { $count } manual em { $path }
       *[other] Acrescentados { $count } manuais em { $path }
    }
import-check-nothing-written = Nada foi gravado (--check).
import-next = Próximo passo: rode `sopbook lint` e siga o que ele apontar e os comentários `# sopbook import:` dos arquivos.
import-summary = Manuais importados: { $imported } de { $total }; { $steps ->
        [0] nenhum passo
        [one] { $steps } passo
       *[other] { $steps } passos
    }, { $pictures ->
        [0] nenhuma imagem
        [one] { $pictures } imagem
       *[other] { $pictures } imagens
    }, { $references ->
        [0] nenhuma referência citada
        [one] { $references } referência citada
       *[other] { $references } referências citadas
    } ({ $resolved ->
        [0] nenhuma resolvida
        [one] { $resolved } resolvida
       *[other] { $resolved } resolvidas
    }, { $new ->
        [0] nenhuma nova
        [one] { $new } nova
       *[other] { $new } novas
    }), { $review ->
        [0] nenhum ponto a revisar
        [one] { $review } ponto a revisar
       *[other] { $review } pontos a revisar
    }
import-summary-check = Manuais a importar: { $imported } de { $total }; { $steps ->
        [0] nenhum passo
        [one] { $steps } passo
       *[other] { $steps } passos
    }, { $pictures ->
        [0] nenhuma imagem
        [one] { $pictures } imagem
       *[other] { $pictures } imagens
    }, { $references ->
        [0] nenhuma referência citada
        [one] { $references } referência citada
       *[other] { $references } referências citadas
    } ({ $resolved ->
        [0] nenhuma resolvida
        [one] { $resolved } resolvida
       *[other] { $resolved } resolvidas
    }, { $new ->
        [0] nenhuma nova
        [one] { $new } nova
       *[other] { $new } novas
    }), { $review ->
        [0] nenhum ponto a revisar
        [one] { $review } ponto a revisar
       *[other] { $review } pontos a revisar
    }
import-set-aside = { $count ->
        [one] { $count } manual ficou de fora (nada foi gravado para ele):
       *[other] { $count } manuais ficaram de fora (nada foi gravado para eles):
    }
import-ignored = { $count ->
        [one] { $count } outro arquivo das pastas foi ignorado (não é um manual)
       *[other] { $count } outros arquivos das pastas foram ignorados (não são manuais)
    }

## sopbook new

new-root-not-folder = `{ $root }` não é uma pasta
new-no-procedures = `{ $root }` não tem a pasta `{ $folder }/`: rode `sopbook init` nela antes, ou indique a base de conhecimento com `--root`
new-duplicate = já existe um procedimento chamado `{ $breadcrumb }`: `{ $path }`
new-already-exists = `{ $path }` já existe; escolha outro título, ou edite esse arquivo
new-already-exists-procedure = `{ $path }` já existe (o procedimento `{ $breadcrumb }`); escolha outro título, ou edite esse arquivo
new-empty = o breadcrumb está vazio: escreva a seção e depois o título, como em "Certificado Digital > A1 > Perda do Backup A1"
new-no-section = `{ $breadcrumb }` não tem seção: o breadcrumb de um procedimento é a seção e depois o título, separados por `>`, como em "Certificado Digital > A1 > Perda do Backup A1"
new-empty-part = o breadcrumb `{ $breadcrumb }` tem uma parte vazia: escreva um nome entre cada dois `>`
new-bad-char = `{ $segment }` não pode conter `{ $char }`: as referências `[[…]]` usam `#`, `|`, `[` e `]`
new-control-char = `{ $segment }` não pode conter um caractere de controle: as referências `[[…]]` usam `#`, `|`, `[` e `]`
new-no-letter = `{ $segment }` não tem nenhuma letra ou algarismo para dar nome ao arquivo ou à pasta
new-created = Criado { $path }
new-owner = responsável (owner): "{ $owner }" ({ $origin })
new-origin-section = o responsável mais comum em "{ $section }"
new-origin-base = o responsável mais comum da base de conhecimento
new-origin-default = nenhum procedimento informa um responsável ainda
# Depois de "nota: ".
new-replaces-manual = as referências a `{ $breadcrumb }` agora levam a este procedimento, e não mais ao manual do `manuals.toml`; remova esse manual quando o procedimento estiver completo
new-next = Preencha o resumo (`summary`) e os passos, e depois rode `sopbook lint`.

## sopbook init

init-not-folder = `{ $root }` existe e não é uma pasta
init-refusal = `{ $root }` já tem { $files }, e o `sopbook init` nunca sobrescreve um arquivo: nada foi gravado; tire { $count ->
        [one] esse arquivo
       *[other] esses arquivos
    } de lá, ou rode `sopbook init` em outra pasta
init-nothing-written = nada foi gravado
init-created = Nova base de conhecimento criada em `{ $root }`:
init-next-steps = Próximos passos:
# Depois de "sopbook lint", "sopbook build", "sopbook serve".
init-next-lint = verifica todos os procedimentos
init-next-build = grava o site em `site/`
init-next-serve = mostra o site enquanto você edita
init-example = O procedimento de exemplo é `{ $path }`: copie-o, ou rode `sopbook new "Seção > Título"`.

## Gravar todos os arquivos ou nenhum (import, new, init)

staged-cannot-create-folder = não foi possível criar a pasta `{ $path }`
staged-cannot-write = não foi possível gravar `{ $path }`

## Ajuda da linha de comando: cmd-COMANDO (a linha de descrição) e cmd-COMANDO-ARGUMENTO

cmd-import = Transforma manuais existentes (texto, Markdown, HTML, .docx) em esqueletos de procedimento
cmd-import-files = Os manuais a importar: arquivos .txt, .md, .html ou .docx, ou pastas com eles (uma biblioteca inteira: todos os manuais dentro dela, em paralelo; um manual que não puder ser importado fica de fora e é listado, e os outros seguem)
cmd-import-section = A seção de todos os procedimentos importados ("Certificado Digital > A1"). Sem ela, é a parte comum dos breadcrumbs que o manual cita
cmd-import-out = A pasta de procedimentos onde gravar; cada arquivo vai para a subpasta da sua seção, como no `sopbook new` [padrão: ROOT/procedures]
cmd-import-check = Mostra o que seria gravado, sem gravar nada
cmd-import-format = Como mostrar o relatório: `human`, um parágrafo por manual e depois o resumo; `json`, um objeto JSON com cada manual, o que ficou de fora e os totais
cmd-import-root = A base de conhecimento: os manuais citados são procurados nela, e os desconhecidos são acrescentados ao manuals.toml dela
cmd-new = Cria um arquivo de procedimento novo a partir do breadcrumb
cmd-new-breadcrumb = O breadcrumb do procedimento novo: a seção e depois o título (`"Certificado Digital > A1 > Perda do Backup A1"`)
cmd-new-root = A base de conhecimento: a pasta que tem `procedures/`
cmd-init = Cria uma base de conhecimento nova
cmd-init-root = A pasta da base de conhecimento nova (criada se não existir)
