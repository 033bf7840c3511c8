//! The Portuguese vocabulary of the realistic base: a few hundred real pt-BR lemmas (nouns with
//! their gender, adjectives, regular verbs) inflected by the regular rules of the language into
//! a few thousand distinct forms (plurals, feminines, adverbs in *-mente*, eighteen forms of each
//! verb). Only regular lemmas are listed, and the few irregular forms that are needed are given
//! by hand, so every generated form is a real word.

/// A noun's grammatical gender.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Gender {
    M,
    F,
}

/// A noun: its singular, plural and gender.
#[derive(Clone, Debug)]
pub struct Noun {
    pub singular: String,
    pub plural: String,
    pub gender: Gender,
}

/// An adjective's four forms, and the adverb made from it when there is one.
#[derive(Clone, Debug)]
pub struct Adjective {
    /// Masculine singular, feminine singular, masculine plural, feminine plural.
    pub forms: [String; 4],
    pub adverb: Option<String>,
}

impl Adjective {
    /// The form that agrees with a noun of this gender and number.
    pub fn agree(&self, gender: Gender, plural: bool) -> &str {
        &self.forms[usize::from(gender == Gender::F) + 2 * usize::from(plural)]
    }
}

/// The forms of a regular verb that the sentences use.
#[derive(Clone, Debug)]
pub struct Verb {
    pub infinitive: String,
    /// Present: singular and plural (third person).
    pub present: [String; 2],
    pub preterite: [String; 2],
    pub imperfect: [String; 2],
    pub future: [String; 2],
    pub conditional: String,
    /// Present subjunctive, also the polite imperative (`Confira`, `Verifique`).
    pub subjunctive: [String; 2],
    pub past_subjunctive: [String; 2],
    /// Future subjunctive plural (the singular is the infinitive).
    pub future_subjunctive_plural: String,
    pub gerund: String,
    /// The participle as an [`Adjective`] (it agrees like one).
    pub participle: Adjective,
}

/// Masculine nouns of a support desk of a Brazilian ERP.
#[rustfmt::skip]
const NOUNS_M: &[&str] = &[
    "arquivo", "cliente", "sistema", "servidor", "certificado", "cadastro", "usuário", "produto",
    "pedido", "relatório", "campo", "valor", "código", "número", "documento", "lançamento",
    "pagamento", "recebimento", "faturamento", "cancelamento", "fechamento", "estoque",
    "inventário", "lote", "item", "computador", "terminal", "cupom", "boleto", "banco", "título",
    "contrato", "fornecedor", "destinatário", "emitente", "transportador", "protocolo", "evento",
    "retorno", "envio", "processo", "acesso", "backup", "erro", "aviso", "alerta", "registro",
    "histórico", "parâmetro", "módulo", "menu", "botão", "ícone", "atalho", "navegador", "endereço",
    "telefone", "contato", "prazo", "período", "dia", "ano", "horário", "ambiente", "perfil",
    "grupo", "setor", "departamento", "chamado", "atendimento", "técnico", "analista", "contador",
    "operador", "vendedor", "gerente", "motorista", "veículo", "frete", "imposto", "tributo",
    "desconto", "acréscimo", "saldo", "débito", "crédito", "extrato", "limite", "cheque", "cartão",
    "depósito", "plano", "orçamento", "preço", "custo", "resumo", "detalhe", "tipo", "modelo",
    "formato", "leiaute", "diretório", "caminho", "disco", "espaço", "cabo", "roteador", "programa",
    "aplicativo", "instalador", "serviço", "processamento", "login", "e-mail", "link", "site",
    "portal", "painel", "gráfico", "filtro", "critério", "agendamento", "vencimento", "recibo",
    "comprovante", "ajuste", "estorno", "reajuste", "índice", "percentual", "cálculo",
    "arredondamento", "bloqueio", "desbloqueio", "token", "leitor", "teclado", "monitor", "papel",
    "nível", "canal", "manual", "sinal", "ramal", "emissor", "mapa", "armazém", "bairro",
    "município", "estado", "nome", "motivo", "tamanho", "intervalo", "minuto", "relógio", "fuso",
    "idioma", "padrão", "talão", "balcão", "colaborador", "par", "local", "total", "lojista",
    "consumidor", "contribuinte", "regime", "cenário", "controle", "volume", "peso", "endpoint",
    "certificador", "firmware", "atraso", "desvio", "conteúdo", "arquivamento", "vínculo",
    "cabeçalho", "rodapé", "sufixo", "prefixo", "dígito", "carimbo", "selo", "abatimento", "rateio",
    "repasse", "adiantamento",
];

/// Feminine nouns.
#[rustfmt::skip]
const NOUNS_F: &[&str] = &[
    "nota", "fatura", "duplicata", "empresa", "filial", "matriz", "loja", "venda", "compra",
    "devolução", "emissão", "transmissão", "autorização", "rejeição", "inutilização",
    "contingência", "configuração", "instalação", "atualização", "versão", "senha", "chave",
    "assinatura", "tela", "janela", "aba", "guia", "opção", "mensagem", "imagem", "impressora",
    "etiqueta", "balança", "gaveta", "conexão", "rede", "internet", "porta", "pasta", "base",
    "tabela", "coluna", "linha", "consulta", "pesquisa", "busca", "lista", "planilha", "conta",
    "categoria", "classificação", "operação", "natureza", "alíquota", "substituição", "apuração",
    "escrituração", "obrigação", "declaração", "competência", "data", "hora", "semana",
    "quantidade", "unidade", "embalagem", "mercadoria", "entrada", "saída", "transferência",
    "remessa", "carga", "entrega", "coleta", "cobrança", "baixa", "conciliação", "parcela", "taxa",
    "multa", "tarifa", "margem", "comissão", "meta", "permissão", "restrição", "regra", "política",
    "licença", "ativação", "validade", "vigência", "inscrição", "razão", "situação", "condição",
    "forma", "origem", "ordem", "etapa", "tarefa", "rotina", "sincronização", "integração",
    "exportação", "importação", "migração", "cópia", "restauração", "limpeza", "manutenção",
    "reinstalação", "falha", "queda", "lentidão", "resposta", "solicitação", "demanda",
    "prioridade", "fila", "central", "equipe", "área", "seção", "página", "função", "tecla",
    "partição", "memória", "placa", "fonte", "bateria", "tomada", "câmera", "leitura", "digitação",
    "numeração", "série", "sequência", "carta", "correção", "observação", "descrição",
    "justificativa", "informação", "orientação", "instrução", "dúvida", "reclamação", "ocorrência",
    "notificação", "credencial", "autenticação", "sessão", "cidade", "região", "alteração",
    "exclusão", "inclusão", "edição", "gravação", "impressão", "visualização", "operadora",
    "adquirente", "bandeira", "maquininha", "transação", "estação", "instância", "biblioteca",
    "dependência", "extensão", "variável", "vez", "luz", "contagem", "postagem", "nuvem",
    "homologação", "produção", "tributação", "isenção", "redução", "retenção", "bonificação",
    "consignação", "industrialização", "exportadora", "distribuidora", "transportadora",
    "filtragem", "checagem", "triagem", "agenda", "fatia", "vírgula", "casa", "ponta",
];

/// Adjectives in the masculine singular; `+` marks those that make an adverb in *-mente*.
#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "correto+", "errado", "inválido", "válido", "antigo", "novo+", "atual+", "anterior+",
    "seguinte", "próximo", "último", "primeiro", "principal+", "fiscal+", "digital+", "eletrônico+",
    "manual+", "automático+", "obrigatório+", "opcional+", "necessário+", "disponível",
    "indisponível", "compatível", "incompatível", "responsável", "possível+", "impossível",
    "visível+", "estável", "instável", "lento+", "rápido+", "completo+", "incompleto", "parcial+",
    "total+", "mensal+", "anual+", "diário+", "semanal+", "estadual", "federal", "municipal",
    "nacional+", "local+", "remoto+", "externo+", "interno+", "físico+", "jurídico+", "tributário",
    "contábil+", "financeiro+", "comercial+", "cadastral", "bancário", "pendente", "recente+",
    "frequente+", "diferente+", "igual+", "vigente", "corrente+", "permanente+", "temporário",
    "provisório+", "definitivo+", "original+", "oficial+", "específico+", "genérico", "único+",
    "múltiplo", "vazio", "cheio", "aberto", "fechado", "ativo+", "inativo", "gratuito+", "claro+",
    "objetivo+", "exato+", "divergente", "inconsistente", "consistente+", "seguro+", "inseguro",
    "crítico", "grave+", "leve+", "urgente+", "importante", "comum+", "raro", "grande", "pequeno",
    "longo", "curto", "alto", "baixo", "máximo", "mínimo", "médio", "mesmo", "outro", "certo+",
    "devido+", "indevido+", "irregular+", "regular+", "similar+", "posterior+", "superior",
    "inferior", "técnico+", "prático+", "fácil+", "difícil", "útil", "inútil", "legível",
    "ilegível", "numérico", "alfanumérico", "sensível+", "intermitente+", "pago", "denegado",
    "vencido", "simultâneo+", "imediato+", "eventual+", "individual+", "geral+", "padronizado",
    "retroativo+", "sucessivo+", "integral+", "duplo", "triplo", "independente+", "excessivo+",
    "breve+",
];

/// Regular verbs in the infinitive. `|x` gives the subjunctive's stem when the spelling
/// changes (`conferir|confir` → `confira`); `/p` an irregular participle (`abrir/aberto`).
#[rustfmt::skip]
const VERBS: &[&str] = &[
    // -ar
    "acessar", "alterar", "anotar", "apagar", "aplicar", "apurar", "arquivar", "assinar",
    "atualizar", "autorizar", "aguardar", "ajustar", "avisar", "baixar", "buscar", "cadastrar",
    "calcular", "cancelar", "carregar", "cobrar", "colar", "comparar", "completar", "confirmar",
    "conectar", "consultar", "contatar", "continuar", "copiar", "criar", "desativar", "desconectar",
    "descartar", "desmarcar", "destacar", "digitar", "duplicar", "editar", "eliminar", "encerrar",
    "encaminhar", "enviar", "entregar/entregue", "estornar", "executar", "exportar", "faturar",
    "finalizar", "fechar", "filtrar", "formatar", "gerar", "gravar", "habilitar", "homologar",
    "identificar", "importar", "indicar", "informar", "iniciar", "instalar", "integrar",
    "inutilizar", "ligar", "limpar", "listar", "liberar", "localizar", "marcar", "migrar",
    "monitorar", "mudar", "notificar", "orientar", "pagar/pago", "parametrizar", "pesquisar",
    "processar", "programar", "quitar", "registrar", "reenviar", "reiniciar", "reinstalar",
    "rejeitar", "relacionar", "renovar", "reparar", "restaurar", "retornar", "revisar",
    "salvar/salvo", "selecionar", "sincronizar", "solicitar", "somar", "tentar", "testar",
    "transmitir", "travar", "trocar", "utilizar", "validar", "verificar", "visualizar", "vincular",
    "zerar", "agendar", "alocar", "analisar", "anexar", "apontar", "armazenar", "associar",
    "calibrar", "capturar", "centralizar", "checar", "classificar", "clicar", "compartilhar",
    "configurar", "contabilizar", "declarar", "demonstrar", "depurar", "desinstalar", "detalhar",
    "documentar", "efetuar", "encontrar", "escriturar", "esperar", "explicar", "fixar", "gerenciar",
    "investigar", "lançar", "levantar", "manifestar", "montar", "movimentar", "navegar", "ocultar",
    "ordenar", "organizar", "parar", "pausar", "perguntar", "planejar", "postar", "priorizar",
    "publicar", "recalcular", "recuperar", "reprocessar", "retirar", "revalidar", "rodar",
    "separar", "simular", "terminar", "transportar", "usar", "cruzar", "datar", "destravar",
    "divulgar", "endereçar", "espelhar", "etiquetar", "filtrar", "habilitar", "justificar",
    "negociar", "numerar", "totalizar", "contingenciar", "autenticar", "averbar", "baixar",
    // -er
    "receber", "atender", "responder", "escolher", "preencher", "devolver", "resolver", "vender",
    "suspender", "converter", "remover", "depender", "entender", "exceder", "proceder",
    "corresponder", "conceder", "reverter", "aprender", "envolver", "aparecer", "fornecer",
    "oferecer", "estabelecer", "esclarecer", "comprometer", "recolher",
    // -ir
    "emitir", "permitir", "imprimir/impresso", "decidir", "dividir", "assumir", "omitir", "admitir",
    "existir", "definir", "exibir", "cumprir", "unir", "abrir/aberto", "conferir|confir",
    "inserir|insir", "transferir|transfir", "seguir|sig", "repetir|repit", "corrigir|corrij",
    "distribuir", "excluir", "incluir", "substituir", "atribuir", "restituir", "concluir",
];

/// Words that no inflection makes: acronyms and names of a Brazilian fiscal ERP's support.
#[rustfmt::skip]
pub const TERMS: &[&str] = &[
    "NF-e", "NFC-e", "CT-e", "MDF-e", "NFS-e", "SEFAZ", "SPED", "ICMS", "IPI", "PIS", "COFINS",
    "ISS", "CFOP", "NCM", "CST", "CSOSN", "CNPJ", "CPF", "IE", "DANFE", "DACTE", "XML", "PDF",
    "SAT", "MFE", "TEF", "PIX", "CSC", "EPEC", "SVC-AN", "SVC-RS", "PVA", "EFD", "eSocial",
    "Receita Federal", "Simples Nacional", "Firebird", "SQL Server", "PostgreSQL", "Windows",
    "CliSiTef", "Qualitor", "AnyDesk", "GNRE", "DIFAL", "FCP", "CEST", "GTIN", "QR-Code",
    "webservice", "DANFE NFC-e", "Sintegra", "REINF", "DCTFWeb", "CNAB", "OFX", "API", "SMTP",
];

/// Every noun, inflected.
pub fn nouns() -> Vec<Noun> {
    let m = NOUNS_M.iter().map(|w| (w, Gender::M));
    let f = NOUNS_F.iter().map(|w| (w, Gender::F));
    m.chain(f).map(|(w, gender)| Noun { singular: w.to_string(), plural: plural(w), gender }).collect()
}

/// Every adjective, inflected.
pub fn adjectives() -> Vec<Adjective> {
    ADJECTIVES.iter().map(|entry| adjective(entry.trim_end_matches('+'), entry.ends_with('+'))).collect()
}

/// Every verb, conjugated (the list has a few repeated lemmas: they are kept once).
pub fn verbs() -> Vec<Verb> {
    let mut seen = std::collections::HashSet::new();
    VERBS.iter().filter(|entry| seen.insert(**entry)).map(|entry| verb(entry)).collect()
}

/// The plural of a noun or adjective, by the regular rules.
pub fn plural(word: &str) -> String {
    // Loanwords keep the English plural.
    if word.ends_with("mail") {
        return format!("{word}s");
    }
    if let Some(stem) = word.strip_suffix("ão") {
        return format!("{stem}ões");
    }
    if let Some(stem) = word.strip_suffix("vel") {
        return format!("{stem}veis");
    }
    if let Some(stem) = word.strip_suffix("el") {
        return format!("{stem}éis");
    }
    if let Some(stem) = word.strip_suffix("al") {
        return format!("{stem}ais");
    }
    if let Some(stem) = word.strip_suffix("il") {
        // Unstressed -il (fácil, contábil: the word has an accent elsewhere) makes -eis;
        // stressed -il (perfil) makes -is.
        return if word.chars().any(|c| "áéíóúâêô".contains(c)) {
            format!("{stem}eis")
        } else {
            format!("{stem}is")
        };
    }
    if let Some(stem) = word.strip_suffix('m') {
        return format!("{stem}ns");
    }
    if word.ends_with(['r', 'z']) {
        return format!("{word}es");
    }
    format!("{word}s")
}

fn adjective(masculine: &str, makes_adverb: bool) -> Adjective {
    let feminine = match masculine.strip_suffix('o') {
        Some(stem) => format!("{stem}a"),
        None => masculine.to_string(),
    };
    let forms = [masculine.to_string(), feminine.clone(), plural(masculine), plural(&feminine)];
    // The adverb drops the acute and circumflex accents (rápida → rapidamente).
    let adverb = makes_adverb.then(|| format!("{}mente", feminine.chars().map(drop_accent).collect::<String>()));
    Adjective { forms, adverb }
}

fn drop_accent(c: char) -> char {
    match c {
        'á' | 'â' => 'a',
        'é' | 'ê' => 'e',
        'í' => 'i',
        'ó' | 'ô' => 'o',
        'ú' => 'u',
        other => other,
    }
}

fn verb(entry: &str) -> Verb {
    let (entry, participle) = match entry.split_once('/') {
        Some((e, p)) => (e, Some(p)),
        None => (entry, None),
    };
    let (infinitive, subjunctive_stem) = match entry.split_once('|') {
        Some((e, s)) => (e, Some(s.to_string())),
        None => (entry, None),
    };
    let stem = &infinitive[..infinitive.len() - 2];
    let class = &infinitive[infinitive.len() - 2..];
    // -uir verbs (incluir, distribuir) write -ui, -uí where the others write -e, -i.
    let uir = class == "ir" && stem.ends_with('u');
    let (theme, past_theme) = match (class, uir) {
        ("ar", _) => ("a", "a"),
        ("er", _) => ("e", "e"),
        (_, true) => ("e", "í"),
        _ => ("e", "i"),
    };
    let present = if uir {
        [format!("{stem}i"), format!("{stem}em")]
    } else {
        [format!("{stem}{theme}"), format!("{stem}{theme}m")]
    };
    let preterite = match class {
        "ar" => [format!("{stem}ou"), format!("{stem}aram")],
        "er" => [format!("{stem}eu"), format!("{stem}eram")],
        _ => [format!("{stem}iu"), format!("{stem}{past_theme}ram")],
    };
    let imperfect = match (class, uir) {
        ("ar", _) => [format!("{stem}ava"), format!("{stem}avam")],
        (_, true) => [format!("{stem}ía"), format!("{stem}íam")],
        _ => [format!("{stem}ia"), format!("{stem}iam")],
    };
    let subjunctive = {
        // The stem the first person singular would have: the spelling keeps the sound
        // (verificar → verifique, entregar → entregue, lançar → lance, aparecer → apareça).
        let s = subjunctive_stem.unwrap_or_else(|| match class {
            "ar" => respell_before_e(stem),
            _ if stem.ends_with('c') => format!("{}ç", &stem[..stem.len() - 1]),
            _ => stem.to_string(),
        });
        let vowel = if class == "ar" { "e" } else { "a" };
        [format!("{s}{vowel}"), format!("{s}{vowel}m")]
    };
    let participle = match participle {
        Some(p) => adjective(p, false),
        None if uir => adjective(&format!("{stem}ído"), false),
        None => adjective(&format!("{stem}{}do", if class == "ar" { "a" } else { "i" }), false),
    };
    Verb {
        infinitive: infinitive.to_string(),
        present,
        preterite,
        imperfect,
        future: [format!("{infinitive}á"), format!("{infinitive}ão")],
        conditional: format!("{infinitive}ia"),
        subjunctive,
        past_subjunctive: [format!("{stem}{past_theme}sse"), format!("{stem}{past_theme}ssem")],
        future_subjunctive_plural: if uir { format!("{stem}írem") } else { format!("{infinitive}em") },
        gerund: format!("{stem}{}ndo", &class[..1]),
        participle,
    }
}

/// An -ar stem spelled for an ending in -e: c → qu, g → gu, ç → c.
fn respell_before_e(stem: &str) -> String {
    if let Some(s) = stem.strip_suffix('c') {
        format!("{s}qu")
    } else if let Some(s) = stem.strip_suffix('g') {
        format!("{s}gu")
    } else if let Some(s) = stem.strip_suffix('ç') {
        format!("{s}c")
    } else {
        stem.to_string()
    }
}

/// Every distinct form these lists make, for counting.
pub fn all_forms() -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for n in nouns() {
        out.extend([n.singular, n.plural]);
    }
    for a in adjectives() {
        out.extend(a.forms);
        out.extend(a.adverb);
    }
    for v in verbs() {
        out.insert(v.infinitive);
        for pair in [v.present, v.preterite, v.imperfect, v.future, v.subjunctive, v.past_subjunctive] {
            out.extend(pair);
        }
        out.extend([v.conditional, v.future_subjunctive_plural, v.gerund]);
        out.extend(v.participle.forms);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_follow_the_rules() {
        let cases = [
            ("nota", "notas"),
            ("emissão", "emissões"),
            ("botão", "botões"),
            ("nível", "níveis"),
            ("papel", "papéis"),
            ("canal", "canais"),
            ("perfil", "perfis"),
            ("contábil", "contábeis"),
            ("item", "itens"),
            ("armazém", "armazéns"),
            ("servidor", "servidores"),
            ("vez", "vezes"),
            ("e-mail", "e-mails"),
        ];
        for (word, expected) in cases {
            assert_eq!(plural(word), expected, "{word}");
        }
    }

    #[test]
    fn adjectives_agree_and_make_adverbs() {
        let a = adjective("rápido", true);
        assert_eq!(a.forms, ["rápido", "rápida", "rápidos", "rápidas"]);
        assert_eq!(a.adverb.as_deref(), Some("rapidamente"));
        let f = adjective("fácil", true);
        assert_eq!((f.agree(Gender::F, true), f.adverb.as_deref()), ("fáceis", Some("facilmente")));
        assert_eq!(adjective("comum", true).agree(Gender::M, true), "comuns");
    }

    #[test]
    fn verbs_are_conjugated_with_their_spelling_changes() {
        let v = verb("verificar");
        assert_eq!(v.subjunctive, ["verifique", "verifiquem"]);
        assert_eq!(
            (v.present[0].as_str(), v.preterite[0].as_str(), v.gerund.as_str()),
            ("verifica", "verificou", "verificando")
        );
        assert_eq!(v.past_subjunctive[0], "verificasse");
        assert_eq!(verb("entregar").subjunctive[0], "entregue");
        assert_eq!(verb("lançar").subjunctive[0], "lance");
        assert_eq!(verb("aparecer").subjunctive[0], "apareça");
        let r = verb("receber");
        assert_eq!(
            [&r.present[1], &r.preterite[0], &r.imperfect[0], &r.subjunctive[0]],
            ["recebem", "recebeu", "recebia", "receba"]
        );
        assert_eq!(r.participle.forms[1], "recebida");
        let e = verb("emitir");
        assert_eq!(
            [&e.present[0], &e.preterite[0], &e.past_subjunctive[0], &e.gerund],
            ["emite", "emitiu", "emitisse", "emitindo"]
        );
        assert_eq!(verb("conferir|confir").subjunctive[0], "confira");
        assert_eq!(verb("abrir/aberto").participle.forms[3], "abertas");
        let i = verb("incluir");
        assert_eq!(
            [&i.present[0], &i.imperfect[0], &i.participle.forms[0], &i.subjunctive[0]],
            ["inclui", "incluía", "incluído", "inclua"]
        );
        assert_eq!(
            (verb("atualizar").future[1].as_str(), verb("atualizar").conditional.as_str()),
            ("atualizarão", "atualizaria")
        );
    }

    #[test]
    fn the_lists_make_thousands_of_distinct_forms() {
        let forms = all_forms();
        assert!(forms.len() >= 4000, "{} forms", forms.len());
        assert!(forms.iter().all(|f| f.chars().all(|c| c.is_alphabetic() || c == '-')), "only words");
    }
}
